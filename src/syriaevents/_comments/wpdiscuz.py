"""wpDiscuz threads (a WordPress comment plugin), as scraped text flattens them.

The widget's controls come first (``Notify of``, a count line ``1 Comment``,
``Newest Most Voted``, ``Inline Feedbacks``, ``View all comments``), then each comment:
an author line (or none: comments may be shown without one), maybe a relative time
(``3 years ago``), its paragraphs, maybe controls (``Reply``, ``Vote Up``). Nesting is
lost in the text, so every comment is read at the top level.

Where no time line tells authors apart, an author line is a short, name-like line
(no sentence punctuation) that starts a comment: the line after it is not another
author line, or it stands after two blank lines or a control. A name-like line that
ends a comment's text stays text ("Mohammed Tawfiq Allawi", then the next author).
"""

from __future__ import annotations

import re

from .._models import Comment
from . import CommentLayout
from ._outline import add_line, joined

__all__ = ["LAYOUT", "read_flat_thread"]

_NOTIFY = "Notify of"
# "1 Comment", "12 Comments", "0 Comments".
COUNT_LINE = re.compile(r"\d{1,7} Comments?")
# The widget's buttons, sort controls, prompts and form labels.
_CONTROLS = re.compile(
    r"Notify of|\d{1,7} Comments?|Oldest|Newest|(?:Newest |Oldest )*Most Voted"
    r"|(?:Oldest |Newest )+(?:Most Voted)?|Inline Feedbacks|View all comments"
    r"|Load More Comments|Reply|Vote Up|Vote Down|Share|Report|Guest|Login|Log in"
    r"|Please login to comment|Label|\{\}|\[\+\]|Name\*|Email\*|Website"
    r"|I allow to create an account|Last edited .{1,80}|\d{1,7}|[+-]\d{1,7}"
    r"|When you login first time using a Social Login button\b.{0,400}"
)
# When a comment was written: "3 years ago", "just now".
TIME_LINE = re.compile(
    r"(?:\d{1,4}|an?|one) (?:second|minute|hour|day|week|month|year)s? ago|just now"
)
# Author lines are short and end without sentence punctuation.
_MAX_AUTHOR_WORDS = 5
_MAX_AUTHOR_LENGTH = 50
_NOT_LAST = frozenset(".!?…:;,\"'”’“‘)(]")
_NOT_INSIDE = frozenset('!?…:;"”“')


class _Item:
    __slots__ = ("blanks", "boundary", "text", "timed")

    def __init__(self, text: str, blanks: int, boundary: bool) -> None:
        self.text = text
        self.blanks = blanks  # blank lines before it
        self.boundary = boundary  # a control stands before it, or the thread begins
        self.timed = False  # a time line follows it: it is an author line


def name_like(text: str) -> bool:
    """Whether a line could be a commenter's name: short, no sentence punctuation."""
    return (
        len(text) <= _MAX_AUTHOR_LENGTH
        and len(text.split()) <= _MAX_AUTHOR_WORDS
        and text[0].isalnum()
        and text[-1] not in _NOT_LAST
        and not _NOT_INSIDE.intersection(text)
        and any(character.isalpha() for character in text)
    )


def find(lines: list[str], text: str) -> int | None:
    """The widget's first line: its count line, or ``Notify of``."""
    if _NOTIFY not in text:
        return None
    for index, line in enumerate(lines):
        if line.strip() == _NOTIFY:
            before = index - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            if before >= 0 and index - before <= 3 and COUNT_LINE.fullmatch(lines[before].strip()):
                return before
            return index
    return None


def read_flat_thread(lines: list[str], start: int) -> tuple[Comment, ...]:
    """The comments of a flattened widget from ``start`` on, every one at the top level."""
    items: list[_Item] = []
    blanks, boundary = 0, True
    for line in lines[start:]:
        text = line.strip()
        if not text:
            blanks += 1
        elif TIME_LINE.fullmatch(text) and items and not items[-1].timed:
            items[-1].timed = True
            blanks = 0
        elif _CONTROLS.fullmatch(text):
            blanks, boundary = 0, True
        else:
            items.append(_Item(text, blanks, boundary))
            blanks, boundary = 0, False
    authors = _authors(items)
    comments: list[tuple[str | None, list[list[str]]]] = []
    for item, is_author in zip(items, authors, strict=True):
        if is_author:
            comments.append((item.text, []))
        elif not comments or item.boundary or item.blanks >= 2:
            comments.append((None, [[item.text]]))
        else:
            add_line(comments[-1][1], item.text, item.blanks > 0)
    return tuple(Comment(author=author, body=joined(paragraphs)) for author, paragraphs in comments)


def _authors(items: list[_Item]) -> list[bool]:
    """Which items are author lines, decided from the last one back: a name-like line
    that starts a comment, or whose next line is no author line."""
    if any(item.timed for item in items):
        return [item.timed for item in items]
    authors = [False] * len(items)
    next_is_author = True  # after the last line comes no text it could own
    for position in range(len(items) - 1, -1, -1):
        item = items[position]
        starts = item.boundary or item.blanks >= 2
        authors[position] = name_like(item.text) and (starts or not next_is_author)
        next_is_author = authors[position]
    return authors


LAYOUT = CommentLayout(name="wpdiscuz", find=find, read=read_flat_thread)
