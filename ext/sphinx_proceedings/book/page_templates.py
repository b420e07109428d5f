"""The page templates, loaded once per build, and the checksums of their assets, looked up once.

Jinja checks on every use of a template whether its file changed since it was loaded (a ``stat`` per
template and include, about 45 per page with sphinx-book-theme); within one build the files do not
change, and each build makes a new template environment, which loads them afresh.

Each page's CSS and JS links carry a checksum of the file (``?v=``). Sphinx remembers a file's checksum
for the life of the process but resolves the file's path again for every link of every page (about 20
``realpath`` walks per page with the theme). The result is remembered per output folder and file name
for one build; a new build looks them up afresh.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import html as html_builder


def setup_page_templates(app: Sphinx) -> None:
    app.connect("builder-inited", _load_templates_once)
    app.connect("builder-inited", _remember_asset_checksums)


def _load_templates_once(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and hasattr(environment, "auto_reload"):
        environment.auto_reload = False


def _remember_asset_checksums(app: Sphinx) -> None:
    checksum = getattr(html_builder, "_file_checksum", None)
    if isinstance(checksum, AssetChecksums):
        checksum.known.clear()  # a new build
    elif checksum is not None:  # the function the page templates' css_tag and js_tag call (Sphinx 7.1+)
        setattr(html_builder, "_file_checksum", AssetChecksums(checksum))  # noqa: B010 (not exported)


class AssetChecksums:
    """Sphinx's checksum of an asset, remembered by output folder and file name."""

    def __init__(self, checksum: Callable[[Path, str | os.PathLike[str]], str]) -> None:
        self.checksum = checksum
        self.known: dict[tuple[Path, str], str] = {}

    def __call__(self, outdir: Path, filename: str | os.PathLike[str]) -> str:
        key = (outdir, os.fspath(filename))
        known = self.known.get(key)
        if known is None:
            known = self.known[key] = self.checksum(outdir, filename)  # raises, unremembered, as Sphinx does
        return known
