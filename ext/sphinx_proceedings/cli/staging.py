"""Build into a staging folder and swap it in only on success, so a failed or killed build leaves a whole book.

The staging folder starts as a copy of the previous outputs (with their modification times) so that Sphinx's
incremental build still sees what it built last time. The copy needs as much free space as those outputs: the
price of never leaving half a book behind. Hard links would not save it: Sphinx rewrites its outputs in place,
which would change the published book while the build runs.

The swap is recoverable. Before it starts, a journal (``.staging/.swap``) names each staged output by its inode;
then each output replaces its predecessor, in one atomic exchange where Linux offers it (swap.py), else by moving
the predecessor to ``.retired/`` and the output into place. A swap killed half-way is finished by the next build
(:meth:`StagedBuild.recover`): the journal tells which outputs are already in place; a predecessor moved aside
whose successor is not in place is put back.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from sphinx_proceedings.cli.swap import exchange
from sphinx_proceedings.data.cache import CACHE_DIR
from sphinx_proceedings.data.files import replace_atomically

MARKER = ".proceedings-build"
STAGING = ".staging"
RETIRED = ".retired"
JOURNAL = ".swap"


class NotABuildFolder(Exception):
    """The output folder holds files that no earlier build wrote; replacing them could destroy user files."""


class StagedBuild:
    """Outputs of one build: written under ``build_dir/.staging``, moved into ``build_dir`` by :meth:`commit`.

    Only one build may use a build folder at a time (buildlock.py): every method but :meth:`claim` assumes
    the caller holds its lock.
    """

    def __init__(self, build_dir: Path, outputs: list[str], known: frozenset[str]) -> None:
        """``outputs``: what this build writes; ``known``: everything a build may leave in the folder."""
        self.build_dir = build_dir
        self.outputs = outputs
        self.known = known
        self.staging = build_dir / STAGING
        self.retired = build_dir / RETIRED
        self.prepared = False

    def claim(self) -> None:
        """Check the folder is ours (or new) and mark it as a build folder."""
        if self.build_dir.exists() and not is_build_folder(self.build_dir, self.known):
            raise NotABuildFolder(str(self.build_dir))
        self.build_dir.mkdir(parents=True, exist_ok=True)
        marker = self.build_dir / MARKER
        if not marker.is_file():
            marker.write_text("Written by 'proceedings build'; this folder is replaced on each build.\n")

    def prepare(self) -> Path:
        """Seed the staging folder with the previous outputs; return it."""
        self.recover()
        self.prepared = True
        self.staging.mkdir()
        for name in self.outputs:
            previous = self.build_dir / name
            if previous.is_dir() and not previous.is_symlink():
                copy_tree(previous, self.staging / name)
            elif previous.is_file():
                shutil.copy2(previous, self.staging / name)
        return self.staging

    def commit(self) -> None:
        """Move every staged output into place, recoverably (see the module's docstring)."""
        staged = {entry.name: entry.stat(follow_symlinks=False).st_ino for entry in os.scandir(self.staging)}
        _remove(self.retired)
        replace_atomically(self.staging / JOURNAL, json.dumps(staged).encode(), durable=True)
        self.prepared = False  # from here on the staging folder is the swap's: an error leaves it to recover()
        self._swap(staged)
        self._clean()

    def discard(self) -> None:
        """Remove what a failed build staged: only before its swap began, and never another build's."""
        if self.prepared:
            _remove(self.staging)

    def recover(self) -> str | None:
        """Finish a swap that a killed build left half-way, drop what a killed build staged; say what was done."""
        journal = self.staging / JOURNAL
        done = None
        try:
            staged = json.loads(journal.read_bytes())
        except (FileNotFoundError, ValueError):
            staged = None  # no swap began: the staging folder, if any, is a build that did not finish
        if isinstance(staged, dict):
            self._swap(staged)
            done = f"finished replacing the book in {self.build_dir}, which a stopped build had begun"
        if self.retired.is_dir():
            for entry in sorted(self.retired.iterdir()):
                target = self.build_dir / entry.name
                if not _exists(target):
                    entry.rename(target)
                    done = f"put back {target}, which a stopped build had moved aside"
        self._clean()
        return done

    def _swap(self, staged: dict[str, int]) -> None:
        """Put each staged output (by name and inode) in place; outputs already in place are left alone."""
        self.retired.mkdir(exist_ok=True)
        for name, inode in sorted(staged.items()):
            source, target = self.staging / name, self.build_dir / name
            if _inode(target) == inode or _inode(source) != inode:
                continue  # in place already (or not this build's: leave it)
            if not _exists(target):
                source.rename(target)
            elif exchange(source, target):
                source.rename(self.retired / name)  # now the predecessor
            else:
                target.rename(self.retired / name)
                source.rename(target)

    def _clean(self) -> None:
        _remove(self.retired)
        _remove(self.staging)


def is_build_folder(path: Path, known: frozenset[str]) -> bool:
    """An empty folder, one an earlier build marked, or one holding only what builds write (``known``)."""
    entries = {entry.name for entry in path.iterdir()} - {CACHE_DIR.name}
    if not entries or MARKER in entries:
        return True
    return (path / "html" / ".buildinfo").is_file() and entries <= known


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder with its files' times and modes, links as links; the first error stops it (a full disk).

    ``shutil.copytree`` would go on copying after an error and then report every file that failed.
    """
    target.mkdir()
    with os.scandir(source) as entries:
        for entry in entries:
            destination = target / entry.name
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), destination)
            elif entry.is_dir():
                copy_tree(Path(entry.path), destination)
            else:
                shutil.copy2(entry.path, destination)
    shutil.copystat(source, target)


def _inode(path: Path) -> int | None:
    try:
        return path.lstat().st_ino
    except FileNotFoundError:
        return None


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif _exists(path):
        path.unlink()
