"""The archive's day pages in Markdown: ``parse_day`` and ``write_day``.

A day page (``news/YYYY/MM/D/index.md``) lists the events of one date: per event an
optional ``##### Category``, the headline linked to the event's page, and a summary
line or the event's full tag list (``_Context: …_``); at the end a link to the
previous day. As with event pages, the reader keeps each piece's raw lines with the
value it was read as, and the writer re-uses them while the day still holds that
value: an unchanged page is written back byte for byte.
"""

from __future__ import annotations

import datetime

from .._layout import CANONICAL, DayLayout, Raw
from .._models import Day, ListedEvent
from .._paths import day_path
from .._text import escape_entities
from . import _patterns as P
from ._page import (
    FORMATS_LINE,
    Lines,
    PageWriter,
    archive_link,
    clean,
    date_heading,
    formats_lines,
    read_date,
    read_formats,
    read_tags,
    split_link,
    split_page,
)

__all__ = ["check_writable", "parse_day", "write_day"]


def parse_day(text: str | bytes) -> Day:
    """Read an archive day page (Markdown, a str or UTF-8 bytes) into a :class:`Day`.

    Raises :class:`ParseError` with the line and column of the first problem.
    """
    page = split_page(text, "parse_day")
    lines = page.lines
    formats = read_formats(lines, lines.skip_blank(0))
    index = formats.end
    date = read_date(lines, index, P.DAY_HEADING, "the date heading '## [YYYY-MM-D](...)'")
    index = lines.skip_blank(index + 1)
    head = Raw(date, tuple(lines.raw[:index]))
    events: list[Raw[ListedEvent]] = []
    while index < lines.count and not lines.text[index].startswith(P.PREVIOUS_DAY_PREFIX):
        start = index
        listed, index = _read_listed(lines, index)
        index = lines.skip_blank(index)
        events.append(Raw(listed, tuple(lines.raw[start:index])))
    previous = None
    if index < lines.count:
        previous = read_date(
            lines, index, P.PREVIOUS_DAY, "'## [Previous Day...](/news/YYYY/MM/D/index.md)'"
        )
        end = lines.skip_blank(index + 1)
        if end < lines.count:
            raise lines.error(end, "expected the end of the page after the previous day's link")
    layout = DayLayout(
        spelling=page.spelling,
        formats=formats.style,
        head=head,
        events=tuple(events),
        footer=Raw(previous, tuple(lines.raw[index:])),
    )
    try:
        return Day(
            date=date,
            events=tuple([raw.value for raw in events]),
            previous=previous,
            layout=layout,
        )
    except ValueError as exc:
        raise lines.error(index, f"expected a valid day ({exc})") from exc


def _read_listed(lines: Lines, index: int) -> tuple[ListedEvent, int]:
    """One event of the day, from its category or headline line to the next blank line."""
    text = lines.text
    category = None
    if text[index].startswith(P.CATEGORY_PREFIX):
        category = clean(lines, index, text[index][len(P.CATEGORY_PREFIX) :], "a category")
        index += 1
    if index >= lines.count or not text[index].startswith(P.HEADLINE_PREFIX):
        raise lines.error(index, "expected a linked headline '### [headline](/news/....md)'")
    line = text[index].rstrip()
    raw_title, url = split_link(lines, index, len(P.HEADLINE_PREFIX), len(line))
    title = clean(lines, index, raw_title, "a headline")
    path, _ = archive_link(lines, index, url)
    index += 1
    summary = None
    tags: tuple[str, ...] = ()
    while index < lines.count and text[index].strip():
        line = text[index]
        if line.startswith(P.CONTEXT_LINE_PREFIX) and line.rstrip().endswith(P.CONTEXT_END):
            if tags:
                raise lines.error(index, "expected one Context line, this is a second")
            context = line.rstrip()[len(P.CONTEXT_LINE_PREFIX) : -len(P.CONTEXT_END)]
            tags = read_tags(lines, index, context, len(P.CONTEXT_LINE_PREFIX))
        elif summary is None and not tags and not line.startswith(P.LINE_STARTS):
            summary = clean(lines, index, line, "a summary line")
        else:
            raise lines.error(index, "expected a blank line before the next event")
        index += 1
    try:
        listed = ListedEvent(title=title, path=path, category=category, summary=summary, tags=tags)
    except ValueError as exc:
        raise lines.error(index - 1, f"expected a valid event listing ({exc})") from exc
    return listed, index


# --- writing ---------------------------------------------------------------------------


def write_day(day: Day) -> str:
    """Write a day as an archive day page (see :func:`syriaevents.to_markdown`)."""
    layout = day.layout if isinstance(day.layout, DayLayout) else None
    out = PageWriter(layout.spelling if layout else CANONICAL)
    # Raw pieces that followed each other on the page read follow each other as they
    # were; anything else gets the blank line that separates entries.
    follows = -1  # the position on the page read of the last raw piece written
    if layout and layout.head.value == day.date:
        out.raw(layout.head.lines)
        follows = 0
    else:
        out.canonical(_canonical_head(day.date, layout.formats if layout else FORMATS_LINE))
    raw_events = layout.events if layout else ()
    for position, listed in enumerate(day.events):
        if position < len(raw_events) and raw_events[position].value == listed:
            if follows != position:
                _separate(out)
            out.raw(raw_events[position].lines)
            follows = position + 1
        else:
            _separate(out)
            out.canonical(_canonical_listed(listed))
            follows = -1
    if layout and layout.footer.value == day.previous:
        if layout.footer.lines:
            if follows != len(raw_events):
                _separate(out)
            out.raw(layout.footer.lines)
    elif day.previous is not None:
        _separate(out)
        link = f"{P.PREVIOUS_DAY_PREFIX}...]({day_path(day.previous)}/index.md)"
        out.canonical([link, "", ""])
    return out.text()


def _separate(out: PageWriter) -> None:
    """A blank line after a piece that ended without one."""
    if out.lines and out.lines[-1].strip():
        out.canonical([""])


def _canonical_head(date: datetime.date, formats: str | None) -> list[str]:
    # The archive's day pages link their forms relatively: "2017/04/7/index.html".
    relative = day_path(date).removeprefix("/news/") + "/index"
    heading = date_heading(P.DAY_HEADING_PREFIX, date)
    stated = ["", *formats_lines(formats, relative)] if formats else []
    return [*stated, heading, ""]


def _canonical_listed(listed: ListedEvent) -> list[str]:
    lines = []
    if listed.category is not None:
        lines.append(P.CATEGORY_PREFIX + escape_entities(listed.category))
    lines.append(f"{P.HEADLINE_PREFIX}{escape_entities(listed.title)} ]({listed.path}.md)")
    if listed.summary is not None:
        lines.append(escape_entities(listed.summary))
    if listed.tags:
        tags = P.TAG_SEPARATOR.join(escape_entities(tag) for tag in listed.tags)
        lines.append(f"{P.CONTEXT_LINE_PREFIX}{tags}{P.CONTEXT_END}")
    lines.append("")
    return lines


def check_writable(day: Day) -> list[str]:
    """The values of a day that a day page cannot hold, each described."""
    problems = [
        f"the tag {tag!r} holds {P.TAG_SEPARATOR!r}"
        for listed in day.events
        for tag in listed.tags
        if P.TAG_SEPARATOR in tag
    ]
    layout = day.layout if isinstance(day.layout, DayLayout) else None
    raw = layout.events if layout else ()
    problems += [
        f"the summary line {listed.summary!r} would read as markup"
        for position, listed in enumerate(day.events)
        if listed.summary is not None
        and not (position < len(raw) and raw[position].value == listed)  # else written as read
        and (
            listed.summary.startswith(P.LINE_STARTS)
            or (
                listed.summary.startswith(P.CONTEXT_LINE_PREFIX)
                and listed.summary.endswith(P.CONTEXT_END)
            )
        )
    ]
    return problems
