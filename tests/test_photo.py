"""Photo lines: what a caption and a credit look like, in general, not per record."""

from __future__ import annotations

import pytest

from syriaevents import Image
from syriaevents._formats._photo import read_photo_line


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        # A "Name / Agency" chain after the caption's last sentence, of any length.
        (
            "Talks in Geneva, Jan. 3, 2019. Jane Roe / AFP",
            "Talks in Geneva, Jan. 3, 2019.",
            "Jane Roe / AFP",
        ),
        (
            "Rubble in Aleppo. A. Kuznetsov / EPA / Pool",
            "Rubble in Aleppo.",
            "A. Kuznetsov / EPA / Pool",
        ),
        ('He said "enough." Lev Ivanov / Sputnik', 'He said "enough."', "Lev Ivanov / Sputnik"),
        # A chain alone.
        ("Lev Ivanov / Sputnik", None, "Lev Ivanov / Sputnik"),
        ("U.S. Navy / navy.mil", None, "U.S. Navy / navy.mil"),
        # Domain names, separated by a space or glued to the last sentence.
        ("Putin in Sochi. kremlin.ru", "Putin in Sochi.", "kremlin.ru"),
        ("Putin in Sochi.Kremlin.ru", "Putin in Sochi.", "Kremlin.ru"),
        ("mil.ru", None, "mil.ru"),
        # A short agency or service name, alone or after the caption.
        ("Handout", None, "Handout"),
        ("Syrian Presidency Press Office", None, "Syrian Presidency Press Office"),
        (
            "A convoy near Homs. Russian Defense Ministry Press Service",
            "A convoy near Homs.",
            "Russian Defense Ministry Press Service",
        ),
        # Captions that say what they are.
        ("FILE PHOTO: A checkpoint near Idlib", "FILE PHOTO: A checkpoint near Idlib", None),
        ("Illustrative image", "Illustrative image", None),
        (
            "Fighters near Palmyra, illustrative photo.",
            "Fighters near Palmyra, illustrative photo.",
            None,
        ),
    ],
)
def test_photo_lines_on_any_site(line: str, caption: str | None, credit: str | None) -> None:
    """Without a publisher's convention, credits and self-naming captions are recognised."""
    assert read_photo_line(line) == Image(caption=caption, credit=credit)


@pytest.mark.parametrize(
    "line",
    [
        "Russian jets struck the town on Monday, activists said.",
        "WASHINGTON — The Pentagon said it was watching closely.",
        "The talks ended without agreement. Diplomats said little",
        "Russia / Ukraine tensions rise again as talks stall in a long week of meetings",
        "Kremlin Says Talks Will Go On",
    ],
)
def test_text_is_no_photo_line_on_any_site(line: str) -> None:
    """A paragraph, a dateline, a headline-like line: not photo lines without a convention."""
    assert read_photo_line(line) is None


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "People inspect a site hit by an airstrike in Idlib, Syria.",
            "People inspect a site hit by an airstrike in Idlib, Syria.",
            None,
        ),
        ("Defense Ministry", None, "Defense Ministry"),
        (
            "Vladimir Putin in the Kremlin. Mikhail Metzel",
            "Vladimir Putin in the Kremlin.",
            "Mikhail Metzel",
        ),
        ("Feb. 11, 2016: Lavrov in Munich.", "Feb. 11, 2016: Lavrov in Munich.", None),
    ],
)
def test_photo_slot_of_a_publisher(line: str, caption: str | None, credit: str | None) -> None:
    """Where a publisher always shows a photo line, a plain sentence is the caption and a
    short Title Case name the credit."""
    assert read_photo_line(line, slot=True) == Image(caption=caption, credit=credit)


def test_a_dateline_is_never_a_caption() -> None:
    """Even in the photo slot, a paragraph opening with a dateline is text."""
    assert (
        read_photo_line("MOSCOW (Reuters) - Russia said on Monday it would act.", slot=True) is None
    )


def test_markdown_bold_credit() -> None:
    """In Markdown a **bold** tail is the credit, whatever it says."""
    image = read_photo_line("Shoigu with Akar. **Press Service / TASS**", markdown=True)
    assert image == Image(caption="Shoigu with Akar.", credit="Press Service / TASS")
    assert read_photo_line("**Jane Roe**", markdown=True) == Image(credit="Jane Roe")
