"""Read an event's ``references.bib`` through bibtexparser, reporting bad blocks by line."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from sphinx_proceedings.data.cache import code_id
from sphinx_proceedings.data.model import (
    BIDI_CONTROLS,
    MAX_BIBTEX_KEY_LENGTH,
    Reference,
    control_characters_in,
    first_control_character,
)
from sphinx_proceedings.data.problems import Code, Problem, Problems, Severity, byte_place
from sphinx_proceedings.data.reading import LIMITS, Kind, read_or_report

if TYPE_CHECKING:
    from sphinx_proceedings.data.cache import DataCache

VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf"})
UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
MAX_BIB_BYTES = LIMITS[Kind.bibtex]

# What a parse leaves, as plain values (so it can be cached): the entries as
# (key, type, fields, line), the problems as (line, column, severity, code, message, hint).
_Parsed = tuple[list[tuple[str, str, dict[str, str], int]], list[tuple[Any, ...]]]


def read_bibtex(path: Path, problems: Problems, cache: DataCache | None = None) -> list[tuple[Reference, int]]:
    """The entries of ``path`` with their 1-based lines; bad blocks become problems.

    With a ``cache``, a file whose bytes were parsed before is not parsed again.
    """
    raw = read_or_report(path, Kind.bibtex, problems)
    if raw is None:
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(
            path,
            byte_place(raw, exc.start),
            Code.file,
            "file is not valid UTF-8",
            "save the file as UTF-8",
        )
        return []
    code = code_id(__name__, "bibtexparser") if cache is not None else ""
    cached = cache.load("bib", code, path, raw) if cache is not None else None
    if _is_parsed(cached):
        entries, found = cached
    else:
        entries, found = _parse(text)
        if cache is not None:
            cache.store("bib", code, path, raw, (entries, found))
    for line, column, severity, code_name, message, hint in found:
        problems.append(Problem(path, line, column, Severity(severity), Code(code_name), message, hint))
    return [
        (Reference(key=key, entry_type=entry_type, fields=fields), line) for key, entry_type, fields, line in entries
    ]


def _parse(text: str) -> _Parsed:
    import bibtexparser  # only when a file is parsed: a cached load does without it
    from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

    found: list[tuple[Any, ...]] = []
    # bibtexparser also logs each failed block; the problems list says it better.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            found.append(
                (
                    line,
                    1,
                    "error",
                    "bibtex",
                    f"duplicate BibTeX key '{block.key}'",
                    "rename or remove one of the entries",
                )
            )
        elif isinstance(block, ParsingFailedBlock):
            reason = (getattr(block.error, "abort_reason", None) or str(block.error) or "cannot parse").strip()
            found.append(
                (
                    line,
                    1,
                    "error",
                    "bibtex",
                    f"malformed BibTeX entry: {reason}",
                    "check the braces and commas of this entry",
                )
            )
    for entry in library.entries:
        if not entry.key.strip():  # bibtexparser reads '@misc{,' but pybtex, which the build runs, refuses it
            found.append(((entry.start_line or 0) + 1, 1, "error", "bibtex", "BibTeX entry has no key", "add a key"))
        for f in entry.fields:
            if f.key.lower() not in VERBATIM_FIELDS and UNESCAPED_PERCENT.search(str(f.value)):
                found.append(
                    (
                        (f.start_line or entry.start_line or 0) + 1,
                        1,
                        "warning",
                        "bibtex",
                        f"'{entry.key}': '%' in {f.key} starts a LaTeX comment",
                        "write \\% instead",
                    )
                )
    entries = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        line = (entry.start_line or 0) + 1
        refused = _refused(entry.key, fields)
        if refused:
            found.append((line, 1, "error", "bibtex", f"{entry.key[:80]!a}: {refused}", None))
        else:
            entries.append((entry.key, entry.entry_type.lower(), fields, line))
    return entries, found


def _refused(key: str, fields: dict[str, str]) -> str | None:
    """Why an entry cannot be used: a key that is too long or holds controls, a field with controls."""
    if len(key) > MAX_BIBTEX_KEY_LENGTH:
        return f"the key has {len(key)} characters, more than the {MAX_BIBTEX_KEY_LENGTH} allowed"
    if BIDI_CONTROLS.search(key) or first_control_character(key) is not None:
        return "the key holds control or bidirectional formatting characters"
    for name, char in control_characters_in(fields):
        return f"{name}: control characters are not allowed: U+{ord(char):04X}"
    return None


def _is_parsed(value: Any) -> TypeGuard[_Parsed]:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], list)
