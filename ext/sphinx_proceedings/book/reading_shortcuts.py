"""Reading work that Sphinx does for every document and that changes nothing on a generated page.

A generated page (book/pages.py) holds nothing but calls of the extension's directives, toctrees and
bibliographies, and every node the directives return is marked ``support_smartquotes = False``
(directives/base.py): the bibliographies are nested inside them and filled in after reading, toctrees
hold no text. Sphinx's SmartQuotes transform still walks every text node of such a page and finds each
one excluded; with the document's ``smart_quotes`` setting off (what ``SphinxSmartQuotes.is_available``
checks first) it returns at once. Pages written by hand keep smart quotes as configured.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from sphinx_proceedings.book.pages import MARKER

ORPHAN = ":orphan:\n\n"  # the only line a generated page may carry before the marker
GENERATED_PAGES = "proceedings_generated_page"  # set in the data of the document being read when it is one


def setup_reading_shortcuts(app: Sphinx) -> None:
    app.connect("source-read", _note_generated_page)
    app.add_transform(GeneratedPageQuotes)


def is_generated_source(source: str) -> bool:
    """Whether ``source`` is a page book/pages.py wrote (those start with the marker, after ``:orphan:``)."""
    return source.removeprefix(ORPHAN).startswith(MARKER)


def _note_generated_page(app: Sphinx, docname: str, source: list[str]) -> None:
    # The source is looked at, not the folder: a page someone put in the generated folder by hand is theirs.
    if is_generated_source(source[0]):
        app.env.current_document[GENERATED_PAGES] = True


class GeneratedPageQuotes(SphinxTransform):
    """Switch smart quotes off for a generated page before SmartQuotes (priority 750) looks at the setting."""

    default_priority = 100  # any time after parsing, which the source-read listener precedes

    def apply(self, **kwargs: Any) -> None:
        if self.env.current_document.get(GENERATED_PAGES):
            self.document.settings.smart_quotes = False
