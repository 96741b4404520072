"""Dates as people write them: month names, date lines of scraped pages, human dates."""

from __future__ import annotations

import datetime
import re

__all__ = ["MONTHS", "human_date", "read_date_line"]

# English month names, fixed so that output never depends on the machine's locale.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER |= {name[:3].lower(): number for name, number in list(_MONTH_NUMBER.items())}
_MONTH_NUMBER["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_MONTH2 = _MONTH.replace("month", "month2")
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?"
# A line that is only a date, as the head of an article shows it: "April 25, 2023",
# "March 22, 2017 — 16:00", "25 April 2023, 14:05", "2023-04-25", with an optional
# label ("Published:", "Posted on") or weekday before it and a time after it.
_DATE_LINE = re.compile(
    r"(?:(?:Published|Posted|Posted on|Date|Updated|Last updated)\s*:?\s*)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?\s)?"
    rf"(?:{_MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s{_MONTH2},?\s(?P<year2>\d{{4}})"
    r"|(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2}))"
    rf"(?:(?:\s?[,\u2014\u2013-]\s?|\sat\s|\s){_TIME})?"
)


def read_date_line(line: str) -> datetime.date | None:
    """The date a line consisting of a date (and maybe a time) gives, else None."""
    if len(line) > 80 or not line[:1].isalnum():
        return None
    match = _DATE_LINE.fullmatch(line)
    if match is None:
        return None
    if match["year3"]:
        year, month, day = int(match["year3"]), int(match["month3"]), int(match["day3"])
    else:
        name = (match["month"] or match["month2"]).lower()
        if name not in _MONTH_NUMBER:
            return None
        year, month = int(match["year"] or match["year2"]), _MONTH_NUMBER[name]
        day = int(match["day"] or match["day2"])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def human_date(date: datetime.date) -> str:
    """A date as people read it: "4 May 2017" (English, whatever the locale)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
