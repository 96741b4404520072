"""The XML form: ``to_xml`` and ``from_xml``.

The root element names the model (``<event>``); each field is a child element in
declaration order; a list field wraps one element per item (``<sources><source>``,
``<tags><tag>``); empty fields are left out. Documents with a DTD, entity
declarations or processing instructions are refused. See ``docs/formats.md``.
"""

from __future__ import annotations

import datetime
from typing import Any
from xml.parsers.expat import ExpatError

import xmltodict

from .._converter import KINDS, structure, unstructure
from .._errors import ParseError
from .._text import as_text

__all__ = ["from_xml", "to_xml"]

# The element name of one item of each list field.
ITEM_ELEMENTS = {
    "sources": "source",
    "related": "related-event",
    "tags": "tag",
    "changes": "change",
}
_FORCE_LIST = tuple(ITEM_ELEMENTS.values())
# Markup that can make a parser fetch, expand or execute something: never accepted.
_REFUSED_MARKUP = ("<!DOCTYPE", "<!ENTITY", "<?")
_DECLARATION = "<?xml"


def to_xml(obj: object) -> str:
    """Write a model as an XML document (UTF-8 declaration, two-space indent)."""
    data = unstructure(obj)
    kind = data.pop("type")
    body = xmltodict.unparse({kind: _elements(data)}, pretty=True, indent="  ")
    return str(body) + "\n"


def _elements(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or not (value or value == 0):
            continue  # None and empty lists are left out
        if isinstance(value, list | tuple):
            item = ITEM_ELEMENTS[key]
            out[key] = {item: [_elements(v) if isinstance(v, dict) else v for v in value]}
        elif isinstance(value, dict):
            out[key] = _elements(value)
        elif isinstance(value, datetime.date):  # and datetime: ISO 8601, as in JSON
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def from_xml(text: str | bytes) -> Any:
    """Read an XML document written by :func:`to_xml` into the model its root names."""
    text = as_text(text, "from_xml")
    _refuse_markup(text)
    try:
        document = xmltodict.parse(
            text, force_list=_FORCE_LIST, disable_entities=True, strip_whitespace=True
        )
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
    return structure({"type": kind, **_fields(fields, "")})


def _refuse_markup(text: str) -> None:
    start = text.find("?>") + 2 if text.lstrip("\ufeff \t\r\n").startswith(_DECLARATION) else 0
    for markup in _REFUSED_MARKUP:
        found = text.find(markup, start)
        if found >= 0:
            line = text.count("\n", 0, found) + 1
            column = found - text.rfind("\n", 0, found)
            raise ParseError(
                f"expected no {markup}...> (DTDs, entities and processing instructions"
                " are refused)",
                line=line,
                column=column,
            )


def _fields(element: object, where: str) -> dict[str, Any]:
    if element is None:
        return {}
    if not isinstance(element, dict):
        raise ParseError(f"expected child elements, found text {element!r:.40}", path=where)
    out: dict[str, Any] = {}
    for key, value in element.items():
        path = f"{where}.{key}" if where else key
        item = ITEM_ELEMENTS.get(key)
        if item is None:
            out[key] = _fields(value, path) if isinstance(value, dict) else value
        elif value is None:
            out[key] = []
        elif isinstance(value, dict) and list(value) == [item]:
            out[key] = [
                _fields(v, f"{path}[{i}]") if isinstance(v, dict) else v
                for i, v in enumerate(value[item])
            ]
        else:
            raise ParseError(f"expected only <{item}> elements in <{key}>", path=path)
    return out
