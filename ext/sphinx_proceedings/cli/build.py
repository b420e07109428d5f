"""``proceedings build``: check the data, then run Sphinx on the project (HTML, PDF, EPUB).

Everything is built in a staging folder and swapped in at the end (staging.py); a failed build leaves the previous
book as it was, and so does one that is killed. One build at a time uses a build folder (buildlock.py).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sphinx_proceedings.cli.buildlock import BuildLock, BuildRunning
from sphinx_proceedings.cli.oserrors import describe
from sphinx_proceedings.cli.sphinxrun import SphinxFailed, jobs_count, run_sphinx
from sphinx_proceedings.cli.staging import NotABuildFolder, StagedBuild
from sphinx_proceedings.cli.uptodate import InputsStamp
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.project import find_data_dir
from sphinx_proceedings.volume.latex import VOLUME_TEX
from sphinx_proceedings.volume.papers import CutError, cut_papers

LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode", "-silent"]
SYSTEM_PACKAGES_HINT = "install XeLaTeX and latexmk (scripts/install-system-packages.sh lists the packages)"
PDF, EPUB = "proceedings.pdf", "proceedings.epub"
LATEX_LOG = f"{Path(VOLUME_TEX).stem}.log"  # LaTeX's log of a failed PDF, kept beside the book: the staging folder goes
BUILDERS = ("html", "latex", "epub")
OUTPUTS = frozenset({"doctrees", *BUILDERS, PDF, EPUB, LATEX_LOG})  # all a build may leave in its folder
TEX_ERROR = re.compile(r"^! (.*)")
TEX_LINE = re.compile(r"^l\.(\d+)")


def build_book(
    project: Path,
    out: Path | None = None,
    jobs: str = "1",
    html: bool = True,
    pdf: bool = False,
    epub: bool = False,
    strict: bool = False,
    force: bool = False,
    wait: bool = True,
) -> int:
    """Build the requested formats into ``out`` (default PROJECT/_build): html/, proceedings.pdf, proceedings.epub.

    ``strict`` fails the build on Sphinx warnings too (as Read the Docs' ``fail_on_warning`` does). When nothing
    the book is made of changed since the last successful build of the same formats, Sphinx is not run at all
    (uptodate.py); ``force`` runs it anyway. One build at a time uses a build folder (buildlock.py): a second
    one waits for it, or without ``wait`` fails.
    """
    data_dir, root = find_data_dir(project)
    if not (root / "conf.py").is_file():
        return _error(f"{root}: no conf.py; create a project with 'proceedings new DIR'", status=2)
    try:
        parallel = jobs_count(jobs)
    except ValueError as error:
        return _error(str(error), status=2)
    build_dir = out or root / "_build"
    builders = [name for name, wanted in zip(BUILDERS, (html, pdf, epub), strict=True) if wanted]
    outputs = ["doctrees", *builders, *([PDF] if pdf else []), *([EPUB] if epub else [])]
    staged = StagedBuild(build_dir, outputs, OUTPUTS)
    build = _Build(root, data_dir, staged, builders, parallel, pdf, epub, strict, force)
    with BuildLock(build_dir, wait=wait) as lock:
        try:
            return build.run(lock)
        except NotABuildFolder as folder:
            return _error(f"{folder}: holds files that no build wrote; choose an empty or new folder for --out", 2)
        except BuildRunning as running:
            return _error(f"{running}; not waiting (--no-wait)")
        except OSError as error:
            with contextlib.suppress(OSError):
                staged.discard()
            return _error(f"{describe(error, build_dir)}; {build_dir} keeps the previous book")


@dataclass
class _Build:
    root: Path
    data_dir: Path
    staged: StagedBuild
    builders: list[str]
    jobs: int
    pdf: bool
    epub: bool
    strict: bool
    force: bool

    def run(self, lock: BuildLock) -> int:
        staged, build_dir = self.staged, self.staged.build_dir
        if build_dir.exists():  # a stopped build may have left a swap to finish before anything is compared
            self._take(lock)
        inputs = InputsStamp(self.root, build_dir, [*staged.outputs, f"strict={self.strict}"])
        if not self.force and (status := self._up_to_date(inputs)) is not None:
            return status
        result = load_project(self.data_dir, self.root, cache=True)
        report = "".join(f"{problem.format(Path.cwd())}\n" for problem in result.problems)
        print(report, end="", file=sys.stderr)
        if result.problems.errors:
            print(f"proceedings: {len(result.problems.errors)} errors in the data; nothing was built", file=sys.stderr)
            return 1
        if self.pdf and shutil.which("latexmk") is None:
            return _error(f"latexmk not found; {SYSTEM_PACKAGES_HINT}")
        self._take(lock)
        if lock.waited and not self.force and (status := self._up_to_date(inputs)) is not None:
            return status  # the build we waited for built these very inputs
        staging = staged.prepare()
        (build_dir / LATEX_LOG).unlink(missing_ok=True)
        try:
            _build_all(self.root, staging, self.builders, self.jobs, self.pdf, self.epub, self.strict)
        except BuildFailed as failure:
            if (log := staging / "latex" / LATEX_LOG).is_file():
                log.rename(build_dir / LATEX_LOG)
            staged.discard()
            if failure.message:
                _error(failure.message)
            print(f"proceedings: the build failed; {build_dir} keeps the previous book", file=sys.stderr)
            return 1
        inputs.forget()  # until every output is in place
        staged.commit()
        inputs.record(report)
        for name in staged.outputs[1:]:
            print(f"proceedings: wrote {build_dir / name}", file=sys.stderr)
        return 0

    def _take(self, lock: BuildLock) -> None:
        """Claim the folder, lock it, and finish what a stopped build left."""
        self.staged.claim()
        lock.acquire()
        if (done := self.staged.recover()) is not None:
            print(f"proceedings: {done}", file=sys.stderr)

    def _up_to_date(self, inputs: InputsStamp) -> int | None:
        build_dir = self.staged.build_dir
        if (report := inputs.matches(build_dir / name for name in self.staged.outputs)) is None:
            return None
        print(report, end="", file=sys.stderr)
        print(f"proceedings: nothing changed since the last build; {build_dir} is up to date", file=sys.stderr)
        return 0


class BuildFailed(Exception):
    """A step of the build failed; ``message`` says why (empty when the tool has said so itself)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


def _build_all(root: Path, staging: Path, builders: list[str], jobs: int, pdf: bool, epub: bool, strict: bool) -> None:
    # With the PDF, each printed paper's own PDF is cut from it and published beside its page.
    overrides = {"proceedings_paper_pdfs": "1"} if pdf and "html" in builders else {}  # every builder: one env
    for builder in builders:
        try:
            run_sphinx(root, staging / builder, staging / "doctrees", builder, jobs, strict, overrides)
        except SphinxFailed as failure:
            raise BuildFailed(str(failure)) from failure
    if pdf:
        _latexmk(staging / "latex", staging)
    if pdf and "html" in builders:
        try:
            cut_papers(staging / "latex", staging / "latex" / PDF, staging / "html")
        except CutError as error:
            raise BuildFailed(f"{error}; see {staging.parent / LATEX_LOG}") from error
    if epub:
        books = sorted((staging / "epub").glob("*.epub"))
        if not books:
            raise BuildFailed("the EPUB builder wrote no .epub file")
        shutil.copyfile(books[0], staging / EPUB)


def _latexmk(latex_dir: Path, staging: Path) -> None:
    """Run latexmk as Read the Docs does; the PDF lands beside the HTML folder."""
    jobname = Path(VOLUME_TEX).stem
    done = subprocess.run([*LATEXMK, f"-jobname={jobname}"], cwd=latex_dir, capture_output=True, text=True, check=False)
    made = latex_dir / f"{jobname}.pdf"
    if done.returncode or not made.is_file():
        print(done.stdout[-3000:], file=sys.stderr)
        found = "; ".join(tex_errors(latex_dir / LATEX_LOG))
        raise BuildFailed(f"latexmk failed{': ' + found if found else ''}; see {staging.parent / LATEX_LOG}")
    shutil.copyfile(made, staging / PDF)


def tex_errors(log: Path, most: int = 3) -> list[str]:
    """TeX's first errors in ``log`` (``! Dimension too large.``), each with the line of the .tex it was on."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for number, line in enumerate(lines):
        if (error := TEX_ERROR.match(line)) is None:
            continue
        where = next((m.group(1) for later in lines[number + 1 : number + 30] if (m := TEX_LINE.match(later))), None)
        found.append(error.group(1) + (f" (TeX input line {where})" if where else ""))
        if len(found) == most:
            break
    return found


def _error(message: str, status: int = 1) -> int:
    print(f"proceedings: error: {message}", file=sys.stderr)
    return status
