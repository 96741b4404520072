"""Canonical tags: the folding, and what its cache may keep."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from syriaevents import canonical_tag


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("Turkish", "Turkey"),
        ("  turks ", "Turkey"),
        ("Türkiye", "Turkey"),
        ("Iranian", "Iran"),
        ("Russian", "Russia"),
        ("Syrian", "Syria"),
        ("American", "United States"),
        ("U.S.", "United States"),
        ("Syrian Civil War", "syrian civil war"),
        ("SYRIAN  civil   war", "syrian civil war"),
        ("al-Nusra", "al-nusra"),
    ],
)
def test_canonical_tag(tag: str, canonical: str) -> None:
    """Country forms fold into the country; case and spacing fold; subjects stay apart."""
    assert canonical_tag(tag) == canonical


def test_long_tags_fold_like_short_ones() -> None:
    """A tag past the cache's length limit folds all the same."""
    assert canonical_tag(" Turkish ") == "Turkey"
    assert canonical_tag("  " * 500 + "Turkish" + "  " * 500) == "Turkey"
    assert canonical_tag("Syrian  " + "War " * 100) == "syrian " + " ".join(["war"] * 100)


def test_short_tags_are_cached() -> None:
    """A short tag is kept by the cache: the second call finds it there."""
    tag = "".join(["A tag ", "made at run time ", str(id(object()))])
    before = sys.getrefcount(tag)
    assert canonical_tag(tag) is canonical_tag(tag)
    assert sys.getrefcount(tag) > before  # held by the cache


def test_long_tags_are_not_retained() -> None:
    """Regression: huge tags (a 1 MB tag in each of 20 documents) leave nothing behind."""
    tag = "".join(["x" * 1_000_000, " made at run time ", str(id(object()))])
    before = sys.getrefcount(tag)
    canonical_tag(tag)
    assert sys.getrefcount(tag) == before
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        for number in range(20):
            canonical_tag(f"{number} {tag}")
        kept = tracemalloc.get_traced_memory()[0] - held
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000  # the tags and their canonical forms took 40 MB


def test_canonical_tag_takes_text_only() -> None:
    """Anything but a str is a TypeError, whatever its length."""
    with pytest.raises(TypeError, match="takes a str"):
        canonical_tag(b"Syria")  # type: ignore[arg-type]
