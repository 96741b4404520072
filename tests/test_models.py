"""The models: frozen, keyword-only, validated on construction."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs
import pytest

from syriaevents import (
    Change,
    Event,
    Image,
    InvalidFieldError,
    ParseError,
    RelatedEvent,
    Source,
    from_json,
    parse_event,
    to_json,
    to_markdown,
)
from syriaevents._models import prevalidated_related

from .conftest import revalidate

DAY = datetime.date(2017, 5, 4)
PATH = "/news/2017/05/4/a-memorandum-is-signed"


def test_event_derives_its_path_from_date_and_title() -> None:
    """An event built without a path gets the one the archive would give it."""
    event = Event(date=DAY, title="A memorandum is signed.")
    assert event.path == "/news/2017/05/4/a-memorandum-is-signed"


def test_collections_become_tuples() -> None:
    """Lists passed in are stored as tuples, so models stay hashable."""
    event = Event(
        date=DAY, title="T", tags=["a", "b"], sources=[Source(name="BBC", url="http://b")]
    )
    assert event.tags == ("a", "b")
    assert isinstance(event.sources, tuple)
    assert hash(event) == hash(attrs.evolve(event))


def test_models_are_frozen_and_keyword_only() -> None:
    """Fields cannot be reassigned and must be named."""
    source = Source(name="BBC", url="https://bbc.com")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        source.name = "CNN"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Source("BBC", "https://bbc.com")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"title": ""}, ValueError, "non-empty"),
        ({"title": "  padded "}, ValueError, "surrounding whitespace"),
        ({"title": "two\nlines"}, ValueError, "one line"),
        ({"title": "nul\x00byte"}, ValueError, "one line"),
        ({"date": "2017-05-04"}, TypeError, "datetime.date"),
        ({"date": datetime.datetime(2017, 5, 4, 12)}, TypeError, "datetime.date"),
        ({"summary": "a\n\n\nb"}, ValueError, "exactly one blank line"),
        ({"summary": "a\n \nb"}, ValueError, "whitespace-only"),
        ({"image": "javascript:alert(1)"}, ValueError, "relative URL or use one of"),
        ({"path": "/elsewhere/x"}, ValueError, "archive path"),
        ({"path": "/news/2017/02/30/impossible"}, ValueError, "date that exists"),
        ({"tags": ["ok", ""]}, ValueError, "non-empty"),
        ({"sources": ["BBC"]}, TypeError, "Source"),
        ({"title": "?!"}, ValueError, "no letter or digit"),
    ],
)
def test_event_refuses_bad_values(kwargs: dict[str, object], error: type, words: str) -> None:
    """Invalid values are refused with a message that says what was expected."""
    fields: dict[str, object] = {"date": DAY, "title": "A title"} | kwargs
    with pytest.raises(error, match=words):
        Event(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:x", "vbscript:msgbox", "data:text/html,<b>", "http://a b"],
)
def test_source_refuses_dangerous_or_broken_urls(url: str) -> None:
    """Scripts and data URLs never get into a model."""
    with pytest.raises(ValueError, match="URL"):
        Source(name="X", url=url)


@pytest.mark.parametrize("url", ["https://a.org/x_(y)", "/news/2017/05/4/x", "mailto:a@b.org"])
def test_source_accepts_ordinary_urls(url: str) -> None:
    """Web, relative and mail links are fine, parentheses included."""
    assert Source(name="X", url=url).url == url


def test_related_event_date_must_match_its_path() -> None:
    """A related link's date is the one its path names."""
    with pytest.raises(ValueError, match="must name the event's date"):
        RelatedEvent(title="T", path=PATH, date=datetime.date(2017, 5, 5))


def test_change_timestamp_is_naive_whole_seconds() -> None:
    """Timestamps are recorded as the archive records them."""
    with pytest.raises(ValueError, match="whole seconds"):
        Change(
            title="T", path=PATH, kind="Update", timestamp=datetime.datetime(2018, 1, 1, 1, 1, 1, 5)
        )
    change = Change(title="T", path=PATH, kind="Update", timestamp=datetime.datetime(2018, 1, 1))
    assert change.timestamp == datetime.datetime(2018, 1, 1)


def test_layout_never_takes_part_in_equality() -> None:
    """Two events with the same content are equal whatever layout they carry."""
    event = Event(date=DAY, title="T")
    layout = parse_event(to_markdown(event).replace("\n", "\r\n")).layout
    assert layout is not None
    assert attrs.evolve(event, layout=layout) == event
    assert hash(attrs.evolve(event, layout=layout)) == hash(event)
    assert repr(attrs.evolve(event, layout=layout)) == repr(event)


def test_prevalidated_related_is_the_constructor_without_checks() -> None:
    """For checked values it builds what the constructor builds."""
    built = prevalidated_related("T", PATH, DAY, ("Iran", "Russia"))
    assert built == RelatedEvent(title="T", path=PATH, date=DAY, tags=("Iran", "Russia"))
    assert revalidate(Event(date=DAY, title="T", related=[built])).related == (built,)


@pytest.mark.parametrize(
    "related",
    [
        prevalidated_related("T", PATH, DAY, ["Iran"]),  # type: ignore[arg-type]
        prevalidated_related("T", PATH, datetime.date(2017, 5, 5), ()),
        prevalidated_related(" T", PATH, DAY, ()),
    ],
    ids=["list-not-converted", "date-not-the-path's", "padded-title"],
)
def test_revalidate_catches_what_a_reader_skipped(related: RelatedEvent) -> None:
    """The suite's re-check of reader output runs converters as well as validators."""
    event = Event(date=DAY, title="T", related=[related])
    with pytest.raises((AssertionError, ValueError)):
        revalidate(event)


@pytest.mark.parametrize(
    ("build", "model", "field"),
    [
        (lambda: Source(name="R", url="javascript:alert(1)"), "Source", "url"),
        (lambda: Source(name=" R", url="https://x"), "Source", "name"),
        (lambda: Image(), "Image", "credit"),
        (lambda: Event(date=datetime.date(2017, 1, 1), title="T", path="/news/x"), "Event", "path"),
    ],
)
def test_a_refused_value_names_its_field(
    build: Callable[[], object], model: str, field: str
) -> None:
    """InvalidFieldError carries the model and field: no reader parses the message."""
    with pytest.raises(InvalidFieldError) as raised:
        build()
    assert (raised.value.model, raised.value.field) == (model, field)
    assert isinstance(raised.value, ValueError)


def test_from_json_points_at_the_field_a_validator_refuses() -> None:
    text = to_json(
        Event(
            date=datetime.date(2017, 1, 1), title="T", sources=[Source(name="R", url="https://x")]
        )
    )
    with pytest.raises(ParseError) as raised:
        from_json(text.replace("https://x", "javascript:alert(1)"))
    assert raised.value.path == "sources[0].url"
