"""DOIs and archives: the Crossref deposit against Crossref's own XSD, Zenodo metadata against its schema,
identifiers checked where the data names them, and DOIs and ORCID iDs where readers meet them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from lxml import etree
from lxml import html as lxml_html

from sphinx_proceedings.data.loader import load_project

from .conftest import REPO, ROOTS, Build
from .test_export import proceedings

SCHEMAS = Path(__file__).parent / "schemas"
CROSSREF = SCHEMAS / "crossref"
# Crossref's files are used unchanged; only these two imports go to the stand-ins (tests/schemas/README.md).
STAND_INS = {
    "JATS-journalpublishing1-3d2-mathml3.xsd": CROSSREF / "stubs" / "jats-abstract.xsd",
    "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": CROSSREF / "stubs" / "mathml3.xsd",
}
NS = {"cr": "http://www.crossref.org/schema/5.3.1", "jats": "http://www.ncbi.nlm.nih.gov/JATS1"}
DEPOSITOR = ["--doi-prefix", "10.5555", "--depositor", "Demo Society", "--email", "depositor@example.org"]


class _StandIns(etree.Resolver):
    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        for name, path in STAND_INS.items():
            if url == name or url.endswith("/" + name):
                return self.resolve_filename(str(path.resolve()), context)
        return None


@pytest.fixture(scope="module")
def crossref_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_StandIns())
    return etree.XMLSchema(etree.parse(str(CROSSREF / "crossref5.3.1.xsd"), parser))


@pytest.fixture
def doi_project(tmp_path: Path) -> Path:
    target = tmp_path / "doi"
    shutil.copytree(ROOTS / "test-doi", target, ignore=shutil.ignore_patterns("_build", "_proceedings"))
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _errors(schema: etree.XMLSchema, document: etree._ElementTree) -> list[str]:
    schema.validate(document)
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def test_crossref_deposit_validates_against_crossrefs_xsd(
    doi_project: Path, crossref_schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    out = doi_project / "deposit.xml"
    code, _, err = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, "--out", str(out), capsys=capsys)
    assert code == 0, err
    document = etree.parse(str(out))
    assert _errors(crossref_schema, document) == []
    papers = document.findall(".//cr:conference_paper", NS)
    assert [p.findtext("cr:doi_data/cr:doi", namespaces=NS) for p in papers] == [
        "10.5555/demo2024.keynote",
        "10.5555/demo2024.tangent",  # written as https://doi.org/… in the data
        "10.5555/demo2024.indexes",
    ]
    assert document.findtext(".//cr:proceedings_metadata/cr:doi_data/cr:doi", namespaces=NS) == "10.5555/demo2024"
    assert document.findtext(".//cr:proceedings_metadata/cr:isbn", namespaces=NS) == "978-3-16-148410-0"
    keynote, tangent, indexes = papers
    assert keynote.findtext(".//cr:ORCID", namespaces=NS) == "https://orcid.org/0000-0002-1825-0097"
    assert tangent.findtext(".//cr:person_name[1]/cr:surname", namespaces=NS) == "van Merriënboer"
    rors = [e.text for e in indexes.iterfind(".//cr:institution_id[@type='ror']", NS)]
    assert rors == ["https://ror.org/03cve4549"]
    # Pages only where the printed volume gives them: the one paper with a PDF of its own.
    assert tangent.findtext("cr:pages/cr:first_page", namespaces=NS) == "1"
    assert keynote.find("cr:pages", NS) is None and indexes.find("cr:pages", NS) is None
    paragraphs = [p.text for p in indexes.iterfind("jats:abstract/jats:p", NS)]
    assert paragraphs == [
        "We show that learned indexes fit in a small memory budget: <b>a & b</b> < c.",
        'A second paragraph, with "quotes".',
    ]
    assert b"&lt;b&gt;a &amp; b&lt;/b&gt;" in out.read_bytes()  # text, never markup
    resource = keynote.findtext("cr:doi_data/cr:resource", namespaces=NS)
    assert resource == "https://proceedings.example.org/demo/_proceedings/demo2024/contributions/keynote-lovelace.html"


def test_xsd_rejects_a_broken_deposit(
    doi_project: Path, crossref_schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    """The validator can fail: a paper without its titles is rejected."""
    code, out, _ = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)
    assert code == 0
    document = etree.ElementTree(etree.fromstring(out.encode()))
    paper = document.find(".//cr:conference_paper", NS)
    paper.remove(paper.find("cr:titles", NS))
    assert any("titles" in e for e in _errors(crossref_schema, document))


def test_deposit_is_byte_identical_on_rerun(
    doi_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)[1]
    assert first == proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)[1]
    assert "<timestamp>20231114221320</timestamp>" in stamped
    assert "<doi_batch_id>demo2024-20231114221320</doi_batch_id>" in stamped


def test_a_contribution_without_doi_is_a_located_error_unless_minting_is_asked(
    doi_project: Path, crossref_schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    contributions = doi_project / "data/demo2024/contributions.yaml"
    _edit(contributions, "  doi: 10.5555/demo2024.keynote\n", "")
    out = doi_project / "deposit.xml"
    code, _, err = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, "--out", str(out), capsys=capsys)
    assert code == 1 and not out.exists()
    assert "contributions.yaml:2:" in err and "'keynote-lovelace' has no doi" in err and "--mint-dois" in err
    code, _, err = proceedings(
        "export", "crossref", str(doi_project), *DEPOSITOR, "--mint-dois", "--out", str(out), capsys=capsys
    )
    assert code == 0, err
    document = etree.parse(str(out))
    assert document.findtext(".//cr:conference_paper[1]//cr:doi", namespaces=NS) == "10.5555/demo2024.keynote-lovelace"
    assert _errors(crossref_schema, document) == []


def test_a_doi_outside_the_prefix_and_a_missing_publisher_are_located(
    doi_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(doi_project / "data/demo2024/contributions.yaml", "10.5555/demo2024.indexes", "10.9999/elsewhere")
    _edit(doi_project / "data/demo2024/event.yaml", "publisher: Demo Society for Learned Systems\n", "")
    code, out, err = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)
    assert code == 1 and out == ""
    assert "contributions.yaml:" in err and "not under the prefix 10.5555" in err
    assert "event.yaml:2:" in err and "no publisher" in err


def test_the_site_url_must_be_known(doi_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(doi_project / "conf.py", 'proceedings_site_url = "https://proceedings.example.org/demo/"\n', "")
    code, out, err = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)
    assert code == 2 and out == "" and "--site-url" in err and "Traceback" not in err
    code, out, _ = proceedings(
        "export", "crossref", str(doi_project), *DEPOSITOR, "--site-url", "https://x.example.org/", capsys=capsys
    )
    assert code == 0 and "https://x.example.org/_proceedings/demo2024/contributions/" in out


def test_the_site_url_falls_back_to_html_baseurl_and_links_follow_the_generated_folder(
    doi_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = doi_project / "conf.py"
    _edit(conf, 'proceedings_site_url = "https://proceedings.example.org/demo/"\n', "")
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'html_baseurl = "https://base.example.org/"\nproceedings_generated_dir = "_gen"\n',
        encoding="utf-8",
    )
    code, out, err = proceedings("export", "crossref", str(doi_project), *DEPOSITOR, capsys=capsys)
    assert code == 0, err
    assert "https://base.example.org/_gen/demo2024/contributions/" in out
    assert "_proceedings/" not in out


def test_identifier_checksums_are_checked_where_written(doi_project: Path) -> None:
    people = doi_project / "data/demo2024/people.yaml"
    _edit(people, "orcid: 0000-0002-1694-233X", "orcid: 0000-0002-1694-2330")
    _edit(people, "ror: 03cve4549", "ror: 03cve4548")
    _edit(doi_project / "data/demo2024/event.yaml", "doi: 10.5555/demo2024", "doi: 10.55/demo2024")
    problems = load_project(doi_project / "data", doi_project).problems.errors
    shown = {(p.path.name, p.line): p.message for p in problems}
    orcid = next(m for (name, _), m in shown.items() if "ORCID" in m)
    assert "wrong check digit (expected X)" in orcid
    assert any("ROR id 03cve4548 has a wrong checksum (expected 49)" in m for m in shown.values())
    assert any(name == "event.yaml" and "is not a DOI" in m for (name, _), m in shown.items())
    assert all(p.line for p in problems)


def test_zenodo_metadata_validates_per_slides_and_poster(doi_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = doi_project / "zenodo"
    code, _, err = proceedings("export", "zenodo", str(doi_project), "--out", str(out), capsys=capsys)
    assert code == 0, err
    schema = json.loads((SCHEMAS / "zenodo-deposit.schema.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in out.iterdir())
    assert files == ["indexes-zhang-poster.json", "keynote-lovelace-slides.json"]
    for name in files:
        jsonschema.validate(json.loads((out / name).read_text(encoding="utf-8")), schema)
    poster = json.loads((out / "indexes-zhang-poster.json").read_text(encoding="utf-8"))["metadata"]
    slides = json.loads((out / "keynote-lovelace-slides.json").read_text(encoding="utf-8"))["metadata"]
    assert (poster["upload_type"], slides["upload_type"]) == ("poster", "presentation")
    assert poster["creators"][0] == {"name": "张, 伟", "affiliation": "Tsinghua University"}
    assert slides["creators"][0]["orcid"] == "0000-0002-1825-0097"
    assert poster["description"].startswith("<p>We show that learned indexes fit in a small memory budget: &lt;b&gt;")
    assert poster["license"] == "cc-by-4.0" and poster["conference_acronym"] == "Demo 2024"
    assert {"identifier": "10.5555/demo2024.indexes", "relation": "isSupplementTo", "scheme": "doi"} in poster[
        "related_identifiers"
    ]
    bad = {"metadata": {**poster, "upload_type": "slides"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_dois_and_orcids_reach_pages_and_citations(doi_html: Build) -> None:
    assert "WARNING" not in doi_html.warnings and "ERROR" not in doi_html.warnings
    page = "_proceedings/demo2024/contributions/tangent-van-merrienboer"
    tree = lxml_html.fromstring(doi_html.html(page))
    links = [a.get("href") for a in tree.iter("a")]
    assert "https://doi.org/10.5555/demo2024.tangent" in links
    shown = [a.text_content() for a in tree.iter("a") if a.get("href", "").startswith("https://doi.org/")]
    assert shown == ["https://doi.org/10.5555/demo2024.tangent"]  # the full link, as Crossref asks
    event = lxml_html.fromstring(doi_html.html("_proceedings/demo2024/index"))
    assert "https://doi.org/10.5555/demo2024" in [a.get("href") for a in event.iter("a")]
    meta = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
    assert meta["citation_doi"] == "10.5555/demo2024.tangent"
    folder = doi_html.outdir / "_proceedings/demo2024/contributions"
    cite = tree.xpath('//div[contains(@class, "proc-cite")]')[0]
    bib_file, ris_file, csl_file = (folder / a.get("href") for a in cite.iter("a"))
    bib = bibtexparser.parse_string(bib_file.read_text(encoding="utf-8"))
    assert bib.entries[0].fields_dict["doi"].value == "10.5555/demo2024.tangent"
    ris = rispy.loads(ris_file.read_text(encoding="utf-8"))
    assert ris[0]["doi"] == "10.5555/demo2024.tangent"
    csl = json.loads(csl_file.read_text(encoding="utf-8"))
    assert csl[0]["DOI"] == "10.5555/demo2024.tangent"
    person = lxml_html.fromstring(doi_html.html("_proceedings/people/bart-van-merrienboer"))
    assert "https://orcid.org/0000-0002-1694-233X" in [a.get("href") for a in person.iter("a")]


def test_volume_bibtex_carries_the_volume_doi(doi_html: Build) -> None:
    volume = next((doi_html.outdir / "_proceedings/demo2024").glob("*.bib"))
    entries = bibtexparser.parse_string(volume.read_text(encoding="utf-8")).entries
    assert [e.fields_dict["doi"].value for e in entries if e.entry_type == "proceedings"] == ["10.5555/demo2024"]


def test_minted_doi_pattern_is_documented() -> None:
    from sphinx_proceedings.exporters.archive import MINT_PATTERN

    howto = (Path(__file__).parent.parent / "docs/howto/register-dois.md").read_text(encoding="utf-8")
    assert MINT_PATTERN in howto and "SOURCE_DATE_EPOCH" in howto


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is installed by scripts/install-system-packages.sh")
def test_bibtex_with_dois_passes_biber_and_citeproc(tmp_path: Path) -> None:
    """The citation files of the root with DOIs, through the consumers tests/test_citations.py uses."""
    root = ROOTS / "test-doi"
    bib = _bib(root, "bibtex")
    (tmp_path / "doi.bib").write_text(bib, encoding="utf-8")
    run = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"), "doi.bib"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert [line for line in run.stdout.splitlines() if line.startswith(("WARN", "ERROR"))] == []
    assert "doi = {10.5555/demo2024.tangent}" in bib
    items = json.loads(_bib(root, "csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = " ".join(str(entry) for entry in bibliography.bibliography())
    assert "10.5555/demo2024.indexes" in rendered


def _bib(root: Path, fmt: str) -> str:
    command = [sys.executable, "-m", "sphinx_proceedings.cli.main", "bib", str(root), "--format", fmt]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def test_every_event_of_the_default_book_makes_a_valid_deposit(
    tmp_path: Path, crossref_schema: etree.XMLSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real names, authorless system updates and long abstracts: with a publisher named and DOIs minted,
    each event of proceedings/ is a deposit that Crossref's XSD accepts."""
    project = tmp_path / "book"
    shutil.copytree(REPO / "proceedings", project, ignore=shutil.ignore_patterns("_build", "_proceedings"))
    events = sorted(p.parent.name for p in (project / "data").glob("*/event.yaml"))
    papers = 0
    for event in events:
        event_yaml = project / "data" / event / "event.yaml"
        event_yaml.write_text(event_yaml.read_text(encoding="utf-8") + "publisher: Test Publisher\n", encoding="utf-8")
        code, out, err = proceedings(
            "export", "crossref", str(project), "--event", event, *DEPOSITOR, "--mint-dois",
            "--site-url", "https://proceedings.example.org/", capsys=capsys,
        )  # fmt: skip
        assert code == 0, err
        document = etree.ElementTree(etree.fromstring(out.encode()))
        assert _errors(crossref_schema, document) == [], event
        papers += len(document.findall(".//cr:conference_paper", NS))
    loaded = load_project(project / "data", project).proceedings
    assert papers == sum(len(data.contributions) for data in loaded.events)  # one paper per contribution


def test_one_doi_for_two_works_is_a_check_error(doi_project: Path) -> None:
    _edit(doi_project / "data/demo2024/contributions.yaml", "10.5555/demo2024.indexes", "10.5555/DEMO2024.keynote")
    problems = load_project(doi_project / "data", doi_project).problems.errors
    assert [(p.path.name, p.line) for p in problems] == [("contributions.yaml", 31)]
    assert (
        "also the DOI of contribution 'keynote-lovelace' at data/demo2024/contributions.yaml:8" in problems[0].message
    )
