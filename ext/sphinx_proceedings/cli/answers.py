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

import argparse
import contextlib
import hashlib
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeGuard

from sphinx_proceedings.cli.uptodate import inputs_digest, recalled, remember
from sphinx_proceedings.data.cache import CACHE_DIR

ANSWERS = "answers"
FORMAT = 1


def answer(root: Path, command: Sequence[str], run: Callable[[], int]) -> int:
    """Run ``run`` (which prints to stdout/stderr and returns an exit status), or replay its record."""
    name = hashlib.blake2b(repr(list(command)).encode(), digest_size=12).hexdigest()
    record = root / CACHE_DIR / ANSWERS / f"{name}.bin"
    inputs = f"{FORMAT}:{inputs_digest(root, root / '_build', ['answer', *command])}"
    replay = recalled(record, inputs)
    if _is_answer(replay):
        status, out, err = replay
        sys.stdout.write(out)
        sys.stderr.write(err)
        return status
    printed, complained = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(complained):
            status = run()
    finally:  # what was printed is shown even when the command is interrupted
        sys.stdout.write(printed.getvalue())
        sys.stderr.write(complained.getvalue())
    remember(record, inputs, (status, printed.getvalue(), complained.getvalue()))
    return status


def _is_answer(value: object) -> TypeGuard[tuple[int, str, str]]:
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], int)
        and isinstance(value[1], str)
        and isinstance(value[2], str)
    )


def command_line(args: argparse.Namespace) -> list[str]:
    """The options a command was given, as the key of its recorded answer (answers.py)."""
    return [f"{name}={value}" for name, value in sorted(vars(args).items()) if name != "func"]
