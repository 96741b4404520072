"""The archive's event pages in Markdown: parse_event and to_markdown."""

from __future__ import annotations

import datetime
import tracemalloc
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Change,
    Event,
    ParseError,
    RelatedEvent,
    SerializationError,
    Source,
    parse_event,
    to_markdown,
)

from .conftest import DATA, EVENT_SEEDS, HAND_WRITTEN_PAGES, examples, read, revalidate
from .strategies import events

PAGES = [*EVENT_SEEDS.values(), *HAND_WRITTEN_PAGES]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_round_trip_byte_for_byte(page: Path) -> None:
    """Reading a page and writing it back gives the same bytes."""
    text = read(page)
    assert to_markdown(revalidate(parse_event(text))) == text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_crlf_and_bom_pages_round_trip(page: Path) -> None:
    """Windows line endings and a UTF-8 byte order mark are kept, and read the same."""
    text = "\ufeff" + read(page).replace("\n", "\r\n")
    event = parse_event(text)
    assert event == parse_event(read(page))
    assert to_markdown(event) == text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_canonical_rendering_reads_back_equal(page: Path) -> None:
    """Without its layout an event is written in the current layout, and reads back equal."""
    event = parse_event(read(page))
    assert parse_event(to_markdown(attrs.evolve(event, layout=None))) == event


def test_formats_list_layout_states_the_path_and_keeps_its_style() -> None:
    """November 2017 pages list their forms under a heading; an edited head keeps the list."""
    text = read(DATA / "markdown" / "formats_list_layout.md")
    event = parse_event(text)
    assert event.path.startswith("/news/2017/11/18/thousands-rally-in-qamishli")
    assert event.category == "Qamishli protests"
    assert [change.kind for change in event.changes] == ["First version", "Current version"]
    edited = to_markdown(attrs.evolve(event, title="Thousands rally in Qamishli."))
    assert edited.startswith(f"\n### Formats:\n\n* [HTML]({event.path}.html)\n")
    heading = "### [2017-11-18](/news/2017/11/18/index.md)"
    assert f"\n* [XML]({event.path}.xml)\n{heading}\n\n" in edited
    assert parse_event(edited) == attrs.evolve(event, title="Thousands rally in Qamishli.")


def test_seed_000_is_in_the_current_layout() -> None:
    """A new event with seed 000's content is written exactly as seed 000."""
    text = read(EVENT_SEEDS["000"])
    assert to_markdown(attrs.evolve(parse_event(text), layout=None)) == text


def test_seed_000_fields() -> None:
    """Seed 000: date, category, headline, one source, five related events and their tags."""
    event = parse_event(read(EVENT_SEEDS["000"]))
    assert event.date == datetime.date(2017, 5, 4)
    assert event.category == "Memorandum"
    assert event.title.startswith("A memorandum is signed by Russia, Iran, and Turkey")
    assert event.title.endswith("are signatories.")
    assert event.summary is None
    assert [s.name for s in event.sources] == ["The New York Times"]
    assert len(event.related) == 5
    assert event.related[0].date == datetime.date(2015, 10, 27)
    assert event.related[1].tags == ("Russia", "Syria", "Syrian Civil War", "Turkish")
    assert event.tags == ("Iran", "Russia", "Syria", "Syrian Civil War", "Turkish")
    assert event.path.endswith("neither-the-syrian-government")


def test_seed_002_older_layout() -> None:
    """Seed 002: no Formats line, no category, a summary, a 'Source:' heading."""
    event = parse_event(read(EVENT_SEEDS["002"]))
    assert event.date == datetime.date(2017, 1, 1)
    assert event.category is None
    assert event.summary == (
        "Security Council passes resolution supporting truce and planned peace talks"
        " despite signs of shakiness on the ground."
    )
    assert event.sources == (
        Source(
            name="Al-Jazeera",
            url="http://www.aljazeera.com/news/2016/12/adopts-resolution-supporting-syria-ceasefire-161231182457975.html",
        ),
    )
    assert [r.date.year for r in event.related] == [2017, 2016, 2015, 2017, 2017]
    assert "Turkey" in event.tags


def test_hand_written_page_fields() -> None:
    """Entities decoded, padding trimmed, cover image and changes modelled."""
    event = parse_event(read(Path(__file__).parent / "data/markdown/current_layout_full.md"))
    assert event.category == "Battle of Raqqa (2017)"
    assert event.title.startswith("Fighters [reportedly] retreat from Raqqa (the *old* city)")
    assert event.summary is not None
    assert "Russia’s forces & allies.\nIt continues" in event.summary
    assert event.summary.count("\n\n") == 1
    assert "🕊" in event.summary
    assert [s.name for s in event.sources] == [
        "Reuters",
        "Wikipedia",
        "AP via ''The Washington Post",
    ]
    assert event.sources[1].url == "https://en.wikipedia.org/wiki/Battle_of_Raqqa_(2017)"
    assert event.image == "https://static.example.org/img/raqqa.jpg?w=1200&h=630"
    assert [c.kind for c in event.changes] == ["First version", "Update", "Current version"]
    assert event.changes[0].timestamp == datetime.datetime(2019, 3, 10, 8, 30, 5)
    assert event.changes[2].timestamp is None
    assert event.related[1].title.startswith("A report [http://example.org/x (Example)]")
    assert event.related[2].title == "Мирные переговоры в Астане (Kazakhstan) end."
    assert event.related[2].tags == ("Kazakhstan", "Mevlüt Çavuşoğlu")


def test_page_without_related_section() -> None:
    """A page may end after its sources."""
    event = parse_event(read(Path(__file__).parent / "data/markdown/old_layout_no_related.md"))
    assert event.related == ()
    assert event.tags == ()
    assert event.sources[0].name == "BBC"


def test_edits_keep_the_rest_of_the_page() -> None:
    """Changing one field rewrites that piece only; the change reads back."""
    text = read(EVENT_SEEDS["002"])
    event = parse_event(text)
    edited = attrs.evolve(event, summary="A new summary &amp; more.\n\nSecond paragraph.")
    written = to_markdown(edited)
    assert parse_event(written) == edited
    assert written.startswith(text[: text.index("Security Council")])
    assert written.endswith(text[text.index("### Source:") :])


def test_added_related_items_are_numbered_on() -> None:
    """Items added to a read page continue its numbering."""
    event = parse_event(read(EVENT_SEEDS["000"]))
    extra = RelatedEvent(
        title="One more.", path="/news/2017/05/5/one-more", date=datetime.date(2017, 5, 5)
    )
    written = to_markdown(attrs.evolve(event, related=(*event.related, extra)))
    assert "\n6. [One more. ](/news/2017/05/5/one-more.md)\n" in written
    assert parse_event(written).related[-1] == extra


def test_new_event_renders_in_current_layout() -> None:
    """An event built in code gets the Formats line, date heading and numbered lists."""
    event = Event(
        date=datetime.date(2020, 3, 5),
        title="Ceasefire agreed in Idlib",
        category="Syrian Civil War",
        summary="One.\n\nTwo.",
        sources=[Source(name="AP", url="https://apnews.com/x")],
        image="https://img.example/x.jpg",
        changes=[
            Change(
                title="Old",
                path="/news/2020/03/5/old",
                kind="First version",
                timestamp=datetime.datetime(2020, 3, 5, 10, 0, 0),
            ),
            Change(
                title="Ceasefire agreed in Idlib",
                path="/news/2020/03/5/ceasefire-agreed-in-idlib",
                kind="Current version",
            ),
        ],
    )
    written = to_markdown(event)
    assert written == (
        "\n"
        "Formats: [HTML](/news/2020/03/5/ceasefire-agreed-in-idlib.html)  "
        "[JSON](/news/2020/03/5/ceasefire-agreed-in-idlib.json)  "
        "[XML](/news/2020/03/5/ceasefire-agreed-in-idlib.xml)  \n"
        "\n"
        "### [2020-03-5](/news/2020/03/5/index.md)\n"
        "\n"
        "##### Syrian Civil War\n"
        "# Ceasefire agreed in Idlib \n"
        "\n"
        "One.\n"
        "\n"
        "Two.\n"
        "\n"
        "\n"
        "### Sources:\n"
        "\n"
        "1. [AP](https://apnews.com/x)\n"
        "1. [Cover Image](https://img.example/x.jpg)\n"
        "\n"
        "### Changes:\n"
        "\n"
        "1. [Old ](/news/2020/03/5/old.md) _2020-03-05 10:00:00 (First version)_\n"
        "1. [Ceasefire agreed in Idlib ](/news/2020/03/5/ceasefire-agreed-in-idlib.md)"
        " _(Current version)_\n"
    )
    assert parse_event(written) == event


def _writable(event: Event) -> Event:
    """The event as a page can hold it: own tags are the union of the related tags."""
    related = tuple(
        attrs.evolve(r, tags=tuple(t for t in r.tags if ", " not in t and ") _Context: " not in t))
        for r in event.related
    )
    changes = tuple(c for c in event.changes if "(" not in c.kind and ")" not in c.kind)
    sources = tuple(s for s in event.sources if s.name != "Cover Image")
    summary = event.summary
    if summary and any(line.rstrip().startswith("### ") for line in summary.split("\n")):
        summary = None
    tags = tuple(dict.fromkeys(t for r in related for t in r.tags))
    return attrs.evolve(
        event, related=related, changes=changes, sources=sources, summary=summary, tags=tags
    )


@settings(max_examples=examples(120))
@given(events())
def test_any_writable_event_round_trips(event: Event) -> None:
    """Property: an event a page can hold reads back equal, and writes the same again."""
    event = _writable(event)
    written = to_markdown(event)
    again = revalidate(parse_event(written))
    assert again == event
    assert to_markdown(again) == written


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"sources": [Source(name="Cover Image", url="http://x")]}, "cover image"),
        ({"summary": "Fine.\n\n### Related:"}, "section heading"),
        (
            {
                "related": [
                    RelatedEvent(
                        title="R",
                        path="/news/2017/01/1/r",
                        date=datetime.date(2017, 1, 1),
                        tags=("a, b",),
                    )
                ]
            },
            "tag",
        ),
        (
            {"changes": [Change(title="C", path="/news/2017/01/1/c", kind="odd (kind)")]},
            "parenthesis",
        ),
    ],
)
def test_values_a_page_cannot_hold_are_refused(change: dict[str, Any], words: str) -> None:
    """Rather than writing a page that reads back differently, to_markdown refuses."""
    event = attrs.evolve(Event(date=datetime.date(2017, 1, 1), title="T"), **change)
    with pytest.raises(SerializationError, match=words):
        to_markdown(event)


# A page's first lines, up to where the sections begin.
_HEAD = "### [2017-05-4](/news/2017/05/4/index.md)\n\n# T \n\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "date heading"),
        ("\x00\x01binary\xff junk", 1, "control characters"),
        ("# A headline without a date\n", 1, "date heading"),
        ("### [2017-02-30](/news/2017/02/30/index.md)\n\n# T \n", 1, "real date"),
        ("### [2017-05-4](/news/2017/05/4/index.md)\n\n##### Memorandum\n", 4, "# <headline>"),
        (
            _HEAD + "### Sources:\n\n1. [BBC](http://b\n",
            7,
            "closing the link",
        ),
        (
            _HEAD + "### Sources:\n\n1. BBC http://b\n",
            7,
            "numbered link",
        ),
        (
            _HEAD + "### Sources:\n\nA footer\n",
            7,
            "numbered link",
        ),
        (
            _HEAD + "### Related:\n\n1. [R ](/elsewhere.md)\n",
            7,
            "archive page",
        ),
        (
            _HEAD + "### Sources:\n\n1. [X](javascript:alert(1))\n",
            7,
            "relative URL",
        ),
        (
            _HEAD + "### Sources:\n\n",
            7,
            "items of the sources",
        ),
        ("### [2017-05-4](/news/2017/05/4/index.md)\n\n#   \n", 3, "headline"),
        ("\nFormats: broken\n", 2, "Formats"),
        (
            _HEAD + "### Sources:\n\n1. [Cover Image](http://a)\n1. [Cover Image](http://b)\n",
            8,
            "second",
        ),
        (
            _HEAD + "### Related:\n\n1. [R ](/news/2017/05/4/r.md)\n\n"
            "### Related:\n\n1. [S ](/news/2017/05/4/s.md)\n",
            9,
            "second",
        ),
        ("\nFormats: [HTML](/elsewhere/x.html)\n\n" + _HEAD, 2, "archive path"),
        ("\n### Formats:\n\n" + _HEAD, 4, "links to the forms"),
        ("\n### Formats:\n\n* [JSON](/news/2017/05/4/t.json)\n" + _HEAD, 2, "HTML"),
        ("\n### Formats:\n\n* [HTML](/news/2017/05/4/t.htm)\n" + _HEAD, 2, "HTML"),
        (_HEAD.replace("# T \n\n", "# T \n\n&#32;\n\n"), 5, "summary"),
    ],
)
def test_bad_pages_raise_parse_error_with_position(text: str, line: int, words: str) -> None:
    """Bad input gets a ParseError saying where and what was expected, never another error."""
    with pytest.raises(ParseError, match=words) as raised:
        parse_event(text)
    assert raised.value.line == line
    assert raised.value.column is not None
    assert raised.value.column >= 1
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("stated", "words"),
    [("/elsewhere/x", "archive path"), ("/news/2017/02/30/x", "real date")],
)
def test_a_stated_path_is_refused_at_its_formats_line(stated: str, words: str) -> None:
    """A bad stated path is reported where it stands, before a bad summary further down."""
    summary = "&#32;\n\n"  # a summary no model can hold, further down the page
    for head in (
        f"\nFormats: [HTML]({stated}.html)\n\n",
        f"\n### Formats:\n\n* [HTML]({stated}.html)\n",
    ):
        with pytest.raises(ParseError, match=words) as raised:
            parse_event(head + _HEAD + summary)
        assert raised.value.line == 2
    with pytest.raises(ParseError, match="summary") as raised:
        parse_event("\nFormats: [HTML](/news/2017/05/4/t.html)\n\n" + _HEAD + summary)
    assert raised.value.line == 8


def test_control_characters_are_reported_where_they_are() -> None:
    """A NUL inside a headline is refused with its line and column."""
    text = read(EVENT_SEEDS["002"]).replace("unanimously", "unani\x00mously")
    with pytest.raises(ParseError, match="control characters") as raised:
        parse_event(text)
    assert (raised.value.line, raised.value.column) == (3, 44)


def test_stray_carriage_return_inside_a_line_is_refused() -> None:
    """A CR that ends no line is a control character, in LF and CRLF pages alike."""
    for text in (read(EVENT_SEEDS["002"]), read(EVENT_SEEDS["002"]).replace("\n", "\r\n")):
        with pytest.raises(ParseError, match="control characters"):
            parse_event(text.replace("unanimously", "unani\rmously"))


@settings(max_examples=examples(300))
@given(st.text())
def test_arbitrary_text_only_ever_raises_parse_error(text: str) -> None:
    """Property: whatever the text, parse_event returns an Event or raises ParseError."""
    try:
        event = parse_event(text)
    except ParseError:
        return
    revalidate(event)


# Junk that changes a page's structure: markup characters, headings, entities, endings.
MARKUP_JUNK = (
    st.text(max_size=20)
    | st.text(alphabet=st.sampled_from(" \n\t#[]()_:.,&;*-019ab\u00a0"), max_size=20)
    | st.sampled_from(
        ["\n", " ", "\n\n", " ### Sources:", "### Related:\n", "&amp;", "&nbsp;", "\r\n", "1. ["]
    )
)


@settings(max_examples=examples(300))
@given(st.data())
def test_mutated_pages_come_back_byte_for_byte_or_are_refused(data: st.DataObject) -> None:
    """Property: a page with a slice cut out or junk put in is refused with ParseError, or
    reads to an event that is written back byte for byte: never a silent change."""
    text = read(data.draw(st.sampled_from(PAGES)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    mutated = text[:start] + data.draw(MARKUP_JUNK) + text[end:]
    try:
        event = parse_event(mutated)
    except ParseError:
        return
    assert to_markdown(revalidate(event)) == mutated


def test_an_indented_section_heading_is_read_as_the_heading() -> None:
    """ " ### Source:" starts the sources, as the archive shows it, and is written back."""
    text = read(EVENT_SEEDS["002"]).replace("\n### Source:", "\n ### Source:")
    event = parse_event(text)
    assert [source.name for source in event.sources] == ["Al-Jazeera"]
    assert to_markdown(event) == text


@pytest.mark.parametrize("entity", ["&amp;", "&lt;", "&nbsp;", "&#58;"])
def test_an_entity_in_a_linked_path_is_refused(entity: str) -> None:
    """A slug cannot hold what an entity spells: the page is refused, never misread."""
    text = read(EVENT_SEEDS["002"]).replace(
        "/news/2017/07/23/the-", f"/news/2017/07/23/a{entity}the-"
    )
    with pytest.raises(ParseError, match="archive page"):
        parse_event(text)


def test_huge_context_lists_are_not_retained() -> None:
    """Regression: the reader's cache of tag lists keeps short lists only, so pages with
    a 1 MB Context list each (20 of them) leave nothing behind once read."""
    page = read(EVENT_SEEDS["000"])
    context = page[
        page.index("_Context: ") + len("_Context: ") : page.index("_", page.index("_Context: ") + 1)
    ]
    tags = ", ".join(f"Subject {number} {id(object())}" for number in range(40_000))
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        for number in range(20):
            event = parse_event(page.replace(context, f"{number} {tags}", 1))
            del event
        kept = tracemalloc.get_traced_memory()[0] - held
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000  # the lists and their tags took over 40 MB
