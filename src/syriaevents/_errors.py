"""The exceptions syriaevents raises.

::

    SyriaEventsError            the root: catch this to catch everything below
     ├── ParseError             (also a ValueError) input text could not be read
     ├── SerializationError     (also a ValueError) a model cannot be written in a form
     ├── InvalidFieldError      (also a ValueError) a model was given a value its field
     │                          refuses; ``model`` and ``field`` name the field
     └── UnreadableFileError    (also an OSError) a file could not be read at all:
                                missing, a folder, a device or pipe, a link not
                                followed, or larger than the size allowed

A model given a value of the wrong type raises the builtin ``TypeError``; a value its
field refuses raises :class:`InvalidFieldError`.
"""

from __future__ import annotations

__all__ = [
    "InvalidFieldError",
    "ParseError",
    "SerializationError",
    "SyriaEventsError",
    "UnreadableFileError",
]


class SyriaEventsError(Exception):
    """Root of every exception raised by syriaevents."""


class ParseError(SyriaEventsError, ValueError):
    """Input could not be read into a model.

    ``line`` and ``column`` are 1-based and point at the offending text when the
    reader knows where it is; ``path`` names the offending field of a JSON or XML
    document (``related[3].date``) when the problem is a value rather than a
    position; ``file`` names the file, when the input was one. ``message`` says what
    was expected and what was found.
    """

    message: str
    line: int | None
    column: int | None
    path: str | None
    file: str | None

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        file: str | None = None,
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        self.file = file
        super().__init__(describe(message, line=line, column=column, path=path, file=file))

    def in_file(self, file: str) -> ParseError:
        """The same error, naming the file it was found in."""
        return ParseError(
            self.message, line=self.line, column=self.column, path=self.path, file=file
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse_error, (self.message, self.line, self.column, self.path, self.file))


def describe(
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    path: str | None = None,
    file: str | None = None,
) -> str:
    """A problem as people and editors read it: ``file:line:col: message`` with a file,
    ``line 3, column 5: message`` without, ``at related[3].date: message`` for a field."""
    if file is not None:
        where = f"{file}:{line}:{column or 1}" if line is not None else file
        field = f" at {path}:" if path else ""
        return f"{where}:{field} {message}"
    parts = []
    if line is not None:
        parts.append(f"line {line}")
        if column is not None:
            parts.append(f"column {column}")
    if path:
        parts.append(f"at {path}")
    return f"{', '.join(parts)}: {message}" if parts else message


def _rebuild_parse_error(
    message: str, line: int | None, column: int | None, path: str | None, file: str | None
) -> ParseError:
    return ParseError(message, line=line, column=column, path=path, file=file)


class InvalidFieldError(SyriaEventsError, ValueError):
    """A model refused a value: ``model`` and ``field`` name the field (``Source``,
    ``url``), so that readers can point at it without reading the message."""

    def __init__(self, model: str, field: str, message: str) -> None:
        super().__init__(message)
        self.model = model
        self.field = field

    def __reduce__(self) -> tuple[object, ...]:
        return (InvalidFieldError, (self.model, self.field, str(self)))


class SerializationError(SyriaEventsError, ValueError):
    """A model holds a value that a form cannot write so that it reads back equal."""


class UnreadableFileError(SyriaEventsError, OSError):
    """A file could not be read at all (see the tree above); ``filename`` names it."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        return (UnreadableFileError, (self.filename, self.reason))
