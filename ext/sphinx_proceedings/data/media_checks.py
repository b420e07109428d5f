"""Checks of the local files the book processes (PDFs it renders, photos it prints): size and dimensions.

A photo is looked at through its header only (Pillow's ``open`` decodes no pixel), so a 50,000 × 50,000
PNG costs nothing to refuse, instead of failing the PDF with TeX's "Dimension too large".
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.data.reading import Kind, Refused, check_data

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin

MAX_IMAGE_SIDE = 10_000  # pixels
MAX_IMAGE_PIXELS = 40_000_000
# TeX's largest dimension is 16383.99 pt; a photo's natural size (pixels at its stated resolution) stays below.
MAX_IMAGE_POINTS = 15_000
_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")


def check_linked_file(target: Path, kind: Kind, origin: Origin, loc: tuple[str | int, ...], problems: Problems) -> bool:
    """Whether the file a link names could be read as ``kind``; if not, an error at the link."""
    try:
        check_data(target, kind)
    except Refused as refused:
        message = f"{kind.value} '{target.name}': {refused}"
        problems.error(origin.path, origin.at(*loc), Code.link, message, refused.hint)
        return False
    return True


def check_photo(target: Path, origin: Origin, loc: tuple[str | int, ...], problems: Problems) -> None:
    """A local photo is an image of at most MAX_IMAGE_SIDE pixels a side and MAX_IMAGE_PIXELS in all."""
    if not check_linked_file(target, Kind.image, origin, loc, problems) or target.suffix.lower() == ".svg":
        return
    where, name = origin.at(*loc), target.name
    hint = f"scale the photo down to at most {MAX_IMAGE_SIDE} pixels a side; 1000 are plenty for a page"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(target) as image:  # the header only
                width, height = image.size
                dpi = image.info.get("dpi")
    except Image.DecompressionBombError as exc:
        found = _BOMB_PIXELS.search(str(exc))
        pixels = f"{int(found[1])} pixels" if found else "too many pixels"
        message = f"photo '{name}' has {pixels}, more than {MAX_IMAGE_PIXELS}"
        problems.error(origin.path, where, Code.link, message, hint)
        return
    except (UnidentifiedImageError, OSError, ValueError):
        problems.error(
            origin.path, where, Code.link, f"photo '{name}' cannot be read as an image", "use a PNG or JPEG file"
        )
        return
    if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        problems.error(origin.path, where, Code.link, f"photo '{name}' is {width} × {height} pixels, too large", hint)
        return
    resolution = _resolution(dpi)
    if max(width, height) * 72 / resolution > MAX_IMAGE_POINTS:
        problems.error(
            origin.path,
            where,
            Code.link,
            f"photo '{name}' states a resolution of {resolution:g} dpi: at that size "
            f"({max(width, height) / resolution:.0f} inches) TeX cannot print it",
            "save the photo with a resolution of 72 dpi or more",
        )


def _resolution(dpi: object) -> float:
    """The smaller of an image's stated resolutions, 72 dpi (TeX's default) when it states none."""
    if isinstance(dpi, tuple) and dpi and all(isinstance(d, int | float) and d > 0 for d in dpi):
        return float(min(dpi))
    return 72.0
