"""The JSON, XML and HTML forms: golden files, round trips, hostile input."""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Callable
from pathlib import Path

import attrs
import html5lib
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    Day,
    Event,
    ParseError,
    Source,
    from_html,
    from_json,
    from_xml,
    parse,
    parse_event,
    to_html,
    to_json,
    to_xml,
)

from .conftest import (
    ARTICLE_SEEDS,
    DATA,
    EVENT_SEEDS,
    HAND_WRITTEN_DAYS,
    HAND_WRITTEN_PAGES,
    examples,
    read,
)
from .strategies import articles, days, events

FORMS: dict[str, tuple[Callable[[object], str], Callable[[str], object]]] = {
    "json": (to_json, from_json),
    "xml": (to_xml, from_xml),
    "html": (to_html, from_html),
}
CASES = {
    **EVENT_SEEDS,
    **ARTICLE_SEEDS,
    **{path.stem: path for path in [*HAND_WRITTEN_PAGES, *HAND_WRITTEN_DAYS]},
}


def _golden(form: str, case: str) -> Path:
    return DATA / form / f"{case}.{form}"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", CASES)
def test_golden_files(form: str, case: str) -> None:
    """Each seed and hand-written page has a reviewed golden file in each form."""
    write, read_back = FORMS[form]
    event = parse(read(CASES[case]))
    golden = _golden(form, case)
    if os.environ.get("SYRIAEVENTS_UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(write(event).encode("utf-8"))
    assert write(event) == read(golden)
    assert read_back(read(golden)) == event


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=examples(100), deadline=None)
@given(event=events())
def test_every_event_round_trips(form: str, event: Event) -> None:
    """Property: any valid event reads back equal from every form, and writes the same bytes."""
    write, read_back = FORMS[form]
    text = write(event)
    again = read_back(text)
    assert again == event
    assert write(again) == text


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=examples(100), deadline=None)
@given(day=days())
def test_every_day_round_trips(form: str, day: Day) -> None:
    """Property: any valid day reads back equal from every form, and writes the same bytes."""
    write, read_back = FORMS[form]
    text = write(day)
    again = read_back(text)
    assert again == day
    assert write(again) == text


@pytest.mark.parametrize("form", FORMS)
def test_output_is_deterministic(form: str) -> None:
    """The same model gives the same bytes, layout or not."""
    write, _ = FORMS[form]
    event = parse_event(read(EVENT_SEEDS["000"]))
    assert write(event) == write(attrs.evolve(event, layout=None)) == write(attrs.evolve(event))


def test_json_is_self_describing_and_ordered() -> None:
    """The kind comes first, then every field in declaration order, dates in ISO 8601."""
    data = orjson.loads(to_json(parse_event(read(EVENT_SEEDS["000"]))))
    assert list(data) == [
        "type",
        "date",
        "title",
        "category",
        "summary",
        "sources",
        "related",
        "tags",
        "path",
        "image",
        "changes",
    ]
    assert data["type"] == "event"
    assert data["date"] == "2017-05-04"
    assert data["related"][0]["date"] == "2015-10-27"


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["related"][3].__setitem__("date", "2017-13-01"), "related[3].date"),
        (lambda d: d["related"][3].__setitem__("date", 20170101), "related[3].date"),
        (lambda d: d.__setitem__("tags", "Syria"), "tags"),
        (lambda d: d["sources"][0].__setitem__("url", "javascript:alert(1)"), "sources[0].url"),
        (lambda d: d.__setitem__("title", 5), "title"),
        (lambda d: d.__setitem__("type", "nonsense"), "type"),
        (lambda d: d.pop("date"), "date"),
    ],
)
def test_json_errors_name_the_field(
    mutate: Callable[[dict[str, object]], object], path: str
) -> None:
    """Wrong types and values in JSON give a ParseError naming the field path."""
    data = orjson.loads(to_json(parse_event(read(EVENT_SEEDS["000"]))))
    mutate(data)
    with pytest.raises(ParseError) as raised:
        from_json(orjson.dumps(data))
    assert raised.value.path == path


def test_json_refuses_unknown_fields_and_bad_syntax() -> None:
    """Unknown keys are not silently dropped; broken JSON says where it broke."""
    data = orjson.loads(to_json(Event(date=datetime.date(2017, 1, 1), title="T")))
    data["colour"] = "red"
    with pytest.raises(ParseError, match="colour"):
        from_json(orjson.dumps(data))
    with pytest.raises(ParseError) as raised:
        from_json('{"type": "event",\n "date": }')
    assert (raised.value.line, raised.value.column) == (2, 10)


@pytest.mark.parametrize(
    "document",
    [
        '<?xml version="1.0"?>\n<!DOCTYPE event [<!ENTITY a "aaaa">]>\n<event/>',
        '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><event>&lol2;</event>',
        '<?xml version="1.0"?><!DOCTYPE e SYSTEM "file:///etc/passwd"><event/>',
        '<?xml version="1.0"?><?evil run="1"?><event/>',
        "<event><title>&undefined;</title></event>",
        "<event><title>unclosed</event>",
        "<story><title>x</title></story>",
        "<event><date>2017-01-01</date><title>x</title><colour>red</colour></event>",
        "<event><date>2017-01-01</date><title a='1'>x</title></event>",
        "<event><date>2017-01-01</date><title>x</title><tags>loose text</tags></event>",
    ],
)
def test_xml_refuses_hostile_and_unknown_documents(document: str) -> None:
    """Entities, DTDs, processing instructions and unknown markup give a ParseError."""
    with pytest.raises(ParseError):
        from_xml(document)


@pytest.mark.parametrize(("form", "depth"), [("xml", 5_000), ("json", 5_000), ("html", 5_000)])
def test_deep_nesting_is_refused_cleanly(form: str, depth: int) -> None:
    """Regression: documents nested thousands deep give a ParseError, not RecursionError."""
    document = {
        "xml": "<event>" + "<title>" * depth + "x" + "</title>" * depth + "</event>",
        "json": '{"type": "event", "title": ' + "[" * depth + "]" * depth + "}",
        "html": '<article data-type="event">' + "<div>" * depth + "</article>",
    }[form]
    with pytest.raises(ParseError):
        FORMS[form][1](document)


def test_xml_errors_have_positions_and_paths() -> None:
    """Syntax errors say where; value errors name the field."""
    with pytest.raises(ParseError) as raised:
        from_xml("<event>\n  <title>x</titel>\n</event>")
    assert raised.value.line == 2
    good = to_xml(parse_event(read(EVENT_SEEDS["000"])))
    with pytest.raises(ParseError) as raised:
        from_xml(good.replace("<date>2015-10-27</date>", "<date>2015-10-27x</date>"))
    assert raised.value.path == "related[0].date"


def test_html_is_valid_html5() -> None:
    """The page passes a strict HTML5 parse."""
    for path in CASES.values():
        html5lib.HTMLParser(strict=True).parse(to_html(parse(read(path))))


@settings(max_examples=examples(60), deadline=None)
@given(document=events() | articles())
def test_html_of_any_model_is_valid_html5(document: Event | Article) -> None:
    """Property: whatever text a model holds, its page passes a strict HTML5 parse and
    holds no live script or script link."""
    page = to_html(document)
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert not tree.findall(".//script")
    for element in tree.iter():
        for name in ("href", "src"):
            value = (element.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:"))
    assert from_html(page) == document


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=examples(100), deadline=None)
@given(article=articles())
def test_every_article_round_trips(form: str, article: Article) -> None:
    """Property: any valid article reads back equal from every form."""
    write, read_back = FORMS[form]
    assert read_back(write(article)) == article


def test_html_shows_the_event_to_a_reader() -> None:
    """Headline, machine-readable date, sources and related links to .html pages."""
    page = to_html(parse_event(read(EVENT_SEEDS["000"])))
    assert '<time datetime="2017-05-04">4 May 2017</time>' in page
    assert '<h1 class="title">A memorandum is signed' in page
    assert '<p class="category">Memorandum</p>' in page
    assert 'href="https://www.nytimes.com/2017/05/04/world/middleeast/' in page
    assert 'href="/news/2015/10/27/iran-is-invited' in page
    assert ".html" in page
    assert "<script" not in page


def test_html_escapes_untrusted_text() -> None:
    """Markup in titles, names and URLs stays text and reads back equal."""
    event = Event(
        date=datetime.date(2017, 1, 1),
        title='<script>alert("x")</script> & "quotes"',
        summary="<img src=x onerror=alert(1)>",
        sources=[Source(name="<b>bold</b>", url='https://x.org/?q="><script>')],
    )
    page = to_html(event)
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert '"><script>' not in page
    assert from_html(page) == event
    html5lib.HTMLParser(strict=True).parse(page)


@pytest.mark.parametrize(
    "document",
    [
        "",
        "<html><body><p>No article here</p></body></html>",
        '<article data-type="event"><p class="date"><time>no datetime</time></p></article>',
        '<article data-type="event"><h1 class="title">T</h1></article>',
        '<article data-type="event"><p class="date"><time datetime="2017-01-01">x</time></p>'
        '<h1 class="title">T</h1><section class="sources"><ol><li class="source">'
        '<a href="javascript:alert(1)">x</a></li></ol></section></article>',
        "<div>" * 1000,
    ],
)
def test_html_refuses_what_it_cannot_read(document: str) -> None:
    """Pages without the semantic markup, or with dangerous values, give a ParseError."""
    with pytest.raises(ParseError):
        from_html(document)


@pytest.mark.parametrize("form", FORMS)
@settings(max_examples=examples(150))
@given(text=st.text())
def test_arbitrary_text_only_ever_raises_parse_error(form: str, text: str) -> None:
    """Property: no reader lets anything but ParseError escape."""
    _, read_back = FORMS[form]
    with contextlib.suppress(ParseError):
        read_back(text)


@pytest.mark.parametrize("read_back", [from_xml, from_html])
def test_undecodable_bytes_name_their_offset(read_back: Callable[[bytes], object]) -> None:
    """Bytes that are not UTF-8 are refused with the offset of the first bad byte."""
    with pytest.raises(ParseError, match="byte 0xff at byte offset 7"):
        read_back(b"<event>\xff</event>")


@pytest.mark.parametrize("form", FORMS)
def test_readers_accept_utf8_bytes(form: str) -> None:
    """Every reader takes the bytes of a file as well as text."""
    write, read_back = FORMS[form]
    event = parse_event(read(EVENT_SEEDS["002"]))
    assert read_back(write(event).encode("utf-8")) == event  # type: ignore[arg-type]
