"""The page's own table of contents, printed without BeautifulSoup (``book/page_toc.py``), is the theme's.

Random section trees, written as Sphinx writes a page's table of contents (docutils' escapes in the
titles), go through pydata-sphinx-theme's ``generate_toc_html`` and through ours at every depth the
theme shows: the same bytes printed, the same length and truth for the templates' tests, and ours
answered them itself. HTML of any other form goes to the theme's function. The built book's pages are
compared byte for byte with and without the shortcut in ``tests/test_build_shortcuts.py``.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pydata_sphinx_theme.toctree import add_toctree_functions
from sphinx.writers.html5 import HTML5Translator

from sphinx_proceedings.book.page_toc import PrintedToc, printed_once

# Titles of every character docutils escapes or BeautifulSoup treats apart, and then some.
TITLE = st.lists(
    st.sampled_from([*"aZ9 &<>\"'@;#\n\t\r\x0c\u00a0é\u2014\u05d0", "&amp;", "&#64;", "&nbsp;"]), max_size=12
).map("".join)
ANCHOR = st.from_regex(r"[a-z0-9-]{0,10}", fullmatch=True)
SECTIONS = st.recursive(
    st.just([]),
    lambda inner: st.lists(st.tuples(TITLE, ANCHOR, inner), min_size=1, max_size=3),
    max_leaves=8,
)
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))


def sphinx_toc(sections: list[Any]) -> str:
    """A page's table of contents as Sphinx's HTML writer prints it for plain section titles."""
    if not sections:
        return ""
    items = "".join(
        f'<li><a class="reference internal" href="#{anchor}">{title.translate(HTML5Translator.special_characters)}</a>'
        f"{sphinx_toc(subsections)}</li>\n"
        for title, anchor, subsections in sections
    )
    return f"<ul>\n{items}</ul>\n"


def theirs_and_ours(toc: str, show_toc_level: int) -> tuple[Any, Any]:
    theme_context: dict[str, Any] = {"toc": toc, "theme_show_toc_level": show_toc_level}
    add_toctree_functions(None, "page", "page.html", theme_context, None)  # type: ignore[arg-type]
    ours = printed_once(theme_context["generate_toc_html"], dict(theme_context))
    return theme_context["generate_toc_html"], ours


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(SECTIONS, st.integers(min_value=0, max_value=3))
def test_plain_tables_of_contents_print_as_the_theme_prints_them(sections: list[Any], show_toc_level: int) -> None:
    theirs, ours = theirs_and_ours(sphinx_toc(sections), show_toc_level)
    mine, the_theme = ours(), theirs()
    assert str(mine) == str(the_theme)
    assert len(mine) == len(the_theme)
    assert bool(mine) is bool(the_theme)
    if the_theme == "":
        assert mine == ""
    else:
        assert isinstance(mine, PrintedToc)  # answered without the theme
    assert ours() is mine  # once per page, however many templates print it


OTHER_HTML = [
    '<ul>\n<li><a class="reference internal" href="#">A <code class="docutils literal">x</code></a>'
    '<ul>\n<li><a class="reference internal" href="#b">B</a></li>\n</ul>\n</li>\n</ul>\n',
    '<ul>\n<li><a class="reference internal" href="#">\u201cQuoted\u201d &#8217;</a><ul>\n'
    '<li><a class="reference internal" href="#b"><bdi>\u05d0</bdi></a></li>\n</ul>\n</li>\n</ul>\n',
    '<ul>\n<li><a class="reference external" href="https://example.org/?a=1&amp;b=2">Out</a></li>\n'
    '<li><a class="reference internal" href="#c">C</a></li>\n</ul>\n',
    '<ul>\n<li><a class="reference internal" href="#">Unclosed</a><ul>\n</li>\n</ul>\n',
]


@pytest.mark.parametrize("toc", OTHER_HTML)
def test_other_html_goes_to_the_theme(toc: str) -> None:
    theirs, ours = theirs_and_ours(toc, 1)
    assert ours() is theirs()


def test_other_uses_of_the_result_get_the_theme_s_own() -> None:
    theirs, ours = theirs_and_ours(sphinx_toc([("Title", "", [("One", "one", []), ("Two", "two", [])])]), 1)
    printed = ours()
    assert isinstance(printed, PrintedToc)
    assert printed.find_all("a") == theirs().find_all("a")  # BeautifulSoup's methods, on the theme's result
    assert ours("raw") is theirs("raw")  # the other kind is always the theme's
    assert ours(kind="html") is not printed and str(ours(kind="html")) == str(printed)  # asked as the theme is
    assert str(escape(printed)) == str(escape(theirs()))  # escaped where a template escapes, as a tag is
    assert str(copy.copy(printed)) == str(printed)
    with pytest.raises(TypeError):
        ours("html", 2)  # what the theme's function does not take it refuses
