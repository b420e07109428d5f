"""Smoke test of the benchmark harness (issue 7) on a small generated conference.

Asserts on what sphinx-build reports (warnings, documents re-read), never on seconds.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import EVENT_ID, write_project  # noqa: E402
from run import edit_contribution_title, sphinx_build  # noqa: E402

SIZE = 20


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "conference"
    write_project(out, SIZE, seed=7)
    return out


def test_generated_project_passes_check(project: Path) -> None:
    check = subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", "check", str(project)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"1 events, {SIZE} contributions" in check.stderr
    assert " 0 errors" in check.stderr


def test_generator_is_deterministic(tmp_path: Path, project: Path) -> None:
    again = tmp_path / "again"
    write_project(again, SIZE, seed=7)
    for name in ("people.yaml", "contributions.yaml", "schedule.yaml", "references.bib"):
        assert (again / "data" / EVENT_ID / name).read_bytes() == (project / "data" / EVENT_ID / name).read_bytes()


@pytest.fixture(scope="module")
def rebuilds(project: Path) -> dict[str, Any]:
    """A full build, a no-op rebuild and a rebuild after editing one contribution's title."""
    full = sphinx_build(project)
    noop = sphinx_build(project)
    cid = edit_contribution_title(project, " (revised)")
    edited = sphinx_build(project)
    return {"full": full, "noop": noop, "edited": edited, "cid": cid}


def test_build_noop_and_edit_rebuilds(project: Path, rebuilds: dict[str, Any]) -> None:
    full, noop, edited = rebuilds["full"], rebuilds["noop"], rebuilds["edited"]
    assert full.returncode == 0, full.output[-3000:]
    assert full.warnings == 0, full.output[-3000:]
    assert full.reread and full.reread > 2 * SIZE  # contributions, people, sessions, event pages
    assert noop.returncode == 0
    assert noop.reread == 0, noop.output[-3000:]
    assert edited.returncode == 0 and edited.warnings == 0, edited.output[-3000:]
    assert edited.reread is not None and edited.reread >= 1
    page = project / "_build" / "html" / "_proceedings" / EVENT_ID / "contributions" / f"{rebuilds['cid']}.html"
    assert "(revised)" in page.read_text(encoding="utf-8")


def test_editing_one_contribution_rereads_few_documents(rebuilds: dict[str, Any]) -> None:
    edited = rebuilds["edited"]
    assert edited.reread is not None and edited.reread <= 5, edited.output[-3000:]


def test_the_harness_measures_every_row_at_a_small_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from run import main

    assert main(["--sizes", str(SIZE), "--jobs", "1", "--latex-size", "0", "--workdir", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    [result] = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    runs = {key: value for key, value in result.items() if isinstance(value, dict)}
    assert {key: run["returncode"] for key, run in runs.items()} == dict.fromkeys(runs, 0)
    assert runs["noop_extension"]["reread"] == runs["noop_plain"]["reread"] == 0
    assert runs["edit_extension"]["reread"] <= 5
    assert runs["full_j1_extension"]["cpu_seconds"] > 0
    assert result["proceedings_build_noop_skipped_sphinx"] is True
    assert result["proceedings_build_first_skipped_sphinx"] is False
    for row in ("full HTML build -j 1, CPU time (s)", "proceedings build, nothing changed (s)", "after the title edit"):
        assert row in table


def test_the_harness_runs_read_the_docs_steps_and_the_growth_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from run import main

    # latexmk and epub are left out here (the volume's and the EPUB's own tests run them): html and latex
    # show the steps sharing one doctree folder.
    argv = ["--sizes", "--growth", "5", "10", "--rtd-size", "5", "--rtd-steps", "html", "latex"]
    assert main([*argv, "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    extra = json.loads((tmp_path / "extra.json").read_text(encoding="utf-8"))
    rtd, growth = extra["rtd"], extra["growth"]
    assert [rtd[step]["returncode"] for step in ("html", "latex")] == [0, 0]
    assert "epub" not in rtd and "latexmk" not in rtd
    assert rtd["html"]["warnings"] == 0 and rtd["html"]["reread"] > 10
    assert rtd["latex"]["reread"] < rtd["html"]["reread"]  # the environment of the html step is reused
    assert (tmp_path / "rtd-n5" / "_build" / "latex" / "proceedings.tex").is_file()
    steps_cpu = sum(rtd[step]["cpu_seconds"] for step in ("html", "latex"))
    assert rtd["total"]["cpu_seconds"] == pytest.approx(steps_cpu)
    assert growth["sizes"] == [5, 10] and all(run["returncode"] == 0 for run in growth["runs"].values())
    # At N = 5 and 10 start-up time dominates and the sign of the exponent is noise: check the arithmetic.
    cpu = [growth["runs"][size]["cpu_seconds"] for size in ("5", "10")]
    assert growth["exponent"] == pytest.approx(math.log(cpu[1] / cpu[0]) / math.log(2), abs=1e-3)
    assert "| 5 | limit (community plan) | 900 (" in out and "growth exponent" in out
