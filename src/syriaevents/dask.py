"""Scale-out with Dask: read, tabulate and relate many documents in parallel.

:func:`read` parses files in parallel partitions into a bag of models, and puts the
files it cannot read in a bag of :class:`~syriaevents.Problem` records, never failing
the job;
:func:`to_dataframes` and :func:`write_parquet` give the tables of
:mod:`syriaevents.tables` from the workers; :func:`related_all` ranks the related
events of every event against one shared :class:`~syriaevents.Archive`.

Everything runs on whatever Dask scheduler is active: a ``distributed.Client`` (a
``LocalCluster`` or a scheduler address), else Dask's local scheduler. Needs
``pip install syriaevents[dask]``. See ``docs/scale.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

try:
    import dask
    import dask.bag
    import dask.dataframe
    import fsspec
    import pandas as pd
    import pyarrow.parquet as pq
except ImportError as exc:  # the core library works without it
    raise ImportError(
        "syriaevents.dask needs dask[distributed], pyarrow and pandas:"
        " install syriaevents[dask] (pip install 'syriaevents[dask]')"
    ) from exc

from ._documents import DOCUMENT_SUFFIXES, Problem, files_in, load_bytes, try_load
from ._errors import ParseError
from ._models import Document, Event, RelatedEvent
from ._related import Archive
from .tables import SCHEMAS, _tables

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.dataframe import DataFrame

__all__ = [
    "Loaded",
    "Related",
    "read",
    "related_all",
    "to_dataframes",
    "write_parquet",
]

# A partition's documents take ids from partition * _SPAN up: unique across the bag and
# increasing in its order, without counting the partitions before.
_SPAN = 2**32
_GLOB = frozenset("*?[")


@attrs.frozen(kw_only=True)
class Loaded:
    """What :func:`read` gives: the documents and the files that failed, as two bags.

    Both come from the same parsing tasks: compute them together
    (``dask.compute(loaded.documents, loaded.errors)``) or ``persist`` them to parse
    each file once.
    """

    documents: Bag
    errors: Bag


@attrs.frozen(kw_only=True)
class Related:
    """The Related list of one event: its path and the events ranked for it."""

    path: str
    related: tuple[RelatedEvent, ...]


def read(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    files_per_partition: int = 1000,
) -> Loaded:
    """The documents of many files, parsed in parallel partitions.

    ``paths_or_glob`` is a glob (``"archive/**/*.md"``), a folder (its documents as
    :func:`~syriaevents.load` reads them: ``.md`` and ``.txt`` files, recursively, in
    name order), a file, or a list of these; each may be an fsspec URL
    (``s3://bucket/archive/*.md``) that the workers can reach. Each file is read as
    :func:`~syriaevents.load` reads it, one document per file, in the order given;
    ``files_per_partition`` files make one task.
    """
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be at least 1, not {files_per_partition}")
    paths, problems = _expand(paths_or_glob)
    chunks = [
        paths[start : start + files_per_partition]
        for start in range(0, len(paths), files_per_partition)
    ]
    outcomes = dask.bag.from_sequence(chunks or [[]], partition_size=1).map_partitions(
        _load_partition
    )
    errors = outcomes.filter(_is_error)
    if problems:  # files the walk of a folder would not read (links, devices)
        errors = dask.bag.concat([dask.bag.from_sequence(problems, npartitions=1), errors])
    return Loaded(documents=outcomes.filter(_is_document), errors=errors)


def _expand(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> tuple[list[str], list[Problem]]:
    """The files named by globs, folders and files, in order, each once, and the files
    a folder holds that are not read (see :func:`~syriaevents.iter_load`)."""
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    paths: list[str] = []
    problems: list[Problem] = []
    for given in sources:
        source = os.fspath(given)
        if "://" not in source and not _GLOB & set(source):
            # Local files and folders as load and iter_load find them.
            for item in files_in([source]):
                if isinstance(item, Problem):
                    problems.append(item)
                else:
                    paths.append(os.fspath(item))
            continue
        filesystem, root = fsspec.core.url_to_fs(source)
        if _GLOB & set(root):
            found = sorted(filesystem.glob(root))
        elif filesystem.isdir(root):
            found = [
                path
                for path in sorted(filesystem.find(root))
                if os.path.splitext(path)[1] in DOCUMENT_SUFFIXES
            ]
        else:
            found = [root]
        remote = "://" in source
        paths += [filesystem.unstrip_protocol(path) if remote else path for path in found]
    return list(dict.fromkeys(paths)), problems


def _is_document(outcome: object) -> bool:
    return not isinstance(outcome, Problem)


def _is_error(outcome: object) -> bool:
    return isinstance(outcome, Problem)


def _load_partition(chunks: list[list[str]]) -> list[Document | Problem]:
    """Read each file of a partition: a document, or the reason it is none."""
    return [_load_one(path) for chunk in chunks for path in chunk]


def _load_one(path: str) -> Document | Problem:
    """One file as :func:`~syriaevents.load` reads it, its failure as a record."""
    if "://" not in path:
        return try_load(path)
    try:
        with fsspec.open(path, "rb") as file:
            data: bytes = file.read()
    except OSError as exc:
        return Problem(file=path, kind="file", message=exc.strerror or str(exc))
    try:
        return load_bytes(data, path)
    except ParseError as exc:
        return Problem.of(path, exc)


def to_dataframes(documents: Bag) -> dict[str, DataFrame]:
    """The tables of :mod:`syriaevents.tables` as Dask DataFrames, by table name.

    Each partition of the bag becomes one partition of every table; columns have the
    Arrow types of :data:`~syriaevents.tables.SCHEMAS` (``pd.ArrowDtype``). Ids are
    unique across the bag and increase in its order: partition ``p``'s ``k``-th
    document has id ``p * 2**32 + k``. Compute the frames together
    (``dask.compute(*frames.values())``) to read each partition once.
    """
    tables = [dask.delayed(_partition_tables)(part, number) for number, part in _parts(documents)]
    frames = {}
    for name, schema in SCHEMAS.items():
        meta = schema.empty_table().to_pandas(types_mapper=pd.ArrowDtype)
        pieces = [dask.delayed(_frame)(partition, name) for partition in tables]
        frames[name] = dask.dataframe.from_delayed(pieces, meta=meta, verify_meta=False)
    return frames


def _parts(documents: Bag) -> Iterator[tuple[int, Any]]:
    """The bag's partitions as delayed objects, with their numbers."""
    return enumerate(documents.to_delayed(optimize_graph=True))


def _partition_tables(documents: list[Document], number: int) -> dict[str, Any]:
    return _tables(documents, first_id=number * _SPAN)


def _frame(tables: dict[str, Any], name: str) -> pd.DataFrame:
    frame: pd.DataFrame = tables[name].to_pandas(types_mapper=pd.ArrowDtype)
    return frame


def write_parquet(documents: Bag, folder: str | os.PathLike[str]) -> None:
    """Write the tables of a bag of documents from the workers, a folder per table.

    Partition ``p`` writes ``<folder>/<table>/part.<p>.parquet`` (zero-padded ``p``,
    zstd-compressed) with exactly the schema of :data:`~syriaevents.tables.SCHEMAS`,
    so :func:`syriaevents.tables.read_parquet` reads the set back. ``folder`` may be an
    fsspec URL that the workers can write to.
    """
    root = os.fspath(folder)
    filesystem, base = fsspec.core.url_to_fs(root)
    for name in SCHEMAS:
        filesystem.makedirs(f"{base}/{name}", exist_ok=True)
    writes = [
        dask.delayed(_write_partition)(part, number, root) for number, part in _parts(documents)
    ]
    dask.compute(*writes)


def _write_partition(documents: list[Document], number: int, root: str) -> None:
    filesystem, base = fsspec.core.url_to_fs(root)
    for name, table in _partition_tables(documents, number).items():
        with filesystem.open(f"{base}/{name}/part.{number:06d}.parquet", "wb") as file:
            pq.write_table(table, file, compression="zstd")


def related_all(documents: Bag, limit: int = 5) -> Bag:
    """The Related list of every event of the bag, ranked on the workers.

    One :class:`~syriaevents.Archive` of all the bag's documents is built once, here,
    and shared: broadcast to every worker (``client.scatter``) when a distributed
    client is active, else passed as one delayed object. Each event gets
    ``archive.related(event, limit)``, as a :class:`Related` record, in the bag's
    order (an event read twice is ranked twice).
    """
    archive = Archive(documents.compute())
    shared: Any = dask.delayed(archive, traverse=False)
    client = _client()
    if client is not None:
        shared = client.scatter(archive, broadcast=True, hash=False)
    return documents.map_partitions(_related_partition, shared, limit)


def _client() -> Any:
    """The active distributed client, or None (Dask's local scheduler)."""
    try:
        from distributed import get_client
    except ImportError:
        return None
    try:
        return get_client()
    except ValueError:
        return None


def _related_partition(documents: list[Document], archive: Archive, limit: int) -> list[Related]:
    return [
        Related(path=item.path, related=archive.related(item, limit))
        for item in documents
        if type(item) is Event
    ]
