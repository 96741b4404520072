"""The peers' models of an event, for the JSON comparisons.

Three pydantic v2 and msgspec twins of :class:`~syriaevents.Event` and its parts:

- ``Plain*`` (pydantic) and ``Msgspec*`` hold the same fields and types, and check
  types only: what the library would do with no rules of its own.
- ``Checked*`` (pydantic) make the same checks as ours: text lines, tags, URLs and
  archive paths by patterns (pydantic-core's Rust regex), and in Python what a pattern
  cannot say — a summary's paragraphs, a path naming a date that exists, a related
  event's path naming its own date. The peer to be at parity with.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

import msgspec
import pydantic
from pydantic import StringConstraints

from syriaevents import Event, to_json
from syriaevents._text import FORBIDDEN_IN_TEXT

__all__ = [
    "CheckedEvent",
    "MsgspecEvent",
    "PlainEvent",
    "peer_fields",
]


def peer_fields(event: Event) -> bytes:
    """The event's JSON without the ``type`` key, which the peers' models do not hold."""
    data = msgspec.json.decode(to_json(event))
    del data["type"]
    return msgspec.json.encode(data)


# Plain: types only.
class PlainSource(pydantic.BaseModel):
    name: str
    url: str


class PlainRelated(pydantic.BaseModel):
    title: str
    path: str
    date: datetime.date
    tags: tuple[str, ...] = ()


class PlainChange(pydantic.BaseModel):
    title: str
    path: str
    kind: str
    timestamp: datetime.datetime | None = None


class PlainEvent(pydantic.BaseModel):
    date: datetime.date
    title: str
    category: str | None = None
    summary: str | None = None
    sources: tuple[PlainSource, ...] = ()
    related: tuple[PlainRelated, ...] = ()
    tags: tuple[str, ...] = ()
    path: str | None = None
    image: str | None = None
    changes: tuple[PlainChange, ...] = ()


# Checked: the same rules as ours. Characters no text may hold (C0 and C1 controls but
# tab and newline, noncharacters; Rust strings hold no lone surrogates).
_FORBIDDEN = r"\x00-\x08\x0b-\x1f\x7f-\x9f\x{fdd0}-\x{fdef}\x{fffe}\x{ffff}"
_EDGE = rf"[^\s{_FORBIDDEN}]"  # what a line starts and ends with
Line = Annotated[str, StringConstraints(pattern=rf"^{_EDGE}(?:[^\n{_FORBIDDEN}]*{_EDGE})?$")]
# A URL: one line without whitespace, a safe scheme or none (relative).
_SAFE = r"(?i:https?|ftps?|mailto):"
_NO_SCHEME = r"(?:[^A-Za-z\s]|[A-Za-z][A-Za-z0-9+.\-]*(?:[^A-Za-z0-9+.\-:\s]|$))"
Url = Annotated[str, StringConstraints(pattern=rf"^(?:{_SAFE}|{_NO_SCHEME})[^\s{_FORBIDDEN}]*$")]
# An archive path: lower-case ASCII letters, digits and hyphens, or letters beyond ASCII.
_PATH = r"^/news/(\d{4})/(\d{2})/(\d{1,2})/[a-z0-9\-\P{ASCII}]+$"
Path = Annotated[str, StringConstraints(pattern=_PATH)]
_PATH_DATE = re.compile(_PATH.replace(r"\P{ASCII}", r"^\x00-\x7f"))


def _path_date(path: str) -> datetime.date:
    match = _PATH_DATE.match(path)
    assert match is not None  # the pattern checked it
    return datetime.date(int(match[1]), int(match[2]), int(match[3]))


def _no_markdown_link(url: str) -> str:
    if "](" in url:
        raise ValueError("must be a URL without '](' ")
    return url


class CheckedSource(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)
    name: Line
    url: Url

    @pydantic.field_validator("url")
    @classmethod
    def check_url(cls, url: str) -> str:
        return _no_markdown_link(url)


class CheckedRelated(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)
    title: Line
    path: Path
    date: datetime.date
    tags: tuple[Line, ...] = ()

    @pydantic.model_validator(mode="after")
    def check_path_date(self) -> CheckedRelated:
        if _path_date(self.path) != self.date:
            raise ValueError(f"path must name the event's date {self.date}")
        return self


class CheckedChange(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)
    title: Line
    path: Path
    kind: Line
    timestamp: datetime.datetime | None = None

    @pydantic.field_validator("path")
    @classmethod
    def check_path(cls, path: str) -> str:
        _path_date(path)  # ValueError for a date that does not exist
        return path


class CheckedEvent(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)
    date: datetime.date
    title: Line
    category: Line | None = None
    summary: str | None = None
    sources: tuple[CheckedSource, ...] = ()
    related: tuple[CheckedRelated, ...] = ()
    tags: tuple[Line, ...] = ()
    path: Path | None = None
    image: Url | None = None
    changes: tuple[CheckedChange, ...] = ()

    @pydantic.field_validator("summary")
    @classmethod
    def check_summary(cls, summary: str | None) -> str | None:
        if summary is None:
            return None
        if not summary.isprintable() and FORBIDDEN_IN_TEXT.search(summary):
            raise ValueError("must not contain control characters")
        for paragraph in summary.split("\n\n"):
            if not paragraph or paragraph != paragraph.strip():
                raise ValueError("must be paragraphs separated by exactly one blank line")
            if "\n" in paragraph and any(not line.strip() for line in paragraph.split("\n")):
                raise ValueError("must not contain whitespace-only lines")
        return summary

    @pydantic.field_validator("path")
    @classmethod
    def check_path(cls, path: str | None) -> str | None:
        if path is not None:
            _path_date(path)  # ValueError for a date that does not exist
        return path

    @pydantic.field_validator("image")
    @classmethod
    def check_image(cls, url: str | None) -> str | None:
        return None if url is None else _no_markdown_link(url)


class MsgspecSource(msgspec.Struct):
    name: str
    url: str


class MsgspecRelated(msgspec.Struct):
    title: str
    path: str
    date: datetime.date
    tags: tuple[str, ...] = ()


class MsgspecChange(msgspec.Struct):
    title: str
    path: str
    kind: str
    timestamp: datetime.datetime | None = None


class MsgspecEvent(msgspec.Struct):
    date: datetime.date
    title: str
    category: str | None = None
    summary: str | None = None
    sources: tuple[MsgspecSource, ...] = ()
    related: tuple[MsgspecRelated, ...] = ()
    tags: tuple[str, ...] = ()
    path: str | None = None
    image: str | None = None
    changes: tuple[MsgspecChange, ...] = ()
