"""sphinx-proceedings: turn workshop and conference data into a proceedings book."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from .bibstyle import setup_bibstyle
    from .book import setup_book
    from .citing import setup_citing
    from .config import setup_config
    from .exporters.sphinx_outputs import setup_exports
    from .htmlsafety import setup_html_safety
    from .incremental import setup_incremental
    from .latex import setup_latex
    from .localtime import setup_localtime
    from .metadata import setup_metadata

    app.setup_extension("myst_parser")
    setup_config(app)
    setup_citing(app)
    setup_bibstyle(app)
    setup_book(app)
    setup_incremental(app)
    setup_metadata(app)
    setup_html_safety(app)
    setup_exports(app)
    setup_localtime(app)
    setup_latex(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
