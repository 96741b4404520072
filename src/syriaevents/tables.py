"""Tables: any mix of events, days and articles as ten normalized Apache Arrow tables.

:func:`to_arrow` flattens the models into the tables of :data:`SCHEMAS` (one row per
document, source, related link, change, listed event, image, link and comment) and
:func:`from_arrow` builds equal models back, in the input order. :func:`write_parquet`
and :func:`read_parquet` keep the set as one Parquet file per table; :func:`to_pandas`
gives it as pandas DataFrames. The schema is described column by column in
``docs/formats.md`` ("Tables").

Keys: every document gets an id, its position in the input (``event_id``,
``day_id``, ``article_id``, unique across the three tables); the rows that belong to a
document carry its id and their ``position`` within it. Comments are keyed by
``(article_id, comment_id)``, ``comment_id`` being the comment's place in the
thread's reading order.

Needs pyarrow (``pip install syriaevents[arrow]``); pandas too for :func:`to_pandas`.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from itertools import groupby, pairwise
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

try:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.fs
    import pyarrow.parquet as pq
except ImportError as exc:  # the core library works without it
    raise ImportError(
        "syriaevents.tables needs pyarrow: install syriaevents[arrow]"
        " (pip install 'syriaevents[arrow]')"
    ) from exc

from ._errors import ParseError
from ._models import (
    Article,
    Change,
    Comment,
    Day,
    Event,
    Image,
    Link,
    ListedEvent,
    RelatedEvent,
    Source,
    thread_from_outline,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ARTICLES",
    "CHANGES",
    "COMMENTS",
    "DAYS",
    "EVENTS",
    "IMAGES",
    "LINKS",
    "LISTED",
    "RELATED",
    "SCHEMAS",
    "SOURCES",
    "from_arrow",
    "read_parquet",
    "to_arrow",
    "to_pandas",
    "write_parquet",
]

Document = Event | Day | Article

_ID = pa.int64()
_SMALL = pa.int32()  # positions, comment ids and depths
_TEXT = pa.string()
_DATE = pa.date32()
_TEXTS = pa.list_(pa.field("item", _TEXT, nullable=False))


def _required(name: str, type_: pa.DataType) -> pa.Field:
    return pa.field(name, type_, nullable=False)


def _optional(name: str, type_: pa.DataType) -> pa.Field:
    return pa.field(name, type_, nullable=True)


#: One row per event: its id, then its fields but the lists that have their own table.
EVENTS = pa.schema(
    [
        _required("event_id", _ID),
        _required("date", _DATE),
        _required("title", _TEXT),
        _optional("category", _TEXT),
        _optional("summary", _TEXT),
        _required("tags", _TEXTS),
        _required("path", _TEXT),
        _optional("image", _TEXT),
    ]
)
#: One row per source an event cites.
SOURCES = pa.schema(
    [
        _required("event_id", _ID),
        _required("position", _SMALL),
        _required("name", _TEXT),
        _required("url", _TEXT),
    ]
)
#: One row per related link an event shows, with the tags the two events share.
RELATED = pa.schema(
    [
        _required("event_id", _ID),
        _required("position", _SMALL),
        _required("title", _TEXT),
        _required("path", _TEXT),
        _required("date", _DATE),
        _required("tags", _TEXTS),
    ]
)
#: One row per version in an event page's history.
CHANGES = pa.schema(
    [
        _required("event_id", _ID),
        _required("position", _SMALL),
        _required("title", _TEXT),
        _required("path", _TEXT),
        _required("kind", _TEXT),
        _optional("timestamp", pa.timestamp("s")),
    ]
)
#: One row per day page.
DAYS = pa.schema(
    [
        _required("day_id", _ID),
        _required("date", _DATE),
        _optional("previous", _DATE),
    ]
)
#: One row per event a day page lists.
LISTED = pa.schema(
    [
        _required("day_id", _ID),
        _required("position", _SMALL),
        _required("title", _TEXT),
        _required("path", _TEXT),
        _optional("category", _TEXT),
        _optional("summary", _TEXT),
        _required("tags", _TEXTS),
    ]
)
#: One row per article; its paragraphs are a list column.
ARTICLES = pa.schema(
    [
        _required("article_id", _ID),
        _optional("title", _TEXT),
        _optional("url", _TEXT),
        _optional("publisher", _TEXT),
        _required("authors", _TEXTS),
        _optional("published", _DATE),
        _required("body", _TEXTS),
        _required("tags", _TEXTS),
    ]
)
#: One row per photo an article shows.
IMAGES = pa.schema(
    [
        _required("article_id", _ID),
        _required("position", _SMALL),
        _optional("caption", _TEXT),
        _optional("credit", _TEXT),
    ]
)
#: One row per link to another story an article shows.
LINKS = pa.schema(
    [
        _required("article_id", _ID),
        _required("position", _SMALL),
        _required("title", _TEXT),
        _required("url", _TEXT),
    ]
)
#: One row per comment or reply, in reading order: the thread as one flat table.
COMMENTS = pa.schema(
    [
        _required("article_id", _ID),
        _required("comment_id", _SMALL),
        _optional("parent_id", _SMALL),
        _required("depth", _SMALL),
        _required("position", _SMALL),
        _optional("author", _TEXT),
        _required("body", _TEXTS),
    ]
)
#: Every table of the set by name, in a fixed order.
SCHEMAS: dict[str, pa.Schema] = {
    "events": EVENTS,
    "sources": SOURCES,
    "related": RELATED,
    "changes": CHANGES,
    "days": DAYS,
    "listed": LISTED,
    "articles": ARTICLES,
    "images": IMAGES,
    "links": LINKS,
    "comments": COMMENTS,
}
# The document tables, each keyed by its first column, and the model of their rows.
_DOCUMENTS: dict[str, type[Document]] = {"events": Event, "days": Day, "articles": Article}


class _Part(NamedTuple):
    """A table of the rows that belong to documents: whose, and which model they are."""

    document: str  # the document table whose ids the rows carry
    field: str  # the documents' field that holds the rows
    model: type


# The tables of members (after the document's id and the row's position, each column is
# the model's field of the same name); comments are read as threads.
_PARTS = {
    "sources": _Part("events", "sources", Source),
    "related": _Part("events", "related", RelatedEvent),
    "changes": _Part("events", "changes", Change),
    "listed": _Part("days", "events", ListedEvent),
    "images": _Part("articles", "images", Image),
    "links": _Part("articles", "related", Link),
}
_TABLE_OF = {model: name for name, model in _DOCUMENTS.items()}


def to_arrow(items: Iterable[Document]) -> dict[str, pa.Table]:
    """Any mix of events, days and articles as the tables of :data:`SCHEMAS`.

    Each document's id is its position in ``items`` (0 for the first, whatever its
    kind). Every table is present, empty when no item has rows for it.
    """
    return _tables(items)


def _tables(items: Iterable[Document], first_id: int = 0) -> dict[str, pa.Table]:
    """:func:`to_arrow` with ids counted from ``first_id`` (a partition's own range)."""
    ids: dict[str, list[int]] = {name: [] for name in _DOCUMENTS}
    held: dict[str, list[Any]] = {name: [] for name in _DOCUMENTS}
    for ident, item in enumerate(items, first_id):
        name = _TABLE_OF.get(type(item))
        if name is None:
            raise TypeError(f"expected Event, Day or Article items, not {type(item).__name__}")
        ids[name].append(ident)
        held[name].append(item)
    # Columns are built one at a time from the models' attributes, then converted by
    # pyarrow in one call each: several times faster than row by row.
    columns = {
        name: [ids[name], *_attributes(held[name], SCHEMAS[name].names[1:])] for name in _DOCUMENTS
    }
    for name, part in _PARTS.items():
        keys, positions, members = _members(ids[part.document], held[part.document], part.field)
        columns[name] = [keys, positions, *_attributes(members, SCHEMAS[name].names[2:])]
    columns["comments"] = _thread_columns(ids["articles"], held["articles"])
    return {
        name: pa.Table.from_arrays(
            [
                pa.array(values, type=field.type)
                for values, field in zip(columns[name], schema, strict=True)
            ],
            schema=schema,
        )
        for name, schema in SCHEMAS.items()
    }


def _attributes(objects: list[Any], names: Iterable[str]) -> list[list[Any]]:
    """One list per attribute name: its value on each object."""
    return [list(map(attrgetter(name), objects)) for name in names]


def _members(
    ids: list[int], documents: list[Any], field: str
) -> tuple[list[int], list[int], list[Any]]:
    """The members the documents hold in ``field``, each with its document's id and
    its position there."""
    keys: list[int] = []
    positions: list[int] = []
    members: list[Any] = []
    for ident, document in zip(ids, documents, strict=True):
        held = getattr(document, field)
        if held:
            keys.extend([ident] * len(held))
            positions.extend(range(len(held)))
            members.extend(held)
    return keys, positions, members


def _thread_columns(ids: list[int], articles: list[Article]) -> list[list[Any]]:
    """The columns of :data:`COMMENTS`: each thread in reading order, each comment with
    its parent and its place among its siblings; without recursion, whatever the depth."""
    columns: list[list[Any]] = [[] for _ in COMMENTS.names]
    keys, comment_ids, parents, depths, positions, authors, bodies = columns
    for ident, article in zip(ids, articles, strict=True):
        # (comment, depth, parent id, position among siblings), the next to read on top.
        stack: list[tuple[Comment, int, int | None, int]] = [
            (comment, 0, None, position) for position, comment in enumerate(article.comments)
        ]
        stack.reverse()
        comment_id = 0
        while stack:
            comment, depth, parent, position = stack.pop()
            keys.append(ident)
            comment_ids.append(comment_id)
            parents.append(parent)
            depths.append(depth)
            positions.append(position)
            authors.append(comment.author)
            bodies.append(comment.body)
            replies = comment.replies
            stack.extend(
                (replies[index], depth + 1, comment_id, index)
                for index in range(len(replies) - 1, -1, -1)
            )
            comment_id += 1
    return columns


def from_arrow(tables: Mapping[str, pa.Table]) -> list[Document]:
    """The models that :func:`to_arrow` made the tables of, in their input order.

    ``tables`` must hold every table of :data:`SCHEMAS` (extra columns are ignored,
    compatible types such as ``large_string`` are cast); rows may come in any order.
    Every model is validated as it is built: a value a model refuses, a missing
    column, a null where none is allowed or a row whose document is missing raises
    :class:`~syriaevents.ParseError` naming the table (and the row's key).
    """
    checked = {name: _sorted(name, _conform(name, tables.get(name))) for name in SCHEMAS}
    _check_keys(checked)
    members = {
        name: _grouped(checked[name], _models(name, checked[name], part.model))
        for name, part in _PARTS.items()
    }
    threads = _threads(checked["comments"])
    documents: list[tuple[int, Document]] = []
    for name, model in _DOCUMENTS.items():
        table = checked[name]
        ids = table.column(0).to_pylist()
        fields = {column: _values(table, column) for column in table.column_names[1:]}
        for part_name, part in _PARTS.items():
            if part.document == name:
                held = members[part_name]
                fields[part.field] = [held.get(ident, ()) for ident in ids]
        if model is Article:
            fields["comments"] = [threads.get(ident, ()) for ident in ids]
        documents += zip(ids, _models(name, table, model, fields), strict=True)
    documents.sort(key=itemgetter(0))
    return [document for _, document in documents]


def _conform(name: str, table: pa.Table | None) -> pa.Table:
    """A table as :data:`SCHEMAS` has it: its columns in order, cast to their types."""
    schema = SCHEMAS[name]
    if table is None:
        raise ParseError(f"expected a table named {name!r}", path=name)
    missing = [column for column in schema.names if column not in table.column_names]
    if missing:
        raise ParseError(f"expected the column(s) {', '.join(missing)}", path=name)
    try:
        return table.select(schema.names).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError) as exc:
        raise ParseError(f"expected the schema of {name}: {exc}", path=name) from exc


def _sorted(name: str, table: pa.Table) -> pa.Table:
    """Rows in key order: documents by id, their rows by position (comments by id).

    Tables as :func:`to_arrow` makes them are in order already, which is cheaper to
    check than to sort again.
    """
    columns = table.column_names[:1] if name in _DOCUMENTS else table.column_names[:2]
    if table.num_rows < 2 or _ascending(*(table.column(column) for column in columns)):
        return table
    return table.sort_by([(column, "ascending") for column in columns])


def _ascending(key: pa.ChunkedArray, second: pa.ChunkedArray | None = None) -> bool:
    """Whether the rows are in strictly ascending (key, second) order."""
    end = len(key) - 1
    before, after = key.slice(0, end), key.slice(1)
    order = pc.less(before, after)
    if second is not None:
        tied = pc.and_(pc.equal(before, after), pc.less(second.slice(0, end), second.slice(1)))
        order = pc.or_(order, tied)
    return bool(pc.all(order).as_py())


def _check_keys(tables: dict[str, pa.Table]) -> None:
    """Ids unique across the document tables; every other row's document present."""
    ids = pa.chunked_array(
        [chunk for name in _DOCUMENTS for chunk in tables[name].column(0).chunks], type=_ID
    )
    if len(ids) != pc.count_distinct(ids).as_py():
        raise ParseError("expected ids unique across events, days and articles")
    owners = {name: part.document for name, part in _PARTS.items()} | {"comments": "articles"}
    for name, owner in owners.items():
        keys = tables[name].column(0)
        found = pc.is_in(keys, value_set=tables[owner].column(0).combine_chunks())
        if len(keys) and not pc.all(found).as_py():
            row = pc.index(found, False).as_py()
            key = tables[name].column_names[0]
            raise ParseError(
                f"row {row}: expected {key} {keys[row].as_py()} to be in {owner}", path=name
            )


def _values(table: pa.Table, column: str) -> list[Any]:
    """A column as Python values, lists as tuples (as the models hold them)."""
    values = table.column(column)
    if pa.types.is_date32(values.type):
        return _dates(values)
    if pa.types.is_list(values.type):
        return _tuples(values)
    python: list[Any] = values.to_pylist()
    return python


_EPOCH = datetime.date(1970, 1, 1).toordinal()


def _dates(column: pa.ChunkedArray) -> list[datetime.date | None]:
    """A date32 column as dates; a few thousand days repeat, each made once."""
    made: dict[int | None, datetime.date | None] = {None: None}
    dates = []
    for days in column.cast(pa.int32()).to_pylist():
        date = made.get(days)
        if date is None and days is not None:
            date = made[days] = datetime.date.fromordinal(days + _EPOCH)
        dates.append(date)
    return dates


def _tuples(column: pa.ChunkedArray) -> list[tuple[Any, ...]]:
    """A list column (no nulls) as tuples, from its flat values and offsets."""
    tuples: list[tuple[Any, ...]] = []
    for chunk in column.chunks:
        values = chunk.values.to_pylist()  # offsets index the unsliced values
        offsets = chunk.offsets.to_pylist()
        tuples += [tuple(values[start:end]) for start, end in pairwise(offsets)]
    return tuples


def _models(
    name: str, table: pa.Table, model: type, fields: dict[str, list[Any]] | None = None
) -> list[Any]:
    """One model per row, built (and validated) from ``fields``, by default the
    table's columns after its key and position."""
    if fields is None:
        fields = {column: _values(table, column) for column in table.column_names[2:]}
    build = _builder(model, tuple(fields))
    try:
        return list(map(build, *fields.values()))
    except (TypeError, ValueError):
        pass
    # Slowly again, to say which row the model refused, by its key.
    key = table.column_names[0]
    ids = table.column(0).to_pylist()
    for row, values in enumerate(zip(*fields.values(), strict=True)):
        try:
            build(*values)
        except (TypeError, ValueError) as exc:
            where = f"{key} {ids[row]}"
            if name not in _DOCUMENTS:
                where += f", {table.column_names[1]} {table.column(1)[row].as_py()}"
            raise ParseError(f"{where}: {exc}", path=name) from exc
    raise AssertionError("a row was refused once and accepted again")


@functools.cache
def _builder(model: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """``model(a=a, b=b, ...)`` as a function of positional values.

    Generated, as cattrs generates its structuring functions: a sixth faster than
    building a keyword dict per row. ``names`` are the schema's column names.
    """
    assert all(name.isidentifier() for name in names)
    source = f"lambda {', '.join(names)}: model({', '.join(f'{n}={n}' for n in names)})"
    build: Callable[..., Any] = eval(source, {"model": model})  # noqa: S307  (our own names)
    return build


def _grouped(table: pa.Table, models: list[Any]) -> dict[int, tuple[Any, ...]]:
    """Models of a table's rows (sorted by document id) grouped by that id."""
    grouped: dict[int, tuple[Any, ...]] = {}
    start = 0
    for ident, run in groupby(table.column(0).to_pylist()):
        count = sum(1 for _ in run)
        grouped[ident] = tuple(models[start : start + count])
        start += count
    return grouped


def _threads(table: pa.Table) -> dict[int, tuple[Comment, ...]]:
    """Each article's comment trees, rebuilt from reading order and depth."""
    columns = ("article_id", "depth", "author", "body")
    rows = zip(*(table.column(name).to_pylist() for name in columns), strict=True)
    threads: dict[int, tuple[Comment, ...]] = {}
    for ident, entries in groupby(rows, key=itemgetter(0)):
        outline = [(depth, author, tuple(body)) for _, depth, author, body in entries]
        try:
            threads[ident] = thread_from_outline(outline)
        except (TypeError, ValueError) as exc:
            raise ParseError(f"article_id {ident}: {exc}", path="comments") from exc
    return threads


def _filesystem(folder: str | os.PathLike[str]) -> tuple[pyarrow.fs.FileSystem, str]:
    """The file system and path of a local folder or a URL (``s3://bucket/set``)."""
    text = os.fspath(folder)
    if "://" in text:
        return pyarrow.fs.FileSystem.from_uri(text)  # type: ignore[no-any-return]
    return pyarrow.fs.LocalFileSystem(), Path(text).resolve().as_posix()


def write_parquet(items: Iterable[Document], folder: str | os.PathLike[str]) -> None:
    """Write the tables of ``items`` to ``folder``, one zstd-compressed
    ``<table>.parquet`` file per table (the folder is created if needed)."""
    tables = to_arrow(items)
    filesystem, root = _filesystem(folder)
    filesystem.create_dir(root, recursive=True)
    for name, table in tables.items():
        pq.write_table(table, f"{root}/{name}.parquet", filesystem=filesystem, compression="zstd")


def read_parquet(folder: str | os.PathLike[str]) -> dict[str, pa.Table]:
    """The tables of a set written by :func:`write_parquet`, or by
    :func:`syriaevents.dask.write_parquet` (a folder of part files per table).

    Each table comes back with the schema of :data:`SCHEMAS`; give them to
    :func:`from_arrow` for the models. A table missing from the folder raises
    :class:`FileNotFoundError`.
    """
    filesystem, root = _filesystem(folder)
    tables = {}
    for name in SCHEMAS:
        single, parts = f"{root}/{name}.parquet", f"{root}/{name}"
        kind = filesystem.get_file_info(single).type
        if kind != pyarrow.fs.FileType.File:
            if filesystem.get_file_info(parts).type != pyarrow.fs.FileType.Directory:
                raise FileNotFoundError(f"{folder}: expected {name}.parquet or {name}/")
            single = parts
        tables[name] = _conform(name, pq.read_table(single, filesystem=filesystem))
    return tables


def to_pandas(
    items: Iterable[Document], *, dtype_backend: Literal["pyarrow", "numpy"] = "pyarrow"
) -> dict[str, pd.DataFrame]:
    """The tables of ``items`` as pandas DataFrames, by table name.

    With ``dtype_backend="pyarrow"`` (the default) every column keeps its Arrow type
    (``pd.ArrowDtype``: dates stay dates, lists stay lists, nulls stay nulls); with
    ``"numpy"`` pandas' own conversion applies (lists become object columns of arrays).
    Needs pandas (``pip install syriaevents[arrow]``).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_pandas needs pandas: install syriaevents[arrow]") from exc
    mapper = pd.ArrowDtype if dtype_backend == "pyarrow" else None
    return {name: table.to_pandas(types_mapper=mapper) for name, table in to_arrow(items).items()}
