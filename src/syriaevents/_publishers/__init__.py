"""Who published an article, and what each publisher wraps around its articles.

A :class:`Publisher` is declared as data, one module a publisher: the outlet's name,
the hosts of its URLs, the lines that name it in a text that carries no URL
(``signatures``), the lines that are never article text (``furniture``), the lines
that open a closing appeal (it and all after it go), its photo-line convention, which
URLs date an article, and the comment layouts its pages show (names of the readers in
``syriaevents._comments``). The article reader applies the rules of the publisher it
found, and only those, plus the rules that hold for any site.

Every pattern matches a whole line with its surrounding spaces trimmed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import attrs

__all__ = [
    "ANY_SITE_COMMENT_LAYOUTS",
    "PUBLISHERS",
    "Publisher",
    "any_line",
    "publisher_for_text",
    "publisher_for_url",
]

# The comment layouts that name themselves unmistakably, read on any site's pages.
ANY_SITE_COMMENT_LAYOUTS = ("bullets", "wpdiscuz", "wordpress")


def any_line(*patterns: str) -> re.Pattern[str] | None:
    """One pattern matching a whole line that any of ``patterns`` matches (None: none)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


@attrs.frozen(kw_only=True)
class Publisher:
    """One publisher's rules (see the module docstring)."""

    name: str
    hosts: tuple[str, ...]
    signatures: re.Pattern[str] | None = None
    furniture: re.Pattern[str] | None = None
    appeal_starts: re.Pattern[str] | None = None
    # Its pages always show a photo line (caption, credit or both) under the headline.
    photo_after_title: bool = False
    # A URL that dates its article reliably (groups year, month, day), if any.
    url_date: re.Pattern[str] | None = None
    comment_layouts: tuple[str, ...] = ANY_SITE_COMMENT_LAYOUTS

    def owns_host(self, host: str) -> bool:
        """Whether a URL's host is this publisher's (``www.`` and other subdomains too)."""
        host = host.lower().rstrip(".")
        return any(host == known or host.endswith("." + known) for known in self.hosts)


def _declared() -> tuple[Publisher, ...]:
    from . import almasdar, moscow_times, sana, southfront, syrian_observatory

    modules = (moscow_times, southfront, almasdar, sana, syrian_observatory)
    return tuple(module.PUBLISHER for module in modules)


PUBLISHERS = _declared()


def publisher_for_url(url: str | None) -> Publisher | None:
    """The publisher whose host a URL names, if it is one of ours."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # found by fuzzing: urlsplit refuses malformed IPv6 hosts
        return None
    return next((p for p in PUBLISHERS if host and p.owns_host(host)), None)


def _signature_search() -> re.Pattern[str]:
    """One pattern finding the first line that is any publisher's signature; the group
    that matched names the publisher (``p0`` is the first of PUBLISHERS)."""
    alternatives = [
        f"(?P<p{number}>{publisher.signatures.pattern})"
        for number, publisher in enumerate(PUBLISHERS)
        if publisher.signatures is not None
    ]
    return re.compile(rf"^[^\S\n]*+(?:{'|'.join(alternatives)})[^\S\n]*$", re.MULTILINE)


_SIGNATURE_LINE = _signature_search()


def publisher_for_text(text: str) -> Publisher | None:
    """The publisher whose signature line comes first in a text, if any."""
    found = _SIGNATURE_LINE.search(text)
    if found is None or found.lastgroup is None:
        return None
    return PUBLISHERS[int(found.lastgroup[1:])]
