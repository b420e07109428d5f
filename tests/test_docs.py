"""The documentation builds with -nW, its generated reference is complete, and its examples build in a real project."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import html as lxml_html

from sphinx_proceedings.book.config import ProceedingsConfig
from sphinx_proceedings.book.directives import DIRECTIVES
from sphinx_proceedings.book.domain import ROLE_TYPES
from sphinx_proceedings.cli.scaffold import create_project
from sphinx_proceedings.data.schema import SCHEMA_FILES, schema_for
from tests.conftest import Build, run_build
from tests.test_scaffold import rtd_schema

REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"
EXAMPLES = DOCS / "examples"


@pytest.fixture(scope="session")
def docs_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-q", "-b", "html", str(DOCS), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return out


def text_of(page: Path) -> str:
    text = " ".join(lxml_html.parse(str(page)).getroot().text_content().split())
    return text.replace("\u2019", "'")  # Sphinx's smart quotes


def test_docs_have_the_four_parts(docs_html: Path) -> None:
    for page in ("tutorial", "howto/index", "reference/index", "explanation/index"):
        assert (docs_html / f"{page}.html").is_file()
    tutorial = text_of(docs_html / "tutorial.html")
    for step in ("proceedings new my-workshop", "proceedings check .", "sphinx-build -W", "Read the Docs"):
        assert step in tutorial


def test_data_format_reference_lists_every_key(docs_html: Path) -> None:
    text = text_of(docs_html / "reference/data-format.html")
    for name in SCHEMA_FILES:
        schema = schema_for(name)
        records = [schema, *schema.get("$defs", {}).values()]
        for record in records:
            for key in record.get("properties", {}):
                assert key in text, f"{name}: {key}"
    assert "Membership" in text and "date (YYYY-MM-DD)" in text


def test_every_directive_role_and_setting_is_documented(docs_html: Path) -> None:
    directives = text_of(docs_html / "reference/directives.html")
    for name in DIRECTIVES:
        assert f"proc:{name}" in directives, name
    for role in ROLE_TYPES:
        assert f"proc:{role}" in directives, role
    config = text_of(docs_html / "reference/config.html")
    for f in fields(ProceedingsConfig):
        assert f"proceedings_{f.name}" in config
        assert f.metadata["help"] in config


def test_cli_reference_lists_every_command(docs_html: Path) -> None:
    text = text_of(docs_html / "reference/cli.html")
    for command in (
        "proceedings new",
        "proceedings check",
        "proceedings build",
        "proceedings import csv",
        "proceedings import site",
        "proceedings export",
        "proceedings bib",
        "proceedings schema",
    ):
        assert command in text, command
    assert "--strict" in text and "--all-decisions" in text


def test_howto_shows_the_tested_snippets(docs_html: Path) -> None:
    cite = text_of(docs_html / "howto/cite.html")
    assert "{cite:p}`placeholder2025placeholders`" in cite
    assert ":kind: poster" in cite


@pytest.fixture(scope="session")
def examples_book(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project from `proceedings new` with the docs' example pages and stylesheet added."""
    src = tmp_path_factory.mktemp("examples") / "book"
    create_project(src)
    for page in ("citing.md", "directives.md"):
        shutil.copyfile(EXAMPLES / page, src / page)
    (src / "_static").mkdir()
    for asset in ("custom.css", "logo.svg"):
        shutil.copyfile(EXAMPLES / asset, src / "_static" / asset)
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(conf + "\n" + (EXAMPLES / "conf_customise.py").read_text(encoding="utf-8"))
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(index + "\n```{toctree}\nciting\ndirectives\n```\n")
    return run_build(src, src / "_build")


def test_examples_build_without_warnings(examples_book: Build) -> None:
    assert examples_book.warnings == ""


def test_citing_example_links_and_cites(examples_book: Build) -> None:
    tree = lxml_html.fromstring(examples_book.html("citing"))
    links = {" ".join(a.text_content().split()): a.get("href") for a in tree.iter("a")}
    assert "keynote-example" in links["What Sample Data Can Teach Us"]
    assert "alex-example" in links["Alex Example"]
    assert "talk-placeholder" in links["the talk on placeholders"]
    text = " ".join(tree.text_content().split())
    assert "Morning session" in text
    hrefs = list(links.values())
    assert any("_proceedings/cited.html" in h for h in hrefs)  # the talk, cited
    assert any("example2025/references.html" in h for h in hrefs)  # the literature, cited
    assert "knuth1984literate" not in text and "placeholder2025placeholders" not in text  # keys became citations


def test_directives_example_renders_the_data(examples_book: Build) -> None:
    text = " ".join(lxml_html.fromstring(examples_book.html("directives")).text_content().split())
    assert "A Poster About Samples" in text and "A sample poster, shown in the poster session." in text
    assert "Alex Example" in text and "Sam Sample" in text
    assert "Placeholders in Practice" in text and "Robin Placeholder" in text
    assert "What Sample Data Can Teach Us" in text


def test_customise_example_is_applied(examples_book: Build) -> None:
    page = examples_book.html("index")
    assert "_static/custom.css" in page
    assert (examples_book.outdir / "_static/custom.css").read_text(encoding="utf-8").startswith("/* _static/custom.css")
    assert "logo.svg" in page


def test_repository_readthedocs_config_builds_the_docs() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, rtd_schema())
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert (REPO / config["sphinx"]["configuration"]).is_file()


def test_docs_schemas_are_current() -> None:
    for name in SCHEMA_FILES:
        on_disk = json.loads((DOCS / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert on_disk == schema_for(name), f"run `proceedings schema docs/schemas` ({name})"
