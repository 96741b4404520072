"""Scraped articles and comment threads: parse_article, parse, load, and every form."""

from __future__ import annotations

import contextlib
import datetime
import gc
import time
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syriaevents import (
    Article,
    Comment,
    Event,
    Image,
    Link,
    ParseError,
    from_html,
    from_json,
    from_xml,
    iter_load,
    load,
    parse,
    parse_article,
    to_html,
    to_json,
    to_xml,
)

from .conftest import ARTICLE_SEEDS, DATA, EVENT_SEEDS, SEEDS, at_full_size, examples, read
from .strategies import outlines, thread_text

ARTICLES = DATA / "articles"
FORMS = [(to_json, from_json), (to_xml, from_xml), (to_html, from_html)]


def _outline(article: Article) -> list[tuple[int, str | None, tuple[str, ...]]]:
    return [(depth, c.author, c.body) for depth, c in article.thread()]


def test_seed_001_loses_its_furniture() -> None:
    """Moscow Times banner, appeal and buttons go; caption, credit, five paragraphs stay."""
    article = parse_article(read(ARTICLE_SEEDS["001"]))
    assert article.title == "Russia, Iran and Turkey Agree to Syrian 'De-escalation Zones'"
    assert article.publisher == "The Moscow Times"
    assert article.images == (
        Image(
            caption="Delegations of Russia, Iran and Turkey hold talks on Syrian peace in"
            " Astana, Kazakhstan, Jan. 23, 2017.",
            credit="Sergei Grits / AP",
        ),
    )
    assert len(article.body) == 5
    assert article.body[0].startswith("Russia, Iran, and Turkey have signed a memorandum")
    assert article.body[-1].endswith("ultimately turning the tide in the government's favor.")
    text = "\n".join(article.body)
    for furniture in (
        "ad-free",
        "Support us",
        "banned in Russia",
        "Dear readers",
        "Monthly",
        "Read more",
    ):
        assert furniture not in text


def test_seed_003_markdown_article() -> None:
    """Byline, date, bold credit, related link and original URL become fields, not paragraphs."""
    article = parse_article(read(ARTICLE_SEEDS["003"]))
    assert article.title == "Russia Hosts Talks with Iran, Syria, Turkey"
    assert article.authors == ("AFP",)
    assert article.published == datetime.date(2023, 4, 25)
    assert article.images[0].credit == (
        "Vadim Savitsky / Press Service of the Russian Defence Ministry / TASS"
    )
    assert article.related == (
        Link(
            title="Turkey, Syria, Russia Defense Ministers Meet for First Talks Since 2011", url="#"
        ),
    )
    assert (
        article.url
        == "https://www.themoscowtimes.com/2023/04/25/russia-hosts-talks-with-iran-syria-turkey-a80934"
    )
    assert article.publisher == "The Moscow Times"
    assert len(article.body) == 13
    assert not any("**" in p or "](" in p or "Related article" in p for p in article.body)


def test_seed_004_thread_has_the_shape_its_indentation_gives() -> None:
    """19 comments, 7 at the top level, four levels deep, exactly nested."""
    article = parse_article(read(ARTICLE_SEEDS["004"]))
    assert article.images == (
        Image(caption="FILE IMAGE: Russian Military Police service members are in Syria"),
    )
    assert len(article.body) == 8
    outline = _outline(article)
    assert len(outline) == 19
    assert len(article.comments) == 7
    assert max(depth for depth, _, _ in outline) == 3
    assert [(d, a) for d, a, _ in outline[:3]] == [
        (0, "Behold a Pale Horse"),
        (1, "jason sixx"),
        (1, "Bob"),
    ]
    assert outline[1][2] == ()  # jason sixx wrote nothing
    tudor = article.comments[4]
    assert tudor.author == "Tudor Miron"
    assert tudor.body[0].startswith("Hahaha :) A classic Russian move.")
    assert "\nDuring WWII" in tudor.body[0]  # one paragraph over two lines
    assert "Искупить кровью" in tudor.body[0]
    assert [r.author for r in article.comments[3].replies] == [
        "FlorianGeyer",
        "Terra Cotta Woolpuller",
    ]


def test_older_moscow_times_layout() -> None:
    """Title twice, time and update lines, glued site credit, agency line, newsletter, appeal."""
    article = load(ARTICLES / "moscow_times_2017.txt")
    assert isinstance(article, Article)
    assert article.title == "Kremlin Says Talks in Astana Will Go On"
    assert article.published == datetime.date(2017, 5, 4)
    assert article.images == (
        Image(caption="Vladimir Putin at a meeting in the Kremlin, Moscow.", credit="Kremlin.ru"),
    )
    assert article.authors == ("Reuters",)
    assert article.body == (
        "The Kremlin said on Thursday that the talks would continue next month.",
        'Officials in Moscow described the memorandum as "a step forward".',
    )


def test_moscow_times_photo_line_without_a_credit_is_a_caption() -> None:
    """The Moscow Times puts a photo line under every headline: with no credit it is the
    caption; the other appeal is dropped."""
    article = load(ARTICLES / "moscow_times_no_caption.txt")
    assert isinstance(article, Article)
    assert article.images == (
        Image(caption="Trucks wait at the Wafideen crossing east of Damascus, Feb. 14, 2018."),
    )
    assert article.published is None  # a caption's date is not the article's
    assert article.publisher == "The Moscow Times"
    assert article.body[0].startswith("The first aid convoy in months")
    assert len(article.body) == 2


def test_unknown_publisher_keeps_what_other_publishers_call_furniture() -> None:
    """A site the library does not know: headline and body, its first paragraph not taken
    for a caption, and no other publisher's furniture or widget rules applied."""
    article = load(ARTICLES / "unknown_site.txt")
    assert isinstance(article, Article)
    assert article.publisher is None
    assert article.title == "Rebels Retake Two Villages Near Hama"
    assert article.images == ()
    assert article.comments == ()
    assert article.body == (
        "Rebels retook two villages north of Hama on Sunday, a monitoring group said.",
        "Read more",
        "Support us",
        "Subscribe",
        "12 Comments",
        "Click to see the full-size map",
        "Fighting continued into the night.",
    )


def test_southfront_furniture_and_a_bullet_list_in_the_body() -> None:
    """Ticker, support lines, map and embed markers, widget controls go; the body's list stays."""
    article = load(ARTICLES / "southfront_embeds.txt")
    assert isinstance(article, Article)
    assert article.title == "Syrian Army Advances Near Maarat al-Numan"
    assert article.publisher == "SouthFront"
    assert article.comments == ()
    assert article.body == (
        "The Syrian Arab Army captured three villages on Tuesday, according to local sources:\n"
        "• Tell Mardikh;\n• Abu Dafnah;\n• Tell Khatrah.",
        "Militants have not commented on the developments yet.",
    )


def test_newer_comment_widget() -> None:
    """Comments without bullets: each is an author, a relative time, paragraphs, controls."""
    text = read(ARTICLES / "southfront_widget.txt")
    article = parse_article(text, url="https://southfront.org/russian-military-police-deploy/")
    assert article.body == (
        "Russian military police units were deployed in the area on Monday.",
        "Turkish forces did not comment.",
    )
    assert _outline(article) == [
        (
            0,
            "Ivan the Terrible",
            ("Good news for the people of the area.", "Let us hope it lasts."),
        ),
        (0, "Chris", ("Turkey will not accept this.",)),
        (0, "قارئ", ("هذا خبر مهم",)),
    ]


def test_thread_edge_cases() -> None:
    """Non-Latin authors and text, empty comments, a reply four deep, a return to the top."""
    article = load(ARTICLES / "thread_edge_cases.txt")
    assert isinstance(article, Article)
    assert _outline(article) == [
        (0, "Анна", ("Первый абзац,\nкоторый продолжается.", "Второй абзац.")),
        (1, "Bob", ()),
        (2, "Carol", ()),
        (3, "Dan", ("Deep reply — with “quotes” & <b>markup</b>.",)),
        (1, "Eve", ("A sibling of Bob.",)),
        (0, "مستخدم", ("تعليق بالعربية",)),
    ]


@pytest.mark.parametrize(
    ("thread", "line", "words"),
    [
        ("  • Ann\n\n    Text.\n\n  •\n", 5, "author"),
        ("  • Ann\n\n   Odd indentation.\n", 3, "multiple of 2"),
        ("  • Ann\n\n      • Deep\n", 3, "one level deeper"),
        ("  • Ann\n\n  Text under no comment.\n", 3, "indented by 4"),
    ],
)
def test_threads_that_cannot_be_understood(thread: str, line: int, words: str) -> None:
    """A bullet with no author or inconsistent indentation is a ParseError with its position."""
    with pytest.raises(ParseError, match=words) as raised:
        parse_article("Title\n\nText.\n\n" + thread)
    assert raised.value.line == line + 4


@pytest.mark.parametrize(
    "text", ["", "\n\n", "Support The Moscow Times!\n×\nRead more\n", "Title\x00\n"]
)
def test_no_article_is_a_parse_error(text: str) -> None:
    """Empty text, furniture alone, control characters: ParseError, never another error."""
    with pytest.raises(ParseError):
        parse_article(text)


@settings(max_examples=examples(80), deadline=None)
@given(outline=outlines())
def test_any_thread_reads_back_as_written(outline: list[tuple[int, str, tuple[str, ...]]]) -> None:
    """Property: a thread written by its indentation grammar reads back to the same outline."""
    article = parse_article("A title\n\nSome text.\n\n\n" + thread_text(outline))
    assert _outline(article) == outline
    for write, read_back in FORMS:
        assert read_back(write(article)) == article


def _chain(depth: int) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(level, f"user{level}", (f"reply at depth {level}",)) for level in range(depth)]


def _wide(count: int) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(index % 3, f"user{index}", ("a comment",)) for index in range(count)]


@pytest.mark.parametrize(
    "outline",
    [_chain(at_full_size(10_000, 2_000)), _wide(at_full_size(100_000, 30_000))],
    ids=["deep", "long"],
)
def test_huge_threads_survive_every_form(outline: list[tuple[int, str, tuple[str, ...]]]) -> None:
    """Thousands of levels deep (10,000 with --slow) or tens of thousands of comments long
    (100,000): no RecursionError anywhere."""
    article = parse_article("Deep\n\nText.\n\n" + thread_text(outline))
    assert len(_outline(article)) == len(outline)
    assert article == parse_article("Deep\n\nText.\n\n" + thread_text(outline))
    assert "replies=" in repr(article)
    for write, read_back in FORMS:
        assert read_back(write(article)) == article


@pytest.mark.parametrize(
    ("small", "large"),
    [(_wide(20_000), _wide(80_000)), (_chain(1_000), _chain(2_000))],
    ids=["long", "deep"],
)
def test_thread_parsing_is_linear_in_its_size(
    small: list[tuple[int, str, tuple[str, ...]]], large: list[tuple[int, str, tuple[str, ...]]]
) -> None:
    """Time per character stays flat as threads grow (a ratio, not a timing).

    A deep thread's text grows with the square of its depth (each level indents
    more), so time is compared per character of input.
    """

    def per_character(outline: list[tuple[int, str, tuple[str, ...]]]) -> float:
        text = "T\n\nText.\n\n" + thread_text(outline)
        gc.collect()
        gc.disable()  # full collections scale with what earlier tests left in memory
        try:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                parse_article(text)
                times.append(time.perf_counter() - start)
        finally:
            gc.enable()
        return min(times) / len(text)

    assert per_character(large) / per_character(small) < 2


def test_untrusted_comment_text_stays_inert_in_html() -> None:
    """A comment holding a script or a javascript: link is text on the page, and reads back."""
    article = Article(
        title="T",
        comments=[
            Comment(
                author="<script>alert(1)</script>",
                body=["click <a href='javascript:alert(1)'>here</a>", "javascript:alert(2)"],
            )
        ],
    )
    page = to_html(article)
    document = html5lib.parse(page, namespaceHTMLElements=False)
    assert not document.findall(".//script")
    hrefs = [a.get("href", "") for a in document.iter("a")]
    assert not [href for href in hrefs if href.lower().startswith("javascript:")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert from_html(page) == article


def test_parse_and_load_recognise_each_seed(tmp_path: Path) -> None:
    """Event pages become Events and articles Articles; a BOM is tolerated."""
    for path in EVENT_SEEDS.values():
        assert isinstance(load(path), Event)
    for path in ARTICLE_SEEDS.values():
        assert isinstance(load(path), Article)
    with_bom = tmp_path / "bom.md"
    with_bom.write_bytes(b"\xef\xbb\xbf" + EVENT_SEEDS["002"].read_bytes())
    assert load(with_bom) == parse(read(EVENT_SEEDS["002"]))


def test_iter_load_streams_a_folder(tmp_path: Path) -> None:
    """Every document of a folder, recursively, in name order; a bad file names itself."""
    assert [type(d).__name__ for d in iter_load(SEEDS)] == [
        "Event", "Article", "Event", "Article", "Article"
    ]  # fmt: skip
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.md").write_text("### [2017-02-30](/news/x)\n", encoding="utf-8")
    with pytest.raises(ParseError, match=r"bad\.md:1:6: expected a real date"):
        list(iter_load(tmp_path))


def test_load_names_the_offset_of_a_bad_byte(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give a ParseError with byte offset, line and column."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\nCaf\xe9 text.\n")
    with pytest.raises(ParseError, match="byte 0xe9 at byte offset 10") as raised:
        load(bad)
    assert (raised.value.line, raised.value.column) == (3, 4)


@settings(max_examples=examples(300), deadline=None)
@given(text=st.text())
def test_arbitrary_text_only_ever_raises_parse_error(text: str) -> None:
    """Property: parse_article and parse return a model or raise ParseError, nothing else."""
    for reader in (parse_article, parse):
        with contextlib.suppress(ParseError):
            reader(text)


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_mutated_articles_only_ever_raise_parse_error(data: st.DataObject) -> None:
    """Property: an article seed with a slice cut out or junk put in fails cleanly if at all."""
    text = read(data.draw(st.sampled_from(sorted(ARTICLE_SEEDS.values()))))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 300)))
    junk = data.draw(st.text(alphabet=st.sampled_from(" \n•\t#*[]()<>ab"), max_size=30))
    with contextlib.suppress(ParseError):
        parse_article(text[:start] + junk + text[end:])


# --- the rules for any site, each on cases of its own -----------------------------------


def test_menu_and_section_label_before_the_headline_go() -> None:
    """Navigation lines (short, no sentences) and a one-word section label are no headline."""
    text = (
        "Home\nWorld\nMiddle East\nOpinion\n2 hours ago Oil Prices Fall Again\nVideo\n\n"
        "Syria\n\nTroops Enter Manbij After Talks\n\nTroops entered Manbij on Monday.\n"
    )
    article = parse_article(text)
    assert article.title == "Troops Enter Manbij After Talks"
    assert article.body == ("Troops entered Manbij on Monday.",)


def test_repeated_headline_in_other_quote_marks_goes_anywhere() -> None:
    """A headline repeated under itself, with straight quotes, or over a map, is dropped."""
    text = (
        "Talks on ‘Safe Zones’ Resume\n\nTalks on 'Safe Zones' Resume\n\nThe talks resumed.\n\n"
        "TALKS ON “SAFE ZONES” RESUME\n\nThey will go on.\n"
    )
    article = parse_article(text)
    assert article.title == "Talks on ‘Safe Zones’ Resume"
    assert article.body == ("The talks resumed.", "They will go on.")


def test_a_kicker_stays_in_the_headline() -> None:
    assert parse_article("Analysis | Why Idlib Matters\n\nText.\n").title == (
        "Analysis | Why Idlib Matters"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Troops moved north on Monday.\nThe ministry confirmed it.\nFighting went on.\n",
        "Troops moved north on Monday, officials said.\n\nFighting went on.\n",
    ],
    ids=["single newlines", "blank lines"],
)
def test_body_only_records_have_no_headline(text: str) -> None:
    """A record that starts with a paragraph has no headline: no paragraph is promoted."""
    article = parse_article(text)
    assert article.title is None
    assert article.body[0].startswith("Troops moved north on Monday")
    assert len(article.body) in (2, 3)


def test_headline_over_single_newline_paragraphs() -> None:
    text = "Troops Move North\nTroops moved north on Monday.\nFighting went on.\n"
    article = parse_article(text)
    assert article.title == "Troops Move North"
    assert article.body == ("Troops moved north on Monday.", "Fighting went on.")


def test_a_wrapped_paragraph_stays_one_paragraph() -> None:
    """Lines that end mid-sentence are one paragraph, kept as its lines."""
    text = "A Headline Here\n\nTroops moved north on Monday as the\nministry had said they would.\n"
    assert parse_article(text).body == (
        "Troops moved north on Monday as the\nministry had said they would.",
    )


@pytest.mark.parametrize(
    ("first_line", "published", "first_paragraph"),
    [
        (
            " date 2020-01-02 BEIRUT, LEBANON (3:15 P.M.) – The army advanced.",
            "2020-01-02",
            "BEIRUT, LEBANON (3:15 P.M.) – The army advanced.",
        ),
        ("date 2019-07-30 The army advanced.", "2019-07-30", "The army advanced."),
        (" date 2019-02-30 The army advanced.", None, "The army advanced."),
    ],
)
def test_crawl_date_marker(first_line: str, published: str | None, first_paragraph: str) -> None:
    """The crawl's date marker is the published date and never text; the dateline stays."""
    article = parse_article(first_line + "\nThey held the town.\n")
    assert (article.published.isoformat() if article.published else None) == published
    assert article.body[0] == first_paragraph


def test_timestamp_and_update_lines_give_the_date_and_are_not_text() -> None:
    text = (
        "Russian Ships Head to Tartus\n\nMarch 22, 2017 — 16:00\n— Update: 16:33\n\n"
        "WASHINGTON — Three ships sailed on Monday.\n"
    )
    article = parse_article(text)
    assert article.published == datetime.date(2017, 3, 22)
    assert article.body == ("WASHINGTON — Three ships sailed on Monday.",)


@pytest.mark.parametrize(
    ("url", "published"),
    [
        (
            "https://www.themoscowtimes.com/2017/03/22/fighters-die-a57499",
            datetime.date(2017, 3, 22),
        ),
        ("https://themoscowtimes.com/2024/11/08/us-strikes-kill-100", None),
        ("https://southfront.org/2017/03/22/fighters-die-a57499", None),
    ],
)
def test_url_dates_only_with_the_sites_article_id(
    url: str, published: datetime.date | None
) -> None:
    """A URL date is trusted only where the publisher's article id vouches for it."""
    text = "Fighters Die in Syria\n\nDefense Ministry\n\nSix men died this year.\n"
    assert parse_article(text, url=url).published == published


def test_a_caption_date_is_not_the_published_date() -> None:
    text = "Support The Moscow Times!\n\nTalks in Munich\n\n"
    text += "Lavrov in Munich, Feb. 11, 2016.\n\nText.\n"
    article = parse_article(text)
    assert article.images == (Image(caption="Lavrov in Munich, Feb. 11, 2016."),)
    assert article.published is None


@pytest.mark.parametrize(
    ("lines", "titles"),
    [
        ("Related article: Talks Resume in Astana", ["Talks Resume in Astana"]),
        ("**Read also:** [Talks Resume](https://example.org/talks)", ["Talks Resume"]),
        ("See also:\n\n* Talks Resume\n* Ceasefire Holds", ["Talks Resume", "Ceasefire Holds"]),
        (
            "More on this topic:\n\n1. Talks Resume\n\n2. Ceasefire Holds",
            ["Talks Resume", "Ceasefire Holds"],
        ),
        ("You may also like:\n\n[Talks Resume](https://example.org/a)", ["Talks Resume"]),
    ],
)
def test_announced_links_go_to_related(lines: str, titles: list[str]) -> None:
    """Inline links to other stories are related links, never body text."""
    article = parse_article(f"A Headline Here\n\nFirst paragraph.\n\n{lines}\n\nLast paragraph.\n")
    assert [link.title for link in article.related] == titles
    assert article.body == ("First paragraph.", "Last paragraph.")


def test_tag_lines_go_to_tags() -> None:
    text = "A Headline Here\n\nText.\n\nTags: Syria, Russia | Idlib; Turkey\n"
    article = parse_article(text)
    assert article.tags == ("Syria", "Russia", "Idlib", "Turkey")
    assert article.body == ("Text.",)


def test_byline_after_the_headline() -> None:
    article = parse_article("A Headline Here\n\nBy Jane Roe and John Doe\n\nText.\n")
    assert article.authors == ("Jane Roe", "John Doe")
    assert article.body == ("Text.",)


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("# Sources\n\n| file | url |\n| --- | --- |\n| a.txt | x |\n", 4, "a table"),
        ("Notes\n\nSee:\n\n|:---|---:|\n", 5, "a table"),
        ("# Read me\n\nInstall it:\n\n```sh\npip install .\n```\n", 5, "a code block"),
    ],
)
def test_markdown_documentation_is_no_article(text: str, line: int, what: str) -> None:
    """A README or a SOURCES.md (tables, code blocks) is refused, never published as an
    article; a pipe or a backtick in a sentence is not documentation."""
    with pytest.raises(ParseError, match=f"documentation \\({what}\\)") as raised:
        parse_article(text)
    assert raised.value.line == line
    article = parse_article("A Headline Here\n\nThe vote was 3 | 2, said `Reuters` --- late.\n")
    assert article.body == ("The vote was 3 | 2, said `Reuters` --- late.",)
