"""The command line: ``syriaevents build``, ``convert``, ``validate``, ``related`` and
``tables``.

Problems with documents are reported on stderr as ``file:line:col: message`` (or
``file: at field: message`` for JSON and XML). Exit status: 0 when everything was read
(and written); 1 when any document had a problem (the rest is still done); 2 when the
command cannot run (a usage error, a missing input, an output that cannot be written),
reported as ``syriaevents: error: …`` with nothing written.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TextIO

from . import __version__
from ._build import BuildError, build_site
from ._documents import KINDS, Problem, files_in, load, load_bytes, read_bytes
from ._errors import ParseError, SerializationError, SyriaEventsError, UnreadableFileError
from ._formats import Form, form_named, forms
from ._models import Article, Day, Document, RelatedEvent
from ._progress import Progress
from ._related import Archive, Tagger

__all__ = ["main"]

_EXIT_STATUS = """\
exit status:
  0  every document was read (and written)
  1  some document had a problem, reported as file:line:col: message
  2  the command could not run: a usage error, a missing input, an output that
     cannot be written (reported as "syriaevents: error: ...", nothing written)"""
# What `validate`, `related` and `tables` read from a folder: pages, articles, data forms.
_READABLE_SUFFIXES = tuple(
    suffix for form in forms() if form.read for suffix in form.suffixes if suffix != ".htm"
)
_STDIN = "-"


class _Refused(Exception):
    """The command cannot run: reported as ``syriaevents: error: …``, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syriaevents",
        description="Read, convert and publish the archive of news events about the Syrian"
        " civil war and the press coverage around them.",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
        " A bad file is reported and skipped. The site is written beside the output folder"
        " and swapped in when complete; a folder holding anything but a site built here"
        " is never replaced.",
    )
    build.add_argument("sources", nargs="*", type=Path, metavar="SRC", help="files or folders")
    build.add_argument(
        "-o", "--output", type=Path, default=Path("archive"), help="output folder (./archive)"
    )
    build.add_argument(
        "-j", "--jobs", type=_count, default=1, help="processes to use (0: one per core; 1)"
    )
    _reading_options(build, kind=False)

    convert = _command(
        commands,
        "convert",
        "convert a document between forms",
        "Read a document (an event or day page, an article, or any JSON, XML or HTML form)"
        " and write it in another form. The input form comes from the file's suffix, or"
        " from the text itself (standard input, or a suffix that names no data form),"
        " unless --from names it.",
    )
    convert.add_argument("file", metavar="FILE", help="the document, or - for standard input")
    convert.add_argument(
        "--to", required=True, choices=[f.name for f in forms() if f.write], help="the form"
    )
    convert.add_argument(
        "--from",
        dest="source_form",
        choices=[f.name for f in forms() if f.read],
        help="the form to read",
    )
    convert.add_argument(
        "-o", "--output", type=Path, help="the file to write (default: standard output)"
    )
    convert.add_argument(
        "--parents", action="store_true", help="create the output's missing folders"
    )
    convert.add_argument(
        "--kind", choices=KINDS, help="what the document holds (default: recognised)"
    )

    validate = _command(
        commands,
        "validate",
        "check documents and report every problem",
        "Read each document (files, - for standard input, or folders recursively: .md,"
        " .txt, .json, .xml and .html files) and report each problem as file:line:col:"
        " message.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="files, folders or -")
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print problems only, not the valid files"
    )
    _reading_options(validate)

    related = _command(
        commands,
        "related",
        "rank the events most related to an event or an article",
        "Rank the events of an archive (--in, as often as needed) by the canonical tags they"
        " share with FILE (an event, or an article, tagged with the archive's vocabulary):"
        " more shared tags first, then the newer event.",
    )
    related.add_argument("file", type=Path, metavar="FILE", help="the event or article")
    related.add_argument(
        "--in",
        dest="pool",
        action="append",
        type=Path,
        required=True,
        metavar="SRC",
        help="the archive: a file or folder (.md, .txt, .json, .xml, .html); repeat for more",
    )
    related.add_argument("--limit", type=_positive, default=5, help="how many to show (5)")
    related.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="leave out events dated after this day"
    )
    _reading_options(related, kind=False)

    tables = _command(
        commands,
        "tables",
        "write the documents as Parquet tables (needs syriaevents[arrow])",
        "Read documents (files or folders, recursively: .md, .txt, .json, .xml and .html"
        " files) and write the tables of syriaevents.tables as Parquet files, one per"
        " table, into FOLDER (created; an existing one must be empty or hold such tables).",
    )
    tables.add_argument("sources", nargs="+", type=Path, metavar="INPUT", help="files or folders")
    tables.add_argument("-o", "--output", type=Path, required=True, help="the folder to write")
    _reading_options(tables)
    return parser


def _reading_options(command: argparse.ArgumentParser, *, kind: bool = True) -> None:
    if kind:
        command.add_argument(
            "--kind", choices=KINDS, help="what every document holds (default: recognised)"
        )
    command.add_argument(
        "--follow-links",
        action="store_true",
        help="read symbolic links inside the folders read (never those leading out)",
    )


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
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of 1 or more, found {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of 0 or more, found {text}")
    return value


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, found {text!r}") from None


def _bundled_seeds() -> Path:
    """The seeds shipped in the wheel, or those of the source checkout (editable installs)."""
    installed = Path(str(resources.files("syriaevents") / "seeds"))
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "seeds"


def _report(problem: Problem | SyriaEventsError) -> None:
    print(problem, file=sys.stderr)


def _require(sources: Sequence[str | Path]) -> None:
    for source in sources:
        if str(source) != _STDIN and not Path(source).exists():
            raise _Refused(f"{source}: no such file or folder")


def _documents(
    sources: Sequence[str | Path], *, kind: str | None, follow_links: bool, label: str
) -> Iterator[tuple[str, Document | Problem]]:
    """Each input's name and its document or problem, with a progress display."""
    listed = list(
        files_in(
            [s for s in sources if str(s) != _STDIN], _READABLE_SUFFIXES, follow_links=follow_links
        )
    )
    with Progress(label, len(listed) + (_STDIN in map(str, sources))) as progress:
        for source in sources:
            if str(source) == _STDIN:
                yield "<stdin>", _read_one(_STDIN, kind=kind)
                progress.advance()
        for item in listed:
            if isinstance(item, Problem):
                yield item.file, item
            else:
                try:
                    yield str(item), load(item, kind=kind)
                except (ParseError, UnreadableFileError) as exc:
                    yield str(item), Problem.of(item, exc)
            progress.advance()


def _write_file(path: Path, text: str, *, parents: bool) -> None:
    """Write a whole file or nothing (a temporary file beside it, renamed), with the
    permissions a new file gets (0644 under umask 022)."""
    if path.is_dir():
        raise _Refused(f"{path} is a folder: name the file to write")
    if not path.absolute().parent.is_dir():
        if not parents or path.absolute().parent.exists():
            raise _Refused(f"{path.parent} is not a folder (--parents creates missing folders)")
        path.absolute().parent.mkdir(parents=True)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.absolute().parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise _Refused(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


# --- the commands -----------------------------------------------------------------------


def _build(arguments: argparse.Namespace) -> int:
    sources = arguments.sources or [_bundled_seeds()]
    _require(sources)
    try:
        report = build_site(
            sources, arguments.output, jobs=arguments.jobs, follow_links=arguments.follow_links
        )
    except BuildError as exc:
        raise _Refused(str(exc)) from exc
    for problem in report.problems:
        _report(problem)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"Read {report.documents} documents: wrote {report.events} events, {report.days} days,"
        f" {report.articles} articles and {report.tags} tags ({report.files} files)"
        f" to {arguments.output}/"
    )
    if report.problems:
        print(f"Skipped {len(report.problems)} with problems (listed above).", file=sys.stderr)
    index = (arguments.output / "index.html").resolve()
    print(f"Open {index} in a browser ({index.as_uri()}).")
    return 1 if report.problems else 0


def _convert(arguments: argparse.Namespace) -> int:
    _require([arguments.file])
    form = form_named(arguments.source_form) if arguments.source_form else None
    document = _read_one(arguments.file, kind=arguments.kind, form=form)
    if isinstance(document, Problem):
        _report(document)
        return 1
    try:
        result = form_named(arguments.to).dump(document)
    except SerializationError as exc:
        _report(Problem(file=str(arguments.file), kind="document", message=str(exc)))
        return 1
    if arguments.output is None:
        sys.stdout.write(result)
    else:
        _write_file(arguments.output, result, parents=arguments.parents)
    return 0


def _read_one(file: str, *, kind: str | None, form: Form | None = None) -> Document | Problem:
    """One document, named on the command line (``-``: standard input), or its problem."""
    name = "<stdin>" if file == _STDIN else file
    try:
        data = sys.stdin.buffer.read() if file == _STDIN else read_bytes(file)
        return load_bytes(data, name, kind=kind, form=form)
    except (ParseError, UnreadableFileError) as exc:
        return Problem.of(name, exc)


def _validate(arguments: argparse.Namespace) -> int:
    _require(arguments.files)
    problems = 0
    documents = _documents(
        arguments.files, kind=arguments.kind, follow_links=arguments.follow_links, label="Reading"
    )
    for name, document in documents:
        if isinstance(document, Problem):
            _report(document)
            problems += 1
        elif not arguments.quiet:
            print(f"{name}: ok ({type(document).__name__.lower()})")
    return 1 if problems else 0


def _related(arguments: argparse.Namespace) -> int:
    _require([arguments.file, *arguments.pool])
    item = _read_one(str(arguments.file), kind=None)
    if isinstance(item, Problem):
        _report(item)
        return 1
    if isinstance(item, Day):
        print(f"{arguments.file}: expected an event or an article, found a day", file=sys.stderr)
        return 1
    pool: list[Document] = []
    problems = 0
    for _, document in _documents(
        arguments.pool, kind=None, follow_links=arguments.follow_links, label="Reading"
    ):
        if isinstance(document, Problem):
            _report(document)
            problems += 1
        else:
            pool.append(document)
    archive = Archive(pool)
    if isinstance(item, Article) and not item.tags:
        item = Tagger(archive.vocabulary()).tag(item)
    _print_ranking(archive.related(item, arguments.limit, arguments.as_of), sys.stdout)
    return 1 if problems else 0


def _print_ranking(ranked: Sequence[RelatedEvent], out: TextIO) -> None:
    if not ranked:
        print("No related events: no event shares a tag with it.", file=out)
    for position, event in enumerate(ranked, 1):
        print(f"{position}. {event.date.isoformat()}  {event.title}", file=out)
        print(f"   {event.path}", file=out)
        print(f"   shares {len(event.tags)}: {', '.join(event.tags)}", file=out)


def _tables(arguments: argparse.Namespace) -> int:
    _require(arguments.sources)
    try:
        from . import tables
    except ImportError as exc:
        raise _Refused(f"the tables command needs pyarrow: {exc}") from exc
    output: Path = arguments.output
    if output.exists() and (
        not output.is_dir() or any(not name.endswith(".parquet") for name in os.listdir(output))
    ):
        raise _Refused(f"{output} holds other files than Parquet tables: choose a new folder")
    documents: list[Document] = []
    problems = 0
    for _, document in _documents(
        arguments.sources,
        kind=arguments.kind,
        follow_links=arguments.follow_links,
        label="Reading",
    ):
        if isinstance(document, Problem):
            _report(document)
            problems += 1
        else:
            documents.append(document)
    try:
        tables.write_parquet(documents, output)
    except OSError as exc:
        raise _Refused(f"cannot write {output}: {exc.strerror or exc}") from exc
    print(f"Wrote the tables of {len(documents)} documents to {output}/")
    return 1 if problems else 0


_COMMANDS = {
    "build": _build,
    "convert": _convert,
    "validate": _validate,
    "related": _related,
    "tables": _tables,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    arguments = _parser().parse_args(argv)
    try:
        return _COMMANDS[arguments.command](arguments)
    except _Refused as exc:
        print(f"syriaevents: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("syriaevents: interrupted; nothing more was written", file=sys.stderr)
        return 130
