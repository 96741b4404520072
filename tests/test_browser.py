"""The built site in a real browser: headless Chromium driven through chromedriver.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them). Where
they are missing the tests are skipped, unless SYRIAEVENTS_REQUIRE_BROWSER is set (as
CI sets it), which turns a missing browser into a failure.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from PIL import Image, ImageStat
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from syriaevents import parse_event
from syriaevents._cli import main

from .conftest import EVENT_SEEDS, SEEDS, read

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("SYRIAEVENTS_REQUIRE_BROWSER"):
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

# Flags for a headless Chromium on a machine with no screen and a closed network.
_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,1400",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site")
    assert main(["build", str(SEEDS), "-o", str(output)]) == 0
    return output


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    assert CHROMIUM, "chromium is not installed (Debian package chromium)"
    assert CHROMEDRIVER, "chromedriver is not installed (Debian package chromium-driver)"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: webdriver.Chrome, page: Path) -> list[dict[str, object]]:
    """Load a page; the console messages it logged at level SEVERE (errors)."""
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    log = browser.get_log("browser")  # type: ignore[no-untyped-call]  # untyped in selenium
    return [entry for entry in log if entry["level"] == "SEVERE"]


def _pages(site: Path) -> list[Path]:
    return [
        site / "index.html",
        *sorted(site.glob("news/*/*/*/*.html")),
        *sorted(site.glob("articles/*.html")),
        *sorted(site.glob("tags/*.html")),
    ]


def test_every_page_loads_without_console_errors_and_its_links_resolve(
    browser: webdriver.Chrome, site: Path
) -> None:
    pages = _pages(site)
    assert len(pages) == 1 + 4 + 3 + 5  # index, 2 events and 2 days, 3 articles, 5 tags
    for page in pages:
        assert _open(browser, page) == [], page
        assert browser.title
        hrefs = browser.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"
        )
        internal = [href for href in hrefs if href.startswith("file:")]
        for href in internal:
            target = Path(unquote(urlsplit(href).path))
            assert target.is_file(), f"{page} links to missing {href}"
            assert site.resolve() in target.resolve().parents


def _is_not_blank(png: bytes) -> None:
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size[0] >= 800
    assert max(ImageStat.Stat(image).stddev) > 20  # ink on paper, not one flat colour
    assert len(image.getcolors(maxcolors=1 << 16) or []) > 32  # text, not a few blocks


def test_screenshot_of_an_event_page(browser: webdriver.Chrome, site: Path, tmp_path: Path) -> None:
    event = parse_event(read(EVENT_SEEDS["000"]))
    assert _open(browser, site / f"{event.path.lstrip('/')}.html") == []
    heading = browser.execute_script("return document.querySelector('h1').textContent")
    assert heading == event.title
    png = browser.get_screenshot_as_png()
    (tmp_path / "event.png").write_bytes(png)
    if os.environ.get("SYRIAEVENTS_SCREENSHOTS"):
        Path(os.environ["SYRIAEVENTS_SCREENSHOTS"], "event.png").write_bytes(png)
    _is_not_blank(png)


def test_screenshot_of_the_comment_thread(
    browser: webdriver.Chrome, site: Path, tmp_path: Path
) -> None:
    """Article 004's thread is shown nested: each reply starts right of its parent."""
    (page,) = [
        path
        for path in site.glob("articles/*.html")
        if 'class="comments"' in path.read_text(encoding="utf-8")
    ]
    assert _open(browser, page) == []
    lefts = browser.execute_script(
        "const items = document.querySelectorAll('.comment');"
        "items[0].closest('section').scrollIntoView();"
        "return Array.from(items, c => [Number(c.dataset.depth), c.getBoundingClientRect().left]);"
    )
    assert len(lefts) > 3
    assert max(depth for depth, _ in lefts) >= 1
    by_depth: dict[int, set[float]] = {}
    for depth, left in lefts:
        by_depth.setdefault(depth, set()).add(left)
    assert all(len(positions) == 1 for positions in by_depth.values())  # one column per depth
    columns = [by_depth[depth].pop() for depth in sorted(by_depth)]
    assert columns == sorted(columns)
    assert len(set(columns)) == len(columns)
    png = browser.get_screenshot_as_png()
    (tmp_path / "thread.png").write_bytes(png)
    if os.environ.get("SYRIAEVENTS_SCREENSHOTS"):  # to look at them: a folder to keep them in
        Path(os.environ["SYRIAEVENTS_SCREENSHOTS"], "thread.png").write_bytes(png)
    _is_not_blank(png)


_PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '"><img src=x onerror="window.__xss = 1">',
    '<a href="javascript:window.__xss = 1">click</a>',
    "';window.__xss=1;'",
]


def _hostile_folder(folder: Path) -> Path:
    """Pages as a hostile archive could hold them: payloads in every text field, and a
    page whose stated path would make a javascript: link."""
    hostile = " ".join(_PAYLOADS)
    day = "### [2017-05-4](/news/2017/05/4/index.md)"
    folder.mkdir()
    (folder / "hostile.md").write_text(
        f"\n{day}\n\n##### {hostile}\n# Headline {hostile} \n\nSummary {hostile}\n\n\n"
        f"### Sources:\n\n1. [{hostile}](https://example.org/?q=%3Cscript%3E)\n\n"
        f"### Related:\n\n1. [Other {hostile} ](/news/2017/05/4/other.md) _Context: {hostile}_\n",
        encoding="utf-8",
    )
    path = "/news/2017/05/4/javascript:alert(document['domain'])"
    (folder / "scheme.md").write_text(
        f"\nFormats: [HTML]({path}.html)  [JSON]({path}.json)  [XML]({path}.xml)  \n\n"
        f"{day}\n\n# Clicking this title runs a script \n",
        encoding="utf-8",
    )
    (folder / "article.txt").write_text(
        f"Story {hostile}\n\nA paragraph {hostile}.\n\n\n  • {hostile}\n\n    Reply {hostile}\n",
        encoding="utf-8",
    )
    return folder


def _wait_for_navigation(browser: webdriver.Chrome, target: str) -> None:
    """Wait until a click's navigation to ``target`` is done (it runs asynchronously)."""

    def arrived(driver: webdriver.Chrome) -> bool:
        loaded = driver.execute_script("return document.readyState") == "complete"
        return bool(loaded and driver.current_url.split("#")[0] == target.split("#")[0])

    WebDriverWait(browser, 10).until(arrived)


def test_a_hostile_archive_builds_inert(
    browser: webdriver.Chrome, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every link of every page built from hostile pages is clicked: no script runs, no
    dialog opens, and the page whose path would make a javascript: link is refused."""
    output = tmp_path / "site"
    assert main(["build", str(_hostile_folder(tmp_path / "in")), "-o", str(output)]) == 1
    assert "scheme.md" in capsys.readouterr().err
    pages = _pages(output)
    assert len(pages) >= 5
    clicked = 0
    for page in pages:
        assert _open(browser, page) == [], page
        count = browser.execute_script("return document.querySelectorAll('a[href]').length")
        for position in range(count):
            browser.get(page.as_uri())
            href = browser.execute_script(
                "return document.querySelectorAll('a[href]')[arguments[0]].getAttribute('href')",
                position,
            )
            assert not href.lower().startswith("javascript"), (page, href)
            if urlsplit(href).scheme in ("http", "https"):
                continue  # another site: this closed network cannot reach it
            browser.execute_script(
                "document.querySelectorAll('a[href]')[arguments[0]].click()", position
            )
            _wait_for_navigation(browser, urljoin(page.as_uri(), href))
            with pytest.raises(NoAlertPresentException):
                browser.switch_to.alert.accept()
            assert browser.execute_script("return window.__xss === undefined"), (page, href)
            clicked += 1
    assert clicked >= 20
