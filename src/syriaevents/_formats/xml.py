"""The XML form: ``to_xml`` and ``from_xml``.

The root element names the model (``<event>``); each field is a child element in
declaration order, written without indentation; a list field wraps one element per
item (``<sources><source>``, ``<tags><tag>``); empty fields are left out. Documents
with a DTD, entity declarations or processing instructions are refused.
See ``docs/formats.md``.
"""

from __future__ import annotations

import codecs
from typing import Any, NoReturn, overload
from xml.parsers import expat
from xml.parsers.expat import ExpatError

import xmltodict

from .._converter import KINDS, MAX_NESTING, shown, structure, unstructure
from .._errors import ParseError
from .._models import Document
from .._text import as_text
from . import Form, ReadHints

__all__ = ["FORM", "from_xml", "to_xml"]

# For each kind of document, the element name of one item of each list field.
ITEM_ELEMENTS = {
    "event": {
        "sources": "source",
        "related": "related-event",
        "tags": "tag",
        "changes": "change",
    },
    "article": {
        "authors": "name",
        "images": "image",
        "body": "paragraph",
        "related": "link",
        "comments": "comment",
        "tags": "tag",
    },
    "day": {
        "events": "event",
        "tags": "tag",
    },
}
# Fields that hold whole numbers (a comment's depth in its thread's outline), and how
# many digits such a number may have: enough for any thread, and never so many that
# int() refuses to convert them.
_NUMBER_FIELDS = frozenset({"depth"})
_MAX_DIGITS = 6


class _Refused(Exception):
    """Markup that can make a parser fetch, expand or execute something."""

    def __init__(self, message: str, parser: Any) -> None:
        super().__init__(message)
        self.line: int = parser.CurrentLineNumber
        self.column: int = parser.CurrentColumnNumber + 1


class _StrictExpat:
    """The expat module as xmltodict uses it, with parsers that refuse DTDs and PIs."""

    @staticmethod
    def ParserCreate(*args: Any, **kwargs: Any) -> Any:
        parser = expat.ParserCreate(*args, **kwargs)

        def refuse_doctype(*_: object) -> NoReturn:
            raise _Refused("expected no <!DOCTYPE ...> (DTDs and entities are refused)", parser)

        def refuse_instruction(*_: object) -> NoReturn:
            raise _Refused("expected no <?...?> processing instruction", parser)

        parser.StartDoctypeDeclHandler = refuse_doctype
        parser.ProcessingInstructionHandler = refuse_instruction
        return parser


_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


@overload
def to_xml(obj: object, *, encoding: None = None) -> str: ...
@overload
def to_xml(obj: object, *, encoding: str) -> bytes: ...
def to_xml(obj: object, *, encoding: str | None = None) -> str | bytes:
    """Write a model as an XML document: UTF-8 declaration, compact, newline at the end.

    Text by default; with ``encoding="utf-8"`` the document's bytes, as lxml and file
    writers take them (the declaration names UTF-8, so no other encoding is offered).
    """
    if encoding is not None and _codec_name(encoding) != "utf-8":
        raise ValueError(f"to_xml writes UTF-8 only, not {encoding!r}")
    data = unstructure(obj)
    kind = data.pop("type")
    parts = [_DECLARATION, f"<{kind}>"]
    _write_fields(parts, data, ITEM_ELEMENTS[kind])
    parts.append(f"</{kind}>\n")
    text = "".join(parts)
    return text if encoding is None else text.encode("utf-8")


def _codec_name(encoding: str) -> str | None:
    """The codec an encoding name stands for ("UTF8" is "utf-8"), or None if none."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


# Fields that hold a date or a timestamp, written in ISO 8601 as in JSON.
_DATE_FIELDS = frozenset({"date", "timestamp", "previous"})


def _write_fields(parts: list[str], data: dict[str, Any], items: dict[str, str]) -> None:
    """Append the elements of plain data (fresh from the converter) to ``parts``: one
    per field in order, lists wrapped, empty fields left out.

    Writes what ``xmltodict.unparse`` wrote before, byte for byte (the tests compare).
    """
    for key, value in data.items():
        if value is None:
            continue
        item = items.get(key)
        if item is None:
            text = value if type(value) is str else _spelled(key, value)
            parts.append(f"<{key}>{_escaped(text)}</{key}>")
        elif value:
            parts.append(f"<{key}>")
            for member in value:
                if type(member) is dict:
                    parts.append(f"<{item}>")
                    _write_fields(parts, member, items)
                    parts.append(f"</{item}>")
                else:
                    text = member if type(member) is str else _spelled(item, member)
                    parts.append(f"<{item}>{_escaped(text)}</{item}>")
            parts.append(f"</{key}>")


def _spelled(key: str, value: object) -> str:
    """A value other than text as xmltodict spelled it (dates as JSON spells them)."""
    if key in _DATE_FIELDS:
        return str(value.isoformat())  # type: ignore[attr-defined]
    return str(value)  # a comment's depth


def _escaped(text: str) -> str:
    """Text as xml.sax.saxutils escapes element text: &, < and >, nothing else."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def from_xml(text: str | bytes) -> Document:
    """Read an XML document written by :func:`to_xml` into the model its root names."""
    text = as_text(text, "from_xml")
    try:
        # No force_list: which elements are list items depends on the kind, which only
        # the root element names; _fields puts a single item in a list instead.
        document = xmltodict.parse(
            text, expat=_StrictExpat, disable_entities=True, strip_whitespace=True
        )
    except _Refused as exc:
        raise ParseError(str(exc), line=exc.line, column=exc.column) from exc
    except ExpatError as exc:
        message = str(exc).split(":")[0]
        raise ParseError(
            f"expected well-formed XML: {message}", line=exc.lineno, column=exc.offset + 1
        ) from exc
    except ValueError as exc:  # xmltodict refuses entity declarations this way
        raise ParseError(f"expected XML without entities: {exc}") from exc
    ((kind, fields),) = document.items()
    if kind not in KINDS:
        raise ParseError(
            f"expected a root element {' or '.join(f'<{k}>' for k in KINDS)}, found <{kind}>"
        )
    if isinstance(fields, dict) and "type" in fields:  # the root names the kind, alone
        message = "expected no <type> element: the root element names the kind"
        raise ParseError(message, path="type")
    try:
        data = _fields(fields, ITEM_ELEMENTS[kind])
    except _ShapeError as exc:
        raise ParseError(str(exc), path=".".join(exc.path).replace(".[", "[")) from exc
    return structure({"type": kind, **data})


class _ShapeError(Exception):
    """A document of the wrong shape; its field path is filled in on the way out."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.path: list[str] = []


def _fields(element: object, items: dict[str, str], depth: int = 0) -> dict[str, Any]:
    """xmltodict's shape back to plain data: list wrappers unwrapped, numbers read.

    Recursive, but never deeper than :data:`MAX_NESTING` (the forms nest five deep).
    """
    if depth > MAX_NESTING:
        raise _ShapeError(f"expected elements nested at most {MAX_NESTING} deep")
    if element is None:
        return {}
    if type(element) is not dict:
        raise _ShapeError(f"expected child elements, found text {shown(element)}")
    out: dict[str, Any] = {}
    for key, value in element.items():
        item = items.get(key)
        try:
            if key in _NUMBER_FIELDS:
                out[key] = _number(value)
            elif item is None:
                out[key] = _fields(value, items, depth + 1) if type(value) is dict else value
            elif value is None:
                out[key] = []
            elif type(value) is dict and len(value) == 1 and item in value:
                out[key] = _items(value[item], items, depth + 1)
            else:
                raise _ShapeError(f"expected only <{item}> elements in <{key}>")
        except _ShapeError as exc:
            exc.path.insert(0, key)
            raise
    return out


def _number(value: object) -> int:
    """A whole number written in ASCII digits, as the writer writes one."""
    if not (
        type(value) is str and value.isascii() and value.isdecimal() and len(value) <= _MAX_DIGITS
    ):
        raise _ShapeError(
            f"expected a number of at most {_MAX_DIGITS} digits, found {shown(value)}"
        )
    return int(value)


def _items(values: object, items: dict[str, str], depth: int) -> list[object]:
    if type(values) is not list:  # one item: xmltodict makes a list of two or more
        values = [values]
    out = []
    for index, value in enumerate(values):
        try:
            out.append(_fields(value, items, depth + 1) if type(value) is dict else value)
        except _ShapeError as exc:
            exc.path.insert(0, f"[{index}]")
            raise
    return out


def _looks_like_xml(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")[:15].lower()
    return start.startswith("<") and not start.startswith(("<!doctype html", "<html"))


def _read(text: str, hints: ReadHints) -> Document:
    return from_xml(text)


FORM = Form(
    name="xml",
    label="XML",
    suffixes=(".xml",),
    read=_read,
    write=to_xml,
    looks_like=_looks_like_xml,
)
