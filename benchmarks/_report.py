"""What the benchmarks share: where results go (docs/performance.md, between markers),
and how a benchmark measures an earlier version of the library beside this one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"


def write_section(name: str, text: str) -> None:
    """Replace what stands between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    document = PERFORMANCE_DOC.read_text(encoding="utf-8")
    head, found, rest = document.partition(start)
    _, closed, tail = rest.partition(end)
    if not (found and closed):
        raise SystemExit(f"{PERFORMANCE_DOC} has no {start} ... {end} section")
    PERFORMANCE_DOC.write_text(f"{head}{start}\n{text}\n{end}{tail}", encoding="utf-8")


def source_at(reference: str, folder: Path) -> Path:
    """The ``src`` folder of git commit ``reference``, extracted into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", reference, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def measure_in(script: str, source: Path | None) -> Any:
    """What ``script --measure`` prints (JSON), run in a fresh process that imports the
    library from ``source`` (None: the installed one)."""
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    output = subprocess.run(
        [sys.executable, script, "--measure"],
        env=environment,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return json.loads(output)
