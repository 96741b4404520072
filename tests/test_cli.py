"""The command line: syriaevents build."""

from __future__ import annotations

from pathlib import Path

import pytest

from syriaevents import from_json, load, parse_event
from syriaevents._cli import main

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, SEEDS, read


def test_build_writes_every_event_in_every_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Events land at their archive paths in four forms, articles under articles/ in three."""
    assert main(["build", str(SEEDS), "-o", str(tmp_path)]) == 0
    event = parse_event(read(EVENT_SEEDS["000"]))
    base = tmp_path / event.path.lstrip("/")
    assert base.with_suffix(".md").read_bytes() == EVENT_SEEDS["000"].read_bytes()
    assert from_json(base.with_suffix(".json").read_text(encoding="utf-8")) == event
    assert base.with_suffix(".html").exists()
    assert base.with_suffix(".xml").exists()
    article = tmp_path / "articles/russia-hosts-talks-with-iran-syria-turkey"
    assert from_json(article.with_suffix(".json").read_text(encoding="utf-8")) == load(
        ARTICLE_SEEDS["003"]
    )
    out = capsys.readouterr().out
    assert "wrote 2 events and 3 articles (17 files)" in out


def test_build_defaults_to_the_bundled_seeds(tmp_path: Path) -> None:
    """With no source the seeds shipped in the package are read."""
    assert main(["build", "-o", str(tmp_path)]) == 0
    assert len(list(tmp_path.rglob("*.json"))) == 5


def test_bad_page_is_reported_and_does_not_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken page is reported as path:line:col and the rest is still written."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "good.md").write_bytes(EVENT_SEEDS["002"].read_bytes())
    (source / "bad.md").write_text("### [2017-02-30](/news/2017/02/30/index.md)\n", "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{source / 'bad.md'}:1:6: expected a real date" in err
    assert len(list((tmp_path / "out").rglob("*.md"))) == 1
    assert not list((tmp_path / "out").rglob(".*"))  # no temporary files left behind
