"""Read an event's ``references.bib`` through bibtexparser, reporting bad blocks by line."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, ParsingFailedBlock

from .model import Reference
from .problems import Code, Problems

VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf"})
UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
MAX_BIB_BYTES = 20 * 1024 * 1024


def read_bibtex(path: Path, problems: Problems) -> list[tuple[Reference, int]]:
    """The entries of ``path`` with their 1-based lines; bad blocks become problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, (None, None), Code.file, f"cannot read file: {exc.strerror}")
        return []
    if len(raw) > MAX_BIB_BYTES:
        problems.error(path, (None, None), Code.file, f"file is larger than {MAX_BIB_BYTES} bytes")
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.error(
            path,
            (raw[: exc.start].count(b"\n") + 1, None),
            Code.file,
            "file is not valid UTF-8",
            "save the file as UTF-8",
        )
        return []
    # bibtexparser also logs each failed block; the problems list says it better.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        line = block.start_line + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.error(
                path,
                (line, 1),
                Code.bibtex,
                f"duplicate BibTeX key '{block.key}'",
                "rename or remove one of the entries",
            )
        elif isinstance(block, ParsingFailedBlock):
            reason = (getattr(block.error, "abort_reason", None) or str(block.error) or "cannot parse").strip()
            problems.error(
                path,
                (line, 1),
                Code.bibtex,
                f"malformed BibTeX entry: {reason}",
                "check the braces and commas of this entry",
            )
    for entry in library.entries:
        for f in entry.fields:
            if f.key.lower() not in VERBATIM_FIELDS and UNESCAPED_PERCENT.search(str(f.value)):
                problems.warning(path, ((f.start_line or entry.start_line) + 1, 1), Code.bibtex,
                                 f"'{entry.key}': '%' in {f.key} starts a LaTeX comment", "write \\% instead")
    return [
        (
            Reference(
                key=entry.key,
                entry_type=entry.entry_type.lower(),
                fields={f.key.lower(): str(f.value) for f in entry.fields},
            ),
            entry.start_line + 1,
        )
        for entry in library.entries
    ]
