"""The JSON form: ``to_json`` and ``from_json``.

A document is one object whose ``"type"`` names the model (``"event"``), followed by
the model's fields in declaration order; every field is present (``null`` or
``[]`` when empty), dates are ISO 8601. A key given twice in one object is refused.
See ``docs/formats.md``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import orjson

from .._converter import check_nesting, containers, field_path, shown, structure, unstructure
from .._errors import ParseError
from .._models import Document
from . import Form, ReadHints

__all__ = ["FORM", "from_json", "read_json", "to_json"]

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_UTF8_BOM = "\ufeff".encode()
# What from_json reads: text, or the bytes of a file.
_TEXT_TYPES = (str, bytes, bytearray, memoryview)


def to_json(obj: object) -> str:
    """Write a model as a JSON document (indented, keys in a fixed order, newline at end)."""
    return orjson.dumps(unstructure(obj), option=_OPTIONS).decode("utf-8")


def from_json(text: str | bytes) -> Document:
    """Read a JSON document written by :func:`to_json` into the model it names (a
    leading byte order mark is ignored, as :func:`~syriaevents.load` ignores it)."""
    if not isinstance(text, _TEXT_TYPES):
        raise TypeError(f"from_json() takes str or bytes, not {type(text).__name__}")
    if isinstance(text, str):
        text = text.removeprefix("\ufeff")
    elif bytes(text[:3]) == _UTF8_BOM:
        text = text[3:]
    return read_json(text, _OPTIONS)


def read_json(text: str | bytes | bytearray | memoryview, written_with: int) -> Document:
    """The document a JSON text holds; ``written_with`` is the orjson options of the
    writer whose output is read fastest (to_json's, or the compact JSON Lines')."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"expected JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    # orjson keeps the last of a repeated key without a word. A document that is the very
    # bytes our writer writes for the data it holds repeats none (the fast path, and the
    # common one); any other is parsed again to look for one.
    if not _as_written(data, text, written_with):
        _refuse_repeated_keys(text, data)
    return structure(data)


def _as_written(
    data: object, text: str | bytes | bytearray | memoryview, written_with: int
) -> bool:
    """Whether ``text`` is what orjson writes for ``data`` with those options."""
    try:
        written = orjson.dumps(data, option=written_with)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes: not ours
        return False
    return written == (text.encode("utf-8") if isinstance(text, str) else text)


class _Repeated(dict[str, Any]):
    """An object in which ``key`` was given more than once."""

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as json.loads hands it over: a dict, or a _Repeated if a key repeats."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    counts = Counter(key for key, _ in pairs)
    return _Repeated(pairs, next(key for key, count in counts.items() if count > 1))


def _refuse_repeated_keys(text: str | bytes | bytearray | memoryview, data: object) -> None:
    """ParseError naming the first key given twice in one object, if there is one."""
    check_nesting(data)  # json.loads recurses: only documents of bounded depth go to it
    source = text if isinstance(text, str) else bytes(text).decode("utf-8")
    try:
        loaded = json.loads(source, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:  # orjson read it: only if the two ever disagree
        raise ParseError(f"expected JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from exc
    for value, place in containers(loaded):
        if isinstance(value, _Repeated):
            message = f"expected each key once in an object, found {shown(value.key)} again"
            raise ParseError(message, path=field_path((place, value.key)))


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def _read(text: str, hints: ReadHints) -> Document:
    return from_json(text)


FORM = Form(
    name="json",
    label="JSON",
    suffixes=(".json",),
    read=_read,
    write=to_json,
    looks_like=_looks_like_json,
)
