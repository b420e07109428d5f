"""Speakers' photos: remote ones shown as the config says, local ones checked for size before any build."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import run_build

BASE = Path(__file__).parent / "hostile" / "base"


def test_remote_photos_are_linked_when_the_config_says_so(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(BASE, project)
    people = project / "data" / "ev" / "people.yaml"
    photo = "https://example.org/ada.jpg"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Ada Lovelace\n", f"Ada Lovelace\n  photo: {photo}\n", 1)
    )
    for setting, shown in (("link", True), ("initials", False)):
        build = run_build(project, tmp_path / f"build-{setting}", confoverrides={"proceedings_remote_photos": setting})
        assert build.warnings == ""
        page = (build.outdir / "_proceedings" / "people" / "ada.html").read_text(encoding="utf-8")
        assert (f'src="{photo}"' in page) is shown
        assert ('class="proc-avatar"' in page) is not shown


def test_a_photo_over_its_size_limit_is_a_located_error_of_check(tmp_path: Path) -> None:
    from sphinx_proceedings.data.reading import LIMITS, Kind

    from .test_hostile import assert_no_leak, proceedings

    project = tmp_path / "proj"
    shutil.copytree(BASE, project)
    people = project / "data" / "ev" / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("Ada Lovelace\n", "Ada Lovelace\n  photo: ada.png\n", 1)
    )
    with open(project / "data" / "ev" / "ada.png", "wb") as handle:  # sparse: it takes no disk
        handle.truncate(LIMITS[Kind.image] + 1)
    run = proceedings("check", ".", cwd=project)
    assert_no_leak(run)
    assert run.code == 1
    assert f"data/ev/people.yaml:3:10: error: image 'ada.png': file is {LIMITS[Kind.image] + 1} bytes" in run.out, (
        run.out
    )
