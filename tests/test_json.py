"""The JSON reader: repeated keys, nesting of any depth and values of any size are a
ParseError naming the field; documents as other tools write them read as ours do."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import ParseError, from_json, parse, to_json
from syriaevents._formats import json as json_form

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, read
from .test_html import assert_linear

SEEDS: list[Path] = sorted([*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values(), *HAND_WRITTEN_DAYS])


def _data(seed: Path) -> Any:
    return orjson.loads(to_json(parse(read(seed))))


def _objects(value: object, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every object in the data with its field path, in document order."""
    found: list[tuple[str, dict[str, Any]]] = []
    stack: list[tuple[str, object]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, dict):
            found.append((where, item))
            inside = [(f"{where}.{k}" if where else k, v) for k, v in item.items()]
        elif isinstance(item, list):
            inside = [(f"{where}[{i}]", v) for i, v in enumerate(item)]
        else:
            continue
        stack.extend(reversed(inside))
    return found


def _written(value: object, repeat: tuple[int, str, object] | None, counter: list[int]) -> str:
    """JSON text of ``value``, the object numbered ``repeat[0]`` (in document order)
    given its key ``repeat[1]`` a second time, with the value ``repeat[2]``."""
    if isinstance(value, dict):
        number = counter[0]
        counter[0] += 1
        pairs = [(k, _written(v, repeat, counter)) for k, v in value.items()]
        if repeat is not None and repeat[0] == number:
            pairs.append((repeat[1], orjson.dumps(repeat[2]).decode()))
        return "{" + ", ".join(f"{orjson.dumps(k).decode()}: {v}" for k, v in pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_written(v, repeat, counter) for v in value) + "]"
    return orjson.dumps(value).decode()


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_key_given_twice_is_refused_at_its_path(data: st.DataObject) -> None:
    """Property: in any object of any seed's JSON, a key given a second time (same
    value or not) is a ParseError naming that key's field path."""
    document = _data(data.draw(st.sampled_from(SEEDS)))
    objects = _objects(document)
    number = data.draw(st.integers(0, len(objects) - 1))
    path, chosen = objects[number]
    key = data.draw(st.sampled_from(sorted(chosen)))
    again = data.draw(st.sampled_from([chosen[key], None, "event", [], {"a": 1}]))
    text = _written(document, (number, key, again), [0])
    with pytest.raises(ParseError, match="each key once") as raised:
        from_json(text)
    assert raised.value.path == (f"{path}.{key}" if path else key)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"type": "event", "type": "day", "date": "2017-01-01"}', "type"),
        ('{"type": "event", "date": "2017-01-01", "title": "a", "title": "a"}', "title"),
        ('{"type":"event","date":"2017-01-01","title":"t","sources":[{"name":"a",'
         '"url":"http://x.org","name":"b"}]}', "sources[0].name"),
        ('{"type":"article","title":"t","comments":[{"depth":0,"author":"a","body":[]},'
         '{"depth":1,"depth":0,"author":"b","body":[]}]}', "comments[1].depth"),
    ],
)  # fmt: skip
def test_repeated_keys_of_each_kind_are_refused(text: str, path: str) -> None:
    """The kind, a field, a field of a list item and a comment's depth."""
    with pytest.raises(ParseError) as raised:
        from_json(text)
    assert raised.value.path == path


def _formatted(data: object, style: int) -> str:
    if style == 0:
        return json.dumps(data, separators=(",", ":"))
    if style == 1:
        return json.dumps(data, indent="\t", ensure_ascii=True)
    return "\n  " + json.dumps(data, indent=4) + "  \r\n"


@settings(max_examples=60, deadline=None)
@given(seed=st.sampled_from(SEEDS), style=st.integers(0, 2))
def test_documents_as_other_tools_write_them_read_back(seed: Path, style: int) -> None:
    """Property: compact, tab-indented, ASCII-escaped or padded JSON reads as ours does."""
    model = parse(read(seed))
    assert from_json(_formatted(_data(seed), style)) == model


def test_our_own_documents_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """What to_json writes takes the fast path: it is never parsed a second time."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed twice")

    monkeypatch.setattr(json_form, "_refuse_repeated_keys", refuse)
    for seed in SEEDS:
        model = parse(read(seed))
        assert from_json(to_json(model)) == model
        assert from_json(to_json(model).encode("utf-8")) == model


def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth - 1):
        value = [value]
    return value


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_PLACEHOLDER = "nested lists go here"


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_nesting_of_any_depth_anywhere_is_refused_at_its_path(data: st.DataObject) -> None:
    """Property: a list nested 33 to 1,000 deep in place of any value of any seed, in
    our layout or another, is a ParseError naming a path below that value's field."""
    document = _data(data.draw(st.sampled_from(SEEDS)))
    objects = _objects(document)
    path, chosen = objects[data.draw(st.integers(0, len(objects) - 1))]
    key = data.draw(st.sampled_from(sorted(chosen)))
    depth = data.draw(st.sampled_from([33, 100, 200, 256, 1000]))
    if depth <= 200 and data.draw(st.booleans()):  # as to_json would write it
        chosen[key] = _nested(depth)
        text = orjson.dumps(document, option=_OPTIONS).decode()
    else:  # orjson writes 255 levels at most, json.dumps not many more
        chosen[key] = _PLACEHOLDER
        text = json.dumps(document).replace(f'"{_PLACEHOLDER}"', "[" * depth + "]" * depth)
    with pytest.raises(ParseError) as raised:
        from_json(text)
    where = f"{path}.{key}" if path else key
    assert (raised.value.path or "").startswith(where)


@pytest.mark.parametrize(
    "text",
    [
        '{"type":' + "[" * 1000 + "]" * 1000 + "}",
        '{"type": "event", "date": "2017-01-01", "title": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"type": "article", "title": "t", "comments": [{"depth": '
        + "[" * 900
        + "]" * 900
        + ', "author": "a", "body": []}]}',
        '{"type": "article", "title": "t", "comments": [{"depth": '
        + '{"a": ' * 500
        + "1"
        + "}" * 500
        + ', "author": "a", "body": []}]}',
    ],
)
def test_deep_nesting_is_a_parse_error_not_a_recursion_error(text: str) -> None:
    """Regression: nesting orjson reads (up to 1,024 deep) once raised RecursionError."""
    with pytest.raises(ParseError, match=r"nested at most 32 deep|'type' to be one of"):
        from_json(text)


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("date", "x" * 1_000_000, "'xxxxxxxxxx"),
        ("sources", "x" * 1_000_000, "'xxxxxxxxxx"),
        ("title", list(range(10_000)), "a list of 10000 items"),
        ("title", {str(i): i for i in range(10_000)}, "an object with 10000 fields"),
        ("tags", {"a": 1}, "an object with 1 field"),
        ("date", True, "bool True"),
        ("title", 1.5, "float 1.5"),
    ],
)
def test_errors_name_a_wrong_value_briefly(field: str, value: object, shown: str) -> None:
    """Whatever a field wrongly holds, the message names it in a few words."""
    data = _data(EVENT_SEEDS["000"])
    data[field] = value
    with pytest.raises(ParseError) as raised:
        from_json(orjson.dumps(data))
    assert raised.value.path == field
    assert shown in raised.value.message
    assert len(raised.value.message) < 200


@pytest.mark.parametrize("depth", [[0], "0", True, 0.0, None, {"a": 1}])
def test_a_comments_depth_must_be_a_number(depth: object) -> None:
    """A depth of the wrong type names the comments field."""
    data = _data(ARTICLE_SEEDS["004"])
    data["comments"][0]["depth"] = depth
    with pytest.raises(ParseError) as raised:
        from_json(orjson.dumps(data))
    assert (raised.value.path or "").startswith("comments")


def _compact_event(n: int) -> str:
    related = [
        {"title": f"Event {i}", "path": f"/news/2017/05/4/event-{i}", "date": "2017-05-04"}
        for i in range(n)
    ]
    return json.dumps({"type": "event", "date": "2017-05-04", "title": "T", "related": related})


HOSTILE: dict[str, Callable[[int], str]] = {
    "a key repeated": lambda n: '{"type": "event", ' + '"title": "x", ' * (2000 * n) + "}",
    "lists nested 30 deep, side by side": lambda n: (
        '{"type": "event", "date": "2017-01-01", "title": "t", "tags": ['
        + ", ".join(["[" * 30 + "]" * 30] * (20 * n))
        + "]}"
    ),
    "a long string where a list belongs": lambda n: (
        ('{"type": "event", "date": "2017-01-01", "title": "t", "tags": "' + "x" * (50_000 * n))
        + '"}'
    ),
    "a wide list where text belongs": lambda n: (
        '{"type": "event", "date": "2017-01-01", "title": [' + "[]," * (500 * n) + "[]]}"
    ),
    "a compact document": lambda n: _compact_event(100 * n),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_documents_cost_linear_time(case: str) -> None:
    """Four and sixteen times the document cost at most about as much more time."""
    assert_linear(from_json, HOSTILE[case])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_an_unknown_key_is_refused_at_its_object(data: st.DataObject) -> None:
    """Property: a key no model has, in any object of any seed's JSON (comments' outline
    entries aside, which say so their own way), is a ParseError naming the key, at the
    path of the object holding it."""
    document = _data(data.draw(st.sampled_from(SEEDS)))
    objects = [(path, found) for path, found in _objects(document) if "comments" not in path]
    path, chosen = data.draw(st.sampled_from(objects))
    # "type" below the root is a field no model has; at the root it names the kind.
    keys = ["colour", "layout", "Title"] + (["type"] if path else [])
    chosen[data.draw(st.sampled_from(keys))] = "x"
    with pytest.raises(ParseError, match="expected no other fields, found") as raised:
        from_json(orjson.dumps(document))
    assert raised.value.path == (path or None)


def test_a_byte_order_mark_is_ignored_as_load_ignores_it() -> None:
    """Regression: parse and from_json read a JSON document after a BOM, in text or
    bytes, as load reads the same file."""
    event = parse(read(EVENT_SEEDS["000"]))
    text = to_json(event)
    for document in ("\ufeff" + text, ("\ufeff" + text).encode("utf-8")):
        assert from_json(document) == event
        assert parse(document) == event
