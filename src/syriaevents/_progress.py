"""A progress display on stderr for long runs: tqdm when installed, else a plain line.

Quiet when stderr is not a terminal, so logs and pipes get only the final summary.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["Progress"]


class Progress:
    """Counts items done out of ``total``, shown as ``label`` on stderr while it runs."""

    _INTERVAL = 0.1  # seconds between redraws of the plain display

    def __init__(self, label: str, total: int, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._shown = self._stream.isatty()
        self._bar: Any = None
        self._drawn = 0.0
        if self._shown:
            try:
                from tqdm import tqdm  # optional: the "progress" extra
            except ImportError:
                pass
            else:
                self._bar = tqdm(total=total, desc=label, unit="file", file=self._stream)

    def advance(self, count: int = 1) -> None:
        """Record ``count`` more items done."""
        self.done += count
        if not self._shown:
            return
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if now - self._drawn >= self._INTERVAL or self.done == self.total:
            self._drawn = now
            self._stream.write(f"\r{self.label}: {self.done}/{self.total}")
            self._stream.flush()

    def close(self) -> None:
        """Take the display down, leaving the terminal on a fresh line."""
        if self._bar is not None:
            self._bar.close()
        elif self._shown and self.done:
            self._stream.write("\n")
            self._stream.flush()
        self._shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
