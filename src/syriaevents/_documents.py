"""Any document of the archive: ``parse`` recognises what it is given, ``load`` reads files."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._converter import kind_of
from ._errors import ParseError
from ._formats.article import parse_article
from ._formats.day_page import parse_day
from ._formats.event_page import parse_event
from ._formats.html import from_html
from ._formats.json import from_json
from ._formats.xml import from_xml
from ._models import Article, Day, Event
from ._paths import EVENT_PATH
from ._text import decode_utf8

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FORMS",
    "KINDS",
    "files_in",
    "form_of",
    "iter_load",
    "load",
    "page_kind",
    "parse",
    "read_document",
    "sniff_form",
]

# The files a folder holds that are read as documents.
DOCUMENT_SUFFIXES = frozenset({".md", ".txt"})

# How an archive page starts, loosely, so that a page with a broken character in its
# first lines still goes to the page readers (which say what is wrong), never to the
# article reader: a Formats line or heading, or a date heading, "### [2017-05-4](...)"
# for an event page and "## [2017-05-4](...)" for a day page.
_FORMATS_START = re.compile(r"(?:#{1,6}[ \t]*)?Formats[ \t]*:", re.IGNORECASE)
_DATE_HEADING_START = re.compile(r"(#{2,3})(?!#)[ \t]*+(?:\[|\S?[ \t]{0,3}\d{4})")
KINDS = ("event", "day", "article")


def _content_lines(text: str) -> Iterator[str]:
    """The lines that are not blank, as the page readers split and skip them."""
    text = text.removeprefix("\ufeff")
    newline = "\n" if "\n" in text or "\r" not in text else "\r"
    start = 0
    while start <= len(text):
        end = text.find(newline, start)
        if end < 0:
            end = len(text)
        line = text[start:end]
        if line.strip():
            yield line.strip()
        start = end + 1


def page_kind(text: str) -> str | None:
    """``"event"`` or ``"day"`` for text that starts like an archive page, else None."""
    lines = _content_lines(text)
    first = next(lines, "")
    if _FORMATS_START.match(first):
        # The date heading after the Formats line or list tells which page it is.
        for line in lines:
            heading = _DATE_HEADING_START.match(line)
            if heading:
                return "day" if len(heading[1]) == 2 else "event"
            if not line.startswith(("* ", "- ", "Formats")):
                break
        return "event"  # whose reader says what is wrong with it
    heading = _DATE_HEADING_START.match(first)
    if heading:
        return "day" if len(heading[1]) == 2 else "event"
    return None


def parse(text: str, *, kind: str | None = None, url: str | None = None) -> Event | Day | Article:
    """Read an archive event page or day page, or a scraped article.

    ``kind`` (``"event"``, ``"day"`` or ``"article"``) names what the text holds; by
    default it is recognised: text that starts like an archive page (a Formats line or
    heading, a date heading) is read as one, or refused with that reader's
    :class:`ParseError`, never taken for an article. ``url`` is an article's address
    when the caller knows it (see :func:`parse_article`).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    if kind is None:
        kind = page_kind(text) or "article"
    elif kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "event":
        return parse_event(text)
    return parse_day(text) if kind == "day" else parse_article(text, url=url)


# The forms a document can be read from, by name and by file extension.
FORMS = ("md", "json", "xml", "html")
_FORM_OF_SUFFIX = {".json": "json", ".xml": "xml", ".html": "html", ".htm": "html"}
_READERS: dict[str, Callable[[str], Event | Day | Article]] = {
    "md": parse,
    "json": from_json,
    "xml": from_xml,
    "html": from_html,
}


def form_of(path: str | os.PathLike[str]) -> str:
    """The form a file holds, by its extension: json, xml, html, else md (pages, text)."""
    return _FORM_OF_SUFFIX.get(Path(path).suffix.lower(), "md")


def sniff_form(text: str) -> str:
    """The form a text holds, by its first characters (for text without a file name)."""
    start = text.lstrip("\ufeff \t\r\n")[:15].lower()
    if start.startswith("{"):
        return "json"
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    return "xml" if start.startswith("<") else "md"


def read_document(
    text: str,
    form: str,
    *,
    kind: str | None = None,
    path: str | None = None,
    url: str | None = None,
) -> Event | Day | Article:
    """Read a document of the given form (``md`` for pages and articles).

    ``kind`` is what the document must hold (any kind when None); ``path`` is the
    archive path of an event page that does not state its own (see :func:`load`);
    ``url`` the address of a scraped article.
    """
    if form != "md":
        document = _READERS[form](text)
        if kind is not None and kind_of(document) != kind:
            raise ParseError(f"expected {_A[kind]}, found {_A[kind_of(document)]}")
        return document
    if kind is None:
        kind = page_kind(text) or "article"
    if kind == "event":
        return parse_event(text, path=path)
    return parse(text, kind=kind, url=url)


_A = {"event": "an event", "day": "a day", "article": "an article"}
# A file stored where the archive keeps an event page: ".../news/2017/05/4/<slug>.md".
_ARCHIVE_FILE = re.compile(rf"(?:^|/)({EVENT_PATH.pattern[1:]})\.md$")


def archive_path_of_file(path: str | os.PathLike[str]) -> str | None:
    """The archive path of an event page stored at its archive path, else None."""
    match = _ARCHIVE_FILE.search(Path(path).as_posix())
    return None if match is None or match[1].endswith("/index") else "/" + match[1]


def load(
    path: str | os.PathLike[str], *, kind: str | None = None, url: str | None = None
) -> Event | Day | Article:
    """Read a file (UTF-8, BOM tolerated) in the form its extension names.

    ``.json``, ``.xml`` and ``.html`` files are read as those forms; anything else is
    given to :func:`parse` (event and day pages, scraped articles), with ``kind`` and an
    article's ``url`` if given. An event page without a Formats line stored at its
    archive path (``…/news/YYYY/MM/D/<slug>.md``) takes its path from the file.
    """
    text = decode_utf8(Path(path).read_bytes(), bom=True)
    found = archive_path_of_file(path)
    return read_document(text, form_of(path), kind=kind, path=found, url=url)


def files_in(
    sources: Iterable[str | os.PathLike[str]], suffixes: Iterable[str] = DOCUMENT_SUFFIXES
) -> Iterator[Path]:
    """The files given, and those in the folders given with one of ``suffixes``
    (recursively, in name order; by default pages and articles: ``.md``, ``.txt``).

    Folders are walked lazily, one listing at a time, so that a folder of 100,000 pages
    costs its names, not 100,000 Path objects held at once.
    """
    wanted = frozenset(suffixes)
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                if os.path.splitext(name)[1] in wanted:
                    yield Path(folder, name)


def iter_load(
    source: str | os.PathLike[str], *, kind: str | None = None
) -> Iterator[Event | Day | Article]:
    """The documents of a file or of a folder (recursively), read one at a time.

    Only one document is held at once, so memory stays flat however many files there
    are. A file that cannot be read raises :class:`ParseError` naming the file.
    """
    for path in files_in([source]):
        try:
            yield load(path, kind=kind)
        except ParseError as exc:
            raise ParseError(
                f"{path}: {exc.message}", line=exc.line, column=exc.column, path=exc.path
            ) from exc
