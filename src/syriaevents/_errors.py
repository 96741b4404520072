"""The exceptions syriaevents raises.

::

    SyriaEventsError            the root: catch this to catch everything below
     ├── ParseError             (also a ValueError) input text could not be read
     └── SerializationError     (also a ValueError) a model cannot be written in a form

Invalid model values given to a constructor raise the builtin ``TypeError`` or
``ValueError`` (attrs validators), never a subclass of these.
"""

from __future__ import annotations

__all__ = ["ParseError", "SerializationError", "SyriaEventsError"]


class SyriaEventsError(Exception):
    """Root of every exception raised by syriaevents."""


class ParseError(SyriaEventsError, ValueError):
    """Input could not be read into a model.

    ``line`` and ``column`` are 1-based and point at the offending text when the
    reader knows where it is; ``path`` names the offending field of a JSON or XML
    document (``related[3].date``) when the problem is a value rather than a
    position. ``message`` says what was expected and what was found.
    """

    message: str
    line: int | None
    column: int | None
    path: str | None

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
    ) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
            if self.column is not None:
                where.append(f"column {self.column}")
        if self.path:
            where.append(f"at {self.path}")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse_error, (self.message, self.line, self.column, self.path))


def _rebuild_parse_error(
    message: str, line: int | None, column: int | None, path: str | None
) -> ParseError:
    return ParseError(message, line=line, column=column, path=path)


class SerializationError(SyriaEventsError, ValueError):
    """A model holds a value that a form cannot write so that it reads back equal."""
