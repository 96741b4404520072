"""Inputs the fuzzers (fuzz/) once crashed a reader with, or broke its contract with:
each must now give a sound model (every part valid, equal from its JSON, XML and HTML
forms: ``read_or_refuse``, the harness's property) or a ParseError, and so must the
cases of its kind.

Each case is what the harness prints for a failing input: the reader, the URL given to
``parse_article(url=)`` and the text in Base64. (The first three were recorded as the
harness's raw input, its first byte picking the reader: they hold the text the reader
got.)
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import NamedTuple

import pytest

import syriaevents as se
from syriaevents._related import Tagger

from .soundness import assert_sound


def read_or_refuse(reader: Callable[[str], object], text: str) -> None:
    """The readers' property: a sound model, or ParseError."""
    try:
        model = reader(text)
    except se.ParseError:
        return
    assert_sound(model)


class Crash(NamedTuple):
    """A reader and its arguments as the harness prints them."""

    reader: str
    text: str  # Base64 of the UTF-8 text
    url: str | None = None


READERS: dict[str, Callable[[str], object]] = {
    "parse": se.parse,
    "parse_event": se.parse_event,
    "parse_day": se.parse_day,
    "parse_article": se.parse_article,
    "from_json": se.from_json,
    "from_xml": se.from_xml,
    "from_html": se.from_html,
}

CRASHES = {
    # html.parser raised AssertionError on a marked section "<![Russia".
    "html-marked-section": Crash(
        "from_html",
        "PCEtLUNUWVBFIGh0bWw+CjxodG1sIGpmLTgiPgo8bWV0YSBuYW1lPSJ2aWV3cG9ydCIgY29udGVudD0id2lk"
        "dGg9ZGV2aWNl77+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+977+9"
        "77+977+977+977+977+977+977+9byBUZWxsIFJpZmFh77+9dAoKPCFbUnVzc2lhCkNsaWNrIGxvcjojMWYyMzI4"
        "O2JhY2tncm91bmQ6I2ZkZmNmOX1he2NvbG9yOiMxYTR0ZXIlaw==",
    ),
    # urlsplit raised ValueError on a stray "]" in an original URL's host.
    "url-bracket-host": Crash(
        "parse",
        "CgojIFJ1c3NpYSBIb3N0cyBU77+9bGYgCklubGVkdyBh77+9dGhlIGNvbmZsaWN0LgoKT3JpZ2luYWwgdXJsOgoK"
        "PGh0dHBzOi8vd3d3LnRo77+977+977+977+977+977+977+977+977+977+977+977+977+977+9YWxrcy13aXRo"
        "LWlyXWFuLXN5cmlhLXR1cmtleS1hODA5MzQ+",
    ),
    # A related link whose URL the Link model refuses ("#0](#") raised ValueError
    # (rebuilt by hand from the fuzzer's traceback).
    "refused-link": Crash(
        "parse", "QSB0aXRsZQoKU29tZSB0ZXh0LgoKKipSZWxhdGVkIGFydGljbGU6KiogW0EgbGlua10oIzBdKCMpCg=="
    ),
}


@pytest.mark.parametrize("name", CRASHES)
def test_former_crash_is_read_or_refused(name: str) -> None:
    """The reader that crashed now gives a sound model or refuses the input cleanly."""
    crash = CRASHES[name]
    text = base64.b64decode(crash.text).decode("utf-8")
    if crash.url is None:
        read_or_refuse(READERS[crash.reader], text)
    else:
        read_or_refuse(lambda text: se.parse_article(text, url=crash.url), text)


# --- contracts the harnesses check, each over cases of its kind ------------------------

_TEXTS = {
    "plain": "A Headline Here\n\nText.\n",
    "states its url": "A Headline Here\n\nText.\n\nOriginal url: <https://southfront.org/x/>\n",
    "control character": "A Headline\x00\n\nText.\n",
    "empty": "",
}
_BAD_URLS = ["", " ", "javascript:alert(1)", "https://example.org/a b", "x](y)", "\x00"]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("url", _BAD_URLS)
def test_a_url_no_article_may_hold_is_a_value_error_whatever_the_text(text: str, url: str) -> None:
    """A caller's URL the models refuse is the caller's error, found before the text is
    read: a ValueError that is no ParseError (it was a ParseError at line 1, and only
    when the text stated no URL of its own)."""
    with pytest.raises(ValueError, match="url must be a URL") as refused:
        se.parse_article(_TEXTS[text], url=url)
    assert not isinstance(refused.value, se.ParseError)


@pytest.mark.parametrize("label", ["", " Syria", "Syria ", "Syria\nRussia", "\u00a0", "Syr\x00ia"])
@pytest.mark.parametrize("mentioned", [True, False])
def test_a_label_that_is_no_tag_is_refused_mentioned_or_not(label: str, mentioned: bool) -> None:
    """Found by fuzz/fuzz_tag_article.py: a label that is no tag passed unnoticed
    unless the text mentioned it, and then failed inside the model. Now the vocabulary
    is refused before any text is read."""
    article = se.Article(title="Syria and Russia" if mentioned else "Nothing", body=["Text."])
    with pytest.raises(ValueError, match="vocabulary labels must be tags"):
        se.tag_article(article, ["Russia", label])


def test_a_label_that_is_no_str_is_a_type_error() -> None:
    """The same check refuses labels of other types, naming the vocabulary."""
    with pytest.raises(TypeError, match="vocabulary labels must be tags"):
        Tagger(["Russia", 42])  # type: ignore[list-item]
