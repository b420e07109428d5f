"""Preview images of the first page of PDFs shipped with the book (papers, posters, slides).

A PDF is untrusted: its page may claim any size (``/MediaBox [0 0 10 14400]``). The preview is
PREVIEW_WIDTH pixels wide and at most MAX_ASPECT times as tall (or as wide) as the other side; the rest
of a page that is longer than that is cut off, so no page costs more than a 480 × 960 image. A preview
that cannot be made (a PDF that cannot be read, that is too large or has an empty page) is removed,
never left from an earlier version of the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from sphinx.util import logging

from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution
from sphinx_proceedings.data.reading import Kind, Refused, read_data

logger = logging.getLogger(__name__)
PREVIEW_WIDTH = 480
MAX_ASPECT = 2.0  # a portrait A4 page is 1.41 times as tall as wide; a 16:9 slide 1.78 times as wide
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
    wanted: set[str] = set()
    for c in index.contributions.values():
        pdf = local_pdf(index, c)
        if pdf is None:
            continue
        target = folder / f"{c.id}.png"
        wanted.add(target.name)
        if target.is_file() and target.stat().st_mtime >= pdf.stat().st_mtime:
            continue
        try:
            image = render_first_page(pdf)
        except (Refused, pdfium.PdfiumError, IndexError, OSError, ValueError) as exc:
            target.unlink(missing_ok=True)  # an older preview would show a PDF that is no longer there
            origin = index.origins.contributions[c.id]
            logger.warning(
                "cannot make a preview of %s: %s",
                pdf.name,
                str(exc) or f"PDFium gave no reason ({type(exc).__name__})",
                location=f"{origin.path}:{origin.at('id')[0]}",
                type="proceedings",
                subtype="file",
            )
            continue
        folder.mkdir(parents=True, exist_ok=True)
        image.save(target, optimize=True)
    if folder.is_dir():
        for stale in folder.glob("*.png"):
            if stale.name not in wanted:
                stale.unlink()


def render_first_page(pdf: Path) -> Image.Image:
    """Page 1 of ``pdf``, PREVIEW_WIDTH pixels wide and at most MAX_ASPECT times as long as wide (or as wide)."""
    document = pdfium.PdfDocument(read_data(pdf, Kind.pdf))
    try:
        page = document[0]
        width, height = page.get_size()  # in points, the page's rotation applied
        if not (width > 0 and height > 0):
            raise ValueError(f"its first page has no area ({width:g} × {height:g} points)")
        bitmap = page.render(scale=PREVIEW_WIDTH / min(width, height * MAX_ASPECT), crop=_crop(width, height))
        image: Image.Image = bitmap.to_pil()
        return image
    finally:
        document.close()


def _crop(width: float, height: float) -> tuple[float, float, float, float]:
    """Points cut off (left, bottom, right, top): the bottom of a long page, the right of a wide one."""
    if height > width * MAX_ASPECT:
        return (0, height - width * MAX_ASPECT, 0, 0)
    if width > height * MAX_ASPECT:
        return (0, 0, width - height * MAX_ASPECT, 0)
    return (0, 0, 0, 0)
