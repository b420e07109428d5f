"""``proceedings build``: check the data, then run Sphinx on the project (HTML, PDF, EPUB).

Everything is built in a staging folder and swapped in at the end; a failed build leaves the previous book as it was.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sphinx.cmd.build import build_main

from sphinx_proceedings.cli.staging import NotABuildFolder, StagedBuild
from sphinx_proceedings.cli.uptodate import InputsStamp
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.project import find_data_dir
from sphinx_proceedings.volume.event_volumes import cut_events
from sphinx_proceedings.volume.latex import VOLUME_TEX
from sphinx_proceedings.volume.papers import CutError, cut_papers, read_manifest
from sphinx_proceedings.volume.texlog import failure_message

LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode", "-silent"]
SYSTEM_PACKAGES_HINT = "install XeLaTeX and latexmk (scripts/install-system-packages.sh lists the packages)"
PDF, EPUB = "proceedings.pdf", "proceedings.epub"
BUILDERS = ("html", "latex", "epub")
OUTPUTS = frozenset({"doctrees", *BUILDERS, PDF, EPUB})  # all a build may leave in its folder
WARNINGS_LOG = ".sphinx-warnings.log"


def build_book(
    project: Path,
    out: Path | None = None,
    jobs: str = "1",
    html: bool = True,
    pdf: bool = False,
    epub: bool = False,
    strict: bool = False,
    force: bool = False,
) -> int:
    """Build the requested formats into ``out`` (default PROJECT/_build): html/, proceedings.pdf, proceedings.epub.

    ``strict`` fails the build on Sphinx warnings too (as Read the Docs' ``fail_on_warning`` does). When nothing
    the book is made of changed since the last successful build of the same formats, Sphinx is not run at all
    (uptodate.py); ``force`` runs it anyway.
    """
    data_dir, root = find_data_dir(project)
    if not (root / "conf.py").is_file():
        return _error(f"{root}: no conf.py; create a project with 'proceedings new DIR'", status=2)
    build_dir = out or root / "_build"
    builders = [name for name, wanted in zip(BUILDERS, (html, pdf, epub), strict=True) if wanted]
    outputs = ["doctrees", *builders, *([PDF] if pdf else []), *([EPUB] if epub else [])]
    inputs = InputsStamp(root, build_dir, [*outputs, f"strict={strict}"])
    if not force and (report := inputs.matches(build_dir / name for name in outputs)) is not None:
        print(report, end="", file=sys.stderr)
        print(f"proceedings: nothing changed since the last build; {build_dir} is up to date", file=sys.stderr)
        return 0
    result = load_project(data_dir, root, cache=True)
    report = "".join(f"{problem.format(Path.cwd())}\n" for problem in result.problems)
    print(report, end="", file=sys.stderr)
    if result.problems.errors:
        print(f"proceedings: {len(result.problems.errors)} errors in the data; nothing was built", file=sys.stderr)
        return 1
    if pdf and shutil.which("latexmk") is None:
        return _error(f"latexmk not found; {SYSTEM_PACKAGES_HINT}")
    staged = StagedBuild(build_dir, outputs, OUTPUTS)
    try:
        staging = staged.prepare()
    except NotABuildFolder as folder:
        return _error(f"{folder}: holds files that no build wrote; choose an empty or new folder for --out", status=2)
    status = _build_all(root, staging, builders, jobs, pdf, epub, strict)
    if status:
        staged.discard()
        print(f"proceedings: the build failed; {staged.build_dir} keeps the previous book", file=sys.stderr)
        return status
    inputs.forget()  # until every output is in place
    staged.commit()
    inputs.record(report)
    for name in outputs[1:]:
        print(f"proceedings: wrote {staged.build_dir / name}", file=sys.stderr)
    return 0


def _build_all(root: Path, staging: Path, builders: list[str], jobs: str, pdf: bool, epub: bool, strict: bool) -> int:
    # With the PDF, each printed paper's own PDF is cut from it and published beside its page.
    overrides = ["-D", "proceedings_paper_pdfs=1"] if pdf and "html" in builders else []  # every builder: one env
    for builder in builders:
        if status := _sphinx(root, staging, builder, jobs, strict, overrides):
            return status
    if pdf and (status := _latexmk(staging / "latex", staging)):
        return status
    if pdf and "html" in builders and (status := _cut_papers(staging)):
        return status
    if epub:
        books = sorted((staging / "epub").glob("*.epub"))
        if not books:
            return _error("the EPUB builder wrote no .epub file")
        shutil.copyfile(books[0], staging / EPUB)
    return 0


def _sphinx(root: Path, staging: Path, builder: str, jobs: str, strict: bool, overrides: list[str]) -> int:
    """Run sphinx-build; errors it only logs (reST errors in a page) fail the build too, warnings when strict."""
    log = staging.parent / WARNINGS_LOG
    args = [str(root), str(staging / builder), "-b", builder, "-j", jobs, "-q", "-d", str(staging / "doctrees")]
    args += overrides
    status = build_main([*args, "-w", str(log), *(["-W", "--keep-going"] if strict else [])])
    errors = [line for line in _read_lines(log) if " ERROR: " in line or " CRITICAL: " in line]
    log.unlink(missing_ok=True)
    if status:
        return status
    if errors:
        return _error(f"Sphinx reported {len(errors)} errors while building {builder}")
    return 0


def _latexmk(latex_dir: Path, staging: Path) -> int:
    """Run latexmk as Read the Docs does; the PDF lands beside the HTML folder."""
    jobname = Path(VOLUME_TEX).stem
    done = subprocess.run([*LATEXMK, f"-jobname={jobname}"], cwd=latex_dir, capture_output=True, text=True, check=False)
    made = latex_dir / f"{jobname}.pdf"
    if done.returncode or not made.is_file():
        print(done.stdout[-3000:], file=sys.stderr)
        return _error(failure_message("latexmk failed", latex_dir / f"{jobname}.log"))
    shutil.copyfile(made, staging / PDF)
    return 0


def _cut_papers(staging: Path) -> int:
    """Each printed paper's pages, and each event's volume, published beside their pages."""
    latex = staging / "latex"
    manifest = read_manifest(latex)
    try:
        cut_papers(latex, latex / PDF, staging / "html")
        cut_events(latex / PDF, staging / "html", manifest["generated"], manifest["events"])
    except CutError as error:
        return _error(failure_message(str(error), staging / "latex" / "proceedings.log"))
    return 0


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []


def _error(message: str, status: int = 1) -> int:
    print(f"proceedings: error: {message}", file=sys.stderr)
    return status
