"""The command line: ``syriaevents build`` writes every event page in every form.

Exit status: 0 when every event page was read and written, 1 when any file had an
error (each reported as ``path:line:col: message``), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from ._documents import is_event_page
from ._errors import ParseError
from ._formats.event_page import parse_event, to_markdown
from ._formats.html import to_html
from ._formats.json import to_json
from ._formats.xml import to_xml
from ._models import Event

__all__ = ["main"]

_WRITERS = {".md": to_markdown, ".html": to_html, ".json": to_json, ".xml": to_xml}
_READABLE = {".md", ".txt"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syriaevents",
        description="Read the archive's event pages and write them in every form.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="write each event page as Markdown, HTML, JSON and XML",
        description="Read event pages (files or folders, recursively; default: the bundled"
        " seeds) and write each event at its archive path under the output folder as"
        " .md, .html, .json and .xml.",
    )
    build.add_argument("sources", nargs="*", type=Path, metavar="SRC", help="files or folders")
    build.add_argument(
        "-o", "--output", type=Path, default=Path("archive"), help="output folder (./archive)"
    )
    return parser


def _bundled_seeds() -> Path:
    """The seeds shipped in the wheel, or those of the source checkout (editable installs)."""
    installed = Path(str(resources.files("syriaevents") / "seeds"))
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "seeds"


def _files(sources: Sequence[Path]) -> Iterator[Path]:
    for source in sources:
        if source.is_dir():
            yield from sorted(p for p in source.rglob("*") if p.suffix in _READABLE)
        else:
            yield source


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename it: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _build(sources: Sequence[Path], output: Path) -> int:
    events: list[Event] = []
    skipped: list[Path] = []
    failures = 0
    files = list(_files(sources or [_bundled_seeds()]))
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}:1:1: cannot read: {exc}", file=sys.stderr)
            failures += 1
            continue
        if not is_event_page(text):
            skipped.append(path)
            continue
        try:
            events.append(parse_event(text))
        except ParseError as exc:
            print(f"{path}:{exc.line or 1}:{exc.column or 1}: {exc.message}", file=sys.stderr)
            failures += 1
    for event in events:
        for extension, write in _WRITERS.items():
            _write_atomically(output / f"{event.path.lstrip('/')}{extension}", write(event))
    print(
        f"Read {len(files)} files: wrote {len(events)} events in {len(_WRITERS)} forms"
        f" ({len(events) * len(_WRITERS)} files) under {output}/"
    )
    for event in events:
        print(f"  {output}/{event.path.lstrip('/')}.html")
    if skipped:
        print(f"Skipped {len(skipped)} files that are not event pages:")
        for path in skipped:
            print(f"  {path}")
    if failures:
        print(f"{failures} files had errors (see above).", file=sys.stderr)
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    return _build(arguments.sources, arguments.output)
