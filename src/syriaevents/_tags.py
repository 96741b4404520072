"""Canonical tags: one label for one subject, whatever case, spacing or country form.

A country's name, adjective or demonym (``Turkish``, ``Turks``, ``Türkiye``) becomes the
country's name (``Turkey``); any other tag becomes its lower-case form with single
spaces (``Syrian Civil War`` → ``syrian civil war``, which is not ``Syria``). The
country table is ``data/countries.txt``, shipped with the package.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

__all__ = [
    "PhraseFinder",
    "canonical_tag",
    "canonical_tag_sets",
    "canonical_tags",
    "country_variants",
    "phrase_key",
]

# The words of a phrase, as text is matched against tags: letters and digits only.
_WORDS = re.compile(r"\w+")


def _normalize(tag: str) -> str:
    return " ".join(tag.casefold().split())


def _load_countries() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    canonical: dict[str, str] = {}
    variants: dict[str, tuple[str, ...]] = {}
    table = resources.files("syriaevents").joinpath("data/countries.txt")
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *others = line.split("|")
        variants[name] = (name, *others)
        for word in (name, *others):
            canonical[_normalize(word)] = name
    return canonical, variants


_COUNTRY_OF, _COUNTRY_VARIANTS = _load_countries()


# The cache keeps tags up to this length (and their canonical forms): at most 65,536
# entries of two short strings each. Longer tags are rare and are folded each time, so
# that a few huge ones cannot pin their size in memory for the life of the process.
_CACHED_LENGTH = 200


def _canonical(tag: str) -> str:
    key = _normalize(tag)
    return _COUNTRY_OF.get(key, key)


_cached_canonical = lru_cache(maxsize=65_536)(_canonical)


def canonical_tag(tag: str) -> str:
    """The canonical form of a tag: a country's name, or the tag in lower case."""
    if not isinstance(tag, str):
        raise TypeError(f"canonical_tag() takes a str, not {type(tag).__name__}")
    if len(tag) > _CACHED_LENGTH:
        return _canonical(tag)
    return _cached_canonical(tag)


def canonical_tags(tags: Iterable[str]) -> frozenset[str]:
    """The set of canonical forms of some tags."""
    return frozenset(map(canonical_tag, tags))


class _Folded(dict[str, str]):
    """Labels and their canonical forms, each label folded the first time it is read."""

    def __missing__(self, tag: str) -> str:
        self[tag] = canonical = canonical_tag(tag)
        return canonical


def canonical_tag_sets(tag_lists: Iterable[Iterable[str]]) -> Iterator[frozenset[str]]:
    """``canonical_tags`` of each list, folding each distinct label once (many events
    share their labels: a lookup is cheaper than a call)."""
    folded = _Folded()
    return (frozenset(map(folded.__getitem__, tags)) for tags in tag_lists)


def country_variants(canonical: str) -> tuple[str, ...]:
    """Every word the table has for a country (its name first); () for other tags."""
    return _COUNTRY_VARIANTS.get(canonical, ())


def phrase_key(text: str) -> str:
    """A phrase's words, lower case, single spaces: "Al-Nusra's" → "al nusra s"."""
    return " ".join(_WORDS.findall(text.casefold()))


class PhraseFinder:
    """Every occurrence of some phrases in a text's words, in one pass (Aho-Corasick).

    A trie over the phrases' words, where each node also knows the longest proper
    suffix of its phrase that is a trie node too (where to go on a mismatch) and the
    nearest such suffix that ends a phrase (what else ends here). Reading a word costs
    amortised constant time, whatever the phrases' lengths.
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        """``phrases`` are distinct, non-empty word sequences separated by single spaces."""
        self._lengths = [len(phrase.split()) for phrase in phrases]
        children: list[dict[str, int]] = [{}]
        ends = [-1]  # the phrase a node completes, or -1
        for number, phrase in enumerate(phrases):
            node = 0
            for word in phrase.split():
                child = children[node].get(word)
                if child is None:
                    child = children[node][word] = len(children)
                    children.append({})
                    ends.append(-1)
                node = child
            ends[node] = number
        fallback = [0] * len(children)
        # The node itself when it ends a phrase, else the nearest fallback that does; -1: none.
        reported = [-1] * len(children)
        queue = deque(children[0].values())
        for node in queue:
            reported[node] = node if ends[node] >= 0 else -1
        while queue:
            node = queue.popleft()
            for word, child in children[node].items():
                suffix = fallback[node]
                while suffix and word not in children[suffix]:
                    suffix = fallback[suffix]
                fallback[child] = children[suffix].get(word, 0)
                reported[child] = child if ends[child] >= 0 else reported[fallback[child]]
                queue.append(child)
        self._children = children
        self._ends = ends
        self._fallback = fallback
        self._reported = reported

    def find(self, words: Sequence[str]) -> Iterator[tuple[int, int]]:
        """(start, phrase number) of every occurrence in ``words``, by where it ends."""
        children, fallback, reported = self._children, self._fallback, self._reported
        ends, lengths = self._ends, self._lengths
        node = 0
        for position, word in enumerate(words):
            while node and word not in children[node]:
                node = fallback[node]
            node = children[node].get(word, 0)
            found = reported[node]
            while found >= 0:
                phrase = ends[found]
                yield position - lengths[phrase] + 1, phrase
                found = reported[fallback[found]]
