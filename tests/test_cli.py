"""The command line: build, convert, validate, related; help and exit statuses."""

from __future__ import annotations

import datetime
import importlib.metadata
import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import syriaevents
from syriaevents import (
    Change,
    Day,
    Event,
    from_json,
    from_xml,
    load,
    parse,
    parse_day,
    parse_event,
    to_json,
    to_markdown,
)
from syriaevents._cli import main

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, HAND_WRITTEN_DAYS, SEEDS, read

SEED_000 = parse_event(read(EVENT_SEEDS["000"]))


def _run(
    arguments: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        try:
            status = main(arguments)
        finally:
            sys.stdin = sys.__stdin__
    else:
        status = main(arguments)
    out, err = capsys.readouterr()
    return status, out, err


# --- build ----------------------------------------------------------------------------


def test_build_writes_every_document_in_every_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Events in four forms at their archive paths, days, articles, tags and the index."""
    status, out, _ = _run(["build", str(SEEDS), "-o", str(tmp_path)], capsys)
    assert status == 0
    base = tmp_path / SEED_000.path.lstrip("/")
    assert base.with_suffix(".md").read_bytes() == EVENT_SEEDS["000"].read_bytes()
    assert from_json(base.with_suffix(".json").read_text(encoding="utf-8")) == SEED_000
    assert from_xml(base.with_suffix(".xml").read_text(encoding="utf-8")) == SEED_000
    day = parse_day(read(tmp_path / "news/2017/05/4/index.md"))
    assert [listed.path for listed in day.events] == [SEED_000.path]
    article = tmp_path / "articles/russia-hosts-talks-with-iran-syria-turkey"
    assert from_json(article.with_suffix(".json").read_text(encoding="utf-8")) == load(
        ARTICLE_SEEDS["003"]
    )
    assert (tmp_path / "index.html").is_file()
    assert (tmp_path / "tags/syrian-civil-war.html").is_file()
    assert "wrote 2 events, 2 days, 3 articles and 5 tags (31 files)" in out
    assert f"Open {(tmp_path / 'index.html').resolve()} in a browser" in out


def test_build_defaults_to_the_bundled_seeds(tmp_path: Path) -> None:
    """With no source the seeds shipped in the package are read."""
    assert main(["build", "-o", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("news/*/*/*/*.md"))) == 4  # 2 events and their 2 days
    assert len(list(tmp_path.glob("articles/*.json"))) == 3


def test_bad_page_is_reported_and_does_not_stop_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken page is reported as path:line:col and the rest is still written."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "good.md").write_bytes(EVENT_SEEDS["002"].read_bytes())
    (source / "bad.md").write_text("### [2017-02-30](/news/2017/02/30/index.md)\n", "utf-8")
    status, _, err = _run(["build", str(source), "-o", str(tmp_path / "out")], capsys)
    assert status == 1
    assert f"{source / 'bad.md'}:1:6: expected a real date" in err
    assert "Skipped 1 with problems" in err
    assert len(list((tmp_path / "out").glob("news/*/*/*/*.md"))) == 2  # the event, its day
    assert not list((tmp_path / "out").rglob(".*"))  # no temporary files left behind


def test_a_day_page_gives_its_events_their_tags(tmp_path: Path) -> None:
    """When the archive holds a day page, its Context line is the event's tag list."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "event.md").write_bytes(EVENT_SEEDS["000"].read_bytes())
    day = (
        "## [2017-05-4](/news/2017/05/4/index.md)\n\n"
        f"### [{SEED_000.title} ]({SEED_000.path}.md)\n"
        "_Context: Astana talks, Iran, Russia, Turkey_\n"
    )
    (source / "index.md").write_text(day, "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out")]) == 0
    written = tmp_path / "out" / f"{SEED_000.path.lstrip('/')}.json"
    event = from_json(written.read_text(encoding="utf-8"))
    assert isinstance(event, Event)
    assert event.tags == ("Astana talks", "Iran", "Russia", "Turkey")
    # The day page read is the one written, byte for byte.
    assert (tmp_path / "out/news/2017/05/4/index.md").read_text(encoding="utf-8") == day
    assert (tmp_path / "out/tags/astana-talks.html").is_file()


def test_build_reads_several_sources(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", str(EVENT_SEEDS["000"]), str(HAND_WRITTEN_DAYS[0]), "-o", str(out)]) == 0
    days = [parse(read(path)) for path in out.glob("news/*/*/*/index.md")]
    assert len(days) == 2
    assert all(isinstance(day, Day) for day in days)


# --- convert --------------------------------------------------------------------------


def test_convert_between_forms_through_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Markdown to JSON to XML to HTML and back to Markdown, byte for byte."""
    paths = {form: tmp_path / f"event.{form}" for form in ("json", "xml", "html", "md")}
    source = EVENT_SEEDS["000"]
    for form, path in paths.items():
        status, out, err = _run(["convert", str(source), "--to", form, "-o", str(path)], capsys)
        assert (status, out, err) == (0, "", "")
        assert load(path) == SEED_000
        source = path
    assert paths["md"].read_bytes() != b""
    assert parse_event(read(paths["md"])) == SEED_000


def test_convert_reads_standard_input_and_writes_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Pipes: the form of standard input is told from the text itself."""
    json_text = to_json(SEED_000).encode("utf-8")
    status, out, _ = _run(["convert", "-", "--to", "xml"], capsys, stdin=json_text)
    assert status == 0
    assert from_xml(out) == SEED_000
    status, out, _ = _run(["convert", "-", "--to", "json"], capsys, stdin=out.encode("utf-8"))
    assert (status, out) == (0, json_text.decode("utf-8"))


def test_convert_reports_problems_with_a_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "event",\n "date": 5}', "utf-8")
    status, out, err = _run(["convert", str(bad), "--to", "md"], capsys)
    assert (status, out) == (1, "")
    assert err.startswith(f"{bad}: at date: expected a valid value: expected a date")
    status, _, err = _run(["convert", "-", "--to", "md"], capsys, stdin=b'{"type": "event"')
    assert status == 1
    assert err.startswith("<stdin>:1:")
    status, _, err = _run(["convert", str(tmp_path / "missing.md"), "--to", "json"], capsys)
    assert status == 2
    assert err == f"syriaevents: error: {tmp_path / 'missing.md'}: no such file or folder\n"


def test_an_article_has_no_markdown_form(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["convert", str(ARTICLE_SEEDS["004"]), "--to", "md"], capsys)
    assert status == 1
    assert "an article has no Markdown form" in err


# --- validate -------------------------------------------------------------------------


def test_validate_reports_each_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(to_json(SEED_000), "utf-8")
    bad_page = tmp_path / "bad.md"
    bad_page.write_text("### [2017-05-4](x)\n\n# Title\n\n### Sources:\n\nnot an item\n", "utf-8")
    bad_xml = tmp_path / "bad.xml"
    bad_xml.write_text('<!DOCTYPE event [<!ENTITY a "b">]><event/>', "utf-8")
    status, out, err = _run(["validate", str(tmp_path)], capsys)
    assert status == 1
    assert f"{good}: ok (event)" in out
    assert f"{bad_page}:7:1: expected a numbered link" in err
    assert f"{bad_xml}:1:" in err
    assert "DTD" in err
    assert len(err.splitlines()) == 2


def test_validate_succeeds_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["validate", "-q", str(SEEDS)], capsys) == (0, "", "")
    status, out, _ = _run(["validate", *map(str, HAND_WRITTEN_DAYS)], capsys)
    assert status == 0
    assert out.count(": ok (day)") == len(HAND_WRITTEN_DAYS)


# --- related --------------------------------------------------------------------------


def test_related_ranks_an_article_against_an_archive(capsys: pytest.CaptureFixture[str]) -> None:
    """The article 001 is tagged with the archive's vocabulary; event 000 ranks first."""
    status, out, _ = _run(["related", str(ARTICLE_SEEDS["001"]), "--in", str(SEEDS)], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"1. 2017-05-04  {SEED_000.title[:40]}")
    assert lines[1].strip() == SEED_000.path
    assert lines[2].strip().startswith("shares ")


def test_related_respects_limit_and_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["related", str(EVENT_SEEDS["002"]), "--in", str(SEEDS)]
    status, out, _ = _run([*arguments, "--limit", "1"], capsys)
    assert status == 0
    assert out.startswith("1. 2017-05-04")
    assert "2. " not in out
    status, out, _ = _run([*arguments, "--as-of", "2017-01-01"], capsys)
    assert (status, out) == (0, "No related events: no event shares a tag with it.\n")


@pytest.mark.parametrize(
    "arguments",
    [
        ["related", "x.md", "--in", "y", "--limit", "0"],
        ["related", "x.md", "--in", "y", "--as-of", "yesterday"],
        ["convert", "x.md", "--to", "pdf"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_with_2(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert "usage: syriaevents" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command", [[], ["build"], ["convert"], ["validate"], ["related"], ["tables"]]
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: syriaevents {' '.join(command)}".rstrip())
    assert "exit status:" in out
    assert "2  the command could not run" in out


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "syriaevents", "validate", str(EVENT_SEEDS["000"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"{EVENT_SEEDS['000']}: ok (event)\n")


# --- what users type that cannot work: an error, exit status 2, nothing written ---------


def _refused(arguments: list[str], capsys: pytest.CaptureFixture[str], words: str) -> None:
    status, _, err = _run(arguments, capsys)
    assert status == 2, err
    assert err.startswith("syriaevents: error: "), err
    assert words in err, err
    assert "Traceback" not in err


def test_build_refuses_outputs_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing file, a path under a file, a folder holding other things, a missing
    input: a one-line error, and nothing written anywhere."""
    existing = tmp_path / "file.txt"
    existing.write_text("mine", "utf-8")
    _refused(["build", str(SEEDS), "-o", str(existing)], capsys, "is not a folder")
    _refused(["build", str(SEEDS), "-o", "/dev/null/x"], capsys, "is not a folder")
    occupied = tmp_path / "home"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("keep me", "utf-8")
    _refused(["build", str(SEEDS), "-o", str(occupied)], capsys, "not a site syriaevents built")
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]
    _refused(["build", "/no/such/dir", "-o", str(tmp_path / "out")], capsys, "no such file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "home"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_build_into_an_unwritable_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    _refused(["build", str(SEEDS), "-o", str(locked / "site")], capsys, "cannot write")


def test_rebuild_replaces_the_old_site_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second build leaves none of the first's pages behind and no temporary files;
    files get the usual permissions."""
    site = tmp_path / "site"
    source = tmp_path / "in"
    source.mkdir()
    (source / "000.md").write_bytes(EVENT_SEEDS["000"].read_bytes())
    (source / "002.md").write_bytes(EVENT_SEEDS["002"].read_bytes())
    assert _run(["build", str(source), "-o", str(site)], capsys)[0] == 0
    (source / "000.md").unlink()
    assert _run(["build", str(source), "-o", str(site)], capsys)[0] == 0
    assert not (site / SEED_000.path.lstrip("/")).with_suffix(".html").exists()
    assert not list(site.rglob(".*"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "site"]
    umask = os.umask(0)
    os.umask(umask)
    for path in site.rglob("*"):
        expected = (0o777 if path.is_dir() else 0o666) & ~umask
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_build_with_jobs_writes_the_same_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Worker processes write the very files one process writes."""
    assert _run(["build", str(SEEDS), "-o", str(tmp_path / "one")], capsys)[0] == 0
    assert _run(["build", str(SEEDS), "-o", str(tmp_path / "two"), "-j", "2"], capsys)[0] == 0
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.*")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.*")}
    assert one == two


def test_awkward_event_names_get_their_own_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An event called "Index" does not overwrite its day page; a slug too long for a file
    system is shortened on disk, and links follow."""
    source = tmp_path / "in"
    source.mkdir()
    day = datetime.date(2017, 5, 4)
    index_event = Event(date=day, title="Index")
    long_path = f"/news/2017/05/4/{'ర' * 47}{'a' * 100}"
    long_event = Event(date=day, title="Long", path=long_path)
    for number, event in enumerate([index_event, long_event]):
        (source / f"{number}.md").write_text(to_markdown(event), "utf-8")
    status, _, err = _run(["build", str(source), "-o", str(tmp_path / "out")], capsys)
    assert status == 0, err
    folder = tmp_path / "out/news/2017/05/4"
    assert parse_day(read(folder / "index.md")).date == day
    assert parse_event(read(folder / "index-event.md")) == index_event
    (long_file,) = [p for p in folder.glob("*.md") if p.name.startswith("ర")]
    assert len(long_file.name.encode()) <= 255
    assert parse_event(read(long_file)) == long_event
    assert f'href="./{long_file.stem}.html"' in read(folder / "index.html")


def test_two_versions_of_a_page_keep_the_newer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files holding one event: the later Changes timestamp wins, the other is named."""
    source = tmp_path / "in"
    source.mkdir()
    older = Event(
        date=datetime.date(2018, 1, 20),
        title="Version one",
        path="/news/2018/01/20/same-event",
        changes=[
            Change(
                title="V",
                path="/news/2018/01/20/same-event",
                kind="Update",
                timestamp=datetime.datetime(2018, 1, 21, 9, 0, 0),
            )
        ],
    )
    newer = attrs.evolve(
        older,
        title="Version two",
        changes=[attrs.evolve(older.changes[0], timestamp=datetime.datetime(2018, 1, 22, 9, 0, 0))],
    )
    (source / "a-newer.md").write_text(to_markdown(newer), "utf-8")
    (source / "b-older.md").write_text(to_markdown(older), "utf-8")
    status, out, err = _run(["build", str(source), "-o", str(tmp_path / "out")], capsys)
    assert status == 0
    assert f"warning: {source / 'b-older.md'}: another version" in err
    assert "wrote 1 events" in out
    written = read(tmp_path / "out/news/2018/01/20/same-event.md")
    assert parse_event(written).title == "Version two"


def test_tag_pages_show_the_canonical_label_and_count_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["build", str(SEEDS), "-o", str(tmp_path)], capsys)[0] == 0
    turkey = read(tmp_path / "tags/turkey.html")
    assert "<title>Tag: Turkey</title>" in turkey  # seed 000 says "Turkish"
    pages = "".join(read(page) for page in tmp_path.rglob("*.html"))
    counted = re.findall(r"\b(\d+) (event|day|article|tag)(s?)\b", pages)
    assert counted
    assert all((number == "1") == (plural == "") for number, _, plural in counted)


# --- convert, validate, related -----------------------------------------------------------


def test_convert_output_must_be_a_file_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = str(EVENT_SEEDS["000"])
    _refused(["convert", seed, "--to", "json", "-o", str(tmp_path)], capsys, "is a folder")
    nested = tmp_path / "no/such/dir/x.json"
    _refused(["convert", seed, "--to", "json", "-o", str(nested)], capsys, "--parents")
    assert not (tmp_path / "no").exists()
    assert _run(["convert", seed, "--to", "json", "-o", str(nested), "--parents"], capsys)[0] == 0
    assert from_json(read(nested)) == SEED_000
    assert stat.S_IMODE(nested.stat().st_mode) & 0o044  # readable by others as usual


def test_validate_reads_standard_input_and_recognises_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'-' is standard input; the form comes from the text where no suffix names it."""
    json_text = to_json(SEED_000).encode("utf-8")
    status, out, _ = _run(["validate", "-"], capsys, stdin=json_text)
    assert (status, out) == (0, "<stdin>: ok (event)\n")
    disguised = tmp_path / "event.txt"
    disguised.write_bytes(json_text)
    status, out, _ = _run(["validate", str(disguised)], capsys)
    assert (status, out) == (0, f"{disguised}: ok (event)\n")


def test_validate_reports_links_and_special_files_in_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Links are not followed in folders (unless asked, and then only inside); a pipe named
    .md is reported, never read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret Headline Here\n\nDo not publish.\n", "utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "link.md").symlink_to(secret)
    os.mkfifo(folder / "pipe.md")
    status, _, err = _run(["validate", str(folder)], capsys)
    assert status == 1
    assert f"{folder / 'link.md'}: is a symbolic link" in err
    assert f"{folder / 'pipe.md'}: is not a regular file" in err
    status, _, err = _run(["validate", "--follow-links", str(folder)], capsys)
    assert "leads outside the folder" in err


def test_related_takes_in_before_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["related", "--in", str(SEEDS), str(EVENT_SEEDS["002"])], capsys)
    assert status == 0
    assert out.startswith("1. ")
    _refused(["related", str(EVENT_SEEDS["002"]), "--in", "/nonexistent"], capsys, "no such")


def test_version_is_the_package_version() -> None:
    assert syriaevents.__version__ == importlib.metadata.version("syriaevents")


def test_tables_writes_the_parquet_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The documents of the inputs as Parquet tables that read back equal."""
    tables = pytest.importorskip("syriaevents.tables")
    status, out, _ = _run(["tables", str(SEEDS), "-o", str(tmp_path / "set")], capsys)
    assert status == 0
    assert out == f"Wrote the tables of 5 documents to {tmp_path / 'set'}/\n"
    read_back = tables.from_arrow(tables.read_parquet(tmp_path / "set"))
    assert read_back == [load(path) for path in sorted(SEEDS.iterdir())]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", "utf-8")
    _refused(["tables", str(SEEDS), "-o", str(tmp_path / "other")], capsys, "other files")
