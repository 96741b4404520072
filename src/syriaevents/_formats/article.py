"""Scraped news articles and their reader comments: ``parse_article``.

A scraped article is plain text or Markdown wrapped in its site's furniture (appeals,
banners, buttons, widgets). The reader drops what the site rules in ``_sites`` declare
as furniture, splits off a trailing comment thread, and reads what is left: headline,
byline, date, photo caption and credit, paragraphs, related links, original URL.

Comment threads are read by their indentation: each comment is a ``•`` bullet with its
author, indented two spaces per level of reply (two for a top-level comment), and its
paragraphs are indented two spaces more than its bullet.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from .._errors import ParseError
from .._models import Article, Comment, Image, Link, thread_from_outline
from .._sites import (
    APPEAL_STARTS,
    FURNITURE,
    WIDGET_CONTROLS,
    WIDGET_HEADER,
    WIDGET_TIME,
    site_for_host,
    site_for_text,
)
from .._text import decode_entities, find_forbidden, repair_mojibake

__all__ = ["parse_article"]

# --- patterns, each for what it matches -----------------------------------------------

# A Markdown headline: "# Russia Hosts Talks with Iran, Syria, Turkey".
_MARKDOWN_TITLE = re.compile(r"#\s+(.+?)\s*#*")
# A byline: "By [AFP](#)" or "By Jane Doe and John Smith".
_BYLINE = re.compile(r"By\s+(.+)")
# A Markdown link: "[text](url)".
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]*)\)")
# Authors in a plain byline are separated by commas and "and".
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)")
# A date line: "April 25, 2023", older pages "May 4, 2017 — 16:17".
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_DATE_LINE = re.compile(
    rf"(?P<month>{'|'.join(_MONTHS)}) (?P<day>\d{{1,2}}), (?P<year>\d{{4}})"
    r"(?:\s+[\u2014\u2013-]\s+\d{1,2}:\d{2})?"  # an em or en dash, or a hyphen
)
# Older Moscow Times pages follow the date with "— Update: ..." lines.
_UPDATE_LINE = re.compile(r"[\u2014\u2013-]\s*Update:.*")
# A caption whose credit is set in bold: "Shoigu with Akar. **Vadim Savitsky / TASS**".
_BOLD_CREDIT = re.compile(r"(?P<caption>.+?)\s*\*\*(?P<credit>[^*]+)\*\*")
# A caption that names itself: "FILE IMAGE: Russian Military Police ...".
_FILE_IMAGE = re.compile(r"FILE (?:IMAGE|PHOTO):\s.+")
# A credit of photographers and agencies after the caption's last sentence:
# "... Astana, Kazakhstan, Jan. 23, 2017. Sergei Grits / AP".
_SLASH_CREDIT = re.compile(
    r"(?P<caption>.*[.!?\"”)])\s*(?P<credit>[^.!?\"”]{2,60}(?: / [^/]{2,60})+)"
)
# A credit that is a site name, alone or glued to the caption: "... Moscow.Kremlin.ru".
_SITE_CREDIT = re.compile(
    r"(?P<caption>.*[.!?\"”)])\s*(?P<credit>[A-Z][A-Za-z-]*\.(?:ru|com|org|net|gov|ua))"
)
# An agency credit on its own line at the end: "(Reuters)".
_AGENCY_LINE = re.compile(r"\((?P<agency>[A-Z][A-Za-z .&-]{1,40})\)")
# A related link inside the body: "**Related article:** [Title](url)".
_RELATED = re.compile(r"\**Related(?: article)?:\**\s*(?P<rest>.+)")
# The original address: "Original url:" and then "<https://...>".
_ORIGINAL_URL = re.compile(r"Original url:\s*(?:<(?P<url>[^>\s]+)>)?")
_ANGLE_URL = re.compile(r"<(?P<url>[^>\s]+)>")
# Emphasis in Markdown paragraphs: **bold**, __bold__, *italic*. No match runs past the
# next delimiter character, so a line of unclosed "**" costs linear time, not quadratic.
_EMPHASIS = re.compile(
    r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"
    r"|__(?=\S)([^_]+?)(?<=\S)__"
    r"|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"
)

# A comment: a bullet, then the author. Indentation is counted separately.
_BULLET = "•"
_THREAD_INDENT = 2  # a top-level comment's bullet, and each level of reply
_MAX_AUTHOR = 120  # longer bullet lines are list items of the article, not authors


def parse_article(text: str) -> Article:
    """Read a scraped article (plain text or Markdown) and its comment thread.

    Raises :class:`ParseError` with line and column when there is no article to read
    or the comment thread cannot be understood.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_article() takes a str, not {type(text).__name__}")
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
    widget = _widget_start(lines)
    if widget < len(lines):
        comments = _read_widget(lines, widget)
        return _read_article(lines[:widget], comments)
    thread_start = _thread_start(lines)
    comments = _read_thread(lines, thread_start) if thread_start < len(lines) else ()
    return _read_article(lines[:thread_start], comments)


def _widget_start(lines: list[str]) -> int:
    """Where a newer-style comment widget ("12 Comments" and its controls) begins."""
    for index, line in enumerate(lines):
        if WIDGET_HEADER.fullmatch(line.strip()):
            return index
    return len(lines)


def _read_widget(lines: list[str], start: int) -> tuple[Comment, ...]:
    """Comments of the newer widget: an author line, a relative time, paragraphs.

    The widget shows no nesting, so every comment is read at the top level.
    """
    outline: list[tuple[int, str, list[str]]] = []
    kept = [
        (index, line.strip())
        for index, line in enumerate(lines[start + 1 :], start + 1)
        if line.strip()
        and not any(p.fullmatch(line.strip()) for p in (*FURNITURE, *WIDGET_CONTROLS))
    ]
    position = 0
    while position < len(kept):
        index, line = kept[position]
        if position + 1 < len(kept) and WIDGET_TIME.fullmatch(kept[position + 1][1]):
            outline.append((0, line, []))
            position += 2
            continue
        if not outline:
            raise ParseError(
                "expected a comment's author and its time ('3 years ago') after the comment"
                " widget's controls",
                line=index + 1,
                column=1,
            )
        outline[-1][2].append(line)
        position += 1
    return thread_from_outline((depth, author, tuple(body)) for depth, author, body in outline)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _thread_start(lines: list[str]) -> int:
    """Where a trailing comment thread begins, or len(lines) if there is none.

    The thread is the last run of the text that opens with a top-level bullet and in
    which every line is blank or indented: a bullet list inside the article, followed
    by more article text, is not a thread.
    """
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) < _THREAD_INDENT:
            break
        top_level_bullet = _indent(line) == _THREAD_INDENT and line.lstrip(" ").startswith(_BULLET)
        if top_level_bullet and len(line) <= _THREAD_INDENT + len(_BULLET) + 1 + _MAX_AUTHOR:
            start = index
    return start


def _read_thread(lines: list[str], start: int) -> tuple[Comment, ...]:
    """The comment trees of a thread, read from its indentation."""
    outline: list[tuple[int, str, list[list[str]]]] = []
    blank_before = True
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            blank_before = True
            continue
        indent = _indent(line)
        content = line[indent:]
        if indent % _THREAD_INDENT:
            raise ParseError(
                f"expected indentation by a multiple of {_THREAD_INDENT} spaces, found {indent}",
                line=index + 1,
                column=indent + 1,
            )
        if content.startswith(_BULLET):
            depth = indent // _THREAD_INDENT - 1
            deepest = outline[-1][0] + 1 if outline else 0
            if depth > deepest:
                raise ParseError(
                    f"expected a reply at most one level deeper ({_THREAD_INDENT * (deepest + 1)}"
                    f" spaces), found {indent}",
                    line=index + 1,
                    column=indent + 1,
                )
            author = content[len(_BULLET) :].strip()
            if not author:
                raise ParseError(
                    f"expected the author after '{_BULLET}'", line=index + 1, column=indent + 2
                )
            outline.append((depth, author, []))
            blank_before = True
            continue
        body_indent = _THREAD_INDENT * (outline[-1][0] + 2) if outline else 0
        if not outline or indent < body_indent:
            raise ParseError(
                f"expected a comment's text indented by {body_indent} spaces under its '•',"
                f" found {indent}",
                line=index + 1,
                column=indent + 1,
            )
        paragraphs = outline[-1][2]
        text = line[body_indent:].rstrip()
        if blank_before or not paragraphs:
            paragraphs.append([text.strip()])
        else:
            paragraphs[-1].append(text)
        blank_before = False
    try:
        return thread_from_outline(
            (depth, author, tuple("\n".join(lines) for lines in paragraphs))
            for depth, author, paragraphs in outline
        )
    except ValueError as exc:  # a comment the models refuse (the depths were checked above)
        raise ParseError(f"expected a valid comment: {exc}", line=start + 1, column=1) from exc


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Paragraphs: runs of non-blank lines, with the number of their first line."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    previous = -2
    for index, line in lines:
        if line.strip() and current and index == previous + 1:
            current.append(line.strip())
        elif line.strip():
            if current:
                blocks.append((first, "\n".join(current)))
            first, current = index, [line.strip()]
        elif current:
            blocks.append((first, "\n".join(current)))
            current = []
        previous = index
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def _without_furniture(lines: list[str]) -> list[tuple[int, str]]:
    """The lines that are not site furniture, with their numbers (0-based)."""
    kept: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if any(pattern.fullmatch(stripped) for pattern in APPEAL_STARTS):
            break  # the closing appeal and everything after it
        if not any(pattern.fullmatch(stripped) for pattern in FURNITURE):
            kept.append((index, line))
    return kept


def _plain(text: str) -> str:
    """A Markdown paragraph as plain text: links become their text, emphasis goes."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return decode_entities(text).strip()


def _split_caption(block: str, markdown: bool) -> Image | None:
    """The photo caption and credit a block holds, or None if it is no caption."""
    text = " ".join(block.split("\n"))
    if markdown:
        match = _BOLD_CREDIT.fullmatch(text)
        if match:
            return Image(caption=_plain(match["caption"]), credit=match["credit"].strip())
    if _FILE_IMAGE.fullmatch(text):
        return Image(caption=_plain(text) if markdown else text)
    for pattern in (_SLASH_CREDIT, _SITE_CREDIT):
        match = pattern.fullmatch(text)
        if match and match["credit"][:1].isupper():
            return Image(caption=match["caption"].strip(), credit=match["credit"].strip())
    return None


def _read_date(block: str) -> datetime.date | None:
    match = _DATE_LINE.fullmatch(block)
    if match is None:
        return None
    month = _MONTHS.index(match["month"]) + 1
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None


def _authors(byline: str) -> tuple[str, ...]:
    links = _LINK.findall(byline)
    names = [text for text, _ in links] if links else _AUTHOR_SEPARATOR.split(byline)
    return tuple(name.strip() for name in names if name.strip())


def _host(url: str) -> str:
    """A URL's host, or "" when it has none or cannot be split (a stray "]", say)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # found by fuzzing: urlsplit refuses malformed IPv6 hosts
        return ""


def _read_article(lines: list[str], comments: tuple[Comment, ...]) -> Article:
    kept = _without_furniture(lines)
    blocks = _blocks(kept)
    if not blocks:
        raise ParseError(
            "expected an article: a headline and its text, found none", line=1, column=1
        )
    first_line = next(line for _, line in kept if line.strip()).strip()
    markdown = _MARKDOWN_TITLE.fullmatch(first_line) is not None
    _, title_block = blocks.pop(0)
    title_match = _MARKDOWN_TITLE.fullmatch(title_block) if markdown else None
    title = _plain(title_match.group(1)) if title_match else " ".join(title_block.split("\n"))

    authors: list[str] = []
    published = None
    images: list[Image] = []
    # The head: a repeated headline (older pages), byline, date, update lines, caption.
    while blocks:
        block = blocks[0][1]
        byline = _BYLINE.fullmatch(block)
        date = _read_date(block) if published is None else None
        if block == title_block or _UPDATE_LINE.fullmatch(block):
            pass
        elif byline and not authors and len(block) <= 200:
            authors.extend(_authors(byline.group(1)))
        elif date is not None:
            published = date
        else:
            break
        blocks.pop(0)
    if blocks and not images:
        try:
            image = _split_caption(blocks[0][1], markdown)
        except (TypeError, ValueError) as exc:  # a caption or credit the models refuse
            raise ParseError(f"expected a valid caption ({exc})", line=blocks[0][0] + 1) from exc
        if image is not None:
            images.append(image)
            blocks.pop(0)

    body: list[str] = []
    related: list[Link] = []
    url = None
    blocks_iter = iter(blocks)
    for line, block in blocks_iter:
        try:
            url = _read_block(block, blocks_iter, markdown, authors, body, related, url)
        except (TypeError, ValueError) as exc:  # a link or text the models refuse
            raise ParseError(f"expected a valid paragraph ({exc})", line=line + 1) from exc

    site = site_for_host(_host(url)) if url else None
    site = site or site_for_text(lines)
    try:
        return Article(
            title=title,
            url=url,
            publisher=site.name if site else None,
            authors=tuple(dict.fromkeys(authors)),
            published=published,
            images=images,
            body=body,
            related=related,
            comments=comments,
        )
    except (TypeError, ValueError) as exc:
        raise ParseError(f"expected a valid article: {exc}", line=1, column=1) from exc


def _read_block(
    block: str,
    rest: Iterator[tuple[int, str]],
    markdown: bool,
    authors: list[str],
    body: list[str],
    related: list[Link],
    url: str | None,
) -> str | None:
    """Read one block of the body into the lists it belongs to; returns the URL so far."""
    related_match = _RELATED.fullmatch(block)
    original = _ORIGINAL_URL.fullmatch(block)
    agency = _AGENCY_LINE.fullmatch(block)
    if related_match:
        links = _LINK.findall(related_match["rest"])
        related.extend(Link(title=_plain(t), url=u or "#") for t, u in links)
        if not links:
            related.append(Link(title=_plain(related_match["rest"]), url="#"))
    elif original:
        found = original["url"]
        if found is None:
            following = next(rest, (0, ""))[1]
            angle = _ANGLE_URL.fullmatch(following)
            found = angle["url"] if angle else following.strip() or None
        url = found
    elif agency and agency["agency"] not in authors:
        authors.append(agency["agency"])
    else:
        paragraph = _plain(block) if markdown else block
        if paragraph:
            body.append(paragraph)
    return url
