"""What the thread readers share: a comment's text gathered line by line, and the
thread built from an outline of (depth, author, paragraphs)."""

from __future__ import annotations

from collections.abc import Iterable

from .._errors import ParseError
from .._models import Comment, thread_from_outline

__all__ = ["add_line", "build_thread", "joined"]


def add_line(paragraphs: list[list[str]], text: str, after_blank: bool) -> None:
    """Add a line of a comment's text: it starts a paragraph (its indentation dropped)
    after a blank line or as the comment's first, else continues the last one."""
    if after_blank or not paragraphs:
        paragraphs.append([text.lstrip()])
    else:
        paragraphs[-1].append(text)


def joined(paragraphs: list[list[str]]) -> tuple[str, ...]:
    """The paragraphs of a comment, each its lines joined."""
    return tuple("\n".join(lines) for lines in paragraphs)


def build_thread(
    outline: Iterable[tuple[int, str | None, list[list[str]]]], start: int
) -> tuple[Comment, ...]:
    """The comment trees an outline describes; a ParseError at the thread's first line
    (``start``, counted from 0) for a comment the models refuse."""
    try:
        return thread_from_outline(
            (depth, author, joined(paragraphs)) for depth, author, paragraphs in outline
        )
    except ValueError as exc:
        raise ParseError(f"expected a valid comment: {exc}", line=start + 1, column=1) from exc
