"""A timeline of events per month, drawn as inline SVG.

:func:`month_counts` counts an ``events`` table (or any events) per month, gaps
included; :func:`timeline_svg` draws the counts as bars with year ticks. The drawing
needs no JavaScript, no stylesheet and no colour to be read: bars take the text
colour (``currentColor``), every bar has a ``<title>`` with its month and count, the
busiest month is labelled in text, and the whole has a ``<title>``, a ``<desc>`` and
an ``aria-label``. Every text is escaped.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from ._dates import MONTHS
from ._formats._frame import attribute, text

__all__ = ["Month", "month_counts", "timeline_svg"]

# The drawing's fixed parts, in SVG user units.
_PLOT_HEIGHT = 120
_TOP = 24  # room for the busiest month's label
_AXIS = 34  # below the bars: ticks and year labels
_LEFT = 36  # left of the bars: the scale's labels
_RIGHT = 8
_YEAR_LABEL = 32  # the width a year's label needs


class Month(NamedTuple):
    """A month (its first day) and the number of events it holds."""

    start: datetime.date
    events: int


def month_counts(events: Any) -> tuple[Month, ...]:
    """Events per month, from the first month with events to the last, empty months
    included (count 0).

    ``events`` is an ``events`` table of :mod:`syriaevents.tables` (anything with a
    ``date`` column: a pyarrow Table or a pandas DataFrame) or an iterable of objects
    with a ``date``, such as :class:`~syriaevents.Event`.
    """
    dates: Iterable[datetime.date]
    if hasattr(events, "column_names"):  # a pyarrow Table
        dates = events.column("date").to_pylist()
    elif hasattr(events, "columns"):  # a pandas DataFrame
        dates = events["date"].tolist()
    else:
        dates = (event.date for event in events)
    counts = Counter((date.year, date.month) for date in dates if date is not None)
    if not counts:
        return ()
    (year, month), last = min(counts), max(counts)
    months = []
    while (year, month) <= last:
        months.append(Month(datetime.date(year, month, 1), counts[year, month]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _month_name(start: datetime.date) -> str:
    """``"March 2017"``, in English whatever the locale."""
    return f"{MONTHS[start.month - 1]} {start.year}"


def _counted(count: int) -> str:
    return f"{count:,} event" if count == 1 else f"{count:,} events"


def timeline_svg(
    counts: Sequence[Month], *, title: str = "Events per month", width: int = 720
) -> str:
    """The counts as an SVG bar chart, ``width`` units wide, ready to inline in HTML.

    ``title`` names the chart (escaped: any text is safe). Without counts the chart
    says that there are no events.
    """
    label = attribute(title)
    height = _TOP + _PLOT_HEIGHT + _AXIS
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img"'
        f' aria-label="{label}" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" fill="currentColor" font-family="sans-serif" font-size="11">'
        f"<title>{label}</title>"
    )
    if not counts:
        return (
            f"{head}<desc>No events.</desc>"
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle">No events</text></svg>'
        )
    total = sum(month.events for month in counts)
    busiest = max(counts, key=lambda month: month.events)  # the first of equals
    first, last = counts[0].start, counts[-1].start
    description = (
        f"{_counted(total)} from {_month_name(first)} to {_month_name(last)};"
        f" the busiest month is {_month_name(busiest.start)} with {_counted(busiest.events)}."
    )
    step = (width - _LEFT - _RIGHT) / len(counts)
    scale = _PLOT_HEIGHT / max(busiest.events, 1)
    base = _TOP + _PLOT_HEIGHT
    parts = [head, f"<desc>{text(description)}</desc>"]
    # The scale: the busiest count at the top, zero at the base line.
    parts.append(
        f'<g class="scale" text-anchor="end">'
        f'<text x="{_LEFT - 4}" y="{_TOP + 4}">{busiest.events:,}</text>'
        f'<text x="{_LEFT - 4}" y="{base}">0</text>'
        f'<line x1="{_LEFT}" x2="{width - _RIGHT}" y1="{base}" y2="{base}"'
        f' stroke="currentColor" stroke-width="1"></line></g>'
    )
    parts.append('<g class="bars">')
    for index, month in enumerate(counts):
        x = _LEFT + index * step
        bar = month.events * scale
        parts.append(
            f'<rect x="{x:.2f}" y="{base - bar:.2f}" width="{max(step * 0.8, 0.5):.2f}"'
            f' height="{bar:.2f}"><title>{_month_name(month.start)}:'
            f" {_counted(month.events)}</title></rect>"
        )
    parts.append("</g>")
    # A tick at each January (and at the first month); a year's label where it has room.
    every = max(1, math.ceil(_YEAR_LABEL / (12 * step)))
    parts.append('<g class="years" text-anchor="start">')
    for index, month in enumerate(counts):
        if month.start.month == 1 or index == 0:
            x = _LEFT + index * step
            parts.append(
                f'<line x1="{x:.2f}" x2="{x:.2f}" y1="{base}" y2="{base + 6}"'
                f' stroke="currentColor" stroke-width="1"></line>'
            )
            if month.start.year % every == 0 or index == 0:
                parts.append(f'<text x="{x:.2f}" y="{base + 18}">{month.start.year}</text>')
    parts.append("</g>")
    # The busiest month's label over its bar, kept inside the drawing near the edges.
    x = _LEFT + (counts.index(busiest) + 0.4) * step
    anchor = "start" if x < width * 0.15 else "end" if x > width * 0.85 else "middle"
    parts.append(
        f'<text class="peak" x="{x:.2f}" y="{_TOP - 8}" text-anchor="{anchor}">'
        f"{_month_name(busiest.start)}: {_counted(busiest.events)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
