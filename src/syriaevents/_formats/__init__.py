"""The forms a document can take, one module each, and the registry that lists them.

Each :class:`Form` says what it is called, the file suffixes it uses, which kinds of
document it reads and writes, its reader and writer, and how to recognise its text.
Everything that lists forms — :func:`~syriaevents.parse` and
:func:`~syriaevents.load`, the command line's ``--to`` and ``--from``, the files the
site writes for each document — iterates the registry, so adding a form is one module
and one :func:`register` call (in the shape of cattrs' ``preconf`` or httpx's
decoders).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePath

import attrs

from .._converter import kind_of
from .._errors import SerializationError
from .._models import Article, Document

__all__ = [
    "KINDS",
    "Form",
    "ReadHints",
    "check_kind",
    "check_url",
    "form_for_file",
    "form_named",
    "forms",
    "register",
    "sniff",
]

# The kinds of document, in the order messages and the command line list them.
KINDS = ("event", "day", "article")
_ALL_KINDS = frozenset(KINDS)


def check_kind(kind: object) -> None:
    """ValueError unless ``kind`` names a kind of document (or is None: any kind)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")


def check_url(url: object) -> None:
    """Refuse a caller's article URL that the models refuse, before any text is read: a
    TypeError for no str, a ValueError for no URL an article may hold (not a
    ParseError: the text is not at fault)."""
    if url is None:
        return
    if not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    try:
        Article(url=url)
    except ValueError as exc:
        raise ValueError(f"url must be a URL an article may hold: {exc}") from None


@attrs.frozen(kw_only=True)
class ReadHints:
    """What a caller may know about a document besides its text, checked when made:
    readers given hints need not check them again."""

    # "event", "day" or "article": what it must hold
    kind: str | None = attrs.field(default=None, validator=lambda _, __, kind: check_kind(kind))
    # a scraped article's address
    url: str | None = attrs.field(default=None, validator=lambda _, __, url: check_url(url))
    path: str | None = None  # an event page's archive path, when the page states none


@attrs.frozen(kw_only=True)
class Form:
    """One form documents take: its name, suffixes, reader, writer and signature."""

    name: str  # as the command line names it: "md", "json", ...
    label: str  # as people name it: "Markdown", "JSON", ...
    suffixes: tuple[str, ...]  # file suffixes, lower case; the first is the one written
    reads: frozenset[str] = _ALL_KINDS  # the kinds of document it can read
    writes: frozenset[str] = _ALL_KINDS  # the kinds of document it can write
    read: Callable[[str, ReadHints], Document] | None = None
    write: Callable[[Document], str] | None = None
    looks_like: Callable[[str], bool] = lambda _: False  # whether a text is in this form

    def can_write(self, document: object) -> bool:
        """Whether this form can write ``document``."""
        return self.write is not None and kind_of(document) in self.writes

    def dump(self, document: Document) -> str:
        """``document`` in this form; :class:`SerializationError` if it holds none such
        (the writer says why)."""
        if self.write is None:
            raise SerializationError(f"the {self.name} form is read-only")
        return self.write(document)


_REGISTRY: dict[str, Form] = {}


def register(form: Form) -> None:
    """Add a form to the registry (replacing one of the same name)."""
    _REGISTRY[form.name] = form


def unregister(name: str) -> None:
    """Remove a form from the registry (for tests that add one of their own)."""
    _REGISTRY.pop(name, None)


def forms() -> Iterator[Form]:
    """The registered forms, in the order they were registered."""
    return iter(list(_REGISTRY.values()))


def form_named(name: str) -> Form:
    """The form of that name (``KeyError`` naming the known ones if there is none)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no form {name!r}; the forms are {', '.join(_REGISTRY)}") from None


def form_for_file(path: str | PurePath) -> Form:
    """The form a file holds by its suffix; text files of any other suffix are Markdown
    (archive pages and scraped articles)."""
    suffix = PurePath(path).suffix.lower()
    found = next((form for form in forms() if suffix in form.suffixes and form.read), None)
    return found or _REGISTRY["md"]


def sniff(text: str) -> Form:
    """The form a text holds, recognised from its first characters."""
    found = next((form for form in forms() if form.read and form.looks_like(text)), None)
    return found or _REGISTRY["md"]


def _register_builtin() -> None:
    from . import html, json, markdown, xml

    for module in (markdown, json, xml, html):
        register(module.FORM)


_register_builtin()
