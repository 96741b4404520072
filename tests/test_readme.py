"""The README's Quickstart: exactly two commands, and CI runs the second one."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT


def _quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.S)


def test_quickstart_has_exactly_two_commands() -> None:
    """One to install and run the main job, one to run the whole suite."""
    commands = _quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "syriaevents build" in commands[0]


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run calls the README's second command verbatim."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quickstart_commands()[1] in script.splitlines()


def test_readme_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example in the README works as written, from the project folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.S)
    assert example is not None
    monkeypatch.chdir(ROOT)
    exec(compile(example.group(1), "README.md", "exec"), {})
