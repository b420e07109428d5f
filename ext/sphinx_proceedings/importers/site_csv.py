"""A site's `_data/*.csv`: papers read through the CSV export reader, other tables as rows of named cells.

`_data/papers.csv` with title, authors, abstract and pdf columns is read as `import csv` reads an
export (the same column names, author splitting and decisions); a `committee.csv` or `schedule.csv`
is read row by row like the entries of a YAML list, each row keeping its line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_proceedings.data.model import ContributionKind
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers import csv_papers
from sphinx_proceedings.importers.draft import DraftContribution, PersonMention, Place


@dataclass
class CsvData:
    """A CSV data file's text, read when its kind is known."""

    path: Path
    text: str


class _Line:
    def __init__(self, line: int) -> None:
        self.line = line - 1  # ruamel's lines count from 0


class CsvRow(dict[str, Any]):
    """A row as a mapping of its header's names to its cells, with its line as YAML nodes have it."""

    lc: _Line


def load(path: Path, problems: Problems) -> CsvData | None:
    try:
        if path.stat().st_size > 2 * 1024 * 1024:
            problems.error(path, (None, None), Code.file, "data file is larger than 2 MiB")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.warning(path, (None, None), Code.file, f"not placed: data file does not load: {exc.strerror}")
        return None
    return CsvData(path, csv_papers.decode(raw, path, problems))


def is_paper_table(data: CsvData) -> bool:
    """A header naming a title and authors, the columns of an export."""
    header = next(csv.reader(io.StringIO(data.text, newline="")), [])
    names = {h.strip().casefold() for h in header}
    return bool(names & set(csv_papers.ALIASES["title"])) and bool(names & set(csv_papers.ALIASES["authors"]))


def papers(data: CsvData, problems: Problems, posters: bool) -> list[DraftContribution]:
    try:
        rows = csv_papers.paper_rows(data.path, data.text, [], False, problems)
    except csv_papers.MappingError as exc:
        problems.warning(data.path, (1, None), Code.file, f"not placed: {exc}")
        return []
    out = []
    for row in rows:
        place = Place(data.path, row.line)
        kind = row.kind if row.kind is not ContributionKind.paper or not posters else ContributionKind.poster
        paper = DraftContribution(row.title, kind, place)
        paper.authors = [PersonMention(a.name, place, affiliation=a.affiliation) for a in row.authors]
        paper.abstract, paper.pdf = row.abstract, row.pdf
        out.append(paper)
    return out


def rows(data: CsvData) -> list[CsvRow]:
    reader = csv.reader(io.StringIO(data.text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    out = []
    line = reader.line_num + 1
    for cells in reader:
        row = CsvRow({h: c.strip() for h, c in zip(header, cells, strict=False) if h and c.strip()})
        row.lc = _Line(line)
        line = reader.line_num + 1
        if row:
            out.append(row)
    return out
