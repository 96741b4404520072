"""The XML reader: the kind comes from the root element as the parser reads it, a
child never names another kind, numbers are ASCII digits, and nesting of any depth
is a ParseError naming the field."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import xmltodict
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import Article, Day, Event, ParseError, Source, from_xml, parse, to_xml
from syriaevents._converter import unstructure
from syriaevents._formats.xml import ITEM_ELEMENTS

from . import strategies
from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, examples, read
from .test_html import assert_linear

SEEDS: list[Path] = sorted([*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values(), *HAND_WRITTEN_DAYS])
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# An element holding text only, with the name it is written with: where a test puts
# markup of its own.
_LEAF = re.compile(r"<([a-z-]+)>[^<]+</\1>")


def _xml(seed: Path) -> str:
    return to_xml(parse(read(seed)))


@settings(max_examples=100, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    decoy=st.sampled_from(["<event>", "<article>", "<day>", "<name>x</name>", "<type>"]),
    spacing=st.sampled_from(["", "\n", "  \n\t"]),
)
def test_the_kind_is_the_root_the_parser_reads(seed: Path, decoy: str, spacing: str) -> None:
    """Property: comments and whitespace before the root, whatever they hold, change
    nothing: the root element as expat reads it names the kind."""
    document = _xml(seed)
    assert document.startswith(_DECLARATION)
    body = document.removeprefix(_DECLARATION)
    disguised = f"{_DECLARATION}{spacing}<!-- {decoy} -->{spacing}<!--{decoy}-->{body}"
    assert from_xml(disguised) == parse(read(seed))


def test_a_comment_before_the_root_does_not_change_the_kind() -> None:
    """Regression: a commented-out <event> before an <article> made each letter of an
    author's name an author."""
    document = (
        "<!-- <event> --><article><title>T</title><authors><name>Jane</name></authors></article>"
    )
    assert from_xml(document) == Article(title="T", authors=["Jane"])


@pytest.mark.parametrize("kind", ["event", "article", "day"])
@pytest.mark.parametrize(
    "child",
    ["<type>article</type>", "<type>event</type>", "<type/>", "<type><a>b</a></type>"],
)
@pytest.mark.parametrize("first", [True, False])
def test_a_type_element_is_refused_at_its_field(kind: str, child: str, first: bool) -> None:
    """The root names the kind: a <type> child, first or last, is a ParseError at type."""
    seed = {"event": EVENT_SEEDS["000"], "article": ARTICLE_SEEDS["004"], "day": SEEDS[-1]}[kind]
    document = _xml(seed)
    opened, closed = f"<{kind}>", f"</{kind}>"
    if first:
        document = document.replace(opened, opened + child, 1)
    else:
        document = document.replace(closed, child + closed)
    with pytest.raises(ParseError) as raised:
        from_xml(document)
    assert raised.value.path == "type"


def test_a_type_element_below_the_root_is_an_unknown_field() -> None:
    """Inside an item, <type> is a field no model has."""
    document = _xml(EVENT_SEEDS["000"]).replace("<source>", "<source><type>x</type>", 1)
    with pytest.raises(ParseError, match="no other fields") as raised:
        from_xml(document)
    assert raised.value.path == "sources[0]"


@pytest.mark.parametrize(
    "depth",
    ["²", "٣", "１", "-1", "+1", "1.0", "1e2", "0x1", "9" * 7, "9" * 5000, "", "<a>1</a>"],
)
def test_a_depth_is_ascii_digits(depth: str) -> None:
    """A comment's depth other than a few ASCII digits is a ParseError at its field
    (once ValueError from int() for "²" and for 5,000 digits)."""
    document = _xml(ARTICLE_SEEDS["004"]).replace("<depth>0</depth>", f"<depth>{depth}</depth>", 1)
    with pytest.raises(ParseError) as raised:
        from_xml(document)
    assert raised.value.path == "comments[0].depth"
    assert "number" in raised.value.message


def test_items_one_or_many_read_as_lists() -> None:
    """Without force_list a single item is not a list in xmltodict: it is read as one."""
    one = Event(date=datetime.date(2017, 5, 4), title="T", tags=["Syria"])
    assert from_xml(to_xml(one)) == one
    day = parse(read(SEEDS[-1]))
    assert isinstance(day, Day)
    for events in (day.events[:1], day.events[:2]):
        smaller = Day(date=day.date, events=events)
        assert from_xml(to_xml(smaller)) == smaller


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_nesting_of_any_depth_anywhere_is_refused_at_its_path(data: st.DataObject) -> None:
    """Property: elements nested 33 to 5,000 deep in place of any text of any seed are a
    ParseError naming a path below that text's field."""
    document = _xml(data.draw(st.sampled_from(SEEDS)))
    leaves = list(_LEAF.finditer(document))
    leaf = leaves[data.draw(st.integers(0, len(leaves) - 1))]
    depth = data.draw(st.sampled_from([33, 100, 1000, 5000]))
    nested = f"<{leaf.group(1)}>" + "<a>" * depth + "</a>" * depth + f"</{leaf.group(1)}>"
    with pytest.raises(ParseError) as raised:
        from_xml(document[: leaf.start()] + nested + document[leaf.end() :])
    assert re.match(rf"{_field_of(document, leaf)}\b", raised.value.path or "")


# A start or end tag of the XML form, which writes no attributes (groups: "/", name).
_TAG = re.compile(r"<(/?)([a-z-]+)>")


def _field_of(document: str, element: re.Match[str]) -> str:
    """The field (a child of the root) that an element belongs to, or is."""
    open_elements: list[str] = []
    for tag in _TAG.finditer(document, 0, element.start()):
        if tag.group(1):
            open_elements.pop()
        else:
            open_elements.append(tag.group(2))
    return open_elements[1] if len(open_elements) > 1 else element.group(1)


def test_deep_nesting_in_type_is_a_parse_error() -> None:
    """Regression: 5,000 elements nested inside <type> once raised RecursionError."""
    with pytest.raises(ParseError) as raised:
        from_xml("<event><type>" + "<a>" * 5000 + "</a>" * 5000 + "</type></event>")
    assert raised.value.path == "type"


@pytest.mark.parametrize("root", ["story", "events", "title", "Event"])
def test_an_unknown_root_is_refused(root: str) -> None:
    """Only <event>, <article> and <day> name a kind."""
    with pytest.raises(ParseError, match="expected a root element"):
        from_xml(f"<{root}><title>x</title></{root}>")


HOSTILE: dict[str, Callable[[int], str]] = {
    "elements nested in <type>": lambda n: "<event><type>" + "<a>" * (2000 * n),
    "elements nested in a field, closed": lambda n: (
        "<event><title>" + "<a>" * (1000 * n) + "</a>" * (1000 * n) + "</title></event>"
    ),
    "a depth of many digits": lambda n: (
        "<article><title>T</title><comments><comment><depth>"
        + "9" * (20_000 * n)
        + "</depth><author>A</author></comment></comments></article>"
    ),
    "comments before the root": lambda n: "<!-- <event> -->" * (1000 * n) + "<day/>",
    "many <type> elements": lambda n: "<event>" + "<type>x</type>" * (1000 * n) + "</event>",
    "many tags": lambda n: (
        "<event><date>2017-01-01</date><title>T</title><tags>"
        + "<tag>Syria</tag>" * (500 * n)
        + "</tags></event>"
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_documents_cost_linear_time(case: str) -> None:
    """Four and sixteen times the document cost at most about as much more time."""
    assert_linear(from_xml, HOSTILE[case])


def _unparsed(document: object) -> str:
    """The document as the writer once wrote it: through ``xmltodict.unparse``."""
    data = unstructure(document)
    kind = data.pop("type")
    return str(xmltodict.unparse({kind: _xmltodict_shape(data, ITEM_ELEMENTS[kind])})) + "\n"


def _xmltodict_shape(data: dict[str, Any], items: dict[str, str]) -> dict[str, Any]:
    """Plain data in xmltodict's shape: dates spelled out, lists wrapped, empty fields
    left out (the writer's code before it wrote elements itself)."""
    for key in ("date", "timestamp", "previous"):
        value = data.get(key)
        if value is not None:
            data[key] = value.isoformat()
    for key, item in items.items():
        value = data.get(key)
        if value is not None:
            data[key] = (
                {item: [_xmltodict_shape(v, items) if type(v) is dict else v for v in value]}
                if value
                else None
            )
    return {key: value for key, value in data.items() if value is not None}


@settings(max_examples=examples(100), deadline=None)
@given(document=strategies.events() | strategies.articles() | strategies.days())
def test_the_writer_writes_what_xmltodict_wrote(document: Event | Article | Day) -> None:
    """Property: for any model, to_xml's bytes are those of ``xmltodict.unparse``."""
    assert to_xml(document) == _unparsed(document)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_the_writer_writes_what_xmltodict_wrote_for_each_seed(seed: Path) -> None:
    document = parse(read(seed))
    assert to_xml(document) == _unparsed(document)


@pytest.mark.parametrize(
    "title",
    ["a\rb", "a\tb", "a\x01b", "\ud800", "\ufffe", "a & b <c> \"d\" 'e' ]]>", "", " x "],
)
def test_text_no_model_holds_is_written_as_xmltodict_wrote_it(title: str) -> None:
    """Text that skipped validation (carriage returns, controls, lone surrogates) is
    written as before: escaped for &, < and > only, nothing refused or replaced."""
    event = Event(date=datetime.date(2017, 1, 1), title="T", sources=[Source(name="n", url="u")])
    source = _unchecked(Source, name=title, url="u")
    document = _unchecked(
        Event, **{**attrs.asdict(event, recurse=False), "title": title, "sources": (source,)}
    )
    assert to_xml(document) == _unparsed(document)


def _unchecked(model: type[Any], **fields: object) -> Any:
    """A model holding values its validators would refuse (as no reader builds one)."""
    instance = object.__new__(model)
    for name, value in fields.items():
        object.__setattr__(instance, name, value)
    return instance


def test_bytes_on_request() -> None:
    """encoding="utf-8" gives the document's UTF-8 bytes; no other encoding is offered."""
    document = parse(read(ARTICLE_SEEDS["004"]))
    assert to_xml(document, encoding="utf-8") == to_xml(document).encode("utf-8")
    assert to_xml(document, encoding="UTF8") == to_xml(document).encode("utf-8")
    with pytest.raises(ValueError, match="UTF-8 only"):
        to_xml(document, encoding="latin-1")
    with pytest.raises(ValueError, match="UTF-8 only"):
        to_xml(document, encoding="no-such-codec")
