"""One allow-list for links readers click: a BibTeX `url` that is not http(s) is a located error, never an href."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.problems import Code

from .conftest import run_build

HOSTILE = {
    "javascript": "javascript:alert(document.domain)",
    "data": "data:text/html,<script>alert(1)</script>",
    "no-host": "https:///nowhere",
}


@pytest.mark.parametrize("url", HOSTILE.values(), ids=HOSTILE.keys())
def test_check_reports_a_bibtex_url_that_is_not_a_web_url(copy_root: Callable[[str], Path], url: str) -> None:
    src = copy_root("basic")
    bib = src / "data/demo2024/references.bib"
    line = len(bib.read_text(encoding="utf-8").splitlines()) + 1
    with bib.open("a", encoding="utf-8") as out:
        out.write(f"@misc{{hostile,title={{T}},author={{A, B}},year={{2021}},url={{{url}}}}}\n")
    result = load_project(src / "data", src)
    found = [p for p in result.problems.errors if p.code is Code.link]
    assert [(p.path, p.line) for p in found] == [(bib, line)]
    assert "'hostile'" in found[0].message


def test_a_hostile_url_is_never_rendered(copy_root: Callable[[str], Path]) -> None:
    """Built by Sphinx directly (no `check` first): the field is dropped, the entry stays."""
    src = copy_root("basic")
    bib = src / "data/demo2024/references.bib"
    with bib.open("a", encoding="utf-8") as out:
        out.write("@misc{hostile,title={Hostile Entry},author={A, B},year={2021},url={javascript:alert(1)}}\n")
    build = run_build(src, src / "_build")
    pages = "".join(p.read_text(encoding="utf-8") for p in build.outdir.rglob("*.html"))
    assert "Hostile Entry" in pages
    assert "javascript:" not in pages
