"""Problems found in user data: where, how bad, what is wrong, what would fix it."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    note = "note"  # worth knowing, nothing to fix: never fails a check, not even with --strict


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
    citation = "citation"


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
        return relative(self.path, base)

    def location(self, base: Path | None = None) -> str:
        """``path:line:column`` as editors and Sphinx print it."""
        parts = [self.display_path(base)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, base: Path | None = None) -> str:
        """One line, ``path:line:column: severity: message (hint: …)``, whatever the message quotes."""
        text = f"{self.location(base)}: {self.severity}: {self.message}"
        return one_line(f"{text} (hint: {self.hint})" if self.hint else text)

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

    def note(
        self, path: Path, where: tuple[int | None, int | None], code: Code, message: str, hint: str | None = None
    ) -> None:
        self.append(Problem(path, where[0], where[1], Severity.note, code, message, hint))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.warning]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self if p.severity is Severity.note]


# Every character str.splitlines breaks at: quoted user text (an id, a name) may hold any of them.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def message_of(error: Any) -> str:
    """A pydantic error's message as a sentence of ours."""
    return str(error["msg"]).removeprefix("Value error, ").rstrip(".")


def one_line(text: str) -> str:
    """``text`` with its line breaks escaped (``\\u2028``), so that a report stays one line per problem."""
    return text.translate(_LINE_BREAKS)


def relative(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies below it, else as given."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return str(path.resolve().relative_to(root.resolve()))
    return str(path)


def place(path: Path, line: int | None, root: Path | None) -> str:
    """``path:line`` relative to ``root``, for messages that name another place."""
    shown = relative(path, root)
    return f"{shown}:{line}" if line is not None else shown


def byte_place(raw: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset, the column counted in characters, as editors show it."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1
