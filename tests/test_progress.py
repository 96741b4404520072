"""The progress display: tqdm when installed, a plain counter without, silent off a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from syriaevents._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress("Reading", 3, stream=stream) as progress:
        for _ in range(3):
            progress.advance()
    assert progress.done == 3
    assert stream.getvalue() == ""


def test_plain_counter_without_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now raises ImportError
    stream = _Terminal()
    with Progress("Reading", 2, stream=stream) as progress:
        progress.advance()
        progress.advance()
    text = stream.getvalue()
    assert text.startswith("\rReading: 1/2")
    assert text.endswith("\rReading: 2/2\n")  # the last count is always shown, then a newline


def test_tqdm_bar_on_a_terminal() -> None:
    stream = _Terminal()
    with Progress("Writing", 4, stream=stream) as progress:
        progress.advance(4)
    text = stream.getvalue()
    assert "Writing" in text
    assert "4/4" in text
