"""The HTML form: ``to_html`` and ``from_html``.

``to_html`` writes a complete, standalone HTML5 page for a person to read;
``from_html`` reads the model back from that page's own semantic markup (element
classes, ``<time datetime>``, ``data-`` attributes), never from hidden data. All
text and every attribute value is escaped. See ``docs/formats.md``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

from .._converter import KINDS
from .._dates import human_date
from .._errors import ParseError
from .._models import (
    Article,
    Change,
    Comment,
    Day,
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


class _Node:
    __slots__ = ("attrs", "children", "column", "line", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], line: int, column: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.line = line
        self.column = column

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """All text below this node, in document order."""
        parts: list[str] = []
        stack: list[_Node | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            else:
                stack.extend(reversed(node.children))
        return "".join(parts)

    def descendants(self) -> Iterator[_Node]:
        stack = [child for child in reversed(self.children) if isinstance(child, _Node)]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))

    def find_all(self, class_name: str) -> list[_Node]:
        return [node for node in self.descendants() if class_name in node.classes]

    def error(self, message: str) -> ParseError:
        return ParseError(message, line=self.line, column=self.column + 1)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, 1, 0)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        node = _Node(tag, {name: value or "" for name, value in attrs}, line, column)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            if len(self.stack) > _MAX_DEPTH:
                raise ParseError(
                    f"expected at most {_MAX_DEPTH} nested elements", line=line, column=column + 1
                )
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        self.stack[-1].children.append(
            _Node(tag, {name: value or "" for name, value in attrs}, line, column)
        )

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def from_html(text: str | bytes) -> Any:
    """Read a page written by :func:`to_html` back into its model."""
    text = as_text(text, "from_html")
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except AssertionError as exc:
        # html.parser asserts on some malformed markup, e.g. "<![word" (found by fuzzing).
        line, column = builder.getpos()
        raise ParseError(
            f"expected well-formed HTML ({exc})", line=line, column=column + 1
        ) from exc
    for node in builder.root.descendants():
        kind = node.attrs.get("data-type")
        if node.tag == "article" and kind in KINDS:
            try:
                return _READERS[kind](node)
            except (TypeError, ValueError) as exc:
                if isinstance(exc, ParseError):
                    raise
                raise node.error(f"expected a valid {kind}: {exc}") from exc
    kinds = ", ".join(f'"{kind}"' for kind in KINDS)
    raise ParseError(f"expected an <article data-type=...> element ({kinds})", line=1, column=1)


def _maybe(parent: _Node, class_name: str) -> _Node | None:
    """The one element of a class below ``parent``, or None; two are an error."""
    found = parent.find_all(class_name)
    if len(found) > 1:
        raise found[1].error(f"expected one element of class {class_name!r}, found another")
    return found[0] if found else None


def _one(parent: _Node, class_name: str) -> _Node:
    """The one element of a class below ``parent``, which must be there."""
    found = _maybe(parent, class_name)
    if found is None:
        raise parent.error(f"expected an element of class {class_name!r} inside <{parent.tag}>")
    return found


def _link_of(item: _Node) -> tuple[str, str]:
    links = [node for node in item.descendants() if node.tag == "a" and "href" in node.attrs]
    if not links:
        raise item.error("expected a link <a href=...>")
    return links[0].text(), links[0].attrs["href"]


def _linked_page(item: _Node) -> tuple[str, str]:
    """The title and archive path of an item that names a page (``data-path``)."""
    if "data-path" not in item.attrs:
        raise item.error("expected the page's archive path in a data-path attribute")
    return _one(item, "target").text(), item.attrs["data-path"]


def _time(item: _Node, *, required: bool = True) -> str | None:
    for node in item.descendants():
        if node.tag == "time":
            if "datetime" not in node.attrs:
                raise node.error("expected a <time> with a datetime attribute")
            return node.attrs["datetime"]
    if required:
        raise item.error("expected a <time datetime=...> element")
    return None


def _date(item: _Node, value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError as exc:
        raise item.error(f"expected a date YYYY-MM-DD, found {value!r:.40}") from exc


def _read_event(article: _Node) -> Event:
    date_node = _one(article, "date")
    category = _maybe(article, "category")
    title = _one(article, "title")
    summary = _maybe(article, "summary")
    image = _maybe(article, "image")
    image_url = None
    if image is not None:
        images = [node for node in image.descendants() if node.tag == "img"]
        if not images or "src" not in images[0].attrs:
            raise image.error("expected an <img src=...> in the image figure")
        image_url = images[0].attrs["src"]
    paragraphs = [n.text() for n in summary.children if isinstance(n, _Node)] if summary else []
    sources = []
    for item in article.find_all("source"):
        name, url = _link_of(item)
        sources.append(Source(name=name, url=url))
    changes = []
    for item in article.find_all("change"):
        title_text, path = _linked_page(item)
        kind = _one(item, "kind")
        stamp = _time(item, required=False)
        try:
            moment = datetime.datetime.fromisoformat(stamp) if stamp else None
        except ValueError as exc:
            raise item.error(f"expected a timestamp, found {stamp!r:.40}") from exc
        changes.append(Change(title=title_text, path=path, kind=kind.text(), timestamp=moment))
    related = []
    for item in article.find_all("related-event"):
        title_text, path = _linked_page(item)
        tags = tuple(node.text() for node in item.find_all("tag"))
        related.append(
            RelatedEvent(
                title=title_text,
                path=path,
                date=_date(item, _time(item)),
                tags=tags,
            )
        )
    own_tags = _footer_tags(article)
    return Event(
        date=_date(date_node, _time(date_node)),
        title=title.text(),
        category=category.text() if category else None,
        summary="\n\n".join(paragraphs) if summary else None,
        sources=sources,
        related=related,
        tags=own_tags,
        path=article.attrs.get("data-path"),
        image=image_url,
        changes=changes,
    )


def _read_article(article: _Node) -> Article:
    title = _maybe(article, "title")
    publisher = _maybe(article, "publisher")
    published = _maybe(article, "published")
    original = _maybe(article, "url")
    body = _maybe(article, "body")
    images = []
    for figure in article.find_all("image"):
        caption = _maybe(figure, "caption")
        credit = _maybe(figure, "credit")
        images.append(
            Image(
                caption=caption.text() if caption else None,
                credit=credit.text() if credit else None,
            )
        )
    related = []
    for item in article.find_all("link"):
        link_text, href = _link_of(item)
        related.append(Link(title=link_text, url=href))
    outline = []
    for item in article.find_all("comment"):
        depth = item.attrs.get("data-depth", "")
        if not depth.isdigit():
            raise item.error(f"expected a comment's data-depth, found {depth!r:.20}")
        author = _maybe(item, "commenter")
        paragraphs = _one(item, "comment-body")
        body_text = tuple(n.text() for n in paragraphs.children if isinstance(n, _Node))
        outline.append((int(depth), author.text() if author else None, body_text))
    return Article(
        title=title.text() if title else None,
        url=original.attrs.get("href") if original else None,
        publisher=publisher.text() if publisher else None,
        authors=[node.text() for node in article.find_all("author")],
        published=_date(published, _time(published)) if published else None,
        images=images,
        body=[n.text() for n in body.children if isinstance(n, _Node)] if body else [],
        related=related,
        comments=thread_from_outline(outline),
        tags=_footer_tags(article),
    )


def _read_day(article: _Node) -> Day:
    heading = _one(article, "day-date")
    previous = _maybe(article, "previous-day")
    events = []
    for item in article.find_all("listed-event"):
        title, path = _linked_page(item)
        category = _maybe(item, "category")
        summary = _maybe(item, "summary")
        events.append(
            ListedEvent(
                title=title,
                path=path,
                category=category.text() if category else None,
                summary=summary.text() if summary else None,
                tags=[node.text() for node in item.find_all("tag")],
            )
        )
    return Day(
        date=_date(heading, _time(heading)),
        events=events,
        previous=_date(previous, _time(previous)) if previous else None,
    )


_READERS: dict[str, Callable[[_Node], object]] = {
    "event": _read_event,
    "article": _read_article,
    "day": _read_day,
}


def _footer_tags(article: _Node) -> list[str]:
    footer = _maybe(article, "tags")
    return [node.text() for node in footer.find_all("tag")] if footer else []


def _looks_like_html(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:15].lower().startswith(("<!doctype html", "<html"))


def _read(text: str, hints: ReadHints) -> Any:
    return from_html(text)


FORM = Form(
    name="html",
    label="HTML",
    suffixes=(".html", ".htm"),
    read=_read,
    write=to_html,
    looks_like=_looks_like_html,
)
