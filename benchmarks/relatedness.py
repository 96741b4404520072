"""Archive.related at archive scale, against the plain scan, on a synthetic archive.

The generator draws 20,000 distinct tags with Zipf-like frequencies (weight 1/rank),
2-8 tags per event and dates from 2011 to 2024, from a fixed seed. Run
``python benchmarks/relatedness.py [--events N] [--write]``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import statistics
import sys
import time
import tracemalloc
from itertools import accumulate

from _report import write_section
from syriaevents import Archive, Event, related

TAGS = 20_000


def synthetic_archive(count: int, seed: int = 2011) -> list[Event]:
    """``count`` events with Zipf-distributed tags, reproducibly."""
    rng = random.Random(seed)
    vocabulary = [f"tag {rank}" for rank in range(1, TAGS + 1)]
    weights = list(accumulate(1 / rank for rank in range(1, TAGS + 1)))
    first, days = datetime.date(2011, 1, 1).toordinal(), 14 * 365
    events = []
    for index in range(count):
        tags = set(rng.choices(vocabulary, cum_weights=weights, k=rng.randint(2, 8)))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--scans", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()

    tracemalloc.start()
    events = synthetic_archive(arguments.events)
    event_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    archive = Archive(events)
    build = time.perf_counter() - started
    index_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    rng = random.Random(7)
    items = rng.sample(events, arguments.queries)
    times = []
    for item in items:
        started = time.perf_counter()
        archive.related(item)
        times.append(time.perf_counter() - started)
    indexed = statistics.median(times)

    scans, same = [], True
    for item in items[: arguments.scans]:
        started = time.perf_counter()
        expected = related(item, events)
        scans.append(time.perf_counter() - started)
        same = same and archive.related(item) == expected
    scan = statistics.median(scans)

    rows = [
        ("events", f"{arguments.events:,}"),
        ("index build", f"{build:.1f} s (goal ≤ 30 s)"),
        (
            "memory per `Event` (title, path, date, 2-8 tags)",
            f"{event_bytes / arguments.events:.0f} bytes",
        ),
        (
            "index memory per event, beyond the events",
            f"{index_bytes / arguments.events:.0f} bytes",
        ),
        (
            f"`Archive.related`, median of {arguments.queries} queries",
            f"{indexed * 1000:.2f} ms (goal ≤ 10 ms)",
        ),
        (f"`related(item, list)` scan, median of {arguments.scans}", f"{scan * 1000:.0f} ms"),
        ("speed-up of the index", f"{scan / indexed:.0f}× (goal ≥ 100×)"),
        ("identical results", "yes" if same else "NO"),
    ]
    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    print(table)
    if arguments.write:
        write_section("relatedness", table)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
