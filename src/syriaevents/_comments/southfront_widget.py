"""SouthFront's comment widget without its wpDiscuz controls: a count line (``12
Comments``), then per comment its author, a relative time (``3 years ago``), its
paragraphs and its buttons. Read like a flattened wpDiscuz thread."""

from __future__ import annotations

from . import CommentLayout
from .wpdiscuz import COUNT_LINE, TIME_LINE, read_flat_thread

__all__ = ["LAYOUT"]


def find(lines: list[str], text: str) -> int | None:
    """A count line with at least one comment, followed by a timed author line."""
    if " Comment" not in text or " ago" not in text:
        return None
    for index, line in enumerate(lines):
        text = line.strip()
        if COUNT_LINE.fullmatch(text) and not text.startswith("0 "):
            following = [later.strip() for later in lines[index + 1 : index + 12]]
            if any(TIME_LINE.fullmatch(later) for later in following):
                return index
    return None


LAYOUT = CommentLayout(name="southfront-widget", find=find, read=read_flat_thread)
