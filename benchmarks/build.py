"""What `syriaevents build` costs: the site against writing the forms alone, and scaling.

Generates an archive (event pages with Zipf-distributed tags, their related links, and
one article per ten events) and times, in one run and alternating:

- *forms only*: load every file and write each document's forms, nothing else (the
  floor: what any converter must do);
- *build*: ``syriaevents build`` (days, tags, index, related events and coverage,
  relative links, atomic writes).

The ratio says what the site's linking adds; the same at four times the size says how it scales.
Run ``python benchmarks/build.py [--events N] [--write]``.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _report import write_section
from syriaevents import Article, Event, RelatedEvent, Source, iter_load, to_html, to_json, to_xml
from syriaevents._cli import main
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
    for number, document in enumerate(iter_load(source)):
        texts = {"json": to_json(document), "xml": to_xml(document), "html": to_html(document)}
        if not isinstance(document, Article):
            texts["md"] = to_markdown(document)
        for suffix, text in texts.items():
            (output / f"{number}.{suffix}").write_text(text, "utf-8")


def build(source: Path, output: Path) -> None:
    assert main(["build", str(source), "-o", str(output)]) == 0


def measure(events: int, repeats: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"forms": [], "build": []}
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch, "in")
        source.mkdir()
        generate(source, events)
        for _ in range(repeats):
            for name, run in (("forms", forms_only), ("build", build)):
                output = Path(scratch, name)
                output.mkdir()
                start = time.perf_counter()
                run(source, output)
                times[name].append(time.perf_counter() - start)
                files = sum(1 for path in output.rglob("*") if path.is_file())
                shutil.rmtree(output)
                times.setdefault(f"{name} files", []).append(files)
    return {name: statistics.median(values) for name, values in times.items()}


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    arguments = parser.parse_args()
    small = measure(arguments.events, arguments.repeats)
    large = measure(4 * arguments.events, arguments.repeats)
    rows = ["| events | forms only | build | build / forms | files written | files per second |"]
    rows.append("| --- | --- | --- | --- | --- | --- |")
    for size, result in ((arguments.events, small), (4 * arguments.events, large)):
        rows.append(
            f"| {size:,} | {result['forms']:.2f} s | {result['build']:.2f} s"
            f" | {result['build'] / result['forms']:.2f}× | {int(result['build files']):,}"
            f" | {result['build files'] / result['build']:,.0f} |"
        )
    rows.append("")
    rows.append(
        f"4× the events: forms only take {large['forms'] / small['forms']:.2f}× the time,"
        f" the build {large['build'] / small['build']:.2f}×."
    )
    text = "\n".join(rows)
    print(text)
    if arguments.write:
        write_section("build", text)


if __name__ == "__main__":
    main_()
