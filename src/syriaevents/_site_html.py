"""The pages of a built site, rendered from a :class:`~syriaevents._site.SitePlan`.

Each document's page is its HTML form (so :func:`~syriaevents.from_html` reads it)
inside the site's navigation, with panels on what the archive holds around it; the
index, the day pages and the tag pages list what the plan holds. All text goes
through the page frame's escaping; every link is relative and starts with ``./`` or
``../``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence

from ._dates import human_date
from ._formats import forms
from ._formats._frame import PageLinker, html_document
from ._formats._frame import attribute as _attr
from ._formats._frame import text as _text
from ._formats.html import article_markup
from ._models import Article, Day, Document, Event, RelatedEvent
from ._paths import day_path
from ._site import INDEX, ArticleEntry, EventEntry, SitePlan, TagEntry
from ._timeline import month_counts, timeline_svg

__all__ = ["SITE_TITLE", "day_page", "document_page", "index_page", "tag_page"]

SITE_TITLE = "Syria events archive"


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _anchor(link: PageLinker, key: str, label: str) -> str:
    href = link(key)
    return _text(label) if href is None else f'<a href="{_attr(href)}">{_text(label)}</a>'


def _navigation(plan: SitePlan, link: PageLinker, key: str | None, kind: str | None) -> str:
    """The site's name, and the page's other forms (documents only)."""
    home = link(INDEX) or "./index.html"
    parts = [f'<a href="{_attr(home)}">{SITE_TITLE}</a>']
    if key is not None and kind is not None:
        name = posixpath.basename(plan.files[key])
        others = [
            f'<a href="./{_attr(name + form.suffixes[0])}">{_text(form.label)}</a>'
            for form in forms()
            if form.write and kind in form.writes and form.name != "html"
        ]
        if others:
            parts.append(f'<span class="forms">Also as {" ".join(others)}</span>')
    return f'<nav class="site-nav" aria-label="Archive">{" ".join(parts)}</nav>'


def _byline(article: ArticleEntry) -> str:
    parts = [article.publisher] if article.publisher else []
    if article.published:
        parts.append(human_date(article.published))
    return f' <span class="context">{_text(", ".join(parts))}</span>' if parts else ""


def _event_item(link: PageLinker, event: EventEntry) -> str:
    category = f' <span class="category">{_text(event.category)}</span>' if event.category else ""
    return (
        f'<li><time datetime="{event.date.isoformat()}">{human_date(event.date)}</time> '
        f"{_anchor(link, event.path, event.title)}{category}</li>"
    )


def _article_item(link: PageLinker, article: ArticleEntry) -> str:
    return f"<li>{_anchor(link, article.path, article.label)}{_byline(article)}</li>"


def _timeline(events: Iterable[object], title: str) -> list[str]:
    counts = month_counts(events)
    if not counts:
        return []
    return [f'<figure class="timeline">{timeline_svg(counts, title=title)}</figure>']


def _related_panel(link: PageLinker, ranked: Sequence[RelatedEvent]) -> list[str]:
    if not ranked:
        return []
    items = [
        f"<li>{_anchor(link, event.path, event.title)} "
        f'<time datetime="{event.date.isoformat()}">{human_date(event.date)}</time>'
        f' <span class="context">shares {_text(", ".join(event.tags))}</span></li>'
        for event in ranked
    ]
    return [
        "<h2>Related events in this archive</h2>",
        *_timeline(ranked, "Months of the related events"),
        "<ol>",
        *items,
        "</ol>",
    ]


def _coverage_panel(link: PageLinker, articles: Sequence[ArticleEntry]) -> list[str]:
    if not articles:
        return []
    return ["<h2>Coverage</h2>", "<ul>", *[_article_item(link, a) for a in articles], "</ul>"]


def _tag_panel(link: PageLinker, tags: Sequence[TagEntry]) -> list[str]:
    if not tags:
        return []
    items = [f'<li class="tag-link">{_anchor(link, tag.path, tag.label)}</li>' for tag in tags]
    return ["<h2>Tags</h2>", '<ul class="tag-links">', *items, "</ul>"]


def document_page(plan: SitePlan, key: str, document: Document) -> str:
    """The page of an event, an article (its entry's tags) or a day, at ``key``."""
    link = plan.linker(key)
    kind = "event" if isinstance(document, Event) else "day"
    aside: list[str] = []
    if isinstance(document, Event):
        entry = plan.event_at[key]
        aside += _related_panel(link, plan.related(entry))
        aside += _coverage_panel(link, plan.coverage(entry))
        aside += _tag_panel(link, plan.tag_pages(entry.tags))
    elif isinstance(document, Article):
        kind = "article"
        article = plan.article_at[key]
        aside += _related_panel(link, plan.related(article))
        aside += _tag_panel(link, plan.tag_pages(article.tags))
    title, markup = article_markup(document, link)
    body = [_navigation(plan, link, key, kind), "<main>", *markup, "</main>"]
    if aside:
        body += ['<aside class="site-links" aria-label="In this archive">', *aside, "</aside>"]
    return html_document(title, body, site=True)


def day_page(plan: SitePlan, day: Day) -> str:
    """The page of a day (a document page at its folder's key)."""
    return document_page(plan, f"{day_path(day.date)}/", day)


def tag_page(plan: SitePlan, tag: TagEntry) -> str:
    """A tag's page: its events with their timeline, and its articles."""
    link = plan.linker(tag.path)
    events = [plan.event_at[path] for path in tag.events]
    articles = [plan.article_at[path] for path in tag.articles]
    body = [_navigation(plan, link, None, None), "<main>", f"<h1>Tag: {_text(tag.label)}</h1>"]
    counts = [_counted(len(events), "event"), _counted(len(articles), "article")]
    body.append(f'<p class="count">{", ".join(counts)}</p>')
    if events:
        body += _timeline(events, f"Events tagged {tag.label}, per month")
        body += ["<h2>Events</h2>", "<ol>", *[_event_item(link, e) for e in events], "</ol>"]
    if articles:
        body += ["<h2>Articles</h2>", "<ul>", *[_article_item(link, a) for a in articles], "</ul>"]
    body.append("</main>")
    return html_document(f"Tag: {tag.label}", body, site=True)


def index_page(plan: SitePlan) -> str:
    """The site's front page: counts, a timeline, events, articles, days and tags."""
    link = plan.linker(INDEX)
    counts = [
        _counted(len(plan.events), "event"),
        _counted(len(plan.days), "day"),
        _counted(len(plan.articles), "article"),
        _counted(len(plan.tags), "tag"),
    ]
    body = [
        '<header class="site-header">',
        f"<h1>{SITE_TITLE}</h1>",
        f"<p>{', '.join(counts)}.</p>",
        "</header>",
        "<main>",
        *_timeline(plan.events, "Events per month"),
        '<section class="index-events" aria-labelledby="events">',
        '<h2 id="events">Events, newest first</h2>',
        "<ol>",
        *[_event_item(link, event) for event in plan.events],
        "</ol>",
        "</section>",
    ]
    if plan.articles:
        body += [
            '<section class="index-articles" aria-labelledby="articles">',
            '<h2 id="articles">Articles</h2>',
            "<ul>",
            *[_article_item(link, article) for article in plan.articles],
            "</ul>",
            "</section>",
        ]
    body += [
        '<section class="index-days" aria-labelledby="days">',
        '<h2 id="days">Days</h2>',
        '<ul class="day-links">',
        *[
            f"<li>{_anchor(link, f'{day_path(day.date)}/', human_date(day.date))}</li>"
            for day in reversed(plan.days)
        ],
        "</ul>",
        "</section>",
    ]
    if plan.tags:
        ordered = sorted(plan.tags.values(), key=lambda tag: tag.label.casefold())
        body += [
            '<section class="index-tags" aria-labelledby="tags">',
            '<h2 id="tags">Tags</h2>',
            '<ul class="tag-links">',
            *[
                f'<li class="tag-link">{_anchor(link, tag.path, tag.label)}'
                f' <span class="count">{len(tag.events) + len(tag.articles)}</span></li>'
                for tag in ordered
            ],
            "</ul>",
            "</section>",
        ]
    body.append("</main>")
    return html_document(SITE_TITLE, body, site=True)
