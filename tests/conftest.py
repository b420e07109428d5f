"""Shared fixtures: real Sphinx builds of test roots, each built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
DEFAULT_SITE = "https://ml-systems-workshops.readthedocs.io/en/latest/"  # where Read the Docs publishes it


@dataclass
class Build:
    """One real Sphinx build: its app, output folder, warnings and the documents it read."""

    srcdir: Path
    outdir: Path
    warnings: str
    read: list[str] = field(default_factory=list)

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")


def run_build(
    srcdir: Path,
    builddir: Path,
    buildername: str = "html",
    parallel: int = 0,
    confoverrides: dict[str, object] | None = None,
) -> Build:
    """Build ``srcdir`` (incrementally, if ``builddir`` holds an earlier build)."""
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        status=status,
        warning=warning,
        parallel=parallel,
        confoverrides=confoverrides or {},
    )
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(sorted(docnames)))
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(srcdir, Path(app.outdir), strip_colors(warning.getvalue()), read)


@pytest.fixture(scope="session")
def copy_root(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A fresh copy of ``tests/roots/test-<name>`` (builds write generated pages into the source)."""

    def copy(name: str) -> Path:
        target = tmp_path_factory.mktemp(name) / "src"
        ignore = shutil.ignore_patterns("_proceedings", "_build")
        shutil.copytree(ROOTS / f"test-{name}", target, ignore=ignore)
        if not (target / "data").exists():  # roots without data of their own share test-basic's
            shutil.copytree(ROOTS / "test-basic" / "data", target / "data", ignore=ignore)
        return target

    return copy


@pytest.fixture(scope="session")
def basic_html(copy_root: Callable[[str], Path]) -> Iterator[Build]:
    src = copy_root("basic")
    yield run_build(src, src / "_build")


@pytest.fixture(scope="session")
def default_book(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default book of proceedings/, built once for the whole session, as published: with its site's URL."""
    src = tmp_path_factory.mktemp("default") / "proceedings"
    shutil.copytree(REPO / "proceedings", src, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    return run_build(src, src / "_build", confoverrides={"proceedings_site_url": DEFAULT_SITE})


@pytest.fixture(scope="session")
def doi_html(copy_root: Callable[[str], Path]) -> Build:
    """test-doi (DOIs, ORCID iDs, ROR ids, a paper PDF with pages), built once for the whole session."""
    src = copy_root("doi")
    return run_build(src, src / "_build")
