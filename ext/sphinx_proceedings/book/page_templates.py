"""The page templates, loaded once per build.

Jinja checks on every use of a template whether its file changed since it was loaded (a ``stat`` per
template and include, about 45 per page with sphinx-book-theme); within one build the files do not
change, and each build makes a new template environment, which loads them afresh.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_page_templates(app: Sphinx) -> None:
    app.connect("builder-inited", _load_templates_once)


def _load_templates_once(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None and hasattr(environment, "auto_reload"):
        environment.auto_reload = False
