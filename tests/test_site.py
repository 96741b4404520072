"""The built site without a browser: links, markup, and pages that read back as models."""

from __future__ import annotations

import datetime
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import attrs
import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    Day,
    Event,
    RelatedEvent,
    from_html,
    load,
    parse_day,
    parse_event,
)
from syriaevents._build import plan_of
from syriaevents._cli import main
from syriaevents._formats._frame import relative_href
from syriaevents._site_html import day_page, document_page, index_page, tag_page

from .conftest import (
    ARTICLE_SEEDS,
    EVENT_SEEDS,
    HAND_WRITTEN_DAYS,
    HAND_WRITTEN_PAGES,
    examples,
    read,
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.hrefs.append(value)


def _internal_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [href for href in parser.hrefs if not urlsplit(href).scheme and href != "#"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the seeds, the hand-written pages and days."""
    output = tmp_path_factory.mktemp("site")
    sources = [*EVENT_SEEDS.values(), *ARTICLE_SEEDS.values(), *HAND_WRITTEN_PAGES]
    assert main(["build", *map(str, [*sources, *HAND_WRITTEN_DAYS]), "-o", str(output)]) == 0
    return output


def test_every_internal_link_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for page in pages:
        for href in _internal_links(page):
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"
            assert site.resolve() in target.parents
            checked += 1
    assert checked > 100


def test_every_page_is_valid_html5(site: Path) -> None:
    for page in site.rglob("*.html"):
        html5lib.HTMLParser(strict=True).parse(page.read_bytes())


def test_site_pages_read_back_as_their_documents(site: Path) -> None:
    """A site page is the document's HTML form plus navigation: from_html reads it."""
    for page in site.rglob("news/*/*/*/*.html"):
        assert from_html(read(page)) == load(page.with_suffix(".json"))
    for page in site.rglob("articles/*.html"):
        assert from_html(read(page)) == load(page.with_suffix(".json"))


def test_related_events_outside_the_archive_are_not_links(site: Path) -> None:
    """Seed 000's own Related list names events the archive does not hold: plain text."""
    event = parse_event(read(EVENT_SEEDS["000"]))
    page = (site / f"{event.path.lstrip('/')}.html").read_text(encoding="utf-8")
    held = event.related[3]  # seed 002, which the site holds
    assert held.path == parse_event(read(EVENT_SEEDS["002"])).path
    assert f'<a class="target" href="../../01/1/{held.path.rsplit("/", 1)[1]}.html">' in page
    missing = event.related[0]
    assert f'<span class="target">{missing.title[:30]}' in page.replace("&#x27;", "'")


def test_day_pages_complete_the_days_read(site: Path) -> None:
    """A day read keeps its layout and gains the site's events it did not list."""
    day = parse_day(read(HAND_WRITTEN_DAYS[0]))
    written = site / "news/2016/03/9/index.md"
    assert written.read_text(encoding="utf-8") == read(HAND_WRITTEN_DAYS[0])
    assert parse_day(read(written)) == day
    seed = parse_event(read(EVENT_SEEDS["000"]))
    generated = parse_day(read(site / "news/2017/05/4/index.md"))
    assert generated.events[0].path == seed.path
    assert generated.events[0].category == seed.category


def _event(day: int, title: str, tags: tuple[str, ...]) -> Event:
    return Event(date=datetime.date(2017, 1, day), title=title, tags=tags)


def test_site_ranks_related_events_and_articles() -> None:
    older = _event(1, "Older", ("Aleppo", "Syria"))
    newer = _event(5, "Newer", ("Aleppo", "Syria", "Russia"))
    unrelated = _event(3, "Unrelated", ("Fiji",))
    article = Article(title="Fighting in Aleppo", body=["Shelling hit Aleppo again."])
    plan, keys = plan_of([older, newer, unrelated, article])
    assert keys[3] == "/articles/fighting-in-aleppo"
    assert plan.related(plan.event_at[newer.path]) == (
        RelatedEvent(title="Older", path=older.path, date=older.date, tags=("Aleppo", "Syria")),
    )
    (found,) = plan.coverage(plan.event_at[newer.path])
    assert (found.path, found.label, found.tags) == (keys[3], article.title, ("Aleppo",))
    assert plan.coverage(plan.event_at[unrelated.path]) == ()
    assert [day.date.day for day in plan.days] == [1, 3, 5]
    assert [day.previous for day in plan.days] == [None, older.date, unrelated.date]
    assert all(isinstance(day, Day) for day in plan.days)


def test_articles_with_the_same_title_get_their_own_pages() -> None:
    _, keys = plan_of([Article(title="Same"), Article(title="Same", body=["Other"])])
    assert keys == ["/articles/same", "/articles/same-2"]


def test_web_text_stays_inert_on_every_site_page() -> None:
    """Titles, tags and categories from the web are escaped on the index and tag pages too."""
    hostile = '<script>alert("x")</script>'
    event = Event(
        date=datetime.date(2017, 1, 2),
        title=f"Headline {hostile}",
        category=hostile,
        tags=(hostile, "Syria"),
    )
    article = Article(title=f"Story {hostile}", publisher=hostile, body=["About Syria."])
    plan, keys = plan_of([event, article])
    pages = [
        index_page(plan),
        document_page(plan, keys[0], event),
        document_page(plan, keys[1], plan_article := attrs.evolve(article, tags=("Syria",))),
        *[day_page(plan, day) for day in plan.days],
        *[tag_page(plan, tag) for tag in plan.tags.values()],
    ]
    assert plan_article.title
    assert len(pages) == 1 + 2 + 1 + 2  # index, event, article, day, 2 tags
    for text in pages:
        assert "<script>" not in text
        html5lib.HTMLParser(strict=True).parse(text)
    assert "Headline &lt;script&gt;" in pages[0]


def test_every_relative_link_starts_with_a_dot(site: Path) -> None:
    """No link the site writes can have its first segment read as a URL scheme: relative
    links start with ./, ../ or #, the others are http(s) or mailto."""
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            scheme = urlsplit(href).scheme
            assert href.startswith(("./", "../", "#")) or scheme in ("http", "https", "mailto"), (
                page,
                href,
            )


@pytest.mark.parametrize(
    "slug",
    ["javascript:alert(document['domain'])", "a:b", "x'y", "x(y)", "Upper", "a_b", "a%3Ab"],
)
def test_a_page_stating_a_hostile_path_is_refused(slug: str) -> None:
    """A slug holds lower-case letters, digits and hyphens (and letters beyond ASCII):
    anything that could read as a scheme or leave its folder is refused."""
    page = read(EVENT_SEEDS["000"]).replace(
        "a-memorandum-is-signed-by-russia-iran-and-turkey-calling-for-de-escalation-of-the-syrian-civil-war-although-neither-the-syrian-government",
        slug,
    )
    with pytest.raises(ValueError, match="slug"):
        parse_event(page)
    with pytest.raises(ValueError, match="slug"):
        Event(date=datetime.date(2017, 5, 4), title="T", path=f"/news/2017/05/4/{slug}")


_SEGMENT = st.sampled_from(["news", "2017", "05", "4", "a", "tags", "articles", "index"])


@settings(max_examples=examples(300))
@given(
    target=st.lists(_SEGMENT, max_size=4).map(lambda folders: [*folders, "page.html"]),
    folder=st.lists(_SEGMENT, max_size=5),
)
def test_relative_links_agree_with_posixpath(target: list[str], folder: list[str]) -> None:
    """Property: the site's fast relative link from a folder to a file is
    posixpath.relpath's, made to start with ./ or ../."""
    expected = posixpath.relpath("/".join(target), "/".join(folder) or ".")
    expected = expected if expected.startswith("../") else f"./{expected}"
    assert relative_href("/".join(target), "/".join(folder)) == expected


def test_timelines_on_the_index_tag_and_event_pages(site: Path) -> None:
    """Events per month on the index and each tag page, related months on event pages:
    inline SVG (no script), each bar titled with its month and count."""
    event = parse_event(read(EVENT_SEEDS["000"]))
    pages = {
        "index": read(site / "index.html"),
        "tag": read(site / "tags/syria.html"),
        "event": read(site / f"{event.path.lstrip('/')}.html"),
    }
    for name, text in pages.items():
        svg = text[text.index("<svg") : text.index("</svg>") + len("</svg>")]
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img", name
        assert root.get("aria-label"), name
        bars = root.findall(".//{http://www.w3.org/2000/svg}rect")
        assert bars, name
        assert all(bar.find("{http://www.w3.org/2000/svg}title") is not None for bar in bars)
        assert "<script" not in svg
