"""Every regular expression in the package runs in linear time, also on the inputs that
make backtracking engines slow: long runs of the characters its quantifiers accept,
alone, alternating, after the pattern's literal start and before a character that
makes it fail.

Patterns are found by walking the package (module constants, and the patterns held
by records such as the publishers' rules); each is tried as a whole-text match, and as
a scan wherever the source searches with it (``search``, ``sub``, ``findall``, ...).
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import attrs
import pytest

import syriaevents

from .scaling import growth_exponent, seconds

_PACKAGE = Path(syriaevents.__file__).parent
_SCAN_CALL = re.compile(r"(\w+)\.(?:search|sub|subn|findall|finditer|split)\(")
_SCREEN_SIZE = 10_000
_SCREEN_SECONDS = 0.01  # a linear pattern on 10,000 characters takes far less
_CATEGORY_CHARACTER = {
    sre_constants.CATEGORY_DIGIT: "1",
    sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "a",
    sre_constants.CATEGORY_WORD: "a",
    sre_constants.CATEGORY_NOT_WORD: " ",
}


def _collect(
    value: object, where: str, found: dict[str, tuple[str, re.Pattern[str]]], depth: int = 0
) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault(f"{value.pattern!r}/{value.flags}", (where, value))
    elif depth < 3 and attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            _collect(getattr(value, field.name), f"{where}.{field.name}", found, depth + 1)
    elif depth < 3 and isinstance(value, tuple | list):
        for position, item in enumerate(value):
            _collect(item, f"{where}[{position}]", found, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{where}[{key!r}]", found, depth + 1)


def _package_patterns() -> dict[str, tuple[str, re.Pattern[str]]]:
    found: dict[str, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(syriaevents.__path__, "syriaevents."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(module).items():
            _collect(value, f"{info.name}.{name}", found)
    return found


PATTERNS = _package_patterns()
SCANNED = {
    name for path in _PACKAGE.rglob("*.py") for name in _SCAN_CALL.findall(path.read_text("utf-8"))
}


def _characters(parsed: Any, found: set[str]) -> None:
    """Characters the pattern's items accept, one or two of each class."""
    for op, argument in parsed:
        if op is sre_constants.LITERAL:
            found.add(chr(argument))
        elif op is sre_constants.NOT_LITERAL:
            found.add("b" if chr(argument) == "a" else "a")
        elif op is sre_constants.ANY:
            found.add("a")
        elif op is sre_constants.IN:
            for item_op, item in argument:
                if item_op is sre_constants.LITERAL:
                    found.add(chr(item))
                elif item_op is sre_constants.RANGE:
                    found.update((chr(item[0]), chr(item[1])))
                elif item_op is sre_constants.CATEGORY:
                    found.add(_CATEGORY_CHARACTER.get(item, "a"))
                elif item_op is sre_constants.NEGATE:
                    found.update(("a", "1", " "))
        elif op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            sre_constants.POSSESSIVE_REPEAT,
        ):
            _characters(argument[2], found)
        elif op is sre_constants.SUBPATTERN:
            _characters(argument[-1], found)
        elif op is sre_constants.BRANCH:
            for branch in argument[1]:
                _characters(branch, found)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            _characters(argument[1], found)
        elif op is sre_constants.ATOMIC_GROUP:
            _characters(argument, found)


_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _one_character(op: Any, argument: Any) -> str:
    """A character an item accepts (the first one it names)."""
    found: set[str] = set()
    _characters([(op, argument)], found)
    return min(found) if found else "a"


def _repeat_starts(parsed: Any, text: list[str], starts: list[str]) -> None:
    """Walk the shortest text the pattern matches (first branches, fewest repeats),
    noting the text read so far wherever a repeated item begins."""
    for op, argument in parsed:
        if op in (
            sre_constants.LITERAL,
            sre_constants.NOT_LITERAL,
            sre_constants.ANY,
            sre_constants.IN,
        ):
            text.append(_one_character(op, argument))
        elif op in _REPEATS:
            starts.append("".join(text))
            for _ in range(min(argument[0], 100)):
                _repeat_starts(argument[2], text, starts)
        elif op is sre_constants.SUBPATTERN:
            _repeat_starts(argument[-1], text, starts)
        elif op is sre_constants.BRANCH:
            _repeat_starts(argument[1][0], text, starts)
        elif op is sre_constants.ATOMIC_GROUP:
            _repeat_starts(argument, text, starts)


def _hostile_inputs(pattern: re.Pattern[str]) -> dict[str, Any]:
    """Ways to make an input of size n that may trip the pattern, by name: runs of each
    character it accepts, alone, alternating with another, and pumped where a repeated
    item begins, ended by a character that makes the match fail late."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    found: set[str] = set()
    _characters(parsed, found)
    characters = sorted(found)[:8]
    starts: list[str] = []
    _repeat_starts(parsed, [], starts)
    makers: dict[str, Any] = {}
    for character in characters:
        makers[f"{character!r}*n"] = lambda n, c=character: c * n
        for start in dict.fromkeys(starts[:6]):
            others = [other for other in characters if other != character][:3]
            for end in ["\x00", "\n", *others]:
                makers[f"{start!r}+{character!r}*n+{end!r}"] = (
                    lambda n, c=character, s=start, e=end: s + c * n + e
                )
    for first, second in itertools.permutations(characters, 2):
        makers[f"({first!r}{second!r})*n"] = lambda n, a=first, b=second: (a + b) * (n // 2)
    return makers


def test_the_package_patterns_are_found() -> None:
    """The walk finds the patterns of every layer, the publishers' rules included."""
    places = " ".join(where for where, _ in PATTERNS.values())
    for module in ("_formats.article", "_publishers", "_comments.wpdiscuz", "_text", "_dates"):
        assert f"syriaevents.{module}" in places
    assert len(PATTERNS) >= 40


@pytest.mark.parametrize("key", sorted(PATTERNS), ids=lambda key: PATTERNS[key][0])
def test_pattern_is_linear_on_hostile_input(key: str) -> None:
    """Whole-text matching, and scanning where the code scans, stay linear."""
    where, pattern = PATTERNS[key]
    methods: list[Callable[[str], object]] = [pattern.fullmatch, pattern.match]
    if where.rsplit(".", 1)[-1].split("[")[0] in SCANNED:
        methods.append(pattern.findall)
    for (label, make), method in itertools.product(_hostile_inputs(pattern).items(), methods):
        if seconds(method, make(_SCREEN_SIZE), repeats=1, collect=False) < _SCREEN_SECONDS:
            continue  # clearly linear: only a slow call is worth measuring closely
        exponent = growth_exponent(method, make)
        assert exponent < 1.4, f"{where} {method.__name__} on {label}: time ~ n^{exponent:.2f}"
