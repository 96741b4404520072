"""What the archive's Markdown pages (event pages, day pages) share.

Lines with positions for error messages, clean text, ``[text](url)`` links, links to
event pages, and Context tag lists.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import NamedTuple

from .._errors import ParseError
from .._layout import CANONICAL, Spelling
from .._paths import EVENT_PATH, day_path
from .._text import FORBIDDEN_IN_LINE, as_text, decode_entities, find_forbidden, read_text
from . import _patterns as P

__all__ = [
    "FORMATS_LINE",
    "FORMATS_LIST",
    "FormatsBlock",
    "Lines",
    "PageWriter",
    "RawPage",
    "archive_link",
    "check_archive_path",
    "clean",
    "date_heading",
    "formats_lines",
    "read_date",
    "read_formats",
    "read_tags",
    "split_link",
    "split_page",
]


class Lines:
    """The page's lines, with positions for error messages."""

    def __init__(self, raw: list[str], crlf: bool) -> None:
        self.raw = raw
        self.text = [line[:-1] if line.endswith("\r") else line for line in raw] if crlf else raw
        self.count = len(raw)

    def error(self, index: int, message: str, column: int = 0) -> ParseError:
        if index >= self.count:  # point at the end of the last line
            index, column = self.count - 1, len(self.text[-1])
            found = "the end of the page"
        else:
            found = repr(self.text[index][:60])
        return ParseError(f"{message}, found {found}", line=index + 1, column=column + 1)

    def skip_blank(self, index: int) -> int:
        while index < self.count and not self.text[index].strip():
            index += 1
        return index


class RawPage(NamedTuple):
    """A page's text as lines, and how it was spelled as a whole."""

    lines: Lines
    spelling: Spelling


# The ASCII characters no model may hold but the newline, and the carriage return (which
# may end a CRLF page's lines): ASCII text holding none of them needs no closer look.
_ASCII_CONTROLS = tuple(
    character
    for character in map(chr, range(128))
    if character != "\n" and FORBIDDEN_IN_LINE.match(character)
)


def split_page(document: str | bytes, reader: str) -> RawPage:
    """Split a page (text, or UTF-8 bytes) into lines, refusing control characters
    where they stand."""
    text = as_text(document, reader)
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    has_cr = "\r" in text  # a search for one character is the cheapest there is
    newline = "\n" if not has_cr or "\n" in text else "\r"
    crlf = has_cr and newline == "\n" and "\r\n" in text
    lines = Lines(text.split(newline), crlf)
    if not text.isascii() or _holds_any(text, _ASCII_CONTROLS):
        found = find_forbidden(text, lines.text)
        if found:
            raise lines.error(found[0], "expected text without control characters", found[1])
    canonical = not bom and not crlf and newline == "\n"  # most pages: share the one record
    return RawPage(lines, CANONICAL if canonical else Spelling(bom, newline, crlf))


def _holds_any(text: str, characters: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``characters``: one fast search (memchr) for each."""
    for character in characters:  # noqa: SIM110 (any() over a generator costs a third more)
        if character in text:
            return True
    return False


# How a page states its forms: the "Formats: [HTML](…)  [JSON](…)" line of the current
# layout, or the "### Formats:" heading over "* [HTML](…)" bullets of November 2017.
FORMATS_LINE = "line"
FORMATS_LIST = "list"


class FormatsBlock(NamedTuple):
    """A page's statement of its forms, as read."""

    style: str | None  # FORMATS_LINE, FORMATS_LIST, or None when the page has none
    html: str | None  # the address of the HTML form, as written (None: not given)
    end: int  # the index of the first line after the block and its blank lines


def read_formats(lines: Lines, index: int) -> FormatsBlock:
    """The Formats line or list starting at line ``index``, if there is one."""
    text = lines.text
    line = text[index] if index < lines.count else ""
    if line.startswith(P.FORMATS_PREFIX):
        end = line.find(P.FORMATS_HTML_END)
        html = None
        if line.startswith(P.FORMATS_HTML_LINK) and end >= 0:
            html = line[len(P.FORMATS_HTML_LINK) : end + len(P.FORMATS_HTML_END) - 1]
        return FormatsBlock(FORMATS_LINE, html, lines.skip_blank(index + 1))
    if line.rstrip() != P.FORMATS_HEADING:
        return FormatsBlock(None, None, index)
    index = lines.skip_blank(index + 1)
    html = None
    start = index
    while index < lines.count:
        item = P.FORMATS_ITEM.fullmatch(text[index].rstrip())
        if item is None:
            break
        if item["name"] == "HTML" and html is None:
            html = item["url"]
        index = lines.skip_blank(index + 1)
    if index == start:
        raise lines.error(index, f"expected links to the forms '* [HTML](...)' under {line!r}")
    return FormatsBlock(FORMATS_LIST, html, index)


def formats_lines(style: str, path: str) -> list[str]:
    """The lines stating the forms of the page at ``path`` (no extension) in ``style``."""
    links = [(name, f"{path}.{name.lower()}") for name in ("HTML", "JSON", "XML")]
    if style == FORMATS_LIST:
        return [P.FORMATS_HEADING, "", *[f"* [{name}]({url})" for name, url in links]]
    return [P.FORMATS_PREFIX + " " + "".join(f"[{name}]({url})  " for name, url in links), ""]


def date_heading(prefix: str, date: datetime.date) -> str:
    """A date heading linking to its day page: ``### [2017-05-4](/news/2017/05/4/index.md)``."""
    return f"{prefix}{date.year:04d}-{date.month:02d}-{date.day}]({day_path(date)}/index.md)"


def read_date(lines: Lines, index: int, pattern: re.Pattern[str], what: str) -> datetime.date:
    """The date of a heading line matching ``pattern`` (groups year, month and day)."""
    match = pattern.fullmatch(lines.text[index].rstrip()) if index < lines.count else None
    if match is None:
        raise lines.error(index, f"expected {what}")
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError as exc:
        raise lines.error(index, f"expected a real date ({exc})", match.start("year")) from exc


def clean(lines: Lines, index: int, raw: str, what: str) -> str:
    """Page text as a model holds it (entities decoded, mojibake repaired, stripped)."""
    value = read_text(raw).strip()
    if not value:
        raise lines.error(index, f"expected {what}")
    return value


def split_link(lines: Lines, index: int, start: int, end: int) -> tuple[str, str]:
    """Split ``[text](url)`` spanning line[start-1:end] into raw text and decoded URL."""
    line = lines.text[index]
    if line[end - 1 : end] != ")":
        raise lines.error(index, "expected ')' closing the link", column=end)
    split = line.rfind("](", start, end)
    if split < 0:
        raise lines.error(index, "expected '](' between the link text and its URL", column=start)
    url = line[split + 2 : end - 1]
    if "&" in url:
        url = decode_entities(url)
    if not url:
        raise lines.error(index, "expected a URL", column=split + 2)
    return line[start:split], url


# The dates of the days links name, by the start of the link that names the day,
# "/news/2017/05/4", once the pattern has checked it: a page links to few distinct days,
# an archive to a few thousand. Bounded so that hostile input cannot grow it for ever.
_DAYS: dict[str, datetime.date] = {}
_MAX_DAYS = 50_000


def archive_link(lines: Lines, index: int, url: str) -> tuple[str, datetime.date]:
    """The path and date of a link to an archive event page, checked as the models check."""
    # A link to a day seen before needs only its slug checked: the same answer as the
    # whole pattern's, at half the cost.
    day_end = url.find("/", P.EVENT_LINK_DAY_START)
    date = _DAYS.get(url[:day_end]) if day_end > 0 else None
    if date is not None and P.EVENT_LINK_SLUG.fullmatch(url, day_end):
        return url[:-3], date
    match = P.EVENT_LINK.fullmatch(url)
    if match is None:
        raise lines.error(index, "expected a link to an archive page '/news/YYYY/MM/D/<slug>.md'")
    return match[1], _real_date(lines, index, url[: match.end(4)], *match.groups()[1:])


def check_archive_path(lines: Lines, index: int, path: str) -> None:
    """Refuse a page's own path (as its Formats links state it) where the models would."""
    match = EVENT_PATH.fullmatch(path)
    if match is None:
        raise lines.error(
            index, "expected the page's archive path '/news/YYYY/MM/D/<slug>' in its HTML link"
        )
    _real_date(lines, index, path[: match.end(3)], *match.groups())


def _real_date(
    lines: Lines, index: int, day_start: str, year: str, month: str, day: str
) -> datetime.date:
    """The date a path names (a ParseError if there is none such), kept by ``day_start``."""
    date = _DAYS.get(day_start)
    if date is None:
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise lines.error(index, f"expected a link with a real date ({exc})") from exc
        if len(_DAYS) < _MAX_DAYS:
            _DAYS[day_start] = date
    return date


# Tag lists already read, by their Context text: the same few hundred lists ("Syria,
# Syrian Civil War") come back page after page, and each is read once. Bounded in
# entries and in the length of each, so that hostile pages cannot pin memory.
_TAG_LISTS: dict[str, tuple[str, ...]] = {}
_MAX_TAG_LISTS = 10_000
_MAX_CACHED_CONTEXT = 300


def read_tags(lines: Lines, index: int, context: str, column: int) -> tuple[str, ...]:
    """The tags of a Context list ``Iran, Russia``, each clean text."""
    tags = _TAG_LISTS.get(context)
    if tags is not None:
        return tags
    tags = tuple(context.split(P.TAG_SEPARATOR))
    if not _plain_tags(context):  # else no tag is padded, empty or holds an entity
        tags = tuple([read_text(tag).strip() for tag in tags])
    if "" in tags:
        raise lines.error(index, "expected a tag between each ', '", column)
    if len(_TAG_LISTS) < _MAX_TAG_LISTS and len(context) <= _MAX_CACHED_CONTEXT:
        _TAG_LISTS[context] = tags
    return tags


def _plain_tags(context: str) -> bool:
    """Whether ASCII tags split at ", " need no stripping and no entity decoding."""
    return (
        context.isascii()
        and context[:1] != " "
        and context[-1:] != " "
        and ",  " not in context
        and " ," not in context
        and "\t" not in context
        and "&" not in context
    )


class PageWriter:
    """Collects lines: raw ones as read, canonical ones with the page's line ending."""

    def __init__(self, spelling: Spelling = CANONICAL) -> None:
        self.spelling = spelling
        self.lines: list[str] = []
        self.suffix = "\r" if spelling.crlf else ""
        self.ends_canonical = False

    def raw(self, lines: Sequence[str]) -> None:
        if lines:
            self.lines.extend(lines)
            self.ends_canonical = False

    def canonical(self, lines: Sequence[str]) -> None:
        if lines:
            self.lines.extend([line + self.suffix for line in lines] if self.suffix else lines)
            self.ends_canonical = True

    def text(self) -> str:
        if self.suffix and self.ends_canonical and self.lines[-1] == self.suffix:
            self.lines[-1] = ""  # the empty line after the last newline has no ending
        text = self.spelling.newline.join(self.lines)
        return "\ufeff" + text if self.spelling.bom else text
