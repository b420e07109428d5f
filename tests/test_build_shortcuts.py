"""The build's shortcuts (a sidebar shared by the pages that show the same one, stems remembered for the
whole build) write the same bytes as the theme and Sphinx do without them.

One small book is built with the shortcuts switched off and compared, page by page, with the
session's build of the same root; nothing here measures seconds (benchmarks/ does).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_proceedings.book import searchindex, sidebar

from .conftest import Build, run_build

# What differs between two builds of copies of one root whatever the code: the calendar's DTSTAMP and
# .buildinfo's hash of the configuration (it holds the copy's path).
VARYING = {".ics", ".buildinfo"}  # suffixes, and names of dot files


@pytest.fixture(scope="module")
def without_shortcuts(copy_root: Callable[[str], Path]) -> Build:
    src = copy_root("basic")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sidebar, "_share_theme_sidebar", lambda app: None)
        patch.setattr(searchindex, "_remember_stems", lambda app, doctree, docname: None)
        return run_build(src, src / "_build")


def outputs(build: Build) -> dict[str, bytes]:
    return {
        path.relative_to(build.outdir).as_posix(): path.read_bytes()
        for path in sorted(build.outdir.rglob("*"))
        if path.is_file() and not {path.suffix, path.name} & VARYING and ".doctrees" not in path.parts
    }


def test_the_shortcuts_change_no_byte_of_the_book(basic_html: Build, without_shortcuts: Build) -> None:
    shared, plain = outputs(basic_html), outputs(without_shortcuts)
    assert shared.keys() == plain.keys()
    assert len([name for name in shared if name.startswith("_proceedings/") and name.endswith(".html")]) > 10
    assert "searchindex.js" in shared
    assert [name for name in shared if shared[name] != plain[name]] == []


def test_generated_pages_share_the_sidebar_and_listed_pages_mark_themselves(basic_html: Build) -> None:
    talks = sorted((basic_html.outdir / "_proceedings").glob("*/contributions/*.html"))
    navs = {_sidebar(path.read_text(encoding="utf-8")) for path in talks}
    assert len(talks) > 1 and len(navs) == 1
    [nav] = navs
    assert "current" not in nav  # a talk is in no toctree: nothing marks it
    events = sorted((basic_html.outdir / "_proceedings").glob("*/index.html"))
    assert events and all('class="toctree-l1 current active' in _sidebar(p.read_text(encoding="utf-8")) for p in events)


def _sidebar(page: str) -> str:
    start = page.index('<nav class="bd-links bd-docs-nav"')
    return page[start : page.index("</nav>", start)]


def test_parallel_writers_print_the_same_sidebars(basic_html: Build, copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    parallel = run_build(src, src / "_build", parallel=2)
    assert parallel.warnings == ""
    pages = sorted(p.relative_to(basic_html.outdir) for p in basic_html.outdir.rglob("*.html"))
    with_nav = [page for page in pages if 'class="bd-links bd-docs-nav"' in (basic_html.outdir / page).read_text()]
    assert len(with_nav) > 10
    for page in with_nav:
        serial_nav = _sidebar((basic_html.outdir / page).read_text(encoding="utf-8"))
        assert _sidebar((parallel.outdir / page).read_text(encoding="utf-8")) == serial_nav, page
