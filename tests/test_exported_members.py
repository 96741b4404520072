"""The public API is exactly what __all__ says."""

from __future__ import annotations

import syriaevents


def test_all_is_pinned() -> None:
    """These names are the contract users rely on; changing them is a decision."""
    assert syriaevents.__all__ == [
        "Archive",
        "Article",
        "Change",
        "Comment",
        "Day",
        "Event",
        "Image",
        "InvalidFieldError",
        "Link",
        "ListedEvent",
        "Loaded",
        "ParseError",
        "Problem",
        "RelatedEvent",
        "SerializationError",
        "Source",
        "SyriaEventsError",
        "UnreadableFileError",
        "archive_path",
        "canonical_tag",
        "from_html",
        "from_json",
        "from_markdown",
        "from_xml",
        "iter_load",
        "json_schema",
        "load",
        "load_all",
        "parse",
        "parse_article",
        "parse_day",
        "parse_event",
        "related",
        "relatedness",
        "tag_article",
        "to_html",
        "to_json",
        "to_markdown",
        "to_xml",
    ]


def test_every_exported_name_exists_and_is_documented() -> None:
    """Each public name resolves and has a docstring."""
    for name in syriaevents.__all__:
        member = getattr(syriaevents, name)
        assert member.__doc__, name


def test_parse_error_is_a_value_error() -> None:
    """Callers can catch ParseError, SyriaEventsError or ValueError."""
    assert issubclass(syriaevents.ParseError, ValueError)
    assert issubclass(syriaevents.ParseError, syriaevents.SyriaEventsError)


def test_an_unreadable_file_is_an_os_error() -> None:
    """Callers can catch UnreadableFileError, SyriaEventsError or OSError."""
    assert issubclass(syriaevents.UnreadableFileError, OSError)
    assert issubclass(syriaevents.UnreadableFileError, syriaevents.SyriaEventsError)
