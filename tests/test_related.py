"""Canonical tags, relatedness, the archive's ranking reproduced, and the Archive index."""

from __future__ import annotations

import datetime
import math
import random
import sys
from array import array
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Archive,
    Article,
    Event,
    load,
    related,
    relatedness,
    tag_article,
)
from syriaevents._index import Bitmaps, IntBitmaps, RoaringBitmaps, best_bitmaps
from syriaevents._tags import canonical_tag, country_variants, phrase_key

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, examples


def _archive_type(bitmaps: Bitmaps[Any]) -> type[Archive]:
    class _Archive(Archive):
        _bitmaps = bitmaps

    return _Archive


def _roaring() -> RoaringBitmaps | None:
    """pyroaring's bitmaps, or None without the optional extra (its tests are skipped)."""
    try:
        return RoaringBitmaps()
    except ImportError:
        return None


# Every kind of bitmap, and every way the index can hold its postings. In pure Python,
# bitmaps are kept for the `most` commonest tags on at least 1/density of the events
# and made from arrays for the others: all kept, none kept, and a mix.
BITMAPS: list[Bitmaps[Any]] = [IntBitmaps()]
ARCHIVE_TYPES = {
    "python": _archive_type(IntBitmaps(density=4, most=3)),
    "python, arrays": _archive_type(IntBitmaps(density=0)),
    "python, ints": _archive_type(IntBitmaps(density=1_000_000, most=1_000_000)),
}
if (roaring := _roaring()) is not None:
    BITMAPS.append(roaring)
    ARCHIVE_TYPES["pyroaring"] = _archive_type(roaring)


@pytest.fixture(params=["pyroaring", "python", "python, arrays", "python, ints"])
def archive_type(request: pytest.FixtureRequest) -> type[Archive]:
    """Archive with each kind of index."""
    if request.param not in ARCHIVE_TYPES:
        pytest.skip("pyroaring is not installed")
    return ARCHIVE_TYPES[request.param]


def _seed_pool() -> tuple[Event, Event, list[Event]]:
    """The two seed pages and one event per related link they show."""
    first, second = load(EVENT_SEEDS["000"]), load(EVENT_SEEDS["002"])
    assert isinstance(first, Event)
    assert isinstance(second, Event)
    pool = [first, second]
    for page in (first, second):
        pool += [Event(date=r.date, title=r.title, path=r.path, tags=r.tags) for r in page.related]
    return first, second, pool


def test_seed_pages_share_tags_under_different_labels() -> None:
    """Seed 000 says Turkish where 002 says Turkey: four shared canonical tags."""
    first, second, _ = _seed_pool()
    assert relatedness(first, second) == 4


def test_related_reproduces_seed_000() -> None:
    """Same events, same order, same Context tags as the page shows."""
    first, _, pool = _seed_pool()
    assert related(first, pool) == first.related


@pytest.mark.parametrize("as_of", [datetime.date(2017, 9, 21), datetime.date(2018, 1, 14)])
def test_related_reproduces_seed_002_as_it_was_made(
    as_of: datetime.date, archive_type: type[Archive]
) -> None:
    """Seed 002 was made before the 2018-01-15 event and after the 2017-09-21 one."""
    _, second, pool = _seed_pool()
    assert related(second, pool, as_of=as_of) == second.related
    assert archive_type(pool).related(second, as_of=as_of) == second.related


@pytest.mark.parametrize("as_of", [datetime.date(2017, 9, 20), datetime.date(2018, 1, 15)])
def test_seed_002_differs_outside_its_making_window(as_of: datetime.date) -> None:
    """Outside that window the ranking changes: as_of really leaves events out."""
    _, second, pool = _seed_pool()
    assert related(second, pool, as_of=as_of) != second.related


def test_archive_gives_the_same_answers(archive_type: type[Archive]) -> None:
    """Merged by path; get, len, date order and related as the plain scan."""
    first, _, pool = _seed_pool()
    archive = archive_type(pool)
    assert len(archive) == 8  # ten links, two of them to the seed pages themselves
    assert archive.related(first) == related(first, pool) == first.related
    merged = archive.get(first.path)
    assert merged is not None
    assert merged.title == first.title
    assert merged.tags == (*first.tags, "Turkey")  # as seed 002 labels it, united
    assert archive.get("/news/1999/01/1/nothing") is None
    dates = [item.date for item in archive if isinstance(item, Event)]
    assert dates == sorted(dates)


def test_an_article_joins_the_graph() -> None:
    """Seed 001, tagged from the archive's vocabulary, ranks seed 000's event first."""
    first, _, pool = _seed_pool()
    archive = Archive(pool)
    article = load(ARTICLE_SEEDS["001"])
    assert isinstance(article, Article)
    tagged = tag_article(article, archive.vocabulary())
    assert "Turkish" in tagged.tags  # the text says Turkey; the vocabulary's label is kept
    assert related(tagged, pool)[0].path == first.path
    assert archive.related(tagged)[0].path == first.path


def test_tag_article_matches_whole_words_and_country_forms() -> None:
    """'Turkish' in the text finds 'Turkey'; 'Iranians' finds 'Iran'; no partial words."""
    article = Article(title="Turkish troops", body=["Iranians protest.", "Syriana is a film."])
    assert tag_article(article, ["Turkey", "Iran", "Syria", "Syrian Civil War"]).tags == (
        "Turkey",
        "Iran",
    )


def test_a_newer_event_in_long_postings_only_wins_a_tie(archive_type: type[Archive]) -> None:
    """Regression: an event found only in long postings, as related as the kept ones and
    newer, must still displace them (found on a 300,000-event synthetic archive)."""
    old = Event(date=datetime.date(2012, 1, 1), title="Old", tags=("A", "B"))
    new = Event(date=datetime.date(2013, 1, 1), title="New", tags=("B", "C"))
    filler = [
        Event(date=datetime.date(2011, 1, day), title=f"F{day}", tags=("B", "C", "Z"))
        for day in range(1, 4)
    ]
    item = Event(date=datetime.date(2014, 1, 1), title="Item", tags=("A", "B", "C"))
    pool = [old, new, *filler, item]
    archive = archive_type(pool)
    assert archive.related(item, limit=1) == related(item, pool, limit=1)
    assert archive.related(item, limit=1)[0].title == "New"


def test_ties_at_the_cut_go_to_the_newest(archive_type: type[Archive]) -> None:
    """Five events share two tags, on two dates: the newest, then by path, fill the limit;
    one sharing three tags comes first whatever its date; as_of moves the cut."""
    day = datetime.date(2015, 3, 1)
    later = datetime.date(2015, 3, 2)
    twos = [
        Event(date=later if number % 2 else day, title=f"Two {number}", tags=("Syria", "Russia"))
        for number in range(5)
    ]
    three = Event(date=datetime.date(2012, 1, 1), title="Three", tags=("Syrian", "Russia", "Iran"))
    ones = [Event(date=later, title=f"One {number}", tags=("Russia",)) for number in range(9)]
    pool = [*twos, three, *ones]
    item = Article(title="Query", tags=("Syria", "Russian", "Iran", "Turkey"))
    archive = archive_type(pool)
    titles = [event.title for event in archive.related(item, limit=3)]
    assert titles == ["Three", "Two 1", "Two 3"]
    for as_of in (None, day, datetime.date(2014, 1, 1), datetime.date(2011, 1, 1)):
        for limit in range(len(pool) + 2):
            assert archive.related(item, limit, as_of) == related(item, pool, limit, as_of)


def test_a_query_with_many_tags(archive_type: type[Archive]) -> None:
    """Sixty query tags, events with up to forty: still the scan's answer."""
    labels = [f"Tag {number}" for number in range(60)]
    pool = [
        Event(
            date=datetime.date(2016, 1, 1 + number % 28),
            title=f"Event {number}",
            tags=tuple(labels[number % 7 :: 1 + number % 5][:40]),
        )
        for number in range(200)
    ]
    item = Article(title="Everything", tags=tuple(labels))
    archive = archive_type(pool)
    for limit in (1, 5, 50, 300):
        assert archive.related(item, limit) == related(item, pool, limit)


def test_without_pyroaring_the_index_is_pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the optional package the Archive still works: pure Python postings."""
    monkeypatch.setitem(sys.modules, "pyroaring", None)  # import pyroaring fails
    assert isinstance(best_bitmaps(), IntBitmaps)
    first, _, pool = _seed_pool()
    assert Archive(pool).related(first) == first.related


# Tags drawn from a small vocabulary with repeats, so that postings get long; several
# labels of one country, so that an event's labels and canonical tags differ.
_TAGS = st.sampled_from(
    ["Syria", "Syrian", "Russia", "Turkey", "Turkish", "Iran", "ISIL", "Idlib", "Aleppo"]
)
# The pool's dates: few, so that many events share one and ties are decided by path.
_FIRST_DAY = datetime.date(2013, 5, 1)
_DAYS = st.integers(0, 6).map(lambda offset: _FIRST_DAY + datetime.timedelta(days=offset))


@st.composite
def _pools(draw: st.DrawFn) -> list[Event]:
    count = draw(st.integers(1, 60))
    titles = draw(st.integers(1, 40))  # an event's path is its date and title: some repeat
    return [
        Event(
            date=draw(_DAYS),
            title=f"Event {index % titles}",
            tags=tuple(draw(st.lists(_TAGS, min_size=1, max_size=5, unique=True))),
        )
        for index in range(count)
    ]


def _queries(pool: list[Event]) -> st.SearchStrategy[Event | Article]:
    """An event of the pool (left out of its own ranking), or an article of any tags."""
    tags = st.lists(_TAGS, max_size=6).map(tuple)
    return st.sampled_from(pool) | tags.map(lambda tags: Article(title="Query", tags=tags))


@settings(max_examples=examples(200), deadline=None)
@given(pool=_pools(), kind=st.sampled_from(list(ARCHIVE_TYPES)), data=st.data())
def test_archive_agrees_with_the_scan(pool: list[Event], kind: str, data: st.DataObject) -> None:
    """Property: every kind of index answers as the plain scan does, with and without
    as_of, for any limit."""
    archive = ARCHIVE_TYPES[kind](pool)
    item = data.draw(_queries(pool))
    limit = data.draw(st.integers(0, 12))
    as_of = data.draw(st.none() | _DAYS | st.just(_FIRST_DAY - datetime.timedelta(days=1)))
    assert archive.related(item, limit, as_of) == related(item, pool, limit, as_of)


def test_a_larger_archive_agrees_with_the_scan(archive_type: type[Archive]) -> None:
    """3,000 events over 40 days, tags of skewed frequencies: ranks past the first
    bitmap words, long and short postings, as_of on every day of the range."""
    rng = random.Random(2011)
    labels = [f"Tag {number}" for number in range(1, 60)]
    weights = [1 / number for number in range(1, 60)]
    pool = [
        Event(
            date=_FIRST_DAY + datetime.timedelta(days=rng.randrange(40)),
            title=f"Event {number}",
            tags=tuple(set(rng.choices(labels, weights, k=rng.randint(1, 6)))),
        )
        for number in range(3_000)
    ]
    archive = archive_type(pool)
    for item in rng.sample(pool, 12):
        as_of = _FIRST_DAY + datetime.timedelta(days=rng.randrange(-1, 41))
        for limit in (1, 5, 40):
            assert archive.related(item, limit) == related(item, pool, limit)
            assert archive.related(item, limit, as_of) == related(item, pool, limit, as_of)


_RANKS = st.lists(st.integers(0, 300_000), max_size=40).map(lambda ranks: sorted(set(ranks)))


@settings(max_examples=examples(300), deadline=None)
@given(
    bitmaps=st.sampled_from(BITMAPS),
    a=_RANKS,
    b=_RANKS,
    first=st.integers(0, 300_001),
    other_than=st.integers(-1, 300_000),
    limit=st.integers(0, 50),
)
def test_bitmaps_are_sets_of_ranks(
    bitmaps: Bitmaps[Any],
    a: list[int],
    b: list[int],
    first: int,
    other_than: int,
    limit: int,
) -> None:
    """Property: each kind of bitmap does what the same operation on sets does."""

    def ranks(bits: Any) -> set[int]:
        found = bitmaps.smallest(bits, 10**6)
        assert found == sorted(found)
        assert bitmaps.count(bits) == len(found)
        return set(found)

    x, y = bitmaps.of(array("I", a)), bitmaps.of(array("I", b))
    assert ranks(x) == set(a)
    assert ranks(bitmaps.both(x, y)) == set(a) & set(b)
    assert ranks(bitmaps.one(x, y)) == set(a) ^ set(b)
    assert ranks(bitmaps.either(x, y)) == set(a) | set(b)
    assert ranks(bitmaps.minus(x, y)) == set(a) - set(b)
    assert ranks(bitmaps.none()) == set()
    kept = {rank for rank in set(a) | set(b) if rank >= first and rank != other_than}
    assert ranks(bitmaps.any_of([x, y], first, other_than)) == kept
    assert bitmaps.smallest(x, limit) == a[:limit]


# --- tag_article --------------------------------------------------------------------------


def _tag_article_by_windows(article: Article, vocabulary: list[str]) -> tuple[str, ...]:
    """The tags as the first version found them: every window of words looked up (cubic)."""
    phrases: dict[str, str] = {}
    for label in vocabulary:
        for form in (label, *country_variants(canonical_tag(label))):
            key = phrase_key(form)
            if key:
                phrases.setdefault(key, label)
    longest = max((key.count(" ") + 1 for key in phrases), default=0)
    found: dict[str, str] = {}
    for text in (article.title or "", *article.body):
        words = phrase_key(text).split()
        for start in range(len(words)):
            for length in range(1, min(longest, len(words) - start) + 1):
                match = phrases.get(" ".join(words[start : start + length]))
                if match is not None:
                    found.setdefault(canonical_tag(match), match)
    return tuple(found.values())


# Few words, several spellings of one subject, so that phrases overlap, nest and repeat.
_WORDS = st.sampled_from(
    ["Syria", "syrian", "Civil", "war", "Turkish", "Turkey", "Turks", "al", "Nusra", "the", "a"]
)
_SEPARATORS = st.sampled_from([" ", "-", ", ", "'s ", ". "])


@st.composite
def _phrases(draw: st.DrawFn, most: int) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=most))
    return "".join(word + draw(_SEPARATORS) for word in words[:-1]) + words[-1]


@settings(max_examples=examples(300), deadline=None)
@given(
    vocabulary=st.lists(_phrases(4), max_size=8),
    title=_phrases(6),
    body=st.lists(_phrases(12), max_size=3),
)
def test_tag_article_agrees_with_every_window(
    vocabulary: list[str], title: str, body: list[str]
) -> None:
    """Property: the automaton finds what looking up every window of words finds, in order."""
    article = Article(title=title, body=body)
    expected = _tag_article_by_windows(article, vocabulary)
    assert tag_article(article, vocabulary).tags == expected


class _OverBudget(Exception):
    pass


def _bytecodes(budget: int, run: Callable[..., object], *arguments: object) -> int:
    """How many bytecodes ``run(*arguments)`` executes; _OverBudget once past ``budget``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., Any]:
        nonlocal count
        frame.f_trace_opcodes = True
        if event == "opcode":
            count += 1
            if count > budget:
                raise _OverBudget
        return trace

    sys.settrace(trace)
    try:
        run(*arguments)
    finally:
        sys.settrace(None)
    return count


def _long_tag_texts(size: int) -> tuple[Article, list[str]]:
    """A paragraph of ``size`` distinct words, and a tag that is the whole paragraph."""
    text = " ".join(f"w{number}" for number in range(size))
    return Article(title="Turkish troops", body=[text]), [text, "Turkey", "Syria"]


def _repeated_word_texts(size: int) -> tuple[Article, list[str]]:
    """One word ``size`` times; tags of it alone, of half the text, and of all of it."""
    text = " ".join(["war"] * size)
    half = " ".join(["war"] * (size // 2) + ["ends"])
    return Article(title="Turkish troops", body=[text]), ["war", half, text, "Turkey"]


@pytest.mark.parametrize("texts", [_long_tag_texts, _repeated_word_texts])
def test_tag_article_is_linear_in_the_text(
    texts: Callable[[int], tuple[Article, list[str]]],
) -> None:
    """Regression: a tag and a paragraph of n words took time in n³ (2,000 words: 24 s).

    Counted in bytecodes, not timed: 16 times the words must cost about 16 times the
    work, and never more than 1,000 bytecodes a word (the cubic version spent some
    20,000 a word at 2,000 words, and four times that at 8,000).
    """
    sizes = [2_000, 8_000, 32_000]
    counts = []
    for size in sizes:
        article, vocabulary = texts(size)
        try:
            counts.append(_bytecodes(1_000 * size, tag_article, article, vocabulary))
        except _OverBudget:
            pytest.fail(f"tag_article spent over 1,000 bytecodes a word on {size:,} words")
    growth = math.log(counts[-1] / counts[0]) / math.log(sizes[-1] / sizes[0])
    assert growth < 1.2, counts
