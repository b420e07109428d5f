"""What an import did and what needs a human look, printed as `path:line: severity: message`."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sphinx_proceedings.data.problems import Problems


@dataclass
class ImportReport:
    problems: Problems = field(default_factory=Problems)
    actions: list[tuple[str, Path, str | None]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def action(self, what: str, path: Path, content: str | None = None) -> None:
        self.actions.append((what, path, content))

    def print(self, out: TextIO | None = None, err: TextIO | None = None, base: Path | None = None) -> None:
        out, err, base = out or sys.stdout, err or sys.stderr, base or Path.cwd()
        for what, path, content in self.actions:
            print(f"{what}: {_show(path, base)}", file=out)
            if content is not None:
                for line in content.splitlines():
                    print(f"    {line}", file=out)
        for problem in self.problems:
            print(problem.format(base), file=err)
        summary = ", ".join(f"{n} {k}" for k, n in self.counts.items())
        errors, warnings = len(self.problems.errors), len(self.problems.warnings)
        print(f"{summary}{'; ' if summary else ''}{errors} errors, {warnings} warnings to look at", file=err)


def _show(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
