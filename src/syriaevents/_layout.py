"""Layout facts: how a page read was written, kept beside the model read from it.

As tomlkit keeps its trivia beside each value: a reader keeps, for each piece of a page
(the head, the summary, each list item, each listed event), the value it was read as
and its raw lines. A writer re-uses a piece's lines only while the model still holds
that value, so an unchanged page is written back byte for byte and an edited one stays
correct. The models hold a layout in a field left out of equality, repr and every form;
a model built in code has none and is written in the canonical layout.

Only the format modules build and read these records; the models merely name their types.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

if TYPE_CHECKING:
    from ._models import Change, ListedEvent, RelatedEvent, Source

__all__ = [
    "CANONICAL",
    "CoverImage",
    "DayLayout",
    "EventHead",
    "EventLayout",
    "ListItem",
    "Raw",
    "Section",
    "Spelling",
]

T = TypeVar("T")

# Every record here is a named tuple: read by name like any record, immutable, and built
# for every page read at a fraction of the cost of a frozen attrs instance.


class Spelling(NamedTuple):
    """How a page's text is spelled as a whole: a byte order mark and its line endings."""

    bom: bool = False
    newline: str = "\n"  # what joins lines: "\n" or "\r" (for CRLF pages lines keep their "\r")
    crlf: bool = False


# How a page built in code is spelled: no byte order mark, "\n" line endings.
CANONICAL = Spelling()


class Raw(NamedTuple, Generic[T]):
    """A piece of a page: the value it was read as, and its lines as read."""

    value: T
    lines: tuple[str, ...]


class EventHead(NamedTuple):
    """What the head of an event page states, up to and including its headline."""

    date: datetime.date
    path: str
    category: str | None
    title: str


class CoverImage(NamedTuple):
    """The ``Cover Image`` line of a page's sources: the event's image, listed as a source."""

    url: str


class ListItem(NamedTuple):
    """A list item as read: its value, its number, its line and the blank lines after it."""

    value: Source | Change | RelatedEvent | CoverImage
    number: int
    line: str
    blanks: tuple[str, ...]


class Section(NamedTuple):
    """A section of an event page as read (sources, changes or related events)."""

    name: str
    heading: tuple[str, ...]  # the heading line and the blank lines after it
    items: tuple[ListItem, ...]
    tail: tuple[str, ...]  # the blank lines after the last item
    image_index: int | None  # where the cover image stood among the sources


class EventLayout(NamedTuple):
    """How an event page was written: what a writer needs to write it again as it was."""

    spelling: Spelling
    formats: str | None  # how the head states the forms (see _formats._page), None: not at all
    head: Raw[EventHead]  # the lines up to and including the headline
    summary: Raw[str | None]  # the lines from the headline to the first section
    sections: tuple[Section, ...]


class DayLayout(NamedTuple):
    """How a day page was written: each piece's value and its raw lines."""

    spelling: Spelling
    formats: str | None  # how the head states the forms (see _formats._page), None: not at all
    head: Raw[datetime.date]  # blank lines, the Formats line or list, the date heading
    events: tuple[Raw[ListedEvent], ...]  # each listed event and the blank lines after it
    footer: Raw[datetime.date | None]  # the previous day's link and what follows it
