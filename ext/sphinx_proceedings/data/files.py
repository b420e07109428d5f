"""Writing generated files so that unchanged content leaves the file (and its mtime) alone."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
import tempfile
from pathlib import Path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds it; return whether it changed.

    The file is generated: it always gets the mode of a new file (:func:`new_file_mode`), even when
    its content is kept.
    """
    mode = new_file_mode()
    try:
        if path.read_text(encoding="utf-8") == text:
            if stat.S_IMODE(path.stat().st_mode) != mode:
                path.chmod(mode)
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    replace_atomically(path, text.encode("utf-8"), mode=mode)
    return True


def replace_atomically(path: Path, data: bytes, *, durable: bool = False, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it: readers see all or nothing.

    ``durable`` is for the user's own files: it flushes the data to disk before the rename and keeps the
    mode the file had, as an editor saving it would. Otherwise, and for a new file, the file gets ``mode``
    or that of a new file (:func:`new_file_mode`): never the private 0600 of the temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = new_file_mode()
        if durable:
            with contextlib.suppress(FileNotFoundError):
                mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp made it private
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def new_file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0666 less the umask (read once per process)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def mirror(source: Path, target: Path) -> None:
    """Make folder ``target`` hold the files of ``source``.

    A file is copied only when its size, mtime or mode differs (copies keep the source's mtime, and
    write_if_changed leaves unchanged sources alone), so mirroring thousands of files that did not
    change costs a directory listing. Files ``source`` no longer has are removed from ``target``.
    """
    wanted = {entry.name: entry.stat() for entry in os.scandir(source) if entry.is_file()}
    target.mkdir(parents=True, exist_ok=True)
    present = {entry.name: entry.stat() for entry in os.scandir(target) if entry.is_file()}
    for name, info in wanted.items():
        _copy_if_differs(source / name, info, target / name, present.get(name))
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


def _copy_if_differs(source: Path, info: os.stat_result, target: Path, have: os.stat_result | None) -> None:
    if have is None or (have.st_size, have.st_mtime_ns, have.st_mode) != (info.st_size, info.st_mtime_ns, info.st_mode):
        shutil.copy2(source, target)
