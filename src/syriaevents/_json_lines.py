"""JSON Lines: many documents in one file, one compact JSON document per line.

``to_json_lines`` writes documents so; ``iter_json_lines`` reads them back one line at
a time, so that a file of 100,000 events is never held whole. Each line is a document
as ``to_json`` writes it, on one line; blank lines are skipped; a bad line is a
:class:`ParseError` naming its line number (and the file). See ``docs/formats.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import IO, cast

import orjson

from ._converter import unstructure
from ._documents import MAX_BYTES, expect_kind
from ._errors import ParseError, UnreadableFileError
from ._formats import check_kind
from ._formats.json import read_json
from ._models import Document

__all__ = ["iter_json_lines", "to_json_lines"]

# What one line holds: the document, compact (orjson's default), and a newline.
_LINE = orjson.OPT_APPEND_NEWLINE
_BOM = "\ufeff".encode()
# What a blank line may hold (a line of only these is skipped).
_BLANK = b" \t\r\n"


# The line separators that text may hold (models take them) and orjson writes as they
# are: written as escapes, so that every line break in the output ends a document and
# str.splitlines() splits where the documents end.
_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


def to_json_lines(documents: Iterable[Document]) -> str:
    """Write documents as JSON Lines: each one compact on its own line, newline-ended."""
    return b"".join(_line(document) for document in documents).decode("utf-8")


def _line(document: Document) -> bytes:
    line = orjson.dumps(unstructure(document), option=_LINE)
    if b"\xe2\x80" in line:  # the first two bytes of both separators
        for raw, escaped in _SEPARATORS:
            line = line.replace(raw, escaped)
    return line


def iter_json_lines(
    source: str | os.PathLike[str] | IO[bytes] | IO[str] | Iterable[str | bytes],
    *,
    kind: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document]:
    """The documents of a JSON Lines file, read one line at a time.

    ``source`` is a path (a ``str`` is a path, as for :func:`iter_load`), an open file
    (text or binary), or any iterable of lines (``text.splitlines()``: the writer escapes
    the Unicode line separators, so its lines split only where documents end). Blank lines are
    skipped; a UTF-8 byte order mark before the first line is tolerated. ``kind`` is what
    every document must hold. A bad line raises :class:`ParseError` with its line number
    (1 for the first line, blank lines counted), the column or field path within it and,
    for a path, the file; a line longer than ``max_bytes`` is refused unread. A file that
    cannot be opened raises :class:`UnreadableFileError`.
    """
    check_kind(kind)
    if isinstance(source, bytes | bytearray | memoryview):
        raise TypeError(
            "iter_json_lines() takes a path, a file or lines, not bytes:"
            " pass io.BytesIO(data) or data.splitlines()"
        )
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            file = open(name, "rb")  # noqa: SIM115 (closed by the reading generator)
        except OSError as exc:
            raise UnreadableFileError(name, exc.strerror or str(exc)) from exc
        return _documents_in_file(file, name, kind, max_bytes)
    if hasattr(source, "readline"):  # a file: read a line at a time, each bounded
        return _documents(_bounded_lines(cast(IO[bytes], source), max_bytes), kind, max_bytes)
    return _documents(source, kind, max_bytes)


def _bounded_lines(file: IO[bytes] | IO[str], max_bytes: int) -> Iterator[str | bytes]:
    """A file's lines, none read past ``max_bytes`` (and its line ending) however long."""
    while line := file.readline(max_bytes + 2):
        yield line


def _documents_in_file(
    file: IO[bytes], name: str, kind: str | None, max_bytes: int
) -> Iterator[Document]:
    with file:
        try:
            yield from _documents(_bounded_lines(file, max_bytes), kind, max_bytes)
        except ParseError as exc:
            raise exc.in_file(name) from exc
        except OSError as exc:
            raise UnreadableFileError(name, exc.strerror or str(exc)) from exc


def _documents(
    lines: Iterable[str | bytes], kind: str | None, max_bytes: int
) -> Iterator[Document]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, str):
            # Surrogates pass through to orjson, which refuses them as not UTF-8.
            line = line.encode("utf-8", "surrogatepass")
        if len(line.rstrip(b"\r\n")) > max_bytes:
            raise ParseError(f"expected a line of at most {max_bytes:,} bytes", line=number)
        if number == 1:
            line = line.removeprefix(_BOM)
        if not line.strip(_BLANK):
            continue
        # As the writer ends it: read fastest without its newline (see read_json).
        if line.endswith(b"\n"):
            line = line[:-1]
        try:
            document = read_json(line, 0)
            expect_kind(document, kind)
        except ParseError as exc:
            raise ParseError(exc.message, line=number, column=exc.column, path=exc.path) from exc
        yield document
