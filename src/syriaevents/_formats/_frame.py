"""The HTML page frame: escaping, the document around a body, relative links.

Shared by the HTML form (``to_html``) and the pages of a built site: one way of
escaping text and attributes, one page skeleton, one stylesheet per use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from . import _css

__all__ = ["PageLinker", "archive_href", "attribute", "html_document", "relative_href", "text"]

# Maps an archive path without extension ("/news/2017/05/4/<slug>"), or a day's folder
# ("/news/2017/05/4/", its day page), to the href of its HTML page, or to None when
# there is no page to link to.
PageLinker = Callable[[str], str | None]


def text(value: str) -> str:
    """Text escaped for an element's content."""
    return escape(value, quote=False)


def attribute(value: str) -> str:
    """Text escaped for a quoted attribute value."""
    return escape(value, quote=True)


def archive_href(path: str) -> str:
    """The archive's own address of a page's HTML form (a day's is its folder's index)."""
    return f"{path}index.html" if path.endswith("/") else f"{path}.html"


def relative_href(target: str, folder: str) -> str:
    """The relative link from ``folder`` to ``target`` (normalised paths from the same
    root, without leading "/"; "" for the root), always starting with ``./`` or
    ``../``, so that no first segment can be read as a URL scheme."""
    up = folder.split("/") if folder else []
    down = target.split("/")
    common = 0
    while common < len(up) and common < len(down) - 1 and up[common] == down[common]:
        common += 1
    rest = "/".join(down[common:])
    climb = len(up) - common
    return "../" * climb + rest if climb else f"./{rest}"


def html_document(title: str, body: Sequence[str], *, site: bool = False) -> str:
    """A complete HTML5 page around ``body`` (lines of markup), with the stylesheet
    (and the site's own rules for the pages of a built site)."""
    stylesheet = _css.DOCUMENT + _css.SITE if site else _css.DOCUMENT
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="syriaevents">',
            f"<title>{text(title)}</title>",
            f"<style>{stylesheet}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
