"""Incremental and parallel builds: what is re-read after a data edit, and -j 2 == -j 1."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_build

EVENT = "_proceedings/demo2024"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_rebuilds_read_only_what_changed(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    first = run_build(src, src / "_build")
    assert f"{EVENT}/contributions/tangent-van-merrienboer" in first.read

    unchanged = run_build(src, src / "_build")
    assert unchanged.read == []

    data = src / "data/demo2024"
    edit(data / "contributions.yaml", 'title: "Tangent: Automatic', 'title: "Tangent 2: Automatic')
    edited = run_build(src, src / "_build")
    # Pages that only link the talk show its title through the domain: written again, not read again.
    assert sorted(edited.read) == [
        "_proceedings/cited",  # its bibliography's file, contributions.bib, changed
        f"{EVENT}/contributions/tangent-van-merrienboer",
    ]
    for page in (
        f"{EVENT}/schedule",
        f"{EVENT}/sessions/demo2024-s1",
        f"{EVENT}/contributions/keynote-lovelace",  # shows it as "next in session"
        f"{EVENT}/index",  # names it in the JSON-LD
        "_proceedings/people/jose-garcia",
        "_proceedings/people/bart-van-merrienboer",
    ):
        assert "Tangent 2: Automatic" in edited.html(page), page
        assert "Tangent: Automatic" not in edited.html(page), page
    # The citation files published beside the pages follow the data.
    cite = edited.outdir / EVENT / "cite/tangent-van-merrienboer"
    assert "Tangent 2: Automatic" in cite.with_suffix(".bib").read_text(encoding="utf-8")
    assert "Tangent 2: Automatic" in cite.with_suffix(".ris").read_text(encoding="utf-8")
    assert edited.warnings == ""


def test_deleting_a_contribution_removes_its_page(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    run_build(src, src / "_build")
    data = src / "data/demo2024"
    text = (data / "contributions.yaml").read_text(encoding="utf-8")
    (data / "contributions.yaml").write_text(text[: text.index("- id: indexes-zhang")], encoding="utf-8")
    edit(data / "schedule.yaml", "            contributions: [indexes-zhang]\n", "")
    after = run_build(src, src / "_build")
    assert after.warnings == ""
    assert not (after.outdir / EVENT / "contributions/indexes-zhang.html").exists()
    assert not (src / EVENT / "contributions/indexes-zhang.rst").exists()
    assert not list(after.outdir.glob(f"{EVENT}/cite/indexes-zhang.*"))
    for page in after.outdir.rglob("*.html"):
        assert "indexes-zhang" not in page.read_text(encoding="utf-8"), page


def _article(html: str) -> str:
    """The page's content; theme pages without one compare whole."""
    match = re.search(r'<article class="bd-article">(.*?)</article>', html, re.S)
    return match.group(1) if match else html


def test_parallel_build_gives_the_same_pages(copy_root: Callable[[str], Path], tmp_path: Path) -> None:
    serial_src = copy_root("basic")
    parallel_src = tmp_path / "src"
    shutil.copytree(serial_src, parallel_src)
    serial = run_build(serial_src, serial_src / "_build")
    parallel = run_build(parallel_src, parallel_src / "_build", parallel=2)
    assert parallel.warnings == ""
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html"))
    for page in pages:
        if page.name in ("genindex.html", "search.html"):
            continue
        assert _article((serial.outdir / page).read_text()) == _article((parallel.outdir / page).read_text()), page


def test_unchanged_data_skips_regenerating_citation_files_and_exports(
    copy_root: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_proceedings.book import citing, schedule_files

    src = copy_root("basic")
    run_build(src, src / "_build")
    regenerated: list[str] = []
    monkeypatch.setattr(citing, "_write_bib_files", lambda *args: regenerated.append("bib"))
    monkeypatch.setattr(schedule_files, "ics", lambda timelines: regenerated.append("ics") or "")
    run_build(src, src / "_build")
    assert regenerated == []

    edit(src / "data/demo2024/contributions.yaml", 'title: "Tangent: Automatic', 'title: "Tangent 2: Automatic')
    run_build(src, src / "_build")
    assert regenerated == ["bib", "ics"]
