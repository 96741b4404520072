"""JSON Lines: documents one per line, read back equal; a bad line named by its number."""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    Day,
    Event,
    ParseError,
    UnreadableFileError,
    iter_json_lines,
    parse,
    to_json,
    to_json_lines,
)
from syriaevents._formats import json as json_form

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, examples, read
from .strategies import articles, days, events

SEEDS = [parse(read(path)) for path in [*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values()]]
SEEDS += [parse(read(path)) for path in HAND_WRITTEN_DAYS]


@settings(max_examples=examples(50), deadline=None)
@given(documents=st.lists(events() | articles() | days(), max_size=5))
def test_any_documents_round_trip(documents: list[Event | Article | Day]) -> None:
    """Property: documents written as JSON Lines read back equal, in order, from text
    lines and from a file object."""
    text = to_json_lines(documents)
    assert text.count("\n") == len(documents)
    assert list(iter_json_lines(text.splitlines())) == documents
    assert list(iter_json_lines(io.BytesIO(text.encode("utf-8")))) == documents


def test_each_line_is_the_json_form_compact() -> None:
    """A line holds what to_json writes, without the indentation."""
    for line, document in zip(to_json_lines(SEEDS).splitlines(), SEEDS, strict=True):
        assert orjson.loads(line) == orjson.loads(to_json(document))
        assert "\n" not in line


def test_a_file_is_read_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(to_json_lines(SEEDS), encoding="utf-8")
    assert list(iter_json_lines(path)) == SEEDS
    assert list(iter_json_lines(str(path), kind=None)) == SEEDS


def test_blank_lines_a_bom_and_crlf_are_tolerated() -> None:
    lines = to_json_lines(SEEDS[:2]).splitlines()
    text = "\ufeff" + lines[0] + "\r\n\n   \r\n" + lines[1]  # no newline at the end
    assert list(iter_json_lines(io.StringIO(text))) == SEEDS[:2]


@pytest.mark.parametrize(
    ("bad", "path", "column"),
    [
        ('{"type": "event", "date": }', None, 27),
        ('{"type": "event", "date": "2017-01-01", "title": 5}', "title", None),
        ('{"type": "event", "date": "2017-01-01", "title": "T", "colour": "red"}', None, None),
        ('{"type": "event", "date": "2017-01-01", "title": "T", "title": "T"}', "title", None),
        ("[1, 2]", None, None),
    ],
)
def test_a_bad_line_is_named_by_its_number(
    tmp_path: Path, bad: str, path: str | None, column: int | None
) -> None:
    """The line number counts every line (blank ones too), and the file is named; the
    column or the field path within the line is kept."""
    good = to_json_lines(SEEDS[:2]).splitlines()
    path_on_disk = tmp_path / "events.jsonl"
    path_on_disk.write_text("\n".join([good[0], "", bad, good[1]]) + "\n", encoding="utf-8")
    read_back = iter_json_lines(path_on_disk)
    assert next(read_back) == SEEDS[0]
    with pytest.raises(ParseError) as raised:
        next(read_back)
    assert (raised.value.line, raised.value.path, raised.value.file) == (
        3,
        path,
        str(path_on_disk),
    )
    if column is not None:
        assert raised.value.column == column


def test_kind_is_what_every_line_must_hold() -> None:
    lines = to_json_lines(SEEDS).splitlines()
    with pytest.raises(ParseError, match="expected an event, found an article") as raised:
        list(iter_json_lines(lines, kind="event"))
    assert raised.value.line == 3
    with pytest.raises(ValueError, match="kind must be one of"):
        iter_json_lines(lines, kind="events")


def test_a_line_longer_than_allowed_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(to_json_lines(SEEDS[:1]).encode() + b"[" * 5000 + b"\n")
    with pytest.raises(ParseError, match="at most 4,096 bytes") as raised:
        list(iter_json_lines(path, max_bytes=4096))
    assert raised.value.line == 2


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError):
        list(iter_json_lines(tmp_path / "missing.jsonl"))


@settings(max_examples=examples(100), deadline=None)
@given(text=st.text())
def test_arbitrary_lines_only_ever_raise_parse_error(text: str) -> None:
    """Property: whatever the lines hold (surrogates included), only ParseError."""
    with contextlib.suppress(ParseError):
        list(iter_json_lines(text.splitlines()))


def test_lines_as_written_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """What to_json_lines writes takes the fast path: no line is parsed a second time."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed twice")

    monkeypatch.setattr(json_form, "_refuse_repeated_keys", refuse)
    assert list(iter_json_lines(io.StringIO(to_json_lines(SEEDS)))) == SEEDS


def test_line_separators_in_text_are_escaped_so_lines_split_where_documents_end() -> None:
    """Regression: U+2028 and U+2029, which models take and orjson writes raw, are
    written as escapes: splitlines() (which splits at them) gives one line a document."""
    documents: list[Event | Article] = [
        Event(date=datetime.date(2017, 1, 1), title="A\u2028B", summary="C\u2029D"),
        Article(title="E\u2028F"),
    ]
    text = to_json_lines(documents)
    assert "\u2028" not in text
    assert "\u2029" not in text
    assert len(text.splitlines()) == 2
    assert list(iter_json_lines(text.splitlines())) == documents


@pytest.mark.parametrize("binary", [True, False])
def test_a_long_line_in_a_file_object_is_refused_unread(binary: bool) -> None:
    """A file object's line longer than max_bytes is refused without reading it whole;
    a line of exactly max_bytes, with its line ending, is taken."""
    line = to_json_lines(SEEDS[:1]).rstrip("\n")
    size = len(line.encode("utf-8"))
    data = f"{line}\r\n{'x' * 5_000_000}\n"
    file: io.BytesIO | io.StringIO = io.BytesIO(data.encode()) if binary else io.StringIO(data)
    documents = iter_json_lines(file, max_bytes=size)
    assert next(documents) == SEEDS[0]
    with pytest.raises(ParseError) as raised:
        next(documents)
    assert raised.value.line == 2
    assert file.tell() < 2 * size + 10  # the long line was not read whole


def test_wrong_sources_are_refused_at_once(tmp_path: Path) -> None:
    """Bytes are no source (a TypeError saying what to pass), and a missing file is an
    UnreadableFileError when iter_json_lines is called, not when first read."""
    with pytest.raises(TypeError, match="not bytes"):
        iter_json_lines(to_json_lines(SEEDS[:1]).encode())  # type: ignore[arg-type]
    with pytest.raises(UnreadableFileError):
        iter_json_lines(tmp_path / "missing.jsonl")
