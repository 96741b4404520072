"""The fuzz harnesses' properties (fuzz/) as Hypothesis tests: readers give sound models
or raise ParseError, on mutated real records and mutated pages; tag_article never raises
for a vocabulary of tags."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    ParseError,
    canonical_tag,
    from_html,
    parse_article,
    tag_article,
    to_html,
)

from .conftest import ROOT, read
from .strategies import articles, days, events, lines
from .test_fuzz_regressions import read_or_refuse

ARTICLES = ROOT.parent / "shared" / "corpus" / "articles"
_EXPECTED = ARTICLES / "expected.json"
# Each real record with the URL it was scraped from.
RECORDS: dict[str, str] = (
    {name: labels["url"] for name, labels in json.loads(read(_EXPECTED)).items()}
    if _EXPECTED.is_file()
    else {}
)
needs_corpus = pytest.mark.skipif(
    not RECORDS, reason="the shared article corpus is not beside this checkout"
)


def url_is_valid(url: str) -> bool:
    """Whether the models take ``url`` as an article's URL."""
    try:
        Article(url=url)
    except ValueError:
        return False
    return True


# Junk made of what the article reader reads: bullets and indentation, headings,
# emphasis, links, credit chains, comment markers, numbers, dashes and quotes.
_MARKUP = ["•", "  ", "    ", "\n", "\n\n", "#", "# ", "*", "**", "[", "](", " / ", "(", ")"]
_WORDS = ["says:", " says:", "Notify of", "1", "12", "2017", ". ", "a", "Ab", " "]
_DASHES_AND_QUOTES = ["-", "—", "–", '"', "“", "”", "'", "’"]
_ARTICLE_JUNK = st.lists(
    st.sampled_from([*_MARKUP, *_WORDS, *_DASHES_AND_QUOTES]), max_size=20
).map("".join)
# URLs of the known publishers, of none, and some no article may hold.
_URLS = st.sampled_from(
    [
        "https://www.themoscowtimes.com/2017/03/22/x-a57499",
        "https://southfront.org/x/",
        "https://maps.southfront.org/x/",
        "https://www.almasdarnews.com/article/x/",
        "http://ns2.sana.sy/en/?p=1",
        "https://www.syriahr.com/en/1/",
        "https://example.org/x",
        "http://[::1",
        "#",
        "javascript:alert(1)",
        "",
        " https://southfront.org/x/",
        "https://southfront.org/a b",
        "https://southfront.org/](x)",
    ]
)


@needs_corpus
@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_mutated_real_records_are_read_or_refused(data: st.DataObject) -> None:
    """Property: a real record with a slice cut out and junk put in, read with its URL,
    another or none, gives a sound article or ParseError; a URL no article may hold is a
    ValueError that is no ParseError, whatever the text."""
    name = data.draw(st.sampled_from(sorted(RECORDS)))
    text = read(ARTICLES / name)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 300)))
    text = text[:start] + data.draw(_ARTICLE_JUNK) + text[end:]
    url = data.draw(st.none() | st.just(RECORDS[name]) | _URLS)
    if url is not None and not url_is_valid(url):
        with pytest.raises(ValueError, match="url") as refused:
            parse_article(text, url=url)
        assert not isinstance(refused.value, ParseError)
        return
    read_or_refuse(lambda text: parse_article(text, url=url), text)


@st.composite
def _vocabularies(draw: st.DrawFn, article: Article) -> list[str]:
    """Tags, and runs of the article's own words (so that labels occur in it)."""
    words = " ".join((article.title or "", *article.body)).split()
    runs = st.builds(
        lambda start, size: " ".join(words[start : start + size]),
        st.integers(0, max(len(words) - 1, 0)),
        st.integers(1, 4),
    ).filter(bool)
    return draw(st.lists(lines | runs if words else lines, max_size=12))


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_tag_article_never_raises_for_tags(data: st.DataObject) -> None:
    """Property: any article, a vocabulary of tags: the article back with labels of the
    vocabulary (one per canonical tag) as its tags, nothing else changed."""
    article = data.draw(articles())
    vocabulary = data.draw(_vocabularies(article))
    tagged = tag_article(article, vocabulary)
    assert set(tagged.tags) <= set(vocabulary)
    assert len({canonical_tag(tag) for tag in tagged.tags}) == len(tagged.tags)
    assert attrs.evolve(tagged, tags=article.tags) == article
    attrs.validate(tagged)


# Junk made of what an HTML page is made of.
_ELEMENTS = ["<", ">", "</", "/>", "<!--", "-->", "<![", "<p>", "</li>", "<li ", "<time "]
_ATTRIBUTES = ["&", "&amp;", ";", '"', "'", "=", 'class="', 'data-depth="', " ", "\n", "a", "0"]
_HTML_JUNK = st.lists(st.sampled_from([*_ELEMENTS, *_ATTRIBUTES]), max_size=12).map("".join)


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_mutated_html_pages_are_read_or_refused(data: st.DataObject) -> None:
    """Property: the HTML page of any model with a slice cut out and junk put in gives a
    sound model or ParseError."""
    model = data.draw(st.one_of(events(), articles(), days()))
    text = to_html(model)
    # Within the <article> element: the page around it (style, head) is never read.
    first, last = text.index("<article"), text.rindex("</article>") + len("</article>")
    start = data.draw(st.integers(first, last))
    end = data.draw(st.integers(start, min(last, start + 200)))
    read_or_refuse(from_html, text[:start] + data.draw(_HTML_JUNK) + text[end:])
