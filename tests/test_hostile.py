"""Pathological inputs: every reader stays linear in its input (ratios, not timings)."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable

import pytest

from syriaevents import ParseError, from_html, from_json, from_xml, parse_article, parse_event

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
    "JSON string": (from_json, lambda n: '{"type": "event", "title": "' + "a" * n),
}


def _best_time(read: Callable[[str], object], text: str) -> float:
    """Best of three, the cyclic collector paused: its full collections scale with what
    earlier tests left in memory, not with the reader's work."""
    gc.collect()
    gc.disable()
    try:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            with contextlib.suppress(ParseError):
                read(text)
            times.append(time.perf_counter() - start)
        return min(times)
    finally:
        gc.enable()


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_costs_linear_time(case: str) -> None:
    """Four times the input costs well under eight times the time."""
    read, make = CASES[case]
    small, large = make(100_000), make(400_000)
    assert _best_time(read, large) / max(_best_time(read, small), 1e-4) < 8
