"""Any document of the archive: ``parse`` recognises what it is given, ``load`` reads files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._errors import ParseError
from ._formats.article import parse_article
from ._formats.event_page import parse_event
from ._models import Article, Event
from ._text import decode_utf8

__all__ = ["files_in", "is_event_page", "iter_load", "load", "parse"]

# The files a folder holds that are read as documents.
_DOCUMENT_SUFFIXES = frozenset({".md", ".txt"})

# Event pages open with the Formats line (current layout) or the date heading (older).
_EVENT_PAGE_STARTS = ("Formats:", "### [")


def is_event_page(text: str) -> bool:
    """Whether a text is an archive event page (rather than a scraped article)."""
    return text.lstrip("\ufeff \t\r\n").startswith(_EVENT_PAGE_STARTS)


def parse(text: str) -> Event | Article:
    """Read an archive event page into an Event, anything else as an Article."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    return parse_event(text) if is_event_page(text) else parse_article(text)


def load(path: str | os.PathLike[str]) -> Event | Article:
    """Read a file (UTF-8, BOM tolerated) and :func:`parse` it."""
    return parse(decode_utf8(Path(path).read_bytes(), bom=True))


def files_in(sources: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files given, and the documents in the folders given (recursively, name order).

    Folders are walked lazily, one listing at a time, so that a folder of 100,000 pages
    costs its names, not 100,000 Path objects held at once.
    """
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                if os.path.splitext(name)[1] in _DOCUMENT_SUFFIXES:
                    yield Path(folder, name)


def iter_load(source: str | os.PathLike[str]) -> Iterator[Event | Article]:
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
