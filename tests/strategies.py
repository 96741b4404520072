"""Hypothesis strategies for the models: arbitrary Unicode, markdown-special characters."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from hypothesis import strategies as st

from syriaevents import (
    Article,
    Change,
    Day,
    Event,
    Image,
    Link,
    ListedEvent,
    RelatedEvent,
    Source,
    archive_path,
)
from syriaevents._models import thread_from_outline
from syriaevents._text import FORBIDDEN_IN_LINE, repair_mojibake

# Text mixes arbitrary Unicode with the characters that mean something in the forms.
_SPECIAL = "[]()_*#&;<>\"'`\\|!-—–…’“”\u00a0"
_characters = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(_SPECIAL),
    st.sampled_from("abcXYZ019 "),
)


def _clean_line(text: str) -> str:
    return text.strip()


lines = (
    st.text(_characters, min_size=1, max_size=60)
    .map(_clean_line)
    .filter(lambda text: bool(text) and not FORBIDDEN_IN_LINE.search(text))
)
long_lines = st.lists(lines, min_size=1, max_size=30).map(" ".join)
titles = st.one_of(lines, long_lines).filter(lambda text: any(c.isalnum() for c in text))
paragraphs = st.lists(
    st.lists(lines, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3
).map("\n\n".join)
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2030, 12, 31))
timestamps = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2030, 1, 1)
).map(lambda moment: moment.replace(microsecond=0))
urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https"]),
    st.sampled_from(["example.org", "news.example.com", "xn--mgbh0a.example"]),
    st.text("abcxyz0123-_.~!$&'()*+,;=:@%/?", max_size=40).filter(lambda p: "](" not in p),
)


def _ascii_title(title: str) -> bool:
    # Titles whose slug is empty cannot make an archive path on their own.
    return any(c.isascii() and c.isalnum() for c in title) or any(not c.isascii() for c in title)


@st.composite
def archive_paths(draw: st.DrawFn, date: datetime.date | None = None) -> str:
    """An archive path made the archive's way from some title."""
    day = date or draw(dates)
    return archive_path(day, draw(titles.filter(_ascii_title)))


sources = st.builds(Source, name=lines, url=urls)
tags = st.lists(lines, max_size=5, unique=True).map(tuple)


@st.composite
def related_events(draw: st.DrawFn) -> RelatedEvent:
    day = draw(dates)
    return RelatedEvent(
        title=draw(titles), path=draw(archive_paths(day)), date=day, tags=draw(tags)
    )


changes = st.builds(
    Change,
    title=titles,
    path=archive_paths(),
    kind=st.sampled_from(["First version", "Update", "Current version"]) | lines,
    timestamp=st.none() | timestamps,
)


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Any valid event."""
    day = draw(dates)
    return Event(
        date=day,
        title=draw(titles.filter(_ascii_title)),
        category=draw(st.none() | lines),
        summary=draw(st.none() | paragraphs),
        sources=draw(st.lists(sources, max_size=4)),
        related=draw(st.lists(related_events(), max_size=10)),
        tags=draw(tags),
        path=draw(st.none() | archive_paths(day)),
        image=draw(st.none() | urls),
        changes=draw(st.lists(changes, max_size=4)),
    )


def thread_text(outline: Sequence[tuple[int, str | None, tuple[str, ...]]]) -> str:
    """Write an outline of comments the way the scraped threads show them."""
    out = []
    for depth, author, body in outline:
        indent = "  " * (depth + 1)
        out += [f"{indent}• {author}", ""]
        for paragraph in body:
            out += [indent + "  " + line for line in paragraph.split("\n")] + [""]
    return "\n".join(out)


@st.composite
def outlines(
    draw: st.DrawFn, *, anonymous: bool = False
) -> list[tuple[int, str | None, tuple[str, ...]]]:
    """A valid thread outline: reading order, each at most one level deeper than before
    (with ``anonymous``, some comments have no author)."""
    size = draw(st.integers(1, 30))
    outline = []
    depth = 0
    for position in range(size):
        depth = 0 if position == 0 else draw(st.integers(0, depth + 1))
        # A line starting with "•" at a comment's indentation is a reply by the grammar of
        # these threads (a reader could not tell either), so comment text never starts so.
        # Scraped text is repaired when it reads as mojibake; comment text here is not.
        plain = lines.filter(lambda t: not t.startswith("•") and repair_mojibake(t) == t)
        author = draw(st.none() | plain) if anonymous else draw(plain)
        body = draw(st.lists(st.lists(plain, min_size=1, max_size=3).map("\n".join), max_size=3))
        outline.append((depth, author, tuple(body)))
    return outline


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Any valid article, its thread included."""
    outline = draw(st.none() | outlines(anonymous=True))
    return Article(
        title=draw(st.none() | titles),
        url=draw(st.none() | urls),
        publisher=draw(st.none() | lines),
        authors=draw(tags),
        published=draw(st.none() | dates),
        images=draw(
            st.lists(
                st.builds(Image, caption=lines, credit=st.none() | lines)
                | st.builds(Image, credit=lines),
                max_size=2,
            )
        ),
        body=draw(st.lists(st.lists(lines, min_size=1, max_size=3).map("\n".join), max_size=4)),
        related=draw(st.lists(st.builds(Link, title=lines, url=urls | st.just("#")), max_size=3)),
        comments=thread_from_outline(outline or []),
        tags=draw(tags),
    )


@st.composite
def days(draw: st.DrawFn) -> Day:
    """Any valid day: its listed events, and maybe a previous day."""
    day = draw(dates)
    listed = st.builds(
        ListedEvent,
        title=titles,
        path=archive_paths(day),
        category=st.none() | lines,
        summary=st.none() | lines,
        tags=tags,
    )
    earlier = st.dates(min_value=datetime.date(1980, 1, 1), max_value=day - datetime.timedelta(1))
    return Day(
        date=day,
        events=draw(st.lists(listed, max_size=8)),
        previous=draw(st.none() | earlier),
    )
