"""Shared fixtures: the bundled seeds, the hand-written pages and the shared corpus."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from syriaevents import Event

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
# Real archive pages beside the checkout (study and evaluation material, not bundled).
CORPUS = ROOT.parent / "shared" / "corpus" / "archive"

EVENT_SEEDS = {"000": SEEDS / "000_46771aacd6f4a07c.txt", "002": SEEDS / "002_43154bf6cee5260a.txt"}
ARTICLE_SEEDS = {
    "001": SEEDS / "001_f2748accc73cd4ce.txt",
    "003": SEEDS / "003_051a921274da9a80.txt",
    "004": SEEDS / "004_b61e25a6d0ee314d.txt",
}
HAND_WRITTEN_PAGES = sorted((DATA / "markdown").glob("*.md"))
HAND_WRITTEN_DAYS = sorted((DATA / "days").glob("*.md"))


def read(path: Path) -> str:
    """A file's exact text: UTF-8, line endings untouched."""
    return path.read_bytes().decode("utf-8")


def revalidate(event: Event) -> Event:
    """Run every converter and validator again on a model a reader built (readers may
    skip them): converting a field again must change nothing (a tuple stays that very
    tuple), and every validator must pass."""
    models: list[attrs.AttrsInstance] = [event, *event.sources, *event.related, *event.changes]
    for model in models:
        for field in attrs.fields(type(model)):
            if field.converter is not None:
                value = getattr(model, field.name)
                converted = field.converter(value)
                assert converted is value, f"{type(model).__name__}.{field.name}: {value!r:.80}"
        attrs.validate(model)
    return event


# How much work the slow tests do: property tests run ten times the examples and the
# size tests their largest inputs with --slow (the suite stays a few minutes without).
_SLOW = False


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="property tests with ten times the examples, size tests at full size",
    )


def pytest_configure(config: pytest.Config) -> None:
    global _SLOW
    _SLOW = bool(config.getoption("--slow"))


def examples(count: int) -> int:
    """How many examples a property test tries: ``count``, or ten times more with --slow."""
    return count * 10 if _SLOW else count


def at_full_size(full: int, default: int) -> int:
    """A size test's input: ``full`` with --slow, else ``default``."""
    return full if _SLOW else default
