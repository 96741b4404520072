"""Relatedness: events ranked by the canonical tags they share, as the archive ranks them.

More shared tags first, then the newer event, then the path; the item itself (same
path) and events dated after ``as_of`` are left out. :class:`Archive` gives the same
answers from an index, fast enough for millions of events.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
from array import array
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Any, ClassVar, Protocol

import attrs

from ._index import Bitmaps, TagIndex, best_bitmaps
from ._models import Article, Day, Event, RelatedEvent, prevalidated_related
from ._tags import (
    PhraseFinder,
    canonical_tag,
    canonical_tag_sets,
    canonical_tags,
    country_variants,
    phrase_key,
)

__all__ = ["Archive", "Tagger", "related", "relatedness", "tag_article"]


class Tagged(Protocol):
    """Anything with tags: an Event, an Article."""

    @property
    def tags(self) -> tuple[str, ...]: ...


def relatedness(a: Tagged, b: Tagged) -> int:
    """How many canonical tags ``a`` and ``b`` share."""
    return len(canonical_tags(a.tags) & canonical_tags(b.tags))


def _own_labels(item: Tagged) -> dict[str, str]:
    """The item's canonical tags, each with the label the item itself uses (the first)."""
    labels: dict[str, str] = {}
    for tag in item.tags:
        labels.setdefault(canonical_tag(tag), tag)
    return labels


def _merge(items: Iterable[Event | Day | Article]) -> tuple[list[Event], list[Article], list[Day]]:
    """Events merged by path, their tags the union in first-seen order; articles and
    days as given.

    A day page's Context line is its event's full tag list: an event listed with one
    takes its tags from there.
    """
    events: dict[str, Event] = {}
    articles: list[Article] = []
    days: list[Day] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            continue
        if isinstance(item, Day):
            days.append(item)
            continue
        if not isinstance(item, Event):
            raise TypeError(f"expected Event, Day or Article items, not {type(item).__name__}")
        known = events.get(item.path)
        if known is None:
            events[item.path] = item
        elif not set(item.tags) <= set(known.tags):
            union = tuple(dict.fromkeys((*known.tags, *item.tags)))
            events[item.path] = attrs.evolve(known, tags=union)
    for day in days:
        for listed in day.events:
            event = events.get(listed.path)
            if listed.tags and event is not None and event.tags != listed.tags:
                events[listed.path] = attrs.evolve(event, tags=listed.tags)
    return list(events.values()), articles, days


def _result(event: Event, shared: Iterable[str], labels: dict[str, str]) -> RelatedEvent:
    # The shared tags in the item's own labels, sorted as the archive lists them.
    tags = tuple(sorted(labels[tag] for tag in shared))
    return prevalidated_related(event.title, event.path, event.date, tags)


def related(
    item: Tagged,
    pool: Iterable[Event | Day | Article],
    limit: int = 5,
    as_of: datetime.date | None = None,
) -> tuple[RelatedEvent, ...]:
    """The events of ``pool`` most related to ``item``, as the archive ranks them.

    Reads the whole pool; for repeated queries build an :class:`Archive`.
    """
    labels = _own_labels(item)
    own_path = getattr(item, "path", None)
    events, _, _ = _merge(pool)
    scored = []
    for position, event in enumerate(events):
        if event.path == own_path or (as_of is not None and event.date > as_of):
            continue
        shared = labels.keys() & canonical_tags(event.tags)
        if shared:
            scored.append((-len(shared), -event.date.toordinal(), event.path, position, shared))
    best = heapq.nsmallest(limit, scored)
    return tuple(_result(events[entry[3]], entry[4], labels) for entry in best)


class Archive:
    """Events, articles and day pages with an index of the events' canonical tags.

    Records that share a path are merged (their tags united); an event a day page lists
    with a Context line takes its tags from it. ``archive.related(item)`` answers as
    ``related(item, items)`` does; iteration (events and articles) is in date order,
    oldest first.
    """

    # How the index holds its postings; None: compressed bitmaps when pyroaring is
    # installed, else pure Python. Both answer alike (the tests build each).
    _bitmaps: ClassVar[Bitmaps[Any] | None] = None

    def __init__(self, items: Iterable[Event | Day | Article] = ()) -> None:
        events, self._articles, self._days = _merge(items)
        # Rank 0 is the newest event; equal dates in path order, as related() ranks them
        # (two stable sorts are cheaper than one on a pair).
        events.sort(key=attrgetter("path"))
        events.sort(key=attrgetter("date"), reverse=True)
        self._events = events
        self._by_path = {event.path: rank for rank, event in enumerate(events)}
        self._minus_ordinals = array("l", [-event.date.toordinal() for event in events])
        self._index = TagIndex(
            canonical_tag_sets(event.tags for event in events), self._bitmaps or best_bitmaps()
        )

    def __len__(self) -> int:
        return len(self._events) + len(self._articles)

    def __iter__(self) -> Iterator[Event | Article]:
        dated: list[tuple[datetime.date, int, Event | Article]] = [
            (event.date, 1, event) for event in reversed(self._events)
        ]
        dated += [(a.published or datetime.date.min, 0, a) for a in self._articles]
        return (entry[2] for entry in sorted(dated, key=lambda entry: (entry[0], entry[1])))

    @property
    def events(self) -> tuple[Event, ...]:
        """The events, newest first."""
        return tuple(self._events)

    @property
    def articles(self) -> tuple[Article, ...]:
        """The articles, in the order given."""
        return tuple(self._articles)

    @property
    def days(self) -> tuple[Day, ...]:
        """The day pages, in the order given."""
        return tuple(self._days)

    def get(self, path: str) -> Event | None:
        """The event at an archive path, or None."""
        rank = self._by_path.get(path)
        return None if rank is None else self._events[rank]

    def vocabulary(self) -> tuple[str, ...]:
        """Every tag label the events use, each once, in first-seen order."""
        return tuple(dict.fromkeys(tag for event in self._events for tag in event.tags))

    def related(
        self, item: Tagged, limit: int = 5, as_of: datetime.date | None = None
    ) -> tuple[RelatedEvent, ...]:
        """The events most related to ``item``, as :func:`related` ranks them."""
        labels = _own_labels(item)
        query = frozenset(labels)
        # Ranks below `first` are dated after as_of; `own` is the item itself.
        first = 0 if as_of is None else bisect.bisect_left(self._minus_ordinals, -as_of.toordinal())
        own = self._by_path.get(getattr(item, "path", None) or "", -1)
        found = []
        for rank in self._index.most_shared(query, limit, first, own):
            shared = canonical_tags(self._events[rank].tags) & query
            found.append((-len(shared), rank, shared))
        found.sort(key=lambda entry: entry[:2])
        return tuple(_result(self._events[rank], shared, labels) for _, rank, shared in found)


class Tagger:
    """Tags articles with the labels of a vocabulary, prepared once for many articles.

    ``Tagger(vocabulary).tag(article)`` is ``tag_article(article, vocabulary)``: the
    vocabulary's phrases are indexed by their first word once, so that each article
    costs what its own words cost, not what the vocabulary does.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        labels = tuple(vocabulary)
        _check_labels(labels)
        self._tags: dict[str, tuple[str, str]] = {}  # phrase key -> label, canonical tag
        for label in labels:
            canonical = canonical_tag(label)
            for form in (label, *country_variants(canonical)):
                key = phrase_key(form)
                if key:
                    self._tags.setdefault(key, (label, canonical))
        self._by_first_word: dict[str, list[str]] = {}
        for key in self._tags:
            self._by_first_word.setdefault(key.split(" ", 1)[0], []).append(key)

    def tag(self, article: Article) -> Article:
        """The article with the vocabulary's tags its title and body mention."""
        texts = [phrase_key(text).split() for text in (article.title or "", *article.body)]
        mentioned = set(chain.from_iterable(texts))
        # Only phrases whose every word the text has can occur in it.
        keys = [
            key
            for word in mentioned
            for key in self._by_first_word.get(word, ())
            if mentioned.issuperset(key.split())
        ]
        finder = PhraseFinder(keys)
        # Per canonical tag, its first mention, (paragraph, start, words), and its label.
        first: dict[str, tuple[tuple[int, int, int], str]] = {}
        for paragraph, words in enumerate(texts):
            for start, phrase in finder.find(words):
                label, canonical = self._tags[keys[phrase]]
                place = (paragraph, start, keys[phrase].count(" ") + 1)
                known = first.get(canonical)
                if known is None or place < known[0]:
                    first[canonical] = (place, label)
        return attrs.evolve(article, tags=tuple(label for _, label in sorted(first.values())))


def _check_labels(labels: tuple[str, ...]) -> None:
    """Refuse a vocabulary holding a label that is no tag, whether a text mentions it
    or not (found by fuzzing: such a label failed only once an article mentioned it)."""
    try:
        Article(tags=labels)  # the models' rule for tags, checked once for all labels
    except TypeError as exc:
        raise TypeError(f"vocabulary labels must be tags: {exc}") from None
    except ValueError as exc:
        raise ValueError(f"vocabulary labels must be tags: {exc}") from None


def tag_article(article: Article, vocabulary: Iterable[str]) -> Article:
    """The article with the tags of ``vocabulary`` that its title and body mention.

    Matching is by whole words, ignoring case; a country counts under any of its forms
    ("Turkish" in the text finds the tag "Turkey"). Tags keep the vocabulary's labels;
    of several labels of one canonical tag, the one mentioned first is kept. To tag
    many articles with one vocabulary, use a :class:`Tagger` once.

    Each label must be a tag as the models hold them: one line of text, not empty, no
    spaces around it (``TypeError`` or ``ValueError`` otherwise, from the Tagger,
    before any text is read). For such a vocabulary and any valid article, it never
    raises.
    """
    return Tagger(vocabulary).tag(article)
