"""``proceedings build`` skips Sphinx when nothing the book is made of changed since its last good build.

Sphinx's own no-op rebuild still starts, unpickles its environment and checks every page: seconds for a
large conference. Before that, the build compares a stamp of its inputs with the one its last successful
build left in the build folder. The stamp covers:

- every file of the project: path, size and modification time (as make and Sphinx judge change), and for
  text files (data, pages, conf.py) their content too; except the build folder, hidden folders (``.git``,
  ``.venv``) and the folder of generated pages (recognised by the citation stamp inside it: its files are
  made from the data, which the stamp covers);
- the files of this package, the installed Python distributions and their versions, the interpreter;
- the environment (``conf.py`` may read any variable), less a few that change with every shell;
- the build's options and the working directory (problems are printed relative to it).

Anything missed only costs a real build, never a stale book, except a change to a binary file (a PDF, an
image) that keeps its size and modification time; ``--force`` runs Sphinx whatever the stamp says. The
data's problems that the last build printed are kept beside the stamp and printed again, so a repeated
build says what the first one said. ``check`` and ``bib`` use the same digest (answers.py).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISREG

from sphinx_proceedings.data.cache import read_marshal, write_marshal

STAMP_FILE = ".proceedings-inputs"
GENERATED_SIGN = ".citations.stamp"  # stamps.Stamp(folder, "citations") in the generated folder
VOLATILE_ENVIRONMENT = frozenset({"_", "OLDPWD", "PWD", "SHLVL", "PYTEST_CURRENT_TEST", "COLUMNS", "LINES"})
PACKAGE = Path(__file__).parent.parent  # the whole package: a new release of it is a new input
# Sources and data are also compared by content: an edit that keeps a file's size within the
# file system's timestamp tick is still seen. Other files (PDFs, images) by size and time only.
TEXT_SUFFIXES = frozenset({".yaml", ".yml", ".bib", ".md", ".rst", ".txt", ".py", ".json", ".csv", ".html", ".css"})


class InputsStamp:
    """The stamp of one build's inputs: compare with :meth:`matches` before, keep with :meth:`record` after."""

    def __init__(self, root: Path, build_dir: Path, options: Iterable[str]) -> None:
        self.path = build_dir / STAMP_FILE
        self.value = inputs_digest(root, build_dir, options)

    def matches(self, outputs: Iterable[Path]) -> str | None:
        """The report the last build printed, if it built these very inputs and its outputs are all there."""
        report = recalled(self.path, self.value)
        if not isinstance(report, str) or not all(path.exists() for path in outputs):
            return None
        return report

    def record(self, report: str) -> None:
        remember(self.path, self.value, report)

    def forget(self) -> None:
        """Before a build changes the outputs: a build that fails half-way must not look up to date."""
        self.path.unlink(missing_ok=True)


def remember(path: Path, inputs: str, value: object) -> None:
    """Keep ``value`` (plain data) in ``path`` as what these inputs gave; silently not, if it cannot be written."""
    write_marshal(path, (inputs, value))


def recalled(path: Path, inputs: str) -> object:
    """What :func:`remember` kept in ``path`` for these very inputs, or ``None``."""
    kept = read_marshal(path)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == inputs:
        return kept[1]
    return None


def inputs_digest(root: Path, build_dir: Path, options: Iterable[str]) -> str:
    """A digest of everything a command run on the project at ``root`` with ``options`` may read."""
    digest = hashlib.blake2b(digest_size=20)
    for part in _inputs(root, build_dir, list(options)):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\x00")
    return digest.hexdigest()


def _inputs(root: Path, build_dir: Path, options: list[str]) -> Iterable[str]:
    yield f"options={options!r} cwd={Path.cwd()} python={sys.executable} {sys.version}"
    for name, value in sorted(os.environ.items()):
        if name not in VOLATILE_ENVIRONMENT:
            yield f"env {name}={value}"
    yield from _distributions()
    yield from _files(PACKAGE, skip=())
    yield from _files(root, skip=(build_dir.resolve(), (root / "_build").resolve()))


def _distributions() -> Iterable[str]:
    """The installed distributions, by the names of their metadata folders (``Sphinx-9.0.4.dist-info``).

    Listing the folders is a hundred times cheaper than reading each distribution's metadata.
    """
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        yield from (f"dist {entry}/{name}" for name in names if name.endswith((".dist-info", ".egg-info")))


def _files(top: Path, skip: Iterable[Path]) -> Iterable[str]:
    """``path size mtime [content digest]`` of every file under ``top``, in a stable order."""
    skipped = set(skip)
    for folder, subfolders, files in os.walk(top):
        here = Path(folder)
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and name != "__pycache__"
            and (here / name).resolve() not in skipped
            and not (here / name / GENERATED_SIGN).is_file()
        )
        for name in sorted(files):
            path = here / name
            try:
                stat = path.stat()
                # A FIFO or device is never opened: it could block forever (the loader refuses it).
                regular = S_ISREG(stat.st_mode)
                content = _digest_of(path) if regular and path.suffix.lower() in TEXT_SUFFIXES else ""
            except OSError:
                continue
            yield f"file {path.as_posix()} {stat.st_mode:o} {stat.st_size} {stat.st_mtime_ns} {content}"


def _digest_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()
