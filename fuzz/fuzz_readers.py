"""Coverage-guided fuzzing of every reader with atheris: a valid model or ParseError.

    pip install -e ".[fuzz]"
    mkdir -p /tmp/fuzz-work
    python fuzz/record_seeds.py ../shared/corpus/articles /tmp/fuzz-records
    python fuzz/fuzz_readers.py /tmp/fuzz-work fuzz/corpus /tmp/fuzz-records -max_total_time=600 \
        -timeout=5 -dict=fuzz/readers.dict

The readers are parse, parse_event, parse_day, parse_article (with and without a URL),
from_json, from_xml and from_html; how an input picks one and its arguments is in
``_calls.py``. Each must return a model that passes every validator, in every part,
and reads back equal from its JSON, XML and HTML forms, or raise ParseError. A URL
given to parse_article that the models refuse is the caller's error: a ValueError
(not a ParseError) whatever the text, and only then.

The seed corpus (fuzz/corpus) holds the seeds, the hand-written pages, their JSON,
XML and HTML forms, and hand-written comment threads; ``record_seeds.py`` writes the
real article records of ../shared/corpus/articles, with their URLs, as another seed
folder to name after it; new inputs go to the first folder named (a
scratch folder: keep generated inputs out of the corpus). readers.dict lists the tokens
the readers look for, so that mutations put them in whole. A crash prints the call to
add to tests/test_fuzz_regressions.py before fixing the reader; to see it again, run
the harness on the crash file alone.
"""

from __future__ import annotations

import base64
import sys

import atheris

with atheris.instrument_imports():
    import _calls

    import syriaevents as se


def check(call: _calls.Call) -> None:
    """The property every reader keeps (AssertionError or the reader's error if not)."""
    url_refused = call.url is not None and not _calls.url_is_valid(call.url)
    try:
        model = call.run()
    except se.ParseError:
        assert not url_refused, "a refused url= must be a ValueError, not a ParseError"
        return
    except ValueError:
        if url_refused:
            return
        raise
    assert not url_refused, f"url={call.url!r} was taken"
    _calls.assert_sound(model)


def test_one_input(data: bytes) -> None:
    call = _calls.call_of(data)
    if call is None:
        return
    try:
        check(call)
    except BaseException:
        encoded = base64.b64encode(call.text.encode("utf-8", "surrogatepass")).decode()
        print(f"\nreader={call.reader!r} url={call.url!r}\ntext(base64)={encoded}", flush=True)
        raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
