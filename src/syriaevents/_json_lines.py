"""JSON Lines: many documents in one file, one compact JSON document per line.

``to_json_lines`` writes documents so; ``iter_json_lines`` reads them back one line at
a time, so that a file of 100,000 events is never held whole. Each line is a document
as ``to_json`` writes it, on one line; blank lines are skipped; a bad line is a
:class:`ParseError` naming its line number (and the file). See ``docs/formats.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import IO

import orjson

from ._converter import unstructure
from ._documents import MAX_BYTES, check_kind, expect_kind
from ._errors import ParseError, UnreadableFileError
from ._formats.json import read_json
from ._models import Document

__all__ = ["iter_json_lines", "to_json_lines"]

# What one line holds: the document, compact (orjson's default), and a newline.
_LINE = orjson.OPT_APPEND_NEWLINE
_BOM = "\ufeff".encode()
# What a blank line may hold (a line of only these is skipped).
_BLANK = b" \t\r\n"


def to_json_lines(documents: Iterable[Document]) -> str:
    """Write documents as JSON Lines: each one compact on its own line, newline-ended."""
    return b"".join(
        orjson.dumps(unstructure(document), option=_LINE) for document in documents
    ).decode("utf-8")


def iter_json_lines(
    source: str | os.PathLike[str] | IO[bytes] | IO[str] | Iterable[str | bytes],
    *,
    kind: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document]:
    """The documents of a JSON Lines file, read one line at a time.

    ``source`` is a path (a ``str`` is a path, as for :func:`iter_load`), an open file
    (text or binary), or any iterable of lines (``text.splitlines()``). Blank lines are
    skipped; a UTF-8 byte order mark before the first line is tolerated. ``kind`` is what
    every document must hold. A bad line raises :class:`ParseError` with its line number
    (1 for the first line, blank lines counted), the column or field path within it and,
    for a path, the file; a line longer than ``max_bytes`` is refused unread. A file that
    cannot be opened raises :class:`UnreadableFileError`.
    """
    check_kind(kind)
    if isinstance(source, str | os.PathLike):
        return _documents_in_file(os.fspath(source), kind, max_bytes)
    return _documents(source, kind, max_bytes)


def _documents_in_file(name: str, kind: str | None, max_bytes: int) -> Iterator[Document]:
    try:
        file = open(name, "rb")  # noqa: SIM115 (closed below, once the lines are read)
    except OSError as exc:
        raise UnreadableFileError(name, exc.strerror or str(exc)) from exc
    with file:
        # readline with a limit: a line of any length is never read whole past max_bytes.
        lines = iter(lambda: file.readline(max_bytes + 1), b"")
        try:
            yield from _documents(lines, kind, max_bytes)
        except ParseError as exc:
            raise exc.in_file(name) from exc
        except OSError as exc:
            raise UnreadableFileError(name, exc.strerror or str(exc)) from exc


def _documents(
    lines: Iterable[str | bytes], kind: str | None, max_bytes: int
) -> Iterator[Document]:
    for number, line in enumerate(lines, 1):
        if isinstance(line, str):
            # Surrogates pass through to orjson, which refuses them as not UTF-8.
            line = line.encode("utf-8", "surrogatepass")
        if len(line) > max_bytes:
            raise ParseError(f"expected a line of at most {max_bytes:,} bytes", line=number)
        if number == 1:
            line = line.removeprefix(_BOM)
        if not line.strip(_BLANK):
            continue
        # As the writer ends it: read fastest without its newline (see read_json).
        if line.endswith(b"\n"):
            line = line[:-1]
        try:
            document = read_json(line, 0)
            expect_kind(document, kind)
        except ParseError as exc:
            raise ParseError(exc.message, line=number, column=exc.column, path=exc.path) from exc
        yield document
