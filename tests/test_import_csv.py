"""`proceedings import csv`: accepted papers from submission-system exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_proceedings.data.loader import load_project
from tests.test_import_site import REALDATA, needs_shared, run

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def loaded(data: Path, event: str):
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    return next(e for e in result.proceedings.events if e.event.id == event), result


@needs_shared
def test_real_export_multiline_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = REALDATA / "mlforsystems.github.io/neurips2023/papers.csv"
    code, out, err = run(["import", "csv", str(csv), "--into", str(tmp_path), "--event", "neurips2023"], capsys)
    assert code == 0, err
    event, result = loaded(tmp_path, "neurips2023")
    assert len(event.contributions) == 33
    assert sum(1 for c in event.contributions if c.abstract) == 32  # one row has none
    assert all("\r" not in (c.abstract or "") for c in event.contributions)
    ids = [a.person for c in event.contributions for a in c.authors]
    assert len(set(ids)) == len(result.proceedings.people)
    code, out, _ = run(["import", "csv", str(csv), "--into", str(tmp_path), "--event", "neurips2023"], capsys)
    assert code == 0 and "wrote" not in out


def test_cmt_bom_crlf_only_accepted_dedup_no_emails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        ["import", "csv", str(FIXTURES / "cmt_bom_crlf.csv"), "--into", str(tmp_path), "--event", "demo"], capsys
    )
    assert code == 0, err
    event, result = loaded(tmp_path, "demo")
    assert [c.title for c in event.contributions] == ["Learned Indexes, Revisited", "Fast Tensors"]
    assert [c.kind.value for c in event.contributions] == ["poster", "contributed-talk"]
    assert event.contributions[0].abstract == 'Line one\nline "two"'
    assert sorted(result.proceedings.people) == ["ada-lovelace", "alan-turing", "grace-hopper"]
    assert event.contributions[0].authors[0].affiliation == "Analytical Engines"
    assert "1 submissions not accepted were left out" in err
    for path in (tmp_path / "demo").iterdir():
        assert "@example.org" not in path.read_text(encoding="utf-8")
    code, _, err = run(
        [
            "import",
            "csv",
            str(FIXTURES / "cmt_bom_crlf.csv"),
            "--into",
            str(tmp_path),
            "--event",
            "demo",
            "--all-decisions",
        ],
        capsys,
    )
    # a later import merges: the rejected submission is added, the accepted ones stay as they are
    assert code == 0, err
    event, _ = loaded(tmp_path, "demo")
    assert [c.title for c in event.contributions][:2] == ["Learned Indexes, Revisited", "Fast Tensors"]
    assert len(event.contributions) == 3


def test_latin1_and_column_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        [
            "import",
            "csv",
            str(FIXTURES / "easychair_latin1.csv"),
            "--into",
            str(tmp_path),
            "--event",
            "demo",
            "--dry-run",
        ],
        capsys,
    )
    assert code == 0 and "would write: " in out and "Café Scheduling" in out and "not UTF-8" in err
    assert not (tmp_path / "demo").exists()
    code, out, err = run(
        [
            "import",
            "csv",
            str(FIXTURES / "easychair_latin1.csv"),
            "--into",
            str(tmp_path),
            "--event",
            "demo",
            "--map",
            "Nope=title",
        ],
        capsys,
    )
    assert code == 2 and "no column 'Nope'" in out
    code, _, err = run(
        [
            "import",
            "csv",
            str(FIXTURES / "easychair_latin1.csv"),
            "--into",
            str(tmp_path),
            "--event",
            "demo",
            "--map",
            "Title=title",
        ],
        capsys,
    )
    assert code == 0, err
    _event, result = loaded(tmp_path, "demo")
    assert {p.name for p in result.proceedings.people.values()} == {"René François", "Zoë Dupré"}
