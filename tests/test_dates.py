"""Date lines as scraped pages show them."""

from __future__ import annotations

import datetime

import pytest

from syriaevents._dates import human_date, read_date_line


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("April 25, 2023", datetime.date(2023, 4, 25)),
        ("March 22, 2017 — 16:00", datetime.date(2017, 3, 22)),
        ("Feb. 3, 2016, 9:05 a.m.", datetime.date(2016, 2, 3)),
        ("3 February 2016 09:05 GMT", datetime.date(2016, 2, 3)),
        ("Wednesday, 3rd February 2016", datetime.date(2016, 2, 3)),
        ("Published: Sept 9, 2019 at 3:15 pm", datetime.date(2019, 9, 9)),
        ("2020-01-02", datetime.date(2020, 1, 2)),
    ],
)
def test_date_lines(line: str, date: datetime.date) -> None:
    """A line that is only a date, with or without a time or a label."""
    assert read_date_line(line) == date


@pytest.mark.parametrize(
    "line",
    [
        "MAY 2021",
        "March 2021",
        "Feb. 30, 2016",
        "Smarch 3, 2016",
        "On March 3, 2016 troops moved.",
        "x" * 100,
    ],
)
def test_not_date_lines(line: str) -> None:
    """Months alone (fundraising banners), impossible dates, sentences: no date."""
    assert read_date_line(line) is None


def test_human_date_ignores_the_locale() -> None:
    assert human_date(datetime.date(2017, 5, 4)) == "4 May 2017"
