"""syriaevents: the archive of news events about the Syrian civil war, as typed data.

Read an archive page with :func:`parse_event` (and write it back with
:func:`to_markdown`), a scraped article with :func:`parse_article`, any document
with :func:`parse` or :func:`load`, rank related events with :func:`related` or an
:class:`Archive`, and move any model between the archive's JSON,
XML and HTML forms with ``to_json``/``from_json``, ``to_xml``/``from_xml`` and
``to_html``/``from_html``.
"""

from importlib.metadata import PackageNotFoundError, version

from ._documents import Loaded, Problem, iter_load, load, load_all, parse
from ._errors import (
    InvalidFieldError,
    ParseError,
    SerializationError,
    SyriaEventsError,
    UnreadableFileError,
)
from ._formats.article import parse_article
from ._formats.day_page import parse_day
from ._formats.event_page import parse_event
from ._formats.html import from_html, to_html
from ._formats.json import from_json, to_json
from ._formats.markdown import from_markdown, to_markdown
from ._formats.xml import from_xml, to_xml
from ._models import (
    Article,
    Change,
    Comment,
    Day,
    Event,
    Image,
    Link,
    ListedEvent,
    RelatedEvent,
    Source,
)
from ._paths import archive_path
from ._related import Archive, related, relatedness, tag_article
from ._schema import json_schema
from ._tags import canonical_tag

try:
    __version__ = version("syriaevents")
except PackageNotFoundError:  # a source tree that was not installed
    __version__ = "0+unknown"

__all__ = [
    "Archive",
    "Article",
    "Change",
    "Comment",
    "Day",
    "Event",
    "Image",
    "InvalidFieldError",
    "Link",
    "ListedEvent",
    "Loaded",
    "ParseError",
    "Problem",
    "RelatedEvent",
    "SerializationError",
    "Source",
    "SyriaEventsError",
    "UnreadableFileError",
    "archive_path",
    "canonical_tag",
    "from_html",
    "from_json",
    "from_markdown",
    "from_xml",
    "iter_load",
    "json_schema",
    "load",
    "load_all",
    "parse",
    "parse_article",
    "parse_day",
    "parse_event",
    "related",
    "relatedness",
    "tag_article",
    "to_html",
    "to_json",
    "to_markdown",
    "to_xml",
]
