"""The HTML form: ``to_html`` and ``from_html``.

``to_html`` writes a complete, standalone HTML5 page for a person to read;
``from_html`` reads the model back from that page's own semantic markup (element
classes, ``<time datetime>``, ``data-`` attributes), never from hidden data. All
text and every attribute value is escaped. See ``docs/formats.md``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from .._converter import KINDS, shown
from .._dates import human_date
from .._errors import ParseError
from .._models import (
    Article,
    Change,
    Comment,
    Day,
    Document,
    Event,
    Image,
    Link,
    ListedEvent,
    RelatedEvent,
    Source,
    thread_from_outline,
)
from .._paths import day_path
from .._text import as_text
from . import Form, ReadHints
from ._frame import PageLinker, archive_href, html_document
from ._frame import attribute as _attr
from ._frame import text as _text
from ._markup import Element, Grammar, Tree, parse_markup

__all__ = ["FORM", "article_label", "article_markup", "from_html", "to_html"]

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_MAX_DEPTH = 200  # deeper documents are refused: none we write comes near


def to_html(obj: object) -> str:
    """Write a model as a standalone HTML5 page."""
    title, body = article_markup(obj, archive_href)
    return html_document(title, body)


def article_markup(obj: object, link: PageLinker) -> tuple[str, list[str]]:
    """A model's page title and its ``<article>`` markup, archive pages linked by
    ``link`` (:func:`from_html` reads this element, whatever surrounds it)."""
    if isinstance(obj, Event):
        return obj.title, _event_body(obj, link)
    if isinstance(obj, Article):
        return article_label(obj), _article_body(obj)
    if isinstance(obj, Day):
        return f"Events of {human_date(obj.date)}", _day_body(obj, link)
    names = ", ".join(model.__name__ for model in KINDS.values())
    raise TypeError(f"to_html() takes one of {names}, not {type(obj).__name__}")


def _target(link: PageLinker, path: str, title: str) -> str:
    """A page's title linked to the page, or plain when ``link`` has no page for it."""
    href = link(path)
    if href is None:
        return f'<span class="target">{_text(title)}</span>'
    return f'<a class="target" href="{_attr(href)}">{_text(title)}</a>'


def _event_body(event: Event, link: PageLinker) -> list[str]:
    date = event.date
    out = [
        f'<article class="event" data-type="event" data-path="{_attr(event.path)}">',
        "<header>",
        f'<p class="date">{_day_link(link, date)}</p>',
    ]
    if event.category is not None:
        out.append(f'<p class="category">{_text(event.category)}</p>')
    out += [f'<h1 class="title">{_text(event.title)}</h1>', "</header>"]
    if event.image is not None:
        out.append(
            f'<figure class="image"><img src="{_attr(event.image)}" alt="Cover image"></figure>'
        )
    if event.summary is not None:
        paragraphs = "".join(f"<p>{_text(p)}</p>" for p in event.summary.split("\n\n"))
        out.append(f'<div class="summary">{paragraphs}</div>')
    if event.sources:
        out += _section("sources", "Sources", [_source(s) for s in event.sources])
    if event.changes:
        out += _section("changes", "Changes", [_change(c, link) for c in event.changes])
    if event.related:
        out += _section("related", "Related", [_related(r, link) for r in event.related])
    out += _tags_footer(event.tags)
    out.append("</article>")
    return out


def _tags_footer(tags: tuple[str, ...]) -> list[str]:
    if not tags:
        return []
    items = "".join(f'<li class="tag">{_text(tag)}</li>' for tag in tags)
    return [f'<footer class="tags"><h2>Tags</h2><ul>{items}</ul></footer>']


def _section(name: str, heading: str, items: list[str]) -> list[str]:
    return [
        f'<section class="{name}">',
        f"<h2>{heading}</h2>",
        "<ol>",
        *items,
        "</ol>",
        "</section>",
    ]


def _source(source: Source) -> str:
    return (
        f'<li class="source"><a href="{_attr(source.url)}" rel="nofollow noopener noreferrer">'
        f"{_text(source.name)}</a></li>"
    )


def _day_link(link: PageLinker, date: datetime.date) -> str:
    time = f'<time datetime="{date.isoformat()}">{human_date(date)}</time>'
    href = link(f"{day_path(date)}/")
    return time if href is None else f'<a href="{_attr(href)}">{time}</a>'


def _change(change: Change, link: PageLinker) -> str:
    stamp = ""
    if change.timestamp is not None:
        moment = change.timestamp.isoformat()
        stamp = f' <time datetime="{moment}">{change.timestamp.isoformat(sep=" ")}</time>'
    return (
        f'<li class="change" data-path="{_attr(change.path)}">'
        f"{_target(link, change.path, change.title)}"
        f'{stamp} <span class="kind">{_text(change.kind)}</span></li>'
    )


def _context(tags: tuple[str, ...]) -> str:
    spans = ", ".join(f'<span class="tag">{_text(tag)}</span>' for tag in tags)
    return f'<span class="context">Context: {spans}</span>'


def _related(related: RelatedEvent, link: PageLinker) -> str:
    tags = f" {_context(related.tags)}" if related.tags else ""
    date = related.date
    return (
        f'<li class="related-event" data-path="{_attr(related.path)}">'
        f"{_target(link, related.path, related.title)}"
        f' <time datetime="{date.isoformat()}">{human_date(date)}</time>{tags}</li>'
    )


def _day_body(day: Day, link: PageLinker) -> list[str]:
    out = [
        '<article class="day" data-type="day">',
        f'<header><h1 class="day-date">Events of {_day_link(link, day.date)}</h1></header>',
        '<ol class="day-events">',
    ]
    for listed in day.events:
        parts = [f'<li class="listed-event" data-path="{_attr(listed.path)}">']
        if listed.category is not None:
            parts.append(f'<p class="category">{_text(listed.category)}</p>')
        parts.append(f'<h2 class="headline">{_target(link, listed.path, listed.title)}</h2>')
        if listed.summary is not None:
            parts.append(f'<p class="summary">{_text(listed.summary)}</p>')
        if listed.tags:
            parts.append(f"<p>{_context(listed.tags)}</p>")
        parts.append("</li>")
        out.append("".join(parts))
    out.append("</ol>")
    if day.previous is not None:
        out.append(f'<p class="previous-day">Previous day: {_day_link(link, day.previous)}</p>')
    out.append("</article>")
    return out


def _article_body(article: Article) -> list[str]:
    out = ['<article class="article" data-type="article">', "<header>"]
    if article.publisher is not None:
        out.append(f'<p class="publisher">{_text(article.publisher)}</p>')
    if article.title is not None:
        out.append(f'<h1 class="title">{_text(article.title)}</h1>')
    if article.authors:
        names = ", ".join(f'<span class="author">{_text(a)}</span>' for a in article.authors)
        out.append(f'<p class="byline">By {names}</p>')
    if article.published is not None:
        day = article.published
        out.append(
            f'<p class="published"><time datetime="{day.isoformat()}">{human_date(day)}</time></p>'
        )
    if article.url is not None:
        out.append(
            f'<p class="original"><a class="url" href="{_attr(article.url)}"'
            ' rel="nofollow noopener noreferrer">Original article</a></p>'
        )
    out.append("</header>")
    out += [_figure(image) for image in article.images]
    if article.body:
        out.append('<div class="body">')
        out += [f"<p>{_text(paragraph)}</p>" for paragraph in article.body]
        out.append("</div>")
    if article.related:
        links = [_link(link) for link in article.related]
        out += [
            '<section class="related">',
            "<h2>Related</h2>",
            "<ul>",
            *links,
            "</ul>",
            "</section>",
        ]
    if article.comments:
        count = sum(1 for _ in article.thread())
        out += ['<section class="comments">', f"<h2>Comments ({count})</h2>", '<ol class="thread">']
        out += [_comment(depth, comment) for depth, comment in article.thread()]
        out += ["</ol>", "</section>"]
    out += _tags_footer(article.tags)
    out.append("</article>")
    return out


def _figure(image: Image) -> str:
    parts = []
    if image.caption is not None:
        parts.append(f'<span class="caption">{_text(image.caption)}</span>')
    if image.credit is not None:
        parts.append(f'<span class="credit">{_text(image.credit)}</span>')
    caption = " ".join(parts)
    return f'<figure class="image"><figcaption>{caption}</figcaption></figure>'


def _link(link: Link) -> str:
    return (
        f'<li class="link"><a href="{_attr(link.url)}" rel="nofollow noopener noreferrer">'
        f"{_text(link.title)}</a></li>"
    )


def _comment(depth: int, comment: Comment) -> str:
    # Flat items with their depth, indented by the stylesheet: any depth stays one level
    # of markup, so no reader or browser has to nest thousands of elements.
    paragraphs = "".join(f"<p>{_text(p)}</p>" for p in comment.body)
    return (
        f'<li class="comment" data-depth="{depth}" style="--depth: {depth}">'
        f"{_commenter(comment.author)}"
        f'<div class="comment-body">{paragraphs}</div></li>'
    )


def _commenter(author: str | None) -> str:
    return "" if author is None else f'<p class="commenter">{_text(author)}</p>'


def article_label(article: Article) -> str:
    """What to call an article: its headline, or for a record without one its
    publisher's name and its first words."""
    if article.title is not None:
        return article.title
    words = " ".join(article.body[0].split()[:8]) + "…" if article.body else "Untitled"
    return f"{article.publisher}: {words}" if article.publisher else words


# --- reading ---------------------------------------------------------------------------

# What the writer above, and the site pages written around its <article>, hold: any
# other element or attribute is refused where it stands.
_GRAMMAR = Grammar(
    elements=frozenset(
        {
            *("html", "head", "meta", "title", "style", "body"),
            *("nav", "main", "aside", "article", "header", "footer", "section"),
            *("h1", "h2", "p", "div", "ol", "ul", "li", "figure", "figcaption"),
            *("a", "span", "time", "img"),
            # The site's timelines: inline SVG.
            *("svg", "g", "rect", "line", "text", "desc"),
        }
    ),
    void=_VOID,
    raw_text=frozenset({"style"}),
    attributes=frozenset(
        {
            *("lang", "charset", "name", "content", "class", "id", "style"),
            *("href", "rel", "src", "alt", "datetime", "aria-label", "aria-labelledby"),
            *("data-type", "data-path", "data-depth"),
            *("xmlns", "role", "viewbox", "width", "height", "fill", "font-family", "font-size"),
            *("x", "y", "x1", "x2", "y1", "y2", "stroke", "stroke-width", "text-anchor"),
        }
    ),
    attribute_prefixes=("data-",),
    max_depth=_MAX_DEPTH,
)


def from_html(text: str | bytes) -> Document:
    """Read a page written by :func:`to_html` back into its model."""
    tree = parse_markup(as_text(text, "from_html"), _GRAMMAR)
    for node in tree.by_tag.get("article", ()):
        kind = node.attrs.get("data-type")
        if kind in KINDS:
            try:
                return _READERS[kind](tree, node)
            except (TypeError, ValueError) as exc:
                if isinstance(exc, ParseError):
                    raise
                raise tree.error(node, f"expected a valid {kind}: {exc}") from exc
    kinds = ", ".join(f'"{kind}"' for kind in KINDS)
    raise ParseError(f"expected an <article data-type=...> element ({kinds})", line=1, column=1)


def _maybe(tree: Tree, parent: Element, class_name: str) -> Element | None:
    """The one element of a class below ``parent``, or None; two are an error."""
    found = tree.with_class(parent, class_name)
    if len(found) > 1:
        raise tree.error(found[1], f"expected one element of class {class_name!r}, found another")
    return found[0] if found else None


def _one(tree: Tree, parent: Element, class_name: str) -> Element:
    """The one element of a class below ``parent``, which must be there."""
    found = _maybe(tree, parent, class_name)
    if found is None:
        message = f"expected an element of class {class_name!r} inside <{parent.tag}>"
        raise tree.error(parent, message)
    return found


def _maybe_text(tree: Tree, parent: Element, class_name: str) -> str | None:
    """The text of the one element of a class below ``parent``, or None."""
    found = _maybe(tree, parent, class_name)
    return None if found is None else tree.text_of(found)


def _texts(tree: Tree, parent: Element, class_name: str) -> list[str]:
    """The text of each element of a class below ``parent``."""
    return [tree.text_of(node) for node in tree.with_class(parent, class_name)]


def _paragraphs(tree: Tree, parent: Element) -> list[str]:
    """The text of each element directly inside ``parent`` (its <p>s)."""
    return [tree.text_of(node) for node in parent.children]


def _link_of(tree: Tree, item: Element) -> tuple[str, str]:
    for link in tree.named(item, "a"):
        if "href" in link.attrs:
            return tree.text_of(link), link.attrs["href"]
    raise tree.error(item, "expected a link <a href=...>")


def _linked_page(tree: Tree, item: Element) -> tuple[str, str]:
    """The title and archive path of an item that names a page (``data-path``)."""
    if "data-path" not in item.attrs:
        raise tree.error(item, "expected the page's archive path in a data-path attribute")
    return tree.text_of(_one(tree, item, "target")), item.attrs["data-path"]


def _time(tree: Tree, item: Element, *, required: bool = True) -> str | None:
    times = tree.named(item, "time")
    if times:
        if "datetime" not in times[0].attrs:
            raise tree.error(times[0], "expected a <time> with a datetime attribute")
        return times[0].attrs["datetime"]
    if required:
        raise tree.error(item, "expected a <time datetime=...> element")
    return None


def _date(tree: Tree, item: Element) -> datetime.date:
    """The date of the <time datetime=...> below ``item``."""
    value = _time(tree, item)
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError as exc:
        raise tree.error(item, f"expected a date YYYY-MM-DD, found {shown(value)}") from exc


def _maybe_date(tree: Tree, parent: Element, class_name: str) -> datetime.date | None:
    """The date inside the one element of a class below ``parent``, or None."""
    found = _maybe(tree, parent, class_name)
    return None if found is None else _date(tree, found)


def _read_event(tree: Tree, article: Element) -> Event:
    image = _maybe(tree, article, "image")
    image_url = None
    if image is not None:
        images = tree.named(image, "img")
        if not images or "src" not in images[0].attrs:
            raise tree.error(image, "expected an <img src=...> in the image figure")
        image_url = images[0].attrs["src"]
    summary = _maybe(tree, article, "summary")
    sources = []
    for item in tree.with_class(article, "source"):
        name, url = _link_of(tree, item)
        sources.append(Source(name=name, url=url))
    changes = []
    for item in tree.with_class(article, "change"):
        title, path = _linked_page(tree, item)
        kind = tree.text_of(_one(tree, item, "kind"))
        stamp = _time(tree, item, required=False)
        try:
            moment = datetime.datetime.fromisoformat(stamp) if stamp else None
        except ValueError as exc:
            raise tree.error(item, f"expected a timestamp, found {shown(stamp)}") from exc
        changes.append(Change(title=title, path=path, kind=kind, timestamp=moment))
    related = []
    for item in tree.with_class(article, "related-event"):
        title, path = _linked_page(tree, item)
        tags = _texts(tree, item, "tag")
        related.append(
            RelatedEvent(title=title, path=path, date=_date(tree, item), tags=tuple(tags))
        )
    return Event(
        date=_date(tree, _one(tree, article, "date")),
        title=tree.text_of(_one(tree, article, "title")),
        category=_maybe_text(tree, article, "category"),
        summary="\n\n".join(_paragraphs(tree, summary)) if summary else None,
        sources=sources,
        related=related,
        tags=_footer_tags(tree, article),
        path=article.attrs.get("data-path"),
        image=image_url,
        changes=changes,
    )


def _read_article(tree: Tree, article: Element) -> Article:
    original = _maybe(tree, article, "url")
    body = _maybe(tree, article, "body")
    images = [
        Image(
            caption=_maybe_text(tree, figure, "caption"),
            credit=_maybe_text(tree, figure, "credit"),
        )
        for figure in tree.with_class(article, "image")
    ]
    related = []
    for item in tree.with_class(article, "link"):
        link_text, href = _link_of(tree, item)
        related.append(Link(title=link_text, url=href))
    outline = [
        (
            _depth(tree, item),
            _maybe_text(tree, item, "commenter"),
            tuple(_paragraphs(tree, _one(tree, item, "comment-body"))),
        )
        for item in tree.with_class(article, "comment")
    ]
    return Article(
        title=_maybe_text(tree, article, "title"),
        url=original.attrs.get("href") if original else None,
        publisher=_maybe_text(tree, article, "publisher"),
        authors=_texts(tree, article, "author"),
        published=_maybe_date(tree, article, "published"),
        images=images,
        body=_paragraphs(tree, body) if body else [],
        related=related,
        comments=thread_from_outline(outline),
        tags=_footer_tags(tree, article),
    )


# A comment's depth has at most this many digits: enough for any thread, and int()
# never meets a number too long to convert.
_MAX_DEPTH_DIGITS = 6


def _depth(tree: Tree, comment: Element) -> int:
    depth = comment.attrs.get("data-depth", "")
    if not (depth.isascii() and depth.isdecimal() and len(depth) <= _MAX_DEPTH_DIGITS):
        raise tree.error(comment, f"expected a comment's data-depth, found {shown(depth)}")
    return int(depth)


def _read_day(tree: Tree, article: Element) -> Day:
    events = []
    for item in tree.with_class(article, "listed-event"):
        title, path = _linked_page(tree, item)
        events.append(
            ListedEvent(
                title=title,
                path=path,
                category=_maybe_text(tree, item, "category"),
                summary=_maybe_text(tree, item, "summary"),
                tags=_texts(tree, item, "tag"),
            )
        )
    return Day(
        date=_date(tree, _one(tree, article, "day-date")),
        events=events,
        previous=_maybe_date(tree, article, "previous-day"),
    )


_READERS: dict[str, Callable[[Tree, Element], Document]] = {
    "event": _read_event,
    "article": _read_article,
    "day": _read_day,
}


def _footer_tags(tree: Tree, article: Element) -> list[str]:
    footer = _maybe(tree, article, "tags")
    return _texts(tree, footer, "tag") if footer else []


def _looks_like_html(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:15].lower().startswith(("<!doctype html", "<html"))


def _read(text: str, hints: ReadHints) -> Document:
    return from_html(text)


FORM = Form(
    name="html",
    label="HTML",
    suffixes=(".html", ".htm"),
    read=_read,
    write=to_html,
    looks_like=_looks_like_html,
)
