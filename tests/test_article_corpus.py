"""Evaluation over the real scraped article records in ../shared/corpus/articles.

Every label that ``expected.json`` gives for a record is checked (see that folder's
SOURCES.md for what each means); records are read with the URL they were scraped from,
as a crawler would call ``parse_article``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from syriaevents import (
    Article,
    from_html,
    from_json,
    from_xml,
    parse_article,
    to_html,
    to_json,
    to_xml,
)

from .conftest import ROOT, read

ARTICLES = ROOT.parent / "shared" / "corpus" / "articles"
EXPECTED: dict[str, dict[str, Any]] = (
    json.loads(read(ARTICLES / "expected.json")) if (ARTICLES / "expected.json").is_file() else {}
)
needs_corpus = pytest.mark.skipif(
    not EXPECTED, reason="the shared article corpus is not beside this checkout"
)


def _article(name: str) -> tuple[Article, dict[str, Any]]:
    expected = EXPECTED[name]
    return parse_article(read(ARTICLES / name), url=expected["url"]), expected


def _absent(text: str, body: tuple[str, ...]) -> bool:
    """Furniture is absent from the body; a single word ("Once") is checked as a whole line."""
    if " " not in text:
        return all(text != line.strip() for paragraph in body for line in paragraph.split("\n"))
    return all(text not in paragraph for paragraph in body)


@needs_corpus
def test_the_whole_set_is_evaluated() -> None:
    """Every record in the folder has labels, and every labelled record is there."""
    assert sorted(EXPECTED) == sorted(path.name for path in ARTICLES.glob("*.txt"))
    assert len(EXPECTED) >= 23


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_headline_publisher_and_url(name: str) -> None:
    """The headline (none for a body-only record), the publisher and the URL."""
    article, expected = _article(name)
    assert article.title == (expected["title"] if expected.get("title_in_text", True) else None)
    assert article.publisher == expected["publisher"]
    assert article.url == expected["url"]


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body(name: str) -> None:
    """The first paragraph, the count where the body is complete, what it holds and not."""
    article, expected = _article(name)
    assert article.body, "no body"
    assert article.body[0].startswith(expected["body_first"])
    if "body_count" in expected:
        assert len(article.body) == expected["body_count"]
    text = "\n\n".join(article.body)
    missing = [wanted for wanted in expected.get("in_body", []) if wanted not in text]
    assert not missing
    furniture = [
        found for found in expected.get("not_in_body", []) if not _absent(found, article.body)
    ]
    assert not furniture


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_photo_date_related_and_tags(name: str) -> None:
    """Caption and credit (no photo where neither is labelled), date, related links, tags."""
    article, expected = _article(name)
    if "credit" in expected or "caption" in expected:
        assert [(image.caption, image.credit) for image in article.images] == [
            (expected.get("caption"), expected.get("credit"))
        ]
    else:
        assert article.images == ()
    if "published" in expected:
        assert article.published is not None
        assert article.published.isoformat() == expected["published"]
    if "byline" in expected:
        assert ", ".join(article.authors) == expected["byline"]
    if "related" in expected:
        assert [link.title for link in article.related] == expected["related"]
    if "tags" in expected:
        assert list(article.tags) == expected["tags"]


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comments(name: str) -> None:
    """Comment count, top-level count, depth and authors (lower bounds where cut)."""
    article, expected = _article(name)
    thread = list(article.thread())
    depth = max((level for level, _ in thread), default=0)
    if "comments" in expected:
        assert len(thread) == expected["comments"]
    assert len(thread) >= expected.get("comments_min", 0)
    if "top" in expected:
        assert len(article.comments) == expected["top"]
    assert len(article.comments) >= expected.get("top_min", 0)
    if "depth" in expected:
        assert depth == expected["depth"]
    assert depth >= expected.get("depth_min", 0)
    if "authors" in expected:
        assert [comment.author for _, comment in thread][: len(expected["authors"])] == expected[
            "authors"
        ]
    if "comments_min" in expected and "authors" in expected:
        assert len(thread) >= len(expected["authors"])


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_form_round_trips(name: str) -> None:
    """JSON, XML and HTML read back to an equal article."""
    article, _ = _article(name)
    assert from_json(to_json(article)) == article
    assert from_xml(to_xml(article)) == article
    assert from_html(to_html(article)) == article


@needs_corpus
def test_two_layouts_of_one_article_read_the_same() -> None:
    """The two stored records of one article give the same headline and body."""
    for first, second in [
        ("mt-wagner-fighters-die-syria.txt", "mt-wagner-fighters-die-syria-oldlayout.txt"),
        (
            "mt-lavrov-kerry-cessation-hostilities-a.txt",
            "mt-lavrov-kerry-cessation-hostilities-b.txt",
        ),
    ]:
        one, _ = _article(first)
        two, _ = _article(second)
        assert one.title == two.title
        shorter = min(len(one.body), len(two.body))
        assert one.body[: shorter - 1] == two.body[: shorter - 1]  # the last may be cut
