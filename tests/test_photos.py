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
