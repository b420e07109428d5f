"""Where the build's shortcuts cannot be sure they change nothing, Sphinx and the theme do as they would.

Each case here is one a small book does not show: a template that counts ids, a prolog of the
project's text on every page, an index page in a toctree, another application in the same process,
a stemmer that remembers earlier pages, an application let go of before it built, a document that
something registered labels for before it was read. No builds: the
shortcuts' own pieces, given what Sphinx and the theme give them.
"""

from __future__ import annotations

import gc
from types import SimpleNamespace
from typing import Any

import pytest
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from jinja2 import DictLoader, Environment
from sphinx.domains.std import StandardDomain
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese

from sphinx_proceedings.book import collector, first_reads, reading_shortcuts, searchindex, sidebar, template_checks

TEMPLATES = {
    "plain.html": "<p>always</p>",
    "ids.html": "<p id=\"{{ unique_html_id('x') }}\">always</p>",
    "includes-ids.html": '<div>always</div>{% include "ids.html" %}',
    "imports-ids.html": '{% from "ids.html" import nothing %}<div>always</div>',
    "includes-plain.html": '<div>always</div>{% include "plain.html" %}',
    "includes-by-variable.html": "<div>always</div>{% include name %}",
    "includes-missing.html": '<div>always</div>{% include "missing.html" %}',
}


@pytest.mark.parametrize(
    ("name", "unchecked"),
    [
        ("plain.html", True),
        ("includes-plain.html", True),
        ("ids.html", False),  # the check's render takes the first id, the page's the next
        ("includes-ids.html", False),
        ("imports-ids.html", False),
        ("includes-by-variable.html", False),
        ("includes-missing.html", False),
    ],
)
def test_templates_that_count_ids_are_still_checked(name: str, unchecked: bool) -> None:
    checks = template_checks.SkippingNeedlessChecks(
        lambda *args, **kwargs: [], Environment(loader=DictLoader(TEMPLATES))
    )
    assert checks.always_prints_text(name) is unchecked


def test_another_application_s_pages_get_the_theme_s_check() -> None:
    calls: list[Any] = []
    ours = Environment(loader=DictLoader(TEMPLATES))
    checks = template_checks.SkippingNeedlessChecks(lambda *args, **kwargs: calls.append(kwargs) or [], ours)
    for environment, skipped in ((ours, ["plain.html"]), (Environment(), [])):
        app: Any = SimpleNamespace(builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)))
        checks(app, {}, ["plain.html"], "sidebar", templates_skip_empty_check=[])
        assert calls.pop()["templates_skip_empty_check"] == skipped


@pytest.mark.parametrize(
    ("prolog", "epilog", "smart_quotes"), [("", "", False), ("A *note* on every page.", "", True), (None, "x", True)]
)
def test_generated_pages_keep_smart_quotes_for_the_project_s_prolog(
    prolog: Any, epilog: str, smart_quotes: bool
) -> None:
    env = SimpleNamespace(
        current_document={reading_shortcuts.GENERATED_PAGE: True},
        config=SimpleNamespace(rst_prolog=prolog, rst_epilog=epilog),
    )
    document = new_document("page.rst", get_default_settings(Parser()))
    document.settings.env = env
    document.settings.smart_quotes = True
    reading_shortcuts.GeneratedPageQuotes(document).apply()
    assert document.settings.smart_quotes is smart_quotes


def test_index_pages_a_toctree_lists_mark_themselves() -> None:
    env: Any = SimpleNamespace(
        config=SimpleNamespace(root_doc="index"), toctree_includes={"index": ["talks", "modindex", "genindex"]}
    )
    sidebars = sidebar.SharedSidebars()
    assert [sidebars.listed_in_a_toctree(env, name) for name in ("py-modindex", "genindex", "talks", "search")] == [
        True,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(("language", "remembered"), [(SearchEnglish({}), True), (SearchChinese({}), False)])
def test_stems_are_remembered_only_where_they_depend_on_the_word_alone(language: Any, remembered: bool) -> None:
    app: Any = SimpleNamespace(builder=SimpleNamespace(indexer=SimpleNamespace(lang=language)))
    searchindex._remember_stems(app, new_document("page"), "page")
    assert ("stem" in vars(language)) is remembered  # the remembering stem, set on the object


class Application:
    """Stands for Sphinx's: an object the finalizer can watch."""


def test_the_thresholds_come_back_when_an_application_is_let_go_of_before_it_built() -> None:
    before = gc.get_threshold()
    app: Any = Application()
    try:
        gc.set_threshold(700, 10, 10)
        collector._raise_thresholds(app, SimpleNamespace())  # type: ignore[arg-type]
        assert gc.get_threshold() == collector.BUILD_THRESHOLDS
        del app  # an error in the data: Sphinx's setup raised, no build-finished
        gc.collect()
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_only_documents_read_for_the_first_time_with_nothing_registered_skip_being_forgotten() -> None:
    domain = StandardDomain.__new__(StandardDomain)  # its data, without an environment
    domain.data = {"labels": {"early": ("registered", "early", "Early")}, "anonlabels": {"old": ("read-before", "old")}}
    env: Any = SimpleNamespace(domains=SimpleNamespace(standard_domain=domain), all_docs={"read-before": 1.0})
    first_reads._skip_forgetting_first_reads(None, env, ["new", "registered", "read-before"])  # type: ignore[arg-type]
    assert set(domain.data) == set(first_reads.ENTRY_KINDS)  # as the domain's own clear_doc leaves them
    domain.data["anonlabels"]["mine"] = ("new", "mine")  # as if "new" had been read since
    for docname in ("new", "registered", "read-before"):
        domain.clear_doc(docname)
    assert domain.data["labels"] == {} and domain.data["anonlabels"] == {"mine": ("new", "mine")}
    domain.clear_doc("new")  # a second time: forgotten as Sphinx forgets
    assert domain.data["anonlabels"] == {}
    first_reads._forget_as_before(None, env)  # type: ignore[arg-type]
    assert "clear_doc" not in vars(domain)


def test_another_standard_domain_and_a_read_that_failed_forget_as_sphinx_does() -> None:
    class OwnDomain(StandardDomain):
        def clear_doc(self, docname: str) -> None:
            super().clear_doc(docname)

    domain = OwnDomain.__new__(OwnDomain)
    domain.data = {}
    env: Any = SimpleNamespace(domains=SimpleNamespace(standard_domain=domain), all_docs={})
    first_reads._skip_forgetting_first_reads(None, env, ["new"])  # type: ignore[arg-type]
    assert "clear_doc" not in vars(domain)  # the class's own clear_doc may do more than scan
    stock = StandardDomain.__new__(StandardDomain)
    stock.data = {}
    env.domains.standard_domain = stock
    first_reads._skip_forgetting_first_reads(None, env, ["new"])  # type: ignore[arg-type]
    left_over = vars(stock)["clear_doc"]  # a read that raised before env-updated left it
    stock.data["labels"]["new"] = ("new", "new", "New")
    first_reads._skip_forgetting_first_reads(None, env, ["new"])  # type: ignore[arg-type]
    assert vars(stock).get("clear_doc") is not left_over  # not wrapped twice: "new" is held now
    stock.clear_doc("new")
    assert stock.data["labels"] == {}
