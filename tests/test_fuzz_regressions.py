"""Inputs the fuzzer (fuzz/fuzz_readers.py) once crashed a reader with: each must now
give a ParseError. The first byte of each picks the reader, as in the harness."""

from __future__ import annotations

import base64
import contextlib

import pytest

import syriaevents as se

READERS = (se.parse, se.parse_event, se.parse_article, se.from_json, se.from_xml, se.from_html)

CRASHES = {
    # html.parser raised AssertionError on a marked section "<![Russia".
    "html-marked-section": (
        "BTwhLS1DVFlQRSBodG1sPgo8aHRtbCBqZi04Ij4KPG1ldGEgbmFtZT0idmlld3BvcnQiIGNvbnRlbnQ9"
        "IndpZHRoPWRldmljZbKysrKysrKysrKysrKysrKysrKysrKysrKybyBUZWxsIFJpZmFhgHQKCjwhW1J1c3NpYQpD"
        "bGljayBsb3I6IzFmMjMyODtiYWNrZ3JvdW5kOiNmZGZjZjl9YXtjb2xvcjojMWE0dGVyJWs="
    ),
    # urlsplit raised ValueError on a stray "]" in an original URL's host.
    "url-bracket-host": (
        "AAoKIyBSdXNzaWEgSG9zdHMgVP9sZiAKSW5sZWR3IGH/dGhlIGNvbmZsaWN0LgoKT3JpZ2luYWwgdXJs"
        "OgoKPGh0dHBzOi8vd3d3LnRo//////////////////9hbGtzLXdpdGgtaXJdYW4tc3lyaWEtdHVya2V5"
        "LWE4MDkzND4="
    ),
    # A related link whose URL the Link model refuses ("#0](#") raised ValueError
    # (rebuilt by hand from the fuzzer's traceback).
    "refused-link": (
        "AEEgdGl0bGUKClNvbWUgdGV4dC4KCioqUmVsYXRlZCBhcnRpY2xlOioqIFtBIGxpbmtdKCMwXSgjKQo="
    ),
}


@pytest.mark.parametrize("name", CRASHES)
def test_former_crash_is_a_parse_error(name: str) -> None:
    """The reader that crashed now refuses the input cleanly (or reads it)."""
    data = base64.b64decode(CRASHES[name])
    reader = READERS[data[0] % len(READERS)]
    with contextlib.suppress(se.ParseError):
        reader(data[1:].decode("utf-8", "replace"))
