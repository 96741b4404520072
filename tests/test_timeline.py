"""The timeline of events per month: counts, and SVG that parses, reads and escapes."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import Event
from syriaevents._timeline import Month, month_counts, timeline_svg
from syriaevents.tables import to_arrow, to_pandas

from .conftest import examples

SVG = "{http://www.w3.org/2000/svg}"
EVENTS = [
    Event(date=datetime.date(2016, 11, 30), title="One"),
    Event(date=datetime.date(2017, 1, 2), title="Two"),
    Event(date=datetime.date(2017, 1, 20), title="Three"),
    Event(date=datetime.date(2017, 3, 5), title="Four"),
]


def test_month_counts_fill_the_gaps() -> None:
    """Every month from the first to the last, empty ones with 0."""
    assert month_counts(EVENTS) == (
        Month(datetime.date(2016, 11, 1), 1),
        Month(datetime.date(2016, 12, 1), 0),
        Month(datetime.date(2017, 1, 1), 2),
        Month(datetime.date(2017, 2, 1), 0),
        Month(datetime.date(2017, 3, 1), 1),
    )
    assert month_counts([]) == ()


def test_month_counts_read_the_events_table() -> None:
    """The events table, as Arrow or as pandas, counts as the events themselves."""
    assert month_counts(to_arrow(EVENTS)["events"]) == month_counts(EVENTS)
    assert month_counts(to_pandas(EVENTS)["events"]) == month_counts(EVENTS)


def test_svg_structure() -> None:
    """A titled, described image: one bar per month with its own title, year ticks."""
    root = ET.fromstring(timeline_svg(month_counts(EVENTS), title="Syria, by month"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Syria, by month"
    assert root.findtext(f"{SVG}title") == "Syria, by month"
    assert root.findtext(f"{SVG}desc") == (
        "4 events from November 2016 to March 2017;"
        " the busiest month is January 2017 with 2 events."
    )
    bars = root.findall(f".//{SVG}g[@class='bars']/{SVG}rect")
    assert [bar.findtext(f"{SVG}title") for bar in bars] == [
        "November 2016: 1 event",
        "December 2016: 0 events",
        "January 2017: 2 events",
        "February 2017: 0 events",
        "March 2017: 1 event",
    ]
    heights = [float(bar.get("height", "")) for bar in bars]
    assert heights[2] == max(heights)
    assert heights[1] == 0
    years = root.findall(f".//{SVG}g[@class='years']/{SVG}text")
    assert [year.text for year in years] == ["2016", "2017"]
    assert root.findtext(f"{SVG}text[@class='peak']") == "January 2017: 2 events"
    assert not root.findall(f".//{SVG}script")


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>alert(1)</script>",
        '" onload="alert(1)',
        "&amp; <![CDATA[x]]> ]]> <!-- -->",
    ],
)
def test_hostile_titles_are_text(title: str) -> None:
    """Whatever the title holds, it stays text: no element or attribute comes of it."""
    text = timeline_svg(month_counts(EVENTS), title=title)
    root = ET.fromstring(text)
    assert root.findtext(f"{SVG}title") == title
    assert root.get("aria-label") == title
    assert root.get("onload") is None
    assert not root.findall(f".//{SVG}script")


def test_no_events() -> None:
    """An empty timeline says so, in text."""
    root = ET.fromstring(timeline_svg(()))
    assert root.findtext(f"{SVG}text") == "No events"
    assert root.findtext(f"{SVG}desc") == "No events."


@settings(max_examples=examples(50), deadline=None)
@given(
    dates=st.lists(
        st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31)), min_size=1, max_size=50
    ),
    width=st.integers(100, 2000),
)
def test_any_dates_give_valid_svg(dates: list[datetime.date], width: int) -> None:
    """Property: one bar per month of the span, all bars within the drawing."""
    counts = month_counts([Event(date=date, title="E") for date in dates])
    root = ET.fromstring(timeline_svg(counts, width=width))
    bars = root.findall(f".//{SVG}g[@class='bars']/{SVG}rect")
    assert len(bars) == len(counts)
    assert sum(month.events for month in counts) == len(dates)
    for bar in bars:
        assert 0 <= float(bar.get("x", "")) <= width
        assert float(bar.get("y", "")) >= 0
