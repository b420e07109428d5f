"""Build into a staging folder and swap it in only on success, so a failed build leaves the last good book.

The staging folder starts as a copy of the previous outputs (with their modification times) so that Sphinx's
incremental build still sees what it built last time; the copy is the price of never leaving half a book behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx_proceedings.data.cache import CACHE_DIR

MARKER = ".proceedings-build"
STAGING = ".staging"
RETIRED = ".retired"


class NotABuildFolder(Exception):
    """The output folder holds files that no earlier build wrote; replacing them could destroy user files."""


class StagedBuild:
    """Outputs of one build: written under ``build_dir/.staging``, moved into ``build_dir`` by :meth:`commit`."""

    def __init__(self, build_dir: Path, outputs: list[str], known: frozenset[str]) -> None:
        """``outputs``: what this build writes; ``known``: everything a build may leave in the folder."""
        self.build_dir = build_dir
        self.outputs = outputs
        self.known = known
        self.staging = build_dir / STAGING

    def prepare(self) -> Path:
        """Check the folder is ours, then seed the staging folder with the previous outputs; return it."""
        if self.build_dir.exists() and not is_build_folder(self.build_dir, self.known):
            raise NotABuildFolder(str(self.build_dir))
        self.build_dir.mkdir(parents=True, exist_ok=True)
        (self.build_dir / MARKER).write_text("Written by 'proceedings build'; this folder is replaced on each build.\n")
        _remove(self.staging)
        self.staging.mkdir()
        for name in self.outputs:
            previous = self.build_dir / name
            if previous.is_dir():
                shutil.copytree(previous, self.staging / name, symlinks=True)
            elif previous.is_file():
                shutil.copy2(previous, self.staging / name)
        return self.staging

    def commit(self) -> None:
        """Move every staged output into place; each replaces its predecessor by a rename."""
        retired = self.build_dir / RETIRED
        _remove(retired)
        retired.mkdir()
        for staged in sorted(self.staging.iterdir()):
            target = self.build_dir / staged.name
            if target.exists() or target.is_symlink():
                target.rename(retired / staged.name)
            staged.rename(target)
        _remove(retired)
        _remove(self.staging)

    def discard(self) -> None:
        _remove(self.staging)


def is_build_folder(path: Path, known: frozenset[str]) -> bool:
    """An empty folder, one an earlier build marked, or one holding only what builds write (``known``)."""
    entries = {entry.name for entry in path.iterdir()} - {CACHE_DIR.name}
    if not entries or MARKER in entries:
        return True
    return (path / "html" / ".buildinfo").is_file() and entries <= known


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
