"""The theme's navigation sidebar, rendered once for all the pages that show the same one.

sphinx-book-theme prints the site's navigation on every page through pydata-sphinx-theme's
``generate_toctree_html``: Sphinx copies and resolves the global toctree for the page, and the theme
parses and prunes it with BeautifulSoup for every page, and serialises it twice (pydata-sphinx-theme
renders the sidebar once more to see whether it is empty). The generated talk and person pages are in no toctree,
so nothing in their sidebar marks the current page: it differs between them only in the relative
links, which depend on the folder the page is written to. This module keeps the theme's
functions and remembers their sidebar HTML per folder for those pages; pages that a toctree lists
(where the sidebar marks the current page and its ancestors) still get their own. The same wrapper
hands every page's own table of contents to ``page_toc``, which prints it without parsing it again.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from itertools import chain
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment

from .page_toc import printed_once

THEME_SIDEBAR_KIND = "sidebar"  # the kind of generate_toctree_html that prints HTML (not "raw" soup)


def setup_shared_sidebar(app: Sphinx) -> None:
    app.connect("builder-inited", _share_theme_sidebar)


def _share_theme_sidebar(app: Sphinx) -> None:
    """Wrap pydata-sphinx-theme's html-page-context listener that puts the toctree functions in the context."""
    try:
        from pydata_sphinx_theme.toctree import add_toctree_functions
    except ImportError:  # another theme: nothing to share
        return
    listeners = [
        listener
        for listener in app.events.listeners.get("html-page-context", [])
        if listener.handler is add_toctree_functions
    ]
    if not listeners:
        return
    for listener in listeners:
        app.disconnect(listener.id)
    sidebars = SharedSidebars()

    def add_shared_toctree_functions(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        add_toctree_functions(app, pagename, templatename, context, doctree)
        context["generate_toc_html"] = printed_once(context["generate_toc_html"], context)
        if not sidebars.listed_in_a_toctree(app.env, pagename):
            folder = posixpath.dirname(app.builder.get_target_uri(pagename))
            context["generate_toctree_html"] = sidebars.shared(context["generate_toctree_html"], folder)

    # Just before the theme's own place: its other listeners render the sidebar templates.
    app.connect("html-page-context", add_shared_toctree_functions, priority=listeners[0].priority - 1)


class SharedSidebars:
    """Sidebar HTML by (folder, arguments), for the pages no toctree lists; one build's worth."""

    def __init__(self) -> None:
        self._html: dict[Hashable, Markup] = {}
        self._listed: frozenset[str] | None = None

    def listed_in_a_toctree(self, env: BuildEnvironment, pagename: str) -> bool:
        # Read once the environment is complete (pages are written after all are read).
        if self._listed is None:
            listed = set(chain([env.config.root_doc], *env.toctree_includes.values()))
            # A toctree lists the indices by name; their pages ("modindex" is py-modindex) are marked too.
            virtual = StandardDomain._virtual_doc_names
            self._listed = frozenset(listed | {virtual[name][0] for name in listed if name in virtual})
        return pagename in self._listed

    def shared(self, generate: Callable[..., Any], folder: str) -> Callable[..., Any]:
        def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
            # startdepth 0 is the whole site's tree; deeper ones start at the page's own ancestor.
            if kind != THEME_SIDEBAR_KIND or startdepth != 0:
                return generate(kind, startdepth, show_nav_level, **kwargs)
            key = (folder, startdepth, show_nav_level, tuple(sorted(kwargs.items())))
            if key not in self._html:
                self._html[key] = Markup(str(generate(kind, startdepth, show_nav_level, **kwargs)))
            return self._html[key]

        return generate_toctree_html
