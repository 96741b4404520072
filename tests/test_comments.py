"""Comment layouts: indentation bullets, wpDiscuz, WordPress numbered lists."""

from __future__ import annotations

import pytest

from syriaevents import Article, ParseError, parse_article

ANY_SITE = "Rebels Retake Two Villages\n\nRebels retook two villages on Sunday.\n\n"


def _outline(article: Article) -> list[tuple[int, str | None, tuple[str, ...]]]:
    return [(depth, comment.author, comment.body) for depth, comment in article.thread()]


def test_wpdiscuz_with_a_count_line_and_authors() -> None:
    """Controls and a count line, then author lines and paragraphs, all at the top level."""
    widget = (
        "Notify of\n2 Comments\nNewest Most Voted\nInline Feedbacks\nView all comments\n"
        "Amira K\n\nThis is a first comment.\n\nIt has two paragraphs.\n\n\n"
        "Peter van Dam\n\nA reply, flattened.\n"
    )
    article = parse_article(ANY_SITE + widget)
    assert article.body == ("Rebels retook two villages on Sunday.",)
    assert _outline(article) == [
        (0, "Amira K", ("This is a first comment.", "It has two paragraphs.")),
        (0, "Peter van Dam", ("A reply, flattened.",)),
    ]


def test_wpdiscuz_name_like_text_and_comments_without_authors() -> None:
    """A name-like last line of a comment stays its text when an author line follows;
    text after two blank lines, or with no author line above it, is a comment of its own."""
    widget = (
        "Notify of\nNewest Most Voted\nInline Feedbacks\nView all comments\n\n"
        "No author shown for this one!\n\n"
        "Олег Петров\n\nThey will not stop.\n\nSergei Lavrov\n\n\n"
        "Jo Smith\n\nWho said so?\n\n\n"
        "Short and unsigned.\n"
    )
    article = parse_article(ANY_SITE + widget)
    assert _outline(article) == [
        (0, None, ("No author shown for this one!",)),
        (0, "Олег Петров", ("They will not stop.", "Sergei Lavrov")),
        (0, "Jo Smith", ("Who said so?",)),
        (0, None, ("Short and unsigned.",)),
    ]


@pytest.mark.parametrize(
    "widget",
    [
        "Notify of\n0 Comments\nNewest Most Voted\nInline Feedbacks\nView all comments\n",
        "Notify of\nLabel\n{}\n[+]\nName*\nEmail*\nWebsite\nPlease login to comment\n",
    ],
    ids=["no comments", "prompts only"],
)
def test_an_empty_widget_gives_nothing(widget: str) -> None:
    """An empty widget and its prompts: no comments, and no text in the body."""
    article = parse_article(ANY_SITE + "\n" + widget)
    assert article.comments == ()
    assert article.body == ("Rebels retook two villages on Sunday.",)


def test_wordpress_numbered_comments_with_replies() -> None:
    """ "N. name says:" lines, bodies two spaces deeper, replies numbered again deeper."""
    thread = (
        "  1. Anna says:\n\n    July 24, 2020 at 3:45 pm\n\n"
        "    First comment.\n    Same paragraph.\n\n    Reply\n\n"
        "    1. Bob says:\n\n      A reply.\n\n      1. Carl says:\n\n        Deeper.\n\n"
        "  2. Dana says:\n\n    Second top-level comment.\n"
    )
    article = parse_article(ANY_SITE + thread)
    assert _outline(article) == [
        (0, "Anna", ("First comment.\nSame paragraph.",)),
        (1, "Bob", ("A reply.",)),
        (2, "Carl", ("Deeper.",)),
        (0, "Dana", ("Second top-level comment.",)),
    ]


@pytest.mark.parametrize(
    ("thread", "line", "words"),
    [
        ("  1. Anna says:\n\n      1. Bob says:\n", 7, "one level"),
        ("  1. Anna says:\n\n   1. Bob says:\n", 7, "one level"),
        ("  1. Anna says:\n\n  Not indented under Anna.\n", 7, "indented by 4"),
    ],
)
def test_numbered_threads_that_cannot_be_understood(thread: str, line: int, words: str) -> None:
    """Skipped levels, odd indentation, text no comment owns: ParseError where it stands."""
    with pytest.raises(ParseError, match=words) as raised:
        parse_article(ANY_SITE + thread)
    assert raised.value.line == line


def test_a_numbered_list_of_links_is_not_a_thread() -> None:
    """ "More on this topic:" over a numbered list, then bullet comments (SouthFront maps)."""
    text = (
        ANY_SITE
        + "More on this topic:\n\n  1. Rockets Hit Hama Airbase\n  2. Talks Resume in Astana\n\n\n"
        + "  • Rob\n\n    Wait and see.\n\n    • Ann\n\n      Agreed.\n"
    )
    article = parse_article(text, url="https://maps.southfront.org/rebels-retake-two-villages/")
    assert [link.title for link in article.related] == [
        "Rockets Hit Hama Airbase",
        "Talks Resume in Astana",
    ]
    assert _outline(article) == [(0, "Rob", ("Wait and see.",)), (1, "Ann", ("Agreed.",))]
    assert article.body == ("Rebels retook two villages on Sunday.",)


def test_layouts_apply_only_where_the_publisher_lists_them() -> None:
    """The Moscow Times shows no comment threads: a trailing bullet list stays text."""
    text = ANY_SITE + "  • Ann\n\n    Text.\n"
    assert parse_article(text).comments != ()
    with_photo = text.replace("\n\n", "\n\nAnn Doe / AP\n\n", 1)
    article = parse_article(with_photo, url="https://www.themoscowtimes.com/2020/01/01/x-a1")
    assert article.comments == ()
    assert article.body == ("Rebels retook two villages on Sunday.", "• Ann", "Text.")
