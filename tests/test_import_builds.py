"""Imported data that `check` accepts always builds.

1. A property test over imported reference text (any line of hostile text as a page's link title):
   the importer's references.bib loads with no problem, decodes to the page's words, and every
   field parses in pybtex's LaTeX reader, which is what the HTML build runs over each reference.
2. One real build of a tiny project imported from a page whose footnotes hold LaTeX's specials.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pybtex.database
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pybtex.richtext import Text

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.bibliography import read_bibtex
from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.importers.assemble import _references
from sphinx_proceedings.importers.draft import Draft, DraftReference, Place
from sphinx_proceedings.importers.writer import bib_text
from tests.strategies import hostile_line
from tests.test_properties import deterministic, printed, printed_original

SPECIALS = ("50% faster", "{odd", "brace}", "a\\b", "$x$", "R&D", "#1", "snake_case", "x^2", "~home", '"quoted"')


@deterministic(max_examples=200)
@example(titles=["``quoted'' -- dashed <<x>> ,,y !`z"], paths=[])
@given(
    titles=st.lists(hostile_line(extra=SPECIALS), min_size=1, max_size=4),
    paths=st.lists(st.sampled_from(["a b", "{x}", "50%", "q?a=1&b=2", "~u"]), max_size=2),
)
def test_imported_references_load_and_parse(tmp_path_factory: pytest.TempPathFactory, titles, paths) -> None:
    draft = Draft()
    for i, title in enumerate(titles):
        url = "https://example.org/" + "/".join([str(i), *paths])
        draft.references.append(DraftReference(title, url, Place(Path("page.md"), i + 1), number=str(i + 1)))
    refs = _references(draft)
    bib = tmp_path_factory.mktemp("bib") / "references.bib"
    bib.write_text(bib_text(refs), encoding="utf-8")
    problems = Problems()
    loaded = read_bibtex(bib, problems)
    assert not list(problems), [p.format() for p in problems]
    assert [printed(r.fields["title"]) for r, _ in loaded] == [printed_original(r.fields["title"]) for r in refs]
    for ref, _ in loaded:
        assert ref.fields["url"].startswith("https://example.org/")
    entries = pybtex.database.parse_string(bib.read_text(encoding="utf-8"), "bibtex").entries
    for entry in entries.values():
        for name, value in entry.fields.items():
            if name != "url":
                Text.from_latex(value)  # raises on what the build would choke on


FOOTNOTED = textwrap.dedent(
    """\
    ---
    site_title: Specials 2024
    site_description: Workshop on Specials at DemoConf 2024, June 3, 2024, Lisbon
    ---

    # About

    Speed-ups of 50% are common [1], and so are {braces} [2].

    1. [Training 50% faster with \\ back-slashes & ampersands](https://example.org/a%20b)
    2. [A {stray brace and $dollars$ #hash under_score ~tilde ^caret](https://example.org/{x})
    """
)


def test_footnoted_specials_import_check_and_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "book"
    assert main(["new", str(project)]) == 0
    for item in (project / "data").iterdir():
        if item.is_dir():
            for f in item.iterdir():
                f.unlink()
            item.rmdir()
    page = tmp_path / "index.md"
    page.write_text(FOOTNOTED, encoding="utf-8")
    argv = ["import", "site", str(page), "--into", str(project / "data"), "--event-id", "sp2024"]
    assert main(argv) == 0, capsys.readouterr().err
    bib = (project / "data" / "sp2024" / "references.bib").read_text(encoding="utf-8")
    assert "50\\%" in bib and "{\\textbraceleft}" in bib
    capsys.readouterr()
    assert main(["check", str(project)]) == 0
    assert main(["build", str(project)]) == 0, capsys.readouterr().err
    html = (project / "_build" / "html" / "_proceedings" / "sp2024" / "references.html").read_text(encoding="utf-8")
    assert "Training 50% faster with" in html
