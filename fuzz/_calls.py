"""How the harnesses turn a fuzzer's bytes into a call, and what they check of its result.

An input's first byte picks the reader (``READERS``, by its position modulo their
number); the rest, decoded as UTF-8 with replacement characters, is the text. For
``parse_article(url=)`` the byte after the reader's picks a URL prefix
(``URL_PREFIXES``) and the text's first line completes the URL; the text is what
follows that line. The order of ``READERS`` is part of the corpus: append, never
reorder.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import syriaevents as se

# The property the harnesses check is the tests' own (tests/soundness.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.soundness import assert_sound, parts  # noqa: F401 (for the harnesses)

# The readers, in the order an input's first byte picks them.
READERS: tuple[str, ...] = (
    "parse",
    "parse_event",
    "parse_article",
    "from_json",
    "from_xml",
    "from_html",
    "parse_day",
    "parse_article(url=)",
)
_CALLS: dict[str, Callable[[str], object]] = {
    "parse": se.parse,
    "parse_event": se.parse_event,
    "parse_article": se.parse_article,
    "from_json": se.from_json,
    "from_xml": se.from_xml,
    "from_html": se.from_html,
    "parse_day": se.parse_day,
}
# What a URL given to parse_article starts with: the known publishers' hosts (and
# subdomains), hosts of no publisher, schemes the models refuse, hosts urlsplit
# refuses, nothing at all (the first line is the whole URL).
URL_PREFIXES = (
    "",
    "https://www.themoscowtimes.com/",
    "https://themoscowtimes.com/2017/03/22/",
    "https://southfront.org/",
    "https://maps.southfront.org/",
    "https://southfront.press/",
    "https://www.almasdarnews.com/article/",
    "http://ns2.sana.sy/en/?p=",
    "https://www.syriahr.com/en/",
    "https://example.org/",
    "javascript:",
    "http://[",
    " ",
)


class Call(NamedTuple):
    """One call of a reader: its name, the text, and the URL (parse_article(url=) only)."""

    reader: str
    text: str
    url: str | None = None

    def run(self) -> object:
        if self.reader == "parse_article(url=)":
            return se.parse_article(self.text, url=self.url)
        return _CALLS[self.reader](self.text)


def call_of(data: bytes) -> Call | None:
    """The call an input stands for (None: too short to stand for one)."""
    if not data:
        return None
    reader = READERS[data[0] % len(READERS)]
    if reader != "parse_article(url=)":
        return Call(reader, data[1:].decode("utf-8", "replace"))
    if len(data) < 2:
        return None
    line, _, text = data[2:].decode("utf-8", "replace").partition("\n")
    return Call(reader, text, URL_PREFIXES[data[1] % len(URL_PREFIXES)] + line)


def seed(reader: str, text: str, url: str | None = None) -> bytes:
    """The input that stands for a call (prefix "" for a URL): what seeds are made of."""
    head = bytes([READERS.index(reader)])
    if reader == "parse_article(url=)":
        return head + b"\x00" + f"{url}\n{text}".encode()
    return head + text.encode()


def url_is_valid(url: str | None) -> bool:
    """Whether the models take ``url`` as an article's URL."""
    try:
        se.Article(url=url)
    except (TypeError, ValueError):
        return False
    return True


def tag_is_valid(label: str) -> bool:
    """Whether the models take ``label`` as a tag."""
    try:
        se.Article(tags=(label,))
    except (TypeError, ValueError):
        return False
    return True


# How vocabularies are cut from a text, picked by an input's last byte: every piece
# between separators is a label (whole lines, clauses, words); the high bit keeps the
# pieces unstripped, so that labels with spaces around them (no tags) come too.
_VOCABULARY_CUTS = (
    re.compile(r"\n"),
    re.compile(r"[,;|]"),
    re.compile(r"[.!?]"),
    re.compile(r" "),
    re.compile(r"\W+"),
    re.compile(r"(?: \w+){3} "),
)
_MAX_LABELS = 400


def vocabulary_of(data: bytes, text: str) -> list[str]:
    """A vocabulary drawn from an input: pieces of its text, the way its last byte says."""
    choice = data[-1]
    pieces = _VOCABULARY_CUTS[choice % len(_VOCABULARY_CUTS)].split(text)
    if not choice & 0x80:
        pieces = [piece.strip() for piece in pieces if piece.strip()]
    return pieces[: _MAX_LABELS // (1 + (choice >> 4 & 0x7))]
