"""``check`` and ``bib`` answer from a record of their last run when nothing they read has changed.

They only read the project, so the same inputs give the same answer. The inputs are judged as for
``proceedings build`` (uptodate.py: the project's files by size and modification time, this package,
the installed distributions, the environment, the command line and working directory). A run records
what it printed and its exit status under ``_build/.proceedings-cache/answers/``; a repeated run with
the same inputs prints the same and exits the same, without loading and validating the data again.

Like the parse cache, the record never reports a problem of its own: one that cannot be read or
written is a miss, and the command simply runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .cache import CACHE_DIR, read_marshal, write_marshal
from .uptodate import inputs_digest

ANSWERS = "answers"
FORMAT = 1


def answer(root: Path, command: Sequence[str], run: Callable[[], int]) -> int:
    """Run ``run`` (which prints to stdout/stderr and returns an exit status), or replay its record."""
    name = hashlib.blake2b(repr(list(command)).encode(), digest_size=12).hexdigest()
    record = root / CACHE_DIR / ANSWERS / f"{name}.bin"
    inputs = inputs_digest(root, root / "_build", ["answer", *command])
    replay = _read(record, inputs)
    if replay is not None:
        status, out, err = replay
        sys.stdout.write(out)
        sys.stderr.write(err)
        return status
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = run()
    finally:  # what was printed is shown even when the command is interrupted
        sys.stdout.write(out.getvalue())
        sys.stderr.write(err.getvalue())
    write_marshal(record, (FORMAT, inputs, status, out.getvalue(), err.getvalue()))
    return status


def _read(record: Path, inputs: str) -> tuple[int, str, str] | None:
    data = read_marshal(record)
    if not (isinstance(data, tuple) and len(data) == 5 and data[:2] == (FORMAT, inputs)):
        return None
    status, out, err = data[2:]
    if isinstance(status, int) and isinstance(out, str) and isinstance(err, str):
        return status, out, err
    return None
