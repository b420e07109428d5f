"""The package's layers (docs/explanation/architecture.md): imports point one way, with no circles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).parents[1] / "ext/sphinx_proceedings"
LONGEST_MODULE = 410  # lines; a module longer than this does more than one job


def test_layer_contracts_are_kept() -> None:
    """The contracts of pyproject.toml ([tool.importlinter]): layers, and no Sphinx below the book."""
    run = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-cache"],
        cwd=PACKAGE.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("sphinx_proceedings")
    circles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                circles.append(" -> ".join((importer, *back)))
    assert circles == []


def test_modules_stay_small() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    }
    assert long == {}


# The folders ruff keeps to the house style (pyproject.toml [tool.ruff]).
LINTED = ["ext", "tests", "docs/_ext", "benchmarks"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_is_clean(command: list[str]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *LINTED],
        cwd=PACKAGE.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_strict_is_clean() -> None:
    """The package type-checks under ``strict`` ([tool.mypy] in pyproject.toml)."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=PACKAGE.parents[1], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
