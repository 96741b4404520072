"""WordPress's own comment lists, as scraped text shows them: numbered, each comment a
line ``  1. <name> says:`` with its paragraphs indented two spaces more, replies
numbered again one level (two spaces) deeper::

      1. shylockracy says:

        That's in support of ...

        1. Jens Holm says:

          I have never heard ...
"""

from __future__ import annotations

import re

from .._dates import read_date_line
from .._errors import ParseError
from .._models import Comment
from . import CommentLayout
from ._outline import add_line, build_thread

__all__ = ["LAYOUT"]

# "  1. shylockracy says:" (the name at most 120 characters).
_SAYS = re.compile(r"(?P<indent> *)\d{1,6}\. (?P<author>\S.{0,120}?) says:")
_CONTROLS = frozenset(
    ["Reply", "Log in to Reply", "Leave a Reply", "Cancel reply", "Leave a Reply Cancel reply"]
)
_LEVEL = 2  # spaces per level of reply, and from a comment's number to its text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find(lines: list[str], text: str) -> int | None:
    """The first ``N. <name> says:`` line."""
    if " says:" not in text:
        return None
    return next((i for i, line in enumerate(lines) if _SAYS.fullmatch(line.rstrip())), None)


def read(lines: list[str], start: int) -> tuple[Comment, ...]:
    """The comment trees of a numbered list, read from its indentation."""
    base = _indent(lines[start])
    outline: list[tuple[int, int, str, list[list[str]]]] = []  # depth, indent, author, text
    blank_before = True
    for index in range(start, len(lines)):
        line = lines[index].rstrip()
        text = line.strip()
        if not text:
            blank_before = True
            continue
        says = _SAYS.fullmatch(line)
        if says:
            indent = len(says["indent"])
            deepest = outline[-1][0] + 1 if outline else 0
            depth = (indent - base) // _LEVEL
            if indent < base or (indent - base) % _LEVEL or depth > deepest:
                raise ParseError(
                    f"expected a comment numbered at {base} spaces, or a reply at most one"
                    f" level ({_LEVEL} spaces) deeper, found {indent}",
                    line=index + 1,
                    column=indent + 1,
                )
            outline.append((depth, indent, says["author"], []))
            blank_before = True
            continue
        if text in _CONTROLS:
            continue
        _, says_indent, _, paragraphs = outline[-1]
        if not paragraphs and read_date_line(text) is not None:
            continue  # when the comment was written
        if _indent(line) < says_indent + _LEVEL:
            raise ParseError(
                f"expected a comment's text indented by {says_indent + _LEVEL} spaces under"
                f" its number, found {_indent(line)}",
                line=index + 1,
                column=_indent(line) + 1,
            )
        add_line(paragraphs, text, blank_before)
        blank_before = False
    return build_thread(((depth, author, text) for depth, _, author, text in outline), start)


LAYOUT = CommentLayout(name="wordpress", find=find, read=read)
