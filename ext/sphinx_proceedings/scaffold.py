"""`proceedings new DIR`: a new project that builds with ``-W`` and passes ``check`` at once.

The project is copied from ``templates/new/`` (file names end in ``_t``; a
leading ``dot-`` stands for ``.``, so that packaging tools never skip the
template's dotfiles) plus the JSON Schemas of the data files in ``schemas/``,
which the ``yaml-language-server`` lines of the sample data point at. Everything
is written into a hidden sibling folder first and moved into place with one
rename, so a failure leaves no partial project behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .schema import write_schemas

EXIT_OK, EXIT_ERRORS = 0, 1
TEMPLATE_SUFFIX = "_t"
DOT_PREFIX = "dot-"
SCHEMAS_DIR = "schemas"


def add_new_command(subparsers: Any) -> None:
    """Register `new` on the `proceedings` command."""
    new = subparsers.add_parser(
        "new", help="create a project (conf.py, index.md, one sample event, Read the Docs set-up) in an empty folder"
    )
    new.add_argument("folder", type=Path, metavar="DIR", help="the folder to create; it must not exist or be empty")
    new.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    target: Path = args.folder
    problem = _unusable(target)
    if problem:
        print(f"proceedings new: error: {target}: {problem}; nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    try:
        written = create_project(target)
    except OSError as exc:
        print(f"proceedings new: error: {target}: {exc.strerror or exc}; nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    for path in written:
        print(target / path)
    print(
        f"Created a proceedings project in {target}. Next:\n"
        f"  proceedings check {target}\n"
        f"  proceedings build {target}     (the book goes to {target / '_build' / 'html'})",
        file=sys.stderr,
    )
    return EXIT_OK


def _unusable(target: Path) -> str | None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return "exists and is not a folder"
    if target.is_dir() and any(target.iterdir()):
        return "the folder is not empty (choose a new or empty folder)"
    parent = target.absolute().parent
    if not parent.is_dir():
        return f"the parent folder {parent} does not exist"
    return None


def create_project(target: Path) -> list[Path]:
    """Write a new project into ``target`` (absent or empty); return the files written, relative to it."""
    parent = target.absolute().parent
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    try:
        written = _copy_templates(resources.files(__package__) / "templates" / "new", staging, Path())
        written += [p.relative_to(staging) for p in write_schemas(staging / SCHEMAS_DIR)]
        # mkdtemp makes a private folder; give the project the permissions a plain mkdir would.
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
        if target.is_dir():
            target.rmdir()  # empty, checked before; rename cannot replace a folder on every platform
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(written)


def _copy_templates(source: Traversable, dest: Path, relative: Path) -> list[Path]:
    written: list[Path] = []
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        name = entry.name
        if entry.is_dir():
            (dest / name).mkdir()
            written += _copy_templates(entry, dest / name, relative / name)
        elif name.endswith(TEMPLATE_SUFFIX):
            name = name.removesuffix(TEMPLATE_SUFFIX)
            if name.startswith(DOT_PREFIX):
                name = "." + name.removeprefix(DOT_PREFIX)
            (dest / name).write_bytes(entry.read_bytes())
            written.append(relative / name)
    return written
