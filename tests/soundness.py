"""The property every reader keeps, defined once for the tests and the fuzz harnesses
(fuzz/_calls.py imports it): a model whose every part passes its validators and that
reads back equal from its JSON, XML and HTML forms."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

import attrs

import syriaevents as se

# The forms every model a reader returns must read back equal from.
FORMS: dict[str, tuple[Callable[[object], str], Callable[[str], object]]] = {
    "json": (se.to_json, se.from_json),
    "xml": (se.to_xml, se.from_xml),
    "html": (se.to_html, se.from_html),
}


def parts(model: object) -> Iterator[attrs.AttrsInstance]:
    """A model and every model inside it, comment threads of any depth included (not
    the layout readers keep beside a page, which takes no part in equality)."""
    stack = [model]
    while stack:
        node = stack.pop()
        if not attrs.has(type(node)):
            continue
        node = cast(attrs.AttrsInstance, node)
        yield node
        for field in attrs.fields(type(node)):
            if field.name != "layout":
                value = getattr(node, field.name)
                stack.extend(value if isinstance(value, tuple) else [value])


def assert_sound(model: object) -> None:
    """AssertionError (or the validator's error) unless ``model`` is a document whose
    every part is valid and that reads back equal from each form."""
    assert isinstance(model, se.Event | se.Day | se.Article), type(model)
    for part in parts(model):
        attrs.validate(part)
    for name, (write, read_back) in FORMS.items():
        again = read_back(write(model))
        assert again == model, f"{name} form reads back {again!r}, not {model!r}"
