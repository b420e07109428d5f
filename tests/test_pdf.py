"""The PDF volume: Sphinx's LaTeX builder and a real latexmk/XeLaTeX run, once per session per book."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_proceedings.book.directives.people import index_name
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import Proceedings

from .conftest import REPO, run_build

pytestmark = pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
SITE = "https://demo.example.org/en/latest/"
LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode"]


@dataclass
class Volume:
    proceedings: Proceedings
    pdf: Path
    log: str
    warnings: str

    @property
    def text(self) -> str:
        return flat(
            subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(self.pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
        )


def flat(text: str) -> str:
    """Whitespace collapsed; TeX's typographic quotes and ellipses as typed."""
    return re.sub(r"\s+", " ", text).replace("’", "'").replace("…", "...")


def build_volume(src: Path, confoverrides: dict[str, object] | None = None) -> Volume:
    build = run_build(src, src / "_build", "latex", confoverrides=confoverrides)
    assert (build.outdir / "proceedings.tex").is_file()
    subprocess.run([*LATEXMK, "-jobname=volume"], cwd=build.outdir, capture_output=True, check=False, timeout=300)
    pdf = build.outdir / "volume.pdf"
    assert pdf.is_file(), (build.outdir / "volume.log").read_text(encoding="utf-8", errors="replace")[-3000:]
    log = (build.outdir / "volume.log").read_text(encoding="utf-8", errors="replace")
    return Volume(load_project(src / "data", src).proceedings, pdf, log, build.warnings)


@pytest.fixture(scope="session")
def basic_pdf(copy_root: Callable[[str], Path]) -> Volume:
    return build_volume(copy_root("basic"), {"proceedings_site_url": SITE})


@pytest.fixture(scope="session")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Volume]:
    src = tmp_path_factory.mktemp("default-pdf") / "proceedings"
    shutil.copytree(REPO / "proceedings", src, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    yield build_volume(src)


@pytest.fixture(scope="session", params=["basic", "default"])
def volume(request: pytest.FixtureRequest) -> Volume:
    return request.getfixturevalue(f"{request.param}_pdf")  # type: ignore[no-any-return]


def outline_titles(pdf: Path) -> list[str]:
    def walk(items: list) -> Iterator[str]:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                title = flat(item.title)
                yield title
                yield re.sub(r"^[IVXLC\d.]+ ", "", title)  # parts are bookmarked with their number

    return list(walk(PdfReader(pdf).outline))


def link_targets(pdf: Path) -> set[str]:
    uris = set()
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


def test_latex_build_is_clean(volume: Volume) -> None:
    assert volume.warnings == ""
    assert not re.findall(r"^! .*", volume.log, re.MULTILINE)
    assert not re.findall(r".*undefined.*", volume.log, re.IGNORECASE)


def test_every_contribution_author_and_session_is_in_the_text(volume: Volume) -> None:
    text = volume.text
    missing = []
    for data in volume.proceedings.events:
        missing += [c.title for c in data.contributions if flat(c.title) not in text]
        missing += [s.title for day in data.schedule.days for s in day.sessions if s.title and s.title not in text]
        for c in data.contributions:
            missing += [
                volume.proceedings.people[a.person].name
                for a in c.authors
                if flat(volume.proceedings.people[a.person].name) not in text
            ]
    assert missing == []


def test_outline_lists_events_and_sessions(volume: Volume) -> None:
    titles = outline_titles(volume.pdf)
    for data in volume.proceedings.events:
        assert flat(data.event.title) in titles
        contributed = {
            cid for day in data.schedule.days for s in day.sessions for slot in s.slots for cid in slot.contributions
        }
        for day in data.schedule.days:
            for session in day.sessions:
                if session.title and any(cid in contributed for slot in session.slots for cid in slot.contributions):
                    assert flat(session.title) in titles
        for c in data.contributions:
            assert flat(c.title) in titles


def test_author_index_has_every_author(volume: Volume) -> None:
    text = volume.text
    assert "AUTHOR INDEX" in text
    index = text[text.rindex("AUTHOR INDEX") :]
    authors = {a.person for data in volume.proceedings.events for c in data.contributions for a in c.authors}
    missing = [pid for pid in authors if flat(index_name(volume.proceedings.people[pid])) not in index]
    assert missing == []


def test_title_page_names_events_and_editors(basic_pdf: Volume) -> None:
    first_page = flat(PdfReader(basic_pdf.pdf).pages[0].extract_text())
    assert "Demo Workshop Series" in first_page and "Demo Workshop on Learned Systems 2024" in first_page
    assert "Vienna, Austria" in first_page and "Edited by" in first_page and "Bart van Merriënboer" in first_page


def test_names_in_other_scripts_are_typeset(basic_pdf: Volume) -> None:
    assert "张伟" in basic_pdf.text and "José García" in basic_pdf.text
    assert "Missing character" not in basic_pdf.log


def test_links_to_slides_are_live_absolute_urls(basic_pdf: Volume, default_pdf: Volume) -> None:
    local = {u for u in link_targets(basic_pdf.pdf) if u.startswith(SITE)}
    assert any(u.startswith(f"{SITE}_downloads/") and u.endswith(".pdf") for u in local)
    assert f"{SITE}_proceedings/demo2024/schedule.ics" in local
    slides = {c.slides for data in default_pdf.proceedings.events for c in data.contributions if c.slides}
    assert slides and slides <= link_targets(default_pdf.pdf)


def test_bibliography_stays_in_its_event(basic_pdf: Volume) -> None:
    text = basic_pdf.text
    references = text.index("REFERENCES — DEMO 2024")
    people = text.index("Part II")
    assert references < text.index("The Case for Learned Index Structures") < people
