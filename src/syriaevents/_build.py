"""``syriaevents build``: read documents, plan the site, write every page in every form.

The work runs in three passes over the documents, each split among workers that keep
the documents of their share of the files in memory (one worker in this process with
``jobs=1``; ``jobs`` processes otherwise), so that no document is shipped between
processes, only what other pages show of it:

1. **read**: each worker reads its files and returns the entries of its documents
   (``_site``) and the problems of the files it could not read;
2. **tag**: articles without tags of their own are tagged with the events' vocabulary;
3. **write**: with the plan made of all entries, each worker writes the pages of its
   documents (every form the registry writes, the HTML form as a site page), while
   this process writes the day pages, the tag pages and the index.

Two files holding one event (two stored versions of a page) give one page: the newer
by its Changes timestamps, else the later by file name; the other is reported.

The site is written into a fresh folder beside the output folder and swapped in when
complete, so an interrupted build leaves the previous site whole; a folder that holds
something other than a site this library built is never replaced.
"""

from __future__ import annotations

import contextlib
import datetime
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import attrs

from ._converter import kind_of
from ._documents import DOCUMENT_SUFFIXES, Problem, files_in, try_load
from ._errors import SerializationError, SyriaEventsError
from ._formats import forms
from ._models import Article, Day, Document, Event
from ._paths import day_path
from ._progress import Progress
from ._related import Tagger
from ._site import (
    INDEX,
    ArticleEntry,
    EventEntry,
    SitePlan,
    article_entry,
    article_slug,
    event_entry,
    unique_slugs,
)
from ._site_html import document_page, index_page, tag_page

__all__ = ["BuildError", "BuildReport", "build_site", "plan_of"]

_GENERATOR = '<meta name="generator" content="syriaevents">'
_TICK = 50  # documents a worker handles between two reports of its progress


class BuildError(SyriaEventsError):
    """The build cannot start or finish: where it reads or writes is not usable."""


@attrs.frozen(kw_only=True)
class BuildReport:
    """What a build read and wrote, and the problems it met (none stopped it)."""

    documents: int
    events: int
    days: int
    articles: int
    tags: int
    files: int
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]


@attrs.frozen(kw_only=True)
class _Read:
    """What a worker tells of one document it read."""

    number: int  # the file's position among all files read
    file: str
    kind: str
    event: EventEntry | None = None
    newest_change: datetime.datetime | None = None
    article: ArticleEntry | None = None  # its key is given later, in the plan
    untagged: bool = False
    day: Day | None = None


class _Worker:
    """The documents of a share of the files, and the passes over them."""

    def __init__(self, staging: Path, tick: Callable[[int], None]) -> None:
        self.staging = staging
        self.tick = tick
        self.documents: dict[int, Document] = {}
        self.folders: set[Path] = set()

    def read(self, files: Sequence[tuple[int, str]]) -> tuple[list[_Read], list[Problem]]:
        found, problems = [], []
        for count, (number, file) in enumerate(files, 1):
            document = try_load(file)
            if isinstance(document, Problem):
                problems.append(document)
            else:
                self.documents[number] = document
                found.append(_describe(number, file, document))
            if count % _TICK == 0:
                self.tick(_TICK)
        self.tick(len(files) % _TICK)
        return found, problems

    def tag(
        self, vocabulary: tuple[str, ...], numbers: Sequence[int]
    ) -> dict[int, tuple[str, ...]]:
        tagger = Tagger(vocabulary)
        tags = {}
        for number in numbers:
            article = self.documents.get(number)
            if isinstance(article, Article):
                tags[number] = tagger.tag(article).tags
        return tags

    def write(self, plan: SitePlan, pages: dict[int, tuple[str, str]]) -> tuple[int, list[Problem]]:
        """Write the pages of the documents numbered in ``pages`` (their keys and files)."""
        written, problems = 0, []
        for count, (number, (key, file)) in enumerate(pages.items(), 1):
            document = self.documents[number]
            if isinstance(document, Event) and plan.event_at[key].tags != document.tags:
                document = attrs.evolve(document, tags=plan.event_at[key].tags)  # a day's
            try:
                written += self.write_forms(plan, key, document)
            except (SerializationError, ValueError, OSError) as exc:
                problems.append(Problem(file=file, kind="document", message=str(exc)))
            if count % _TICK == 0:
                self.tick(_TICK)
        self.tick(len(pages) % _TICK)
        return written, problems

    def write_forms(self, plan: SitePlan, key: str, document: Document) -> int:
        """Every form of a document the registry writes; the HTML form as a site page."""
        kind = kind_of(document)
        base = self.staging / plan.files[key]
        if base.parent not in self.folders:
            base.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(base.parent)
        written = 0
        for form in forms():
            if not form.write or kind not in form.writes:
                continue
            text = (
                document_page(plan, key, document) if form.name == "html" else form.dump(document)
            )
            _write_file(base.with_name(base.name + form.suffixes[0]), text)
            written += 1
        return written


# A new file as open() makes one (mode 0666 less the umask), with none of the buffered
# file object's set-up: a build writes a few files per document, and at 50,000 events
# that set-up cost seconds.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def _write_file(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    descriptor = os.open(path, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than it is given
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _describe(number: int, file: str, document: Document) -> _Read:
    if isinstance(document, Event):
        stamps = [change.timestamp for change in document.changes if change.timestamp]
        return _Read(
            number=number,
            file=file,
            kind="event",
            event=event_entry(document),
            newest_change=max(stamps, default=None),
        )
    if isinstance(document, Article):
        return _Read(
            number=number,
            file=file,
            kind="article",
            article=article_entry(document, ""),
            untagged=not document.tags,
        )
    return _Read(number=number, file=file, kind="day", day=document)


# --- workers in other processes ---------------------------------------------------------


def _serve(connection: Connection, staging: Path) -> None:
    """A worker process: run the passes it is sent, report progress, return results."""
    worker = _Worker(staging, lambda count: connection.send(("tick", count)))
    while True:
        message = connection.recv()
        if message is None:
            return
        name, arguments = message
        try:
            connection.send(("done", getattr(worker, name)(*arguments)))
        except BaseException as exc:  # shown by the build, which stops
            connection.send(("failed", exc))
            return


class _Pool:
    """Workers that keep their documents between passes: this process alone, or
    ``jobs`` processes each with a pipe."""

    def __init__(
        self, jobs: int, staging: Path, progress: list[Progress], local: _Worker | None = None
    ) -> None:
        self._progress = progress
        self._local = local
        self._processes: list[tuple[Any, Connection]] = []
        if jobs <= 1:
            self._local = local or _Worker(staging, self._tick)
            return
        for _ in range(jobs):
            mine, theirs = multiprocessing.Pipe()
            process = multiprocessing.Process(target=_serve, args=(theirs, staging), daemon=True)
            process.start()
            theirs.close()
            self._processes.append((process, mine))

    @property
    def size(self) -> int:
        return 1 if self._local else len(self._processes)

    def _tick(self, count: int) -> None:
        if count:
            self._progress[-1].advance(count)

    def run(self, name: str, arguments: Sequence[tuple[Any, ...]]) -> list[Any]:
        """Run a pass in every worker, each with its arguments; their results in order."""
        if self._local is not None:
            return [getattr(self._local, name)(*arguments[0])]
        for (_, connection), given in zip(self._processes, arguments, strict=True):
            connection.send((name, given))
        results: dict[int, Any] = {}
        waiting = {connection: position for position, (_, connection) in enumerate(self._processes)}
        while waiting:
            for ready in wait(list(waiting)):
                assert isinstance(ready, Connection)
                try:
                    status, value = ready.recv()
                except EOFError:
                    raise BuildError("a worker process ended before its work was done") from None
                if status == "tick":
                    self._tick(value)
                elif status == "failed":
                    raise value
                else:
                    results[waiting.pop(ready)] = value
        return [results[position] for position in range(len(self._processes))]

    def close(self) -> None:
        for process, connection in self._processes:
            with contextlib.suppress(OSError):
                connection.send(None)
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


# --- the build --------------------------------------------------------------------------


def _check_output(output: Path) -> None:
    """Refuse an output that is a file, or a folder holding something else than a site
    this library built (which would be replaced)."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(f"{output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()):
        index = output / "index.html"
        ours = index.is_file() and _GENERATOR in index.read_text("utf-8", errors="replace")[:2000]
        if not ours:
            raise BuildError(
                f"{output} holds files that are not a site syriaevents built:"
                " choose a new or empty folder"
            )
    parent = output.absolute().parent
    if not parent.is_dir():
        raise BuildError(f"cannot write {output}: {parent} is not a folder")


def _staging_folder(output: Path) -> Path:
    try:
        staging = Path(
            tempfile.mkdtemp(dir=output.absolute().parent, prefix=f"{output.name}.building-")
        )
    except OSError as exc:
        raise BuildError(f"cannot write beside {output}: {exc.strerror or exc}") from exc
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # as a folder made by mkdir would be
    return staging


def _swap(staging: Path, output: Path) -> None:
    """Put the new site where the old one was, in two renames."""
    if not output.exists():
        staging.rename(output)
        return
    old = output.with_name(f"{output.name}.previous-{os.getpid()}")
    output.rename(old)
    staging.rename(output)
    shutil.rmtree(old)


def _versions(found: list[_Read]) -> tuple[list[_Read], list[str]]:
    """One record per event path (the newer version), and a warning per one left out."""
    best: dict[str, _Read] = {}
    warnings = []
    for record in found:
        if record.event is None:
            continue
        known = best.get(record.event.path)
        if known is None:
            best[record.event.path] = record
            continue
        newer, older = (record, known) if _order(record) > _order(known) else (known, record)
        best[record.event.path] = newer
        warnings.append(
            f"{older.file}: another version of {newer.event.path if newer.event else ''}"
            f" is newer ({newer.file}); this one is not published"
        )
    kept = {record.number for record in best.values()}
    return [r for r in found if r.event is None or r.number in kept], warnings


def _order(record: _Read) -> tuple[datetime.datetime, str]:
    return (record.newest_change or datetime.datetime.min, record.file)


def _shares(items: Sequence[Any], count: int) -> list[list[Any]]:
    """Items split into ``count`` contiguous shares of nearly equal size."""
    size, extra = divmod(len(items), count)
    shares, start = [], 0
    for position in range(count):
        end = start + size + (position < extra)
        shares.append(list(items[start:end]))
        start = end
    return shares


def build_site(
    sources: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    jobs: int = 1,
    follow_links: bool = False,
) -> BuildReport:
    """Build the site of some files and folders into ``output`` (see the module docstring).

    Raises :class:`BuildError` when a source is missing or the output cannot be
    written; problems with single documents are reported, never stop the build.
    """
    output = Path(output)
    for source in sources:
        if not Path(source).exists():
            raise BuildError(f"{source} does not exist")
    _check_output(output)
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    staging = _staging_folder(output)
    try:
        report = _build(sources, staging, jobs=jobs, follow_links=follow_links)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _build(
    sources: Sequence[str | os.PathLike[str]], staging: Path, *, jobs: int, follow_links: bool
) -> BuildReport:
    listed = list(files_in(sources, DOCUMENT_SUFFIXES, follow_links=follow_links))
    problems = [item for item in listed if isinstance(item, Problem)]
    files = [
        (n, os.fspath(item))
        for n, item in enumerate(i for i in listed if not isinstance(i, Problem))
    ]
    progress: list[Progress] = []
    pool = _Pool(min(jobs, max(len(files), 1)), staging, progress)
    try:
        with Progress("Reading", len(files)) as reading:
            progress.append(reading)
            results = pool.run("read", [(share,) for share in _shares(files, pool.size)])
        owner: dict[int, int] = {}
        found: list[_Read] = []
        for worker, (records, failed) in enumerate(results):
            problems += failed
            found += records
            owner.update((record.number, worker) for record in records)
        found.sort(key=lambda record: record.number)
        found, warnings = _versions(found)
        plan, article_keys = _plan(pool, found, owner)
        pages: list[dict[int, tuple[str, str]]] = [{} for _ in range(pool.size)]
        for record in found:
            key = record.event.path if record.event else article_keys.get(record.number)
            if key is not None:  # days are written here, completed by the plan
                pages[owner[record.number]][record.number] = (key, record.file)
        with Progress("Writing", len(found)) as writing:
            progress.append(writing)
            written = 0
            for count, failed in pool.run("write", [(plan, share) for share in pages]):
                written += count
                problems += failed
            written += _write_site_pages(plan, staging, problems)
    finally:
        pool.close()
    return BuildReport(
        documents=len(found),
        events=len(plan.events),
        days=len(plan.days),
        articles=len(plan.articles),
        tags=len(plan.tags),
        files=written,
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def _plan(
    pool: _Pool, found: list[_Read], owner: dict[int, int]
) -> tuple[SitePlan, dict[int, str]]:
    """The site's plan, and the key of each article's page by its file's number."""
    events = [record.event for record in found if record.event]
    vocabulary = tuple(dict.fromkeys(tag for event in events for tag in event.tags))
    articles = [record for record in found if record.article]
    untagged: list[list[int]] = [[] for _ in range(pool.size)]
    for record in articles:
        if record.untagged:
            untagged[owner[record.number]].append(record.number)
    tags: dict[int, tuple[str, ...]] = {}
    if vocabulary and any(untagged):
        for found_tags in pool.run("tag", [(vocabulary, share) for share in untagged]):
            tags.update(found_tags)
    entries, keys = [], {}
    slugs = unique_slugs(
        article_slug(record.article.label) for record in articles if record.article
    )
    for record, slug in zip(articles, slugs, strict=True):
        assert record.article is not None
        keys[record.number] = f"/articles/{slug}"
        tags_of = tags.get(record.number, record.article.tags)
        entries.append(attrs.evolve(record.article, path=keys[record.number], tags=tags_of))
    days = [record.day for record in found if record.day is not None]
    return SitePlan(events, entries, days), keys


def plan_of(documents: Iterable[Document]) -> tuple[SitePlan, list[str]]:
    """The plan of documents held in memory, as a build would make it, and the key of
    each document's page (a day's folder for a day)."""
    worker = _Worker(Path(), lambda _: None)
    worker.documents = dict(enumerate(documents))
    found = [_describe(number, f"<document {number}>", d) for number, d in worker.documents.items()]
    kept, _ = _versions(found)
    plan, article_keys = _plan(
        _Pool(1, Path(), [], worker), kept, dict.fromkeys(worker.documents, 0)
    )
    keys = []
    for record in found:
        if record.event:
            keys.append(record.event.path)
        elif record.day:
            keys.append(f"{day_path(record.day.date)}/")
        else:
            keys.append(article_keys[record.number])
    return plan, keys


def _write_site_pages(plan: SitePlan, staging: Path, problems: list[Problem]) -> int:
    """The day pages in every form, the tag pages and the index; the files written."""
    writer = _Worker(staging, lambda _: None)
    written = 0
    for day in plan.days:
        key = f"{day_path(day.date)}/"
        try:
            written += writer.write_forms(plan, key, day)
        except (SerializationError, ValueError, OSError) as exc:
            problems.append(Problem(file=key, kind="document", message=str(exc)))
    for tag in plan.tags.values():
        base = staging / plan.files[tag.path]
        base.parent.mkdir(parents=True, exist_ok=True)
        _write_file(base.with_name(base.name + ".html"), tag_page(plan, tag))
        written += 1
    _write_file(staging / f"{plan.files[INDEX]}.html", index_page(plan))
    return written + 1
