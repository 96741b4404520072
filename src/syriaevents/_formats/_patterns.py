"""The line patterns of the archive's Markdown pages, each named for what it matches."""

from __future__ import annotations

import re

from .._paths import ARCHIVE_SLUG, EVENT_PATH

# The current layout's format links: "Formats: [HTML](/news/.../slug.html)  [JSON](...)  ";
# the path is what stands between the first link's "(" and ".html)".
FORMATS_PREFIX = "Formats:"
FORMATS_HTML_LINK = "Formats: [HTML]("
FORMATS_HTML_END = ".html)"
# The November 2017 layout's format links: a heading over a bullet list, the date
# heading straight after it: "### Formats:", "", "* [HTML](/news/.../slug.html)", ...
FORMATS_HEADING = "### Formats:"
FORMATS_ITEM = re.compile(r"\* \[(?P<name>[A-Za-z]+)\]\((?P<url>[^()\s]*)\)")
# The date heading: "### [2017-05-4](/news/2017/05/4/index.md)" (day not zero-padded).
DATE_HEADING_PREFIX = "### ["
DATE_HEADING = re.compile(
    re.escape(DATE_HEADING_PREFIX)
    + r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\]\([^()]*\)"
)
CATEGORY_PREFIX = "##### "
TITLE_PREFIX = "# "
# Section headings; the older layout says "Source:" where the current one says "Sources:".
SOURCES_HEADING = "### Sources:"
SOURCE_HEADING = "### Source:"
CHANGES_HEADING = "### Changes:"
RELATED_HEADING = "### Related:"
# The start of a list item: "1. [" (numbers may repeat or skip).
ITEM_START = re.compile(r"(\d{1,9})\. \[")
# A related item ends with its shared tags: "...](/news/....md) _Context: Iran, Russia_".
CONTEXT_MARK = ") _Context: "
CONTEXT_END = "_"
TAG_SEPARATOR = ", "
# A change item ends with "...](/news/....md) _2018-02-06 13:49:31 (Update)_"
# or, for the current version, "...](/news/....md) _(Current version)_".
CHANGE_MARK = ") _"
CHANGE_TRAILER = re.compile(
    r"_(?:(?P<timestamp>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) )?\((?P<kind>[^()]+)\)_"
)
# A link to an archive event page: "/news/2017/05/4/<slug>.md" (see _paths.ARCHIVE_SLUG).
EVENT_LINK = re.compile(rf"({EVENT_PATH.pattern})\.md")
# Where the day of such a link may end: after "/news/YYYY/MM/" and one or two digits.
EVENT_LINK_DAY_START = len("/news/2017/05/")
# What follows the day in such a link: "/<slug>.md".
EVENT_LINK_SLUG = re.compile(rf"/{ARCHIVE_SLUG}\.md")

# Day pages (news/YYYY/MM/D/index.md): "## [2017-04-7](/news/2017/04/7/index.md)", then
# per event an optional "##### Category", "### [Headline ](/news/....md)" and a summary
# line or a Context line, and at the end "## [Previous Day...](/news/2017/04/6/index.md)".
DAY_HEADING_PREFIX = "## ["
DAY_HEADING = re.compile(
    re.escape(DAY_HEADING_PREFIX)
    + r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\]\([^()]*\)"
)
PREVIOUS_DAY_PREFIX = "## [Previous Day"
PREVIOUS_DAY = re.compile(
    re.escape(PREVIOUS_DAY_PREFIX)
    + r"[^\]]*\]\(/news/(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})/"
    r"(?:index|README)\.md\)"
)
HEADLINE_PREFIX = "### ["
CONTEXT_LINE_PREFIX = "_Context: "
# The starts of a day page's markup lines, which a summary line cannot have.
LINE_STARTS = (CATEGORY_PREFIX, HEADLINE_PREFIX, PREVIOUS_DAY_PREFIX)
