"""Any text ``check`` accepts gives well-formed XML: the frab schedule export and the EPUB's pages.

Texts are drawn from every character UTF-8 can carry (controls, bidi and other format characters,
noncharacters, private use and unassigned code points included) and written into a title, a name, an
affiliation and an abstract, as YAML escapes where YAML needs them. ``check`` refuses some of them (with a
located error); whatever it lets through must give XML that a strict parser reads without recovering.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from hypothesis import assume, event, example, given
from hypothesis import strategies as st
from lxml import etree

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.model import CONTROL_CHARACTERS

from .conftest import run_build
from .test_properties import deterministic

BASE = Path(__file__).parent / "hostile" / "base"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)

any_text = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30)
# The same, with what check refuses taken out, so that most examples reach the outputs.
accepted_text = any_text.map(lambda t: CONTROL_CHARACTERS.sub("", t))


@contextlib.contextmanager
def project_with(title: str, name: str, affiliation: str, abstract: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        shutil.copytree(BASE, root)
        ev = root / "data" / "ev"
        contributions = yaml.safe_load((ev / "contributions.yaml").read_text(encoding="utf-8"))
        contributions[0].update(title=title, abstract=abstract)
        people = yaml.safe_load((ev / "people.yaml").read_text(encoding="utf-8"))
        people[0].update(name=name, affiliation=affiliation)
        for path, data in ((ev / "contributions.yaml", contributions), (ev / "people.yaml", people)):
            # Double-quoted YAML writes controls as escapes ("\0", "\e", "\x85"), as a hand could.
            path.write_text(yaml.safe_dump(data, default_style='"', allow_unicode=True), encoding="utf-8")
        yield root


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@deterministic(max_examples=120)
@given(any_text, any_text, any_text, any_text)
@example("Ada\x00Lovelace", "A", "B", "C")
@example("\x1b[31mred", "\u202eEve", "\x85next line", "\ufffe\uffff")
def test_any_text_check_accepts_exports_well_formed_frab_xml(
    title: str, name: str, affiliation: str, abstract: str
) -> None:
    with project_with(title, name, affiliation, abstract) as root:
        code, output = run("check", str(root))
        assert "Traceback" not in output
        event("refused by check" if code else "accepted by check")
        if code != 0:
            # Refused at its place: every error line names a data file and a line.
            errors = [line for line in output.splitlines() if ": error: " in line]
            assert errors and all(line.split(":")[1].isdigit() for line in errors), output
            return
        xml = root / "schedule.xml"
        code, output = run("export", "frab-xml", str(root), "--out", str(xml))
        assert code == 0, output
        tree = etree.fromstring(xml.read_bytes(), STRICT)
        assert tree.tag == "schedule"


@deterministic(max_examples=3)
@given(accepted_text, accepted_text, accepted_text, accepted_text)
@example("Title \u202e reversed", "Zoë \u2066isolate", "\u200fRTL mark", "Abstract \ufeff with a BOM inside")
def test_any_text_check_accepts_builds_an_epub_of_well_formed_pages(
    title: str, name: str, affiliation: str, abstract: str
) -> None:
    with project_with(title, name, affiliation, abstract) as root:
        code, _output = run("check", str(root))
        assume(code == 0)
        build = run_build(root, root / "_build", "epub")
        book = zipfile.ZipFile(next(build.outdir.glob("*.epub")))
        pages = [n for n in book.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))]
        assert pages
        event(f"{len(pages)} XML files in the EPUB")
        for name_in_book in pages:
            etree.fromstring(book.read(name_in_book), STRICT)  # raises on anything ill-formed
