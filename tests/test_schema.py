"""The JSON Schemas: generated from the models, shipped, and agreeing with from_json."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given, settings

from syriaevents import Event, ParseError, from_json, json_schema, parse, to_json

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, ROOT, examples, read
from .strategies import events

SHIPPED = {
    "package": ROOT / "src/syriaevents/schemas",
    "docs": ROOT / "docs/schemas",
}


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(kind))


@pytest.mark.parametrize("where", SHIPPED)
@pytest.mark.parametrize("kind", ["event", "article", "day"])
def test_shipped_schemas_are_the_generated_ones(where: str, kind: str) -> None:
    """The files in the package and in docs/ are what the models generate today."""
    path = SHIPPED[where] / f"{kind}.schema.json"
    text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("SYRIAEVENTS_UPDATE_GOLDENS"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


@pytest.mark.parametrize(
    "seed", [*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values(), *HAND_WRITTEN_DAYS], ids=str
)
def test_seed_json_validates(seed: Path) -> None:
    """The JSON form of every seed (and hand-written day) is valid against its schema."""
    document = orjson.loads(to_json(parse(read(seed))))
    _validator(document["type"]).validate(document)


@settings(max_examples=examples(80), deadline=None)
@given(event=events())
def test_every_event_json_validates(event: Event) -> None:
    """Property: whatever the event, its JSON form is valid against the schema."""
    _validator("event").validate(orjson.loads(to_json(event)))


def _path(error: jsonschema.ValidationError) -> str:
    parts = list(error.absolute_path)
    if error.validator == "required":
        parts.append(error.message.split("'")[1])
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "date not ISO": (lambda d: d["related"][3].__setitem__("date", "20170101"), "related[3].date"),
    "title a number": (lambda d: d.__setitem__("title", 5), "title"),
    "tags a string": (lambda d: d.__setitem__("tags", "Syria"), "tags"),
    "script URL": (
        lambda d: d["sources"][0].__setitem__("url", "javascript:alert(1)"),
        "sources[0].url",
    ),
    "padded title": (lambda d: d["related"][1].__setitem__("title", " padded"), "related[1].title"),
    "no date": (lambda d: d.pop("date"), "date"),
    "bad path": (lambda d: d.__setitem__("path", "/elsewhere/x"), "path"),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_schema_and_from_json_refuse_alike(mutation: str) -> None:
    """An invalid document is refused by both, at the same field."""
    mutate, field = MUTATIONS[mutation]
    document = orjson.loads(to_json(parse(read(EVENT_SEEDS["000"]))))
    mutate(document)
    schema_errors = [_path(e) for e in _validator("event").iter_errors(document)]
    with pytest.raises(ParseError) as raised:
        from_json(orjson.dumps(document))
    assert raised.value.path == field
    assert field in schema_errors


def test_unknown_fields_are_refused_by_both() -> None:
    """An extra key: the schema forbids additional properties, from_json names the key."""
    document = orjson.loads(to_json(parse(read(EVENT_SEEDS["002"]))))
    document["colour"] = "red"
    errors = list(_validator("event").iter_errors(document))
    assert any("colour" in error.message for error in errors)
    with pytest.raises(ParseError, match="colour"):
        from_json(orjson.dumps(document))
