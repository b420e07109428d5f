"""Write an event's data files: YAML through ruamel.yaml, BibTeX through bibtexparser; atomically.

Nothing is written when the result would not load or through a link that leaves the data folder,
and a file whose content would not change is left alone (a second import is a no-op).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import bibtexparser
from bibtexparser.model import Entry, Field
from pydantic import BaseModel
from ruamel.yaml import YAML

from sphinx_proceedings.data.files import replace_atomically
from sphinx_proceedings.data.link_checks import inside
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import Reference
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.report import ImportReport

HEADER = "# Imported by 'proceedings import' from {source}; edit freely.\n"


def plain(value: Any) -> Any:
    """Model data as YAML scalars: times as 'HH:MM', dates as 'YYYY-MM-DD', enums as strings."""
    if isinstance(value, BaseModel):
        return plain(value.model_dump(mode="python", exclude_defaults=True, exclude_none=True))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def yaml_text(data: Any, source: str) -> str:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(plain(data), out)
    return HEADER.format(source=source) + out.getvalue()


# Imported fields are plain text: LaTeX's specials become commands that print them (a brace as
# \\textbraceleft, since BibTeX counts "\\{" as a brace), so a '%' never starts a comment and a
# stray brace never unbalances the entry. Links stay verbatim, with braces and spaces percent-encoded.
_LATEX_SPECIALS = {
    "\\": "{\\textbackslash}",
    "{": "{\\textbraceleft}",
    "}": "{\\textbraceright}",
    "$": "\\$",
    "&": "\\&",
    "%": "\\%",
    "#": "\\#",
    "_": "\\_",
    "^": "{\\textasciicircum}",
    "~": "{\\textasciitilde}",
    '"': '{"}',
}
_SPECIAL = re.compile("|".join(map(re.escape, _LATEX_SPECIALS)))
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf"})
LIGATURES = ("--", "``", "''", "!`", "?`", ",,", "<<", ">>")


def bib_value(name: str, value: str) -> str:
    """A plain-text field value as BibTeX that loads and prints as ``value``."""
    value = " ".join(value.split())
    if name.lower() in VERBATIM_FIELDS:
        return quote(value, safe=":/?#[]@!$&'()*+,;=%-._~")
    value = _SPECIAL.sub(lambda m: _LATEX_SPECIALS[m[0]], value)
    for pair in LIGATURES:  # LaTeX prints "``" as one quote and "--" as a dash; the page meant the characters
        while pair in value:
            value = value.replace(pair, pair[0] + "{}" + pair[1])
    return value


def bib_text(references: Iterable[Reference]) -> str:
    library = bibtexparser.Library()
    for ref in references:
        library.add(Entry(ref.entry_type, ref.key, [Field(k, bib_value(k, v)) for k, v in ref.fields.items()]))
    return bibtexparser.write_string(library)


def apply(files: dict[Path, str | bytes], data_dir: Path, *, dry_run: bool, report: ImportReport) -> bool:
    """Check, then write ``files`` (path -> text, or the bytes of a copied file); False if nothing could be.

    Nothing is written through a link that leaves the data folder, and nothing at all when the
    result would not load. With ``dry_run`` the changes of the data files are shown as a diff.
    """
    changed: dict[Path, str | bytes] = {}
    for path, content in files.items():
        if not _safe_target(path, data_dir, report.problems):
            continue
        old: str | bytes | None = None
        if path.is_file():
            try:
                old = path.read_bytes() if isinstance(content, bytes) else path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                old = None
        if old == content:
            report.action("unchanged", path)
            continue
        changed[path] = content
    if report.problems.errors:
        return False
    if not _loads(files, data_dir, report.problems):
        return False
    for path, content in changed.items():
        if dry_run:
            report.action("would write" if not path.exists() else "would change", path, _preview(path, content))
        elif isinstance(content, bytes):
            replace_atomically(path, content, durable=True)
            report.action("copied", path)
        else:
            replace_atomically(path, content.encode("utf-8"), durable=True)
            report.action("wrote", path)
    return True


def _preview(path: Path, content: str | bytes) -> str | None:
    if isinstance(content, bytes):
        return None
    if not path.is_file():
        return content
    try:
        old = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return content
    diff = difflib.unified_diff(
        old.splitlines(keepends=True), content.splitlines(keepends=True), str(path), f"{path} (imported)"
    )
    return "".join(diff).rstrip("\n")


def _safe_target(path: Path, data_dir: Path, problems: Problems) -> bool:
    """A target inside the data folder, reached through no link that leaves it."""
    if path.is_symlink() or not inside(path, data_dir):
        problems.error(
            path,
            (None, None),
            Code.file,
            "refused: writing here goes through a link that leaves the data folder",
            "replace the link by a folder of the project",
        )
        return False
    return True


def _loads(files: dict[Path, str | bytes], data_dir: Path, problems: Problems) -> bool:
    """Stage the data folder with the new files and load it; report what would not load."""
    with tempfile.TemporaryDirectory(prefix="proceedings-import-") as tmp:
        stage = Path(tmp) / "data"
        stage.mkdir()
        if data_dir.is_dir():
            for item in data_dir.iterdir():
                if item.is_file() and not item.is_symlink() and item.suffix in (".yaml", ".yml", ".bib"):
                    shutil.copy2(item, stage / item.name)
        for folder in {
            data_dir / p.relative_to(data_dir).parts[0] for p in files if len(p.relative_to(data_dir).parts) > 1
        }:
            target = stage / folder.name
            if folder.is_dir() and not folder.is_symlink():
                # Links are copied as links: never followed out of the project, not even into a temp folder.
                shutil.copytree(folder, target, symlinks=True, ignore=shutil.ignore_patterns(".*"))
            target.mkdir(exist_ok=True)
        for path, content in files.items():
            staged = stage / path.relative_to(data_dir)
            staged.parent.mkdir(parents=True, exist_ok=True)
            if staged.is_symlink():
                staged.unlink()
            if isinstance(content, bytes):
                staged.write_bytes(content)
            else:
                staged.write_text(content, encoding="utf-8")
        result = load_project(stage)
        for problem in result.problems.errors:
            real = data_dir / problem.path.relative_to(stage) if problem.path.is_relative_to(stage) else problem.path
            problems.error(
                real,
                (problem.line, problem.column),
                problem.code,
                f"imported data would not load: {problem.message}",
                problem.hint,
            )
        return not result.problems.errors
