"""sphinx-proceedings: turn workshop and conference data into a proceedings book."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_proceedings.version import __version__

__all__ = ["__version__", "setup"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from sphinx_proceedings.book.citing import setup_citing
    from sphinx_proceedings.book.code_highlighting import setup_code_highlighting
    from sphinx_proceedings.book.collector import setup_collector
    from sphinx_proceedings.book.config import setup_config
    from sphinx_proceedings.book.extension import setup_book
    from sphinx_proceedings.book.first_reads import setup_first_reads
    from sphinx_proceedings.book.headtags import setup_head_tags
    from sphinx_proceedings.book.htmlsafety import setup_html_safety
    from sphinx_proceedings.book.incremental import setup_incremental
    from sphinx_proceedings.book.localtime import setup_localtime
    from sphinx_proceedings.book.metadata import setup_metadata
    from sphinx_proceedings.book.page_templates import setup_page_templates
    from sphinx_proceedings.book.reading_shortcuts import setup_reading_shortcuts
    from sphinx_proceedings.book.schedule_files import setup_exports
    from sphinx_proceedings.book.searchindex import setup_search_index
    from sphinx_proceedings.book.sidebar import setup_shared_sidebar
    from sphinx_proceedings.book.template_checks import setup_template_checks
    from sphinx_proceedings.cite.style import setup_bibstyle
    from sphinx_proceedings.volume.latex import setup_latex

    app.setup_extension("myst_parser")
    setup_config(app)
    setup_collector(app)
    setup_citing(app)
    setup_bibstyle(app)
    setup_book(app)
    setup_incremental(app)
    setup_metadata(app)
    setup_head_tags(app)
    setup_html_safety(app)
    setup_shared_sidebar(app)
    setup_page_templates(app)
    setup_template_checks(app)
    setup_reading_shortcuts(app)
    setup_code_highlighting(app)
    setup_first_reads(app)
    setup_search_index(app)
    setup_exports(app)
    setup_localtime(app)
    setup_latex(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
