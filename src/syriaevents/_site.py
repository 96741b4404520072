"""The plan of the browsable archive that ``syriaevents build`` writes, as records.

What every page needs to know of the others, and nothing about HTML: each event,
article and tag as a small entry naming its page; the days, completed with the events
they do not list; the index of events for the *related* panel and the index of
articles for *coverage*; where each page is written. ``_site_html`` renders pages from
a plan; ``_build`` reads the documents, makes the plan and writes the files.

Pages are named by keys: an event by its archive path (``/news/2017/05/4/<slug>``), a
day by its folder (``/news/2017/05/4/``), an article by ``/articles/<slug>``, a tag by
``/tags/<slug>``, the index by ``/``. Each key has a file (without suffix) in the
output folder: the key itself, except that an event whose slug is a name the site
keeps for itself (``index``) or whose name is too long for a file system is written
under a shortened, deterministic name.
"""

from __future__ import annotations

import datetime
import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

import attrs

from ._formats._frame import PageLinker, relative_href
from ._formats.html import article_label
from ._models import Article, Day, Event, ListedEvent, RelatedEvent
from ._paths import NON_ALNUM, day_path, slugify
from ._related import Archive
from ._tags import canonical_tag, country_variants

__all__ = [
    "ArticleEntry",
    "EventEntry",
    "SitePlan",
    "TagEntry",
    "article_entry",
    "article_slug",
    "event_entry",
    "unique_slugs",
]

RELATED_LIMIT = 5
INDEX = "/"
_RESERVED = frozenset({"index"})  # file names the site writes in every day's folder
_MAX_NAME = 200  # bytes of a file name before its suffix (file systems allow 255)


@attrs.frozen(kw_only=True)
class EventEntry:
    """An event as other pages show it."""

    path: str
    date: datetime.date
    title: str
    category: str | None = None
    summary_line: str | None = None  # the summary's first line, for day listings
    tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ArticleEntry:
    """An article as other pages show it; ``path`` is its page's key."""

    path: str
    label: str
    publisher: str | None = None
    published: datetime.date | None = None
    tags: tuple[str, ...] = ()  # its own tags, or those the archive's vocabulary found


@attrs.frozen(kw_only=True)
class TagEntry:
    """A tag's page: its key, the label it is shown with, what carries it."""

    path: str
    label: str
    events: tuple[str, ...]  # event paths, newest first
    articles: tuple[str, ...]  # article keys, in the order given


def event_entry(event: Event) -> EventEntry:
    """The entry of an event."""
    summary = event.summary.split("\n", 1)[0].strip() if event.summary else None
    return EventEntry(
        path=event.path,
        date=event.date,
        title=event.title,
        category=event.category,
        summary_line=summary or None,
        tags=event.tags,
    )


def article_entry(article: Article, path: str) -> ArticleEntry:
    """The entry of an article whose page has the key ``path``."""
    return ArticleEntry(
        path=path,
        label=article_label(article),
        publisher=article.publisher,
        published=article.published,
        tags=article.tags,
    )


def article_slug(label: str) -> str:
    """The slug an article's page is named by (from its label), before it is made unique."""
    return slugify(label) or "article"


def unique_slugs(slugs: Iterable[str]) -> list[str]:
    """Each slug, or ``slug-2``, ``slug-3``... where an earlier one took it."""
    taken: set[str] = set()
    unique = []
    for slug in slugs:
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _tag_slug(tag: str) -> str:
    folded = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode("ascii")
    return NON_ALNUM.sub("-", folded.lower()).strip("-")[:80] or "tag"


def _file_name(name: str, *, reserved: bool) -> str:
    """A page's file name: as given, unless reserved or too long for a file system."""
    if reserved and name in _RESERVED:
        return f"{name}-event"
    if len(name.encode("utf-8")) <= _MAX_NAME:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]  # noqa: S324  # a name
    cut = name.encode("utf-8")[: _MAX_NAME - 13].decode("utf-8", "ignore")
    return f"{cut}-{digest}"


class SitePlan:
    """Every page of a site and what it shows of the others (see the module docstring).

    Events share a path at most once (the caller keeps one version of each); an event
    a read day page lists with a Context line takes its tags from there. Every date
    with events gets a day page: the one read, completed with the events it does not
    list, or a new one.
    """

    def __init__(
        self,
        events: Iterable[EventEntry],
        articles: Iterable[ArticleEntry] = (),
        days: Iterable[Day] = (),
    ) -> None:
        read_days = list(days)
        context = {listed.path: listed.tags for day in read_days for listed in day.events}
        entries = [
            attrs.evolve(e, tags=context[e.path]) if context.get(e.path) else e for e in events
        ]
        entries.sort(key=lambda entry: (-entry.date.toordinal(), entry.path))
        self.events: tuple[EventEntry, ...] = tuple(entries)
        self.event_at = {entry.path: entry for entry in entries}
        self.articles: tuple[ArticleEntry, ...] = tuple(articles)
        self.article_at = {entry.path: entry for entry in self.articles}
        self.days: tuple[Day, ...] = _complete_days(read_days, entries)
        self.tags: dict[str, TagEntry] = _tag_pages(entries, self.articles)
        self._archive = Archive(
            Event(date=e.date, title=e.title, path=e.path, tags=e.tags) for e in entries
        )
        # Articles are ranked for an event as events are: more shared tags, then newer.
        self._coverage = Archive(
            Event(
                date=a.published or datetime.date.min,
                title=a.label,
                path=f"/news/0001/01/1/a{position}",
                tags=a.tags,
            )
            for position, a in enumerate(self.articles)
        )
        self.files: dict[str, str] = {INDEX: "index"}
        for entry in entries:
            folder, _, name = entry.path.lstrip("/").rpartition("/")
            self.files[entry.path] = f"{folder}/{_file_name(name, reserved=True)}"
        for day in self.days:
            self.files[f"{day_path(day.date)}/"] = f"{day_path(day.date).lstrip('/')}/index"
        for key in [article.path for article in self.articles] + [
            tag.path for tag in self.tags.values()
        ]:
            folder, _, name = key.lstrip("/").rpartition("/")
            self.files[key] = f"{folder}/{_file_name(name, reserved=False)}"

    def vocabulary(self) -> tuple[str, ...]:
        """Every tag label the events use, each once, in first-seen order (newest first)."""
        return tuple(dict.fromkeys(tag for entry in self.events for tag in entry.tags))

    def related(self, event: EventEntry | ArticleEntry) -> tuple[RelatedEvent, ...]:
        """The events most related to an event or an article, as the archive ranks them."""
        return self._archive.related(event, RELATED_LIMIT)

    def coverage(self, event: EventEntry) -> tuple[ArticleEntry, ...]:
        """The articles sharing most tags with an event, newer first among equals."""
        ranked = self._coverage.related(event, RELATED_LIMIT)
        return tuple(self.articles[int(found.path.rsplit("/a", 1)[1])] for found in ranked)

    def tag_pages(self, labels: Iterable[str]) -> list[TagEntry]:
        """The tag pages of some labels, each once, in the labels' order."""
        keys = dict.fromkeys(canonical_tag(label) for label in labels)
        return [self.tags[key] for key in keys if key in self.tags]

    def linker(self, here: str) -> PageLinker:
        """Relative links from the page ``here`` to the site's other pages (by key)."""
        folder = self.files[here].rpartition("/")[0]
        files = self.files

        def link(target: str) -> str | None:
            found = files.get(target)
            return None if found is None else relative_href(f"{found}.html", folder)

        return link


def _complete_days(read_days: list[Day], events: list[EventEntry]) -> tuple[Day, ...]:
    loaded: dict[datetime.date, Day] = {}
    for day in read_days:
        known = loaded.get(day.date)
        loaded[day.date] = day if known is None else _with_listed(known, day.events)
    events_of: dict[datetime.date, list[ListedEvent]] = defaultdict(list)
    for entry in reversed(events):  # oldest first, path order within a day
        events_of[entry.date].append(_listing(entry))
    dates = sorted(loaded.keys() | events_of.keys())
    days = []
    for position, date in enumerate(dates):
        listed = events_of.get(date, [])
        read = loaded.get(date)
        if read is None:
            previous = dates[position - 1] if position else None
            days.append(Day(date=date, events=listed, previous=previous))
        else:
            days.append(_with_listed(read, listed))
    return tuple(days)


def _listing(entry: EventEntry) -> ListedEvent:
    """How a day page lists an event: the summary's first line, else its tags."""
    return ListedEvent(
        title=entry.title,
        path=entry.path,
        category=entry.category,
        summary=entry.summary_line,
        tags=() if entry.summary_line else entry.tags,
    )


def _with_listed(day: Day, listed: Iterable[ListedEvent]) -> Day:
    """The day with the events it does not list yet added at the end (its layout kept)."""
    known = {entry.path for entry in day.events}
    extra = [entry for entry in listed if entry.path not in known]
    return attrs.evolve(day, events=(*day.events, *extra)) if extra else day


def _tag_pages(events: list[EventEntry], articles: tuple[ArticleEntry, ...]) -> dict[str, TagEntry]:
    """Per canonical tag, its page: shown with the country's name, or the label most
    carriers use (the first seen among equals)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    carriers: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for entry in events:
        for label in entry.tags:
            labels[canonical_tag(label)][label] += 1
        for tag in dict.fromkeys(canonical_tag(label) for label in entry.tags):
            carriers[tag][0].append(entry.path)
    for article in articles:
        for label in article.tags:
            labels[canonical_tag(label)][label] += 1
        for tag in dict.fromkeys(canonical_tag(label) for label in article.tags):
            carriers[tag][1].append(article.path)
    slugs = unique_slugs(_tag_slug(tag) for tag in carriers)
    pages = {}
    for (tag, (event_paths, article_paths)), slug in zip(carriers.items(), slugs, strict=True):
        label = tag if country_variants(tag) else labels[tag].most_common(1)[0][0]
        pages[tag] = TagEntry(
            path=f"/tags/{slug}",
            label=label,
            events=tuple(event_paths),
            articles=tuple(article_paths),
        )
    return pages
