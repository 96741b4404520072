"""The JSON form: ``to_json`` and ``from_json``.

A document is one object whose ``"type"`` names the model (``"event"``), followed by
the model's fields in declaration order; every field is present (``null`` or
``[]`` when empty), dates are ISO 8601. See ``docs/formats.md``.
"""

from __future__ import annotations

from typing import Any

import orjson

from .._converter import structure, unstructure
from .._errors import ParseError
from . import Form, ReadHints

__all__ = ["FORM", "from_json", "to_json"]

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def to_json(obj: object) -> str:
    """Write a model as a JSON document (indented, keys in a fixed order, newline at end)."""
    return orjson.dumps(unstructure(obj), option=_OPTIONS).decode("utf-8")


def from_json(text: str | bytes) -> Any:
    """Read a JSON document written by :func:`to_json` into the model it names."""
    if not isinstance(text, str | bytes | bytearray | memoryview):
        raise TypeError(f"from_json() takes str or bytes, not {type(text).__name__}")
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"expected JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    return structure(data)


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def _read(text: str, hints: ReadHints) -> Any:
    return from_json(text)


FORM = Form(
    name="json",
    label="JSON",
    suffixes=(".json",),
    read=_read,
    write=to_json,
    looks_like=_looks_like_json,
)
