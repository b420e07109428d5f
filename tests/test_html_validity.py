"""Every kind of HTML page the book writes is valid HTML to the Nu Html Checker (vnu-jar from npm, on Debian's Java).

One Java run checks a sample of the default book and two test roots (one with DOIs, ORCID iDs and ROR
ids): each page kind, both schedules of events with one, one contribution page of every kind. An error
that came from the theme's own templates, which the book cannot change, would be named in THEME_ERRORS
with the theme it comes from; there is none today.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_proceedings.data.loader import load_project

from .conftest import REPO, Build

VNU = REPO / "tests/browser/node_modules/vnu-jar/build/dist/vnu.jar"
# Messages of the themes' own markup, matched exactly. Keep this list short: anything the book writes is fixed.
THEME_ERRORS: set[str] = set()


def page_sample(build: Build) -> list[Path]:
    """One page of each kind the book writes, and every schedule (they differ most between events)."""
    out = build.outdir
    generated = "_proceedings"
    data = load_project(build.srcdir / "data", build.srcdir).proceedings
    pages = [out / "index.html", out / "genindex.html", out / "search.html"]
    pages += [out / generated / "cited.html", out / generated / "people/index.html"]
    kinds: dict[str, str] = {}
    for event in data.events:
        eid = event.event.id
        pages += sorted((out / generated / eid).glob("*.html"))  # front, schedule, accepted, references
        pages += sorted((out / generated / eid / "sessions").glob("*.html"))[:1]
        for c in event.contributions:
            kinds.setdefault(c.kind.value, f"{eid}/contributions/{c.id}")
        organizer = event.event.organizers[0].person if event.event.organizers else None
        if organizer:
            pages.append(out / generated / f"people/{organizer}.html")
    pages += [out / generated / f"{path}.html" for path in kinds.values()]
    missing = [p for p in pages if not p.is_file()]
    assert missing == []
    return list(dict.fromkeys(pages))


def vnu(pages: list[Path]) -> list[tuple[str, str]]:
    """The checker's errors, as (page, "line: message")."""
    if shutil.which("java") is None:
        pytest.fail("a Java runtime is installed by scripts/install-system-packages.sh")
    if not VNU.is_file():
        pytest.fail("vnu-jar is installed by make test (npm ci in tests/browser)")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        (m.get("url", "").rsplit("/_build/", 1)[-1], f"{m.get('lastLine', '?')}: {m['message']}")
        for m in messages
        if m["type"] in ("error", "non-document-error") and m["message"] not in THEME_ERRORS
    ]


def test_every_kind_of_page_is_valid_html(default_book: Build, basic_html: Build, doi_html: Build) -> None:
    """The default book, the test root and the root with DOIs, ORCID iDs and ROR ids."""
    pages = page_sample(default_book) + page_sample(basic_html) + page_sample(doi_html)
    assert len(pages) > 30
    assert vnu(pages) == []


def test_the_checker_sees_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><table><tr><td><p><p>x</p></p>'
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    assert [m for _, m in vnu([broken])] == ["1: No “p” element in scope but a “p” end tag seen."]
