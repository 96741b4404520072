"""Memory when loading many pages: bytes per Event, and iter_load's flat peak.

Writes N generated event pages (one source, five related events, a summary) to a
temporary folder and measures with tracemalloc. Run
``python benchmarks/loading.py [--pages N] [--write]``.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import random
import sys
import tempfile
import tracemalloc
from pathlib import Path

import attrs

from _report import write_section
from syriaevents import Event, RelatedEvent, Source, iter_load, parse_event, to_markdown


def event(index: int, rng: random.Random) -> Event:
    """One event of ordinary size (one source, five related events, a summary)."""
    day = datetime.date(2011, 1, 1) + datetime.timedelta(days=rng.randrange(5000))
    related = [
        RelatedEvent(
            title=f"Related event {index}-{n}: airstrikes and talks reported in the north of the"
            " country, according to monitors and officials on both sides.",
            path=f"/news/2012/03/{n + 1}/related-event-{index}-{n}",
            date=datetime.date(2012, 3, n + 1),
            tags=tuple(rng.sample(["Syria", "Russia", "Turkey", "Iran", "Idlib", "Aleppo"], 3)),
        )
        for n in range(5)
    ]
    return Event(
        date=day,
        title=f"Event {index}: forces advance near the city as talks continue in the capital",
        category="Syrian Civil War",
        summary="A summary paragraph of ordinary length, as the archive's pages carry one.",
        sources=[Source(name="Reuters", url=f"https://www.reuters.com/article/{index}")],
        related=related,
        tags=tuple(dict.fromkeys(tag for r in related for tag in r.tags)),
    )


def page(index: int, rng: random.Random) -> str:
    """One event page of ordinary size (about 2.5 kB)."""
    return to_markdown(event(index, rng))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    rng = random.Random(2011)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        size = 0
        for index in range(arguments.pages):
            text = page(index, rng)
            size += len(text.encode())
            (root / f"{index:06d}.md").write_text(text, encoding="utf-8")
        sample = [(root / f"{index:06d}.md").read_text(encoding="utf-8") for index in range(1000)]

        # One session: what parsing keeps alive, then what is left once layouts go.
        tracemalloc.start()
        kept = [parse_event(text) for text in sample]
        with_layout = tracemalloc.get_traced_memory()[0] / len(kept)
        kept = [attrs.evolve(event, layout=None) for event in kept]
        gc.collect()
        without_layout = tracemalloc.get_traced_memory()[0] / len(kept)
        tracemalloc.stop()
        del kept

        tracemalloc.start()
        count = 0
        for document in iter_load(root):
            count += isinstance(document, Event)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()

    rows = [
        ("pages", f"{arguments.pages:,} ({size / 1e6:.0f} MB)"),
        ("bytes per `Event` read from a page (with its layout)", f"{with_layout:,.0f}"),
        ("bytes per `Event` without its layout", f"{without_layout:,.0f}"),
        (f"peak memory of `iter_load` over all {count:,} pages", f"{peak / 1e6:.1f} MB"),
        ("the same pages held in a list would take", f"{with_layout * count / 1e6:,.0f} MB"),
    ]
    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    print(table)
    if arguments.write:
        write_section("loading", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
