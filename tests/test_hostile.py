"""Pathological inputs: every reader stays linear in its input (ratios, not timings)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    ParseError,
    from_html,
    from_json,
    from_xml,
    load,
    parse,
    parse_article,
    parse_event,
    to_html,
    to_json,
    to_xml,
)

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, examples, read
from .scaling import growth_exponent

_HEAD = "### [2017-05-4](/news/2017/05/4/index.md)\n\n# T \n\n"

# Each case: a reader and a way to make a hostile input of size n.
CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str]]] = {
    "100,000 brackets in a link": (parse_event, lambda n: _HEAD + "### Sources:\n\n1. [" + "[" * n),
    "long line never closed": (parse_event, lambda n: _HEAD + "### Related:\n\n1. [" + "a" * n),
    "many '](' in a line": (parse_event, lambda n: _HEAD + "### Related:\n\n1. [" + "](" * n),
    "endless #": (parse_event, lambda n: "#" * n),
    "unclosed emphasis": (parse_article, lambda n: "# T\n\n" + "**x " * (n // 4)),
    "caption-like paragraph": (parse_article, lambda n: "T\n\n" + "a. xxxxxxxxxx " * (n // 14)),
    "nested bullets": (
        parse_article,
        lambda n: "T\n\nx\n\n" + "".join("  " * (i % 40 + 1) + "• a\n" for i in range(n // 40)),
    ),
    "unclosed XML": (from_xml, lambda n: "<event>" + "<title>" * (n // 7)),
    "HTML soup": (from_html, lambda n: "<div><p>" * (n // 8)),
    "HTML '<a ' repeated": (from_html, lambda n: "<a " * (n // 3)),
    "HTML '<!--' repeated": (from_html, lambda n: "<!--" * (n // 4)),
    "HTML '</' repeated": (from_html, lambda n: "</" * (n // 2)),
    "JSON string": (from_json, lambda n: '{"type": "event", "title": "' + "a" * n),
    # Each a pattern that once backtracked in parse_article: spaces inside a Markdown
    # headline, a byline, runs of "[", related lines, slash credits.
    "spaces in a headline": (parse_article, lambda n: "# a" + " " * n + "b"),
    "spaces in a byline": (parse_article, lambda n: "T x\n\nBy" + " " * n + "\n"),
    "run of '['": (parse_article, lambda n: "T x\n\n" + "[" * n),
    "related line": (parse_article, lambda n: "T x\n\n**Related:**" + " *" * (n // 2)),
    "slash credits": (parse_article, lambda n: "T x\n\n" + "). ab / c" * (n // 9)),
    "unclosed links": (parse_article, lambda n: "T x\n\n" + "[a](" * (n // 4)),
    "name-like comments": (
        parse_article,
        lambda n: "T x\n\ny.\n\nNotify of\n" + "Jo Doe\n\n" * (n // 8),
    ),
    "numbered comments": (
        parse_article,
        lambda n: (
            "T x\n\ny.\n\n"
            + "".join(f"{' ' * (2 + 2 * (i % 3))}1. a says:\n" for i in range(n // 10))
        ),
    ),
    "sentences in a photo line": (
        parse_article,
        lambda n: "Support The Moscow Times!\n\nT x\n\n" + "A b. " * (n // 5) + "\n\nText.",
    ),
    "XML nested in <type>": (from_xml, lambda n: "<event><type>" + "<a>" * (n // 3)),
    "XML depth of many digits": (
        from_xml,
        lambda n: (
            "<article><title>T</title><comments><comment><depth>"
            + "9" * n
            + "</depth><author>A</author></comment></comments></article>"
        ),
    ),
    "JSON key repeated": (
        from_json,
        lambda n: '{"type": "event", ' + '"title": "x", ' * (n // 14) + '"date": "2017-01-01"}',
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_costs_linear_time(case: str) -> None:
    """Time grows linearly with the input (the slope of log time over log size < 1.4;
    quadratic work shows 2)."""
    read, make = CASES[case]
    assert growth_exponent(read, make) < 1.4


@settings(max_examples=examples(200), deadline=None)
@given(data=st.binary(max_size=2000))
def test_load_of_any_bytes_only_raises_parse_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """Property: whatever bytes a file holds, load returns a model or raises ParseError."""
    path = tmp_path_factory.mktemp("bytes") / "page.md"
    path.write_bytes(data)
    with contextlib.suppress(ParseError):
        load(path)


_FORMS = {"json": (to_json, from_json), "xml": (to_xml, from_xml), "html": (to_html, from_html)}


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data())
def test_mutated_forms_only_raise_parse_error(data: st.DataObject) -> None:
    """Property: a seed's JSON, XML or HTML form with a slice cut out or junk put in is
    read or refused with ParseError, never another error."""
    write, read_back = _FORMS[data.draw(st.sampled_from(sorted(_FORMS)))]
    seed = data.draw(st.sampled_from(sorted([*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values()])))
    text = write(parse(read(seed)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    junk = data.draw(st.text(alphabet=st.sampled_from('<>/&;"{}[],:\\ \nabc0-'), max_size=20))
    with contextlib.suppress(ParseError):
        read_back(text[:start] + junk + text[end:])
