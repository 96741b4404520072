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

import os
from collections.abc import Callable, Iterable, Mapping
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

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
# The id column of each document table, and the document table each other table joins.
_KEY = {"events": "event_id", "days": "day_id", "articles": "article_id"}
_PARENT = {
    "sources": "events",
    "related": "events",
    "changes": "events",
    "listed": "days",
    "images": "articles",
    "links": "articles",
    "comments": "articles",
}


def to_arrow(items: Iterable[Document]) -> dict[str, pa.Table]:
    """Any mix of events, days and articles as the tables of :data:`SCHEMAS`.

    Each document's id is its position in ``items`` (0 for the first, whatever its
    kind). Every table is present, empty when no item has rows for it.
    """
    return _tables(items)


def _tables(items: Iterable[Document], first_id: int = 0) -> dict[str, pa.Table]:
    """:func:`to_arrow` with ids counted from ``first_id`` (a partition's own range)."""
    columns: dict[str, dict[str, list[Any]]] = {
        name: {field: [] for field in schema.names} for name, schema in SCHEMAS.items()
    }
    events, days, articles = columns["events"], columns["days"], columns["articles"]
    for ident, item in enumerate(items, first_id):
        kind = type(item)
        if kind is Event:
            _add_event(columns, events, ident, item)  # type: ignore[arg-type]
        elif kind is Article:
            _add_article(columns, articles, ident, item)  # type: ignore[arg-type]
        elif kind is Day:
            _add_day(columns, days, ident, item)  # type: ignore[arg-type]
        else:
            raise TypeError(f"expected Event, Day or Article items, not {kind.__name__}")
    return {
        name: pa.Table.from_arrays(
            [pa.array(columns[name][field.name], field.type) for field in schema],
            schema=schema,
        )
        for name, schema in SCHEMAS.items()
    }


def _add_children(table: dict[str, list[Any]], key: str, ident: int, count: int) -> None:
    """The key and position columns of ``count`` rows that belong to document ``ident``."""
    table[key].extend([ident] * count)
    table["position"].extend(range(count))


def _add_event(
    columns: dict[str, dict[str, list[Any]]], row: dict[str, list[Any]], ident: int, event: Event
) -> None:
    row["event_id"].append(ident)
    row["date"].append(event.date)
    row["title"].append(event.title)
    row["category"].append(event.category)
    row["summary"].append(event.summary)
    row["tags"].append(event.tags)
    row["path"].append(event.path)
    row["image"].append(event.image)
    if event.sources:
        sources = columns["sources"]
        _add_children(sources, "event_id", ident, len(event.sources))
        sources["name"].extend([source.name for source in event.sources])
        sources["url"].extend([source.url for source in event.sources])
    if event.related:
        related = columns["related"]
        _add_children(related, "event_id", ident, len(event.related))
        related["title"].extend([link.title for link in event.related])
        related["path"].extend([link.path for link in event.related])
        related["date"].extend([link.date for link in event.related])
        related["tags"].extend([link.tags for link in event.related])
    if event.changes:
        changes = columns["changes"]
        _add_children(changes, "event_id", ident, len(event.changes))
        changes["title"].extend([change.title for change in event.changes])
        changes["path"].extend([change.path for change in event.changes])
        changes["kind"].extend([change.kind for change in event.changes])
        changes["timestamp"].extend([change.timestamp for change in event.changes])


def _add_day(
    columns: dict[str, dict[str, list[Any]]], row: dict[str, list[Any]], ident: int, day: Day
) -> None:
    row["day_id"].append(ident)
    row["date"].append(day.date)
    row["previous"].append(day.previous)
    if day.events:
        listed = columns["listed"]
        _add_children(listed, "day_id", ident, len(day.events))
        for name in ("title", "path", "category", "summary", "tags"):
            listed[name].extend([getattr(entry, name) for entry in day.events])


def _add_article(
    columns: dict[str, dict[str, list[Any]]],
    row: dict[str, list[Any]],
    ident: int,
    article: Article,
) -> None:
    row["article_id"].append(ident)
    row["title"].append(article.title)
    row["url"].append(article.url)
    row["publisher"].append(article.publisher)
    row["authors"].append(article.authors)
    row["published"].append(article.published)
    row["body"].append(article.body)
    row["tags"].append(article.tags)
    if article.images:
        images = columns["images"]
        _add_children(images, "article_id", ident, len(article.images))
        images["caption"].extend([image.caption for image in article.images])
        images["credit"].extend([image.credit for image in article.images])
    if article.related:
        links = columns["links"]
        _add_children(links, "article_id", ident, len(article.related))
        links["title"].extend([link.title for link in article.related])
        links["url"].extend([link.url for link in article.related])
    if article.comments:
        _add_thread(columns["comments"], ident, article.comments)


def _add_thread(table: dict[str, list[Any]], ident: int, comments: tuple[Comment, ...]) -> None:
    """The thread in reading order, each comment with its parent and its place among
    its siblings; without recursion, whatever the depth."""
    # (comment, depth, parent id, position among siblings), the next to read on top.
    stack: list[tuple[Comment, int, int | None, int]] = [
        (comment, 0, None, position) for position, comment in enumerate(comments)
    ]
    stack.reverse()
    comment_id = 0
    while stack:
        comment, depth, parent, position = stack.pop()
        table["article_id"].append(ident)
        table["comment_id"].append(comment_id)
        table["parent_id"].append(parent)
        table["depth"].append(depth)
        table["position"].append(position)
        table["author"].append(comment.author)
        table["body"].append(comment.body)
        replies = comment.replies
        stack.extend(
            (replies[index], depth + 1, comment_id, index)
            for index in range(len(replies) - 1, -1, -1)
        )
        comment_id += 1


def from_arrow(tables: Mapping[str, pa.Table]) -> list[Document]:
    """The models that :func:`to_arrow` made the tables of, in their input order.

    ``tables`` must hold every table of :data:`SCHEMAS` (extra columns are ignored,
    compatible types such as ``large_string`` are cast); rows may come in any order.
    Every model is validated as it is built: a value a model refuses, a missing
    column, a null where none is allowed or a row whose document is missing raises
    :class:`~syriaevents.ParseError` naming the table (and the row).
    """
    checked = {name: _sorted(name, _conform(name, tables.get(name))) for name in SCHEMAS}
    _check_keys(checked)
    sources = _children(checked, "sources", Source)
    related = _children(checked, "related", RelatedEvent)
    changes = _children(checked, "changes", Change)
    listed = _children(checked, "listed", ListedEvent)
    images = _children(checked, "images", Image)
    links = _children(checked, "links", Link)
    threads = _threads(checked["comments"])

    documents: list[tuple[int, Document]] = []
    events = checked["events"]
    rows = _rows(events, "event_id", "date", "title", "category", "summary", "tags", "path")
    images_of = events.column("image").to_pylist()
    for row, (ident, date, title, category, summary, tags, path) in enumerate(rows):
        documents.append(
            (
                ident,
                _valid(
                    "events",
                    row,
                    Event,
                    date=date,
                    title=title,
                    category=category,
                    summary=summary,
                    sources=sources.get(ident, ()),
                    related=related.get(ident, ()),
                    tags=tuple(tags),
                    path=path,
                    image=images_of[row],
                    changes=changes.get(ident, ()),
                ),
            )
        )
    for row, (ident, date, previous) in enumerate(
        _rows(checked["days"], "day_id", "date", "previous")
    ):
        day = _valid("days", row, Day, date=date, events=listed.get(ident, ()), previous=previous)
        documents.append((ident, day))
    articles = checked["articles"]
    names = ("title", "url", "publisher", "authors", "published", "body", "tags")
    for row, (ident, *values) in enumerate(_rows(articles, "article_id", *names)):
        fields = dict(zip(names, values, strict=True))
        for name in ("authors", "body", "tags"):
            fields[name] = tuple(fields[name])
        article = _valid(
            "articles",
            row,
            Article,
            **fields,
            images=images.get(ident, ()),
            related=links.get(ident, ()),
            comments=threads.get(ident, ()),
        )
        documents.append((ident, article))
    documents.sort(key=lambda entry: entry[0])
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
    """Rows in key order: documents by id, their rows by position (or comment id)."""
    key = _KEY.get(name) or next(iter(table.column_names))
    if name in _KEY:
        return table.sort_by(key)
    second = "comment_id" if name == "comments" else "position"
    return table.sort_by([(key, "ascending"), (second, "ascending")])


def _check_keys(tables: dict[str, pa.Table]) -> None:
    """Ids unique across the document tables; every other row's document present."""
    ids = pa.chunked_array(
        [chunk for name, key in _KEY.items() for chunk in tables[name].column(key).chunks],
        type=_ID,
    )
    if len(ids) != pc.count_distinct(ids).as_py():
        raise ParseError("expected ids unique across events, days and articles")
    for name, parent in _PARENT.items():
        key = _KEY[parent]
        keys = tables[name].column(key)
        found = pc.is_in(keys, value_set=tables[parent].column(key).combine_chunks())
        if not pc.all(found).as_py() and len(keys):
            row = pc.index(found, False).as_py()
            raise ParseError(
                f"row {row}: expected {key} {keys[row].as_py()} to be in {parent}", path=name
            )


def _rows(table: pa.Table, *names: str) -> Iterable[tuple[Any, ...]]:
    """The given columns of a table as Python values, row by row."""
    return zip(*(table.column(name).to_pylist() for name in names), strict=True)


def _valid(table: str, row: int, model: Callable[..., Any], **fields: Any) -> Any:
    """``model(**fields)``; a value the model refuses is a ParseError naming the row."""
    try:
        return model(**fields)
    except (TypeError, ValueError) as exc:
        raise ParseError(f"row {row}: {exc}", path=table) from exc


def _children(
    tables: dict[str, pa.Table], name: str, model: Callable[..., Any]
) -> dict[int, tuple[Any, ...]]:
    """One model per row of a table (rows sorted by document), grouped by document id."""
    table = tables[name]
    names = table.column_names[2:]  # after the document's id and the position
    lists = [column for column in names if pa.types.is_list(table.schema.field(column).type)]
    models = []
    for row, values in enumerate(_rows(table, *names)):
        fields = dict(zip(names, values, strict=True))
        for field in lists:
            fields[field] = tuple(fields[field])
        models.append(_valid(name, row, model, **fields))
    grouped: dict[int, tuple[Any, ...]] = {}
    start = 0
    for ident, run in groupby(table.column(0).to_pylist()):
        count = sum(1 for _ in run)
        grouped[ident] = tuple(models[start : start + count])
        start += count
    return grouped


def _threads(table: pa.Table) -> dict[int, tuple[Comment, ...]]:
    """Each article's comment trees, rebuilt from reading order and depth."""
    rows = _rows(table, "article_id", "depth", "author", "body")
    threads: dict[int, tuple[Comment, ...]] = {}
    for ident, entries in groupby(rows, key=lambda entry: entry[0]):
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
