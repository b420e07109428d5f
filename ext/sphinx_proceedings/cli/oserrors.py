"""Errors of the system (a full disk, a read-only folder) as one line that names the path and what to do."""

from __future__ import annotations

import errno
from pathlib import Path

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def os_error_in(error: BaseException) -> OSError | None:
    """The ``OSError`` behind ``error``: itself, the one an extension raised (Sphinx wraps it), or its cause."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        current = getattr(current, "orig_exc", None) or current.__cause__ or current.__context__
    return None


def describe(error: OSError, where: Path) -> str:
    """``path: reason; hint`` for ``error``; ``where`` stands for the path when the error names none."""
    # A copy names its source and its target; when writing fails, the target is the place to look at.
    writing = error.errno in NO_SPACE or error.errno in NOT_WRITABLE
    path = (error.filename2 if writing and error.filename2 else error.filename) or where
    reason = error.strerror or str(error)
    if error.errno in NO_SPACE:
        return f"{path}: {reason}; free some space (a build needs room for a second copy of the book)"
    if error.errno in NOT_WRITABLE:
        return f"{path}: {reason}; the build writes its generated pages into the project and the book into --out"
    return f"{path}: {reason}"
