"""Any document, from text or from files: ``parse`` recognises what it is given,
``load`` reads a file, ``iter_load`` and ``load_all`` read folders.

Reading a folder, only regular files with a document suffix are read; symbolic links
are not followed unless asked (and then only to files inside the folder); a file
larger than ``max_bytes`` is refused before it is read. A file that cannot be read at
all raises :class:`UnreadableFileError` (an ``OSError``), a document that cannot be
understood :class:`ParseError` (a ``ValueError``); both name the file, and with
``errors="report"`` both become :class:`Problem` records instead, so that a crawl of
100,000 files goes on past the bad ones.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, overload

import attrs

from ._converter import kind_of
from ._errors import ParseError, UnreadableFileError
from ._formats import KINDS, Form, ReadHints, check_kind, form_for_file, form_named, sniff
from ._models import Document
from ._paths import EVENT_PATH
from ._text import as_text, decode_utf8

__all__ = [
    "DOCUMENT_SUFFIXES",
    "KINDS",
    "MAX_BYTES",
    "Loaded",
    "Problem",
    "expect_kind",
    "files_in",
    "iter_load",
    "load",
    "load_all",
    "load_bytes",
    "parse",
    "read_bytes",
    "read_document",
    "try_load",
]

# The files a folder holds that are read as documents by default: archive pages and
# scraped text (the Markdown form's suffixes).
DOCUMENT_SUFFIXES = frozenset(form_named("md").suffixes)
# The largest file read as one document (larger ones are refused unread).
MAX_BYTES = 64 * 1024 * 1024
_A = {"event": "an event", "day": "a day", "article": "an article"}
# A file stored where the archive keeps an event page: ".../news/2017/05/4/<slug>.md".
_ARCHIVE_FILE = re.compile(rf"(?:^|/)({EVENT_PATH.pattern[1:]})\.md$")

Errors = Literal["stop", "report"]


@attrs.frozen(kw_only=True)
class Problem:
    """A file that could not be read (``kind="file"``) or not understood
    (``kind="document"``): where, and what was expected. ``str()`` gives
    ``file:line:col: message``, as compilers and editors show problems."""

    file: str
    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None  # the field path in a JSON or XML document

    @classmethod
    def of(cls, file: str | os.PathLike[str], error: ParseError | UnreadableFileError) -> Problem:
        """The record of an error met reading ``file``."""
        if isinstance(error, UnreadableFileError):
            return cls(file=os.fspath(file), kind="file", message=error.reason)
        return cls(
            file=os.fspath(file),
            kind="document",
            message=error.message,
            line=error.line,
            column=error.column,
            field=error.path,
        )

    def __str__(self) -> str:
        if self.kind == "file":
            return f"{self.file}: {self.message}"
        return str(
            ParseError(self.message, line=self.line, column=self.column, path=self.field).in_file(
                self.file
            )
        )


@attrs.frozen(kw_only=True)
class Loaded:
    """What :func:`load_all` read: the documents, and a problem record per bad file."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def expect_kind(document: Document, kind: str | None) -> None:
    """ParseError unless ``document`` is of ``kind`` (None: any kind)."""
    if kind is not None and kind_of(document) != kind:
        raise ParseError(f"expected {_A[kind]}, found {_A[kind_of(document)]}")


def read_document(text: str, form: Form, hints: ReadHints | None = None) -> Document:
    """Read a document of the given form; ``hints.kind`` is what it must hold."""
    hints = hints or ReadHints()
    if form.read is None:
        raise ParseError(f"the {form.name} form cannot be read, only written")
    document = form.read(text, hints)
    expect_kind(document, hints.kind)
    return document


def parse(text: str | bytes, *, kind: str | None = None, url: str | None = None) -> Document:
    """Read a document of any form, recognised from its text (a str or UTF-8 bytes).

    JSON, XML and HTML documents are known by their first characters; anything else is
    an archive page or a scraped article (see :func:`~syriaevents.from_markdown`): text
    that starts like an archive page is read as one, or refused with that reader's
    :class:`ParseError`, never taken for an article. ``kind`` (``"event"``, ``"day"``
    or ``"article"``) is what the text must hold; ``url`` is an article's address
    (see :func:`parse_article`).
    """
    hints = ReadHints(kind=kind, url=url)  # the caller's errors, before the text is read
    text = as_text(text, "parse")
    return read_document(text, sniff(text), hints)


def archive_path_of_file(path: str | os.PathLike[str]) -> str | None:
    """The archive path of an event page stored at its archive path, else None."""
    match = _ARCHIVE_FILE.search(Path(path).as_posix())
    return None if match is None or match[1].endswith("/index") else "/" + match[1]


def read_bytes(
    path: str | os.PathLike[str], max_bytes: int = MAX_BYTES, *, special: bool = True
) -> bytes:
    """A file's bytes, at most ``max_bytes`` of them; :class:`UnreadableFileError` for a
    folder, a missing file, or (unless ``special``: a file named on purpose, such as
    ``/dev/stdin``) anything that is not a regular file."""
    name = os.fspath(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise UnreadableFileError(name, exc.strerror or str(exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFileError(name, "is a folder: read folders with iter_load or load_all")
    if not (stat.S_ISREG(info.st_mode) or special):
        raise UnreadableFileError(name, "is not a regular file (a device, a pipe or a socket)")
    if info.st_size > max_bytes:
        raise UnreadableFileError(
            name, f"is {info.st_size:,} bytes, more than the {max_bytes:,} allowed (max_bytes)"
        )
    try:
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFileError(name, exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise UnreadableFileError(name, f"grew past the {max_bytes:,} bytes allowed")
    return data


def load_bytes(
    data: bytes,
    name: str,
    *,
    kind: str | None = None,
    url: str | None = None,
    form: Form | None = None,
) -> Document:
    """A document from a file's bytes (UTF-8, BOM tolerated), as :func:`load` reads it:
    in ``form``, or the form the file ``name``'s suffix names, or else the form its text
    shows; errors name ``name``."""
    hints = ReadHints(kind=kind, url=url, path=archive_path_of_file(name))
    return _read_file(data, name, hints, form)


def _read_file(data: bytes, name: str, hints: ReadHints, form: Form | None) -> Document:
    try:
        text = decode_utf8(data, bom=True)
        if form is None:
            form = form_for_file(name)
            if form.name == "md":  # no data form's suffix: recognise the form by the text
                form = sniff(text)
        return read_document(text, form, hints)
    except ParseError as exc:
        raise exc.in_file(name) from exc


def try_load(
    path: str | os.PathLike[str], *, kind: str | None = None, max_bytes: int = MAX_BYTES
) -> Document | Problem:
    """A file as :func:`load` reads it, or the :class:`Problem` that stopped it."""
    try:
        return load(path, kind=kind, max_bytes=max_bytes)
    except (ParseError, UnreadableFileError) as exc:
        return Problem.of(path, exc)


def load(
    path: str | os.PathLike[str],
    *,
    kind: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a file (UTF-8, BOM tolerated) in the form its suffix names.

    ``.json``, ``.xml`` and ``.html`` files are read as those forms; anything else is an
    archive page or a scraped article (see :func:`parse`), with ``kind`` and an
    article's ``url`` if given. An event page without a Formats line stored at its
    archive path (``…/news/YYYY/MM/D/<slug>.md``) takes its path from the file.
    Raises :class:`ParseError` or :class:`UnreadableFileError`, both naming the file.
    """
    # The caller's errors (kind, url) come before the file's.
    hints = ReadHints(kind=kind, url=url, path=archive_path_of_file(path))
    return _read_file(read_bytes(path, max_bytes), os.fspath(path), hints, None)


def files_in(
    sources: Iterable[str | os.PathLike[str]],
    suffixes: Iterable[str] = DOCUMENT_SUFFIXES,
    *,
    follow_links: bool = False,
) -> Iterator[Path | Problem]:
    """The files given, and those in the folders given with one of ``suffixes``
    (recursively, in name order; by default pages and articles: ``.md``, ``.txt``).

    In folders only regular files are read (a folder named like a document is walked
    into): a symbolic link is a problem, unless
    ``follow_links``, and then only when it leads to a file or folder inside the folder
    walked; devices, pipes and sockets are problems. Folders are walked lazily, one
    listing at a time.
    """
    wanted = frozenset(suffix.lower() for suffix in suffixes)
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            yield path
            continue
        root = path.resolve()
        for folder, subfolders, names in os.walk(path, followlinks=follow_links):
            subfolders[:] = sorted(
                name for name in subfolders if _inside(Path(folder, name), root, follow_links)
            )
            for name in sorted(names):
                found = Path(folder, name)
                if os.path.splitext(name)[1].lower() not in wanted:
                    continue
                if not found.is_symlink() and not found.is_file():
                    yield Problem(
                        file=str(found),
                        kind="file",
                        message="is not a regular file (a device, a pipe or a socket)",
                    )
                    continue
                if found.is_symlink() and not _inside(found, root, follow_links):
                    reason = "leads outside the folder" if follow_links else "is not followed"
                    yield Problem(
                        file=str(found),
                        kind="file",
                        message=f"is a symbolic link, which {reason}"
                        + ("" if follow_links else " (follow_links=True, --follow-links)"),
                    )
                    continue
                yield found


def _inside(path: Path, root: Path, follow_links: bool) -> bool:
    """Whether a folder entry may be walked: not a link, or a followed link into root."""
    if not path.is_symlink():
        return True
    return follow_links and path.resolve().is_relative_to(root)


@overload
def iter_load(
    source: str | os.PathLike[str],
    *,
    kind: str | None = ...,
    errors: Literal["stop"] = ...,
    suffixes: Iterable[str] = ...,
    follow_links: bool = ...,
    max_bytes: int = ...,
) -> Iterator[Document]: ...


@overload
def iter_load(
    source: str | os.PathLike[str],
    *,
    kind: str | None = ...,
    errors: Literal["report"],
    suffixes: Iterable[str] = ...,
    follow_links: bool = ...,
    max_bytes: int = ...,
) -> Iterator[Document | Problem]: ...


def iter_load(
    source: str | os.PathLike[str],
    *,
    kind: str | None = None,
    errors: Errors = "stop",
    suffixes: Iterable[str] = DOCUMENT_SUFFIXES,
    follow_links: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document | Problem]:
    """The documents of a file or of a folder (recursively), read one at a time.

    Only one document is held at once, so memory stays flat however many files there
    are. ``errors="stop"`` (the default) raises at the first bad file
    (:class:`ParseError` or :class:`UnreadableFileError`, naming it); ``"report"``
    yields a :class:`Problem` for each bad file and goes on.
    """
    check_kind(kind)
    if errors not in ("stop", "report"):
        raise ValueError(f"errors must be 'stop' or 'report', not {errors!r}")
    for found in files_in([source], suffixes, follow_links=follow_links):
        if isinstance(found, Problem):
            if errors == "stop":
                raise UnreadableFileError(found.file, found.message)
            yield found
            continue
        if errors == "stop":
            yield load(found, kind=kind, max_bytes=max_bytes)
        else:
            yield try_load(found, kind=kind, max_bytes=max_bytes)


def load_all(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    kind: str | None = None,
    suffixes: Iterable[str] = DOCUMENT_SUFFIXES,
    follow_links: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Loaded:
    """Every document of some files and folders, and a :class:`Problem` for each file
    that could not be read or understood (the others are read all the same)."""
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    documents: list[Document] = []
    problems: list[Problem] = []
    for source in sources:
        for item in iter_load(
            source,
            kind=kind,
            errors="report",
            suffixes=suffixes,
            follow_links=follow_links,
            max_bytes=max_bytes,
        ):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                documents.append(item)
    return Loaded(documents=tuple(documents), problems=tuple(problems))
