"""Page titles reach the theme as text: escape them where sphinx-book-theme prints them as HTML.

sphinx-book-theme puts each page's title, as plain text, in ``pagetitle`` (and the root page's in
``root_title``) and its templates print them without escaping. Titles of generated pages come from the
data (a talk's title, a speaker's name), so they are escaped here, after the theme has set them.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx

THEME_TEXT_KEYS = ("pagetitle", "root_title")


def setup_html_safety(app: Sphinx) -> None:
    app.connect("html-page-context", _escape_theme_titles, priority=900)


def _escape_theme_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    for key in THEME_TEXT_KEYS:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = escape(value)
