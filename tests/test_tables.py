"""Tables: the set's schema, round trips through Arrow, Parquet and pandas, bad tables."""

from __future__ import annotations

import datetime
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    Change,
    Comment,
    Day,
    Event,
    Image,
    Link,
    ListedEvent,
    ParseError,
    RelatedEvent,
    Source,
    load,
)
from syriaevents.tables import (
    SCHEMAS,
    from_arrow,
    read_parquet,
    to_arrow,
    to_pandas,
    write_parquet,
)

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, examples
from .strategies import articles, days, events

documents = st.lists(st.one_of(events(), days(), articles()), max_size=6)
SEED_DOCUMENTS = [load(path) for path in [*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values()]]
SEED_DOCUMENTS += [load(path) for path in HAND_WRITTEN_DAYS]

EVENT = Event(
    date=datetime.date(2017, 5, 4),
    title="A memorandum is signed",
    summary="First paragraph.\n\nSecond.",
    sources=[Source(name="Reuters", url="https://example.org/a")],
    related=[
        RelatedEvent(
            title="Talks",
            path="/news/2017/01/23/talks",
            date=datetime.date(2017, 1, 23),
            tags=("Russia", "Turkey"),
        )
    ],
    tags=("Russia", "Turkey"),
    changes=[
        Change(
            title="A memorandum",
            path="/news/2017/05/4/a-memorandum",
            kind="First version",
            timestamp=datetime.datetime(2017, 5, 4, 13, 49, 31),
        ),
        Change(title="A memorandum is signed", path="/news/2017/05/4/x", kind="Current version"),
    ],
)
THREAD = (
    Comment(
        author="a",
        body=("first",),
        replies=(
            Comment(author="b", body=("reply",), replies=(Comment(author=None, body=()),)),
            Comment(author="c", body=("second reply",)),
        ),
    ),
    Comment(author="d", body=("another",)),
)
ARTICLE = Article(
    title=None,
    published=datetime.date(2018, 2, 6),
    images=[Image(credit="Reuters"), Image(caption="A street", credit=None)],
    body=("One.", "Two."),
    related=[Link(title="More", url="#")],
    comments=THREAD,
)
DAY = Day(
    date=datetime.date(2017, 5, 4),
    events=[ListedEvent(title="A memorandum", path="/news/2017/05/4/a", tags=("Iran",))],
    previous=datetime.date(2017, 5, 1),
)


@settings(max_examples=examples(60), deadline=None)
@given(items=documents)
def test_arrow_round_trip(items: list[Event | Day | Article]) -> None:
    """Property: any mix of events, days and articles comes back equal and in order."""
    tables = to_arrow(items)
    assert [tables[name].schema for name in SCHEMAS] == list(SCHEMAS.values())
    assert from_arrow(tables) == items


@settings(max_examples=examples(30), deadline=None)
@given(items=documents)
def test_parquet_round_trip(items: list[Event | Day | Article]) -> None:
    """Property: the same through a folder of Parquet files."""
    with tempfile.TemporaryDirectory() as folder:
        write_parquet(items, folder)
        tables = read_parquet(folder)
    assert [tables[name].schema for name in SCHEMAS] == list(SCHEMAS.values())
    assert from_arrow(tables) == items


def test_seeds_round_trip_through_parquet(tmp_path: Path) -> None:
    """The real documents: one zstd-compressed file per table, read back equal."""
    write_parquet(SEED_DOCUMENTS, tmp_path / "set")
    assert sorted(path.name for path in (tmp_path / "set").iterdir()) == sorted(
        f"{name}.parquet" for name in SCHEMAS
    )
    metadata = pq.ParquetFile(tmp_path / "set" / "related.parquet").metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"
    assert from_arrow(read_parquet(tmp_path / "set")) == SEED_DOCUMENTS


def test_empty_input_gives_every_table_empty() -> None:
    """No items: all ten tables, no rows, the full schema."""
    tables = to_arrow([])
    assert list(tables) == list(SCHEMAS)
    for name, table in tables.items():
        assert table.num_rows == 0
        assert table.schema == SCHEMAS[name]
    assert from_arrow(tables) == []


def test_types_are_native_and_nullable_only_where_the_model_allows_none() -> None:
    """Dates, timestamps and lists keep their types; nothing is stringified."""
    assert SCHEMAS["events"].field("date").type == pa.date32()
    assert SCHEMAS["changes"].field("timestamp").type == pa.timestamp("s")
    assert SCHEMAS["events"].field("tags").type == pa.list_(
        pa.field("item", pa.string(), nullable=False)
    )
    nullable = {
        (name, field.name) for name, schema in SCHEMAS.items() for field in schema if field.nullable
    }
    assert nullable == {
        ("events", "category"),
        ("events", "summary"),
        ("events", "image"),
        ("changes", "timestamp"),
        ("days", "previous"),
        ("listed", "category"),
        ("listed", "summary"),
        ("articles", "title"),
        ("articles", "url"),
        ("articles", "publisher"),
        ("articles", "published"),
        ("images", "caption"),
        ("images", "credit"),
        ("comments", "parent_id"),
        ("comments", "author"),
    }


def test_rows_and_ids() -> None:
    """Ids are input positions across kinds; child rows carry them and their position."""
    tables = to_arrow([ARTICLE, EVENT, DAY])
    assert tables["articles"].column("article_id").to_pylist() == [0]
    assert tables["events"].to_pylist() == [
        {
            "event_id": 1,
            "date": datetime.date(2017, 5, 4),
            "title": "A memorandum is signed",
            "category": None,
            "summary": "First paragraph.\n\nSecond.",
            "tags": ["Russia", "Turkey"],
            "path": EVENT.path,
            "image": None,
        }
    ]
    assert tables["related"].to_pylist()[0]["date"] == datetime.date(2017, 1, 23)
    assert tables["changes"].column("timestamp").to_pylist() == [
        datetime.datetime(2017, 5, 4, 13, 49, 31),
        None,
    ]
    assert tables["listed"].column("day_id").to_pylist() == [2]
    assert tables["images"].select(["position", "caption", "credit"]).to_pylist() == [
        {"position": 0, "caption": None, "credit": "Reuters"},
        {"position": 1, "caption": "A street", "credit": None},
    ]


def test_a_thread_is_one_flat_table() -> None:
    """Comments in reading order, each with its parent, depth and place among siblings."""
    rows = to_arrow([ARTICLE])["comments"].to_pylist()
    assert [
        (row["comment_id"], row["parent_id"], row["depth"], row["position"], row["author"])
        for row in rows
    ] == [
        (0, None, 0, 0, "a"),
        (1, 0, 1, 0, "b"),
        (2, 1, 2, 0, None),
        (3, 0, 1, 1, "c"),
        (4, None, 0, 1, "d"),
    ]
    assert rows[2]["body"] == []


def test_rows_may_come_in_any_order() -> None:
    """Documents and their rows are put back in order by ids and positions."""
    items = [EVENT, ARTICLE, DAY, *SEED_DOCUMENTS]
    tables = {
        name: table.take(list(range(table.num_rows))[::-1])
        for name, table in to_arrow(items).items()
    }
    assert from_arrow(tables) == items


def test_compatible_types_are_cast() -> None:
    """Tables from elsewhere (large strings, wider ints, extra columns) are read."""
    tables = to_arrow([EVENT])
    events = tables["events"]
    tables["events"] = events.set_column(
        events.schema.get_field_index("title"),
        pa.field("title", pa.large_string()),
        events.column("title").cast(pa.large_string()),
    ).append_column("note", pa.array(["extra"]))
    assert from_arrow(tables) == [EVENT]


def _with(tables: dict[str, pa.Table], name: str, column: str, values: list[object]) -> None:
    table = tables[name]
    index = table.schema.get_field_index(column)
    field = table.schema.field(column).with_nullable(True)
    tables[name] = table.set_column(index, field, pa.array(values, field.type))


@pytest.mark.parametrize(
    ("spoil", "table"),
    [
        (lambda tables: tables.pop("links"), "links"),
        (lambda tables: tables.__setitem__("events", tables["events"].drop(["title"])), "events"),
        (lambda tables: _with(tables, "sources", "url", ["javascript:alert(1)"]), "sources"),
        (lambda tables: _with(tables, "events", "title", [None]), "events"),
        (lambda tables: _with(tables, "related", "event_id", [7]), "related"),
        (lambda tables: _with(tables, "comments", "depth", [0, 2, 2, 1, 0]), "comments"),
    ],
)
def test_bad_tables_raise_parse_error_naming_the_table(spoil: object, table: str) -> None:
    """A missing table or column, a refused value, a null, an orphan row, a broken thread."""
    tables = to_arrow([EVENT, ARTICLE])
    spoil(tables)  # type: ignore[operator]
    with pytest.raises(ParseError) as raised:
        from_arrow(tables)
    assert raised.value.path == table


def test_ids_must_be_unique_across_documents() -> None:
    """Two documents with one id cannot be put in order."""
    tables = to_arrow([EVENT, DAY])
    _with(tables, "days", "day_id", [0])
    with pytest.raises(ParseError, match="unique"):
        from_arrow(tables)


def test_read_parquet_needs_every_table(tmp_path: Path) -> None:
    """A set with a table missing is refused rather than read as having no such rows."""
    write_parquet([EVENT], tmp_path)
    (tmp_path / "sources.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="sources"):
        read_parquet(tmp_path)


def test_read_parquet_reads_folders_of_part_files(tmp_path: Path) -> None:
    """The layout written from a cluster: a folder of part files per table."""
    halves = [to_arrow([EVENT, ARTICLE]), to_arrow([DAY, EVENT])]
    for name in SCHEMAS:
        (tmp_path / name).mkdir()
        for part, tables in enumerate(halves):
            table = tables[name]
            for key in ("event_id", "day_id", "article_id"):
                if key in table.column_names:  # the second half's ids follow the first's
                    ids = pa.array(
                        [i + 2 * part for i in table.column(key).to_pylist()], pa.int64()
                    )
                    table = table.set_column(table.schema.get_field_index(key), key, ids)
            pq.write_table(table, tmp_path / name / f"part.{part}.parquet")
    assert from_arrow(read_parquet(tmp_path)) == [EVENT, ARTICLE, DAY, EVENT]


def test_to_pandas_keeps_arrow_types() -> None:
    """DataFrames by table name, Arrow-typed by default; pandas' own types on request."""
    frames = to_pandas([EVENT, ARTICLE])
    assert list(frames) == list(SCHEMAS)
    assert frames["events"]["date"].dtype == pd.ArrowDtype(pa.date32())
    assert frames["events"]["tags"].iloc[0] == ["Russia", "Turkey"]
    assert len(frames["comments"]) == 5
    plain = to_pandas([EVENT], dtype_backend="numpy")
    assert plain["events"]["title"].iloc[0] == EVENT.title
    # and back: pandas frames make the same tables
    tables = {name: pa.Table.from_pandas(frame) for name, frame in frames.items()}
    assert from_arrow(tables) == [EVENT, ARTICLE]


@pytest.mark.parametrize("blocked", ["pyarrow", "pandas"])
def test_the_core_works_without_the_extra(blocked: str) -> None:
    """Without pyarrow (or pandas) the library loads documents; tables say what to install."""
    script = f"""
import sys
sys.modules[{blocked!r}] = None
import syriaevents
event = syriaevents.load({str(EVENT_SEEDS["000"])!r})
assert event.title
try:
    from syriaevents.tables import to_pandas
    to_pandas([event])
except ImportError as error:
    assert "syriaevents[arrow]" in str(error), error
    print("refused")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "refused"
