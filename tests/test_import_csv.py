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


# --- work grows with the rows, not their square ----------------------------------


def _same_slug_names(n: int) -> list[str]:
    """``n`` names that differ as written but give one id ('ada-lovelace'): every one needs a number."""
    marks = ".'`~"
    return [f"Ada{''.join(marks[(i >> (2 * d)) & 3] for d in range(6))} Lovelace" for i in range(n)]


def _opcodes_to_import(rows: int, tmp_path: Path) -> int:
    """Bytecode operations run inside csv_papers.py to import ``rows`` papers without emails."""
    import sys

    from sphinx_proceedings.importers import csv_papers
    from sphinx_proceedings.importers.report import ImportReport

    csv = tmp_path / f"papers-{rows}.csv"
    names = _same_slug_names(rows)
    csv.write_text("title,authors\n" + "".join(f"Learning Systems {i},{name}\n" for i, name in enumerate(names)))
    count = 0

    def opcode(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        count += event == "opcode"
        return opcode

    def call(frame, event, arg):  # type: ignore[no-untyped-def]
        if frame.f_code.co_filename != csv_papers.__file__:
            return None
        frame.f_trace_opcodes = True
        return opcode

    report = ImportReport()
    sys.settrace(call)
    try:
        people, contributions = csv_papers.read_papers(csv, "demo", [], False, report)
    finally:
        sys.settrace(None)
    assert len(people) == rows and len(contributions) == rows
    assert len({c.id for c in contributions}) == rows and len({p.id for p in people}) == rows
    return count


def test_import_without_emails_is_linear(tmp_path: Path) -> None:
    """Doubling the rows doubles the work (a quadratic import, 20,000 rows in 300 s, would quadruple it)."""
    small, large = _opcodes_to_import(300, tmp_path), _opcodes_to_import(600, tmp_path)
    assert large / small < 2.3, (small, large)


def test_a_mixed_encoding_file_keeps_its_utf8_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "papers.csv"
    csv.write_bytes(
        "title,authors\nCafé Scheduling,José Núñez\n".encode()
        + "Résumé Parsing,Renée Dubois\n".encode("cp1252")
        + "Third,Zoë Smith\n".encode()
    )
    code, _out, err = run(["import", "csv", str(csv), "--into", str(tmp_path / "data"), "--event", "demo"], capsys)
    assert code == 0, err
    assert "line 3 is not UTF-8; read as Windows-1252" in err
    event, result = loaded(tmp_path / "data", "demo")
    assert [c.title for c in event.contributions] == ["Café Scheduling", "Résumé Parsing", "Third"]
    assert sorted(p.name for p in result.proceedings.people.values()) == ["José Núñez", "Renée Dubois", "Zoë Smith"]


@pytest.mark.parametrize("bad", ["\x1b[31mred", "nul\x00byte"])
def test_a_control_character_in_a_cell_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    csv = tmp_path / "papers.csv"
    csv.write_text(f"title,authors\nFine Paper,Ada Lovelace\n{bad} paper,Bob Builder\n", encoding="utf-8")
    code, _out, err = run(["import", "csv", str(csv), "--into", str(tmp_path / "data"), "--event", "demo"], capsys)
    assert code == 1
    assert f"{csv}:3: error: title: control characters are not allowed" in err or "papers.csv:3: error: title" in err, (
        err
    )
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["csv", "frab"])
def test_a_fifo_to_import_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    import os

    pipe = tmp_path / ("papers.csv" if command == "csv" else "schedule.json")
    os.mkfifo(pipe)
    args = (
        ["import", "csv", str(pipe), "--into", str(tmp_path / "data"), "--event", "demo"]
        if command == "csv"
        else ["import-frab", str(pipe), "--into", str(tmp_path / "data")]
    )
    code, _out, err = run(args, capsys)
    assert code == 1
    assert f"{pipe.name}: error: is not a regular file (a FIFO, socket or device)" in err, err
    assert "Traceback" not in err
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.yaml"))
