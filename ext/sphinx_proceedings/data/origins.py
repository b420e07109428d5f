"""Where each record was written (file, line, column), for messages about relations between records."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_proceedings.data.model import Person
from sphinx_proceedings.data.problems import Code, Problem, Problems, Severity, place
from sphinx_proceedings.data.yamlsource import YamlDocument


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file and its path inside the file."""

    doc: YamlDocument
    loc: tuple[str | int, ...]

    def at(self, *more: str | int) -> tuple[int | None, int | None]:
        return self.doc.locate((*self.loc, *more))

    @property
    def path(self) -> Path:
        return self.doc.path

    def place(self, *loc: str | int) -> str:
        """``path:line`` of a value, relative to the project, for messages that name another place."""
        return place(self.path, self.at(*loc)[0], self.doc.root)


@dataclass
class Origins:
    """Places of records, for messages about relations between them."""

    root: Path = Path(".")

    events: dict[str, Origin] = field(default_factory=dict)
    schedules: dict[str, Origin] = field(default_factory=dict)
    # (event id, person id) -> origin; a person may be listed by several events
    people: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # the same key -> the record as that file wrote it (merging keeps only the first of two photos)
    person_records: dict[tuple[str, str], Person] = field(default_factory=dict)
    contributions: dict[str, Origin] = field(default_factory=dict)
    # "person:<id>" / "contribution:<id>" of records that failed validation, and "person:*" when a
    # people file could not be read at all: references to them are not reported again.
    broken: set[str] = field(default_factory=set)
    references: dict[tuple[str, str], tuple[Path, int]] = field(default_factory=dict)


def report_unknown(
    problems: Problems, origin: Origin, loc: tuple[str | int, ...], kind: str, ref: str, known: Iterable[str]
) -> None:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add a {kind} with id '{ref}' or fix the id"
    line, column = origin.at(*loc)
    problems.append(
        Problem(
            origin.path,
            line,
            column,
            Severity.error,
            Code.unknown_ref,
            f"unknown {kind} '{ref}'",
            hint,
            ref=f"{kind}:{ref}",
        )
    )
