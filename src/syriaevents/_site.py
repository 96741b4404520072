"""The browsable archive that ``syriaevents build`` writes: every document in every
form, linked together.

Layout of the output folder (each page links the others relatively, so the folder
reads the same from disk, from any web server, or moved elsewhere):

- ``index.html``: the events newest first, the articles, the days and the tags;
- ``news/YYYY/MM/D/<slug>.{md,html,json,xml}``: each event at its archive path;
- ``news/YYYY/MM/D/index.{md,html,json,xml}``: each day, in the archive's day format;
- ``articles/<slug>.{html,json,xml}``: each article;
- ``tags/<tag>.html``: each canonical tag, with its events and articles.

Event pages link the events most related to them over the whole archive and the
articles that share their tags; article pages link their most related events.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from html import escape

import attrs

from ._formats.html import PageLinker, article_label, html_document, human_date, render_page
from ._formats.json import to_json
from ._formats.markdown import to_markdown
from ._formats.xml import to_xml
from ._models import Article, Day, Event, ListedEvent, RelatedEvent
from ._paths import day_path, slugify
from ._related import Archive, tag_article
from ._tags import canonical_tag, canonical_tags

__all__ = ["Site"]

SITE_TITLE = "Syria events archive"
_RELATED_LIMIT = 5
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _tag_slug(tag: str) -> str:
    folded = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", folded.lower()).strip("-")[:80] or "tag"


def _unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... if it is taken; the result is taken then."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


class Site:
    """The pages of a browsable archive, built from events, day pages and articles.

    Events that share a path are merged and take their tags from a day page's Context
    line, as in :class:`~syriaevents.Archive`. Every date with events gets a day page:
    the one read, completed with the events it does not list, or a new one.
    """

    def __init__(self, documents: Iterable[Event | Day | Article]) -> None:
        self.archive = Archive(documents)
        vocabulary = self.archive.vocabulary()
        self.articles: list[tuple[str, Article, Article]] = []  # site path, as read, tagged
        taken: set[str] = set()
        for article in self.archive.articles:
            slug = _unique(slugify(article_label(article)) or "article", taken)
            tagged = article if article.tags else tag_article(article, vocabulary)
            self.articles.append((f"/articles/{slug}", article, tagged))
        self._tagged = {path: tagged for path, _, tagged in self.articles}
        # Each article's canonical tags, read once rather than once per event page.
        self._article_tags = [canonical_tags(tagged.tags) for _, _, tagged in self.articles]
        self.days = self._complete_days()
        self.tags = self._tag_pages()
        self._pages = {event.path for event in self.archive.events}
        self._pages |= {f"{day_path(day.date)}/index" for day in self.days}
        self._pages |= {path for path, _, _ in self.articles}
        self._pages |= {path for path, _, _ in self.tags.values()}
        self._pages.add("/index")

    # --- what there is ------------------------------------------------------------------

    def _complete_days(self) -> list[Day]:
        loaded: dict[datetime.date, Day] = {}
        for day in self.archive.days:
            known = loaded.get(day.date)
            loaded[day.date] = day if known is None else _with_listed(known, day.events)
        events_of: dict[datetime.date, list[Event]] = defaultdict(list)
        for event in reversed(self.archive.events):  # oldest first, path order in a day
            events_of[event.date].append(event)
        dates = sorted(loaded.keys() | events_of.keys())
        days = []
        for position, date in enumerate(dates):
            listed = [_listing(event) for event in events_of.get(date, ())]
            read = loaded.get(date)
            if read is None:
                previous = dates[position - 1] if position else None
                days.append(Day(date=date, events=listed, previous=previous))
            else:
                days.append(_with_listed(read, listed))
        return days

    def _tag_pages(self) -> dict[str, tuple[str, str, list[tuple[str, Event | Article]]]]:
        """Per canonical tag: its site path, its label (first seen) and what carries it
        (each with its site path)."""
        pages: dict[str, tuple[str, str, list[tuple[str, Event | Article]]]] = {}
        taken: set[str] = set()
        carriers: list[tuple[str, Event | Article]] = [(e.path, e) for e in self.archive.events]
        carriers += [(path, tagged) for path, _, tagged in self.articles]
        for path, item in carriers:
            for label in item.tags:
                tag = canonical_tag(label)
                if tag not in pages:
                    pages[tag] = (f"/tags/{_unique(_tag_slug(tag), taken)}", label, [])
                members = pages[tag][2]
                if not members or members[-1][1] is not item:
                    members.append((path, item))
        return pages

    def articles_related_to(self, event: Event) -> list[tuple[str, Article, int]]:
        """The articles sharing most tags with ``event`` (newest first among equals)."""
        tags = canonical_tags(event.tags)
        scored = []
        for (path, article, _), article_tags in zip(self.articles, self._article_tags, strict=True):
            shared = len(tags & article_tags)
            if shared:
                published = (article.published or datetime.date.min).toordinal()
                scored.append((-shared, -published, path, article))
        scored.sort(key=lambda entry: entry[:3])
        return [(path, article, -shared) for shared, _, path, article in scored[:_RELATED_LIMIT]]

    # --- the files ----------------------------------------------------------------------

    def files(self) -> list[tuple[str, Callable[[], str]]]:
        """Every file of the site: its path in the output folder and what writes its text."""
        out: list[tuple[str, Callable[[], str]]] = [("index.html", self._index)]
        for event in self.archive.events:
            out += self._forms(event.path, event, markdown=True)
        for day in self.days:
            out += self._forms(f"{day_path(day.date)}/index", day, markdown=True)
        for path, article, _ in self.articles:
            out += self._forms(path, article, markdown=False)
        out += [
            (f"{path.lstrip('/')}.html", _bind(self._tag_page, tag))
            for tag, (path, _, _) in self.tags.items()
        ]
        return out

    def _forms(
        self, path: str, document: Event | Day | Article, *, markdown: bool
    ) -> list[tuple[str, Callable[[], str]]]:
        base = path.lstrip("/")
        writers: list[tuple[str, Callable[[], str]]] = []
        if markdown:
            writers.append((f"{base}.md", _bind(to_markdown, document)))
        writers += [
            (f"{base}.html", _bind(self._document_page, path, document)),
            (f"{base}.json", _bind(to_json, document)),
            (f"{base}.xml", _bind(to_xml, document)),
        ]
        return writers

    def linker(self, here: str) -> PageLinker:
        """Links from the page at site path ``here`` to the site's other pages, relative."""
        folder = posixpath.dirname(here)
        pages = self._pages

        def link(target: str) -> str | None:
            return relative_href(f"{target}.html", folder) if target in pages else None

        return link

    def _document_page(self, path: str, document: Event | Day | Article) -> str:
        link = self.linker(path)
        forms = [("JSON", ".json"), ("XML", ".xml")]
        if not isinstance(document, Article):
            forms.insert(0, ("Markdown", ".md"))
        name = posixpath.basename(path)
        nav = _navigation(link, [(label, f"./{name}{suffix}") for label, suffix in forms])
        aside: list[str] = []
        if isinstance(document, Event):
            aside += self._related_events(link, self.archive.related(document, _RELATED_LIMIT))
            aside += self._related_articles(link, self.articles_related_to(document))
            aside += self._tag_links(link, document.tags)
        elif isinstance(document, Article):
            tagged = self._tagged[path]
            aside += self._related_events(link, self.archive.related(tagged, _RELATED_LIMIT))
            aside += self._tag_links(link, tagged.tags)
        after = ["</main>"]
        if aside:
            after += ['<aside class="site-links" aria-label="In this archive">', *aside, "</aside>"]
        return render_page(document, link=link, before=[nav, "<main>"], after=after)

    def _related_events(self, link: PageLinker, ranked: Sequence[RelatedEvent]) -> list[str]:
        if not ranked:
            return []
        items = [
            f"<li>{_anchor(link, event.path, event.title)} "
            f'<time datetime="{event.date.isoformat()}">{human_date(event.date)}</time>'
            f' <span class="context">shares {escape(", ".join(event.tags))}</span></li>'
            for event in ranked
        ]
        return ["<h2>Related events in this archive</h2>", "<ol>", *items, "</ol>"]

    def _related_articles(
        self, link: PageLinker, ranked: Sequence[tuple[str, Article, int]]
    ) -> list[str]:
        if not ranked:
            return []
        items = [
            f"<li>{_anchor(link, path, article_label(article))}{_byline(article)}</li>"
            for path, article, _ in ranked
        ]
        return ["<h2>Coverage</h2>", "<ul>", *items, "</ul>"]

    def _tag_links(self, link: PageLinker, labels: Iterable[str]) -> list[str]:
        seen = dict.fromkeys(canonical_tag(label) for label in labels)
        items = [
            f'<li class="tag-link">{_anchor(link, self.tags[tag][0], self.tags[tag][1])}</li>'
            for tag in seen
            if tag in self.tags
        ]
        return ["<h2>Tags</h2>", '<ul class="tag-links">', *items, "</ul>"] if items else []

    def _index(self) -> str:
        link = self.linker("/index")
        events = self.archive.events
        body = [
            '<header class="site-header">',
            f"<h1>{SITE_TITLE}</h1>",
            f"<p>{len(events)} events, {len(self.days)} days, {len(self.articles)} articles,"
            f" {len(self.tags)} tags.</p>",
            "</header>",
            "<main>",
            '<section class="index-events" aria-labelledby="events">',
            '<h2 id="events">Events, newest first</h2>',
            "<ol>",
            *[_event_entry(link, event) for event in events],
            "</ol>",
            "</section>",
        ]
        if self.articles:
            body += [
                '<section class="index-articles" aria-labelledby="articles">',
                '<h2 id="articles">Articles</h2>',
                "<ul>",
                *[
                    f"<li>{_anchor(link, path, article_label(article))}{_byline(article)}</li>"
                    for path, article, _ in self.articles
                ],
                "</ul>",
                "</section>",
            ]
        body += [
            '<section class="index-days" aria-labelledby="days">',
            '<h2 id="days">Days</h2>',
            '<ul class="day-links">',
            *[
                f"<li>{_anchor(link, f'{day_path(day.date)}/index', human_date(day.date))}</li>"
                for day in reversed(self.days)
            ],
            "</ul>",
            "</section>",
        ]
        if self.tags:
            ordered = sorted(self.tags.values(), key=lambda page: page[1].casefold())
            body += [
                '<section class="index-tags" aria-labelledby="tags">',
                '<h2 id="tags">Tags</h2>',
                '<ul class="tag-links">',
                *[
                    f'<li class="tag-link">{_anchor(link, path, label)}'
                    f' <span class="count">{len(members)}</span></li>'
                    for path, label, members in ordered
                ],
                "</ul>",
                "</section>",
            ]
        body.append("</main>")
        return html_document(SITE_TITLE, body)

    def _tag_page(self, tag: str) -> str:
        path, label, members = self.tags[tag]
        link = self.linker(path)
        events = [item for _, item in members if isinstance(item, Event)]
        articles = [(path, item) for path, item in members if isinstance(item, Article)]
        body = [_navigation(link, []), "<main>", f"<h1>Tag: {escape(label)}</h1>"]
        if events:
            body += ["<h2>Events</h2>", "<ol>", *[_event_entry(link, e) for e in events], "</ol>"]
        if articles:
            body += ["<h2>Articles</h2>", "<ul>"]
            body += [
                f"<li>{_anchor(link, p, article_label(a))}{_byline(a)}</li>" for p, a in articles
            ]
            body.append("</ul>")
        body.append("</main>")
        return html_document(f"Tag: {label}", body)


def relative_href(target: str, folder: str) -> str:
    """The relative link from ``folder`` to ``target`` (site paths), always starting
    with ``./`` or ``../``, so that no first segment can be read as a URL scheme."""
    href = posixpath.relpath(target, folder)
    return href if href.startswith("../") else f"./{href}"


def _bind(function: Callable[..., str], *arguments: object) -> Callable[[], str]:
    return lambda: function(*arguments)


def _listing(event: Event) -> ListedEvent:
    """How a day page lists an event: the summary's first line, else its tags."""
    summary = event.summary.split("\n", 1)[0].strip() if event.summary else None
    return ListedEvent(
        title=event.title,
        path=event.path,
        category=event.category,
        summary=summary or None,
        tags=() if summary else event.tags,
    )


def _with_listed(day: Day, listed: Iterable[ListedEvent]) -> Day:
    """The day with the events it does not list yet added at the end (its layout kept)."""
    known = {entry.path for entry in day.events}
    extra = [entry for entry in listed if entry.path not in known]
    return attrs.evolve(day, events=(*day.events, *extra)) if extra else day


def _anchor(link: PageLinker, path: str, text: str) -> str:
    href = link(path)
    if href is None:
        return escape(text)
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _navigation(link: PageLinker, forms: list[tuple[str, str]]) -> str:
    home = link("/index")
    parts = [f'<a href="{escape(home or "./index.html")}">{SITE_TITLE}</a>']
    if forms:
        anchors = " ".join(f'<a href="{escape(href)}">{label}</a>' for label, href in forms)
        parts.append(f'<span class="forms">Also as {anchors}</span>')
    return f'<nav class="site-nav" aria-label="Archive">{" ".join(parts)}</nav>'


def _event_entry(link: PageLinker, event: Event) -> str:
    category = f' <span class="category">{escape(event.category)}</span>' if event.category else ""
    return (
        f'<li><time datetime="{event.date.isoformat()}">{human_date(event.date)}</time> '
        f"{_anchor(link, event.path, event.title)}{category}</li>"
    )


def _byline(article: Article) -> str:
    parts = [article.publisher] if article.publisher else []
    if article.published:
        parts.append(human_date(article.published))
    return f' <span class="context">{escape(", ".join(parts))}</span>' if parts else ""
