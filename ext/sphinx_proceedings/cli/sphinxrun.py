"""Run one Sphinx builder as ``sphinx-build`` would, but with the failures a user can act on said in one line.

``sphinx-build`` writes its warnings to a file (on the disk that may be full), reports an error writing a file as
a crash of the extension that wrote it and an error copying a theme file only as a warning. Here warnings are
kept in memory, and a file that could not be written (a full disk, a read-only folder) fails the build with
its path and the system's reason.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, cast

from sphinx.application import Sphinx
from sphinx.util.console import color_terminal, nocolor, strip_colors
from sphinx.util.docutils import docutils_namespace, patch_docutils

from sphinx_proceedings.cli.oserrors import os_error_in

OS_ERROR_SIGNS = ("OSError(", "[Errno ")  # how Sphinx's warnings show an error of the system


class SphinxFailed(Exception):
    """Sphinx stopped, or logged errors; the message says why (Sphinx has printed its own report)."""


class _Tee(io.TextIOBase):
    """The terminal, and a copy without colours to look for errors in.

    Of the warnings that show an error of the system only the first reaches the terminal: on a full disk
    Sphinx warns once for every file it could not copy.
    """

    def __init__(self, terminal: TextIO) -> None:
        self.terminal = terminal
        self.copy = io.StringIO()
        self.system_errors = 0

    def write(self, text: str) -> int:
        if any(sign in text for sign in OS_ERROR_SIGNS):
            self.system_errors += 1
            if self.system_errors > 1:
                text = ""
        self.terminal.write(text)
        self.copy.write(strip_colors(text))
        return len(text)

    def flush(self) -> None:
        self.terminal.flush()


def run_sphinx(
    root: Path, outdir: Path, doctrees: Path, builder: str, jobs: int, strict: bool, overrides: dict[str, str]
) -> None:
    """Build ``root`` with ``builder`` into ``outdir``; raise :class:`SphinxFailed` or the first ``OSError``.

    Errors Sphinx only logs (reST errors in a page) fail the build too, and warnings when ``strict``.
    """
    if not color_terminal():
        nocolor()
    warnings = _Tee(sys.stderr)
    app = None
    try:
        with patch_docutils(root), docutils_namespace():
            app = Sphinx(
                srcdir=root,
                confdir=root,
                outdir=outdir,
                doctreedir=doctrees,
                buildername=builder,
                confoverrides=overrides,
                status=None,
                warning=cast(TextIO, warnings),  # a text stream, as Sphinx writes to it
                warningiserror=strict,
                parallel=jobs,
            )
            app.build()
    except Exception as error:
        if (cause := os_error_in(error)) is not None:
            raise cause from error
        _report(error, app)
        raise SphinxFailed(f"Sphinx stopped while building {builder}") from error
    if warnings.system_errors:
        raise SphinxFailed(f"Sphinx could not write {warnings.system_errors} files while building {builder}")
    lines = warnings.copy.getvalue().splitlines()
    if errors := [line for line in lines if " ERROR: " in line or " CRITICAL: " in line]:
        raise SphinxFailed(f"Sphinx reported {len(errors)} errors while building {builder}")
    if app.statuscode:
        raise SphinxFailed(f"Sphinx failed while building {builder}")


def jobs_count(value: str) -> int:
    """``-j``: a positive number, or ``auto`` for one job per processor."""
    if value == "auto":
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"-j {value}: give a positive number or 'auto'")
    return int(value)


def _report(error: Exception, app: Sphinx | None) -> None:
    """Sphinx's own report of an unexpected error (it saves the traceback to a file), as sphinx-build gives it."""
    try:
        from sphinx._cli.util.errors import handle_exception
    except ImportError:  # a Sphinx that moved it: the one line below still says what happened
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return
    log: Sequence[str] = app.messagelog if app is not None else ()
    handle_exception(error, stderr=sys.stderr, message_log=log, extensions=app.extensions.values() if app else ())
