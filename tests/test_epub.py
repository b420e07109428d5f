"""The EPUB: built without warnings, rooted in the volume, every contribution in its navigation,
and sound to EPUBCheck (Debian's epubcheck, installed by scripts/install-system-packages.sh)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html as lxml_html

from sphinx_proceedings.data.loader import load_project

from .conftest import REPO, Build, run_build

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck; its /usr/bin link needs binfmt_misc


@pytest.fixture(scope="session")
def basic_epub(copy_root: Callable[[str], Path]) -> Build:
    src = copy_root("basic")
    return run_build(src, src / "_build", "epub")


@pytest.fixture(scope="session")
def doi_epub(copy_root: Callable[[str], Path]) -> Build:
    """The root with DOIs, ORCID iDs and ROR ids."""
    src = copy_root("doi")
    return run_build(src, src / "_build", "epub")


@pytest.fixture(scope="session")
def default_epub(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default book's EPUB, from a copy of its own (the volume rewrites generated pages in the source)."""
    src = tmp_path_factory.mktemp("default-epub") / "proceedings"
    shutil.copytree(REPO / "proceedings", src, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    return run_build(src, src / "_build", "epub")


def epubcheck(build: Build, tmp_path: Path) -> list[tuple[str, str, str]]:
    """EPUBCheck's messages on the built .epub: (severity, id, "file(line,col): message")."""
    if shutil.which("java") is None or not EPUBCHECK.is_file():
        pytest.fail("epubcheck and a Java runtime are installed by scripts/install-system-packages.sh")
    report = tmp_path / "epubcheck.json"
    book = next(build.outdir.glob("*.epub"))
    subprocess.run(["java", "-jar", str(EPUBCHECK), str(book), "--json", str(report)], capture_output=True, check=False)
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    found = []
    for m in messages:
        where = next((f"{p['path']}({p['line']},{p['column']})" for p in m["locations"]), book.name)
        found.append((m["severity"], m["ID"], f"{where}: {m['message']}"))
    return found


@pytest.mark.parametrize("name", ["basic_epub", "default_epub", "doi_epub"])
def test_epubcheck_finds_no_error_or_warning(request: pytest.FixtureRequest, tmp_path: Path, name: str) -> None:
    build: Build = request.getfixturevalue(name)
    assert build.warnings == ""
    found = [m for m in epubcheck(build, tmp_path) if m[0] in ("FATAL", "ERROR", "WARNING")]
    assert found == []


def test_navigation_links_reach_pages_of_the_book(default_epub: Build) -> None:
    book = zipfile.ZipFile(next(default_epub.outdir.glob("*.epub")))
    names = set(book.namelist())
    nav = lxml_html.fromstring(book.read("nav.xhtml"))
    targets = {a.get("href").split("#")[0] for a in nav.iter("a")}
    assert targets <= names
    proc = load_project(default_epub.srcdir / "data", default_epub.srcdir).proceedings
    for data in proc.events:
        assert {f"_proceedings/{data.event.id}/contributions/{c.id}.xhtml" for c in data.contributions} <= targets


def test_epub_builds_without_warnings(basic_epub: Build) -> None:
    assert basic_epub.warnings == ""
    books = list(basic_epub.outdir.glob("*.epub"))
    assert len(books) == 1 and zipfile.ZipFile(books[0]).testzip() is None


def test_navigation_follows_the_volume(basic_epub: Build) -> None:
    nav = lxml_html.fromstring((basic_epub.outdir / "nav.xhtml").read_bytes())
    entries = [" ".join(a.text_content().split()) for a in nav.iter("a")]
    data = load_project(basic_epub.srcdir / "data", basic_epub.srcdir).proceedings
    event = data.events[0]
    assert entries.index(event.event.title) < entries.index("Session 1")
    for c in event.contributions:
        assert c.title in entries
    # as in the printed volume, no part per person
    assert "People" not in entries and not set(entries) & {p.name for p in data.people.values()}


def test_pages_carry_no_web_parts_and_talks_carry_their_speakers_bios(default_epub: Build) -> None:
    book = zipfile.ZipFile(next(default_epub.outdir.glob("*.epub")))
    pages = {n: book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")}
    web_only = ("proc-cite-bibtex", "proc-cite-downloads", "Next in session")
    assert not [n for n, text in pages.items() if any(part in text for part in web_only)]
    proc = load_project(default_epub.srcdir / "data", default_epub.srcdir).proceedings
    bios = 0
    for data in proc.events:
        for c in data.contributions:
            page = pages[f"_proceedings/{data.event.id}/contributions/{c.id}.xhtml"]
            for author in c.authors:
                person = proc.people[author.person]
                told = f"About {person.name}" in page
                assert told == bool(person.bio and c.kind.value in {"keynote", "invited-talk", "tutorial", "panel"})
                bios += told
    assert bios > 5


def test_remote_photos_stay_out_and_local_files_in(basic_epub: Build) -> None:
    book = zipfile.ZipFile(next(basic_epub.outdir.glob("*.epub")))
    pages = [n for n in book.namelist() if n.endswith(".xhtml")]
    assert not any(
        "https://" in book.read(n).decode() and "<img" in book.read(n).decode().split("https://")[0][-200:]
        for n in pages
    )


def test_an_epub_built_after_the_html_book_leaves_out_the_web_parts(copy_root: Callable[[str], Path]) -> None:
    """As proceedings build and Read the Docs do: the EPUB reuses the HTML build's doctrees, no page read again."""
    src = copy_root("basic")
    html = run_build(src, src / "_build")
    assert "proc-cite-bibtex" in html.html("_proceedings/demo2024/contributions/tangent-van-merrienboer")
    epub = run_build(src, src / "_build", "epub")
    book = zipfile.ZipFile(next(epub.outdir.glob("*.epub")))
    pages = {n: book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")}
    assert "_proceedings/demo2024/contributions/tangent-van-merrienboer.xhtml" in pages
    web_only = ('class="proc-cite ', "proc-cite-bibtex", "proc-neighbours", "Next in session")
    assert not [n for n, text in pages.items() if any(part in text for part in web_only)]
