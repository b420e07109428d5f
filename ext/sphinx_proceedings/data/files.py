"""Writing generated files so that unchanged content leaves the file (and its mtime) alone."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds it; return whether it changed."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    replace_atomically(path, text.encode("utf-8"))
    return True


def replace_atomically(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it: readers see all or nothing.

    ``durable`` also flushes the data to disk before the rename (for the user's own files).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def mirror(source: Path, target: Path) -> None:
    """Make folder ``target`` hold the files of ``source``.

    A file is copied only when its size or mtime differs (copies keep the source's mtime, and
    write_if_changed leaves unchanged sources alone), so mirroring thousands of files that did not
    change costs a directory listing. Files ``source`` no longer has are removed from ``target``.
    """
    wanted = {entry.name: entry.stat() for entry in os.scandir(source) if entry.is_file()}
    target.mkdir(parents=True, exist_ok=True)
    present = {entry.name: entry.stat() for entry in os.scandir(target) if entry.is_file()}
    for name, stat in wanted.items():
        _copy_if_differs(source / name, stat, target / name, present.get(name))
    for name in present.keys() - wanted.keys():
        (target / name).unlink()


def mirror_file(source: Path, target: Path) -> None:
    """Copy one file as :func:`mirror` does."""
    try:
        have = target.stat()
    except FileNotFoundError:
        have = None
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy_if_differs(source, source.stat(), target, have)


def _copy_if_differs(source: Path, stat: os.stat_result, target: Path, have: os.stat_result | None) -> None:
    if have is None or have.st_size != stat.st_size or have.st_mtime_ns != stat.st_mtime_ns:
        shutil.copy2(source, target)
