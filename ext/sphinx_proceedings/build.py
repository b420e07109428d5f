"""``proceedings build``: check the data, then run Sphinx on the project."""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.cmd.build import build_main

from .loader import load_project
from .project import find_data_dir


def build_book(project: Path, out: Path | None = None, jobs: str = "1") -> int:
    data_dir, root = find_data_dir(project)
    if not (root / "conf.py").is_file():
        print(f"proceedings: error: {root}: no conf.py; create a project with 'proceedings new DIR'", file=sys.stderr)
        return 2
    result = load_project(data_dir, root)
    for problem in result.problems:
        print(problem.format(Path.cwd()), file=sys.stderr)
    if result.problems.errors:
        print(f"proceedings: {len(result.problems.errors)} errors in the data; nothing was built", file=sys.stderr)
        return 1
    build_dir = out or root / "_build"
    args = [str(root), str(build_dir / "html"), "-b", "html", "-j", jobs, "-q", "-d", str(build_dir / "doctrees")]
    return build_main(args)
