"""Publishers: found by URL, by the text's URL, or by signature lines; rules scoped."""

from __future__ import annotations

import pytest

from syriaevents import parse_article
from syriaevents._publishers import PUBLISHERS, publisher_for_text, publisher_for_url


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.themoscowtimes.com/2019/06/18/x-a66042", "The Moscow Times"),
        ("https://themoscowtimes.com/news/x-62822", "The Moscow Times"),
        ("https://maps.southfront.org/x/", "SouthFront"),
        ("https://southfront.press/x", "SouthFront"),
        ("http://ns2.sana.sy/en/?p=125706", "SANA"),
        ("https://www.syriahr.com/en/55223/", "The Syrian Observatory For Human Rights"),
        ("https://www.almasdarnews.com/article/x/", "Al-Masdar News"),
        ("https://notsouthfront.org/x", None),
        ("https://example.org/themoscowtimes.com", None),
        ("http://[::1", None),
        ("", None),
    ],
)
def test_publisher_by_url(url: str, name: str | None) -> None:
    """A URL's host, or any subdomain of it, names the publisher; lookalikes do not."""
    found = publisher_for_url(url)
    assert (found.name if found else None) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Support The Moscow Times!", "The Moscow Times"),
        ("2,500 $", "SouthFront"),
        ("Do you like this content? Consider helping us!", "SouthFront"),
        ("Damascus, SANA – The government said on Monday ...", "SANA"),
        ("ALEPPO, SYRIA (10:05 A.M.) – Heavy clashes broke out ...", "Al-Masdar News"),
        ("The Syrian Observatory for Human Rights", "The Syrian Observatory For Human Rights"),
        ("The Moscow Times reported on Monday that talks would go on.", None),
        ("Support us", None),
    ],
)
def test_publisher_by_signature(line: str, name: str | None) -> None:
    """Lines only one publisher prints name it; a sentence that mentions it does not."""
    found = publisher_for_text(f"A Headline Here\n\n{line}\n\nText.\n")
    assert (found.name if found else None) == name


def test_every_publisher_is_declared_completely() -> None:
    """Each publisher has a name, hosts and a way to be recognised without a URL."""
    assert len({publisher.name for publisher in PUBLISHERS}) == len(PUBLISHERS)
    for publisher in PUBLISHERS:
        assert publisher.hosts
        assert publisher.signatures is not None


def test_url_given_names_the_publisher_and_fills_the_url() -> None:
    """A body-only record: the caller's URL is the only way to know its publisher."""
    text = "The ministry said on Monday that talks would resume.\nDiplomats confirmed it.\n"
    article = parse_article(text, url="https://www.themoscowtimes.com/2018/09/18/x-a62916")
    assert article.publisher == "The Moscow Times"
    assert article.url == "https://www.themoscowtimes.com/2018/09/18/x-a62916"
    assert article.title is None
    assert parse_article(text).publisher is None


def test_the_texts_own_url_wins_over_the_callers() -> None:
    """A record stating its original URL keeps it; the caller's is the fallback."""
    text = "A Headline Here\n\nText.\n\nOriginal url:\n\n<https://southfront.org/x/>\n"
    article = parse_article(text, url="https://example.org/copy")
    assert article.url == "https://southfront.org/x/"
    assert article.publisher == "SouthFront"


def test_a_bad_url_argument_is_refused() -> None:
    """The caller's URL is checked like any URL the models hold."""
    with pytest.raises(ValueError, match="url"):
        parse_article("A Headline Here\n\nText.\n", url="javascript:alert(1)")
    with pytest.raises(TypeError):
        parse_article("A Headline Here\n\nText.\n", url=42)  # type: ignore[arg-type]
