"""The command line: ``syriaevents build`` writes every document in every form.

Exit status: 0 when every event page was read and written, 1 when any file had an
error (each reported as ``path:line:col: message``), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ._documents import files_in, load
from ._errors import ParseError
from ._formats.event_page import to_markdown
from ._formats.html import to_html
from ._formats.json import to_json
from ._formats.xml import to_xml
from ._models import Article, Event
from ._paths import slugify

__all__ = ["main"]

# The forms each kind is written in, by file extension (articles have no page form).
_ARTICLE_WRITERS: dict[str, Callable[[Any], str]] = {
    ".html": to_html,
    ".json": to_json,
    ".xml": to_xml,
}
_EVENT_WRITERS: dict[str, Callable[[Any], str]] = {".md": to_markdown, **_ARTICLE_WRITERS}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syriaevents",
        description="Read the archive's event pages and scraped articles and write them in"
        " every form.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="write each event and article in every form",
        description="Read event pages and articles (files or folders, recursively;"
        " default: the bundled seeds). Each event is written at its archive path"
        " (news/YYYY/MM/D/<slug>) as .md, .html, .json and .xml; each article at"
        " articles/<slug> as .html, .json and .xml.",
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


def _output_path(document: Event | Article) -> str:
    if isinstance(document, Event):
        return document.path.lstrip("/")
    return f"articles/{slugify(document.title) or 'article'}"


def _build(sources: Sequence[Path], output: Path) -> int:
    documents: list[Event | Article] = []
    failures = 0
    files = list(files_in(sources or [_bundled_seeds()]))
    for path in files:
        try:
            documents.append(load(path))
        except OSError as exc:
            print(f"{path}:1:1: cannot read: {exc.strerror}", file=sys.stderr)
            failures += 1
        except ParseError as exc:
            print(f"{path}:{exc.line or 1}:{exc.column or 1}: {exc.message}", file=sys.stderr)
            failures += 1
    written = 0
    for document in documents:
        writers = _EVENT_WRITERS if isinstance(document, Event) else _ARTICLE_WRITERS
        for extension, write in writers.items():
            _write_atomically(output / f"{_output_path(document)}{extension}", write(document))
            written += 1
    events = sum(isinstance(document, Event) for document in documents)
    print(
        f"Read {len(files)} files: wrote {events} events and {len(documents) - events} articles"
        f" ({written} files) under {output}/"
    )
    for document in documents:
        print(f"  {output}/{_output_path(document)}.html")
    if failures:
        print(f"{failures} files had errors (see above).", file=sys.stderr)
    return 1 if failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    return _build(arguments.sources, arguments.output)
