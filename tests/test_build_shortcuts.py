"""The build's shortcuts (a sidebar shared by the pages that show the same one, stems remembered for the
whole build, no smart quotes walk on generated pages, docutils settings built once, state machines kept
for the next generated page, templates loaded once, asset checksums looked up once, no emptiness check
of templates that print text, the page's own table of contents printed without BeautifulSoup, nothing
forgotten for documents read for the first time) write the same bytes as the theme and Sphinx do
without them; the collector runs less often during a build and not once more at exit.

One small book with quotes and dashes in its data is built with the shortcuts and without them and
compared file by file; nothing here measures seconds (benchmarks/ does).
"""

from __future__ import annotations

import gc
import pickle
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from docutils import nodes
from docutils.parsers.rst import Parser
from docutils.readers import standalone
from pydata_sphinx_theme import utils as theme_utils
from sphinx.builders import html as html_builder
from sphinx.errors import ThemeError
from sphinx.parsers import RSTParser
from sphinx.testing.util import SphinxTestApp
from sphinx.util import docutils as sphinx_docutils
from sphinx.util.nodes import is_smartquotable

from sphinx_proceedings.book import (
    code_highlighting,
    collector,
    first_reads,
    page_templates,
    page_toc,
    reading_shortcuts,
    searchindex,
    sidebar,
    template_checks,
)
from sphinx_proceedings.book.pages import MARKER, ORPHAN_MARKER

from .conftest import Build, run_build

# What differs between two builds of copies of one root whatever the code: the calendar's DTSTAMP and
# .buildinfo's hash of the configuration (it holds the copy's path).
VARYING = {".ics", ".buildinfo"}  # suffixes, and names of dot files


# A hand-written literal block with no language: Sphinx's highlighting transform gives it the setting's.
CODE_IN_THE_SETTING_LANGUAGE = "```{highlight} python\n```\n\n```\nprint('in the language of the setting')\n```"

# Text that SmartQuotes would educate ("quotes", apostrophes, -- and ...) in every kind of generated page,
# and on the page written by hand, which keeps its smart quotes.
QUOTED = {
    "data/demo2024/contributions.yaml": [
        (
            'title: "Engines That Learn: Notes on the Analytical Engine"',
            "title: 'Engines That \"Learn\" -- Ada''s Notes... on the Analytical Engine'",
        ),
        (
            "abstract: The engine *weaves* algebraic patterns.",
            "abstract: 'The engine \"*weaves*\" -- it''s said... algebraic patterns.'",
        ),
    ],
    "data/demo2024/people.yaml": [
        ("bio: Works on automatic differentiation.", "bio: 'Works on \"automatic\" differentiation -- Bart''s...'"),
    ],
    "data/demo2024/references.bib": [("{The Case for Learned", '{The "Case" -- Kraska\'s... for Learned')],
    "data/demo2024/event.yaml": [
        ("title: Demo Workshop on Learned Systems 2024", "title: 'Demo \"Workshop\" -- Ada''s... 2024'"),
    ],
    "index.md": [
        ("```{proc:event-list}", 'A "hand-written" page -- it\'s here...\n\n```{proc:event-list}'),
        ("```{proc:event-list}", f"{CODE_IN_THE_SETTING_LANGUAGE}\n\n```{{proc:event-list}}"),
    ],
}
HAND_WRITTEN = "A \u201chand-written\u201d page \u2013 it\u2019s here\u2026"  # as SmartQuotes prints it
TOCS_PARSED: list[bool] = []  # with the shortcuts: whether page_toc read each page's table of contents itself
IDLE_AT_THE_END: dict[object, list[object]] = {}  # with the shortcuts: the idle state machines as the build ended


@pytest.fixture(scope="module")
def quoted(copy_root: Callable[[str], Path]) -> tuple[Build, Build]:
    """One book with quotes in its data, built with the shortcuts and (from another copy) without them."""
    built = []
    for shortcuts in (True, False):
        src = copy_root("basic")
        for name, edits in QUOTED.items():
            text = (src / name).read_text(encoding="utf-8")
            for old, new in edits:
                assert old in text, (name, old)
                text = text.replace(old, new, 1)
            (src / name).write_text(text, encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            if shortcuts:
                patch.setattr(page_toc, "_parse", _recording(page_toc._parse))
                let_go = reading_shortcuts._let_go_of_the_build
                patch.setattr(reading_shortcuts, "_let_go_of_the_build", _idle_machines_kept(let_go))
            else:
                patch.setattr(sidebar, "_share_theme_sidebar", lambda app: None)
                patch.setattr(searchindex, "_remember_stems", lambda app, doctree, docname: None)
                patch.setattr(reading_shortcuts, "_note_generated_page", lambda app, docname, source: None)
                patch.setattr(reading_shortcuts, "_share_document_settings", lambda: None)
                shared = sphinx_docutils._get_settings
                patch.setattr(sphinx_docutils, "_get_settings", getattr(shared, "build", shared))
                patch.setattr(reading_shortcuts.GeneratedPageParser, "parse", RSTParser.parse)
                patch.setattr(code_highlighting, "setup_code_highlighting", lambda app: None)
                patch.setattr(first_reads, "_skip_forgetting_first_reads", lambda app, env, docnames: None)
                patch.setattr(page_templates, "_load_templates_once", lambda app: None)
                patch.setattr(page_templates, "_remember_asset_checksums", lambda app: None)
                patch.setattr(template_checks, "_skip_needless_checks", lambda app: None)
                check = theme_utils._update_and_remove_templates
                patch.setattr(theme_utils, "_update_and_remove_templates", getattr(check, "check", check))
                checksum = html_builder._file_checksum
                patch.setattr(html_builder, "_file_checksum", getattr(checksum, "checksum", checksum))
            built.append(run_build(src, src / "_build"))
    return built[0], built[1]


def _recording(parse: Callable[[str], object]) -> Callable[[str], object]:
    def recording_parse(html: str) -> object:
        tree = parse(html)
        TOCS_PARSED.append(tree is not None)
        return tree

    return recording_parse


def _idle_machines_kept(let_go: Callable[..., None]) -> Callable[..., None]:
    def keep_then_let_go(app: object, exception: BaseException | None) -> None:
        IDLE_AT_THE_END.update(
            {key: list(machines) for key, machines in reading_shortcuts.GeneratedPageParser.idle.items()}
        )
        let_go(app, exception)

    return keep_then_let_go


def outputs(build: Build) -> dict[str, bytes]:
    return {
        path.relative_to(build.outdir).as_posix(): path.read_bytes()
        for path in sorted(build.outdir.rglob("*"))
        if path.is_file() and not {path.suffix, path.name} & VARYING and ".doctrees" not in path.parts
    }


def test_the_shortcuts_change_no_byte_of_the_book(quoted: tuple[Build, Build]) -> None:
    with_shortcuts, without = quoted
    assert with_shortcuts.warnings == without.warnings == ""
    shared, plain = outputs(with_shortcuts), outputs(without)
    assert shared.keys() == plain.keys()
    assert len([name for name in shared if name.startswith("_proceedings/") and name.endswith(".html")]) > 10
    assert "searchindex.js" in shared
    assert [name for name in shared if shared[name] != plain[name]] == []
    assert HAND_WRITTEN in with_shortcuts.html("index")
    assert '<div class="highlight-python notranslate">' in with_shortcuts.html("index")  # the setting applied
    assert "Ada&#x27;s Notes..." in with_shortcuts.html("_proceedings/demo2024/contributions/keynote-lovelace")


def test_the_pages_print_their_table_of_contents_without_the_theme_parsing_it(quoted: tuple[Build, Build]) -> None:
    generated = list((quoted[0].outdir / "_proceedings").rglob("*.html"))
    assert len(generated) > 10
    assert TOCS_PARSED.count(True) >= len(generated)  # every generated page, at least


def test_generated_pages_share_the_sidebar_and_listed_pages_mark_themselves(basic_html: Build) -> None:
    talks = sorted((basic_html.outdir / "_proceedings").glob("*/contributions/*.html"))
    navs = {_sidebar(path.read_text(encoding="utf-8")) for path in talks}
    assert len(talks) > 1 and len(navs) == 1
    [nav] = navs
    assert "current" not in nav  # a talk is in no toctree: nothing marks it
    events = sorted((basic_html.outdir / "_proceedings").glob("*/index.html"))
    assert events and all('class="toctree-l1 current active' in _sidebar(p.read_text(encoding="utf-8")) for p in events)


def _sidebar(page: str) -> str:
    start = page.index('<nav class="bd-links bd-docs-nav"')
    return page[start : page.index("</nav>", start)]


def test_parallel_writers_print_the_same_sidebars(basic_html: Build, copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    parallel = run_build(src, src / "_build", parallel=2)
    assert parallel.warnings == ""
    pages = sorted(p.relative_to(basic_html.outdir) for p in basic_html.outdir.rglob("*.html"))
    with_nav = [page for page in pages if 'class="bd-links bd-docs-nav"' in (basic_html.outdir / page).read_text()]
    assert len(with_nav) > 10
    for page in with_nav:
        serial_nav = _sidebar((basic_html.outdir / page).read_text(encoding="utf-8"))
        assert _sidebar((parallel.outdir / page).read_text(encoding="utf-8")) == serial_nav, page


def test_generated_pages_skip_smart_quotes_and_pages_written_by_hand_keep_them(quoted: tuple[Build, Build]) -> None:
    doctrees = quoted[0].outdir.parent / "doctrees"
    generated = sorted((doctrees / "_proceedings").rglob("*.doctree"))
    assert len(generated) > 10
    for path in generated:
        doctree = pickle.loads(path.read_bytes())
        assert doctree.settings.smart_quotes is False, path
        # What SmartQuotes would have educated: text outside a node the directives excluded. None.
        assert [t for t in doctree.findall(nodes.Text) if _smartquotable(t)] == [], path
    assert pickle.loads((doctrees / "index.doctree").read_bytes()).settings.smart_quotes is True
    without = quoted[1].outdir.parent / "doctrees"
    assert pickle.loads((without / generated[0].relative_to(doctrees)).read_bytes()).settings.smart_quotes is True


def _smartquotable(text: nodes.Text) -> bool:
    return is_smartquotable(text) and any(mark in str(text) for mark in ('"', "'", "--", "..."))


def test_generated_pages_reuse_state_machines(quoted: tuple[Build, Build]) -> None:
    # The build with the shortcuts kept its machine idle for the next generated page; one per kind of machine.
    idle = IDLE_AT_THE_END
    assert idle and all(len(machines) == 1 for machines in idle.values())
    [machine] = next(iter(idle.values()))
    assert reading_shortcuts.GeneratedPageParser.idle == {}  # let go of when the build finished
    assert machine.memo is None and machine.observers == []  # nothing of the last page is kept alive or notified
    # and the machine its run of explicit markup (marker comment, directive) was parsed with, as bare
    body = machine.states["Body"]
    assert isinstance(body, reading_shortcuts.Body)
    explicit = body.explicit_machine
    assert explicit is not None and explicit.memo is None and explicit.node is None and explicit.observers == []


def test_orphans_are_marked_without_a_field_list(quoted: tuple[Build, Build]) -> None:
    build = quoted[0]
    env = pickle.loads((build.outdir.parent / "doctrees" / "environment.pickle").read_bytes())
    talk = "_proceedings/demo2024/contributions/keynote-lovelace"
    assert (build.srcdir / f"{talk}.rst").read_text(encoding="utf-8").startswith(ORPHAN_MARKER)
    assert env.metadata[talk] == {"orphan": True}
    assert "orphan" not in env.metadata["_proceedings/demo2024/index"]  # in the toctree
    doctree = pickle.loads((build.outdir.parent / "doctrees" / f"{talk}.doctree").read_bytes())
    assert not list(doctree.findall(nodes.docinfo)) and not list(doctree.findall(nodes.field_list))


def test_only_sources_the_extension_wrote_count_as_generated() -> None:
    assert reading_shortcuts.is_generated_source(ORPHAN_MARKER + ".. proc:person:: x\n")
    assert reading_shortcuts.is_generated_source(MARKER + ".. proc:people::\n")
    assert not reading_shortcuts.is_generated_source("A page written by hand\n" + MARKER)


def test_documents_get_settings_of_their_own(basic_html: Build) -> None:
    shared = sphinx_docutils._get_settings
    assert isinstance(shared, reading_shortcuts.SharedSettings)  # the session's builds wrapped it
    first = shared(standalone.Reader, Parser(), defaults={"tab_width": 4})
    first.tab_width = 2
    first.record_dependencies.add("x")
    second = shared(standalone.Reader, Parser(), defaults={"tab_width": 4})
    assert (second.tab_width, second.record_dependencies.list) == (4, [])
    plain = shared.build(standalone.Reader, Parser(), defaults={"tab_width": 4})
    assert {k: v for k, v in vars(second).items() if k != "record_dependencies"} == {
        k: v for k, v in vars(plain).items() if k != "record_dependencies"
    }
    assert shared(standalone.Reader, Parser(), defaults={"tab_width": 8}).tab_width == 8


def test_the_collector_runs_less_often_during_a_build_and_as_before_after_it(
    copy_root: Callable[[str], Path],
) -> None:
    before = (700, 10, 10)  # CPython's defaults, whatever an earlier test left
    old = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        seen: list[tuple[int, int, int]] = []
        src = copy_root("basic")
        status, warning = StringIO(), StringIO()
        app = SphinxTestApp("html", srcdir=src, builddir=src / "_build", status=status, warning=warning)
        app.connect("env-before-read-docs", lambda app, env, docnames: seen.append(gc.get_threshold()))
        try:
            app.build()
        finally:
            app.cleanup()
        assert seen == [collector.BUILD_THRESHOLDS]
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*old)


_CYCLE_LEFT_AT_EXIT = """
import sys
from sphinx_proceedings.book import collector

class Cycle:
    def __del__(self):
        print("collected at exit")

if sys.argv[1] == "registered":
    collector._skip_the_collection_at_exit()
    collector._skip_the_collection_at_exit()  # a second build of the process adds no second handler
a = Cycle()
a.me = a
del a
"""


@pytest.mark.parametrize("case", ["registered", "control"])
def test_the_process_exits_without_walking_its_objects_once_more(case: str) -> None:
    # Garbage caught in a cycle is only found by the collector: whether it ran at exit shows.
    done = subprocess.run([sys.executable, "-c", _CYCLE_LEFT_AT_EXIT, case], capture_output=True, text=True, check=True)
    assert done.stdout == ("" if case == "registered" else "collected at exit\n")


def test_a_build_registers_the_exit_handler(basic_html: Build) -> None:
    assert collector._exit_handler_registered


def test_asset_checksums_are_sphinx_own_looked_up_once_per_build(basic_html: Build) -> None:
    checksum = html_builder._file_checksum
    assert isinstance(checksum, page_templates.AssetChecksums)  # the session's builds wrapped it
    outdir, css = basic_html.outdir, "_static/pygments.css"
    expected = checksum.checksum(outdir, css)
    assert len(expected) == 8 and f"{css}?v={expected}" in basic_html.html("index")
    checksum.known[(outdir, css)] = "remembered"
    assert checksum(outdir, css) == "remembered"  # not looked up again within the build
    del checksum.known[(outdir, css)]
    with pytest.raises(ThemeError, match="query strings"):
        checksum(outdir, "_static/x.css?v=1")
