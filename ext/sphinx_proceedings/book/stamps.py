"""Skip regenerating derived files when the data behind them has not changed since they were written.

A stamp is a hash of every record's fingerprint (the loader's), the package version and whatever else the
files depend on; it is kept in a small file beside them. A no-op rebuild of a large conference thus skips
re-encoding thousands of BibTeX entries and schedule exports.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx_proceedings.data.files import write_if_changed
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.version import __version__


def data_stamp(index: ProceedingsIndex, *depends_on: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (__version__, *depends_on, index.fingerprints_digest):
        digest.update(part.encode() + b"\x00")
    return digest.hexdigest()


class Stamp:
    """The stamp file ``folder/.<name>.stamp``: :meth:`current` before writing, :meth:`record` after."""

    def __init__(self, folder: Path, name: str, value: str) -> None:
        self.path = folder / f".{name}.stamp"
        self.value = value

    def current(self, *outputs: Path) -> bool:
        """Whether the files were written from this very data (and the ones named still exist)."""
        try:
            recorded = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False
        return recorded == self.value and all(path.exists() for path in outputs)

    def record(self) -> None:
        write_if_changed(self.path, self.value)
