"""What an import did and what needs a human look: per event, what the pages state against what arrived.

Text: the actions, then every problem as `path:line: severity: message`, then per event a line of
counts (found on the pages / imported) and the lines not placed. JSON (`--format json`): the same
as one object.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sphinx_proceedings.data.problems import Problems

FACTS = ("papers", "talks", "slots", "people", "abstracts", "dates")


@dataclass
class EventCounts:
    event: str
    found: dict[str, int]
    imported: dict[str, int]
    not_placed: list[str] = field(default_factory=list)
    conflicts: int = 0


@dataclass
class ImportReport:
    problems: Problems = field(default_factory=Problems)
    actions: list[tuple[str, Path, str | None]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    events: list[EventCounts] = field(default_factory=list)

    def action(self, what: str, path: Path, content: str | None = None) -> None:
        self.actions.append((what, path, content))

    def print(
        self, out: TextIO | None = None, err: TextIO | None = None, base: Path | None = None, fmt: str = "text"
    ) -> None:
        out, err, base = out or sys.stdout, err or sys.stderr, base or Path.cwd()
        if fmt == "json":
            print(json.dumps(self.as_json(base), indent=2, ensure_ascii=False), file=out)
            return
        for what, path, content in self.actions:
            print(f"{what}: {_show(path, base)}", file=out)
            if content is not None:
                for line in content.splitlines():
                    print(f"    {line}", file=out)
        for problem in self.problems:
            print(problem.format(base), file=err)
        for ev in self.events:
            facts = ", ".join(f"{k} {ev.found.get(k, 0)}/{ev.imported.get(k, 0)}" for k in FACTS)
            extra = f", {ev.conflicts} conflicts kept" if ev.conflicts else ""
            print(f"{ev.event}: found/imported {facts}; {len(ev.not_placed)} not placed{extra}", file=err)
        summary = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        errors, warnings = len(self.problems.errors), len(self.problems.warnings)
        print(f"{summary}{'; ' if summary else ''}{errors} errors, {warnings} warnings to look at", file=err)

    def as_json(self, base: Path) -> dict[str, object]:
        return {
            "events": [
                {
                    "event": ev.event,
                    "found": ev.found,
                    "imported": ev.imported,
                    "not_placed": ev.not_placed,
                    "conflicts": ev.conflicts,
                }
                for ev in self.events
            ],
            "actions": [{"action": what, "path": _show(path, base)} for what, path, _ in self.actions],
            "problems": [p.as_json(base) for p in self.problems],
            "errors": len(self.problems.errors),
            "warnings": len(self.problems.warnings),
        }


def _show(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
