"""Every reader and writer, timed against an earlier version of the library.

Run ``python benchmarks/forms.py --against REF [--write]``: each form's reader and
writer on the seeds (two event pages, three articles) and a hand-written day page, in
this version and in git commit REF, each version in its own process, five interleaved
rounds, the best of each kept. A change that makes one of them more than 5% slower
shows in the last column. ``--write`` puts the table into docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _report import ROOT, measure_in, source_at, write_section

SEEDS = ROOT / "seeds"
EVENTS = ["000_46771aacd6f4a07c.txt", "002_43154bf6cee5260a.txt"]
ARTICLES = ["001_f2748accc73cd4ce.txt", "003_051a921274da9a80.txt", "004_b61e25a6d0ee314d.txt"]
DAY = ROOT / "tests" / "data" / "days" / "day_current_layout.md"
ROUNDS = 5
TOLERANCE = 1.05


def operations() -> dict[str, tuple[Callable[[Any], object], list[Any]]]:
    """Each operation, by name, with the inputs it runs on (all in this process)."""
    import syriaevents as se

    events = [(SEEDS / name).read_text(encoding="utf-8") for name in EVENTS]
    articles = [(SEEDS / name).read_text(encoding="utf-8") for name in ARTICLES]
    day = DAY.read_text(encoding="utf-8")
    pages: list[Any] = [se.parse_event(text) for text in events] + [se.parse_day(day)]
    models = pages + [se.parse_article(text) for text in articles]
    ops: dict[str, tuple[Callable[[Any], object], list[Any]]] = {
        "parse_event": (se.parse_event, events),
        "parse_day": (se.parse_day, [day]),
        "parse_article": (se.parse_article, articles),
        "to_markdown (events, day)": (se.to_markdown, pages),
    }
    for form in ("json", "xml", "html"):
        write = getattr(se, f"to_{form}")
        read = getattr(se, f"from_{form}")
        ops[f"to_{form}"] = (write, models)
        ops[f"from_{form}"] = (read, [write(model) for model in models])
    return ops


def measure() -> dict[str, float]:
    """Microseconds per call of each operation, over its inputs (best of seven)."""
    result = {}
    for name, (function, inputs) in operations().items():

        def run(function: Callable[[Any], object] = function, inputs: list[Any] = inputs) -> None:
            for item in inputs:
                function(item)

        number = max(1, 2000 // len(inputs))
        best = min(timeit.repeat(run, number=number, repeat=7)) / number
        result[name] = best / len(inputs) * 1e6
    return result


def main() -> int:
    if sys.argv[1:] == ["--measure"]:  # one version's figures, for the run below
        print(json.dumps(measure()))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REF", required=True, help="a git commit")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    now: dict[str, float] = {}
    then: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        baseline = source_at(arguments.against, Path(scratch))
        for _ in range(ROUNDS):
            for best, source in ((now, None), (then, baseline)):
                for name, micros in measure_in(__file__, source).items():
                    best[name] = min(best.get(name, micros), micros)
    lines = [
        f"| operation | now | at `{arguments.against}` | now / then |",
        "| --- | --- | --- | --- |",
    ]
    for name, micros in now.items():
        ratio = micros / then[name]
        flag = " (slower)" if ratio > TOLERANCE else ""
        lines.append(f"| `{name}` | {micros:.1f} µs | {then[name]:.1f} µs | {ratio:.2f}×{flag} |")
    result = "\n".join(lines)
    print(result)
    if arguments.write:
        write_section("forms", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
