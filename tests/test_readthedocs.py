"""Read the Docs: the shipped and scaffolded configurations validate; the commands it runs pass, in order."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sphinx_proceedings.cli.scaffold import create_project

from .conftest import REPO

SCHEMA = Path(__file__).parent / "schemas" / "readthedocs.schema.json"  # vendored: see schemas/README.md
SLUG = "ml-systems-workshops"
CANONICAL = f"https://{SLUG}.readthedocs.io/en/latest/"


def rtd_configs(tmp_path: Path) -> list[Path]:
    scaffolded = tmp_path / "new"
    create_project(scaffolded)
    return [REPO / "proceedings" / ".readthedocs.yaml", scaffolded / ".readthedocs.yaml"]


def test_every_readthedocs_yaml_validates(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for path in rtd_configs(tmp_path):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_default_book_declares_pdf_and_epub() -> None:
    config = yaml.safe_load((REPO / "proceedings" / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert set(config["formats"]) == {"pdf", "epub"}
    assert config["sphinx"]["configuration"] == "proceedings/conf.py"


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
def test_read_the_docs_commands(tmp_path: Path) -> None:
    src = tmp_path / "proceedings"
    shutil.copytree(REPO / "proceedings", src, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    output = tmp_path / "_readthedocs"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    sphinx = [sys.executable, "-m", "sphinx", "-T"]
    commands = [
        ([*sphinx, "-b", "html", "-d", "_build/doctrees", "-D", "language=en", ".", f"{output}/html"], src),
        ([*sphinx, "-b", "latex", "-d", "_build/doctrees", "-D", "language=en", ".", f"{output}/pdf"], src),
        (
            [
                "latexmk",
                "-r",
                "latexmkrc",
                "-pdf",
                "-f",
                "-dvi-",
                "-ps-",
                f"-jobname={SLUG}",
                "-interaction=nonstopmode",
            ],
            output / "pdf",
        ),
        ([*sphinx, "-b", "epub", "-d", "_build/doctrees", "-D", "language=en", ".", f"{output}/epub"], src),
    ]
    for command, cwd in commands:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        if command[0] == sys.executable:
            assert "WARNING" not in done.stderr, done.stderr
    assert (output / "html" / "index.html").is_file()
    pdf = output / "pdf" / f"{SLUG}.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
    log = (output / "pdf" / f"{SLUG}.log").read_text(encoding="utf-8", errors="replace")
    assert not re.findall(r"^! .*", log, re.MULTILINE) and "undefined" not in log.lower()
    assert len(list((output / "epub").glob("*.epub"))) == 1
    # The canonical URL reaches the HTML head and the PDF's links.
    assert f'<link rel="canonical" href="{CANONICAL}index.html"' in (output / "html" / "index.html").read_text()
    from .test_pdf import link_targets

    assert any(uri.startswith(f"{CANONICAL}_proceedings/") for uri in link_targets(pdf))


@pytest.mark.parametrize("config", [".readthedocs.yaml", "proceedings/.readthedocs.yaml"])
def test_read_the_docs_installs_the_tested_versions(config: str) -> None:
    """The lock's book subset first, so that `pip install .` finds every dependency already at its tested version."""
    steps = yaml.safe_load((REPO / config).read_text(encoding="utf-8"))["python"]["install"]
    assert steps[0] == {"requirements": "requirements/book.txt"}
    assert steps[1]["method"] == "pip" and steps[1]["path"] == "."
    assert (REPO / steps[0]["requirements"]).is_file()
