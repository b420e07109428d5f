"""A cache of parsed data files, under the project's ``_build/.proceedings-cache/``.

One cache file per data file and kind of parse, overwritten when the data file changes. An entry
is used only if it was made from the same bytes (a BLAKE2 hash of the file's content, so an edit
within the same second or one that keeps the size is seen), by the same code (this package's
version, the parser's ``code_id``: its own source and its library's) and the same Python;
anything else is a miss. Only per-file work is cached (parsing YAML with its
line marks, parsing BibTeX with its problems): validation across files runs on every load.

Entries are ``marshal`` data (plain values only: loading one cannot run code). The cache never
reports a problem of its own: a cache file that cannot be read or written is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_proceedings.data.files import replace_atomically
from sphinx_proceedings.data.problems import relative
from sphinx_proceedings.version import __version__

CACHE_DIR = Path("_build") / ".proceedings-cache"
FORMAT = 1  # bump when what a kind of entry holds changes shape


@dataclass(frozen=True)
class DataCache:
    """Parsed data files of one project, by kind ("yaml", "bib") and path."""

    folder: Path
    root: Path

    def load(self, kind: str, code: str, path: Path, raw: bytes) -> Any:
        """What ``code`` stored for these bytes of ``path``, or ``None``."""
        stored = read_marshal(self._file(kind, path))
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == _key(kind, code, raw)):
            return None
        return stored[1]

    def store(self, kind: str, code: str, path: Path, raw: bytes, value: Any) -> None:
        """Keep what ``code`` made of these bytes of ``path``; written whole or not at all."""
        write_marshal(self._file(kind, path), (_key(kind, code, raw), value))

    def _file(self, kind: str, path: Path) -> Path:
        name = hashlib.blake2b(f"{kind}\0{relative(path, self.root)}".encode(), digest_size=16).hexdigest()
        return self.folder / f"{kind}-{name}.bin"


def _key(kind: str, code: str, raw: bytes) -> tuple[int, str, str, str, str, str]:
    digest = hashlib.blake2b(raw, digest_size=32).hexdigest()
    return (FORMAT, __version__, sys.version, kind, code, digest)


@functools.cache
def code_id(*modules: str) -> str:
    """A digest of the source of ``modules`` (found, not imported), so that a cache entry made by
    other code (a development checkout between releases, an upgraded library) is a miss."""
    digest = hashlib.blake2b(digest_size=16)
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        try:
            digest.update(Path(origin).read_bytes() if origin else b"?")
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def read_marshal(path: Path) -> Any:
    """The value marshalled in ``path``; ``None`` if it cannot be read."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write_marshal(path: Path, value: Any) -> None:
    """Marshal ``value`` into ``path``, whole or not at all; a failure (read-only project, full disk) is silent."""
    try:
        replace_atomically(path, marshal.dumps(value))
    except (OSError, ValueError):
        return


def project_cache(root: Path) -> DataCache:
    """The cache of the project at ``root``; it stays inside the project."""
    root = root.resolve()
    return DataCache(root / CACHE_DIR, root)
