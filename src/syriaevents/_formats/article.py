"""Scraped news articles and their reader comments: ``parse_article``.

A scraped record is the text of a news page: the article, wrapped in its site's
furniture (banners, appeals, tickers, menus), maybe followed by reader comments. The
reader works in this order:

1. the text: byte order mark, line endings and mojibake repaired; a crawl's date
   marker (`` date 2020-01-02 `` at the very start) taken as the published date;
2. the publisher: named by the URL the caller gives, the URL the text states, or the
   site's signature lines (``_publishers``); only that publisher's rules apply, plus
   the rules below, which hold for any site;
3. the comment thread: the first thread of the layouts the publisher lists
   (``_comments``) is read, and the text before it is the article;
4. the article: furniture lines go, a closing appeal goes with all after it; a menu
   or a site-name line before the headline goes; the headline is the first
   heading-like line (a body-only record has none); a repeated headline, date and
   update lines, a byline and the photo line (``_photo``) follow it; then the body's
   paragraphs, in which announced related links, tag lines and the original URL are
   recognised.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import attrs

from .._comments import find_thread
from .._dates import read_date_line
from .._errors import ParseError
from .._models import Article, Comment, Image, Link
from .._publishers import (
    ANY_SITE_COMMENT_LAYOUTS,
    Publisher,
    publisher_for_text,
    publisher_for_url,
)
from .._text import as_text, decode_entities, find_forbidden, repair_mojibake
from . import check_url
from ._photo import DATELINE, read_photo_line

__all__ = ["parse_article", "read_article"]

# --- patterns, each for what it matches -----------------------------------------------

# A crawl's record of the page's date, glued to the start of the first line.
_CRAWL_MARK = re.compile(r" ?date (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?: |$)")
# A Markdown link: "[text](url)". The text holds no "[", so a run of "[" costs linear time.
_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]*)\)")
# Authors in a plain byline are separated by commas and "and".
_AUTHOR_SEPARATOR = re.compile(r",\s*and\s|,\s*|\sand\s")
# Update lines under the date: "— Update: 16:33", "Updated: May 4, 2017".
_UPDATE_LINE = re.compile(r"[\u2014\u2013-] ?(?i:updated?)\b:?.{0,60}|(?i:updated?):.{0,60}")
# An agency named on its own line at the end: "(Reuters)".
_AGENCY_LINE = re.compile(r"\((?P<agency>[A-Z][A-Za-z .&-]{1,40})\)")
# The original address: "Original url:" and then "<https://...>".
_ORIGINAL_URL = "original url:"
_ORIGINAL_URL_LINE = re.compile(r"^[^\S\n]*+(?i:original url:)", re.MULTILINE)
_ANGLE_URL = re.compile(r"<(?P<url>[^<>\s]+)>")
# An announced link to another story: "More on this topic:", "**Related article:** ...".
_ANNOUNCEMENT = re.compile(
    r"(?i:more on (?:this|the) (?:topic|subject)|related(?: (?:articles?|news|stories|posts"
    r"|content|coverage|reading))?|read (?:also|more)|see also|also read|further reading"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?)"
    r" ?:"
)
# A list item: "1. Title", "• Title", "* Title", "- Title".
_LIST_ITEM = re.compile(r"(?:\d{1,3}[.)]|[\u2022*\u2013-]) (?P<text>\S.*)")
# A line listing the article's subjects: "Tags: Syria, Russia".
_TAGS_LINE = re.compile(r"(?i:tags|topics|keywords|filed under) ?: ?(?P<tags>\S.*)")
_TAG_SEPARATOR = re.compile(r" ?[,;|\u00b7] ?")
# Emphasis in Markdown paragraphs: **bold**, __bold__, *italic*. No match runs past the
# next delimiter character, so a line of unclosed "**" costs linear time, not quadratic.
_EMPHASIS = re.compile(
    r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"
    r"|__(?=\S)([^_]+?)(?<=\S)__"
    r"|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"
)
# Quote marks (single and double alike) and dashes that vary between two spellings
# of one headline.
_QUOTE_FOLD = str.maketrans('‘’‚‛′`"“”„‟″«»–—', "'" * 14 + "--")

# What marks Markdown documentation (a README, a SOURCES.md), never a scraped article:
# a table's separator row "| --- | --- |", or a code fence "```".
_DOCUMENTATION = re.compile(r"\|? ?:?-{3,}:? ?\|(?: ?:?-{3,}:? ?\|)*+(?: ?:?-{3,}:?)?|```.*")

_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = "\"”’')]"
# Words a headline does not end with (a line that does is half of a wrapped sentence).
_CONNECTORS = frozenset("a an and at by for from in of on or that the to with".split())
_MAX_HEADLINE = 300
_MENU_LINES = 3  # a block of this many short lines or more before the headline is a menu


def parse_article(text: str | bytes, *, url: str | None = None) -> Article:
    """Read a scraped article (plain text or Markdown; a str or UTF-8 bytes) and its
    comment thread.

    ``url`` is the record's address when the caller knows it: it names the publisher
    (and fills ``Article.url``) when the text does not. Raises :class:`ParseError`
    with line and column when there is no article to read or its comment thread
    cannot be understood; ``TypeError`` for a ``url`` that is not a str, and
    ``ValueError`` (not a ParseError: the text is not at fault) for one that is no URL
    an article may hold, whatever the text states.
    """
    check_url(url)
    return read_article(as_text(text, "parse_article"), url)


def read_article(text: str, url: str | None) -> Article:
    """:func:`parse_article` for a caller that has checked ``url`` already."""
    text, lines, marked = _lines(text)
    stated_url = _stated_url(text, lines)
    publisher = publisher_for_url(stated_url) or publisher_for_url(url) or publisher_for_text(text)
    layouts = publisher.comment_layouts if publisher else ANY_SITE_COMMENT_LAYOUTS
    start, layout = find_thread(lines, text, layouts)
    if "---" in text or "```" in text:  # else there is neither a table nor a code fence
        _refuse_documentation(lines[:start])
    comments = layout.read(lines, start) if layout else ()
    reader = _ArticleReader(lines[:start], publisher)
    return reader.article(comments, url=stated_url or url, published=marked)


def _lines(text: str) -> tuple[str, list[str], datetime.date | None]:
    """The text, repaired and checked, its lines, and the date of a crawl marker."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = repair_mojibake(text)  # scraped text is often UTF-8 that was read as cp1252
    lines = text.split("\n")
    found = find_forbidden(text, lines)
    if found:
        line, column = found
        raise ParseError(
            f"expected text without control characters, found {lines[line][column]!r}",
            line=line + 1,
            column=column + 1,
        )
    marker = _CRAWL_MARK.match(lines[0])
    published = None
    if marker:
        lines[0] = lines[0][marker.end() :]
        text = text[marker.end() :]
        try:
            published = datetime.date(int(marker["year"]), int(marker["month"]), int(marker["day"]))
        except ValueError:
            published = None  # a marker with an impossible date: still never text
    return text, lines, published


def _refuse_documentation(lines: list[str]) -> None:
    """ParseError at the first table or code block: such a text is documentation."""
    for index, line in enumerate(lines):
        if ("|" in line or "`" in line) and _DOCUMENTATION.fullmatch(line.strip()):
            what = "a code block" if "`" in line else "a table"
            raise ParseError(
                f"expected a scraped article, found Markdown documentation ({what})",
                line=index + 1,
                column=1,
            )


def _stated_url(text: str, lines: list[str]) -> str | None:
    """The URL after an "Original url:" line (on it, or on the next non-blank line)."""
    found = _ORIGINAL_URL_LINE.search(text)
    if found is None:
        return None
    index = text.count("\n", 0, found.start())
    rest = lines[index].strip()[len(_ORIGINAL_URL) :].strip()
    if not rest:
        rest = next((later.strip() for later in lines[index + 1 :] if later.strip()), "")
    angle = _ANGLE_URL.fullmatch(rest)
    return angle["url"] if angle else (rest or None)


def _fold(text: str) -> str:
    """A headline as compared with its repetitions: quotes, dashes, case and spaces folded."""
    return " ".join(text.translate(_QUOTE_FOLD).casefold().split())


def _ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence (closing quotes and brackets aside)."""
    return line.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def _plain(text: str) -> str:
    """A Markdown line as plain text: links become their text, emphasis goes."""
    if "[" in text:  # most lines hold no link and no emphasis: skip the scans
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return decode_entities(text).strip()


def _byline(line: str) -> tuple[str, ...]:
    """The authors a byline names ("By [AFP](#)", "By Jane Doe and John Smith"), or ()."""
    if not line.startswith("By ") or len(line) > 200:
        return ()
    rest = line[3:].strip()
    links = _LINK.findall(rest)
    names = [text for text, _ in links] if links else _AUTHOR_SEPARATOR.split(rest)
    return tuple(name.strip() for name in names if name.strip())


def _headline_like(line: str) -> bool:
    """Whether a line can be a headline: short, several words, not a sentence or a date."""
    words = line.split()
    return (
        len(words) >= 2
        and len(line) <= _MAX_HEADLINE
        and (not line.endswith(".") or line.endswith("..."))
        and (line[0].isalnum() or line[0] in "\"“‘'«(")
        and words[-1] not in _CONNECTORS  # a lowercase "the" ends half a sentence
        and read_date_line(line) is None
        and not _byline(line)
        and DATELINE.match(line) is None
    )


def _menu(block: list[tuple[int, str]]) -> bool:
    """Whether a block before the headline is a menu: many short lines, few sentences."""
    if len(block) < _MENU_LINES or any(len(text) > 200 for _, text in block):
        return False
    return sum(_ends_sentence(text) for _, text in block) * 4 <= len(block)


class _ArticleReader:
    """Reads the article part of a record (everything before its comment thread)."""

    def __init__(self, lines: list[str], publisher: Publisher | None) -> None:
        self.publisher = publisher
        self.blocks = _blocks(_kept_lines(lines, publisher))
        self.markdown = False
        self.title: str | None = None
        self.authors: list[str] = []
        self.published: datetime.date | None = None
        self.images: list[Image] = []
        self.body: list[str] = []
        self.related: list[Link] = []
        self.tags: list[str] = []
        self.url: str | None = None

    def article(
        self, comments: tuple[Comment, ...], *, url: str | None, published: datetime.date | None
    ) -> Article:
        if not self.blocks and not comments:
            raise ParseError(
                "expected an article: a headline or text, found none", line=1, column=1
            )
        self.published = published
        lines = self._headline(self._without_lead(self.blocks))
        if self.title is not None:
            lines = self._head(lines)
            lines = self._photo(lines)
            lines = self._head(lines)
        self._body(lines)
        url = self.url or url
        if self.published is None and url and self.publisher and self.publisher.url_date:
            self.published = _url_date(self.publisher, url)
        try:
            return Article(
                title=self.title,
                url=url,
                publisher=self.publisher.name if self.publisher else None,
                authors=tuple(dict.fromkeys(self.authors)),
                published=self.published,
                images=self.images,
                body=self.body,
                related=self.related,
                comments=comments,
                tags=tuple(dict.fromkeys(self.tags)),
            )
        except (TypeError, ValueError) as exc:
            raise ParseError(f"expected a valid article: {exc}", line=1, column=1) from exc

    # --- before the body -----------------------------------------------------------

    def _without_lead(self, blocks: list[list[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
        """The blocks from the first that may hold the headline: menus, the site's name
        and section labels before it go."""
        name = self.publisher.name.casefold() if self.publisher else None
        position = 0
        while position < len(blocks) - 1:
            block = blocks[position]
            only = block[0][1] if len(block) == 1 else None
            if _menu(block) or (
                only is not None
                and not only.startswith("#")
                and (only.casefold() == name or len(only.split()) <= 1)
            ):
                position += 1
                continue
            break
        return blocks[position:]

    def _headline(self, blocks: list[list[tuple[int, str]]]) -> list[tuple[int, str, int]]:
        """Find the headline in the first block; return every later line with its block."""
        lines = [
            (index, text, number) for number, block in enumerate(blocks) for index, text in block
        ]
        if not lines:
            return lines
        first = lines[0][1]
        if first.startswith("#") and first.lstrip("#").startswith(" "):
            self.markdown = True
            self.title = _plain(first.lstrip("#").rstrip("#").strip()) or None
            return lines[1:]
        block = blocks[0]
        # A headline stands alone, or over paragraphs that are one line each.
        if _headline_like(first) and all(_ends_sentence(text) for _, text in block[1:]):
            self.title = first
            return lines[1:]
        return lines

    def _head(self, lines: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
        """Drop the head's lines: a repeated headline, dates, updates and the byline."""
        assert self.title is not None
        title = _fold(self.title)
        position = 0
        while position < len(lines):
            text = lines[position][1]
            date = read_date_line(text)
            authors = () if self.authors else _byline(text)
            if _fold(_plain(text) if self.markdown else text) == title:
                pass
            elif date is not None:
                self.published = self.published or date
            elif _UPDATE_LINE.fullmatch(text):
                pass
            elif authors:
                self.authors.extend(authors)
            else:
                break
            position += 1
        return lines[position:]

    def _photo(self, lines: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
        """Read the photo line under the headline, if the line there is one."""
        if not lines:
            return lines
        index, _, block = lines[0]
        end = next((p for p, line in enumerate(lines) if line[2] != block), len(lines))
        text = " ".join(text for _, text, _ in lines[:end])
        slot = self.publisher is not None and self.publisher.photo_after_title
        try:
            image = read_photo_line(text, slot=slot and end < len(lines), markdown=self.markdown)
            if image is not None and self.markdown and image.caption is not None:
                image = attrs.evolve(image, caption=_plain(image.caption) or None)
        except (TypeError, ValueError) as exc:  # a caption or credit the models refuse
            raise ParseError(f"expected a valid caption ({exc})", line=index + 1) from exc
        if image is None:
            return lines
        self.images.append(image)
        return lines[end:]

    # --- the body ------------------------------------------------------------------

    def _body(self, lines: list[tuple[int, str, int]]) -> None:
        paragraphs = list(_paragraphs(lines))
        title = _fold(self.title) if self.title is not None else None
        position = 0
        while position < len(paragraphs):
            index, text = paragraphs[position]
            position += 1
            try:
                if title is not None and _fold(self._text(text)) == title:
                    continue  # the headline again, e.g. over a map
                position = self._paragraph(text, paragraphs, position)
            except (TypeError, ValueError) as exc:  # a link or text the models refuse
                if isinstance(exc, ParseError):
                    raise
                raise ParseError(f"expected a valid paragraph ({exc})", line=index + 1) from exc

    def _paragraph(self, text: str, paragraphs: list[tuple[int, str]], position: int) -> int:
        """Read one paragraph into what it belongs to; returns where reading goes on."""
        unbolded = text.strip("*_ ")
        announced = _ANNOUNCEMENT.match(unbolded)
        if announced:
            rest = unbolded[announced.end() :].strip("*_ ")
            if rest:
                self._links(rest)
                return position
            while position < len(paragraphs):  # the list of links under the announcement
                items = [_link_item(line) for line in paragraphs[position][1].split("\n")]
                if None in items:
                    break
                for item in items:
                    self._links(item or "")
                position += 1
            return position
        if text.lower().startswith(_ORIGINAL_URL):
            rest = text[len(_ORIGINAL_URL) :].strip()
            if not rest and position < len(paragraphs):
                rest = paragraphs[position][1]
                position += 1
            angle = _ANGLE_URL.fullmatch(rest)
            self.url = self.url or (angle["url"] if angle else rest or None)
            return position
        tags = _TAGS_LINE.fullmatch(text) if len(text) <= _MAX_HEADLINE else None
        agency = _AGENCY_LINE.fullmatch(text)
        if tags:
            self.tags += [tag for tag in _TAG_SEPARATOR.split(tags["tags"].strip()) if tag]
        elif agency:
            if agency["agency"] not in self.authors:
                self.authors.append(agency["agency"])
        elif self.title is not None and read_date_line(text) is not None:
            self.published = self.published or read_date_line(text)
        else:
            paragraph = self._text(text)
            if paragraph:
                self.body.append(paragraph)
        return position

    def _text(self, text: str) -> str:
        if not self.markdown:
            return text
        return "\n".join(line for line in (_plain(line) for line in text.split("\n")) if line)

    def _links(self, text: str) -> None:
        links = _LINK.findall(text)
        if links:
            self.related += [Link(title=_plain(t), url=u or "#") for t, u in links if _plain(t)]
        elif _plain(text):
            self.related.append(Link(title=_plain(text), url="#"))


def _link_item(line: str) -> str | None:
    """The text of a list item or of a line that is one Markdown link, else None."""
    item = _LIST_ITEM.fullmatch(line)
    if item:
        return item["text"]
    return line if _LINK.fullmatch(line) else None


def _kept_lines(lines: list[str], publisher: Publisher | None) -> Iterator[tuple[int, str]]:
    """The non-blank lines that are not the publisher's furniture, up to its closing
    appeal, stripped, with their numbers (0-based)."""
    furniture = publisher.furniture if publisher else None
    appeal = publisher.appeal_starts if publisher else None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if appeal is not None and appeal.fullmatch(stripped):
            return  # the closing appeal and everything after it
        if furniture is None or not furniture.fullmatch(stripped):
            yield index, stripped


def _blocks(lines: Iterator[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of consecutive lines (a dropped line ends a run too)."""
    blocks: list[list[tuple[int, str]]] = []
    previous = -2
    for index, line in lines:
        if index == previous + 1:
            blocks[-1].append((index, line))
        else:
            blocks.append([(index, line)])
        previous = index
    return blocks


def _paragraphs(lines: list[tuple[int, str, int]]) -> Iterator[tuple[int, str]]:
    """The paragraphs of the body: a block, or each line of a block whose lines all end
    a sentence (records that separate paragraphs by single newlines)."""
    position = 0
    while position < len(lines):
        block = lines[position][2]
        end = position
        while end < len(lines) and lines[end][2] == block:
            end += 1
        texts = [text for _, text, _ in lines[position:end]]
        if len(texts) > 1 and all(_ends_sentence(text) for text in texts[:-1]):
            yield from ((index, text) for index, text, _ in lines[position:end])
        else:
            yield lines[position][0], "\n".join(texts)
        position = end


def _url_date(publisher: Publisher, url: str) -> datetime.date | None:
    assert publisher.url_date is not None
    match = publisher.url_date.search(url)
    if match is None:
        return None
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
