"""Where a project's data lives: a project folder holds conf.py and data/."""

from __future__ import annotations

from pathlib import Path

DATA_DIR_NAME = "data"


class ProjectError(Exception):
    """A usage mistake: the folder given is not a project."""


def find_data_dir(path: Path) -> tuple[Path, Path]:
    """(data folder, project root) for a project folder or a data folder."""
    if not path.exists():
        raise ProjectError(f"{path}: no such folder")
    if not path.is_dir():
        raise ProjectError(f"{path}: not a folder")
    if (path / DATA_DIR_NAME).is_dir():
        return path / DATA_DIR_NAME, path
    if any(path.glob("*/event.yaml")):
        return path, path.parent if (path.parent / "conf.py").is_file() else path
    raise ProjectError(
        f"{path}: not a proceedings project (no {DATA_DIR_NAME}/ folder and no */event.yaml); "
        "a project holds conf.py and data/<event>/event.yaml (see the README)"
    )
