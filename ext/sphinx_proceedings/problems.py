"""Problems found in user data: where, how bad, what is wrong, what would fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    error = "error"
    warning = "warning"


class Code(StrEnum):
    """Warning subtypes; Sphinx users suppress them as ``proceedings.<code>``."""

    yaml = "yaml"
    type = "type"
    unknown_key = "unknown_key"
    duplicate_id = "duplicate_id"
    unknown_ref = "unknown_ref"
    schedule = "schedule"
    timezone = "timezone"
    link = "link"
    bibtex = "bibtex"
    names = "names"
    dates = "dates"
    person_conflict = "person_conflict"
    file = "file"


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    line: int | None
    column: int | None
    severity: Severity
    code: Code
    message: str
    hint: str | None = None
    # For unknown references: "person:ada-lovelace", so that follow-up errors of a record
    # that failed on its own can be dropped (the record's own error says it all).
    ref: str | None = None

    def display_path(self, base: Path | None = None) -> str:
        """The file's path, relative to ``base`` when it lies below it."""
        if base is not None:
            try:
                return str(self.path.resolve().relative_to(base.resolve()))
            except ValueError:
                pass
        return str(self.path)

    def location(self, base: Path | None = None) -> str:
        """``path:line:column`` as editors and Sphinx print it."""
        parts = [self.display_path(base)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, base: Path | None = None) -> str:
        text = f"{self.location(base)}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def as_json(self, base: Path | None = None) -> dict[str, object]:
        data = asdict(self)
        data.update(path=self.display_path(base), severity=str(self.severity), code=str(self.code))
        del data["ref"]
        return data


class Problems(list[Problem]):
    """A collecting list with one-line helpers for each severity."""

    def error(
        self, path: Path, where: tuple[int | None, int | None], code: Code, message: str, hint: str | None = None
    ) -> None:
        self.append(Problem(path, where[0], where[1], Severity.error, code, message, hint))

    def warning(
        self, path: Path, where: tuple[int | None, int | None], code: Code, message: str, hint: str | None = None
    ) -> None:
        self.append(Problem(path, where[0], where[1], Severity.warning, code, message, hint))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.warning]


def place(path: Path, line: int | None, root: Path | None) -> str:
    """``path:line`` relative to ``root`` when the file lies below it."""
    shown = str(path)
    if root is not None:
        try:
            shown = str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return f"{shown}:{line}" if line is not None else shown
