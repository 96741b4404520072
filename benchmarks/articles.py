"""Throughput of parse_article, in MB/s, how it scales with a thread's size, and how it
compares with an earlier version of the reader.

Run ``python benchmarks/articles.py [--against REF] [--write]``: the seed articles, the
real records of ../shared/corpus/articles (when present) and generated threads.
``--against`` measures the reader of git commit REF in the same run, interleaved
(each version in its own process, three rounds, the best kept). ``--write`` puts the
table into docs/performance.md between its article markers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import timeit
from pathlib import Path

from _report import ROOT, measure_in, source_at, write_section

SEEDS = [
    ROOT / "seeds" / name
    for name in ("001_f2748accc73cd4ce.txt", "003_051a921274da9a80.txt", "004_b61e25a6d0ee314d.txt")
]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def generated_thread(megabytes: float) -> str:
    """An article followed by a realistic thread: replies three deep, repeating."""
    lines = ["A generated article", "", "Its only paragraph.", "", ""]
    size, index = 0, 0
    while size < megabytes * 1_000_000:
        indent = "  " * (index % 4 + 1)
        chunk = [
            f"{indent}• Reader {index}",
            "",
            f"{indent}  Comment number {index}, with a sentence or two of ordinary length"
            " that a reader might write under an article about the war.",
            "",
        ]
        lines += chunk
        size += sum(len(line) + 1 for line in chunk)
        index += 1
    return "\n".join(lines)


def inputs() -> dict[str, tuple[list[str], int]]:
    """What is measured: label → (texts, calls per timing)."""
    cases = {
        f"seed `{path.name[:3]}` ({path.stat().st_size / 1000:.1f} kB)": (
            [path.read_text(encoding="utf-8")],
            200,
        )
        for path in SEEDS
    }
    records = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if records:
        texts = [path.read_text(encoding="utf-8") for path in records]
        cases[f"the {len(texts)} real records (1.3–2 kB each)"] = (texts, 20)
    cases["generated thread, 2.5 MB"] = ([generated_thread(2.5)], 1)
    cases["generated thread, 10 MB"] = ([generated_thread(10)], 1)
    return cases


def measure() -> dict[str, float]:
    """MB/s per input with the syriaevents this process imports (best of five)."""
    from syriaevents import parse_article

    rates = {}
    for label, (texts, number) in inputs().items():
        size = sum(len(text.encode("utf-8")) for text in texts)

        def run(texts: list[str] = texts) -> None:
            for text in texts:
                with contextlib.suppress(ValueError):  # an older reader refused a record
                    parse_article(text)

        seconds = min(timeit.repeat(run, number=number, repeat=5)) / number
        rates[label] = size / 1e6 / seconds
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REF", help="a git commit to compare with")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        print(json.dumps(measure()))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        baseline = source_at(arguments.against, Path(scratch)) if arguments.against else None
        now: dict[str, float] = {}
        before: dict[str, float] = {}
        for _ in range(3):  # interleaved rounds, the best of each kept
            for label, rate in measure_in(__file__, None).items():
                now[label] = max(now.get(label, 0.0), rate)
            if baseline is not None:
                for label, rate in measure_in(__file__, baseline).items():
                    before[label] = max(before.get(label, 0.0), rate)
    if before:
        lines = [
            f"| input | throughput | at `{arguments.against}` | now / then |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {label} | {rate:.1f} MB/s | {before[label]:.1f} MB/s"
            f" | {rate / before[label]:.2f}× |"
            for label, rate in now.items()
        ]
    else:
        lines = ["| input | throughput |", "| --- | --- |"]
        lines += [f"| {label} | {rate:.1f} MB/s |" for label, rate in now.items()]
    small, large = now["generated thread, 2.5 MB"], now["generated thread, 10 MB"]
    lines.append(
        f"\nLinear scaling: 4× the thread (2.5 → 10 MB) takes {small / large * 4:.2f}×"
        " the time (4.00× is perfectly linear)."
    )
    result = "\n".join(lines)
    print(result)
    if arguments.write:
        write_section("articles", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
