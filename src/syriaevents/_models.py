"""The data model: plain, frozen attrs classes, validated when built.

Text fields hold clean text: no leading or trailing whitespace, HTML entities
decoded, no control characters. How a page spelled them (padding, entities, list
numbers, blank lines) is a layout fact that the reader of a form may keep in
``layout``; it never takes part in equality.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from itertools import zip_longest
from typing import Any

import attrs

from ._errors import InvalidFieldError
from ._layout import DayLayout, EventLayout
from ._paths import EVENT_PATH, archive_path
from ._text import FORBIDDEN_IN_LINE, FORBIDDEN_IN_TEXT

__all__ = [
    "RULE",
    "Article",
    "Change",
    "Comment",
    "Day",
    "Document",
    "Event",
    "Image",
    "Link",
    "ListedEvent",
    "RelatedEvent",
    "Source",
    "prevalidated_related",
    "thread_from_outline",
]

# A URL scheme at the start of a URL ("https:"); URLs without one are relative.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "mailto"})
_WHITESPACE = re.compile(r"\s")

# The rule a checked text field follows, named in its attrs metadata under RULE, so that
# tools describing the models (the JSON Schemas) read it there rather than recognising
# validator functions: "text line", "paragraphs", "url", "archive path", and the lists
# "tag list" (text lines) and "paragraph list".
RULE = "rule"
TEXT_LINE = {RULE: "text line"}
PARAGRAPHS = {RULE: "paragraphs"}
URL = {RULE: "url"}
ARCHIVE_PATH = {RULE: "archive path"}
TAG_LIST = {RULE: "tag list"}
PARAGRAPH_LIST = {RULE: "paragraph list"}


# Collections are tuples; these accept any iterable (a list, a generator) and say what
# they hold, so that type checkers see what each constructor takes.
def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _related(value: Iterable[RelatedEvent]) -> tuple[RelatedEvent, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _changes(value: Iterable[Change]) -> tuple[Change, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _fail(instance: object, attribute: attrs.Attribute[Any], value: object, problem: str) -> None:
    model = type(instance).__name__
    raise InvalidFieldError(
        model, attribute.name, f"{model}.{attribute.name} {problem}, got {value!r:.80}"
    )


# The printable ASCII characters, as bytes.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
# Text longer than this is checked by its bytes when it is ASCII (a related event's
# title often runs to hundreds of characters): faster than isprintable(), which looks
# every character up in the Unicode database.
_SHORT = 64


def _is_plain_line(value: object) -> bool:
    """The common case, decided fast: printable text, not empty, not padded.

    Every forbidden character is unprintable, so printable text needs no closer look;
    text that is not printable (a tab, a no-break space) gets the full check.
    """
    if type(value) is not str or value == "" or value != value.strip():
        return False
    if len(value) > _SHORT and value.isascii():
        return not value.encode().translate(None, _PRINTABLE_ASCII)
    return value.isprintable()


def _text_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty single-line text without surrounding whitespace."""
    if _is_plain_line(value):
        return
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str, not {type(value).__name__}"
        )
    if not value or value != value.strip():
        _fail(instance, attribute, value, "must be non-empty text without surrounding whitespace")
    bad = FORBIDDEN_IN_LINE.search(value)
    if bad:
        _fail(instance, attribute, value, f"must be one line of text without {bad.group()!r}")


def _optional_text_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text_line(instance, attribute, value)


def _paragraphs(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Paragraphs separated by one blank line; each without surrounding whitespace."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str or None,"
            f" not {type(value).__name__}"
        )
    bad = None if value.isprintable() else FORBIDDEN_IN_TEXT.search(value)
    if bad:
        _fail(instance, attribute, value, f"must not contain {bad.group()!r}")
    for paragraph in value.split("\n\n"):
        if not paragraph or paragraph != paragraph.strip():
            _fail(
                instance,
                attribute,
                value,
                "must be paragraphs separated by exactly one blank line,"
                " each without surrounding whitespace",
            )
        if "\n" in paragraph and any(not line.strip() for line in paragraph.split("\n")):
            _fail(instance, attribute, value, "must not contain whitespace-only lines")


def _tags(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for tag in value:
        # _is_plain_line for short text, inlined: a call per tag would cost as much.
        if not (type(tag) is str and tag.isprintable() and tag != "" and tag == tag.strip()):
            _text_line(instance, attribute, tag)


def _url(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A URL without whitespace whose scheme, if any, cannot run code."""
    _text_line(instance, attribute, value)
    assert isinstance(value, str)
    # Printable ASCII holds no whitespace but the space: no need for the Unicode class.
    plain = value.isascii() and value.isprintable()
    if (" " in value if plain else _WHITESPACE.search(value)) or "](" in value:
        _fail(instance, attribute, value, "must be a URL without whitespace or ']('")
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        _fail(
            instance,
            attribute,
            value,
            f"must be a relative URL or use one of {', '.join(sorted(_SAFE_SCHEMES))}",
        )


def _optional_url(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _url(instance, attribute, value)


@functools.lru_cache(maxsize=4096)
def _named_date(year: str, month: str, day: str) -> datetime.date:
    """The date a path's digits name (remembered: an archive names a few thousand days,
    and converting three numbers costs as much as matching the whole path)."""
    return datetime.date(int(year), int(month), int(day))


def _path_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> datetime.date:
    """Check an archive event path and return the date it names."""
    match = EVENT_PATH.fullmatch(value) if type(value) is str else None
    if match is None:
        _text_line(instance, attribute, value)
        _fail(
            instance,
            attribute,
            value,
            "must be an archive path /news/YYYY/MM/D/<slug>, the slug of lower-case"
            " letters, digits and hyphens",
        )
    assert match is not None
    try:
        return _named_date(*match.group(1, 2, 3))
    except ValueError:
        _fail(instance, attribute, value, "must name a date that exists")
        raise


def _event_path(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _path_date(instance, attribute, value)


def _related_path(instance: RelatedEvent, attribute: attrs.Attribute[Any], value: object) -> None:
    """An archive path naming the related event's own date."""
    named = _path_date(instance, attribute, value)
    if isinstance(instance.date, datetime.date) and named != instance.date:
        _fail(instance, attribute, value, f"must name the event's date {instance.date}")


def _date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # datetime.datetime is a date subclass, but a time of day has no place here.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a datetime.date,"
            f" not {type(value).__name__}"
        )


def _members(kind: type) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
        for member in value:
            if not isinstance(member, kind):
                raise TypeError(
                    f"{type(instance).__name__}.{attribute.name} must hold {kind.__name__}"
                    f" objects, not {type(member).__name__}"
                )

    return check


@attrs.frozen(kw_only=True)
class Source:
    """An outlet an event cites: its name and the URL of the report."""

    name: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    url: str = attrs.field(validator=_url, metadata=URL)


@attrs.frozen(kw_only=True)
class RelatedEvent:
    """A link to another event as a page shows it, with the tags the two share."""

    title: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    # Validators run once every field is set, so the path can be checked against the date.
    path: str = attrs.field(validator=_related_path, metadata=ARCHIVE_PATH)
    date: datetime.date = attrs.field(validator=_date)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_tags, metadata=TAG_LIST
    )


def _timestamp(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, datetime.datetime):
        raise TypeError(
            f"Change.timestamp must be a datetime.datetime or None, not {type(value).__name__}"
        )
    if value.tzinfo is not None or value.microsecond:
        _fail(
            instance,
            attribute,
            value,
            "must be a naive datetime in whole seconds, as the archive records it",
        )


@attrs.frozen(kw_only=True)
class Change:
    """One version in a page's history: its headline, its path, when and what it was.

    ``kind`` is the archive's label, e.g. ``"First version"``, ``"Update"`` or
    ``"Current version"``; ``timestamp`` is when it was recorded (the current
    version has none).
    """

    title: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    path: str = attrs.field(validator=_event_path, metadata=ARCHIVE_PATH)
    kind: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    timestamp: datetime.datetime | None = attrs.field(default=None, validator=_timestamp)


def _path_or_empty(value: str | None) -> str:
    return "" if value is None else value


def _optional_event_path(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if value:  # empty means "derive it from date and title", done after validation
        _event_path(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Event:
    """A news event of the archive.

    ``tags`` are the event's own tags; ``path`` is its archive path without
    extension, derived from ``date`` and ``title`` with :func:`archive_path` when
    not given; ``image`` is the URL of its cover picture; ``changes`` the page's
    earlier versions. ``layout`` is kept by readers to re-create the exact text
    they read and is ignored by equality.
    """

    date: datetime.date = attrs.field(validator=_date)
    title: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    category: str | None = attrs.field(
        default=None, validator=_optional_text_line, metadata=TEXT_LINE
    )
    summary: str | None = attrs.field(default=None, validator=_paragraphs, metadata=PARAGRAPHS)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_members(Source)
    )
    related: tuple[RelatedEvent, ...] = attrs.field(
        default=(), converter=_related, validator=_members(RelatedEvent)
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_tags, metadata=TAG_LIST
    )
    path: str = attrs.field(
        default=None,
        converter=_path_or_empty,
        validator=_optional_event_path,
        metadata=ARCHIVE_PATH,
    )
    image: str | None = attrs.field(default=None, validator=_optional_url, metadata=URL)
    changes: tuple[Change, ...] = attrs.field(
        default=(), converter=_changes, validator=_members(Change)
    )
    layout: EventLayout | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.path:
            object.__setattr__(self, "path", archive_path(self.date, self.title))


def prevalidated_related(
    title: str, path: str, date: datetime.date, tags: tuple[str, ...]
) -> RelatedEvent:
    """Build a :class:`RelatedEvent` from values a reader has already checked.

    For readers in this package only: the related link is the model they build most, and
    building it through ``__init__`` (which checks every field again) costs several times
    more. ``tags`` must be a tuple. The test suite re-validates every model the readers
    return, its converters included.
    """
    instance = object.__new__(RelatedEvent)
    setattr_ = object.__setattr__
    setattr_(instance, "title", title)
    setattr_(instance, "path", path)
    setattr_(instance, "date", date)
    setattr_(instance, "tags", tags)
    return instance


def _paragraph_items(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    """Each item one paragraph: text without blank lines or surrounding whitespace."""
    for paragraph in value:
        if type(paragraph) is not str:
            raise TypeError(
                f"{type(instance).__name__}.{attribute.name} must hold str paragraphs,"
                f" not {type(paragraph).__name__}"
            )
        if "\n\n" in paragraph:
            _fail(instance, attribute, paragraph, "must hold one paragraph per item")
        _paragraphs(instance, attribute, paragraph)


def _caption_or_credit(instance: Image, attribute: attrs.Attribute[Any], value: object) -> None:
    _optional_text_line(instance, attribute, value)
    if value is None and instance.caption is None:
        _fail(instance, attribute, value, "must be given when there is no caption")


@attrs.frozen(kw_only=True)
class Image:
    """A photo as an article shows it: its caption and its credit, at least one of them.

    A photo line that is only a credit (``"Ammar Abdullah / Reuters"``) has no caption.
    """

    caption: str | None = attrs.field(
        default=None, validator=_optional_text_line, metadata=TEXT_LINE
    )
    credit: str | None = attrs.field(default=None, validator=_caption_or_credit, metadata=TEXT_LINE)


@attrs.frozen(kw_only=True)
class Link:
    """A link an article shows, e.g. a "Related article"; placeholder URLs like "#" allowed."""

    title: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    url: str = attrs.field(validator=_url, metadata=URL)


def _comments(value: Iterable[Comment]) -> tuple[Comment, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _replies(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    _members(Comment)(instance, attribute, value)  # Comment exists by the time this runs


@attrs.frozen(kw_only=True, eq=False)
class Comment:
    """A reader comment: its author (None where the page shows none), its paragraphs and
    its replies, to any depth.

    Equality, hashing and repr walk the thread without recursion, so threads thousands
    of levels deep compare and print like shallow ones.
    """

    author: str | None = attrs.field(validator=_optional_text_line, metadata=TEXT_LINE)
    body: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_paragraph_items, metadata=PARAGRAPH_LIST
    )
    replies: tuple[Comment, ...] = attrs.field(default=(), converter=_comments, validator=_replies)

    def walk(self) -> Iterator[tuple[int, Comment]]:
        """This comment and all replies below it, depth first, with their depth (0 here)."""
        stack: list[tuple[int, Comment]] = [(0, self)]
        while stack:
            depth, comment = stack.pop()
            yield depth, comment
            stack.extend((depth + 1, reply) for reply in reversed(comment.replies))

    def _outline(self) -> Iterator[tuple[int, str | None, tuple[str, ...]]]:
        # The thread in document order with depths: it determines the tree exactly.
        return ((depth, c.author, c.body) for depth, c in self.walk())

    def __eq__(self, other: object) -> bool:
        if type(other) is not Comment:
            return NotImplemented
        return all(a == b for a, b in zip_longest(self._outline(), other._outline()))

    def __hash__(self) -> int:
        return hash(tuple(self._outline()))

    def __repr__(self) -> str:
        replies = sum(1 for _ in self.walk()) - 1
        return f"Comment(author={self.author!r}, body={self.body!r}, replies=<{replies} in thread>)"


def _images(value: Iterable[Image]) -> tuple[Image, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _links(value: Iterable[Link]) -> tuple[Link, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _date(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Article:
    """A news article as scraped: headline, byline, date, photos, paragraphs, comments.

    ``title`` is None for a record that holds no headline (body-only records);
    ``body`` holds plain-text paragraphs (no markup); ``url`` is the original address
    when the text or the caller gives it; ``publisher`` the outlet when the text or URL
    names it; ``related`` the links to other stories it shows; ``tags`` the subjects it
    lists or mentions (see :func:`tag_article`).
    """

    title: str | None = attrs.field(default=None, validator=_optional_text_line, metadata=TEXT_LINE)
    url: str | None = attrs.field(default=None, validator=_optional_url, metadata=URL)
    publisher: str | None = attrs.field(
        default=None, validator=_optional_text_line, metadata=TEXT_LINE
    )
    authors: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_tags, metadata=TAG_LIST
    )
    published: datetime.date | None = attrs.field(default=None, validator=_optional_date)
    images: tuple[Image, ...] = attrs.field(
        default=(), converter=_images, validator=_members(Image)
    )
    body: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_paragraph_items, metadata=PARAGRAPH_LIST
    )
    related: tuple[Link, ...] = attrs.field(default=(), converter=_links, validator=_members(Link))
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_comments, validator=_members(Comment)
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_tags, metadata=TAG_LIST
    )

    def thread(self) -> Iterator[tuple[int, Comment]]:
        """Every comment and reply, in reading order, with its depth (0 for top level)."""
        for comment in self.comments:
            yield from comment.walk()


def thread_from_outline(
    outline: Iterable[tuple[int, str | None, tuple[str, ...]]],
) -> tuple[Comment, ...]:
    """Build comment trees from ``(depth, author, body)`` in reading order.

    Depth 0 is a top-level comment; each entry may be at most one level deeper than
    the one before. Raises ``ValueError`` naming the entry (by its position) that skips
    a level. Works without recursion, whatever the depth.
    """
    top: list[Comment] = []
    # Open comments, outermost first: (depth, author, body, replies built so far).
    stack: list[tuple[int, str | None, tuple[str, ...], list[Comment]]] = []

    def close_to(depth: int) -> None:
        while stack and stack[-1][0] >= depth:
            _, author, body, replies = stack.pop()
            done = Comment(author=author, body=body, replies=tuple(replies))
            (stack[-1][3] if stack else top).append(done)

    for position, (depth, author, body) in enumerate(outline):
        deepest = stack[-1][0] + 1 if stack else 0
        if type(depth) is not int or not 0 <= depth <= deepest:
            raise ValueError(
                f"comment {position}: expected a depth from 0 to {deepest}, found {depth!r}"
            )
        close_to(depth)
        stack.append((depth, author, body, []))
    close_to(0)
    return tuple(top)


@attrs.frozen(kw_only=True)
class ListedEvent:
    """One event as a day page lists it.

    Its headline linked to its ``path``, the ``category`` shown above it, and below it
    either a one-line ``summary`` or its full list of ``tags`` (the page's Context line).
    """

    title: str = attrs.field(validator=_text_line, metadata=TEXT_LINE)
    path: str = attrs.field(validator=_event_path, metadata=ARCHIVE_PATH)
    category: str | None = attrs.field(
        default=None, validator=_optional_text_line, metadata=TEXT_LINE
    )
    summary: str | None = attrs.field(
        default=None, validator=_optional_text_line, metadata=TEXT_LINE
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_tags, metadata=TAG_LIST
    )


def _listed(value: Iterable[ListedEvent]) -> tuple[ListedEvent, ...]:
    return value if isinstance(value, tuple) else tuple(value)


def _previous_day(instance: Day, attribute: attrs.Attribute[Any], value: object) -> None:
    _optional_date(instance, attribute, value)
    if isinstance(value, datetime.date) and value >= instance.date:
        _fail(instance, attribute, value, f"must be a day before {instance.date}")


@attrs.frozen(kw_only=True)
class Day:
    """A day page of the archive: the events of one date, in the page's order.

    ``previous`` is the day the page links back to (the archive's previous day with
    events), if any. ``layout`` is kept by the reader to re-create the exact text it
    read and is ignored by equality.
    """

    date: datetime.date = attrs.field(validator=_date)
    events: tuple[ListedEvent, ...] = attrs.field(
        default=(), converter=_listed, validator=_members(ListedEvent)
    )
    previous: datetime.date | None = attrs.field(default=None, validator=_previous_day)
    layout: DayLayout | None = attrs.field(default=None, eq=False, repr=False)


# What a reader returns: any of the archive's documents.
Document = Event | Day | Article
