"""Accepted papers from a submission system's CSV export (CMT, OpenReview, EasyChair columns).

Only accepted submissions by default; authors deduplicated by name and email; emails are used to
tell people apart and never written to any output.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sphinx_proceedings.data.model import (
    MAX_ID_LENGTH,
    Contribution,
    ContributionKind,
    Person,
    control_characters_in,
)
from sphinx_proceedings.data.names import fold, slugify, split_name
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.data.reading import Kind, read_or_report
from sphinx_proceedings.importers.assemble import STOP
from sphinx_proceedings.importers.report import ImportReport

FIELDS = ("id", "title", "authors", "affiliations", "emails", "abstract", "track", "decision", "pdf", "keywords")
ALIASES = {
    "id": ("id", "paper id", "submission id", "#", "number", "paper number", "submission"),
    "title": ("title", "paper title", "submission title"),
    "authors": ("authors", "author names", "author", "authors names"),
    "affiliations": ("affiliations", "author affiliations", "affiliation"),
    "emails": ("emails", "author emails", "email", "authors emails", "author email"),
    "abstract": ("abstract", "paper abstract", "tl;dr"),
    "track": ("track", "track name", "primary subject area", "venue"),
    "decision": ("decision", "status", "acceptance status", "recommendation", "final decision"),
    "pdf": ("pdf", "pdf url", "paper url", "url"),
    "keywords": ("keywords", "subject areas"),
}


class MappingError(Exception):
    """A --map option that names no column or no field."""


def decode(raw: bytes, path: Path, problems: Problems) -> str:
    """The text of the file, line by line: a file that is UTF-8 but for a few pasted lines keeps its
    UTF-8 lines as they are (decoding it all as Windows-1252 would turn 'José' into 'JosÃ©')."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines, other = [], []
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True), 1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
            other.append(number)
    shown = ", ".join(map(str, other[:5])) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
    problems.warning(
        path,
        (other[0], None),
        Code.file,
        f"{'line' if len(other) == 1 else 'lines'} {shown} {'is' if len(other) == 1 else 'are'} not UTF-8; "
        "read as Windows-1252 (Latin-1)",
        "export the CSV as UTF-8",
    )
    return "".join(lines)


class _Ids:
    """Unique ids from bases: 'ada', 'ada-2', 'ada-3', … in constant time per id, however many share a base."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next_number: dict[str, int] = {}

    def __contains__(self, value: str) -> bool:
        return value in self.taken

    def claim(self, base: str) -> str:
        value, n = base, self.next_number.get(base, 2)
        if value in self.taken:
            value = f"{base}-{n}"
            while value in self.taken:  # taken by another base ('ada-2' from the name 'Ada 2')
                n += 1
                value = f"{base}-{n}"
            self.next_number[base] = n + 1
        self.taken.add(value)
        return value


def _id_base(slug: str) -> str:
    """A slug short enough to take a '-<n>' and stay an id."""
    return slug[: MAX_ID_LENGTH - 8].rstrip("-")


def _control_character(record: dict[str, str]) -> str | None:
    """Why a row cannot be imported as it is: a control character in one of its cells."""
    for field, char in control_characters_in(record):
        return f"{field}: control characters are not allowed: U+{ord(char):04X}"
    return None


def _columns(header: list[str], mapping: list[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    by_name = {h.strip().casefold(): h for h in header}
    for field, names in ALIASES.items():
        for name in names:
            if name in by_name:
                columns[field] = by_name[name]
                break
    for item in mapping:
        column, sep, field = item.partition("=")
        if not sep or field.strip() not in FIELDS:
            raise MappingError(f"--map {item!r}: use COLUMN=FIELD with FIELD one of {', '.join(FIELDS)}")
        if column.strip().casefold() not in by_name:
            raise MappingError(f"--map {item!r}: no column {column.strip()!r}; the columns are {', '.join(header)}")
        columns[field.strip()] = by_name[column.strip().casefold()]
    if "title" not in columns:
        raise MappingError(f"no title column among {', '.join(header)}; name it with --map COLUMN=title")
    return columns


def _split(text: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    parts = re.split(r"[;|]", text) if ";" in text or "|" in text else re.split(r",|\s+and\s+", text)
    return [re.sub(r"\s+", " ", p).strip(" *") for p in parts if p.strip(" *")]


def _accepted(decision: str) -> bool:
    low = decision.casefold()
    return "accept" in low and not any(w in low for w in ("reject", "not accept", "unaccept"))


def _kind(decision: str, track: str) -> ContributionKind:
    text = f"{decision} {track}".casefold()
    if "poster" in text:
        return ContributionKind.poster
    if any(w in text for w in ("oral", "talk", "spotlight")):
        return ContributionKind.contributed_talk
    return ContributionKind.paper


@dataclass
class CsvAuthor:
    name: str
    affiliation: str | None
    email: str  # folded; '' when the export gives none


@dataclass
class CsvPaper:
    """One accepted row of an export, its cells read (authors split, decision told)."""

    line: int
    title: str
    authors: list[CsvAuthor]
    kind: ContributionKind
    abstract: str | None = None
    pdf: str | None = None
    keywords: list[str] = dataclasses.field(default_factory=list)
    id: str = ""


def paper_rows(path: Path, text: str, mapping: list[str], all_decisions: bool, problems: Problems) -> list[CsvPaper]:
    """The papers of a CSV's rows: titled, accepted (unless ``all_decisions``), with no control character."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.error(path, (1, None), Code.file, "the CSV file is empty")
        return []
    columns = _columns(header, mapping)
    cells = {field: header.index(column) for field, column in columns.items()}
    out: list[CsvPaper] = []
    skipped = 0
    line = reader.line_num + 1
    for row in reader:
        place = (line, None)
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.warning(
                path, place, Code.file, f"row has {len(row)} cells, the header {len(header)}", "check the quoting"
            )
        record = {f: (row[i] if i < len(row) else "").strip() for f, i in cells.items()}
        title = re.sub(r"\s+", " ", record.get("title", ""))
        if not title:
            problems.warning(path, place, Code.file, "row without a title; skipped")
            continue
        decision = record.get("decision", "")
        if "decision" in columns and not all_decisions and not _accepted(decision):
            skipped += 1
            continue
        refused = _control_character(record)
        if refused:
            problems.error(path, place, Code.file, refused, "remove it from the export; the row was skipped")
            continue
        names = _split(record.get("authors", ""))
        affiliations = _split(record.get("affiliations", ""))
        emails = _split(record.get("emails", ""))
        authors = []
        for i, raw_name in enumerate(names):
            m = re.match(r"^(?P<name>[^()]*)\((?P<aff>.*)\)\s*$", raw_name)
            name = (m["name"] if m else raw_name).strip()
            affiliation = (m["aff"].strip() if m else None) or (affiliations[i] if i < len(affiliations) else None)
            authors.append(CsvAuthor(name, affiliation or None, emails[i].casefold() if i < len(emails) else ""))
        abstract = record.get("abstract", "").replace("\r\n", "\n").replace("\r", "\n").strip()
        out.append(
            CsvPaper(
                place[0],
                title,
                authors,
                _kind(decision, record.get("track", "")),
                abstract or None,
                record.get("pdf") or None,
                _split(record.get("keywords", "")),
                record.get("id", ""),
            )
        )
    if skipped:
        problems.warning(
            path,
            (None, None),
            Code.file,
            f"{skipped} submissions not accepted were left out",
            "pass --all-decisions to import them",
        )
    return out


def read_papers(
    path: Path, event: str, mapping: list[str], all_decisions: bool, report: ImportReport
) -> tuple[list[Person], list[Contribution]]:
    raw = read_or_report(path, Kind.csv, report.problems)
    if raw is None:
        return [], []
    rows = paper_rows(path, decode(raw, path, report.problems), mapping, all_decisions, report.problems)
    people: dict[tuple[str, str], Person] = {}
    first_with_name: dict[str, tuple[str, str]] = {}  # a folded name -> the first key with it
    ids, contribution_ids = _Ids(), _Ids()
    contributions: list[Contribution] = []
    for row in rows:
        place = (row.line, None)
        authors = []
        for i, author in enumerate(row.authors):
            name, affiliation = author.name, author.affiliation
            key = (" ".join(fold(name).split()), author.email)
            if key not in people and not author.email and key[0] in first_with_name:
                key = first_with_name[key[0]]  # same name, no email to tell apart
            person = people.get(key)
            if person is None:
                try:
                    pid = ids.claim(_id_base(slugify(name)) or "author")
                    person = Person(id=pid, name=name, affiliation=affiliation)
                except ValidationError as exc:
                    error = exc.errors()[0]
                    report.problems.error(path, place, Code.file, f"author {i + 1}: {error['loc'][0]}: {error['msg']}")
                    continue
                people[key] = person
                first_with_name.setdefault(key[0], key)
            entry: dict[str, str] = {"person": person.id}
            if affiliation:
                entry["affiliation"] = affiliation
            authors.append(entry)
        title = row.title
        family = split_name(row.authors[0].name).family if row.authors else event
        words = [w for w in slugify(title).split("-") if w and w not in STOP] or ["paper"]
        base = f"{words[0]}-{slugify(family)}" if row.authors else f"{words[0]}-{event}"
        if row.id:
            base = f"{base}-{slugify(row.id)}" if base in contribution_ids else base
        data: dict[str, object] = {
            "id": contribution_ids.claim(_id_base(base)),
            "kind": row.kind.value,
            "title": title,
            "authors": authors,
        }
        if row.abstract:
            data["abstract"] = row.abstract
        if row.pdf and row.pdf.startswith("https://"):
            data["pdf"] = row.pdf
        if row.keywords:
            data["keywords"] = row.keywords
        try:
            contributions.append(Contribution.model_validate(data))
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            report.problems.error(path, place, Code.file, f"{where}: {error['msg']}; the row was skipped")
    return sorted(people.values(), key=lambda p: p.id), contributions
