"""Write an event's data files: YAML through ruamel.yaml, BibTeX through bibtexparser; atomically.

Nothing is written when the result would not load, an existing file is replaced only with
``force``, and a file whose content would not change is left alone (a second import is a no-op).
"""

from __future__ import annotations

import datetime as dt
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


def bib_value(name: str, value: str) -> str:
    """A plain-text field value as BibTeX that loads and prints as ``value``."""
    value = " ".join(value.split())
    if name.lower() in VERBATIM_FIELDS:
        return quote(value, safe=":/?#[]@!$&'()*+,;=%-._~")
    return _SPECIAL.sub(lambda m: _LATEX_SPECIALS[m[0]], value)


def bib_text(references: Iterable[Reference]) -> str:
    library = bibtexparser.Library()
    for ref in references:
        library.add(Entry(ref.entry_type, ref.key, [Field(k, bib_value(k, v)) for k, v in ref.fields.items()]))
    return bibtexparser.write_string(library)


def apply(files: dict[Path, str], data_dir: Path, *, force: bool, dry_run: bool, report: ImportReport) -> bool:
    """Check, then write ``files`` (path -> text); return False if nothing could be written safely."""
    changed: dict[Path, str] = {}
    for path, text in files.items():
        if path.is_file():
            try:
                old = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                old = None
            if old == text:
                report.action("unchanged", path)
                continue
            if not force:
                report.problems.error(
                    path,
                    (None, None),
                    Code.file,
                    "file exists and would change",
                    "pass --force to replace it, or --dry-run to see the new content",
                )
                report.action("refused", path)
                continue
        changed[path] = text
    if report.problems.errors:
        return False
    if not _loads(files, data_dir, report.problems):
        return False
    for path, text in changed.items():
        if dry_run:
            report.action("would write", path, text)
        else:
            replace_atomically(path, text.encode("utf-8"), durable=True)
            report.action("wrote", path)
    return True


def _loads(files: dict[Path, str], data_dir: Path, problems: Problems) -> bool:
    """Stage the data folder with the new files and load it; report what would not load."""
    with tempfile.TemporaryDirectory(prefix="proceedings-import-") as tmp:
        stage = Path(tmp) / "data"
        stage.mkdir()
        if data_dir.is_dir():
            for item in data_dir.iterdir():
                if item.is_file() and item.suffix in (".yaml", ".yml", ".bib"):
                    shutil.copy2(item, stage / item.name)
        folders = {p.parent for p in files}
        for folder in folders:
            target = stage / folder.name
            if folder.is_dir():
                shutil.copytree(folder, target, ignore=shutil.ignore_patterns(".*"))
            target.mkdir(exist_ok=True)
        for path, text in files.items():
            (stage / path.parent.name / path.name).write_text(text, encoding="utf-8")
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
