"""The archive's event pages in Markdown: ``parse_event`` and ``write_event``.

A page is read line by line into an :class:`~syriaevents.Event` plus an
:class:`~syriaevents._layout.EventLayout`: for each piece of the page (head, summary
block, section headings, list items) its raw lines and the value it was read as. The writer
re-uses a raw piece only while the event still holds that very value, so an
unchanged page is written back byte for byte and an edited one stays correct.
Everything else is written in the archive's current layout (that of seed 000).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeAlias

from .._errors import ParseError
from .._layout import CANONICAL, CoverImage, EventHead, EventLayout, ListItem, Raw, Section
from .._models import Change, Event, RelatedEvent, Source, prevalidated_related
from .._paths import archive_path
from .._text import escape_entities, read_text
from . import _patterns as P
from ._page import (
    FORMATS_LINE,
    FORMATS_LIST,
    Lines,
    PageWriter,
    RawPage,
    archive_link,
    check_archive_path,
    clean,
    date_heading,
    formats_lines,
    read_date,
    read_formats,
    read_tags,
    split_link,
    split_page,
)

__all__ = ["check_writable", "parse_event", "write_event"]

_SOURCES, _CHANGES, _RELATED = "sources", "changes", "related"
_HEADINGS = {P.SOURCES_HEADING: _SOURCES, P.SOURCE_HEADING: _SOURCES}
_HEADINGS |= {P.CHANGES_HEADING: _CHANGES, P.RELATED_HEADING: _RELATED}
_CANONICAL_HEADING = {
    _SOURCES: P.SOURCES_HEADING,
    _CHANGES: P.CHANGES_HEADING,
    _RELATED: P.RELATED_HEADING,
}
_SECTION_ORDER = (_SOURCES, _CHANGES, _RELATED)
_COVER_IMAGE = "Cover Image"
_CURRENT_VERSION = "Current version"
_HTML_SUFFIX = ".html"
_NO_LINES: tuple[str, ...] = ()
_CONTEXT_START = len(P.CONTEXT_MARK)
_CONTEXT_END = len(P.CONTEXT_END)
# What a list item holds.
_Value: TypeAlias = Source | Change | RelatedEvent | CoverImage


def parse_event(text: str | bytes, *, path: str | None = None) -> Event:
    """Read an archive event page (Markdown) into an :class:`Event`.

    Reads every layout the archive has used. The event's path is the one the page
    states in its Formats links; a page that states none (the older layouts) is at
    ``path`` when given (where the file was found), else at the path the archive
    derives from its date and headline. ``text`` is a str, or UTF-8 bytes. Raises
    :class:`ParseError` with the line and column of the first problem.
    """
    return _read_page(split_page(text, "parse_event"), path)


def _read_page(page: RawPage, path: str | None) -> Event:
    lines = page.lines
    text = lines.text
    formats_line = lines.skip_blank(0)
    formats = read_formats(lines, formats_line)
    formats_path = None
    if formats.style is not None:
        if formats.html is None or not formats.html.endswith(_HTML_SUFFIX):
            expected = (
                "'* [HTML](<path>.html)'"
                if formats.style == FORMATS_LIST
                else "'Formats: [HTML](<path>.html) ...'"
            )
            raise lines.error(formats_line, f"expected {expected}")
        formats_path = formats.html[: -len(_HTML_SUFFIX)]  # the Event checks it
    index = formats.end
    date = read_date(lines, index, P.DATE_HEADING, "the date heading '### [YYYY-MM-D](/news/...)'")
    index = lines.skip_blank(index + 1)
    category = None
    if index < lines.count and text[index].startswith(P.CATEGORY_PREFIX):
        category = clean(lines, index, text[index][len(P.CATEGORY_PREFIX) :], "a category")
        index = lines.skip_blank(index + 1)
    if index >= lines.count or not text[index].startswith(P.TITLE_PREFIX):
        raise lines.error(index, "expected '# <headline>'")
    raw_title = text[index][len(P.TITLE_PREFIX) :]
    title = clean(lines, index, raw_title, "a headline")
    head_end = index + 1
    path = formats_path or path or _path_from_title(lines, index, date, raw_title)

    index = head_end
    while index < lines.count and text[index].strip() not in _HEADINGS:
        index += 1
    summary = _read_summary(lines, head_end, index)
    summary_lines = tuple(lines.raw[head_end:index])

    sections: list[Section] = []
    values: dict[str, list[Any]] = {}
    while index < lines.count:
        heading = index
        section, index = _read_section(lines, index)
        if section.name in values:
            raise lines.error(heading, f"expected one {section.name} section, this is a second")
        sections.append(section)
        values[section.name] = [item.value for item in section.items]

    sources = values.get(_SOURCES, [])
    images = [value for value in sources if type(value) is CoverImage]
    related = tuple(values.get(_RELATED, ()))
    # tuple.__new__ builds the named tuples without their Python-level constructors.
    new = tuple.__new__
    head = new(Raw, (new(EventHead, (date, path, category, title)), tuple(lines.raw[:head_end])))
    layout = new(
        EventLayout,
        (page.spelling, formats.style, head, new(Raw, (summary, summary_lines)), tuple(sections)),
    )
    try:
        return Event(
            date=date,
            title=title,
            category=category,
            summary=summary,
            sources=tuple([value for value in sources if type(value) is Source]),
            related=related,
            # The page lists its own tags nowhere: they are those of its related links,
            # each once, in the order the page first shows them.
            tags=tuple(dict.fromkeys([tag for item in related for tag in item.tags])),
            path=path,
            image=images[0].url if images else None,
            changes=tuple(values.get(_CHANGES, ())),
            layout=layout,
        )
    except (TypeError, ValueError) as exc:
        # All else was checked while reading: the stated path or the summary is at fault.
        # The path, stated first on the page, is checked by its value, never by the message.
        if formats_path is not None:
            check_archive_path(lines, formats_line, formats_path)
        raise lines.error(lines.skip_blank(head_end), f"expected a valid event ({exc})") from exc


def _path_from_title(lines: Lines, index: int, date: datetime.date, raw_title: str) -> str:
    try:
        return archive_path(date, raw_title)
    except ValueError as exc:
        raise lines.error(
            index, f"expected a headline to derive the page's path from ({exc})"
        ) from exc


def _read_summary(lines: Lines, start: int, end: int) -> str | None:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines.text[start:end]:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    if not paragraphs:
        return None
    return "\n\n".join(read_text(paragraph).strip() for paragraph in paragraphs)


def _read_section(lines: Lines, index: int) -> tuple[Section, int]:
    text, raw, count = lines.text, lines.raw, lines.count
    name = _HEADINGS[text[index].strip()]
    read_value = _ITEM_READERS[name]
    start = index
    index = lines.skip_blank(index + 1)
    heading = tuple(raw[start:index])
    items: list[ListItem] = []
    image_index = None
    while index < count:
        line = text[index]
        match = P.ITEM_START.match(line)
        if match is None:  # a heading never starts with a digit: only now look for one
            if line.strip() in _HEADINGS:
                break
            raise lines.error(index, "expected a numbered link '1. [text](url)'")
        try:
            value = read_value(lines, index, match.end())
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ParseError):
                raise
            raise lines.error(index, f"expected a valid item ({exc})") from exc
        if type(value) is CoverImage:
            if image_index is not None:
                raise lines.error(index, "expected at most one 'Cover Image', this is a second")
            image_index = len(items)
        after = index + 1  # most items are followed by the next item straight away
        blanks = _NO_LINES
        if after < count and not text[after].strip():
            after = lines.skip_blank(after)
            blanks = tuple(raw[index + 1 : after])
        # tuple.__new__ builds the named tuple without its Python-level constructor.
        items.append(tuple.__new__(ListItem, (value, int(match[1]), raw[index], blanks)))
        index = after
    if not items:
        raise lines.error(index, f"expected the items of the {name} section")
    last = items[-1]
    items[-1] = tuple.__new__(ListItem, (last.value, last.number, last.line, _NO_LINES))
    section = (name, heading, tuple(items), last.blanks, image_index)
    return tuple.__new__(Section, section), index


def _read_source(lines: Lines, index: int, start: int) -> Source | CoverImage:
    raw_name, url = split_link(lines, index, start, len(lines.text[index]))
    name = clean(lines, index, raw_name, "a source name")
    source = Source(name=name, url=url)  # the URL's rules (scheme, no spaces) are the model's
    return CoverImage(url) if name == _COVER_IMAGE else source


def _read_related(lines: Lines, index: int, start: int) -> RelatedEvent:
    # The bulk of a page: read in one pass over the line, each step on the common case
    # first; anything less plain goes through the helpers, which say what is wrong.
    line = lines.text[index]
    end = len(line)
    context = None
    if line.endswith(P.CONTEXT_END):
        mark = line.rfind(P.CONTEXT_MARK, start)
        if mark >= 0:
            end = mark + 1
            context = line[mark + _CONTEXT_START : -_CONTEXT_END]
    split = line.rfind("](", start, end)
    url = line[split + 2 : end - 1]
    if split < 0 or line[end - 1] != ")" or not url or "&" in url:
        raw_title, url = split_link(lines, index, start, end)
    else:
        raw_title = line[start:split]
    path, date = archive_link(lines, index, url)
    tags = read_tags(lines, index, context, mark) if context is not None else ()
    if raw_title.isascii() and "&" not in raw_title:
        title = raw_title.strip()  # as read_text gives it, without the call
    else:
        title = read_text(raw_title).strip()
    if not title:
        raise lines.error(index, "expected a headline")
    # Every field was checked above: clean one-line text, an archive path and its date.
    return prevalidated_related(title, path, date, tags)


def _read_change(lines: Lines, index: int, start: int) -> Change:
    line = lines.text[index]
    trailer = line.rfind(P.CHANGE_MARK, start)
    match = P.CHANGE_TRAILER.fullmatch(line, trailer + 2) if trailer >= 0 else None
    if match is None:
        raise lines.error(index, "expected ' _YYYY-MM-DD HH:MM:SS (kind)_' after the link")
    raw_title, url = split_link(lines, index, start, trailer + 1)
    title = clean(lines, index, raw_title, "a headline")
    path, _ = archive_link(lines, index, url)
    stamp = match["timestamp"]
    try:
        timestamp = datetime.datetime.fromisoformat(stamp) if stamp else None
    except ValueError as exc:
        raise lines.error(index, f"expected a real timestamp ({exc})", column=trailer + 3) from exc
    kind = clean(lines, index, match["kind"], "a kind of change")
    return Change(title=title, path=path, kind=kind, timestamp=timestamp)


_ITEM_READERS: dict[str, Callable[[Lines, int, int], _Value]] = {
    _SOURCES: _read_source,
    _CHANGES: _read_change,
    _RELATED: _read_related,
}


# --- writing ---------------------------------------------------------------------------


def write_event(event: Event) -> str:
    """Write an event as an archive page (see :func:`syriaevents.to_markdown`)."""
    layout = event.layout if isinstance(event.layout, EventLayout) else None
    items: dict[str, list[_Value]] = {
        _SOURCES: _source_items(event, layout),
        _CHANGES: list(event.changes),
        _RELATED: list(event.related),
    }
    raw_sections = {section.name: section for section in layout.sections} if layout else {}
    order = [name for name in raw_sections if items[name]]
    order += [name for name in _SECTION_ORDER if items[name] and name not in raw_sections]

    out = PageWriter(layout.spelling if layout else CANONICAL)
    # An EventHead is a tuple: compare it with a plain one, which costs no constructor.
    if layout and layout.head.value == (event.date, event.path, event.category, event.title):
        out.raw(layout.head.lines)
    else:
        out.canonical(_canonical_head(event, layout))
    if layout and layout.summary.value == event.summary:
        out.raw(layout.summary.lines)
    else:
        out.canonical(_canonical_summary(event.summary, sections_follow=bool(order)))
    for name in order:
        _write_section(out, name, items[name], raw_sections.get(name))
    return out.text()


def _canonical_head(event: Event, layout: EventLayout | None) -> list[str]:
    lines = []
    style = layout.formats if layout else FORMATS_LINE
    if style is None and event.path != archive_path(event.date, event.title):
        style = FORMATS_LINE  # the path cannot be derived: the page must state it
    if style is not None:
        lines += ["", *formats_lines(style, event.path)]
    lines += [date_heading(P.DATE_HEADING_PREFIX, event.date), ""]
    if event.category is not None:
        lines.append(P.CATEGORY_PREFIX + escape_entities(event.category))
    lines.append(f"{P.TITLE_PREFIX}{escape_entities(event.title)} ")
    return lines


def _canonical_summary(summary: str | None, *, sections_follow: bool) -> list[str]:
    lines = [""]
    if summary is not None:
        lines += escape_entities(summary).split("\n")
    elif sections_follow:
        lines.append("")
    if sections_follow:
        lines += ["", ""]
    return lines


def _source_items(event: Event, layout: EventLayout | None) -> list[_Value]:
    items: list[_Value] = list(event.sources)
    if event.image is not None:
        position = len(items)
        for section in layout.sections if layout else ():
            if section.name == _SOURCES and section.image_index is not None:
                position = min(section.image_index, position)
        items.insert(position, CoverImage(event.image))
    return items


def _write_section(out: PageWriter, name: str, values: list[_Value], raw: Section | None) -> None:
    if raw:
        out.raw(raw.heading)
    else:
        out.canonical([_CANONICAL_HEADING[name], ""])
    raw_items = raw.items if raw else ()
    last = len(values) - 1
    previous = 0
    for position, value in enumerate(values):
        item = raw_items[position] if position < len(raw_items) else None
        if item is not None and (item.value is value or item.value == value):
            out.raw([item.line])
            if position != last:
                out.raw(item.blanks)
            previous = item.number
        else:
            previous = _canonical_number(value, previous)
            out.canonical([f"{previous}. {_item_text(value)}"])
    if raw:
        out.raw(raw.tail)
    else:
        out.canonical([""])


def _canonical_number(value: _Value, previous: int) -> int:
    # A cover image and the current version repeat the number of the item before them.
    repeats = isinstance(value, CoverImage) or (
        isinstance(value, Change) and value.kind == _CURRENT_VERSION
    )
    return max(previous, 1) if repeats else previous + 1


def _item_text(value: _Value) -> str:
    if isinstance(value, Source):
        return f"[{escape_entities(value.name)}]({escape_entities(value.url)})"
    if isinstance(value, CoverImage):
        return f"[{_COVER_IMAGE}]({escape_entities(value.url)})"
    if isinstance(value, Change):
        stamp = f"{value.timestamp.isoformat(sep=' ')} " if value.timestamp else ""
        kind = escape_entities(value.kind)
        return f"[{escape_entities(value.title)} ]({value.path}.md) _{stamp}({kind})_"
    text = f"[{escape_entities(value.title)} ]({value.path}.md)"
    if value.tags:
        tags = P.TAG_SEPARATOR.join(escape_entities(tag) for tag in value.tags)
        text += f"{P.CONTEXT_MARK[1:]}{tags}{P.CONTEXT_END}"
    return text


def check_writable(event: Event) -> list[str]:
    """The values of an event that an archive page cannot hold, each described."""
    problems = [
        f"a source named {_COVER_IMAGE!r} would read back as the cover image"
        for source in event.sources
        if source.name == _COVER_IMAGE
    ]
    problems += [
        f"the tag {tag!r} holds {P.TAG_SEPARATOR!r} or {P.CONTEXT_MARK!r}"
        for related in event.related
        for tag in related.tags
        if P.TAG_SEPARATOR in tag or P.CONTEXT_MARK in tag
    ]
    problems += [
        f"the kind of change {change.kind!r} holds a parenthesis"
        for change in event.changes
        if "(" in change.kind or ")" in change.kind
    ]
    layout = event.layout if isinstance(event.layout, EventLayout) else None
    if not (layout and layout.summary.value == event.summary):  # else written as it was read
        problems += [
            f"the summary line {line!r} would read as a section heading"
            for line in (event.summary or "").split("\n")
            if line.strip() in _HEADINGS
        ]
    return problems
