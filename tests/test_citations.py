"""Generated citations against their real consumers: bibtexparser, pybtex, BibTeX, biber, RIS and citeproc."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from lxml import html as lxml_html
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from .conftest import Build

# The CSL-JSON input schema, vendored (tests/schemas/README.md names its source).
CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"

HOSTILE_TITLES = [
    "Sorting {Braces} & 100% of $O(n)$ #1 in C_1 ~ ^ \\input{/etc/passwd}",
    "BERT, GPT and the TPU: Acronyms Keep Their Case",
    "Math like $\\alpha + \\beta$ stays text",
    'Quotes "inside" and a closing } brace',
]
HOSTILE_PEOPLE = """
- id: ludwig-van-beethoven
  name: Ludwig van Beethoven
- id: jean-de-la-fontaine
  name: Jean de la Fontaine
- id: jurgen-muller
  name: Jürgen Müller
- id: wang-fang
  name: 王芳
  given: 芳
  family: 王
- id: martin-luther-king-jr
  name: Martin Luther King, Jr.
"""


def proceedings(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def hostile_project(copy_root: Callable[[str], Path]) -> Path:
    """test-basic plus people and titles that break naive BibTeX writers."""
    src = copy_root("basic")
    data = src / "data/demo2024"
    with (data / "people.yaml").open("a", encoding="utf-8") as people:
        people.write(HOSTILE_PEOPLE)
    authors = ["ludwig-van-beethoven", "jean-de-la-fontaine", "jurgen-muller", "wang-fang", "martin-luther-king-jr"]
    with (data / "contributions.yaml").open("a", encoding="utf-8") as contributions:
        for i, title in enumerate(HOSTILE_TITLES):
            contributions.write(
                f"- id: hostile-{i}\n  kind: paper\n  title: {json.dumps(title)}\n"
                f"  authors: [{authors[i]}, {authors[(i + 1) % 5]}, {authors[(i + 2) % 5]}]\n"
                f"  abstract: {json.dumps('An abstract with & and % and {braces}.')}\n"
            )
    return src


@pytest.fixture(scope="module")
def bib_text(hostile_project: Path) -> str:
    return proceedings("bib", str(hostile_project)).stdout


# pylatexenc's decoder knows these text commands by other values ("ˆ", nothing); LaTeX prints these.
_CONTEXT = get_default_latex_context_db().filter_context(keep_categories=None)
_CONTEXT.add_context_category(
    "proceedings-test",
    prepend=True,
    macros=[
        MacroTextSpec(name, text)
        for name, text in (("textbraceleft", "{"), ("textbraceright", "}"), ("textasciicircum", "^"))
    ],
)
_DECODER = LatexNodes2Text(latex_context=_CONTEXT)


def _unbrace(value: str) -> str:
    return value[1:-1] if value.startswith("{") and value.endswith("}") else value


def test_bibtexparser_reads_back_the_text(bib_text: str) -> None:
    library = bibtexparser.parse_string(bib_text, append_middleware=[LatexDecodingMiddleware(decoder=_DECODER)])
    assert not library.failed_blocks
    titles = {_unbrace(e.fields_dict["title"].value) for e in library.entries}
    for title in HOSTILE_TITLES:
        assert title in titles
    by_key = {e.key: e for e in library.entries}
    assert "merrienboer2024tangent" in by_key and by_key["merrienboer2024tangent"].entry_type == "inproceedings"
    assert by_key["lovelace2024engines"].entry_type == "misc"
    assert by_key["demo2024"].entry_type == "proceedings"
    assert len(by_key) == len(library.entries)  # keys are unique


def test_pybtex_sees_the_same_entries_and_names(bib_text: str) -> None:
    parsed = bibtexparser.parse_string(bib_text)
    data = pybtex.database.parse_string(bib_text, "bibtex")
    assert set(data.entries) == {e.key for e in parsed.entries}
    for entry in parsed.entries:
        seen_by_pybtex = {f.lower() for f in data.entries[entry.key].fields} | set(data.entries[entry.key].persons)
        assert seen_by_pybtex == {f.key.lower() for f in entry.fields}
    hostile = next(e for k, e in data.entries.items() if "Acronyms" in e.fields["title"])
    persons = hostile.persons["author"]
    assert [" ".join(p.prelast_names) for p in persons[:2]] == ["de la", ""]
    assert persons[0].last_names == ["Fontaine"]
    assert persons[2].last_names == ["王"] and persons[2].first_names == ["芳"]
    king = next(e for e in data.entries.values() if "Math like" in e.fields["title"]).persons["author"][2]
    assert king.lineage_names == ["Jr."] and king.last_names == ["King"]


def test_keys_are_stable_across_runs(hostile_project: Path, bib_text: str) -> None:
    assert proceedings("bib", str(hostile_project)).stdout == bib_text


LATEX_BIBTEX = r"""\documentclass{article}
\usepackage{fontspec}
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\usepackage{url}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""

LATEX_BIBER = r"""\documentclass{article}
\usepackage{fontspec}
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\usepackage[backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("xelatex") is None, reason="TeX Live is installed by .ci/run")
@pytest.mark.parametrize("engine", ["bibtex", "biber"])
def test_latex_document_citing_every_entry_compiles(engine: str, bib_text: str, tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(bib_text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(LATEX_BIBTEX if engine == "bibtex" else LATEX_BIBER, encoding="utf-8")
    first = _run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert first.returncode == 0, first.stdout[-3000:]
    bib = _run([engine, "doc"], tmp_path)
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert bib.returncode == 0, bib.stdout + log
    assert "error" not in log.lower()
    warnings = [line for line in log.splitlines() if line.startswith("Warning--") or "> WARN " in line]
    assert warnings == [], warnings
    final = _run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert final.returncode == 0, final.stdout[-3000:]
    pdf_text = _run(["pdftotext", "doc.pdf", "-"], tmp_path).stdout
    assert "Acronyms Keep Their Case" in pdf_text  # the capitals survived the style
    assert "\\input{/etc/passwd}" in " ".join(pdf_text.split())  # text, not a command
    assert "王" in pdf_text and "Müller" in pdf_text


def test_ris_parses(hostile_project: Path) -> None:
    ris = proceedings("bib", str(hostile_project), "--format", "ris").stdout
    records = rispy.loads(ris)
    by_title = {r["title"]: r for r in records}
    for title in HOSTILE_TITLES:
        assert title in by_title
    tangent = by_title["Tangent: Automatic Differentiation Using Source Code Transformation"]
    assert tangent["type_of_reference"] == "CPAPER"
    assert tangent["authors"] == ["van Merriënboer, Bart", "García, José"]


def test_csl_json_renders_through_citeproc(hostile_project: Path) -> None:
    items = json.loads(proceedings("bib", str(hostile_project), "--format", "csl-json").stdout)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    assert any("Learned Indexes for Everyone" in text for text in rendered)


def test_contribution_page_has_scholar_tags_and_cite_box(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html("_proceedings/demo2024/contributions/tangent-van-merrienboer"))
    meta = [(m.get("name") or m.get("property"), m.get("content")) for m in tree.iter("meta")]
    assert ("citation_title", "Tangent: Automatic Differentiation Using Source Code Transformation") in meta
    assert [v for k, v in meta if k == "citation_author"] == ["van Merriënboer, Bart", "García, José"]
    assert ("citation_publication_date", "2024/07/26") in meta
    assert ("citation_conference_title", "Demo Workshop on Learned Systems 2024") in meta
    assert ("citation_pdf_url", "https://demo.example.org/2024/papers/tangent.pdf") in meta
    assert ("og:title", "Tangent: Automatic Differentiation Using Source Code Transformation") in meta
    ld = json.loads(tree.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert ld["@type"] == "ScholarlyArticle" and ld["author"][0]["familyName"] == "van Merriënboer"
    cite = tree.xpath('//div[contains(@class, "proc-cite")]')[0]
    assert "@inproceedings{merrienboer2024tangent," in cite.text_content()
    downloads = [a.get("href") for a in cite.iter("a")]
    assert [h.rsplit(".", 1)[-1] for h in downloads] == ["bib", "ris", "json"]
    page_folder = basic_html.outdir / "_proceedings/demo2024/contributions"
    bib, ris, csl = ((page_folder / href).read_text(encoding="utf-8") for href in downloads)
    assert bib.startswith("@inproceedings{merrienboer2024tangent,")
    assert "TI  - Tangent: Automatic Differentiation" in ris
    assert json.loads(csl)[0]["title"].startswith("Tangent")


def test_shipped_pdf_is_the_scholar_pdf_url(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html("_proceedings/demo2024/contributions/keynote-lovelace"))
    assert not [m for m in tree.iter("meta") if m.get("name") == "citation_pdf_url"]  # slides are no paper


def test_event_page_links_the_volume_bib(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html("_proceedings/demo2024/index"))
    href = tree.xpath('//a[text()="BibTeX of this event"]/@href')[0]
    volume = (basic_html.outdir / "_proceedings/demo2024" / href).read_text(encoding="utf-8")
    assert "@proceedings{demo2024," in volume and "abstract" not in volume
    ld = json.loads(tree.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert ld["@type"] == "Event" and len(ld["subEvent"]) == 3


# --- who a citation names, and where it links ----------------------------------

GROUP_CONTRIBUTIONS = """
- id: team-update
  kind: update
  title: Demo System Update
  group_author: The Demo Team, Inc.
  slides: https://demo.example.org/2024/slides/team.pdf
- id: nobody-update
  kind: update
  title: Another System Update
- id: hostile-group
  kind: update
  title: Group Names Stay Text
  group_author: "Team } & 100% \\\\input{/etc/passwd} and Co"
"""


@pytest.fixture(scope="module")
def group_project(copy_root: Callable[[str], Path]) -> Path:
    src = copy_root("basic")
    with (src / "data/demo2024/contributions.yaml").open("a", encoding="utf-8") as contributions:
        contributions.write(GROUP_CONTRIBUTIONS)
    return src


def test_a_group_author_is_cited_as_one_name(group_project: Path) -> None:
    bib = proceedings("bib", str(group_project), "--id", "team-update").stdout
    (entry,) = pybtex.database.parse_string(bib, "bibtex").entries.values()
    (author,) = entry.persons["author"]
    assert author.last_names == ["{The Demo Team, Inc.}"] and not author.first_names
    (record,) = rispy.loads(proceedings("bib", str(group_project), "--id", "team-update", "--format", "ris").stdout)
    assert record["authors"] == ["The Demo Team Inc."]  # no comma: readers would split it into family, given
    (item,) = json.loads(proceedings("bib", str(group_project), "--id", "team-update", "--format", "csl-json").stdout)
    assert item["author"] == [{"literal": "The Demo Team, Inc."}]


def test_a_hostile_group_author_stays_one_name_of_plain_text(group_project: Path) -> None:
    bib = proceedings("bib", str(group_project), "--id", "hostile-group").stdout
    library = bibtexparser.parse_string(bib, append_middleware=[LatexDecodingMiddleware(decoder=_DECODER)])
    (entry,) = library.entries
    assert _unbrace(entry.fields_dict["author"].value) == "Team } & 100% \\input{/etc/passwd} and Co"
    (author,) = pybtex.database.parse_string(bib, "bibtex").entries["team2024group"].persons["author"]
    assert len(author.last_names) == 1 and not author.first_names  # "and" did not split it


def _scholar_tags(project: Path, cid: str) -> list[tuple[str, str]]:
    from sphinx_proceedings.book.metadata import contribution_tags
    from sphinx_proceedings.data.index import ProceedingsIndex
    from sphinx_proceedings.data.loader import load_project

    result = load_project(project / "data", project)
    index = ProceedingsIndex(result.proceedings, result.origins, project)
    page = f"_proceedings/demo2024/contributions/{cid}"
    tags = contribution_tags(index, index.contributions[cid], page, "", None)
    tree = lxml_html.fromstring(f"<html><head>{tags}</head></html>")
    found = [(m.get("name") or m.get("property"), m.get("content")) for m in tree.iter("meta")]
    return found + [("json-ld", script.text) for script in tree.iter("script")]


def test_scholar_tags_name_a_group_author_and_skip_an_authorless_page(group_project: Path) -> None:
    team = _scholar_tags(group_project, "team-update")
    assert [v for k, v in team if k == "citation_author"] == ["The Demo Team, Inc."]
    assert ("citation_title", "Demo System Update") in team
    nobody = _scholar_tags(group_project, "nobody-update")
    assert [k for k, _ in nobody if k.startswith("citation_")] == []
    (ld,) = [json.loads(v) for k, v in team if k == "json-ld"]
    assert ld["author"] == [{"@type": "Organization", "name": "The Demo Team, Inc."}]
    (ld,) = [json.loads(v) for k, v in nobody if k == "json-ld"]
    assert ld["name"] == "Another System Update" and ld["author"] == []


def test_check_notes_an_authorless_contribution_without_failing(group_project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", "check", str(group_project), "--strict"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (note,) = done.stdout.splitlines()
    assert "contributions.yaml:" in note and ": note: contribution 'nobody-update' names no author" in note
    assert done.stderr.strip().endswith("0 errors, 0 warnings, 1 notes")


def test_citations_link_the_page_or_else_the_paper_and_slides(group_project: Path) -> None:
    def records(*args: str) -> dict[str, dict[str, object]]:
        found = rispy.loads(proceedings("bib", str(group_project), "--format", "ris", *args).stdout)
        return {r["id"]: r for r in found}

    def csl(*args: str) -> dict[str, dict[str, object]]:
        found = json.loads(proceedings("bib", str(group_project), "--format", "csl-json", *args).stdout)
        return {i["id"]: i for i in found}

    alone = records()
    assert alone["merrienboer2024tangent"]["urls"] == ["https://demo.example.org/2024/papers/tangent.pdf"]
    assert alone["merrienboer2024tangent"]["file_attachments1"] == "https://demo.example.org/2024/papers/tangent.pdf"
    assert alone["demo2024demo"]["urls"] == ["https://demo.example.org/2024/slides/team.pdf"]
    assert "file_attachments1" not in alone["demo2024demo"]
    assert csl()["merrienboer2024tangent"]["URL"] == "https://demo.example.org/2024/papers/tangent.pdf"
    site = "https://book.example.org/"
    page = f"{site}_proceedings/demo2024/contributions/tangent-van-merrienboer.html"
    published = records("--site-url", site)["merrienboer2024tangent"]
    assert published["urls"] == [page]
    assert published["file_attachments1"] == "https://demo.example.org/2024/papers/tangent.pdf"
    assert csl("--site-url", site)["merrienboer2024tangent"]["URL"] == page
    bib = pybtex.database.parse_string(proceedings("bib", str(group_project), "--site-url", site).stdout, "bibtex")
    assert bib.entries["merrienboer2024tangent"].fields["url"] == page


# --- the default book's citation files against their official readers -------------


def test_every_csl_file_of_the_default_book_passes_the_csl_schema(default_book: Build, doi_html: Build) -> None:
    """The default book's, and those of the root with DOIs, ORCID iDs and ROR ids."""
    import jsonschema

    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((default_book.outdir / "_proceedings").glob("*/cite/*.json"))
    assert len(files) == 107  # one per contribution
    identified = sorted((doi_html.outdir / "_proceedings").glob("*/cite/*.json"))
    assert identified and any("DOI" in item for path in identified for item in json.loads(path.read_text()))
    files += identified
    errors = [
        f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for path in files
        for e in validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))
    ]
    assert errors == []


@pytest.fixture(scope="module")
def default_bib(default_book: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The series' proceedings.bib the default book publishes, copied where readers may write beside it."""
    folder = tmp_path_factory.mktemp("bib")
    shutil.copy(default_book.outdir / "_proceedings/proceedings.bib", folder / "proceedings.bib")
    return folder / "proceedings.bib"


def test_pandoc_citeproc_renders_every_entry_without_a_warning(default_bib: Path) -> None:
    document = default_bib.with_name("all.md")
    document.write_text("---\nnocite: |\n  @*\n---\n", encoding="utf-8")
    command = ["pandoc", document.name, "--citeproc", "--bibliography", default_bib.name, "-t", "plain"]
    done = _run(command, default_bib.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # pandoc prints every [WARNING] there
    entries = bibtexparser.parse_string(default_bib.read_text(encoding="utf-8")).entries
    assert len(done.stdout.strip().split("\n\n")) == len(entries) > 100
    assert "“TensorFlow.”" in done.stdout  # an entry without author is rendered too


def test_biber_validates_the_datamodel_without_a_warning(default_bib: Path) -> None:
    done = _run(["biber", "--tool", "--validate-datamodel", default_bib.name], default_bib.parent)
    log = default_bib.with_name("proceedings.bib.blg").read_text(encoding="utf-8")
    assert done.returncode == 0, done.stdout + log
    assert "Datamodel validation complete" in log
    assert [line for line in log.splitlines() if not line.startswith("[") or " INFO - " not in line] == []


def test_default_book_pages_either_name_authors_to_scholar_or_give_no_tags(default_book: Build) -> None:
    folder = default_book.outdir / "_proceedings"
    pages = sorted(folder.glob("*/contributions/*.html"))
    assert len(pages) == 107
    untagged = []
    for page in pages:
        names = [m.get("name") or "" for m in lxml_html.fromstring(page.read_bytes()).iter("meta")]
        scholar = [n for n in names if n.startswith("citation_")]
        if not scholar:
            untagged.append(page.stem)
            continue
        assert "citation_title" in scholar and "citation_author" in scholar, page.name
    systems = ("tensorflow", "pytorch", "caffe2", "cntk", "mxnet", "tvm", "clipper", "macrobase", "modeldb")
    assert sorted(untagged) == sorted(f"{system}-update-nips2017" for system in systems)
