"""`proceedings build`: checks first, builds the HTML book, refuses bad data with exit 1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def proceedings(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", *args], capture_output=True, text=True, timeout=300
    )


def test_build_writes_the_html_book(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    result = proceedings("build", str(src), "--html")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (src / "_build/html/_proceedings/demo2024/schedule.html").is_file()


def test_build_refuses_data_with_errors(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    people = src / "data/demo2024/people.yaml"
    people.write_text(people.read_text().replace("- id: ada-lovelace", "- id: Ada Lovelace"))
    result = proceedings("build", str(src), "--html")
    assert result.returncode == 1
    assert (
        "people.yaml:7:7: error: id: 'Ada Lovelace' is not a valid id "
        "(hint: use lowercase letters, digits and '-', e.g. 'ada-lovelace')"
    ) in result.stderr
    assert "nothing was built" in result.stderr and "Traceback" not in result.stderr
    # Only the cache of parsed data files (cache.py), no output.
    assert [p.name for p in (src / "_build").iterdir()] == [".proceedings-cache"]


def test_build_of_a_folder_that_is_no_project(tmp_path: Path) -> None:
    result = proceedings("build", str(tmp_path))
    assert result.returncode == 2
    assert "not a proceedings project" in result.stderr


def test_a_failed_build_leaves_the_previous_book_as_it_was(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    assert proceedings("build", str(src)).returncode == 0
    html = src / "_build/html"
    before = {path: path.read_bytes() for path in html.rglob("*") if path.is_file()}
    with (src / "index.md").open("a") as page:
        page.write("\n```{eval-rst}\n.. figure::\n```\n\nA new paragraph.\n")
    result = proceedings("build", str(src))
    assert result.returncode == 1
    assert "index.md:" in result.stderr and "ERROR" in result.stderr and "Traceback" not in result.stderr
    assert "keeps the previous book" in result.stderr
    after = {path: path.read_bytes() for path in html.rglob("*") if path.is_file()}
    assert after == before
    kept = sorted(p.name for p in (src / "_build").iterdir())
    assert kept == [
        ".proceedings-build",
        ".proceedings-cache",
        ".proceedings-inputs",
        ".proceedings-lock",
        "doctrees",
        "html",
    ]


def test_strict_build_fails_on_warnings_and_keeps_nothing_half_written(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    with (src / "index.md").open("a") as page:
        page.write("\n```{nosuchdirective}\n```\n")
    result = proceedings("build", str(src), "--strict")
    assert result.returncode == 1
    assert "Unknown directive type: 'nosuchdirective'" in result.stderr and "Traceback" not in result.stderr
    assert not (src / "_build/html").exists()


def test_build_refuses_an_out_folder_holding_other_files(copy_root: Callable[[str], Path], tmp_path: Path) -> None:
    src = copy_root("basic")
    out = tmp_path / "mine"
    (out / "html").mkdir(parents=True)
    (out / "html" / "notes.txt").write_text("keep me")
    result = proceedings("build", str(src), "--out", str(out))
    assert result.returncode == 2
    assert "holds files that no build wrote" in result.stderr
    assert (out / "html" / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in out.iterdir()) == ["html"]


def test_a_build_with_nothing_changed_does_not_run_sphinx(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    people = src / "data/demo2024/people.yaml"
    people.write_text(people.read_text() + "- id: ada-lovelance\n  name: Ada Lovelance\n")  # a warning
    first = proceedings("build", str(src))
    assert first.returncode == 0, first.stderr
    warning = "warning: 'Ada Lovelance' (ada-lovelance) reads almost like 'Ada Lovelace'"
    assert warning in first.stderr and "up to date" not in first.stderr
    page = src / "_build/html/index.html"
    written = page.stat().st_ino  # a build stages a copy of the book and renames it into place

    again = proceedings("build", str(src))
    assert again.returncode == 0, again.stderr
    assert "is up to date" in again.stderr and warning in again.stderr  # says what the first build said
    assert page.stat().st_ino == written

    for options, why in ((["--force"], "forced"), (["--epub"], "other formats")):
        rerun = proceedings("build", str(src), *options)
        assert rerun.returncode == 0 and "up to date" not in rerun.stderr, why
        assert page.stat().st_ino != written, why
        written = page.stat().st_ino
    assert "up to date" in proceedings("build", str(src), "--epub").stderr

    contributions = src / "data/demo2024/contributions.yaml"
    contributions.write_text(contributions.read_text().replace("Tangent: Automatic", "Tangent 2: Automatic"))
    edited = proceedings("build", str(src), "--epub")
    assert edited.returncode == 0 and "up to date" not in edited.stderr
    assert "Tangent 2: Automatic" in (src / "_build/html/_proceedings/demo2024/schedule.html").read_text()

    (src / "_build/html").rename(src / "_build/gone")  # an output removed by hand
    assert "up to date" not in proceedings("build", str(src), "--epub").stderr
    assert page.is_file()
