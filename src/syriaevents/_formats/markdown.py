"""The archive's Markdown pages: ``to_markdown`` writes an event page or a day page.

The readers are :func:`~syriaevents.parse_event` (``event_page``) and
:func:`~syriaevents.parse_day` (``day_page``); :func:`~syriaevents.parse` tells the
two apart by themselves.
"""

from __future__ import annotations

from .._errors import SerializationError
from .._models import Day, Event
from . import day_page, event_page

__all__ = ["to_markdown"]


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
