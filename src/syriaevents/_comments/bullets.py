"""Threads nested by indentation: each comment a ``•`` bullet with its author.

A top-level comment's bullet is indented two spaces, each level of reply two more; a
comment's paragraphs are indented two spaces more than its bullet (seed 004)::

      • Behold a Pale Horse

        When was the last time ...

        • jason sixx
"""

from __future__ import annotations

from .._errors import ParseError
from .._models import Comment
from . import CommentLayout
from ._outline import add_line, build_thread

__all__ = ["LAYOUT"]

BULLET = "•"
_INDENT = 2  # a top-level comment's bullet, and each level of reply
_MAX_AUTHOR = 120  # longer bullet lines are list items of the article, not authors


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find(lines: list[str], text: str) -> int | None:
    """Where a trailing thread begins, or None.

    The thread is the last run of the text that opens with a top-level bullet and in
    which every line is blank or indented: a bullet list inside the article, followed
    by more article text, is not a thread.
    """
    if BULLET not in text:
        return None
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) < _INDENT:
            break
        top_level = _indent(line) == _INDENT and line.lstrip(" ").startswith(BULLET)
        if top_level and len(line) <= _INDENT + len(BULLET) + 1 + _MAX_AUTHOR:
            start = index
    return start


def read(lines: list[str], start: int) -> tuple[Comment, ...]:
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
        if indent % _INDENT:
            raise ParseError(
                f"expected indentation by a multiple of {_INDENT} spaces, found {indent}",
                line=index + 1,
                column=indent + 1,
            )
        if content.startswith(BULLET):
            depth = indent // _INDENT - 1
            deepest = outline[-1][0] + 1 if outline else 0
            if depth > deepest:
                raise ParseError(
                    f"expected a reply at most one level deeper ({_INDENT * (deepest + 1)}"
                    f" spaces), found {indent}",
                    line=index + 1,
                    column=indent + 1,
                )
            author = content[len(BULLET) :].strip()
            if not author:
                raise ParseError(
                    f"expected the author after '{BULLET}'", line=index + 1, column=indent + 2
                )
            outline.append((depth, author, []))
            blank_before = True
            continue
        body_indent = _INDENT * (outline[-1][0] + 2) if outline else 0
        if not outline or indent < body_indent:
            raise ParseError(
                f"expected a comment's text indented by {body_indent} spaces under its"
                f" '{BULLET}', found {indent}",
                line=index + 1,
                column=indent + 1,
            )
        add_line(outline[-1][2], line[body_indent:].rstrip(), blank_before)
        blank_before = False
    return build_thread(outline, start)


LAYOUT = CommentLayout(name="bullets", find=find, read=read)
