"""Wire the book into Sphinx: the domain and its directives, generated pages, the stylesheet."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_proceedings.book.builders import is_volume_builder
from sphinx_proceedings.book.citing import write_citation_files
from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.directives import DIRECTIVES
from sphinx_proceedings.book.domain import ProceedingsDomain
from sphinx_proceedings.book.isolation import setup_isolation
from sphinx_proceedings.book.pages import ORPHAN_MARKER, PREVIEWS_DIR, write_pages
from sphinx_proceedings.book.previews import write_previews
from sphinx_proceedings.book.state import bind_to_env, load_for_build

STATIC = Path(__file__).parent.parent / "static"


def setup_book(app: Sphinx) -> None:
    ProceedingsDomain.directives = dict(DIRECTIVES)
    app.add_domain(ProceedingsDomain)
    setup_isolation(app)
    app.connect("config-inited", _load_data, priority=450)
    app.connect("builder-inited", _generate_pages)
    app.connect("builder-inited", _add_static_files)
    app.connect("source-read", _note_orphan)


def _load_data(app: Sphinx, config: Config) -> None:
    index = load_for_build(app)
    write_citation_files(app, index)


def _generate_pages(app: Sphinx) -> None:
    index = bind_to_env(app)
    settings = read_config(app.config)
    generated = Path(app.srcdir) / settings.generated_dir
    write_pages(index, generated, app.verbosity, volume=is_volume_builder(app))
    write_previews(index, generated / PREVIEWS_DIR)


def _note_orphan(app: Sphinx, docname: str, source: list[str]) -> None:
    # What an ``:orphan:`` field would record; the environment cleared the document's metadata before reading.
    if source[0].startswith(ORPHAN_MARKER):
        app.env.metadata[docname]["orphan"] = True


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static_path = list(app.config.html_static_path)
    if str(STATIC) not in static_path:
        app.config.html_static_path = [*static_path, str(STATIC)]
    app.add_css_file("proceedings.css")
    app.add_js_file("proceedings.js", loading_method="defer")
