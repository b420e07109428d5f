"""``proceedings check`` and ``proceedings schema`` run as a user runs them: in a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from ruamel.yaml import YAML

REPO = Path(__file__).parent.parent
BASIC = Path(__file__).parent / "roots" / "test-basic"
SEED = REPO / "proceedings"
SUBCOMMANDS = {"check", "build", "schema"}


def proceedings(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


def copy_basic(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def bad_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_basic(tmp_path_factory.mktemp("bad"))
    edit(root / "data/demo2024/event.yaml", "timezone: Europe/Vienna", "timezone: Europe/Viena")
    edit(root / "data/demo2024/schedule.yaml", 'end: "09:45"', 'end: "09:50"')  # an overlap: a warning
    return root


@pytest.fixture(scope="module")
def seed_json() -> tuple[int, dict[str, Any]]:
    done = proceedings("check", SEED, "--format", "json")
    return done.returncode, json.loads(done.stdout)


# --- exit codes -------------------------------------------------------------


def test_clean_project_exits_0() -> None:
    done = proceedings("check", BASIC)
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr.strip() == "1 events, 3 contributions, 4 people; 0 errors, 0 warnings"


def test_data_folder_may_be_given_directly() -> None:
    assert proceedings("check", BASIC / "data").returncode == 0


def test_default_project_is_the_current_folder() -> None:
    assert proceedings("check", cwd=BASIC).returncode == 0


def test_bad_copy_exits_1_with_formatted_lines(bad_copy: Path) -> None:
    done = proceedings("check", cwd=bad_copy)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "data/demo2024/event.yaml:9:11: error: unknown timezone 'Europe/Viena' (hint: did you mean 'Europe/Vienna'?)",
        "data/demo2024/schedule.yaml:14:20: warning: slot 'tangent-van-merrienboer' starts at 09:45, before "
        "'keynote-lovelace' (line 11) ends at 09:50 "
        "(hint: overlapping slots are fine for parallel tracks; otherwise fix the times)",
    ]
    assert done.stderr.strip() == "1 events, 3 contributions, 4 people; 1 errors, 1 warnings"


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    done = proceedings("check", missing)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == f"proceedings: error: {missing}: no such folder"


def test_folder_without_data_exits_2(tmp_path: Path) -> None:
    done = proceedings("check", tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"proceedings: error: {tmp_path}: not a proceedings project")


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--bogus", str(BASIC)),
        ("check", str(BASIC), "--format", "xml"),
        (),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    done = proceedings(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: proceedings")
    assert "proceedings" in done.stderr.splitlines()[-1] and "error:" in done.stderr.splitlines()[-1]


def test_usage_hints_name_existing_commands(tmp_path: Path) -> None:
    done = proceedings("check", tmp_path)
    suggested = set(re.findall(r"'proceedings (\w+)", done.stderr))
    assert suggested <= SUBCOMMANDS


def test_seed_data_fails_strict(seed_json: tuple[int, dict[str, Any]]) -> None:
    assert seed_json[0] == 0  # the seed has warnings only
    strict = proceedings("check", SEED, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.strip() == "4 events, 107 contributions, 392 people; 0 errors, 10 warnings, 9 notes"
    lines = strict.stdout.splitlines()
    assert len(lines) == 19
    assert sum(": warning: " in line for line in lines) == 10 and sum(": note: " in line for line in lines) == 9


def test_impossible_date_is_reported_without_traceback(tmp_path: Path) -> None:
    root = copy_basic(tmp_path)
    edit(root / "data/demo2024/event.yaml", "start: 2024-07-26", "start: 2024-02-30")
    done = proceedings("check", root)
    assert done.returncode == 1
    assert "event.yaml:7:8: error:" in done.stdout


# --- JSON -------------------------------------------------------------------

PROBLEM_KEYS = {"path", "line", "column", "severity", "code", "message", "hint"}


def test_json_report_of_the_seed(seed_json: tuple[int, dict[str, Any]]) -> None:
    code, report = seed_json
    assert code == 0
    assert set(report) == {"ok", "summary", "problems"}
    assert report["ok"] is True
    assert report["summary"] == {
        "events": 4,
        "contributions": 107,
        "people": 392,
        "references": 24,
        "errors": 0,
        "warnings": 10,
        "notes": 9,
    }
    assert len(report["problems"]) == 19
    for problem in report["problems"]:
        assert set(problem) == PROBLEM_KEYS
        assert (problem["severity"], problem["code"] in {"dates", "schedule", "names"}) in {
            ("warning", True),
            ("note", False),
        }
        assert problem["path"].startswith("data/") and not Path(problem["path"]).is_absolute()
        assert isinstance(problem["line"], int) and isinstance(problem["column"], int)
        assert problem["code"] in {"dates", "schedule", "names", "citation"}
        assert isinstance(problem["message"], str) and isinstance(problem["hint"], str)
    overlap = [p for p in report["problems"] if p["code"] == "schedule"]
    assert overlap == [
        {
            "path": "data/nips2017/schedule.yaml",
            "line": 107,
            "column": 20,
            "severity": "warning",
            "code": "schedule",
            "message": "slot 'Posters & Coffee' starts at 15:30, before 'onnx-bird' (line 101) ends at 15:40",
            "hint": "overlapping slots are fine for parallel tracks; otherwise fix the times",
        }
    ]


def test_json_messages_name_places_like_path(seed_json: tuple[int, dict[str, Any]]) -> None:
    _, report = seed_json
    names = [p for p in report["problems"] if p["code"] == "names"]
    assert [p["message"].rsplit(" at ", 1)[1] for p in names] == [
        "data/sosp2017/people.yaml:53",
        "data/nips2017/people.yaml:49",
    ]


def test_json_report_of_a_bad_copy(bad_copy: Path) -> None:
    done = proceedings("check", bad_copy, "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False
    assert report["summary"]["errors"] == 1 and report["summary"]["warnings"] == 1
    assert report["problems"][0] == {
        "path": "data/demo2024/event.yaml",
        "line": 9,
        "column": 11,
        "severity": "error",
        "code": "timezone",
        "message": "unknown timezone 'Europe/Viena'",
        "hint": "did you mean 'Europe/Vienna'?",
    }


def test_json_problem_of_an_unreadable_file_has_its_place(tmp_path: Path) -> None:
    root = copy_basic(tmp_path)
    (root / "data/demo2024/event.yaml").write_bytes(
        (root / "data/demo2024/event.yaml").read_bytes().replace(b"learned systems", b"learned syst\xe8mes")
    )
    done = proceedings("check", root, "--format", "json")
    assert done.returncode == 1
    problem = json.loads(done.stdout)["problems"][0]
    assert problem == {
        "path": "data/demo2024/event.yaml",
        "line": 12,
        "column": 63,
        "severity": "error",
        "code": "file",
        "message": "file is not valid UTF-8",
        "hint": "save the file as UTF-8",
    }


# --- JSON Schemas -----------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """What the YAML value becomes in JSON: dates and times as ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    done = proceedings("schema", out)
    assert done.returncode == 0
    written = sorted(Path(line).name for line in done.stdout.splitlines())
    assert written == [
        "contributions.schema.json",
        "event.schema.json",
        "people.schema.json",
        "schedule.schema.json",
        "series.schema.json",
    ]
    result = {}
    for path in out.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        result[path.name.removesuffix(".schema.json")] = schema
    return result


SEED_FILES = [
    pytest.param(path, id=str(path.relative_to(SEED / "data")))
    for path in sorted((SEED / "data").glob("*/*.yaml")) + sorted((SEED / "data").glob("*.yaml"))
]


def _load(path: Path) -> Any:
    return _jsonable(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SEED_FILES)
def test_schemas_validate_seed_files(schemas: dict[str, dict[str, Any]], path: Path) -> None:
    validator = Draft202012Validator(schemas[path.stem])
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


def test_schemas_validate_test_basic_contributions(schemas: dict[str, dict[str, Any]]) -> None:
    validator = Draft202012Validator(schemas["contributions"])
    errors = [e.message for e in validator.iter_errors(_load(BASIC / "data/demo2024/contributions.yaml"))]
    assert errors == []


def test_schemas_reject_an_unknown_key(schemas: dict[str, dict[str, Any]]) -> None:
    data = _load(BASIC / "data/demo2024/event.yaml")
    assert Draft202012Validator(schemas["event"]).is_valid(data)
    assert not Draft202012Validator(schemas["event"]).is_valid({**data, "locaton": "Vienna"})


# RFC 3339 full-time, as JSON Schema's "time" format means it and as editors
# (vscode-json-languageservice, used by yaml-language-server) check it.
RFC3339_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(z|[+-]([01]\d|2[0-3]):[0-5]\d)$", re.I)
strict_formats = FormatChecker()
strict_formats.checks("time")(lambda value: not isinstance(value, str) or bool(RFC3339_TIME.match(value)))


def test_schedule_times_match_the_schema_formats(schemas: dict[str, dict[str, Any]]) -> None:
    validator = Draft202012Validator(schemas["schedule"], format_checker=strict_formats)
    errors = [e.message for e in validator.iter_errors(_load(SEED / "data/nips2017/schedule.yaml"))]
    assert errors == []


def test_a_repeated_check_answers_from_its_record_until_the_data_changes(tmp_path: Path) -> None:
    root = copy_basic(tmp_path)
    people = root / "data/demo2024/people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "- id: ada-lovelance\n  name: Ada Lovelance\n")
    first = proceedings("check", root)
    assert first.returncode == 0 and "'Ada Lovelance' (ada-lovelance) reads almost like" in first.stdout
    [record] = (root / "_build/.proceedings-cache/answers").iterdir()
    written = record.stat().st_ino  # a run that does the work writes a new record (atomic rename)

    again = proceedings("check", root)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    assert record.stat().st_ino == written

    edit(people, "name: Ada Lovelance", "name: Ada Lovelance\n  homepage: nowhere.pdf")
    edited = proceedings("check", root)
    assert edited.returncode == 1 and "file 'nowhere.pdf' does not exist" in edited.stdout
    assert record.stat().st_ino != written

    record.write_bytes(b"\x00not a record")  # damaged: a miss, never an error
    assert proceedings("check", root).stdout == edited.stdout
    json_report = proceedings("check", root, "--format", "json")
    assert json.loads(json_report.stdout)["ok"] is False
    assert len(list(record.parent.iterdir())) == 2  # one record per command line


def test_a_repeated_bib_prints_the_same_entries(tmp_path: Path) -> None:
    root = copy_basic(tmp_path)
    first, again = proceedings("bib", root), proceedings("bib", root)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout and "@inproceedings{merrienboer2024tangent," in first.stdout
    edit(root / "data/demo2024/contributions.yaml", 'title: "Tangent: Automatic', 'title: "Tangent 2: Automatic')
    assert "Tangent 2: Automatic" in proceedings("bib", root).stdout
