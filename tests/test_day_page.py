"""Day pages: parse_day and to_markdown, byte for byte, and what a day page can hold."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Archive,
    Article,
    Day,
    Event,
    ListedEvent,
    ParseError,
    SerializationError,
    parse,
    parse_day,
    to_markdown,
)
from syriaevents._formats.day_page import check_writable

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, examples, read
from .strategies import days
from .test_event_page import MARKUP_JUNK

CURRENT = next(path for path in HAND_WRITTEN_DAYS if path.stem == "day_current_layout")


@pytest.mark.parametrize("page", HAND_WRITTEN_DAYS, ids=lambda path: path.stem)
def test_hand_written_days_round_trip(page: Path) -> None:
    """Each layout (current, old, CRLF with BOM and no previous day) reads back byte for byte."""
    text = read(page)
    day = parse_day(text)
    assert to_markdown(day) == text
    assert parse_day(to_markdown(attrs.evolve(day, layout=None))) == day


@pytest.mark.parametrize(
    "ending",
    ["\r\n\r", "", "\r\n\r\n\r\n"],
    ids=["stray-cr", "no-newline", "blank-lines"],
)
def test_odd_endings_round_trip(ending: str) -> None:
    """Regression: a CRLF page ending in a lone CR lost it when written back."""
    text = (
        "## [2015-01-1](/news/2015/01/1/index.md)\r\n\r\n"
        "### [A ](/news/2015/01/1/a.md)\r\nx\r\n\r\n"
        f"## [Previous Day...](/news/2014/12/31/index.md){ending}"
    )
    assert to_markdown(parse_day(text)) == text


def test_current_layout_fields() -> None:
    """Categories, entities, padded link texts, summary and Context lines read as clean text."""
    day = parse_day(read(CURRENT))
    assert day.date == datetime.date(2016, 3, 9)
    assert day.previous == datetime.date(2016, 3, 8)
    first, fiji, court, fruit = day.events
    assert first.category == "Syrian Civil War"
    assert first.summary is not None
    assert first.summary.startswith('Troops backed by "allied militias"')
    assert "observatory's" in first.summary
    assert first.tags == ()
    assert fiji.title.startswith("Fiji asks")  # the link text's leading space is layout
    assert fiji.summary is None
    assert fiji.tags == ("Cyclone Winston", "Fiji", "South Pacific")
    assert court.title == (
        "A court in Düsseldorf convicts four men of planning attacks & sentences them to prison."
    )
    assert court.tags[0] == "Düsseldorf"
    assert fruit.category == "Russia–Turkey relations"
    assert fruit.path == "/news/2016/03/9/russia-extends-its-ban-on-turkish-fruit-imports"


def test_first_day_has_no_previous_and_may_hold_both_lines() -> None:
    day = parse_day(read(next(p for p in HAND_WRITTEN_DAYS if p.stem == "day_first_crlf")))
    assert day.previous is None
    bare, douma = day.events
    assert (bare.summary, bare.tags) == (None, ())
    assert douma.summary == "Residents said at least ten people were wounded."
    assert douma.tags == ("Douma", "Rif Dimashq Governorate", "Syrian Civil War")


def test_an_edit_rewrites_only_what_changed() -> None:
    """Editing one listed event rewrites its lines; every other line stays as read."""
    text = read(CURRENT)
    day = parse_day(text)
    events = list(day.events)
    events[1] = attrs.evolve(events[1], tags=("Fiji",))
    written = to_markdown(attrs.evolve(day, events=events))
    old, new = text.split("\n"), written.split("\n")
    assert len(old) == len(new)
    changed = [number for number, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert [new[number] for number in changed] == [
        "### [Fiji asks for more aid as the death toll from Cyclone Winston rises to 44."
        " ](/news/2016/03/9/fiji-asks-for-more-aid-as-the-death-toll-from-cyclone-winston"
        "-rises-to-44.md)",
        "_Context: Fiji_",
    ]
    assert parse_day(written) == attrs.evolve(day, events=events)


def test_new_day_is_written_in_the_current_layout() -> None:
    day = Day(
        date=datetime.date(2017, 4, 7),
        events=[
            ListedEvent(
                title="A & B",
                path="/news/2017/04/7/a-b",
                category="Syrian Civil War",
                summary="One line.",
            ),
            ListedEvent(title="C", path="/news/2017/04/7/c", tags=("Idlib", "Syria")),
        ],
        previous=datetime.date(2017, 4, 5),
    )
    assert to_markdown(day) == (
        "\n"
        "Formats: [HTML](2017/04/7/index.html)  [JSON](2017/04/7/index.json)"
        "  [XML](2017/04/7/index.xml)  \n"
        "\n"
        "## [2017-04-7](/news/2017/04/7/index.md)\n"
        "\n"
        "##### Syrian Civil War\n"
        "### [A & B ](/news/2017/04/7/a-b.md)\n"
        "One line.\n"
        "\n"
        "### [C ](/news/2017/04/7/c.md)\n"
        "_Context: Idlib, Syria_\n"
        "\n"
        "## [Previous Day...](/news/2017/04/5/index.md)\n"
        "\n"
    )


@settings(max_examples=examples(200), deadline=None)
@given(day=days())
def test_every_day_round_trips_or_is_refused(day: Day) -> None:
    """Property: a day reads back equal from its page, unless the page cannot hold it."""
    if check_writable(day):
        with pytest.raises(SerializationError, match="cannot write this day"):
            to_markdown(day)
        return
    text = to_markdown(day)
    assert parse_day(text) == day
    assert to_markdown(parse_day(text)) == text


@pytest.mark.parametrize(
    ("summary", "tags"),
    [("### [looks like](/news/2017/04/7/a.md)", ()), ("_Context: a, b_", ()), (None, ("a, b",))],
)
def test_values_a_page_cannot_hold_are_refused(summary: str | None, tags: tuple[str, ...]) -> None:
    listed = ListedEvent(title="T", path="/news/2017/04/7/t", summary=summary, tags=tags)
    with pytest.raises(SerializationError, match="cannot write this day"):
        to_markdown(Day(date=datetime.date(2017, 4, 7), events=[listed]))


@pytest.mark.parametrize(
    ("text", "line", "column", "expected"),
    [
        ("hello\n", 1, 1, "expected the date heading"),
        ("## [2017-02-30](/news/2017/02/30/index.md)\n", 1, 5, "expected a real date"),
        ("## [2017-04-7](x)\n\nplain text\n", 3, 1, "expected a linked headline"),
        ("## [2017-04-7](x)\n\n### [T](/elsewhere.md)\n", 3, 1, "expected a link to an archive"),
        ("## [2017-04-7](x)\n\n### [T](/news/2017/04/7/t.md)\none\ntwo\n", 5, 1, "blank line"),
        ("## [2017-04-7](x)\n\n### [T](/news/2017/04/7/t.md)\n_Context: a, , b_\n", 4, 11, "tag"),
        (
            "## [2017-04-7](x)\n\n## [Previous Day...](/news/2017/04/6/index.md)\nmore\n",
            4,
            1,
            "end",
        ),
        ("## [2017-04-7](x)\n\n## [Previous Day...](/news/2017/04/8/index.md)\n", 3, 1, "before"),
        ("## [2017-04-7](x)\n\n##### Category only\n", 4, 1, "expected a linked headline"),
        ("## [2017-04-7](x)\n\u0000\n", 2, 1, "control characters"),
    ],
)
def test_bad_pages_say_where_and_what(text: str, line: int, column: int, expected: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_day(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert expected in caught.value.message


def test_parse_tells_days_from_events_and_articles() -> None:
    assert isinstance(parse(read(CURRENT)), Day)
    assert isinstance(parse(read(CURRENT).lstrip()), Day)  # no Formats line
    assert isinstance(parse(read(EVENT_SEEDS["000"])), Event)
    assert isinstance(parse(read(EVENT_SEEDS["002"])), Event)
    assert isinstance(parse(read(ARTICLE_SEEDS["003"])), Article)


def test_events_take_their_tags_from_a_day_page() -> None:
    """In an archive holding both, a day page's Context line is its event's tag list."""
    day = parse_day(read(CURRENT))
    fiji = day.events[1]
    event = Event(date=day.date, title=fiji.title, path=fiji.path, tags=("Weather",))
    other = Event(date=day.date, title="Fiji floods", tags=("Fiji",))
    archive = Archive([event, day, other])
    assert archive.get(fiji.path) == attrs.evolve(event, tags=fiji.tags)
    assert archive.days == (day,)
    assert [found.path for found in archive.related(other)] == [fiji.path]


@settings(max_examples=examples(300))
@given(st.data())
def test_mutated_days_come_back_byte_for_byte_or_are_refused(data: st.DataObject) -> None:
    """Property: a day page with a slice cut out or junk put in is refused, or written
    back byte for byte: never a silent change."""
    text = read(data.draw(st.sampled_from(HAND_WRITTEN_DAYS)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    mutated = text[:start] + data.draw(MARKUP_JUNK) + text[end:]
    try:
        day = parse_day(mutated)
    except ParseError:
        return
    assert to_markdown(day) == mutated


@pytest.mark.parametrize("page", HAND_WRITTEN_DAYS, ids=lambda path: path.stem)
def test_no_blank_line_after_the_heading_stays_so(page: Path) -> None:
    """A day page whose first entry follows its heading directly is written back so."""
    text = read(page)
    heading = re.search(r"^\ufeff?## \[", text, re.MULTILINE)
    assert heading is not None
    end = text.index("\n", heading.start()) + 1
    squeezed = text[:end] + text[end:].lstrip("\r\n")
    assert squeezed != text
    assert to_markdown(parse_day(squeezed)) == squeezed
