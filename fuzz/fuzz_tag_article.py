"""Coverage-guided fuzzing of tag_article with atheris: any article, any vocabulary.

    pip install -e ".[fuzz]"
    mkdir -p /tmp/fuzz-tags
    python fuzz/fuzz_tag_article.py /tmp/fuzz-tags fuzz/corpus -max_total_time=600 -timeout=5 \
        -dict=fuzz/readers.dict

An input is read as in fuzz_readers.py (``_calls.py``); when the reader returns an
article, it is tagged with a vocabulary cut from the input's own text (lines,
clauses, words; the last byte says how), so that labels occur in the text. Labels
that are tags (one line of text without surrounding spaces): tag_article returns the
article with tags of the vocabulary, nothing else changed, and never raises. A label
that is no tag: ValueError, whether the text mentions it or not.
"""

from __future__ import annotations

import base64
import sys

import atheris

with atheris.instrument_imports():
    import _calls
    import attrs

    import syriaevents as se


def check(article: se.Article, vocabulary: list[str]) -> None:
    """The property tag_article keeps (AssertionError or its error if not)."""
    if not all(map(_calls.tag_is_valid, vocabulary)):
        try:
            se.tag_article(article, vocabulary)
        except ValueError:
            return
        raise AssertionError("a vocabulary with a label that is no tag was taken")
    tagged = se.tag_article(article, vocabulary)
    assert set(tagged.tags) <= set(vocabulary), tagged.tags
    assert len(set(map(se.canonical_tag, tagged.tags))) == len(tagged.tags), tagged.tags
    assert attrs.evolve(tagged, tags=article.tags) == article
    for part in _calls.parts(tagged):
        attrs.validate(part)


def test_one_input(data: bytes) -> None:
    call = _calls.call_of(data)
    if call is None:
        return
    try:
        article = call.run()
    except ValueError:  # ParseError, or a URL the models refuse: no article to tag
        return
    if not isinstance(article, se.Article):
        return
    vocabulary = _calls.vocabulary_of(data, call.text)
    try:
        check(article, vocabulary)
    except BaseException:
        encoded = base64.b64encode(call.text.encode("utf-8", "surrogatepass")).decode()
        print(
            f"\nreader={call.reader!r} url={call.url!r}\ntext(base64)={encoded}"
            f"\nvocabulary={vocabulary!r}",
            flush=True,
        )
        raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
