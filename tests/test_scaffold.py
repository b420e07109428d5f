"""`proceedings new DIR`: a project that passes `check`, builds with -W at once and is ready for Read the Docs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sphinx_proceedings.cli import main as cli
from sphinx_proceedings.cli import scaffold

REPO = Path(__file__).parent.parent
# The Read the Docs config-file schema, vendored: tests/schemas/README.md names its source.
RTD_SCHEMA = Path(__file__).parent / "schemas" / "readthedocs.schema.json"


def rtd_schema() -> dict[str, object]:
    return json.loads(RTD_SCHEMA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def proceedings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("new") / "my-workshop"
    assert cli.main(["new", str(target)]) == 0
    return target


def test_new_writes_a_complete_project(project: Path) -> None:
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        ".readthedocs.yaml",
        "README.md",
        "conf.py",
        "data/example2025/contributions.yaml",
        "data/example2025/event.yaml",
        "data/example2025/people.yaml",
        "data/example2025/references.bib",
        "data/example2025/schedule.yaml",
        "index.md",
        "requirements.txt",
        "schemas/contributions.schema.json",
        "schemas/event.schema.json",
        "schemas/people.schema.json",
        "schemas/schedule.schema.json",
        "schemas/series.schema.json",
    ]
    assert not list(project.parent.glob(".*")), "no staging folder is left behind"
    gitignore = (project / ".gitignore").read_text(encoding="utf-8").split()
    assert "_build/" in gitignore and "_proceedings/" in gitignore
    conf = (project / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinx_proceedings"]' in conf and 'html_theme = "sphinx_book_theme"' in conf


def test_schema_comments_point_at_the_projects_schemas(project: Path) -> None:
    for data_file in (project / "data").glob("*/*.yaml"):
        first = data_file.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, data_file
        schema_path = (data_file.parent / match[1]).resolve()
        assert schema_path == project / "schemas" / f"{data_file.stem}.schema.json"
        # as an editor sees it: YAML dates are strings to JSON Schema
        document = json.loads(json.dumps(yaml.safe_load(data_file.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(document, json.loads(schema_path.read_text(encoding="utf-8")))


def test_new_project_passes_strict_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings(capsys, "check", str(project), "--strict")
    assert code == 0, out + err
    assert out == ""
    assert "1 events, 3 contributions, 3 people; 0 errors, 0 warnings" in err


def test_new_project_builds_with_warnings_as_errors(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-nW", "--keep-going", "-q", "-b", "html", str(project), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    front = (out / "index.html").read_text(encoding="utf-8")
    assert "Example Workshop on Sample Data 2025" in front
    talk = (out / "_proceedings/example2025/contributions/talk-placeholder.html").read_text(encoding="utf-8")
    assert "Placeholders in Practice" in talk and "Robin Placeholder" in talk
    assert not (out / "README.html").exists()


def test_readthedocs_config_validates(project: Path) -> None:
    config = yaml.safe_load((project / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, rtd_schema())
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.11"
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    if "pdf" in config.get("formats", []):
        assert "latexmk" in config["build"]["apt_packages"]
    requirements = config["python"]["install"][0]["requirements"]
    assert requirements == "requirements.txt"


def requirement_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_requirements_name_the_package_source_and_the_tested_pins(project: Path) -> None:
    """Not `pip install sphinx-proceedings` (it is not on PyPI): where this copy came from, and the lock's pins."""
    package, *pins = requirement_lines(project / "requirements.txt")
    assert package == scaffold.installed_source()
    assert package.startswith("sphinx-proceedings @ ") or package.startswith("sphinx-proceedings==")
    assert pins == requirement_lines(REPO / "requirements" / "book.txt")
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"installs sphinx-proceedings from `{package}`" in readme
    assert "python -m pip install -r requirements.txt" in readme
    assert "@PACKAGE@" not in readme


def test_package_option_names_another_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = "sphinx-proceedings @ git+https://git.example.org/team/sphinx-proceedings.git@v0.1.0"
    code, _, err = proceedings(capsys, "new", str(tmp_path / "p"), "--package", source)
    assert code == 0
    assert requirement_lines(tmp_path / "p" / "requirements.txt")[0] == source
    assert f"`{source}`" in (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    assert "Read the Docs cannot reach it" not in err


def test_a_local_source_is_named_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = proceedings(capsys, "new", str(tmp_path / "p"), "--package", "sphinx-proceedings @ file:///src")
    assert code == 0
    assert "Read the Docs cannot reach it" in err and "--package" in err


def test_installed_source_reads_pep_610(monkeypatch: pytest.MonkeyPatch) -> None:
    """A git install is named by its commit; an index install by its version."""

    class Recorded:
        version = "0.1.0"

        def __init__(self, direct_url: str | None) -> None:
            self.direct_url = direct_url

        def read_text(self, name: str) -> str | None:
            return self.direct_url if name == "direct_url.json" else None

    git = json.dumps({"url": "https://git.example.org/t/p.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}})
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Recorded(git))
    assert scaffold.installed_source() == "sphinx-proceedings @ git+https://git.example.org/t/p.git@abc123"
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Recorded(None))
    assert scaffold.installed_source() == "sphinx-proceedings==0.1.0"


def test_new_accepts_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    code, out, _ = proceedings(capsys, "new", str(target))
    assert code == 0
    assert (target / "conf.py").is_file()
    assert f"{target / 'conf.py'}" in out.splitlines()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, out, err = proceedings(capsys, "new", str(target))
    assert code == 1
    assert out == ""
    assert err == (
        f"proceedings new: error: {target}: the folder is not empty (choose a new or empty folder); "
        "nothing was written\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_new_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    code, _, err = proceedings(capsys, "new", str(target))
    assert code == 1
    assert "exists and is not a folder" in err
    assert target.read_text(encoding="utf-8") == "x"


def test_a_failure_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(out: Path) -> list[Path]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(scaffold, "write_schemas", broken)
    code, _, err = proceedings(capsys, "new", str(tmp_path / "book"))
    assert code == 1
    assert err == f"proceedings new: error: {tmp_path / 'book'}: No space left on device; nothing was written\n"
    assert list(tmp_path.iterdir()) == []
