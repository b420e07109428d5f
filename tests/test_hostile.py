"""The hostile-input corpus (tests/hostile/): every case is refused at its file and line, or rendered inert.

Each case starts from ``tests/hostile/base`` (a project with one event, ``data/ev``) and adds or
replaces the files of its folder ``tests/hostile/cases/<case>/``; its ``case.yaml`` says what it
tests and what must happen:

- ``check: {exit, message, at}``: ``proceedings check`` exits with ``exit`` and prints an error
  line that starts with ``at`` (``path`` or ``path:line``) and holds ``message`` (a substring, or
  a list of substrings that must all be in that line); with ``build: true``, ``proceedings build``
  also exits 1, prints the same line, and writes nothing; ``absent`` names files that must not
  appear in the project.
- ``inert: {page, text}``: the input is legal. It passes ``check`` on its own; all inert cases
  are merged into one book, built once (HTML, LaTeX sources, ``proceedings bib``), where every
  ``text`` is visible as text on ``page`` and none of the markup it carries reaches any output.

``make`` steps create what a committed file cannot hold or should not: ``write`` (``text`` +
``repeat`` × ``times`` + ``tail``, in ``encoding``, with a ``bom``), ``symlink`` (``to``), ``fifo``
(a named pipe, which blocks whoever opens it to read) and ``folder`` (where a file is expected).
``{outside}`` is a folder beside the project holding a secret file. In inert cases the
``data/ev`` people, contributions and references files are appended to the base's, so that all
inert cases fit in one book; every other file is added.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import bibtexparser
import pybtex.database
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from sphinx.util import texescape

from sphinx_proceedings.cli import main as cli
from sphinx_proceedings.data.loader import load_project

from .conftest import Build, run_build

CORPUS = Path(__file__).parent / "hostile"
BASE = CORPUS / "base"
SECRET = "SECRET-OUTSIDE-THE-PROJECT"
PASSWD = "root:x:0:0"  # the first line of /etc/passwd, and of the secret file beside the project
APPENDED = frozenset({"data/ev/people.yaml", "data/ev/contributions.yaml", "data/ev/references.bib"})
CASE_KEYS = frozenset({"what", "check", "build", "inert", "make", "absent"})
ENCODINGS = ("utf-8", "latin-1", "utf-16")


# --- the corpus ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    what: str
    spec: dict[str, Any]

    def __str__(self) -> str:
        return self.name

    @property
    def check(self) -> dict[str, Any]:
        return dict(self.spec["check"])

    @property
    def messages(self) -> list[str]:
        message = self.check["message"]
        return [message] if isinstance(message, str) else list(message)

    @property
    def inert(self) -> dict[str, Any]:
        return dict(self.spec["inert"])

    @property
    def texts(self) -> list[str]:
        return list(self.inert.get("text", []))

    @property
    def files(self) -> list[str]:
        """The case's own files, relative to its folder (and so to the project)."""
        return sorted(
            p.relative_to(self.folder).as_posix()
            for p in self.folder.rglob("*")
            if p.is_file() and p.name != "case.yaml"
        )


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in (CORPUS / "cases").iterdir() if p.is_dir()):
        manifest = folder / "case.yaml"
        spec = yaml.safe_load(manifest.read_text(encoding="utf-8"))
        problems = []
        if not isinstance(spec, dict) or set(spec) - CASE_KEYS:
            problems.append(f"keys must be among {sorted(CASE_KEYS)}")
        elif ("check" in spec) == ("inert" in spec) or not spec.get("what"):
            problems.append("needs 'what' and exactly one of 'check' and 'inert'")
        elif "check" in spec and not {"exit", "message", "at"} <= set(spec["check"]):
            problems.append("'check' needs exit, message and at")
        elif "inert" in spec and not {"page", "text"} <= set(spec["inert"]):
            problems.append("'inert' needs page and text")
        if problems:
            raise ValueError(f"{manifest}: {'; '.join(problems)}")
        cases.append(Case(folder.name, folder, spec["what"], spec))
    return cases


CASES = load_cases()
CHECK_CASES = [c for c in CASES if "check" in c.spec]
BUILD_CASES = [c for c in CHECK_CASES if c.spec.get("build")]
INERT_CASES = [c for c in CASES if "inert" in c.spec]


def _place(path: str, project: Path, outside: Path) -> Path:
    if path == "{outside}" or path.startswith("{outside}/"):
        return outside / path.removeprefix("{outside}").lstrip("/")
    return project / path


def _make(step: dict[str, Any], project: Path, outside: Path) -> None:
    if "fifo" in step or "folder" in step:
        made = _place(step.get("fifo") or step["folder"], project, outside)
        made.parent.mkdir(parents=True, exist_ok=True)
        made.unlink(missing_ok=True)
        os.mkfifo(made) if "fifo" in step else made.mkdir()
        return
    if "symlink" in step:
        link = _place(step["symlink"], project, outside)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(str(step["to"]).replace("{outside}", str(outside)))
        return
    target = _place(step["write"], project, outside)
    text = step.get("text", "") + step.get("repeat", "") * step.get("times", 1) + step.get("tail", "")
    encoding = step.get("encoding", "utf-8")
    assert encoding in ENCODINGS, f"make: unknown encoding {encoding}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(("\ufeff" if step.get("bom") else "").encode() + text.encode(encoding))


def make_project(where: Path, cases: Iterable[Case], *, merge: bool) -> Path:
    """``where/proj``: the base with the cases' files (appended to the base's when ``merge``).

    ``where/outside`` holds a secret file that no output may ever contain.
    """
    project, outside = where / "proj", where / "outside"
    shutil.copytree(BASE, project)
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET} {PASSWD}:root:/root:/bin/bash\n", encoding="utf-8")
    added: dict[str, str] = {}
    for case in cases:
        for rel in case.files:
            source, target = case.folder / rel, project / rel
            if merge and rel in APPENDED:
                target.write_text(target.read_text(encoding="utf-8") + source.read_text(encoding="utf-8"), "utf-8")
                continue
            if merge:
                assert rel not in added and not target.exists(), f"{case}: {rel} is also written by {added.get(rel)}"
                added[rel] = case.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for step in case.spec.get("make", []):
            _make(step, project, outside)
    return project


# --- running the command ------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int | str | None
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def proceedings(*args: str, cwd: Path) -> Run:
    """``proceedings ARGS`` in-process, in ``cwd``; an exception ends up as a traceback in ``err``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | str | None = cli.main(list(args))
        except SystemExit as exc:
            code = exc.code
        except Exception:
            traceback.print_exc(file=err)
            code = "raised"
    return Run(code, out.getvalue(), err.getvalue())


def assert_no_leak(run: Run) -> None:
    assert "Traceback" not in run.text, run.text
    assert SECRET not in run.text and PASSWD not in run.text, run.text


def listing(root: Path, skip: Path | None = None) -> dict[str, tuple[bool, int, int]]:
    """Every file, folder and symlink below ``root`` (not ``skip``): (is a folder, size, mtime)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) != skip]
        for name in [*dirnames, *filenames]:
            path = Path(dirpath, name)
            st = path.lstat()
            found[path.relative_to(root).as_posix()] = (
                path.is_dir() and not path.is_symlink(),
                st.st_size,
                st.st_mtime_ns,
            )
    return found


def _explain(case: Case, run: Run) -> str:
    return f"{case}: {case.what}\nexpected at {case.check['at']}: {case.messages}\ngot:\n{run.text}"


def _reported(case: Case, output: str) -> bool:
    at = case.check["at"]
    return any(
        line.startswith(f"{at}:") and ": error: " in line and all(m in line for m in case.messages)
        for line in output.splitlines()
    )


# --- check cases --------------------------------------------------------------


@pytest.mark.parametrize("case", CHECK_CASES, ids=str)
def test_check_reports_the_problem_at_its_place(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, [case], merge=False)
    outside_before = listing(tmp_path, skip=project)
    run = proceedings("check", ".", cwd=project)
    assert_no_leak(run)
    assert _reported(case, run.out), _explain(case, run)
    assert run.code == case.check["exit"], _explain(case, run)
    assert listing(tmp_path, skip=project) == outside_before
    for name in case.spec.get("absent", []):
        assert not (project / name).exists()


@pytest.mark.parametrize("case", BUILD_CASES, ids=str)
def test_build_refuses_and_writes_nothing(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, [case], merge=False)
    before = listing(tmp_path)
    run = proceedings("build", ".", cwd=project)
    assert_no_leak(run)
    assert _reported(case, run.err), _explain(case, run)
    assert run.code == 1, _explain(case, run)
    assert "nothing was built" in run.err
    # Only the cache of parsed data files may appear (cache.py); no output.
    assert not (project / "_build").exists() or os.listdir(project / "_build") == [".proceedings-cache"]
    after = listing(tmp_path, skip=project / "_build")
    # The project folder itself changed (its _build appeared); nothing in it or beside it did.
    after.pop(project.name)
    before.pop(project.name)
    assert after == before


# --- inert cases: each passes check on its own ---------------------------------


@pytest.mark.parametrize("case", INERT_CASES, ids=str)
def test_inert_case_passes_check(case: Case, tmp_path: Path) -> None:
    project = make_project(tmp_path, [case], merge=True)
    run = proceedings("check", ".", cwd=project)
    assert_no_leak(run)
    assert ": error: " not in run.out, f"{case}: {case.what}\n{run.text}"
    assert run.code == 0, run.text


# --- inert cases: one book of all of them ----------------------------------------


@dataclass
class Book:
    project: Path
    check: Run
    html: Build
    latex: Build
    bib: Run
    outside_before: dict[str, tuple[bool, int, int]]
    outside_after: dict[str, tuple[bool, int, int]]

    @cached_property
    def pages(self) -> dict[str, str]:
        return {
            p.relative_to(self.html.outdir).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(self.html.outdir.rglob("*.html"))
            if p.relative_to(self.html.outdir).parts[0] != "_static"  # the theme's template snippets
        }

    @cached_property
    def soups(self) -> dict[str, BeautifulSoup]:
        return {name: BeautifulSoup(text, "lxml") for name, text in self.pages.items()}

    @cached_property
    def tex(self) -> str:
        return (self.latex.outdir / "proceedings.tex").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    where = tmp_path_factory.mktemp("hostile-book")
    project = make_project(where, INERT_CASES, merge=True)
    before = listing(where, skip=project)
    check = proceedings("check", ".", cwd=project)
    html = run_build(project, project / "_build" / "html-build")
    latex = run_build(project, project / "_build" / "latex-build", "latex")
    bib = proceedings("bib", ".", cwd=project)
    return Book(project, check, html, latex, bib, before, listing(where, skip=project))


def test_book_passes_check(book: Book) -> None:
    assert_no_leak(book.check)
    assert book.check.code == 0, book.check.text
    assert ": error: " not in book.check.out


def test_book_builds_without_warnings(book: Book) -> None:
    assert book.html.warnings == ""
    assert book.latex.warnings == ""


def test_nothing_outside_the_project_is_written(book: Book) -> None:
    assert book.outside_after == book.outside_before


def test_nothing_from_outside_reaches_any_output(book: Book) -> None:
    for path in book.project.rglob("*"):
        if path.is_file() and "data" not in path.relative_to(book.project).parts[:1]:
            content = path.read_bytes()
            assert SECRET.encode() not in content, path
            assert PASSWD.encode() not in content, path
            assert path.name not in ("passwd", "secret.txt"), path


# --- HTML ---------------------------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset")
SAFE_SCHEMES = ("", "http", "https", "mailto")
THEME_HANDLERS = {"window.print()", "toggleFullScreen()"}  # the theme's print and full-screen buttons
PAGENAME = re.compile(r"DOCUMENTATION_OPTIONS\.pagename = '[^']*';")
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
# What docutils' smart quotes make of quotes and dashes, undone for comparing.
TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "—": "---"})


def _elements(book: Book) -> Iterator[tuple[str, Tag]]:
    for name, soup in book.soups.items():
        for element in soup.find_all(True):
            yield name, element


def _inline(element: Tag) -> str:
    """An inline script's or style's text, with the page's own name taken out."""
    return PAGENAME.sub("DOCUMENTATION_OPTIONS.pagename = '';", element.get_text())


def _shown(name: str, element: Tag) -> str:
    return f"{name}: {str(element)[:300]}"


def test_no_injected_elements_or_attributes(book: Book) -> None:
    theme_styles = {_inline(s) for s in book.soups["search.html"].find_all("style")}
    found = []
    for name, element in _elements(book):
        handlers = {v for a, v in element.attrs.items() if a.lower().startswith("on")}
        if (
            "data-pwned" in element.attrs
            or handlers - THEME_HANDLERS
            or element.name in ("iframe", "object", "embed", "svg", "base")
            or (element.name == "style" and _inline(element) not in theme_styles)
        ):
            found.append(_shown(name, element))
    assert not found, "\n".join(found)


def test_no_dangerous_urls(book: Book) -> None:
    found = []
    for name, element in _elements(book):
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            scheme = SCHEME.match(value) if isinstance(value, str) else None
            if scheme and scheme[1].lower() not in SAFE_SCHEMES:
                found.append(_shown(name, element))
        if element.name == "img" and "evil.example" in str(element.get("src", "")):
            found.append(_shown(name, element))
    assert not found, "\n".join(found)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def test_scripts_are_the_sites_own(book: Book) -> None:
    """Scripts load the site's own files, are the theme's inline snippets, or are JSON-LD data."""
    theme_scripts = {_inline(s) for s in book.soups["search.html"].find_all("script") if not s.get("src")}
    found = []
    for name, soup in book.soups.items():
        for script in soup.find_all("script"):
            src = script.get("src")
            if isinstance(src, str):
                local = not SCHEME.match(src) and not src.startswith("//")
                ok = local and (book.html.outdir / name).parent.joinpath(src.split("?")[0]).is_file()
            elif script.get("type") == "application/ld+json":
                # Inside a script element '</script' ends it early, and after '<!--' a '<script'
                # keeps the element open past its end tag, swallowing the page that follows.
                ok = not re.search(r"<!--|</script", script.get_text(), re.I) and _is_json(script.get_text())
            else:
                ok = _inline(script) in theme_scripts
            if not ok:
                found.append(_shown(name, script))
    assert not found, "\n".join(found)


def _squeezed(text: str) -> str:
    """``text`` without white space, its typography undone (highlighted code splits words into spans)."""
    return re.sub(r"\s+", "", text.translate(TYPOGRAPHY))


@pytest.mark.parametrize("case", INERT_CASES, ids=str)
def test_hostile_text_is_shown_as_text(book: Book, case: Case) -> None:
    page = f"{case.inert['page']}.html"
    assert page in book.soups, f"{case}: no page {page}"
    article = book.soups[page].find("article")
    assert isinstance(article, Tag)
    shown = _squeezed(article.get_text())
    for text in case.texts:
        assert _squeezed(text) in shown, f"{case}: {text!r} is not shown on {page}"


JSON_LD = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


@pytest.mark.parametrize("case", INERT_CASES, ids=str)
def test_hostile_markup_stays_escaped_in_html(book: Book, case: Case) -> None:
    """No tag of the hostile text (each marked 'pwned') is in the page's HTML as written (JSON-LD is checked above)."""
    source = JSON_LD.sub("", book.pages[f"{case.inert['page']}.html"])
    for text in case.texts:
        for tag in re.findall(r"<[a-zA-Z][^<>]*pwned[^<>]*>", text):
            assert tag not in source.translate(TYPOGRAPHY), f"{case}: {tag!r} reached the HTML unescaped"


def test_no_byte_order_mark_in_html(book: Book) -> None:
    for name, text in book.pages.items():
        assert "\ufeff" not in text, name


# --- LaTeX --------------------------------------------------------------------

DANGEROUS_TEX = re.compile(
    r"\\(input|include|InputIfFileExists|write18|immediate|openout|def|gdef|catcode|let)(?![a-zA-Z])"
)


def _tex_body(tex: str) -> str:
    return tex.split(r"\begin{document}", 1)[1]


def test_latex_has_no_injected_command(book: Book) -> None:
    body = _tex_body(book.tex)
    found = Counter(m[0] for m in DANGEROUS_TEX.finditer(body))
    assert not found, found
    assert body.count(r"\end{document}") == 1


def test_latex_braces_balance(book: Book) -> None:
    """Unbalanced braces in the data would leave the document's groups unbalanced."""
    body = _tex_body(book.tex)
    body = body.replace("\\\\", "").replace(r"\{", "").replace(r"\}", "")
    depth = 0
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


# Texts the printed volume does not print at all: bios print with invited talks only, a person who is
# no author, organizer or committee member is not in it, and the call for papers is not part of a
# volume. They must still never reach the LaTeX as written.
NOT_PRINTED = frozenset(
    {
        "\\def\\pwned{\\pwned}\\pwned",
        "\\gdef\\thepage{pwned}",
        "\\let\\par\\relax University",
        "\\write18{rm -rf ~} topic",
    }
)


@pytest.mark.parametrize("case", INERT_CASES, ids=str)
def test_latex_commands_stay_text(book: Book, case: Case) -> None:
    """Each LaTeX command of the hostile text is in the .tex as escaped text, never as written."""
    texescape.init()
    tex = book.tex.translate(TYPOGRAPHY)
    for text in case.texts:
        if "\\" in text:
            assert text not in tex, f"{case}: {text!r} reached the LaTeX unescaped"
            if text not in NOT_PRINTED:
                assert texescape.escape(text, "xelatex") in tex, f"{case}: {text!r} is not in the LaTeX as text"


# --- BibTeX -------------------------------------------------------------------


def _text_decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text, taught the text commands for braces; '^' and '~' as the ASCII characters."""
    context = get_default_latex_context_db()  # a fresh database, not the one other decoders use
    context.add_context_category(
        "ascii-specials",
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
        ],
        prepend=True,
    )
    return LatexNodes2Text(math_mode="verbatim", latex_context=context)


_latex_to_text = _text_decoder().latex_to_text


def _data_titles(project: Path) -> list[str]:
    proc = load_project(project / "data", project).proceedings
    titles = [e.event.title for e in proc.events] + [c.title for e in proc.events for c in e.contributions]
    return sorted(" ".join(t.split()) for t in titles)


def test_bibtex_parses_with_bibtexparser_and_pybtex(book: Book) -> None:
    assert_no_leak(book.bib)
    assert book.bib.code == 0, book.bib.err
    library = bibtexparser.parse_string(book.bib.out)
    assert library.failed_blocks == []
    pybtex_entries = pybtex.database.parse_string(book.bib.out, "bibtex").entries
    expected = len(_data_titles(book.project))
    assert len(library.entries) == len(pybtex_entries) == expected


def test_bibtex_titles_round_trip(book: Book) -> None:
    library = bibtexparser.parse_string(book.bib.out)
    titles = sorted(" ".join(_latex_to_text(e["title"]).split()) for e in library.entries)
    assert titles == _data_titles(book.project)


def test_every_generated_bib_file_parses(book: Book) -> None:
    for path in sorted(book.project.rglob("*.bib")):
        if "data" in path.relative_to(book.project).parts[:1]:
            continue
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
        assert library.failed_blocks == [], path


def test_names_from_the_data_are_isolated(book: Book) -> None:
    """An unterminated override in a name ends with the name: names and affiliations are HTML ``<bdi>``."""
    soup = book.soups["_proceedings/ev/contributions/bidi-override-talk.html"]
    line = soup.select_one("p.proc-authors")
    assert line is not None
    isolated = [b.get_text() for b in line.find_all("bdi")]
    assert "Eve \u202eOverride" in isolated
    assert "\u202eBackwards University" in isolated
    assert "Ada Lovelace" in isolated
    # Nothing of the line outside an isolate holds a bidirectional control.
    for bdi in line.find_all("bdi"):
        bdi.decompose()
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", line.get_text())


def test_bibtex_keys_hold_no_bidirectional_or_control_characters(book: Book) -> None:
    """Keys the book makes from names (one of them with an unterminated U+202E) are plain ASCII."""
    assert book.bib.code == 0, book.bib.text
    keys = [entry.key for entry in bibtexparser.parse_string(book.bib.out).entries]
    assert keys and all(key.isascii() and key.isprintable() for key in keys), keys


@pytest.mark.parametrize("name", ["100-fifo-people-file", "16-huge-yaml-file"])
def test_sphinx_build_reports_a_file_it_cannot_read(name: str, tmp_path: Path) -> None:
    """sphinx-build without ``check`` first: an unreadable data file is an error naming it, not a crash
    (Sphinx would take a place without a line for the name of a document, before there are any)."""
    case = next(c for c in CASES if c.name == name)
    project = make_project(tmp_path, [case], merge=False)
    build = run_build(project, tmp_path / "build")
    assert f"ERROR: {project / case.check['at']}: " in build.warnings, build.warnings
    assert all(m in build.warnings for m in case.messages)
