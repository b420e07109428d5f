"""Previews of PDFs' first pages: bounded in size whatever the page claims, never stale."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from sphinx.util import logging as sphinx_logging

from sphinx_proceedings.book.previews import MAX_ASPECT, PREVIEW_WIDTH, render_first_page, write_previews
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.loader import load_project

from .pdfs import make_pdf

BASE = Path(__file__).parent / "hostile" / "base"


@pytest.mark.parametrize(
    ("media_box", "size"),
    [
        ("0 0 612 792", (PREVIEW_WIDTH, round(PREVIEW_WIDTH * 792 / 612))),  # an ordinary page, whole
        ("0 0 10 14400", (PREVIEW_WIDTH, PREVIEW_WIDTH * MAX_ASPECT)),  # 691,200 pixels tall unbounded
        ("0 0 1 14400", (PREVIEW_WIDTH, PREVIEW_WIDTH * MAX_ASPECT)),  # 6.9 million: gigabytes unbounded
        ("0 0 14400 1", (PREVIEW_WIDTH, PREVIEW_WIDTH / MAX_ASPECT)),  # as wide as the others are long
        ("0 0 0.01 0.01", (PREVIEW_WIDTH, PREVIEW_WIDTH)),
    ],
)
def test_a_preview_is_bounded_whatever_the_page_claims(tmp_path: Path, media_box: str, size: tuple[int, int]) -> None:
    pdf = make_pdf(tmp_path / "slides.pdf", ["A page"], media_box=media_box)
    image = render_first_page(pdf)
    assert abs(image.width - size[0]) <= 1 and abs(image.height - size[1]) <= 1, image.size
    assert image.width * image.height <= PREVIEW_WIDTH * PREVIEW_WIDTH * MAX_ASPECT


def _index(project: Path) -> ProceedingsIndex:
    result = load_project(project / "data", project)
    assert result.ok, result.problems
    return ProceedingsIndex(result.proceedings, result.origins, project)


def test_an_unreadable_replacement_pdf_removes_the_old_preview(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(BASE, project)
    contributions = project / "data" / "ev" / "contributions.yaml"
    contributions.write_text(contributions.read_text(encoding="utf-8") + "  slides: slides.pdf\n", encoding="utf-8")
    pdf = make_pdf(project / "data" / "ev" / "slides.pdf", ["Version one"])
    folder = tmp_path / "previews"
    write_previews(_index(project), folder)
    assert (folder / "talk.png").is_file()

    pdf.write_bytes(b"%PDF-1.4\nnot a PDF at all\n")
    later = (folder / "talk.png").stat().st_mtime + 10
    os.utime(pdf, (later, later))
    messages: list[str] = []
    logger = sphinx_logging.getLogger("sphinx_proceedings.book.previews").logger
    handler = _Collect(messages)
    logger.addHandler(handler)
    try:
        write_previews(_index(project), folder)
    finally:
        logger.removeHandler(handler)
    assert not (folder / "talk.png").exists()
    assert any("cannot make a preview of slides.pdf" in m for m in messages), messages


def test_a_withdrawn_pdf_takes_its_preview_along(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(BASE, project)
    contributions = project / "data" / "ev" / "contributions.yaml"
    original = contributions.read_text(encoding="utf-8")
    contributions.write_text(original + "  slides: slides.pdf\n", encoding="utf-8")
    make_pdf(project / "data" / "ev" / "slides.pdf", ["Version one"])
    folder = tmp_path / "previews"
    write_previews(_index(project), folder)
    assert (folder / "talk.png").is_file()
    contributions.write_text(original, encoding="utf-8")
    write_previews(_index(project), folder)
    assert not (folder / "talk.png").exists()


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__()
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


def test_a_pdf_over_its_limit_is_a_located_error_of_check(tmp_path: Path) -> None:
    """A 201 MiB slides PDF (a sparse file: it takes no disk) is refused before anything renders it."""
    from sphinx_proceedings.data.reading import LIMITS, Kind

    from .test_hostile import assert_no_leak, proceedings

    project = tmp_path / "proj"
    shutil.copytree(BASE, project)
    contributions = project / "data" / "ev" / "contributions.yaml"
    contributions.write_text(contributions.read_text(encoding="utf-8") + "  slides: slides.pdf\n", encoding="utf-8")
    with open(project / "data" / "ev" / "slides.pdf", "wb") as handle:
        handle.truncate(LIMITS[Kind.pdf] + 1024 * 1024)
    run = proceedings("check", ".", cwd=project)
    assert_no_leak(run)
    assert run.code == 1
    assert (
        f"data/ev/contributions.yaml:6:11: error: PDF 'slides.pdf': file is {LIMITS[Kind.pdf] + 1024 * 1024} bytes, "
        f"more than the {LIMITS[Kind.pdf]} allowed for a PDF" in run.out
    ), run.out
