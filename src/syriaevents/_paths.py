"""Archive paths: where the archive keeps an event page and a day page."""

from __future__ import annotations

import datetime
import re

__all__ = ["ARCHIVE_SLUG", "EVENT_PATH", "NON_ALNUM", "archive_path", "day_path", "slugify"]

# What an archive slug may hold: lower-case ASCII letters, digits and hyphens (what the
# archive's own rule makes), and letters and digits beyond ASCII (for the rare pages
# whose slugs kept them). No ":", ".", "/", quotes, parentheses or spaces: a slug is
# always a harmless relative link, never a scheme or another folder.
# (Written as runs of ASCII between single other letters, possessively: as fast as
# "[a-z0-9-]+" on the archive's slugs, and linear on any text.)
ARCHIVE_SLUG = r"(?=[^\W_A-Z]|-)[a-z0-9-]*+(?:[^\x00-\x7f\W_][a-z0-9-]*+)*+"
# An event's archive path without extension: "/news/2017/05/4/<slug>".
EVENT_PATH = re.compile(rf"/news/(\d{{4}})/(\d{{2}})/(\d{{1,2}})/{ARCHIVE_SLUG}")

# The archive slugs the first 140 characters of a headline *after* its UTF-8 bytes
# were mis-decoded as Latin-1 (so "Erdoğan" becomes "erdoaan" and "1,500-2,000" with an en dash
# becomes "1-500a2-000"), transliterating what is left with text-unidecode's table.
# Every character is then in U+0000..U+00FF, so this table is all that is needed.
_SLUG_LENGTH = 140
_LATIN1_TRANSLITERATION = (
    " ", "!", "C/", "PS", "$?", "Y=", "|", "SS", '"', "(c)", "a", "<<", "!", "", "(r)", "-",
    "deg", "+-", "2", "3", "'", "u", "P", "*", ",", "1", "o", ">>", "1/4", "1/2", "3/4", "?",
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "Th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y",
)  # fmt: skip
_TRANSLITERATE = {0x80 + i: "" for i in range(0x20)} | {
    0xA0 + i: text for i, text in enumerate(_LATIN1_TRANSLITERATION)
}
# A run of anything but ASCII letters and digits becomes one hyphen.
NON_ALNUM = re.compile(r"[^a-z0-9]+")
# A colon directly followed by a letter ("Syrian civil war:Rebel forces"): the archive's
# slug has a "p" there ("syrian-civil-war-prebel-forces"), left over from a paragraph
# tag it stripped, and that "p" counts toward the 140-character cut.
_COLON_BEFORE_LETTER = re.compile(r":(?=[^\W\d_])")


def slugify(title: str) -> str:
    """The archive's slug of a headline (may be empty for punctuation alone)."""
    if ":" in title:
        title = _COLON_BEFORE_LETTER.sub(":p", title)
    mojibake = title.encode("utf-8", "surrogatepass").decode("latin-1")[:_SLUG_LENGTH]
    ascii_text = mojibake.translate(_TRANSLITERATE).lower()
    return NON_ALNUM.sub("-", ascii_text).strip("-")


def day_path(date: datetime.date) -> str:
    """The archive folder of a day, e.g. ``/news/2017/05/4`` (no trailing slash)."""
    return f"/news/{date.year:04d}/{date.month:02d}/{date.day}"


def archive_path(date: datetime.date, title: str) -> str:
    """The path the archive gives an event, without extension.

    >>> archive_path(datetime.date(2017, 1, 1), "Peace talks begin in Astana. ")
    '/news/2017/01/1/peace-talks-begin-in-astana'

    The archive cuts the headline at 140 characters (counted as it counted them,
    see above), so long headlines give shortened slugs. Raises ``ValueError`` when
    the title has no letter or digit to make a slug from.
    """
    if not isinstance(date, datetime.date):
        raise TypeError(f"date must be a datetime.date, not {type(date).__name__}")
    if not isinstance(title, str):
        raise TypeError(f"title must be a str, not {type(title).__name__}")
    slug = slugify(title)
    if not slug:
        raise ValueError(f"cannot make an archive path from {title!r}: it has no letter or digit")
    return f"{day_path(date)}/{slug}"
