"""``proceedings build``: check the data, then run Sphinx on the project (HTML, PDF, EPUB)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

from .latex import VOLUME_TEX
from .loader import load_project
from .project import find_data_dir

LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode", "-silent"]
SYSTEM_PACKAGES_HINT = "install XeLaTeX and latexmk (scripts/install-system-packages.sh lists the packages)"


def build_book(
    project: Path, out: Path | None = None, jobs: str = "1", html: bool = True, pdf: bool = False, epub: bool = False
) -> int:
    """Build the requested formats into ``out`` (default PROJECT/_build): html/, proceedings.pdf, proceedings.epub."""
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
    if pdf and shutil.which("latexmk") is None:
        print(f"proceedings: error: latexmk not found; {SYSTEM_PACKAGES_HINT}", file=sys.stderr)
        return 1
    for builder, wanted in (("html", html), ("latex", pdf), ("epub", epub)):
        if not wanted:
            continue
        status = _sphinx(root, build_dir, builder, jobs)
        if status:
            return status
    if pdf and (status := _latexmk(build_dir / "latex", build_dir)):
        return status
    if epub:
        books = sorted((build_dir / "epub").glob("*.epub"))
        if books:
            shutil.copyfile(books[0], build_dir / "proceedings.epub")
            print(f"proceedings: wrote {build_dir / 'proceedings.epub'}", file=sys.stderr)
    return 0


def _sphinx(root: Path, build_dir: Path, builder: str, jobs: str) -> int:
    args = [str(root), str(build_dir / builder), "-b", builder, "-j", jobs, "-q", "-d", str(build_dir / "doctrees")]
    return build_main(args)


def _latexmk(latex_dir: Path, build_dir: Path) -> int:
    """Run latexmk as Read the Docs does; the PDF lands beside the HTML folder."""
    jobname = Path(VOLUME_TEX).stem
    done = subprocess.run([*LATEXMK, f"-jobname={jobname}"], cwd=latex_dir, capture_output=True, text=True, check=False)
    made = latex_dir / f"{jobname}.pdf"
    if not made.is_file():
        print(done.stdout[-3000:], file=sys.stderr)
        print(f"proceedings: error: latexmk made no PDF; see {latex_dir / (jobname + '.log')}", file=sys.stderr)
        return 1
    shutil.copyfile(made, build_dir / made.name)
    print(f"proceedings: wrote {build_dir / made.name}", file=sys.stderr)
    return 0
