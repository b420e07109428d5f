"""The books as a reader uses them: Debian's Chromium driven by Playwright, pages served on localhost.

The default book is the one under test; the small test-basic book adds what the default data has
not (slides shipped with the book, poster abstracts). External requests (speaker photos on the
workshops' sites) are stopped at the browser: this machine has no network, and a reader's
experience of the book must not depend on them.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEFAULT_SITE, REPO, Build

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by make test")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def default_site(default_book: Build) -> Iterator[str]:
    yield from _serve(default_book.outdir)


@pytest.fixture(scope="module")
def basic_site(basic_html: Build) -> Iterator[str]:
    yield from _serve(basic_html.outdir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Reader:
    """A browser page that records console errors and failed local requests."""

    def __init__(self, browser: Any, site: str, **context: Any) -> None:
        self.site = site
        self.context = browser.new_context(**context)
        self.context.route(lambda url: not url.startswith(site), lambda route: route.abort())
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url) if r.url.startswith(site) else None)
        self.page.on("response", lambda r: self.failed.append(r.url) if r.status >= 400 else None)

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.site}/{path}")
        self.page.wait_for_load_state("load")
        return self.page

    def local_errors(self) -> list[str]:
        # Requests we stopped ourselves (external photos) show up as console errors; they are not the book's.
        return [e for e in self.errors if "ERR_FAILED" not in e and "net::" not in e]

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def reader(browser: Any, default_site: str) -> Iterator[Reader]:
    r = Reader(browser, default_site, viewport={"width": 1280, "height": 900})
    yield r
    r.close()


def _screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_front_page_to_schedule_to_talk_to_slides(reader: Reader) -> None:
    page = reader.open("index.html")
    _screenshot(page, "front-page")
    page.locator("article").get_by_role("link", name="ML Systems Workshop", exact=True).first.click()
    page.get_by_role("link", name="Schedule", exact=True).first.click()
    assert "Schedule — ML Systems Workshop" in page.title()
    _screenshot(page, "schedule")
    page.get_by_role("link", name="Federated Multi-Task Learning").first.click()
    assert page.locator("article h1").inner_text().startswith("Federated Multi-Task Learning")
    _screenshot(page, "talk")
    slides = page.locator("article").get_by_role("link", name="Slides", exact=True)
    assert slides.get_attribute("href") == "https://learningsys.org/nips17/assets/slides/mocha-NIPS.pdf"
    page.get_by_role("link", name="Virginia Smith").first.click()
    assert page.locator("article h1").inner_text().startswith("Virginia Smith")
    _screenshot(page, "person")
    assert reader.failed == [] and reader.local_errors() == []


def test_shipped_slides_link_downloads_the_file(browser: Any, basic_site: str) -> None:
    reader = Reader(browser, basic_site)
    page = reader.open("_proceedings/demo2024/contributions/keynote-lovelace.html")
    href = page.locator("article").get_by_role("link", name="Slides").get_attribute("href")
    response = page.request.get(f"{basic_site}/_proceedings/demo2024/contributions/{href}")
    assert response.ok and response.body()[:5] == b"%PDF-"
    reader.close()


def _search(page: Any, query: str) -> list[str]:
    page.goto(page.url.split("/_proceedings")[0].split("/index.html")[0] + f"/search.html?q={query}")
    page.wait_for_selector("#search-results .search-summary", timeout=15000)
    return [a.inner_text() for a in page.locator("#search-results ul.search li a").all()]


def test_search_finds_a_talk_by_speaker(reader: Reader) -> None:
    page = reader.open("index.html")
    results = _search(page, "Stoica")
    assert "Ray: A distributed execution engine for emerging AI applications" in results


def test_search_finds_a_poster_by_a_word_of_its_abstract(browser: Any, basic_site: str) -> None:
    reader = Reader(browser, basic_site)
    page = reader.open("index.html")
    assert "Learned Indexes for Everyone" in _search(page, "budget")
    reader.close()


def test_cite_box_copies_its_bibtex(browser: Any, basic_site: str) -> None:
    reader = Reader(browser, basic_site)
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=basic_site)
    page = reader.open("_proceedings/demo2024/contributions/tangent-van-merrienboer.html")
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_function("document.querySelector('button.proc-copy').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@inproceedings{merrienboer2024tangent,")
    reader.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_schedule_reads_on_a_phone(browser: Any, default_site: str, scheme: str) -> None:
    reader = Reader(
        browser,
        default_site,
        viewport={"width": 375, "height": 812},
        color_scheme=scheme,
        timezone_id="Asia/Tokyo",
        locale="en-US",
    )
    page = reader.open("_proceedings/nips2017/schedule.html")
    if scheme == "dark":
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    row = page.locator("table.proc-timetable tr", has_text="Ray: A distributed").first
    assert row.is_visible() and row.bounding_box()["width"] <= 375
    page.get_by_role("button", name="My time (Asia/Tokyo)").click()
    assert row.locator("time").inner_text() == "02:00–02:20 (Sat, Dec 9)"
    _screenshot(page, f"schedule-phone-{scheme}")
    assert reader.failed == [] and reader.local_errors() == []
    reader.close()


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is installed by make test (npm, tests/browser)")
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "_proceedings/nips2017/schedule.html",
        "_proceedings/nips2017/contributions/ray-stoica.html",
        "_proceedings/people/jeff-dean.html",
    ],
)
def test_no_serious_accessibility_violations(reader: Reader, path: str) -> None:
    page = reader.open(path)
    page.add_script_tag(path=str(AXE))
    # The theme's own search button (aria-label "Search", visible "Search Ctrl+K") is the theme's to fix.
    result = page.evaluate("axe.run({exclude: ['.search-button-field']}, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


OG_TAGS = ("og:title", "og:type", "og:description", "og:site_name", "og:url", "og:image")
HEAD = """() => ({
  title: document.title,
  lang: document.documentElement.lang,
  viewport: document.querySelector('meta[name="viewport"]')?.content || '',
  description: document.querySelector('meta[name="description"]')?.content || '',
  robots: document.querySelector('meta[name="robots"]')?.content || '',
  canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') || '',
  icon: document.querySelector('link[rel~="icon"]')?.href || '',
  og: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')]
    .map(m => [m.getAttribute('property'), m.content])),
  uncrawlable: [...document.querySelectorAll('a')]
    .filter(a => !a.getAttribute('href') && !a.getAttribute('role')
      || /^javascript:/i.test(a.getAttribute('href') || ''))
    .map(a => a.outerHTML.slice(0, 120)),
})"""


@pytest.mark.parametrize(
    "path", ["index.html", "_proceedings/nips2017/index.html", "_proceedings/nips2017/contributions/ray-stoica.html"]
)
def test_search_engines_and_link_previews_find_what_they_need(reader: Reader, path: str) -> None:
    """Lighthouse's SEO checks, and OpenGraph for link previews: title, description, language, viewport, canonical."""
    page = reader.open(path)
    head = page.evaluate(HEAD)
    assert head["title"].strip() and head["description"].strip()
    assert head["lang"] == "en" and "width=device-width" in head["viewport"]
    assert "noindex" not in head["robots"]
    assert head["canonical"] == DEFAULT_SITE + path
    assert {tag: bool(head["og"].get(tag, "").strip()) for tag in OG_TAGS} == dict.fromkeys(OG_TAGS, True)
    assert head["uncrawlable"] == []
    icon = page.request.get(head["icon"])
    assert icon.ok and icon.headers["content-type"] == "image/png"
    assert page.request.get(f"{reader.site}/favicon.ico").ok
    assert reader.failed == [] and reader.local_errors() == []
