"""Side-by-side speed comparisons with peers, reported as ratios.

Run ``python benchmarks/compare.py`` (needs ``pip install -e ".[test]"``). Every pair
is timed in the same run, interleaved, and each figure is the best of several repeats,
so that the ratios hold on a shared, noisy machine. ``--instructions`` adds the
instruction counts of the JSON, XML and HTML rows, from ``valgrind --tool=callgrind``
(deterministic, where timings are too noisy to decide). ``--write`` puts the table
into docs/performance.md between its markers.
"""

from __future__ import annotations

import argparse
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
import xmltodict
from markdown_it import MarkdownIt

from _peers import CheckedEvent, MsgspecEvent, PlainEvent, peer_fields
from _report import write_section
from syriaevents import (
    Article,
    Day,
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


_JSON_SETUP = (
    "import sys\n"
    f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
    "from pathlib import Path\n"
    "import msgspec\n"
    "from syriaevents import from_json, parse_event, to_json\n"
    "from _peers import CheckedEvent, MsgspecEvent, PlainEvent, peer_fields\n"
    f"event = parse_event(Path({str(PAGES[0])!r}).read_text(encoding='utf-8'))\n"
    "fields = peer_fields(event)\n"
    "checked = CheckedEvent.model_validate_json(fields)\n"
    "plain = PlainEvent.model_validate_json(fields)\n"
    "msgspec_event = msgspec.json.decode(fields, type=MsgspecEvent)\n"
    "from_json(to_json(event)), CheckedEvent.model_validate_json(checked.model_dump_json())\n"
    "PlainEvent.model_validate_json(plain.model_dump_json())"
)
_JSON_STATEMENTS = {
    "ours": "from_json(to_json(event))",
    "checked": "CheckedEvent.model_validate_json(checked.model_dump_json())",
    "plain": "PlainEvent.model_validate_json(plain.model_dump_json())",
    "msgspec": "msgspec.json.decode(msgspec.json.encode(msgspec_event), type=MsgspecEvent)",
}


def json_rows(event: Event, *, instructions: bool = False) -> list[tuple[str, str, str]]:
    """JSON round trip of seed 000 (one source, five related events) against peers: a
    pydantic v2 model making the same checks as ours, one checking types only, and
    msgspec (see _peers.py)."""
    fields = peer_fields(event)
    checked = CheckedEvent.model_validate_json(fields)
    plain = PlainEvent.model_validate_json(fields)
    msgspec_event = msgspec.json.decode(fields, type=MsgspecEvent)
    runs: dict[str, Callable[[], object]] = {
        "ours": lambda: from_json(to_json(event)),
        "checked": lambda: CheckedEvent.model_validate_json(checked.model_dump_json()),
        "plain": lambda: PlainEvent.model_validate_json(plain.model_dump_json()),
        "msgspec": lambda: msgspec.json.decode(
            msgspec.json.encode(msgspec_event), type=MsgspecEvent
        ),
    }
    times = interleaved(runs, 1000)
    counts = (
        {name: instruction_count(_JSON_SETUP, line) for name, line in _JSON_STATEMENTS.items()}
        if instructions
        else {}
    )
    peers = [
        ("checked", "pydantic v2 with the same checks (patterns, Python validators)", "≤ 1×"),
        ("plain", "plain pydantic v2 (types only)", "≤ 2×"),
        ("msgspec", "msgspec (`encode` + `decode` into a Struct)", None),
    ]
    rows = []
    for name, label, goal in peers:
        measured = f"{times['ours'] * 1e6:.1f} µs vs {times[name] * 1e6:.1f} µs"
        ratio = f"{times['ours'] / times[name]:.2f}× the time"
        if counts:
            measured += f"; {counts['ours'] / 1e3:.0f} k vs {counts[name] / 1e3:.0f} k instructions"
            ratio += f", {counts['ours'] / counts[name]:.2f}× the instructions"
        rows.append(
            (f"JSON round trip vs {label}", measured, ratio + (f" (goal {goal})" if goal else ""))
        )
    return rows


def interleaved(runs: dict[str, Callable[[], object]], number: int) -> dict[str, float]:
    """Seconds per call of each run: the best of several rounds, the runs taking turns
    within each round so that all meet the same load."""
    times = dict.fromkeys(runs, float("inf"))
    for _ in range(5):
        for name, run in runs.items():
            times[name] = min(times[name], best(run, number, repeat=3))
    return times


def _xml_round_trip(document: Event | Article | Day) -> object:
    return from_xml(to_xml(document))


def _bare_xmltodict(xml: str) -> object:
    return xmltodict.unparse(xmltodict.parse(xml))


def xml_rows(*, instructions: bool = False) -> list[tuple[str, str, str]]:
    """XML round trip (from_xml + to_xml) against bare xmltodict on the same document:
    an event (seed 000) and an article with its comment thread (seed 004)."""
    rows = []
    for label, path in [("event, seed 000", PAGES[0]), ("article, seed 004", ARTICLE)]:
        document = parse(path.read_text(encoding="utf-8"))
        xml = to_xml(document)
        runs: dict[str, Callable[[], object]] = {
            "ours": partial(_xml_round_trip, document),
            "bare": partial(_bare_xmltodict, xml),
        }
        times = interleaved(runs, 200)
        measured = f"{times['ours'] * 1e6:.0f} µs vs {times['bare'] * 1e6:.0f} µs"
        ratio = f"{times['ours'] / times['bare']:.2f}× the time"
        if instructions:
            setup = (
                "from pathlib import Path\n"
                "import xmltodict\n"
                "from syriaevents import parse, to_xml, from_xml\n"
                f"document = parse(Path({str(path)!r}).read_text(encoding='utf-8'))\n"
                "xml = to_xml(document)\n"
                "from_xml(to_xml(document)), xmltodict.unparse(xmltodict.parse(xml))"
            )
            measured, ratio = with_counts(
                measured,
                ratio,
                setup,
                "from_xml(to_xml(document))",
                "xmltodict.unparse(xmltodict.parse(xml))",
            )
        rows.append(
            (
                f"XML round trip vs bare `xmltodict.unparse(xmltodict.parse(s))`, {label}",
                measured,
                f"{ratio} (goal ≤ 1.0×)",
            )
        )
    return rows


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
            measured, ratio = with_counts(
                measured, ratio, setup, "from_html(page)", "from_xml(xml)"
            )
        rows.append((f"`from_html` vs `from_xml`, {label}", measured, f"{ratio} (goal ≤ 1.5×)"))
    return rows


def with_counts(measured: str, ratio: str, setup: str, ours: str, peer: str) -> tuple[str, str]:
    """A row's figures with the instruction counts of ``ours`` and ``peer`` added."""
    mine, theirs = instruction_count(setup, ours), instruction_count(setup, peer)
    return (
        f"{measured}; {mine / 1e6:.2f} M vs {theirs / 1e6:.2f} M instructions",
        f"{ratio}, {mine / theirs:.2f}× the instructions",
    )


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
        "--instructions",
        action="store_true",
        help="count the JSON, XML and HTML rows' instructions too",
    )
    arguments = parser.parse_args()
    event = parse_event(PAGES[0].read_text(encoding="utf-8"))
    counted = arguments.instructions
    rows = parse_rows() + json_rows(event, instructions=counted) + xml_rows(instructions=counted)
    result = table(rows + html_rows(instructions=arguments.instructions))
    print(result)
    if arguments.write:
        write_section("results", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
