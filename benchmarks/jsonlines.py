"""Bulk reading: a JSON Lines file of 100,000 events against pydantic's TypeAdapter.

``iter_json_lines`` reads the file one line at a time; the peers read the same events as
one JSON array with ``TypeAdapter(list[Model]).validate_json`` (see _peers.py: a model
making our checks, and one checking types only). Each figure is the best of three
interleaved runs, per event. Run ``python benchmarks/jsonlines.py [--events N] [--write]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pydantic

from _peers import CheckedEvent, PlainEvent
from _report import write_section
from loading import event
from syriaevents import iter_json_lines, to_json_lines


def seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    rng = random.Random(2011)
    events = [event(index, rng) for index in range(arguments.events)]
    count = len(events)
    with tempfile.TemporaryDirectory() as folder:
        lines_file = Path(folder, "events.jsonl")
        start = time.perf_counter()
        lines_file.write_text(to_json_lines(events), "utf-8")
        write_time = time.perf_counter() - start
        del events
        # The peers' array: the same documents without "type", which their models lack.
        fields = [orjson.loads(line) for line in lines_file.read_bytes().splitlines()]
        for document in fields:
            del document["type"]
        array = orjson.dumps(fields)
        del fields
        checked = pydantic.TypeAdapter(list[CheckedEvent])
        plain = pydantic.TypeAdapter(list[PlainEvent])
        runs: dict[str, Callable[[], object]] = {
            "ours": lambda: list(iter_json_lines(lines_file)),  # held, as the peers hold theirs
            "checked": lambda: checked.validate_json(array),
            "plain": lambda: plain.validate_json(array),
        }
        times = dict.fromkeys(runs, float("inf"))
        for _ in range(3):
            for name, run in runs.items():
                times[name] = min(times[name], seconds(run))
        size = lines_file.stat().st_size
    per = {name: total / count * 1e6 for name, total in times.items()}
    rows = [
        ("events", f"{count:,} ({size / 1e6:.0f} MB of JSON Lines)"),
        ("`to_json_lines` and writing the file, per event", f"{write_time / count * 1e6:.1f} µs"),
        (
            "`iter_json_lines` vs `TypeAdapter(list[Model]).validate_json`, same checks",
            f"{per['ours']:.1f} µs vs {per['checked']:.1f} µs per event:"
            f" {per['ours'] / per['checked']:.2f}× the time (goal ≤ 1×)",
        ),
        (
            "`iter_json_lines` vs the same with types only",
            f"{per['ours']:.1f} µs vs {per['plain']:.1f} µs per event:"
            f" {per['ours'] / per['plain']:.2f}× the time",
        ),
    ]
    table = "\n".join(
        ["| measure | value |", "| --- | --- |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    print(table)
    if arguments.write:
        write_section("jsonlines", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
