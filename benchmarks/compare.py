"""Side-by-side speed comparisons with peers, reported as ratios.

Run ``python benchmarks/compare.py`` (needs ``pip install -e ".[test]"``). Every pair
is timed in the same run, interleaved, and each figure is the best of several repeats,
so that the ratios hold on a shared, noisy machine. ``--instructions`` adds the
instruction counts of the HTML reader's rows, from ``valgrind --tool=callgrind``
(deterministic, where timings are too noisy to decide). ``--write`` puts the table
into docs/performance.md between its markers.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

import msgspec
import orjson
import pydantic
import xmltodict
from markdown_it import MarkdownIt

from _report import write_section
from syriaevents import (
    Event,
    from_html,
    from_json,
    from_xml,
    parse,
    parse_event,
    to_html,
    to_json,
    to_xml,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "seeds/000_46771aacd6f4a07c.txt", ROOT / "seeds/002_43154bf6cee5260a.txt"]
PAGES += sorted((ROOT / "tests/data/markdown").glob("*.md"))
# An article with a comment thread (19 comments, replies three deep).
ARTICLE = ROOT / "seeds/004_b61e25a6d0ee314d.txt"
CORPUS = ROOT.parent / "shared/corpus/archive"


def best(run: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Seconds per call: the best of ``repeat`` timings of ``number`` calls."""
    return min(timeit.repeat(run, number=number, repeat=repeat)) / number


# Equivalent models for the peers: the same fields and types as Event and its parts.
class PydanticSource(pydantic.BaseModel):
    name: str
    url: str


class PydanticRelated(pydantic.BaseModel):
    title: str
    path: str
    date: datetime.date
    tags: tuple[str, ...] = ()


class PydanticEvent(pydantic.BaseModel):
    date: datetime.date
    title: str
    category: str | None = None
    summary: str | None = None
    sources: tuple[PydanticSource, ...] = ()
    related: tuple[PydanticRelated, ...] = ()
    tags: tuple[str, ...] = ()
    path: str | None = None
    image: str | None = None


class MsgspecSource(msgspec.Struct):
    name: str
    url: str


class MsgspecRelated(msgspec.Struct):
    title: str
    path: str
    date: datetime.date
    tags: tuple[str, ...] = ()


class MsgspecEvent(msgspec.Struct):
    date: datetime.date
    title: str
    category: str | None = None
    summary: str | None = None
    sources: tuple[MsgspecSource, ...] = ()
    related: tuple[MsgspecRelated, ...] = ()
    tags: tuple[str, ...] = ()
    path: str | None = None
    image: str | None = None


def parse_rows() -> list[tuple[str, str, str]]:
    """parse_event against markdown-it-py's tokenizer on the same pages."""
    pages = [path.read_text(encoding="utf-8") for path in PAGES]
    corpus = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("20*.md"))]
    markdown = MarkdownIt()
    rows = []
    for label, texts in [("seeds and test pages", pages), ("shared corpus", corpus)]:
        if not texts:
            continue

        def ours_run(texts: list[str] = texts) -> object:
            return [parse_event(text) for text in texts]

        def peer_run(texts: list[str] = texts) -> object:
            return [markdown.parse(text) for text in texts]

        ours = best(ours_run, 20) / len(texts)
        peer = best(peer_run, 5) / len(texts)
        rows.append(
            (
                f"`parse_event` vs `MarkdownIt().parse`, {label} ({len(texts)} pages)",
                f"{ours * 1e6:.0f} µs vs {peer * 1e6:.0f} µs",
                f"{peer / ours:.1f}× faster (goal ≥ 25×)",
            )
        )
    return rows


def json_rows(event: Event) -> list[tuple[str, str, str]]:
    """JSON round trip of seed 000 (one source, five related events) against peers."""
    fields = orjson.loads(to_json(event))
    del fields["type"], fields["changes"]  # the peers' models hold the rest
    pydantic_event = PydanticEvent.model_validate_json(orjson.dumps(fields))
    msgspec_event = msgspec.json.decode(pydantic_event.model_dump_json(), type=MsgspecEvent)
    ours = best(lambda: from_json(to_json(event)), 2000)
    with_pydantic = best(
        lambda: PydanticEvent.model_validate_json(pydantic_event.model_dump_json()), 2000
    )
    with_msgspec = best(
        lambda: msgspec.json.decode(msgspec.json.encode(msgspec_event), type=MsgspecEvent), 2000
    )
    return [
        (
            "JSON round trip vs pydantic v2 (`model_dump_json` + `model_validate_json`)",
            f"{ours * 1e6:.1f} µs vs {with_pydantic * 1e6:.1f} µs",
            f"{with_pydantic / ours:.2f}× the speed (goal ≥ 2×)",
        ),
        (
            "JSON round trip vs msgspec (`encode` + `decode` into a Struct)",
            f"{ours * 1e6:.1f} µs vs {with_msgspec * 1e6:.1f} µs",
            f"{ours / with_msgspec:.1f}× the time (goal ≤ 2×)",
        ),
    ]


def xml_rows(event: Event) -> list[tuple[str, str, str]]:
    """XML round trip against bare xmltodict on the same document."""
    document = to_xml(event)
    ours = best(lambda: from_xml(to_xml(event)), 500)
    bare = best(lambda: xmltodict.unparse(xmltodict.parse(document)), 500)
    return [
        (
            "XML round trip vs bare `xmltodict.unparse(xmltodict.parse(s))`",
            f"{ours * 1e6:.0f} µs vs {bare * 1e6:.0f} µs",
            f"{ours / bare:.2f}× the time (goal ≤ 1.2×)",
        )
    ]


def html_rows(*, instructions: bool) -> list[tuple[str, str, str]]:
    """from_html against from_xml on the same document: an event (seed 000) and an
    article with its comment thread (seed 004). Goal: at most 1.5 times from_xml's cost."""
    rows = []
    for label, path in [("event, seed 000", PAGES[0]), ("article, seed 004", ARTICLE)]:
        document = parse(path.read_text(encoding="utf-8"))
        page, xml = to_html(document), to_xml(document)
        read_html, read_xml = partial(from_html, page), partial(from_xml, xml)
        html_time = xml_time = float("inf")
        for _ in range(5):  # interleaved, so that both meet the same load
            html_time = min(html_time, best(read_html, 50, repeat=3))
            xml_time = min(xml_time, best(read_xml, 50, repeat=3))
        measured = f"{html_time * 1e6:.0f} µs vs {xml_time * 1e6:.0f} µs"
        ratio = f"{html_time / xml_time:.2f}× the time"
        if instructions:
            setup = (
                "from pathlib import Path\n"
                "from syriaevents import parse, to_html, to_xml, from_html, from_xml\n"
                f"document = parse(Path({str(path)!r}).read_text(encoding='utf-8'))\n"
                "page, xml = to_html(document), to_xml(document)\n"
                "from_html(page), from_xml(xml)"
            )
            html_count = instruction_count(setup, "from_html(page)")
            xml_count = instruction_count(setup, "from_xml(xml)")
            measured += f"; {html_count / 1e6:.2f} M vs {xml_count / 1e6:.2f} M instructions"
            ratio += f", {html_count / xml_count:.2f}× the instructions"
        rows.append((f"`from_html` vs `from_xml`, {label}", measured, f"{ratio} (goal ≤ 1.5×)"))
    return rows


def instruction_count(setup: str, statement: str, number: int = 40) -> float:
    """Instructions per run of ``statement`` after ``setup``, counted by callgrind: a
    process running it ``number`` times less one running it none (hash seed fixed)."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind")

    def count(runs: int) -> int:
        script = f"{setup}\nfor _ in range({runs}):\n    {statement}\n"
        result = subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-c",
                script,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        collected = re.search(r"Collected : (\d+)", result.stderr)
        if collected is None:
            raise SystemExit(f"callgrind reported no count:\n{result.stderr}")
        return int(collected.group(1))

    return (count(number) - count(0)) / number


def table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| comparison | time per operation | ratio |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--instructions", action="store_true", help="count the HTML rows' instructions too"
    )
    arguments = parser.parse_args()
    event = parse_event(PAGES[0].read_text(encoding="utf-8"))
    rows = parse_rows() + json_rows(event) + xml_rows(event)
    result = table(rows + html_rows(instructions=arguments.instructions))
    print(result)
    if arguments.write:
        write_section("results", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
