"""Photo lines of scraped articles: a caption, a credit, or a caption with its credit.

What credits look like, in general: ``Name / Agency`` chains (``Ghaith Alsayed / AP /
TASS``), domain names (``kremlin.ru``, glued to the caption or not), a short Title Case
phrase after the caption's last sentence (``Defense Ministry``) and, set apart,
``**bold**`` in Markdown. A line is taken for a photo line when it carries such a
credit or names itself (``FILE IMAGE:``, ``Illustrative image``), or when the publisher
always puts one there (``slot``).
"""

from __future__ import annotations

import re

from .._models import Image

__all__ = ["DATELINE", "read_photo_line"]

_CHAIN = " / "
# A domain name as credits give them: "kremlin.ru", "jcs.mil", "Kremlin.ru".
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,4}[a-z]{2,6}")
# A domain glued to the caption's last sentence: "...in Moscow.Kremlin.ru".
_GLUED_DOMAIN = re.compile(r"\.(?=[A-Z][A-Za-z0-9-]{0,62}\.[a-z]{2,6}$)")
# Captions that say what they are.
_CAPTION_MARK = re.compile(
    r"(?i:file (?:image|photo|picture)s?:|illustrative (?:image|photo|picture)"
    r"|illustration\b|photo(?:graph)?:|image:|picture:|pictured:)"
)
# A dateline opens a news paragraph, never a caption: "WASHINGTON — ", "MOSCOW (Reuters) - ".
DATELINE = re.compile(
    r"[A-Z][A-Z .'-]{2,40}(?:, [A-Za-z .'-]{2,40})?(?: \([^()]{1,40}\))? ?[\u2014\u2013-]{1,2} "
)
# Words that make a short phrase a photo credit: agencies, archives, hand-outs.
_AGENCY_WORDS = frozenset(
    """reuters ap afp tass epa getty sputnik ria novosti anadolu xinhua upi ansa sana
    irna tasnim pool handout courtesy wikimedia flickr shutterstock alamy""".split()
)
# Words that end the name of a source of photos: "Press Office", "Defense Ministry".
_SERVICE_WORDS = frozenset("service office ministry staff photo photos images commons".split())
# "J", "U.S", "U.N": the dot after them is no sentence end.
_INITIALS = re.compile(r"(?:[A-Z]\.){0,3}[A-Z]")
_CONNECTORS = frozenset("of the and for de del di da du al el la le von van via on in at".split())
_SENTENCE_END = ".!?"
_CLOSERS = "\"”’')]"
_MAX_CREDIT_WORDS = 8
_MAX_CAPTION = 400


def _is_sentence_end(text: str, position: int) -> bool:
    """Whether text[position] ends a sentence: not the dot of an initial or of an
    abbreviation of initials ("J. Smith", "U.S. Navy")."""
    if text[position] not in _SENTENCE_END:
        return False
    word = text[:position].rsplit(" ", 1)[-1]
    return not _INITIALS.fullmatch(word)


def _last_sentence_end(text: str) -> int:
    """The index just after the caption's last complete sentence (with closing quotes), or 0."""
    for position in range(len(text) - 1, -1, -1):
        if text[position] == " " and position > 0:
            before = position - 1
            while before > 0 and text[before] in _CLOSERS:
                before -= 1
            if _is_sentence_end(text, before):
                return position
    return 0


def _title_case(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _CONNECTORS for word in words
    )


def _credit_like(phrase: str, *, slot: bool) -> bool:
    """Whether a phrase (no sentence in it) reads as a credit."""
    if not phrase or len(phrase.split()) > _MAX_CREDIT_WORDS or len(phrase) > 120:
        return False
    if any(character in phrase for character in '!?;:"“”'):
        return False
    parts = phrase.split(_CHAIN)
    if len(parts) > 1:
        return all(part.strip() and len(part.split()) <= _MAX_CREDIT_WORDS for part in parts)
    if _DOMAIN.fullmatch(phrase):
        return True
    if not _title_case(phrase) or phrase.endswith("."):
        return False
    words = [word.strip(".,()").lower() for word in phrase.split()]
    return slot or bool(_AGENCY_WORDS.intersection(words)) or words[-1] in _SERVICE_WORDS


def _split_credit(text: str, *, slot: bool) -> tuple[str | None, str] | None:
    """(caption or None, credit) when the line ends with a credit, else None."""
    glued = _GLUED_DOMAIN.search(text)
    if glued:
        return text[: glued.start() + 1].strip(), text[glued.start() + 1 :]
    chain = text.find(_CHAIN)
    head_end = chain if chain > 0 else len(text)
    start = _last_sentence_end(text[:head_end])
    credit = text[start:].strip()
    if start and _credit_like(credit, slot=slot):
        return text[:start].strip(), credit
    if not start and _credit_like(text, slot=slot):
        return None, text
    return None


def read_photo_line(text: str, *, slot: bool = False, markdown: bool = False) -> Image | None:
    """The photo a line describes, or None when it is not a photo line.

    ``slot``: the publisher always shows a photo line here, so a line without a credit
    is a caption. ``markdown``: a trailing ``**credit**`` is the credit.
    """
    text = " ".join(text.split())
    if markdown and text.endswith("**"):
        bold = text.rfind("**", 0, len(text) - 2)
        if bold >= 0 and text[bold + 2 : -2].strip():
            caption = text[:bold].strip() or None
            return Image(caption=caption, credit=text[bold + 2 : -2].strip())
    if not text or len(text) > _MAX_CAPTION or DATELINE.match(text):
        return None
    split = _split_credit(text, slot=slot)
    if split is not None:
        caption, credit = split
        return Image(caption=caption or None, credit=credit)
    if slot or _CAPTION_MARK.search(text[:60]):
        return Image(caption=text)
    return None
