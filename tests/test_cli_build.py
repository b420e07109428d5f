"""`proceedings build`: checks first, builds the HTML book, refuses bad data with exit 1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path


def proceedings(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx_proceedings.cli", *args],
                          capture_output=True, text=True, timeout=300)


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
    assert ("people.yaml:7:7: error: id: 'Ada Lovelace' is not a valid id "
            "(hint: use lowercase letters, digits and '-', e.g. 'ada-lovelace')") in result.stderr
    assert "nothing was built" in result.stderr and "Traceback" not in result.stderr
    assert not (src / "_build").exists()


def test_build_of_a_folder_that_is_no_project(tmp_path: Path) -> None:
    result = proceedings("build", str(tmp_path))
    assert result.returncode == 2
    assert "not a proceedings project" in result.stderr
