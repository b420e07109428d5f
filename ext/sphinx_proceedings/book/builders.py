"""Which builder runs: the HTML book, or the PDF/EPUB volume (which shares the book's sources)."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder

VOLUME_BUILDERS = ("latex", "epub")


def is_volume_builder(app: Sphinx) -> bool:
    return builds_volume(app.builder)


def builds_volume(builder: Builder | type[Builder]) -> bool:
    return builder.format == "latex" or builder.name.startswith(VOLUME_BUILDERS)
