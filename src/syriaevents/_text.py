"""Text rules shared by the models and every form: allowed characters, HTML entities."""

from __future__ import annotations

import html.entities
import re

from ._errors import ParseError

__all__ = [
    "FORBIDDEN_IN_LINE",
    "FORBIDDEN_IN_TEXT",
    "as_text",
    "decode_entities",
    "decode_utf8",
    "escape_entities",
    "find_forbidden",
    "read_text",
    "repair_mojibake",
]

# Characters no text field may hold: C0 and C1 controls other than tab and newline,
# DEL, lone surrogates and Unicode noncharacters. None of them can be written to XML
# 1.0 or read back from HTML5 unchanged, and none occurs in real pages.
_FORBIDDEN_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)
)
FORBIDDEN_IN_TEXT = re.compile(f"[{_FORBIDDEN_CHARACTERS}]")
# Single-line fields (titles, names, tags, URLs) also refuse the newline.
FORBIDDEN_IN_LINE = re.compile(f"[\n{_FORBIDDEN_CHARACTERS}]")

# Bytes an ASCII text may hold: tab, newline and the printable ones. Not the carriage
# return: pages with one are checked line by line, their line endings removed.
_PRINTABLE_ASCII = bytes([0x09, 0x0A, *range(0x20, 0x7F)])


def find_forbidden(text: str, lines: list[str]) -> tuple[int, int] | None:
    """Where the first character no model may hold stands: (line index, column index).

    ``lines`` are ``text``'s lines without their endings. Most pages are ASCII and are
    checked in one pass at C speed; others line by line.
    """
    if text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_ASCII):
        return None
    for index, line in enumerate(lines):
        bad = None if line.isprintable() else FORBIDDEN_IN_LINE.search(line)
        if bad:
            return index, bad.start()
    return None


# UTF-8 that was decoded as cp1252 or Latin-1: the lead byte of a sequence (0xC2-0xF4,
# read as "Â".."ô") followed by its continuation bytes (0x80-0xBF, read as "€", "™",
# "’", "©"...). "Ã©" was "é"; "â€™" was "’"; "Â " was a no-break space.
_CONTINUATION = "\u0080-\u00bf" + "".join(
    bytes([byte]).decode("cp1252", "ignore") for byte in range(0x80, 0xA0)
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}}")


def _repair(match: re.Match[str]) -> str:
    spelled = match.group()
    try:
        raw = spelled.encode("cp1252")
    except UnicodeEncodeError:
        raw = spelled.encode("latin-1", "ignore")
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return spelled  # not a UTF-8 sequence after all: leave the text as it is
    # "Â€" would become U+0080, a control character no text may hold: leave it.
    return spelled if FORBIDDEN_IN_LINE.search(repaired) else repaired


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252: "Itâ€™s" becomes "It’s". ASCII text is returned as is.

    Only character runs that decode as whole UTF-8 sequences are changed, so ordinary
    accented text ("São Tomé", "Çavuşoğlu") is left alone.
    """
    if text.isascii():
        return text
    return _MOJIBAKE.sub(_repair, text)


# An HTML character reference with its semicolon: named, decimal or hexadecimal.
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_NAMED = html.entities.html5


def _entity_value(reference: str) -> str | None:
    """The text a reference stands for, or None if it is not one we decode."""
    if reference[1] == "#":
        digits = reference[2:-1]
        try:
            code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
            text = chr(code)
        except (ValueError, OverflowError):
            return None
    else:
        found = _NAMED.get(reference[1:])
        if found is None:
            return None
        text = found
    # Never decode into a character a text field may not hold (controls, newline,
    # surrogates): such a reference stays as written, and so round-trips.
    return None if FORBIDDEN_IN_LINE.search(text) else text


def _decode_match(match: re.Match[str]) -> str:
    reference = match.group()
    value = _entity_value(reference)
    return reference if value is None else value


def _escape_match(match: re.Match[str]) -> str:
    reference = match.group()
    return reference if _entity_value(reference) is None else "&amp;" + reference[1:]


def decode_entities(text: str) -> str:
    """Replace every HTML character reference (``&rsquo;``, ``&#039;``) by its text."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_decode_match, text)


def read_text(raw: str) -> str:
    """Text as a scraped page wrote it, as meant: mojibake repaired, then references
    decoded. The inverse of :func:`escape_entities`."""
    if raw.isascii() and "&" not in raw:
        return raw  # the common case: nothing to repair or decode
    return decode_entities(repair_mojibake(raw))


def _keep_as_written(match: re.Match[str]) -> str:
    spelled = match.group()
    if _repair(match) == spelled:
        return spelled
    # Text that reads like mojibake but is meant: spell its first character as a
    # character reference, so that reading repairs nothing and decodes it back.
    return f"&#{ord(spelled[0])};{spelled[1:]}"


def escape_entities(text: str) -> str:
    """Write text so that :func:`read_text` gives it back.

    ``&`` is escaped only where it would start a reference, and a run that would read as
    mojibake is kept as written.
    """
    if "&" in text:
        text = _ENTITY.sub(_escape_match, text)
    if not text.isascii():
        text = _MOJIBAKE.sub(_keep_as_written, text)
    return text


_UTF8_BOM = "\ufeff".encode()


def decode_utf8(data: bytes, *, bom: bool = False) -> str:
    """Bytes as UTF-8 text (a leading byte order mark dropped if ``bom``); a byte that is
    not UTF-8 is a ParseError naming its byte offset in ``data``, and its line and
    column in characters as the readers count them (lines end at LF, or at CR in a
    CR-only text)."""
    skipped = len(_UTF8_BOM) if bom and data.startswith(_UTF8_BOM) else 0
    try:
        return data[skipped:].decode("utf-8") if skipped else data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skipped + exc.start
        before = data[skipped:offset].decode("utf-8")  # all valid up to the bad byte
        newline = "\n" if "\n" in before or "\r" not in before else "\r"
        raise ParseError(
            f"expected UTF-8, found byte {data[offset]:#04x} at byte offset {offset}",
            line=before.count(newline) + 1,
            column=len(before) - (before.rfind(newline) + 1) + 1,
        ) from exc


def as_text(document: object, reader: str) -> str:
    """A reader's input as text: str as it is, bytes decoded as UTF-8 (else ParseError)."""
    if isinstance(document, bytes | bytearray | memoryview):
        return decode_utf8(bytes(document))
    if not isinstance(document, str):
        raise TypeError(f"{reader}() takes str or bytes, not {type(document).__name__}")
    return document
