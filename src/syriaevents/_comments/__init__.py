"""Reader comment threads, one module a layout, each a named reader publishers list.

A :class:`CommentLayout` finds where its thread begins in a scraped text (``find``)
and reads the thread from there to the end (``read``). The article reader tries the
layouts its publisher lists and reads the thread that begins first; the text before
it is the article.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from .._models import Comment

__all__ = ["LAYOUTS", "CommentLayout", "find_thread"]


@attrs.frozen(kw_only=True)
class CommentLayout:
    """A way pages show reader comments: how to find the thread and how to read it."""

    name: str
    # The index of the thread's first line in ``lines`` (``text`` is the same text whole,
    # for a quick look before a walk over the lines), or None.
    find: Callable[[list[str], str], int | None]
    read: Callable[[list[str], int], tuple[Comment, ...]]  # ParseError where unreadable


def _declared() -> dict[str, CommentLayout]:
    from . import bullets, southfront_widget, wordpress, wpdiscuz

    layouts = (bullets.LAYOUT, wpdiscuz.LAYOUT, wordpress.LAYOUT, southfront_widget.LAYOUT)
    return {layout.name: layout for layout in layouts}


LAYOUTS = _declared()


def find_thread(
    lines: list[str], text: str, names: tuple[str, ...]
) -> tuple[int, CommentLayout | None]:
    """Where the first thread of the named layouts begins, and its layout (None: none)."""
    found: tuple[int, CommentLayout | None] = (len(lines), None)
    for name in names:
        layout = LAYOUTS[name]
        start = layout.find(lines, text)
        if start is not None and start < found[0]:
            found = (start, layout)
    return found
