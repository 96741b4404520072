"""Text rules shared by the readers: entities and mojibake."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from syriaevents import Event, ParseError, parse_article, parse_event, to_markdown
from syriaevents._text import FORBIDDEN_IN_TEXT, decode_utf8, repair_mojibake

from .conftest import revalidate


@pytest.mark.parametrize(
    "meant", ["It’s here", "Café au lait", "São Tomé", "1,500–2,000", "€5", "Привет", "Çavuşoğlu"]
)
def test_mojibake_is_repaired(meant: str) -> None:
    """UTF-8 that was read as cp1252 reads as it was meant."""
    garbled = meant.encode("utf-8").decode("cp1252")
    assert garbled != meant
    assert repair_mojibake(garbled) == meant


@pytest.mark.parametrize(
    "text", ["São Tomé", "Mevlüt Çavuşoğlu", "señor ¿qué?", "Ã alone", "Â€ would be a control"]
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    """Accented text, and runs that are not whole UTF-8 sequences, are not changed."""
    assert repair_mojibake(text) == text


@given(st.text())
def test_repair_never_makes_forbidden_characters(text: str) -> None:
    """Property: repairing adds no control character that the text did not hold."""
    if not FORBIDDEN_IN_TEXT.search(text):
        assert not FORBIDDEN_IN_TEXT.search(repair_mojibake(text))


def test_event_page_mojibake_is_repaired_and_the_page_kept() -> None:
    """Fields read as meant; the page still writes back byte for byte."""
    text = (
        "### [2017-04-4](/news/2017/04/4/index.md)\n\n"
        "# Turkeyâ€™s minister MevlÃ¼t speaks \n\n\n\n\n"
        "### Related:\n\n"
        "1. [Another â€˜quotedâ€™ event ](/news/2017/04/3/another.md)"
        " _Context: MevlÃ¼t Ã‡avuÅŸoÄŸlu, Syria_\n"
    )
    event = revalidate(parse_event(text))
    assert event.title == "Turkey’s minister Mevlüt speaks"
    assert event.related[0].title == "Another ‘quoted’ event"
    assert event.related[0].tags == ("Mevlüt Çavuşoğlu", "Syria")
    assert to_markdown(event) == text
    assert parse_event(to_markdown(attrs.evolve(event, layout=None))) == event


def test_text_that_only_looks_like_mojibake_survives_a_page() -> None:
    """A value meant as written ("Ã©") is kept through writing and reading."""
    event = Event(date=datetime.date(2017, 1, 1), title="The symbol Ã© as written")
    assert parse_event(to_markdown(event)).title == event.title


def test_article_mojibake_is_repaired() -> None:
    """Scraped articles read as meant."""
    article = parse_article("Itâ€™s a title\n\nCafÃ© owners say â€˜noâ€™.\n")
    assert article.title == "It’s a title"
    assert article.body == ("Café owners say ‘no’.",)


@pytest.mark.parametrize(
    ("data", "bom", "offset", "line", "column"),
    [
        (b"ab\ncaf\xc3\xa9 \xff", False, 9, 2, 6),  # columns count characters, not bytes
        (b"one\rtwo\rth\xffree", False, 10, 3, 3),  # a CR-only text's lines end at CR
        (b"a\r\nb\xff", False, 4, 2, 2),
        (b"\xef\xbb\xbfab\xff", True, 5, 1, 3),  # the offset is in the data, BOM and all
        (b"\xef\xbb\xbfab\xff", False, 5, 1, 4),  # a BOM kept is a character
    ],
)
def test_bad_bytes_are_named_where_a_reader_would_show_them(
    data: bytes, bom: bool, offset: int, line: int, column: int
) -> None:
    """Regression: the line and column of a byte that is not UTF-8 are counted in
    characters, as the readers count them, and the offset names the very byte."""
    with pytest.raises(ParseError) as raised:
        decode_utf8(data, bom=bom)
    assert f"found byte 0xff at byte offset {offset}" in str(raised.value)
    assert (raised.value.line, raised.value.column) == (line, column)
