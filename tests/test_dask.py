"""Scale-out: a generated corpus read, tabulated and related on a two-process cluster
gives what one process gives, bad files included."""

from __future__ import annotations

import datetime
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pyarrow as pa
import pytest
from distributed import Client, LocalCluster

import syriaevents.dask as sd
from syriaevents import (
    Archive,
    Article,
    Day,
    Event,
    ListedEvent,
    ParseError,
    Problem,
    RelatedEvent,
    Source,
    UnreadableFileError,
    load,
    to_json,
    to_markdown,
)
from syriaevents.dask import read, related_all, to_dataframes, write_parquet
from syriaevents.tables import SCHEMAS, from_arrow, read_parquet

FILES = 2400
TAGS = ["Syria", "Russia", "Turkey", "Iran", "Idlib", "Aleppo", "Kurds", "Daraa", "ISIS", "US"]


def _event(index: int, rng: random.Random) -> Event:
    day = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
    other = day - datetime.timedelta(days=rng.randrange(1, 400))
    tags = tuple(rng.sample(TAGS, rng.randint(1, 4)))
    return Event(
        date=day,
        title=f"Event {index}: forces advance near the city as talks continue",
        category=rng.choice([None, "Armed Conflict", "Diplomacy"]),
        summary=rng.choice([None, "A summary.\n\nIn two paragraphs."]),
        sources=[Source(name=rng.choice(["Reuters", "AP", "SANA"]), url=f"https://e.org/{index}")],
        related=[
            RelatedEvent(
                title=f"Earlier event {index}",
                path=f"/news/{other.year}/{other.month:02d}/{other.day}/earlier-{index}",
                date=other,
                tags=tags[:1],
            )
        ],
        tags=tags,
    )


def _write_corpus(root: Path) -> list[tuple[Path, str]]:
    """FILES files: event and day pages, JSON forms, and broken ones, with what each is."""
    rng = random.Random(2011)
    written: list[tuple[Path, str]] = []
    listed: list[Event] = []
    for index in range(FILES):
        path = root / f"{index // 500:02d}" / f"{index:05d}"
        path.parent.mkdir(exist_ok=True)
        choice = index % 40
        if choice == 7:  # a byte that is not UTF-8
            path = path.with_suffix(".md")
            path.write_bytes(b"### [2017-05-4](/news/2017/05/4/index.md)\n\xff\n")
            written.append((path, "encoding"))
        elif choice == 8:  # empty
            path = path.with_suffix(".md")
            path.write_bytes(b"")
            written.append((path, "parse"))
        elif choice == 9:  # JSON cut short
            path = path.with_suffix(".json")
            path.write_text(to_json(_event(index, rng))[:50], encoding="utf-8")
            written.append((path, "parse"))
        elif choice == 10 and listed:  # a day page listing recent events with their tags
            day = Day(
                date=listed[-1].date,
                events=[
                    ListedEvent(title=e.title, path=e.path, tags=(*e.tags, "Hama"))
                    for e in listed[-3:]
                    if e.date == listed[-1].date
                ],
            )
            path = path.with_suffix(".md")
            path.write_text(to_markdown(day), encoding="utf-8")
            written.append((path, "document"))
        elif choice in (11, 12):
            article = Article(
                title=f"Article {index}",
                publisher="The Moscow Times",
                published=datetime.date(2018, 1, 1 + index % 28),
                body=("A paragraph.", "Another one."),
                tags=tuple(rng.sample(TAGS, 2)),
            )
            path = path.with_suffix(".json")
            path.write_text(to_json(article), encoding="utf-8")
            written.append((path, "document"))
        else:
            event = _event(index, rng)
            listed.append(event)
            json = choice % 5 == 0
            path = path.with_suffix(".json" if json else ".md")
            path.write_text(to_json(event) if json else to_markdown(event), encoding="utf-8")
            written.append((path, "document"))
    return written


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes of one thread each, for the whole module."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, str]]:
    """The generated files, in the order read() gives them, and a missing one."""
    root = tmp_path_factory.mktemp("corpus")
    written = _write_corpus(root)
    return [*written, (root / "missing.md", "unreadable")]


_PROBLEM_KIND = {"unreadable": "file", "encoding": "document", "parse": "document"}


@pytest.fixture(scope="module")
def expected(
    corpus: list[tuple[Path, str]],
) -> tuple[list[Event | Day | Article], list[Problem]]:
    """What one process makes of the corpus with load(), file by file."""
    documents: list[Event | Day | Article] = []
    errors = []
    for path, what in corpus:
        try:
            documents.append(load(path))
            assert what == "document", path
        except (ParseError, UnreadableFileError) as exc:
            problem = Problem.of(path, exc)
            assert problem.kind == _PROBLEM_KIND[what], path
            errors.append(problem)
    return documents, errors


@pytest.fixture(scope="module")
def loaded(client: Client, corpus: list[tuple[Path, str]]) -> sd.Loaded:
    """The corpus read on the cluster, 100 files per partition, kept on the workers."""
    loaded = read([path for path, _ in corpus], files_per_partition=100)
    documents, errors = dask.persist(loaded.documents, loaded.errors)
    return sd.Loaded(documents=documents, errors=errors)


def test_read_equals_load_file_by_file(
    loaded: sd.Loaded, expected: tuple[list[Event | Day | Article], list[Problem]]
) -> None:
    """The same documents in the same order; each bad file one error record, none lost."""
    documents, errors = dask.compute(loaded.documents, loaded.errors)
    assert documents == expected[0]
    assert errors == expected[1]
    assert {error.kind for error in errors} == {"document", "file"}
    assert loaded.documents.npartitions == -(-(FILES + 1) // 100)


def test_read_takes_folders_and_globs(
    client: Client, corpus: list[tuple[Path, str]], expected: tuple[list[object], object]
) -> None:
    """A folder is read as load() reads folders; a glob and a file:// URL find the same."""
    root = corpus[0][0].parent.parent
    pages = [path for path, what in corpus if path.suffix == ".md" and what == "document"]
    from_folder = read(root, files_per_partition=500).documents.compute()
    assert len(from_folder) == len(pages)
    from_glob = read(f"{root}/*/*.md", files_per_partition=500).documents.compute()
    from_url = read(f"file://{root}/*/*.md", files_per_partition=500).documents.compute()
    assert from_folder == from_glob == from_url == [load(path) for path in pages]


def test_dataframes_have_the_table_schema(
    loaded: sd.Loaded, expected: tuple[list[Event | Day | Article], list[Problem]]
) -> None:
    """Every table as a Dask DataFrame of Arrow types; together they rebuild the models."""
    frames = to_dataframes(loaded.documents)
    assert list(frames) == list(SCHEMAS)
    computed = dask.compute(*frames.values())
    tables = {}
    for (name, schema), frame in zip(SCHEMAS.items(), computed, strict=True):
        assert [str(dtype.pyarrow_dtype) for dtype in frame.dtypes] == [
            str(field.type) for field in schema
        ]
        tables[name] = pa.Table.from_pandas(frame, preserve_index=False)
    assert from_arrow(tables) == expected[0]


def test_parquet_from_the_cluster(
    loaded: sd.Loaded,
    expected: tuple[list[Event | Day | Article], list[Problem]],
    tmp_path: Path,
) -> None:
    """A folder of part files per table, read back by syriaevents.tables.read_parquet."""
    write_parquet(loaded.documents, tmp_path)
    parts = sorted(path.name for path in (tmp_path / "events").iterdir())
    assert parts[:2] == ["part.000000.parquet", "part.000001.parquet"]
    assert len(parts) == loaded.documents.npartitions
    tables = read_parquet(tmp_path)
    assert [tables[name].schema for name in SCHEMAS] == list(SCHEMAS.values())
    assert from_arrow(tables) == expected[0]


def test_related_all_equals_the_archive(
    loaded: sd.Loaded, expected: tuple[list[Event | Day | Article], list[Problem]]
) -> None:
    """Ranked on the workers against the broadcast index, as Archive.related ranks."""
    archive = Archive(expected[0])
    events = [item for item in expected[0] if isinstance(item, Event)]
    ranked = related_all(loaded.documents, limit=3).compute()
    assert [record.path for record in ranked] == [event.path for event in events]
    assert [record.related for record in ranked] == [archive.related(e, 3) for e in events]
    assert any(record.related for record in ranked)


def test_related_all_without_a_cluster(
    monkeypatch: pytest.MonkeyPatch,
    expected: tuple[list[Event | Day | Article], list[Problem]],
) -> None:
    """Without a distributed client the index travels as one delayed object."""
    monkeypatch.setattr(sd, "_client", lambda: None)
    items = expected[0][:300]
    bag = dask.bag.from_sequence(items, npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        ranked = related_all(bag).compute()
    archive = Archive(items)
    events = [item for item in items if isinstance(item, Event)]
    assert [record.related for record in ranked] == [archive.related(e) for e in events]


def test_files_per_partition_must_be_positive() -> None:
    """Zero files per task is a mistake, said at once."""
    with pytest.raises(ValueError, match="files_per_partition"):
        read([], files_per_partition=0)


def test_no_files_gives_empty_bags() -> None:
    """Nothing to read: empty bags, and empty tables with the full schema."""
    loaded = read([])
    with dask.config.set(scheduler="synchronous"):
        assert loaded.documents.compute() == []
        frames = to_dataframes(loaded.documents)
        assert [len(frame.compute()) for frame in frames.values()] == [0] * len(SCHEMAS)


def test_the_core_works_without_dask() -> None:
    """Without dask the library loads documents; syriaevents.dask says what to install."""
    script = """
import sys
sys.modules["dask"] = None
import syriaevents, syriaevents.tables
try:
    import syriaevents.dask
except ImportError as error:
    assert "syriaevents[dask]" in str(error), error
    print("refused")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "refused"
