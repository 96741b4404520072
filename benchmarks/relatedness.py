"""Archive.related at archive scale, on three synthetic archives, against the plain scan.

The archives (fixed seeds, dates from 2011 to 2024, 20,000 tags with Zipf-like
frequencies, weight 1/rank):

- ``zipf``: 2-8 draws of a tag per event (2-8 distinct tags);
- ``six-seven``: 6 or 7 distinct tags per event;
- ``three-common``: most events carry the same three tags (``Syria``, ``Syrian Civil
  War``, ``Russia``, each on 95% of the events), plus 1-3 draws of the others.

Each archive is indexed with each kind of index (compressed bitmaps when pyroaring is
installed, and pure Python), ``--runs`` times, alternating; each time the same queries
(events of the archive) are asked, without ``as_of`` and with ``as_of`` their own date
(as their page was made). Each query is timed ``--repeats`` times and keeps its best
time, so that a query the machine's other work interrupted is not counted as slow;
the slowest single tries are reported beside. Build time is measured without
tracemalloc; memory in one more build, with it, plus what the bitmaps hold outside
Python's allocator. Run ``python benchmarks/relatedness.py [--events N] [--write]``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from _report import write_section
from syriaevents import Archive, Event, RelatedEvent, related
from syriaevents._index import Bitmaps, IntBitmaps, RoaringBitmaps

TAGS = 20_000
COMMON = ("Syria", "Syrian Civil War", "Russia")

Draw = Callable[[random.Random, list[str], list[float]], set[str]]


def _zipf(rng: random.Random, vocabulary: list[str], weights: list[float]) -> set[str]:
    return set(rng.choices(vocabulary, cum_weights=weights, k=rng.randint(2, 8)))


def _six_seven(rng: random.Random, vocabulary: list[str], weights: list[float]) -> set[str]:
    size, tags = rng.randint(6, 7), set[str]()
    while len(tags) < size:
        tags.update(rng.choices(vocabulary, cum_weights=weights, k=size - len(tags)))
    return tags


def _three_common(rng: random.Random, vocabulary: list[str], weights: list[float]) -> set[str]:
    tags = {tag for tag in COMMON if rng.random() < 0.95}
    return tags | set(rng.choices(vocabulary, cum_weights=weights, k=rng.randint(1, 3)))


ARCHIVES: dict[str, Draw] = {"zipf": _zipf, "six-seven": _six_seven, "three-common": _three_common}


def synthetic_archive(count: int, draw: Draw = _zipf, seed: int = 2011) -> list[Event]:
    """``count`` events with tags from ``draw``, reproducibly."""
    rng = random.Random(seed)
    vocabulary = [f"tag {rank}" for rank in range(1, TAGS + 1)]
    weights = list(accumulate(1 / rank for rank in range(1, TAGS + 1)))
    first, days = datetime.date(2011, 1, 1).toordinal(), 14 * 365
    events = []
    for index in range(count):
        tags = draw(rng, vocabulary, weights)
        day = datetime.date.fromordinal(first + rng.randrange(days))
        events.append(
            Event(
                date=day,
                title=f"Event {index}",
                path=f"/news/{day.year}/{day.month:02d}/{day.day}/event-{index}",
                tags=tuple(sorted(tags)),
            )
        )
    return events


def _archive_type(bitmaps: Bitmaps[Any]) -> type[Archive]:
    class _Archive(Archive):
        _bitmaps = bitmaps

    return _Archive


def _kinds() -> dict[str, type[Archive]]:
    kinds = {}
    try:
        kinds["pyroaring"] = _archive_type(RoaringBitmaps())
    except ImportError:
        print("pyroaring is not installed: pure Python only", file=sys.stderr)
    kinds["python"] = _archive_type(IntBitmaps())
    return kinds


Query = tuple[Event, datetime.date | None]


def _timed(
    archive: Archive, queries: Sequence[Query], repeats: int
) -> tuple[list[float], list[float], list[Any]]:
    """Each query's best time, its first try's, and its answer."""
    best, first, answers = [], [], []
    for item, as_of in queries:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            answer = archive.related(item, as_of=as_of)
            times.append(time.perf_counter() - started)
        best.append(min(times))
        first.append(times[0])
        answers.append(answer)
    return best, first, answers


def _percentiles(times: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": cuts[49], "p90": cuts[89], "p99": cuts[98], "max": max(times)}


def _cell(values: list[float], unit: str, digits: int = 1) -> str:
    """The median of the runs, and their spread when there are several."""
    middle = f"{statistics.median(values):.{digits}f}"
    if len(values) == 1:
        return f"{middle} {unit}"
    return f"{middle} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def measure(
    name: str, events: list[Event], kinds: dict[str, type[Archive]], arguments: Any
) -> tuple[list[list[str]], bool]:
    """One archive: its rows of the table, and whether every answer agreed."""
    rng = random.Random(7)
    items = rng.sample(events, arguments.queries)
    plain: list[Query] = [(item, None) for item in items]
    dated: list[Query] = [(item, item.date) for item in items]
    figures: dict[str, dict[str, list[float]]] = {kind: {} for kind in kinds}
    answers: dict[str, list[Any]] = {}
    for run in range(arguments.runs):
        for kind, archive_type in kinds.items():
            gc.collect()
            started = time.perf_counter()
            archive = archive_type(events)
            figures[kind].setdefault("build", []).append(time.perf_counter() - started)
            times, tries, found = _timed(archive, plain, arguments.repeats)
            dated_times, dated_tries, dated_found = _timed(archive, dated, arguments.repeats)
            for prefix, spent in (
                ("", times),
                ("as_of ", dated_times),
                ("first try ", tries + dated_tries),
            ):
                for key, value in _percentiles(spent).items():
                    figures[kind].setdefault(prefix + key, []).append(value * 1000)
            answers[kind] = found + dated_found
            del archive
            print(f"{name}, {kind}, run {run + 1}: {figures[kind]}", file=sys.stderr)
    for kind, archive_type in kinds.items():
        gc.collect()
        tracemalloc.start()
        archive = archive_type(events)
        held = tracemalloc.get_traced_memory()[0] + archive._index.nbytes()
        tracemalloc.stop()
        figures[kind]["bytes"] = [held / len(events)]
        del archive
    # The scan, on a few of the queries; the kinds of index against each other, on all.
    scans, same = [], all(found == answers[next(iter(kinds))] for found in answers.values())
    every = plain + dated
    for number in [*range(arguments.scans), *range(len(plain), len(plain) + arguments.scans)]:
        item, as_of = every[number]
        started = time.perf_counter()
        expected: tuple[RelatedEvent, ...] = related(item, events, as_of=as_of)
        scans.append(time.perf_counter() - started)
        same = same and all(found[number] == expected for found in answers.values())
    scan = statistics.median(scans) * 1000
    rows = []
    for kind, measured in figures.items():
        rows.append(
            [
                name,
                kind,
                _cell(measured["build"], "s"),
                f"{measured['bytes'][0]:,.0f}",
                *(_cell(measured[key], "ms", 2) for key in ("p50", "p90", "p99", "max")),
                *(_cell(measured[f"as_of {key}"], "ms", 2) for key in ("p99", "max")),
                *(_cell(measured[f"first try {key}"], "ms", 1) for key in ("p99", "max")),
                f"{scan / statistics.median(measured['p50']):,.0f}×",
            ]
        )
    print(f"{name}: scan median {scan:.0f} ms, identical: {same}", file=sys.stderr)
    return rows, same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--scans", type=int, default=3, help="scanned queries, each way")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3, help="tries of each query")
    parser.add_argument("--archives", nargs="*", choices=list(ARCHIVES), default=list(ARCHIVES))
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()

    kinds = _kinds()
    load = os.getloadavg()[0]
    rows, same = [], True
    for name in arguments.archives:
        events = synthetic_archive(arguments.events, ARCHIVES[name])
        measured, agreed = measure(name, events, kinds, arguments)
        rows += measured
        same = same and agreed
        del events
    header = [
        "archive",
        "index",
        "build",
        "bytes per event",
        "p50",
        "p90",
        "p99",
        "max",
        "p99, as_of",
        "max, as_of",
        "p99, first try",
        "max, first try",
        "scan ÷ p50",
    ]
    lines = [
        f"{arguments.events:,} events, {arguments.queries:,} queries each way, each the best "
        f"of {arguments.repeats} tries (the first tries beside); median of {arguments.runs} "
        f"runs (lowest–highest). Load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (2 cores). Every answer identical to the "
        f"scan's and between the kinds of index: {'yes' if same else 'NO'}.",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    table = "\n".join(lines)
    print(table)
    if arguments.write:
        write_section("relatedness", table)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
