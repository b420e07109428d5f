"""One build at a time in a build folder: an exclusive ``flock`` on ``.proceedings-lock`` inside it.

The system releases the lock when the process ends in any way (even ``kill -9``), so a stopped build never
leaves a stale lock. A second build waits for the first (saying so), or with ``--no-wait`` stops at once.
The lock file stays; it holds the process id of the last build that took it, for the message.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from types import TracebackType

LOCK_FILE = ".proceedings-lock"


class BuildRunning(Exception):
    """Another build holds the lock and the caller chose not to wait."""

    def __init__(self, build_dir: Path, holder: str) -> None:
        super().__init__(f"another build of {build_dir} is running (pid {holder})")


class BuildLock:
    """The lock of one build folder, taken by :meth:`acquire` and held until the ``with`` block ends."""

    def __init__(self, build_dir: Path, wait: bool = True) -> None:
        self.build_dir = build_dir
        self.wait = wait
        self.fd: int | None = None
        self.waited = False

    def acquire(self) -> None:
        """Take the lock (the folder must exist); a second call does nothing."""
        if self.fd is not None:
            return
        fd = os.open(self.build_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                running = BuildRunning(self.build_dir, _holder(fd))
                if not self.wait:
                    raise running from None
                print(f"proceedings: {running}; waiting", file=sys.stderr, flush=True)
                fcntl.flock(fd, fcntl.LOCK_EX)
                self.waited = True
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd

    def __enter__(self) -> BuildLock:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.fd is not None:
            os.close(self.fd)  # releases the lock
            self.fd = None


def _holder(fd: int) -> str:
    """The process id the holder wrote (it may not have written it yet)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"
