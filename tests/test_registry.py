"""The form registry: everything that lists forms iterates it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from syriaevents import Event, SerializationError, parse, to_json
from syriaevents._cli import main
from syriaevents._formats import Form, form_for_file, form_named, forms, register, sniff, unregister
from syriaevents._models import Document

from .conftest import ARTICLE_SEEDS, EVENT_SEEDS, SEEDS, read


def _titles(document: Document) -> str:
    title = getattr(document, "title", None)
    return f"{type(document).__name__}\t{title}\n"


@pytest.fixture
def toy_form() -> Iterator[Form]:
    """A write-only form that one module would add: tab-separated kind and title."""
    form = Form(name="tsv", label="TSV", suffixes=(".tsv",), write=_titles)
    register(form)
    yield form
    unregister("tsv")


def test_a_toy_form_is_offered_and_written_everywhere(
    toy_form: Form, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Registered once, the form is a --to choice of convert and a file of every document
    the site build writes, and the site's pages link it; no other module changed."""
    assert main(["convert", str(EVENT_SEEDS["000"]), "--to", "tsv"]) == 0
    assert capsys.readouterr().out == _titles(parse(read(EVENT_SEEDS["000"])))
    with pytest.raises(SystemExit):
        main(["convert", str(EVENT_SEEDS["000"]), "--from", "tsv", "--to", "json"])
    assert "invalid choice: 'tsv'" in capsys.readouterr().err  # it cannot be read
    assert main(["build", str(SEEDS), "-o", str(tmp_path)]) == 0
    written = sorted(tmp_path.rglob("*.tsv"))
    assert len(written) == 2 + 2 + 3  # events, days, articles
    event = parse(read(EVENT_SEEDS["000"]))
    assert isinstance(event, Event)
    page = (tmp_path / event.path.lstrip("/")).with_suffix(".html")
    assert '">TSV</a>' in read(page)


def test_the_built_in_forms_and_how_files_and_texts_find_them() -> None:
    assert [form.name for form in forms()] == ["md", "json", "xml", "html"]
    assert form_for_file("a/b.JSON").name == "json"
    assert form_for_file("page.htm").name == "html"
    assert form_for_file("record.txt").name == "md"
    assert form_for_file("no-suffix").name == "md"
    event = parse(read(EVENT_SEEDS["000"]))
    assert sniff(to_json(event)).name == "json"
    assert sniff(read(ARTICLE_SEEDS["001"])).name == "md"
    with pytest.raises(KeyError, match="the forms are md, json, xml, html"):
        form_named("csv")


def test_a_form_refuses_what_it_cannot_hold() -> None:
    article = parse(read(ARTICLE_SEEDS["003"]))
    with pytest.raises(SerializationError, match="an article has no Markdown form"):
        form_named("md").dump(article)
    assert not form_named("md").can_write(article)
    assert form_named("json").can_write(article)
