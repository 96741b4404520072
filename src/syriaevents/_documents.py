"""Any document of the archive: ``parse`` recognises what it is given, ``load`` reads files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._errors import ParseError
from ._formats.article import parse_article
from ._formats.day_page import parse_day
from ._formats.event_page import parse_event
from ._formats.html import from_html
from ._formats.json import from_json
from ._formats.xml import from_xml
from ._models import Article, Day, Event
from ._text import decode_utf8

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FORMS",
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

# Archive pages open with the Formats line (current layouts) or their date heading:
# "### [2017-05-4](...)" for an event page, "## [2017-05-4](...)" for a day page.
_EVENT_HEADING = "### ["
_DAY_HEADING = "## ["


def page_kind(text: str) -> str | None:
    """``"event"`` or ``"day"`` for an archive page, None for anything else (an article)."""
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    if text.startswith("Formats:", start):
        # The heading after the Formats line tells; anything else is an event page
        # whose reader says what is wrong with it.
        end = text.find("\n", start)
        rest = text[end:].lstrip(" \t\r\n") if end >= 0 else ""
        return "day" if rest.startswith(_DAY_HEADING) else "event"
    if text.startswith(_EVENT_HEADING, start):
        return "event"
    return "day" if text.startswith(_DAY_HEADING, start) else None


def parse(text: str) -> Event | Day | Article:
    """Read an archive page into an Event or a Day, anything else as an Article."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    kind = page_kind(text)
    if kind == "event":
        return parse_event(text)
    return parse_day(text) if kind == "day" else parse_article(text)


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


def read_document(text: str, form: str) -> Event | Day | Article:
    """Read a document of the given form (``md`` for pages and articles)."""
    return _READERS[form](text)


def load(path: str | os.PathLike[str]) -> Event | Day | Article:
    """Read a file (UTF-8, BOM tolerated) in the form its extension names.

    ``.json``, ``.xml`` and ``.html`` files are read as those forms; anything else is
    given to :func:`parse` (event and day pages, scraped articles).
    """
    return read_document(decode_utf8(Path(path).read_bytes(), bom=True), form_of(path))


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


def iter_load(source: str | os.PathLike[str]) -> Iterator[Event | Day | Article]:
    """The documents of a file or of a folder (recursively), read one at a time.

    Only one document is held at once, so memory stays flat however many files there
    are. A file that cannot be read raises :class:`ParseError` naming the file.
    """
    for path in files_in([source]):
        try:
            yield load(path)
        except ParseError as exc:
            raise ParseError(
                f"{path}: {exc.message}", line=exc.line, column=exc.column, path=exc.path
            ) from exc
