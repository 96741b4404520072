"""The command line: ``syriaevents build``, ``convert``, ``validate`` and ``related``.

Problems with documents are reported on stderr as ``path:line:col: message``. Exit
status: 0 when everything was read (and written); 1 when any document had a problem
(the rest is still done); 2 for a usage error (an unknown option, a bad value).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO

from ._documents import DOCUMENT_SUFFIXES, Problem, files_in, load, read_document
from ._errors import ParseError, SerializationError
from ._formats import form_for_file, form_named, forms, sniff
from ._models import Article, Day, Event, RelatedEvent
from ._progress import Progress
from ._related import Archive, tag_article
from ._site import Site
from ._text import decode_utf8

__all__ = ["main"]

_EXIT_STATUS = """\
exit status:
  0  every document was read (and written)
  1  some document had a problem, reported as path:line:col: message
  2  the command line itself was wrong"""
# What `validate` and `related` read from a folder: pages, articles and the data forms.
_READABLE_SUFFIXES = (*DOCUMENT_SUFFIXES, ".json", ".xml")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syriaevents",
        description="Read, convert and publish the archive of news events about the Syrian"
        " civil war and the press coverage around them.",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = _command(
        commands,
        "build",
        "write the browsable archive: every document in every form, linked together",
        "Read event pages, day pages and scraped articles (files or folders, recursively:"
        " .md and .txt files; default: the bundled seeds) and write the archive: each"
        " event at news/YYYY/MM/D/<slug>.{md,html,json,xml}, each day at"
        " news/YYYY/MM/D/index.{md,html,json,xml}, each article at"
        " articles/<slug>.{html,json,xml}, a page per tag under tags/, and index.html."
        " A bad file is reported and skipped; files are written whole or not at all.",
    )
    build.add_argument("sources", nargs="*", type=Path, metavar="SRC", help="files or folders")
    build.add_argument(
        "-o", "--output", type=Path, default=Path("archive"), help="output folder (./archive)"
    )

    convert = _command(
        commands,
        "convert",
        "convert a document between forms",
        "Read a document (an event or day page, an article, or any JSON, XML or HTML form)"
        " and write it in another form. The input form comes from the file extension, or"
        " from the text itself for standard input, unless --from names it.",
    )
    convert.add_argument("file", metavar="FILE", help="the document, or - for standard input")
    writable = [form.name for form in forms() if form.write]
    readable = [form.name for form in forms() if form.read]
    convert.add_argument("--to", required=True, choices=writable, help="the form to write")
    convert.add_argument("--from", dest="source_form", choices=readable, help="the form to read")
    convert.add_argument(
        "-o", "--output", type=Path, help="the file to write (default: standard output)"
    )

    validate = _command(
        commands,
        "validate",
        "check documents and report every problem",
        "Read each document (files, or folders recursively: .md, .txt, .json and .xml"
        " files) and report each problem as path:line:col: message.",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files or folders")
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print problems only, not the valid files"
    )

    related = _command(
        commands,
        "related",
        "rank the events most related to an event or an article",
        "Rank the events of an archive by the canonical tags they share with FILE (an event,"
        " or an article, tagged with the archive's vocabulary): more shared tags first, then"
        " the newer event.",
    )
    related.add_argument("file", type=Path, metavar="FILE", help="the event or article")
    related.add_argument(
        "--in",
        dest="pool",
        nargs="+",
        type=Path,
        required=True,
        metavar="SRC",
        help="the archive: files or folders (.md, .txt, .json, .xml)",
    )
    related.add_argument("--limit", type=_positive, default=5, help="how many to show (5)")
    related.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="leave out events dated after this day",
    )
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of 1 or more, found {text}")
    return value


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, found {text!r}") from None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("syriaevents")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _bundled_seeds() -> Path:
    """The seeds shipped in the wheel, or those of the source checkout (editable installs)."""
    installed = Path(str(resources.files("syriaevents") / "seeds"))
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "seeds"


def _problem(where: object, exc: Exception) -> str:
    """``path:line:col: message`` for a problem with a document."""
    if isinstance(exc, ParseError):
        return f"{where}:{exc.line or 1}:{exc.column or 1}: {exc.message}"
    if isinstance(exc, OSError):
        return f"{where}:1:1: cannot read: {exc.strerror or exc}"
    return f"{where}:1:1: {exc}"


def _load_all(
    sources: Sequence[Path], suffixes: Iterable[str]
) -> tuple[list[Event | Day | Article], list[str]]:
    """Every document of the sources, and the problems of those that could not be read."""
    found = list(files_in(sources, suffixes))
    problems = [str(item) for item in found if isinstance(item, Problem)]
    files = [item for item in found if not isinstance(item, Problem)]
    documents: list[Event | Day | Article] = []
    with Progress("Reading", len(files)) as progress:
        for path in files:
            try:
                documents.append(load(path))
            except (OSError, ParseError) as exc:
                problems.append(_problem(path, exc))
            progress.advance()
    return documents, problems


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


def _build(arguments: argparse.Namespace) -> int:
    sources = arguments.sources or [_bundled_seeds()]
    output: Path = arguments.output
    documents, problems = _load_all(sources, DOCUMENT_SUFFIXES)
    for problem in problems:
        print(problem, file=sys.stderr)
    site = Site(documents)
    files = site.files()
    written = 0
    with Progress("Writing", len(files)) as progress:
        for relative, render in files:
            try:
                _write_atomically(output / relative, render())
                written += 1
            except SerializationError as exc:
                problems.append(_problem(output / relative, exc))
                print(problems[-1], file=sys.stderr)
            progress.advance()
    events, days = len(site.archive.events), len(site.days)
    print(
        f"Read {len(documents)} documents: wrote {events} events, {days} days,"
        f" {len(site.articles)} articles and {len(site.tags)} tags ({written} files) to {output}/"
    )
    if problems:
        print(f"Skipped {len(problems)} with problems (listed above).", file=sys.stderr)
    index = (output / "index.html").resolve()
    print(f"Open {index} in a browser ({index.as_uri()}).")
    return 1 if problems else 0


def _convert(arguments: argparse.Namespace) -> int:
    name = "<stdin>" if arguments.file == "-" else arguments.file
    try:
        if arguments.file == "-":
            text = decode_utf8(sys.stdin.buffer.read(), bom=True)
            form = form_named(arguments.source_form) if arguments.source_form else sniff(text)
        else:
            text = decode_utf8(Path(arguments.file).read_bytes(), bom=True)
            form = (
                form_named(arguments.source_form)
                if arguments.source_form
                else form_for_file(arguments.file)
            )
        document = read_document(text, form)
        result = form_named(arguments.to).dump(document)
    except (OSError, ParseError, SerializationError) as exc:
        print(_problem(name, exc), file=sys.stderr)
        return 1
    if arguments.output is None:
        sys.stdout.write(result)
    else:
        _write_atomically(arguments.output, result)
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    problems = 0
    for path in files_in(arguments.files, _READABLE_SUFFIXES):
        if isinstance(path, Problem):
            print(path, file=sys.stderr)
            problems += 1
            continue
        try:
            document = load(path)
        except (OSError, ParseError) as exc:
            print(_problem(path, exc), file=sys.stderr)
            problems += 1
            continue
        if not arguments.quiet:
            print(f"{path}: ok ({type(document).__name__.lower()})")
    return 1 if problems else 0


def _related(arguments: argparse.Namespace) -> int:
    try:
        item = load(arguments.file)
    except (OSError, ParseError) as exc:
        print(_problem(arguments.file, exc), file=sys.stderr)
        return 1
    if isinstance(item, Day):
        print(
            f"{arguments.file}:1:1: expected an event or an article, found a day", file=sys.stderr
        )
        return 1
    pool, problems = _load_all(arguments.pool, _READABLE_SUFFIXES)
    for problem in problems:
        print(problem, file=sys.stderr)
    archive = Archive(pool)
    if isinstance(item, Article) and not item.tags:
        item = tag_article(item, archive.vocabulary())
    ranked = archive.related(item, arguments.limit, arguments.as_of)
    _print_ranking(ranked, sys.stdout)
    return 1 if problems else 0


def _print_ranking(ranked: Sequence[RelatedEvent], out: TextIO) -> None:
    if not ranked:
        print("No related events: no event shares a tag with it.", file=out)
    for position, event in enumerate(ranked, 1):
        print(f"{position}. {event.date.isoformat()}  {event.title}", file=out)
        print(f"   {event.path}", file=out)
        print(f"   shares {len(event.tags)}: {', '.join(event.tags)}", file=out)


_COMMANDS = {"build": _build, "convert": _convert, "validate": _validate, "related": _related}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    return _COMMANDS[arguments.command](arguments)
