"""The one cattrs converter behind the JSON and XML forms.

Models become plain data (dicts, lists, strings, ``None``) and back. Structuring is
strict: a string where a list belongs, a number where text belongs, an unknown key
or a malformed date is an error, never a silent conversion. Dates are ISO 8601
strings (``2017-05-04``, ``2018-02-06T13:49:31``).

Each document carries its kind under ``"type"``; :data:`KINDS` maps those names to
model classes, so readers need no type argument.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, get_args, get_origin

import cattrs
from cattrs.errors import AttributeValidationNote, IterableValidationError, IterableValidationNote
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter

from ._errors import InvalidFieldError, ParseError
from ._models import (
    Article,
    Change,
    Comment,
    Day,
    Document,
    Event,
    Image,
    Link,
    ListedEvent,
    RelatedEvent,
    Source,
    thread_from_outline,
)

__all__ = [
    "CONVERTER",
    "KINDS",
    "MAX_NESTING",
    "Place",
    "check_nesting",
    "containers",
    "field_path",
    "kind_of",
    "shown",
    "structure",
    "unstructure",
]

KINDS: dict[str, type] = {"event": Event, "article": Article, "day": Day}
_MODELS = (Source, RelatedEvent, Change, Image, Link, Article, ListedEvent)
_OUTLINE_KEYS = frozenset({"depth", "author", "body"})

# The only timestamp form the writers produce (dates are checked by shape below).
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
# Lists and objects nested deeper than this are refused before anything looks inside
# them: the forms nest four deep (event, related, one related event, its tags).
MAX_NESTING = 32
# How much of a text an error message quotes.
_QUOTED_LENGTH = 40


def shown(value: object) -> str:
    """A value as an error message names it: text by its start, a list or an object by
    its size. Never the repr of a whole structure, which may be huge or nested
    thousands deep."""
    if isinstance(value, str):
        more = "..." if len(value) > _QUOTED_LENGTH else ""
        return f"{value[:_QUOTED_LENGTH]!r}{more}"
    if isinstance(value, list | tuple):
        return f"a list of {_count(len(value), 'item')}"
    if isinstance(value, dict):
        return f"an object with {_count(len(value), 'field')}"
    if value is None or isinstance(value, bool | int | float):
        return f"{type(value).__name__} {value!r:.{_QUOTED_LENGTH}}"
    return type(value).__name__


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# Where a value stands in a document: None for the document itself, else the place of
# the list or object holding it and its key or index there.
Place = tuple[Any, str | int] | None


def field_path(place: Place) -> str:
    """A place as error messages name it: ``related[3].tags``."""
    parts: list[str] = []
    while place is not None:
        place, key = place
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "".join(reversed(parts)).lstrip(".")


def containers(data: object) -> Iterator[tuple[object, Place]]:
    """Every list and object in ``data`` (itself included) with its place, in document
    order; ParseError at the first nested more than :data:`MAX_NESTING` deep.

    Iterative, so that no depth of input can exhaust the stack.
    """
    stack: list[tuple[object, Place, int]] = [(data, None, 1)]
    while stack:
        value, place, depth = stack.pop()
        if depth > MAX_NESTING:
            raise ParseError(
                f"expected lists and objects nested at most {MAX_NESTING} deep",
                path=field_path(place),
            )
        yield value, place
        keyed: Iterable[tuple[str | int, object]] = ()
        if isinstance(value, dict):
            keyed = value.items()
        elif isinstance(value, list):
            keyed = enumerate(value)
        inside = [
            (item, (place, key), depth + 1) for key, item in keyed if isinstance(item, dict | list)
        ]
        stack.extend(reversed(inside))  # the first one inside comes out first


def check_nesting(data: object) -> None:
    """ParseError at the first list or object nested more than :data:`MAX_NESTING` deep."""
    if isinstance(data, dict | list):
        for _ in containers(data):
            pass


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {shown(value)}")
    return value


def _pass_str(value: object, _: object) -> object:
    # Every text field's validator checks that it holds a str: no need to check twice.
    return value


def _structure_date(value: object, _: object) -> datetime.date:
    # YYYY-MM-DD only: fromisoformat alone would also take "20170504" or "2017-W18-4".
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError(f"expected a date as YYYY-MM-DD, found {shown(value)}")
    return datetime.date.fromisoformat(value)


def _structure_datetime(value: object, _: object) -> datetime.datetime:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise ValueError(f"expected a timestamp as YYYY-MM-DDTHH:MM:SS, found {shown(value)}")
    return datetime.datetime.fromisoformat(value)


def _unstructure_thread(comments: tuple[Comment, ...]) -> list[dict[str, Any]]:
    """Comment trees as their outline: reading order, each with its depth.

    Flat, so that threads of any depth stay within what JSON and XML libraries nest.
    """
    return [
        {"depth": depth, "author": comment.author, "body": comment.body}
        for top in comments
        for depth, comment in top.walk()
    ]


def _structure_thread(value: object, _: object) -> tuple[Comment, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {shown(value)}")
    outline = []
    for position, entry in enumerate(value):
        if not isinstance(entry, dict) or not entry.keys() <= _OUTLINE_KEYS:
            raise ValueError(
                f"comment {position}: expected an object with depth, author and body,"
                f" found {shown(entry)}"
            )
        depth, body = entry.get("depth"), entry.get("body", [])
        if type(depth) is not int:
            raise TypeError(
                f"comment {position}: expected depth to be a number, found {shown(depth)}"
            )
        if not isinstance(body, list):
            raise TypeError(f"comment {position}: expected body to be a list, found {shown(body)}")
        outline.append((depth, entry.get("author"), tuple(body)))
    return thread_from_outline(outline)  # checked as it builds


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make(*, detailed: bool) -> cattrs.Converter:
    converter = make_converter(forbid_extra_keys=True, detailed_validation=detailed)
    # Dates and tuples of text stay as they are: orjson writes them natively (dates in
    # ISO 8601), and the XML writer spells them the same way.
    converter.register_unstructure_hook(datetime.date, identity)
    converter.register_unstructure_hook(datetime.datetime, identity)
    converter.register_unstructure_hook_func(lambda type_: type_ == tuple[str, ...], identity)
    # The detailed twin checks text itself, so that its errors name the field.
    converter.register_structure_hook(str, _structure_str if detailed else _pass_str)
    converter.register_structure_hook(datetime.date, _structure_date)
    converter.register_structure_hook(datetime.datetime, _structure_datetime)

    def tuple_hook(type_: Any) -> Callable[[object, object], tuple[object, ...]]:
        item_type = get_args(type_)[0]
        structure_item = converter.get_structure_hook(item_type)

        def structure(value: object, _: object) -> tuple[object, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, found {shown(value)}")
            if not detailed:
                if structure_item is _pass_str:
                    return tuple(value)
                return tuple([structure_item(item, item_type) for item in value])
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(structure_item(item, item_type))
                except Exception as exc:
                    note = IterableValidationNote(f"@ index {index}", index, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"while structuring {type_}", errors, type_)
            return tuple(items)

        return structure

    converter.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    is_thread = lambda type_: type_ == tuple[Comment, ...]  # noqa: E731
    converter.register_unstructure_hook_func(is_thread, _unstructure_thread)
    converter.register_structure_hook_func(is_thread, _structure_thread)
    for model in _MODELS:
        converter.register_unstructure_hook(model, make_dict_unstructure_fn(model, converter))
        converter.register_structure_hook(
            model, make_dict_structure_fn(model, converter, _cattrs_forbid_extra_keys=True)
        )
    # ``layout`` is how one page happened to be written: not content, never stored.
    omit = override(omit=True)
    for page in (Event, Day):
        converter.register_unstructure_hook(
            page, make_dict_unstructure_fn(page, converter, layout=omit)
        )
        converter.register_structure_hook(
            page,
            make_dict_structure_fn(page, converter, _cattrs_forbid_extra_keys=True, layout=omit),
        )
    return converter


CONVERTER = _make(detailed=False)
# Each kind's structuring function, looked up once rather than dispatched per document.
_STRUCTURE = {model: CONVERTER.get_structure_hook(model) for model in KINDS.values()}
# Built the same way, but slower: used only to say where a failed document went wrong.
_EXPLAINER = _make(detailed=True)


def kind_of(obj: object) -> str:
    """The ``type`` name of a model instance, e.g. ``"event"``."""
    for name, model in KINDS.items():
        if type(obj) is model:
            return name
    known = ", ".join(model.__name__ for model in KINDS.values())
    raise TypeError(f"expected one of {known}, not {type(obj).__name__}")


def unstructure(obj: object) -> dict[str, Any]:
    """A model as plain data, its kind first: ``{"type": "event", "date": ..., ...}``."""
    kind = kind_of(obj)
    data: dict[str, Any] = CONVERTER.unstructure(obj)
    return {"type": kind, **data}


def structure(data: object) -> Document:
    """Build the model a plain-data document describes; :class:`ParseError` if it can't."""
    if not isinstance(data, dict):
        raise ParseError(f"expected an object with a 'type', found {type(data).__name__}")
    kind = data.get("type")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        raise ParseError(
            f"expected 'type' to be one of {', '.join(map(repr, KINDS))}, found {shown(kind)}",
            path="type",
        )
    fields = dict(data)
    del fields["type"]
    try:
        document: Document = _STRUCTURE[model](fields, model)
    except Exception as exc:
        raise _explain(fields, model, exc) from exc
    return document


def _explain(fields: dict[str, Any], model: type, error: Exception) -> ParseError:
    """Re-run a failed structuring with detailed validation to name the field at fault."""
    check_nesting(fields)  # names a list nested thousands deep before anything walks it
    try:
        _EXPLAINER.structure(fields, model)
    except Exception as detailed:
        path, found = _first_failure(detailed, "")
        if isinstance(found, InvalidFieldError) and not path.endswith(found.field):
            path = f"{path}.{found.field}" if path else found.field  # its validator's field
        return ParseError(_describe(found, None), path=path or None)
    return ParseError(_describe(error, None))


def _first_failure(error: BaseException, path: str) -> tuple[str, BaseException]:
    """The first failure inside cattrs' error groups, with the field path to it: groups
    name their members' places in notes (an attribute's name, a list's index)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        inner = error.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                path = f"{path}.{note.name}" if path else note.name
            elif isinstance(note, IterableValidationNote):
                path = f"{path}[{note.index}]"
        error = inner
    return path, error


def _describe(exc: BaseException, _: object) -> str:
    if isinstance(exc, KeyError):
        return f"expected the required field {exc.args[0]!r}"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"expected no other fields, found {', '.join(sorted(exc.extra_fields))}"
    return f"expected a valid value: {exc}"
