"""The EPUB: built without warnings, rooted in the volume, every contribution in its navigation."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html as lxml_html

from sphinx_proceedings.data.loader import load_project

from .conftest import Build, run_build


@pytest.fixture(scope="session")
def basic_epub(copy_root: Callable[[str], Path]) -> Build:
    src = copy_root("basic")
    return run_build(src, src / "_build", "epub")


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
    assert "People" in entries


def test_remote_photos_stay_out_and_local_files_in(basic_epub: Build) -> None:
    book = zipfile.ZipFile(next(basic_epub.outdir.glob("*.epub")))
    pages = [n for n in book.namelist() if n.endswith(".xhtml")]
    assert not any(
        "https://" in book.read(n).decode() and "<img" in book.read(n).decode().split("https://")[0][-200:]
        for n in pages
    )
