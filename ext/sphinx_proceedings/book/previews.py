"""Preview images of the first page of PDFs shipped with the book (papers, posters, slides)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from sphinx.util import logging

from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution

logger = logging.getLogger(__name__)
PREVIEW_WIDTH = 480
PREVIEW_FIELDS = ("pdf", "poster", "slides")


def local_pdf(index: ProceedingsIndex, c: Contribution) -> Path | None:
    """The first project-local PDF of a contribution (paper, then poster, then slides)."""
    origin = index.origins.contributions.get(c.id)
    if origin is None:
        return None
    for name in PREVIEW_FIELDS:
        value = getattr(c, name)
        if value and "://" not in value and value.lower().endswith(".pdf"):
            path: Path = origin.path.parent / str(value)
            if path.is_file():
                return path
    return None


def write_previews(index: ProceedingsIndex, folder: Path) -> None:
    """Render page 1 of each local PDF into ``folder/<id>.png`` unless it is up to date."""
    for c in index.contributions.values():
        pdf = local_pdf(index, c)
        if pdf is None:
            continue
        target = folder / f"{c.id}.png"
        if target.is_file() and target.stat().st_mtime >= pdf.stat().st_mtime:
            continue
        try:
            document = pdfium.PdfDocument(pdf)
            try:
                page = document[0]
                image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
            finally:
                document.close()
        except (pdfium.PdfiumError, IndexError, OSError) as exc:
            origin = index.origins.contributions[c.id]
            logger.warning(
                "cannot make a preview of %s: %s",
                pdf.name,
                exc,
                location=f"{origin.path}:{origin.at('id')[0]}",
                type="proceedings",
                subtype="file",
            )
            continue
        folder.mkdir(parents=True, exist_ok=True)
        image.save(target, optimize=True)
