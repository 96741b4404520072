"""Throughput of parse_article, in MB/s, and how it scales with a thread's size.

Run ``python benchmarks/articles.py``; ``--write`` puts the table into
docs/performance.md between its article markers.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from pathlib import Path

from _report import write_section
from syriaevents import parse_article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "seeds" / name
    for name in ("001_f2748accc73cd4ce.txt", "003_051a921274da9a80.txt", "004_b61e25a6d0ee314d.txt")
]


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


def megabytes_per_second(text: str, number: int) -> float:
    seconds = min(timeit.repeat(lambda: parse_article(text), number=number, repeat=5)) / number
    return len(text.encode("utf-8")) / 1e6 / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    rows = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        rows.append(
            (
                f"seed `{path.name[:3]}` ({len(text.encode()) / 1000:.1f} kB)",
                megabytes_per_second(text, 200),
            )
        )
    small, large = generated_thread(2.5), generated_thread(10)
    small_rate = megabytes_per_second(small, 1)
    large_rate = megabytes_per_second(large, 1)
    rows.append(("generated thread, 2.5 MB", small_rate))
    rows.append(("generated thread, 10 MB", large_rate))
    lines = ["| input | throughput |", "| --- | --- |"]
    lines += [f"| {label} | {rate:.1f} MB/s |" for label, rate in rows]
    lines.append(
        f"\nLinear scaling: 4× the thread (2.5 → 10 MB) takes {small_rate / large_rate * 4:.2f}×"
        " the time (4.00× is perfectly linear)."
    )
    result = "\n".join(lines)
    print(result)
    if arguments.write:
        write_section("articles", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
