"""Coverage-guided fuzzing of every reader with atheris: only ParseError may escape.

    pip install -e ".[fuzz]"
    mkdir -p /tmp/fuzz-work
    python fuzz/fuzz_readers.py /tmp/fuzz-work fuzz/corpus -max_total_time=600

The seed corpus (fuzz/corpus) holds the seeds and hand-written pages and their JSON,
XML and HTML forms; new inputs go to the first folder named. The first byte of each
input picks the reader; the rest is its text. A crash prints the input in Base64: add it
to tests/test_fuzz_regressions.py before fixing the reader.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports():
    import syriaevents as se

READERS = (se.parse, se.parse_event, se.parse_article, se.from_json, se.from_xml, se.from_html)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    reader = READERS[data[0] % len(READERS)]
    text = data[1:].decode("utf-8", "replace")
    with contextlib.suppress(se.ParseError):
        reader(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
