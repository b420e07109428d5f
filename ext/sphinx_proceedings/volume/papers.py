"""The papers' own PDFs: copied beside the LaTeX sources for the volume, and cut out of the built volume.

The LaTeX builder copies each printed paper's PDF to ``papers/<id>.pdf`` (the
only path of it the ``.tex`` names) and writes ``papers.json``: for each, its
event, its pages and its page in the HTML book; and the events in the volume's
order with the generated folder (event_volumes.py cuts them). After latexmk,
:func:`cut_papers` finds where each paper begins in the PDF (the absolute page
zref recorded in the ``.aux`` file) and writes its pages, stamped and numbered
as in the volume, beside the paper's page: ``<page>.pdf``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from sphinx.application import Sphinx

from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.state import get_index, volume_plans
from sphinx_proceedings.data.files import replace_atomically
from sphinx_proceedings.volume.entries import PAPERS_DIR
from sphinx_proceedings.volume.tex import label

MANIFEST = "papers.json"
_ZLABEL = re.compile(r"\\zref@newlabel\{([^}]+)\}\{.*?\\abspage\{(\d+)\}")


class CutError(Exception):
    """The built volume does not hold a paper where the plan put it."""


def setup_papers(app: Sphinx) -> None:
    app.connect("build-finished", _copy_papers)


def _copy_papers(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "latex":
        return
    generated = read_config(app.config).generated_dir
    outdir = Path(app.outdir)
    manifest = []
    for plan in volume_plans(get_index(app.env), app.config).values():
        for paper in plan.papers:
            c = paper.contribution
            target = outdir / PAPERS_DIR / f"{c.id}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(paper.pdf, target)
            page = f"{generated}/{plan.data.event.id}/contributions/{c.id}"
            manifest.append(
                {"id": c.id, "event": plan.data.event.id, "first": paper.first, "last": paper.last, "page": page}
            )
    events = {data.event.id: data.event.title for data in get_index(app.env).proceedings.events}
    record = {"generated": generated, "events": events, "papers": manifest}
    (outdir / MANIFEST).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def read_manifest(latex_dir: Path) -> dict[str, Any]:
    """What the LaTeX build recorded for cutting (empty when it recorded nothing)."""
    manifest_file = latex_dir / MANIFEST
    if not manifest_file.is_file():
        return {"generated": "", "events": {}, "papers": []}
    return json.loads(manifest_file.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def absolute_pages(aux: Path) -> dict[str, int]:
    """Label -> the 1-based physical page it fell on, from zref's records in the ``.aux`` file."""
    text = aux.read_text(encoding="utf-8", errors="replace") if aux.is_file() else ""
    return {name: int(page) for name, page in _ZLABEL.findall(text)}


def cut_papers(latex_dir: Path, volume_pdf: Path, html_dir: Path) -> list[Path]:
    """Write each printed paper's pages of ``volume_pdf`` into the HTML output, beside the paper's page."""
    papers = read_manifest(latex_dir)["papers"]
    if not papers:
        return []
    starts = absolute_pages(volume_pdf.with_suffix(".aux"))
    written = []
    volume = pdfium.PdfDocument(volume_pdf)
    try:
        for paper in papers:
            start = starts.get(label("c", paper["id"]))
            count = paper["last"] - paper["first"] + 1
            if start is None or start + count - 1 > len(volume):
                raise CutError(f"the volume does not hold the pages of paper '{paper['id']}'")
            out = pdfium.PdfDocument.new()
            try:
                out.import_pages(volume, list(range(start - 1, start - 1 + count)))
                buffer = io.BytesIO()
                out.save(buffer)
                target = html_dir / f"{paper['page']}.pdf"
                replace_atomically(target, buffer.getvalue())
            finally:
                out.close()
            written.append(target)
    finally:
        volume.close()
    return written
