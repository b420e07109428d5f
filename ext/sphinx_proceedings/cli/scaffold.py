"""`proceedings new DIR`: a new project that builds with ``-W`` and passes ``check`` at once.

The project is copied from ``templates/new/`` (file names end in ``_t``; a
leading ``dot-`` stands for ``.``, so that packaging tools never skip the
template's dotfiles) plus the JSON Schemas of the data files in ``schemas/``,
which the ``yaml-language-server`` lines of the sample data point at. Everything
is written into a hidden sibling folder first and moved into place with one
rename, so a failure leaves no partial project behind.

The project's ``requirements.txt`` (what Read the Docs installs) names where sphinx-proceedings comes from
and pins its dependencies at the versions the package was tested with (``templates/book-requirements.txt``,
written by ``make lock``). The package is not on PyPI: by default the source is where this copy was
installed from (its PEP 610 ``direct_url.json``), and ``--package`` names another.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from sphinx_proceedings.data.schema import write_schemas

EXIT_OK, EXIT_ERRORS = 0, 1
TEMPLATE_SUFFIX = "_t"
DOT_PREFIX = "dot-"
SCHEMAS_DIR = "schemas"
DISTRIBUTION = "sphinx-proceedings"
PINS = "book-requirements.txt"
# Placeholders in the templates: the package's requirement line, and the tested pins.
PACKAGE_PLACEHOLDER, PINS_PLACEHOLDER = b"@PACKAGE@", b"@PINS@"


def add_new_command(subparsers: Any) -> None:
    """Register `new` on the `proceedings` command."""
    new = subparsers.add_parser(
        "new", help="create a project (conf.py, index.md, one sample event, Read the Docs set-up) in an empty folder"
    )
    new.add_argument("folder", type=Path, metavar="DIR", help="the folder to create; it must not exist or be empty")
    new.add_argument(
        "--package",
        metavar="REQUIREMENT",
        help="what requirements.txt installs as sphinx-proceedings, e.g. "
        "'sphinx-proceedings @ git+https://example.org/you/sphinx-proceedings.git@v0.1.0' or a wheel's URL "
        "(default: where this copy was installed from)",
    )
    new.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    target: Path = args.folder
    problem = _unusable(target)
    if problem:
        print(f"proceedings new: error: {target}: {problem}; nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    package = args.package or installed_source()
    try:
        written = create_project(target, package)
    except OSError as exc:
        print(f"proceedings new: error: {target}: {exc.strerror or exc}; nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    for path in written:
        print(target / path)
    if package.split("@", 1)[-1].strip().startswith("file:"):
        print(
            f"note: requirements.txt installs sphinx-proceedings from this machine ({package}); Read the Docs "
            "cannot reach it: run `proceedings new` with --package naming a git URL or a wheel's URL to publish there",
            file=sys.stderr,
        )
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


def installed_source() -> str:
    """The requirement that installs sphinx-proceedings from where this copy came from (PEP 610)."""
    distribution = metadata.distribution(DISTRIBUTION)
    recorded = distribution.read_text("direct_url.json")
    if not recorded:  # installed from a package index
        return f"{DISTRIBUTION}=={distribution.version}"
    direct = json.loads(recorded)
    url = str(direct["url"])
    vcs = direct.get("vcs_info")
    if vcs:
        return f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
    return f"{DISTRIBUTION} @ {url}"


def _tested_pins(templates: Traversable) -> bytes:
    lines = templates.joinpath(PINS).read_text(encoding="utf-8").splitlines()
    return "".join(f"{line}\n" for line in lines if line and not line.startswith("#")).encode()


def create_project(target: Path, package: str | None = None) -> list[Path]:
    """Write a new project into ``target`` (absent or empty); return the files written, relative to it.

    ``package`` is the requirement line that installs sphinx-proceedings (default: ``installed_source()``).
    """
    templates = resources.files("sphinx_proceedings") / "templates"
    fill = {
        PACKAGE_PLACEHOLDER: (package or installed_source()).encode(),
        PINS_PLACEHOLDER: _tested_pins(templates),
    }
    parent = target.absolute().parent
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    try:
        written = _copy_templates(templates / "new", staging, Path(), fill)
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


def _copy_templates(source: Traversable, dest: Path, relative: Path, fill: dict[bytes, bytes]) -> list[Path]:
    written: list[Path] = []
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        name = entry.name
        if entry.is_dir():
            (dest / name).mkdir()
            written += _copy_templates(entry, dest / name, relative / name, fill)
        elif name.endswith(TEMPLATE_SUFFIX):
            name = name.removesuffix(TEMPLATE_SUFFIX)
            if name.startswith(DOT_PREFIX):
                name = "." + name.removeprefix(DOT_PREFIX)
            content = entry.read_bytes()
            for placeholder, value in fill.items():
                content = content.replace(placeholder, value)
            (dest / name).write_bytes(content)
            written.append(relative / name)
    return written
