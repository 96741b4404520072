"""What `syriaevents build` costs: against writing the forms alone, by size and by jobs.

Generates archives (event pages with Zipf-distributed tags and five related links each,
and one scraped article per ten events) and measures, for each size:

- *forms only*: load every file and write each document's forms, nothing else (the
  floor: what any converter must do), in this process;
- *build*: ``syriaevents build -j N`` in a fresh process for each ``N``: wall time,
  files written per second, and the peak memory of its largest process.

The same at several sizes says how the build scales. Run
``python benchmarks/build.py [--events 10000,50000] [--jobs 1,2] [--write]``
(50,000 events write about 250,000 files: mind the disk, ``--scratch`` puts them
elsewhere).
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _report import write_section
from syriaevents import Article, Event, RelatedEvent, Source, iter_load, to_html, to_json, to_xml
from syriaevents._formats.markdown import to_markdown

VOCABULARY = ["Syria", "Russia", "Turkey", "Iran", "Idlib", "Aleppo"] + [
    f"Subject {n}" for n in range(300)
]


def _tags(rng: random.Random) -> tuple[str, ...]:
    # Zipf-like: a few tags are everywhere, most are rare.
    picks = {VOCABULARY[min(int(rng.paretovariate(1.1)) - 1, 305)] for _ in range(4)}
    return tuple(sorted(picks))


def generate(folder: Path, events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for index in range(events):
        day = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(2000))
        related = [
            RelatedEvent(
                title=f"Related event {index}-{n} in the north of the country.",
                path=f"/news/2011/05/{n + 1}/related-event-{index}-{n}",
                date=datetime.date(2011, 5, n + 1),
                tags=_tags(rng),
            )
            for n in range(5)
        ]
        event = Event(
            date=day,
            title=f"Event {index}: forces advance near the city as talks continue",
            category="Syrian Civil War",
            summary="Monitors reported heavy fighting overnight.",
            sources=[Source(name="Reuters", url=f"https://example.org/{index}")],
            related=related,
        )
        (folder / f"event-{index:06d}.md").write_text(to_markdown(event), "utf-8")
        if index % 10 == 0:
            words = " and ".join(rng.sample(VOCABULARY[:40], 3))
            text = (
                f"# Report {index} on the fighting\n\nBy Staff Writer\n\n"
                f"Officials spoke about {words} on Monday.\n\nTalks are to resume next week.\n"
            )
            (folder / f"article-{index:06d}.txt").write_text(text, "utf-8")


def forms_only(source: Path, output: Path) -> None:
    """The floor: every document read and its forms written, nothing linked."""
    for number, document in enumerate(iter_load(source)):
        texts = {"json": to_json(document), "xml": to_xml(document), "html": to_html(document)}
        if not isinstance(document, Article):
            texts["md"] = to_markdown(document)
        for suffix, text in texts.items():
            (output / f"{number}.{suffix}").write_text(text, "utf-8")


# Runs its arguments as a command and prints its wall time, the peak memory of the
# largest process below it (in KiB) and its exit status: a fresh count for each build.
_TIMED = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(time.perf_counter() - start, peak, status)\n"
)


def _in_a_process(arguments: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MiB, the largest process) and exit status of
    ``python ARGUMENTS`` run in a fresh process."""
    output = subprocess.run(
        [sys.executable, "-c", _TIMED, sys.executable, *arguments],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(output[0]), int(output[1]) / 1024, int(output[2])


def measure(events: int, jobs: list[int], scratch: Path) -> dict[str, float]:
    """One size: the floor, and the build with each number of jobs, one after another."""
    source = scratch / f"in-{events}"
    if not source.is_dir():
        source.mkdir()
        generate(source, events)
    result: dict[str, float] = {}
    output = scratch / "floor"
    output.mkdir()
    start = time.perf_counter()
    forms_only(source, output)
    result["floor"] = time.perf_counter() - start
    shutil.rmtree(output)
    for count in jobs:
        output = scratch / "site"
        seconds, peak, status = _in_a_process(
            ["-m", "syriaevents", "build", str(source), "-o", str(output), "-j", str(count)]
        )
        assert status == 0
        result[f"build {count}"] = seconds
        result[f"peak {count}"] = peak
        result[f"files {count}"] = sum(1 for path in output.rglob("*") if path.is_file())
        shutil.rmtree(output)
    return result


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="10000,50000", help="sizes, comma-separated")
    parser.add_argument("--jobs", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--scratch", type=Path, help="a folder for the generated archives")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.events.split(",")]
    jobs = [int(count) for count in arguments.jobs.split(",")]
    with tempfile.TemporaryDirectory(dir=arguments.scratch) as scratch:
        results = {size: measure(size, jobs, Path(scratch)) for size in sizes}
    rows = [
        "| events | files | forms only | "
        + " | ".join(f"build, {count} job{'s' * (count > 1)}" for count in jobs)
        + " | files per second | peak memory |",
        "| --- | --- | --- | " + " | ".join("---" for _ in jobs) + " | --- | --- |",
    ]
    best = jobs[-1]
    for size, result in results.items():
        builds = " | ".join(f"{result[f'build {count}']:.1f} s" for count in jobs)
        rows.append(
            f"| {size:,} | {int(result[f'files {best}']):,} | {result['floor']:.1f} s | {builds}"
            f" | {result[f'files {best}'] / result[f'build {best}']:,.0f}"
            f" | {max(result[f'peak {count}'] for count in jobs):,.0f} MiB |"
        )
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        growth = sizes[-1] / sizes[0]
        rows.append("")
        rows.append(
            f"{growth:g}× the events: the floor takes {large['floor'] / small['floor']:.2f}× the"
            " time, the build "
            + ", ".join(
                f"{large[f'build {count}'] / small[f'build {count}']:.2f}× with {count} job"
                f"{'s' * (count > 1)}"
                for count in jobs
            )
            + "."
        )
    text = "\n".join(rows)
    print(text)
    if arguments.write:
        write_section("build", text)


if __name__ == "__main__":
    main_()
