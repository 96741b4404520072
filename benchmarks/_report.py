"""Where the benchmarks put their results: docs/performance.md, between markers."""

from __future__ import annotations

from pathlib import Path

PERFORMANCE_DOC = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_section(name: str, text: str) -> None:
    """Replace what stands between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    document = PERFORMANCE_DOC.read_text(encoding="utf-8")
    head, found, rest = document.partition(start)
    _, closed, tail = rest.partition(end)
    if not (found and closed):
        raise SystemExit(f"{PERFORMANCE_DOC} has no {start} ... {end} section")
    PERFORMANCE_DOC.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")
