"""The Markdown form: the archive's pages, and scraped article text.

``to_markdown`` writes an event page or a day page (an article has no Markdown form:
the archive keeps articles as scraped text). ``from_markdown`` reads archive pages,
telling event pages from day pages by themselves, and reads anything else as a scraped
article: :func:`~syriaevents.parse_event`, :func:`~syriaevents.parse_day` and
:func:`~syriaevents.parse_article` read one kind only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._errors import SerializationError
from .._models import Day, Document, Event
from .._text import as_text
from . import Form, ReadHints, day_page, event_page
from .article import read_article

__all__ = ["FORM", "from_markdown", "page_kind", "to_markdown"]

# How an archive page starts, loosely, so that a page with a broken character in its
# first lines still goes to the page readers (which say what is wrong), never to the
# article reader: a Formats line or heading, or a date heading, "### [2017-05-4](...)"
# for an event page and "## [2017-05-4](...)" for a day page.
_FORMATS_START = re.compile(r"(?:#{1,6}[ \t]*)?Formats[ \t]*:", re.IGNORECASE)
_DATE_HEADING_START = re.compile(r"(#{2,3})(?!#)[ \t]*+(?:\[|\S?[ \t]{0,3}\d{4})")


def to_markdown(page: Event | Day) -> str:
    """Write an event or a day as an archive page.

    A page read with :func:`parse_event` or :func:`parse_day` is written back byte for
    byte (as far as it was not changed since); anything new is written in the archive's
    current layout. Raises :class:`SerializationError` for values a page cannot hold.
    """
    if isinstance(page, Event):
        _refuse("event", event_page.check_writable(page))
        return event_page.write_event(page)
    if isinstance(page, Day):
        _refuse("day", day_page.check_writable(page))
        return day_page.write_day(page)
    raise TypeError(f"to_markdown() takes an Event or a Day, not {type(page).__name__}")


def _refuse(kind: str, problems: list[str]) -> None:
    if problems:
        raise SerializationError(
            f"cannot write this {kind} as an archive page: " + "; ".join(problems)
        )


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


def from_markdown(
    text: str | bytes,
    *,
    kind: str | None = None,
    url: str | None = None,
    path: str | None = None,
) -> Document:
    """Read an archive event page or day page, or a scraped article (a str or UTF-8
    bytes).

    ``kind`` (``"event"``, ``"day"`` or ``"article"``) names what the text holds; by
    default it is recognised: text that starts like an archive page (a Formats line or
    heading, a date heading) is read as one, or refused with that reader's
    :class:`ParseError`, never taken for an article. ``url`` is an article's address
    (see :func:`parse_article`), ``path`` an event page's archive path where the page
    states none (see :func:`parse_event`).
    """
    hints = ReadHints(kind=kind, url=url, path=path)  # checks kind and url
    return _read(as_text(text, "from_markdown"), hints)


def _read(text: str, hints: ReadHints) -> Document:
    kind = hints.kind or page_kind(text) or "article"
    if kind == "event":
        return event_page.parse_event(text, path=hints.path)
    if kind == "day":
        return day_page.parse_day(text)
    return read_article(text, hints.url)


def _write(document: Document) -> str:
    if isinstance(document, Event | Day):
        return to_markdown(document)
    raise SerializationError(
        "an article has no Markdown form (the archive keeps articles as scraped text);"
        " write it as json, xml or html"
    )


FORM = Form(
    name="md",
    label="Markdown",
    suffixes=(".md", ".txt"),
    writes=frozenset({"event", "day"}),
    read=_read,
    write=_write,
)
