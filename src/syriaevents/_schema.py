"""JSON Schemas of the JSON forms, generated from the models' fields and their rules.

``json_schema("event")``, ``json_schema("article")`` and ``json_schema("day")`` give
draft 2020-12 schemas; the same are shipped as ``syriaevents/schemas/<kind>.schema.json``
and in ``docs/schemas``.
The schema states what JSON Schema can say (types, required fields, patterns); the
models check a little more (printable text, real calendar dates).
"""

from __future__ import annotations

import datetime
import types
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs

from . import _models as M
from ._converter import KINDS

__all__ = ["json_schema"]

# The JSON Schema of each rule the models' text fields follow.
_TEXT_LINE = {"type": "string", "pattern": r"^\S(?:[^\n]*\S)?$"}
_PARAGRAPHS = {"type": "string", "pattern": r"^\S(?:[\s\S]*\S)?$"}
_URL = {
    "type": "string",
    # No whitespace; a scheme, if any, that cannot run code (any letter case).
    "pattern": r"^(?:(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):"
    r"|(?![A-Za-z][A-Za-z0-9+.\-]*:))\S+$",
}
# The slug's letters beyond ASCII are checked by the models (JSON Schema's \\w is ASCII).
_PATH = {"type": "string", "pattern": r"^/news/\d{4}/\d{2}/\d{1,2}/[a-z0-9\-\u0080-\uffff]+$"}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"}
# What each rule a field's metadata names (see _models.RULE) means, as JSON Schema.
_BY_RULE: dict[str, dict[str, Any]] = {
    "text line": _TEXT_LINE,
    "paragraphs": _PARAGRAPHS,
    "url": _URL,
    "archive path": _PATH,
    "tag list": {"type": "array", "items": _TEXT_LINE},
    "paragraph list": {"type": "array", "items": _PARAGRAPHS},
}
_BY_TYPE: dict[Any, dict[str, Any]] = {
    datetime.date: _DATE,
    datetime.datetime: _DATETIME,
    str: {"type": "string"},
}
# A thread travels as its outline (see docs/formats.md).
_OUTLINE = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "depth": {"type": "integer", "minimum": 0},
            "author": {"anyOf": [_TEXT_LINE, {"type": "null"}]},
            "body": {"type": "array", "items": _PARAGRAPHS},
        },
        "required": ["depth", "author"],
        "additionalProperties": False,
    },
}


def _field_schema(field: attrs.Attribute[Any], hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint == tuple[M.Comment, ...]:
        return _OUTLINE
    nullable = False
    if get_origin(hint) in (Union, types.UnionType) and type(None) in get_args(hint):
        nullable = True
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    rule = field.metadata.get(M.RULE)
    schema = None if rule is None else _BY_RULE[rule]
    if schema is None and get_origin(hint) is tuple:
        item = get_args(hint)[0]
        schema = {"type": "array", "items": _model_ref(item, defs)}
    if schema is None:
        schema = _BY_TYPE.get(hint) or _model_ref(hint, defs)
    return {"anyOf": [schema, {"type": "null"}]} if nullable else dict(schema)


def _model_ref(model: type, defs: dict[str, Any]) -> dict[str, Any]:
    if model.__name__ not in defs:
        defs[model.__name__] = {}  # placeholder first: models may refer to themselves
        defs[model.__name__] = _object_schema(model, defs)
    return {"$ref": f"#/$defs/{model.__name__}"}


def _object_schema(model: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(model, vars(M))
    fields = [field for field in attrs.fields(model) if field.name != "layout"]
    return {
        "type": "object",
        "properties": {
            field.name: _field_schema(field, hints[field.name], defs) for field in fields
        },
        "required": [field.name for field in fields if field.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a kind's JSON form (``"event"``, ``"article"`` or ``"day"``)."""
    model = KINDS.get(kind)
    if model is None:
        raise ValueError(f"expected one of {', '.join(KINDS)}, found {kind!r}")
    defs: dict[str, Any] = {}
    body = _object_schema(model, defs)
    body["properties"] = {"type": {"const": kind}, **body["properties"]}
    body["required"] = ["type", *body["required"]]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"syriaevents {kind}",
        "description": f"The JSON form of a syriaevents {model.__name__} (docs/formats.md).",
        **body,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema
