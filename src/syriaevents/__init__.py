"""syriaevents: the archive of news events about the Syrian civil war, as typed data.

Read an archive page with :func:`parse_event`, write it back with
:func:`to_markdown`, and move any model between the archive's JSON, XML and HTML
forms with ``to_json``/``from_json``, ``to_xml``/``from_xml`` and
``to_html``/``from_html``.
"""

from ._errors import ParseError, SerializationError, SyriaEventsError
from ._formats.event_page import parse_event, to_markdown
from ._formats.html import from_html, to_html
from ._formats.json import from_json, to_json
from ._formats.xml import from_xml, to_xml
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
    "from_html",
    "from_json",
    "from_xml",
    "parse_event",
    "to_html",
    "to_json",
    "to_markdown",
    "to_xml",
]
