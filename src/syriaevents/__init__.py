"""syriaevents: the archive of news events about the Syrian civil war, as typed data."""

from ._errors import ParseError, SerializationError, SyriaEventsError
from ._models import Change, Event, RelatedEvent, Source
from ._paths import archive_path

__all__ = [
    "Change",
    "Event",
    "ParseError",
    "RelatedEvent",
    "SerializationError",
    "Source",
    "SyriaEventsError",
    "archive_path",
]
