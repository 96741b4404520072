"""Evaluation over the real archive pages in ../shared/corpus/archive (when present).

Every event page must parse and re-render byte for byte, and survive every form.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from syriaevents import (
    Day,
    from_html,
    from_json,
    from_xml,
    parse,
    parse_day,
    parse_event,
    to_html,
    to_json,
    to_markdown,
    to_xml,
)

from .conftest import CORPUS, read, revalidate

PAGES = sorted(CORPUS.glob("20*.md")) if CORPUS.is_dir() else []
DAYS = sorted(CORPUS.glob("day-*.md")) if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not PAGES, reason="the shared corpus is not beside this checkout")


@needs_corpus
def test_corpus_is_the_expected_size() -> None:
    """The evaluation really runs over the whole folder."""
    assert len(PAGES) >= 35
    assert len(DAYS) >= 4


@needs_corpus
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_corpus_page_round_trips(page: Path) -> None:
    """Each real page: byte-exact Markdown, equal models through JSON, XML and HTML."""
    text = read(page)
    event = revalidate(parse_event(text))
    assert to_markdown(event) == text
    assert parse_event(to_markdown(attrs.evolve(event, layout=None))) == event
    assert from_json(to_json(event)) == event
    assert from_xml(to_xml(event)) == event
    assert from_html(to_html(event)) == event


@needs_corpus
@pytest.mark.parametrize("page", DAYS, ids=lambda p: p.name)
def test_corpus_day_round_trips(page: Path) -> None:
    """Each real day page: byte-exact Markdown, equal models through JSON, XML and HTML."""
    text = read(page)
    day = parse(text)
    assert isinstance(day, Day)
    assert day.events
    assert to_markdown(day) == text
    assert parse_day(to_markdown(attrs.evolve(day, layout=None))) == day
    assert from_json(to_json(day)) == day
    assert from_xml(to_xml(day)) == day
    assert from_html(to_html(day)) == day
