"""The search index stems each distinct word once per build, not once per page that holds it.

Sphinx's IndexBuilder remembers stems only within one page, and the pages of a conference share
most of their words (names, affiliations, the words of titles and abstracts): Snowball stemming was
about a tenth of a full build. A stem of Sphinx's languages depends on the word alone, so remembering
it for the whole build leaves the index as it was. Not for Chinese, whose stemmer also asks whether the
word was seen in Latin script on an earlier page, nor for languages other extensions add.
"""

from __future__ import annotations

import functools
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def setup_search_index(app: Sphinx) -> None:
    # Emitted for each page before the builder feeds it to the index, once the index exists.
    app.connect("doctree-resolved", _remember_stems)


def _remember_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    indexer: Any = getattr(app.builder, "indexer", None)
    if indexer is None:
        return
    language = indexer.lang
    stateless = type(language).__module__.startswith("sphinx.search.") and language.lang != "zh"
    if stateless and not isinstance(vars(language).get("stem"), functools._lru_cache_wrapper):
        language.stem = functools.cache(language.stem)
