"""What each publisher wraps around its articles, declared as data: one module a site.

A :class:`Site` names the outlet, the hosts of its URLs, the lines that are never
article text (``furniture``), the lines that open a closing appeal (it and all after it
are dropped) and the lines that identify the site when a text has no URL.
"""

from __future__ import annotations

import re

import attrs

from . import moscow_times, southfront

__all__ = [
    "APPEAL_STARTS",
    "FURNITURE",
    "SITES",
    "WIDGET_CONTROLS",
    "WIDGET_HEADER",
    "WIDGET_TIME",
    "Site",
    "site_for_host",
    "site_for_text",
]


@attrs.frozen(kw_only=True)
class Site:
    """One publisher's rules; every pattern matches a whole line, spaces trimmed."""

    name: str
    hosts: tuple[str, ...]
    furniture: tuple[re.Pattern[str], ...]
    appeal_starts: tuple[re.Pattern[str], ...]
    signatures: tuple[re.Pattern[str], ...]


SITES = tuple(
    Site(
        name=module.NAME,
        hosts=module.HOSTS,
        furniture=tuple(re.compile(p) for p in module.FURNITURE),
        appeal_starts=tuple(re.compile(p) for p in module.APPEAL_STARTS),
        signatures=tuple(re.compile(p) for p in module.SIGNATURES),
    )
    for module in (moscow_times, southfront)
)
FURNITURE = tuple(pattern for site in SITES for pattern in site.furniture)
APPEAL_STARTS = tuple(pattern for site in SITES for pattern in site.appeal_starts)
# SouthFront's newer comment widget (see southfront.py).
WIDGET_HEADER = re.compile(southfront.WIDGET_HEADER)
WIDGET_TIME = re.compile(southfront.WIDGET_TIME)
WIDGET_CONTROLS = tuple(re.compile(p) for p in southfront.WIDGET_CONTROLS)


def site_for_host(host: str) -> Site | None:
    """The site a URL's host belongs to (``www.`` and other subdomains included)."""
    host = host.lower()
    for site in SITES:
        if any(host == known or host.endswith("." + known) for known in site.hosts):
            return site
    return None


def site_for_text(lines: list[str]) -> Site | None:
    """The site whose signature lines a text carries, if any."""
    for site in SITES:
        for line in lines:
            stripped = line.strip()
            if any(pattern.fullmatch(stripped) for pattern in site.signatures):
                return site
    return None
