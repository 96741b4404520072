"""parse, load and iter_load: what a text or a file holds, and reading it as that."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from syriaevents import (
    Article,
    Day,
    Event,
    ParseError,
    Problem,
    UnreadableFileError,
    from_markdown,
    iter_load,
    load,
    load_all,
    parse,
    parse_article,
    parse_day,
    parse_event,
    to_json,
    to_markdown,
)
from syriaevents._models import Document

from .conftest import ARTICLE_SEEDS, DATA, EVENT_SEEDS, HAND_WRITTEN_DAYS, read

EVENT_002 = read(EVENT_SEEDS["002"])
DAY = read(HAND_WRITTEN_DAYS[0])


@pytest.mark.parametrize(
    "blank",
    ["", "\n", "\u00a0\n", "\u2028\n", " \t\n\u3000\n", "\ufeff\n"],
    ids=["none", "newline", "no-break space", "line separator", "mixed", "bom"],
)
def test_blank_first_lines_do_not_change_the_kind(blank: str) -> None:
    """Lines the page readers skip as blank are skipped the same way when telling kinds."""
    assert isinstance(parse(blank + EVENT_002), Event)
    assert isinstance(parse(blank + DAY.lstrip("\n")), Day)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("### [2017-01-1)(/news/2017/01/1/index.md)\n\n# A title \n", "event"),
        ("### [2017-O1-1](/news/2017/01/1/index.md)\n\n# A title \n", "event"),
        ("### {2017-01-1](/news/2017/01/1/index.md)\n\n# A title \n", "event"),
        ("## [2017-01-1]{/news/2017/01/1/index.md)\n\n### [A ](/news/x.md)\n", "day"),
        ("\nFormats: [HTML](/news/2017/01/1/a.html)\n\n### [2017-01-1] \n", "event"),
        ("\nformats: nothing useful\n", "event"),
        ("\n### Formats:\n\n* [HTML](/news/2017/11/11/a.html)\n### [2017-11-1x]\n", "event"),
        ("\n### Formats:\n\n* [HTML](2017/11/11/index.html)\n## [2017-11-1x](y)\n", "day"),
    ],
)
def test_text_that_starts_like_a_page_is_never_an_article(text: str, kind: str) -> None:
    """A page with a broken first line is refused by its own reader, not read as an article."""
    with pytest.raises(ParseError) as raised:
        parse(text)
    assert raised.value.line is not None
    with pytest.raises(ParseError):
        parse(text, kind=kind)


def test_articles_are_still_articles() -> None:
    """Text that does not start like an archive page is an article."""
    for seed in ARTICLE_SEEDS.values():
        assert isinstance(parse(read(seed)), Article)
    assert isinstance(parse("# A Markdown headline\n\nA paragraph.\n"), Article)


def test_kind_reads_as_asked_or_refuses() -> None:
    """kind= says what the text holds; a text of another kind fails in that kind's reader."""
    assert isinstance(parse(EVENT_002, kind="event"), Event)
    assert isinstance(parse(EVENT_002, kind="article"), Article)
    with pytest.raises(ParseError, match="date heading"):
        parse(read(ARTICLE_SEEDS["001"]), kind="event")
    with pytest.raises(ValueError, match="kind must be one of"):
        parse(EVENT_002, kind="page")


def test_load_takes_an_older_pages_path_from_its_file(tmp_path: Path) -> None:
    """A page without a Formats line stored at its archive path is at that path."""
    folder = tmp_path / "news" / "2017" / "01" / "1"
    folder.mkdir(parents=True)
    stored = folder / "un-backs-the-ceasefire.md"
    stored.write_text(EVENT_002, encoding="utf-8")
    event = load(stored)
    assert isinstance(event, Event)
    assert event.path == "/news/2017/01/1/un-backs-the-ceasefire"
    elsewhere = tmp_path / "002.md"
    elsewhere.write_text(EVENT_002, encoding="utf-8")
    assert load(elsewhere).path == parse(EVENT_002).path != event.path  # type: ignore[union-attr]


def test_a_stated_path_wins_over_the_file(tmp_path: Path) -> None:
    """A page that states its path in its Formats line keeps it wherever it is stored."""
    folder = tmp_path / "news" / "2017" / "05" / "4"
    folder.mkdir(parents=True)
    stored = folder / "renamed.md"
    stored.write_text(read(EVENT_SEEDS["000"]), encoding="utf-8")
    assert load(stored) == parse(read(EVENT_SEEDS["000"]))


def test_load_and_iter_load_take_a_kind(tmp_path: Path) -> None:
    """kind= applies to every file, and a data form holding another kind is refused."""
    (tmp_path / "a.md").write_text(EVENT_002, encoding="utf-8")
    (tmp_path / "b.json").write_text(to_json(parse(DAY)), encoding="utf-8")
    assert isinstance(load(tmp_path / "a.md", kind="article"), Article)
    with pytest.raises(ParseError, match="expected an event, found a day"):
        load(tmp_path / "b.json", kind="event")
    assert [type(d) for d in iter_load(tmp_path / "a.md", kind="event")] == [Event]


def test_formats_list_pages_are_recognised() -> None:
    """Event and day pages of the November 2017 layout are told apart."""
    assert isinstance(parse(read(DATA / "markdown" / "formats_list_layout.md")), Event)
    assert isinstance(parse(read(DATA / "days" / "day_formats_list.md")), Day)


def test_parse_and_load_pass_an_articles_url(tmp_path: Path) -> None:
    """The caller's URL names a body-only record's publisher through parse and load."""
    text = "The ministry said on Monday that talks would resume.\nDiplomats confirmed it.\n"
    url = "https://www.themoscowtimes.com/2018/09/18/talks-a62916"
    (tmp_path / "record.txt").write_text(text, encoding="utf-8")
    for article in (parse(text, url=url), load(tmp_path / "record.txt", url=url)):
        assert isinstance(article, Article)
        assert (article.url, article.publisher) == (url, "The Moscow Times")


def test_files_that_cannot_be_read_are_unreadable_file_errors(tmp_path: Path) -> None:
    """Missing, dangling, a folder, too large, endless: an OSError naming the file, never a
    MemoryError or a hang."""
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "gone.md")
    big = tmp_path / "big.md"
    big.write_text("x" * 2000, "utf-8")
    cases = {
        tmp_path / "missing.md": "No such file",
        dangling: "No such file",
        tmp_path: "is a folder",
        big: "more than the 1,000 allowed",
        Path("/dev/zero"): "grew past the 1,000 bytes",
    }
    for path, words in cases.items():
        with pytest.raises(UnreadableFileError, match=words) as raised:
            load(path, max_bytes=1000)
        assert raised.value.filename == str(path)
        assert isinstance(raised.value, OSError)


def test_iter_load_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    """errors="report": a Problem record per bad file, in name order, and the rest read;
    the default stops at the first, naming it first in the message."""
    (tmp_path / "a.md").write_text(EVENT_002, "utf-8")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe not text")
    (tmp_path / "c.json").write_text('{"type": "event"}', "utf-8")
    (tmp_path / "d.md").write_text(DAY, "utf-8")
    found = list(iter_load(tmp_path, errors="report", suffixes=[".md", ".json"]))
    assert [type(item).__name__ for item in found] == ["Event", "Problem", "Problem", "Day"]
    binary, missing_field = found[1], found[2]
    assert isinstance(binary, Problem)
    assert isinstance(missing_field, Problem)
    assert (
        str(binary) == f"{tmp_path / 'b.md'}:1:1: expected UTF-8, found byte 0xff at byte offset 0"
    )
    assert (missing_field.kind, missing_field.field) == ("document", "date")
    assert str(missing_field) == (
        f"{tmp_path / 'c.json'}: at date: expected the required field 'date'"
    )
    with pytest.raises(ParseError) as raised:
        list(iter_load(tmp_path))
    assert str(raised.value).startswith(f"{tmp_path / 'b.md'}:1:1: expected UTF-8")
    loaded = load_all(tmp_path)
    assert [type(d).__name__ for d in loaded.documents] == ["Event", "Day"]
    assert [problem.file for problem in loaded.problems] == [str(tmp_path / "b.md")]


def test_links_in_folders_are_followed_only_when_asked_and_only_inside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(EVENT_002, "utf-8")
    folder = tmp_path / "in"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "page.md").write_text(EVENT_002, "utf-8")
    (folder / "inside.md").symlink_to(folder / "real" / "page.md")
    (folder / "outside.md").symlink_to(outside)
    default = list(iter_load(folder, errors="report"))
    assert [type(item).__name__ for item in default] == ["Problem", "Problem", "Event"]
    followed = list(iter_load(folder, errors="report", follow_links=True))
    assert [type(item).__name__ for item in followed] == ["Event", "Problem", "Event"]
    assert isinstance(followed[1], Problem)
    assert "leads outside the folder" in followed[1].message


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (parse_event, EVENT_002),
        (parse_day, DAY),
        (parse_article, read(ARTICLE_SEEDS["004"])),
        (from_markdown, read(EVENT_SEEDS["000"])),
        (parse, read(ARTICLE_SEEDS["001"])),
    ],
    ids=["parse_event", "parse_day", "parse_article", "from_markdown", "parse"],
)
def test_readers_take_utf8_bytes_as_they_take_text(
    reader: Callable[[str | bytes], Document], text: str
) -> None:
    """Bytes read as the text they encode, a BOM and CRLF kept for the page's own
    layout; bad UTF-8 is a ParseError at its line and column; other types a TypeError."""
    for spelled in (text, "\ufeff" + text.replace("\n", "\r\n")):
        from_text = reader(spelled)
        from_bytes = reader(spelled.encode("utf-8"))
        assert from_bytes == from_text
        if isinstance(from_bytes, Event | Day) and from_bytes.layout is not None:
            assert to_markdown(from_bytes) == spelled
    broken = text.encode("utf-8").replace(b"\n", b"\n\xff", 1)
    with pytest.raises(ParseError) as raised:
        reader(broken)
    assert (raised.value.line, raised.value.column) == (2, 1)
    with pytest.raises(TypeError, match="str or bytes"):
        reader(1)  # type: ignore[arg-type]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a url", 1])
def test_a_bad_url_is_the_callers_error_whatever_the_document(url: object, tmp_path: Path) -> None:
    """Regression: parse, from_markdown and load refuse a url= the models refuse before
    reading (ValueError, or TypeError for no str), for an event page as for an article."""
    error = TypeError if not isinstance(url, str) else ValueError
    path = tmp_path / "event.md"
    path.write_text(EVENT_002, encoding="utf-8")
    given: Any = url
    reads: list[Callable[[], object]] = [
        lambda: parse(EVENT_002, url=given),
        lambda: parse(b"\xff", url=given),
        lambda: from_markdown(EVENT_002, url=given),
        lambda: load(path, url=given),
    ]
    for read_with_url in reads:
        with pytest.raises(error) as raised:
            read_with_url()
        assert not isinstance(raised.value, ParseError)
