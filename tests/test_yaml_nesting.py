"""Too-deep YAML is the product's own located error, whether or not the YAML library has a depth limit.

PyYAML up to 6.0.3 has none (the composer recursed until the stack overflowed); 6.0.4's libyaml stops at
1,000 levels with "exceeded maximum nesting depth". Our own limit (``MAX_DEPTH``) is far lower, and the
library's message, where it comes first, is reported as ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sphinx_proceedings.data import yamlsource
from sphinx_proceedings.data.problems import Code, Problems


def _only_problem(path: Path) -> tuple[int | None, int | None, str, str | None]:
    problems = Problems()
    assert yamlsource.read_yaml(path, problems) is None
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.code is Code.yaml
    return problem.line, problem.column, problem.message, problem.hint


def test_nesting_past_our_limit_but_within_any_library_limit(tmp_path: Path) -> None:
    """Depth 40: no PyYAML release refuses it, so this is our own check, on every version."""
    path = tmp_path / "people.yaml"
    path.write_text("- id: x\n  name: " + "[" * 40 + "]" * 40 + "\n")
    line, column, message, hint = _only_problem(path)
    assert (line, column) == (2, 9 + yamlsource.MAX_DEPTH)  # the bracket that goes one level too deep
    assert message == "YAML nesting is too deep"
    assert hint == f"data files need at most {yamlsource.MAX_DEPTH} levels of nesting"


def test_the_library_limit_is_reported_as_ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What PyYAML 6.0.4 raises for 1,000 levels, made here so the test holds on releases without it."""
    path = tmp_path / "people.yaml"
    path.write_text("- id: x\n  name: [[]]\n")
    mark = yaml.Mark(str(path), 1006, 1, 1006, None, None)

    def library_limit(text: str) -> None:
        raise yaml.scanner.ScannerError("while scanning", mark, "exceeded maximum nesting depth", mark)

    monkeypatch.setattr(yamlsource, "_check_flow_depth", library_limit)
    line, column, message, hint = _only_problem(path)
    assert (line, column) == (2, 1007)
    assert message == "YAML nesting is too deep"
    assert hint == f"data files need at most {yamlsource.MAX_DEPTH} levels of nesting"


@pytest.mark.parametrize("text", ["- " * 5000 + "talk\n", "x: " + "[" * 5000 + "]" * 5000 + "\n"])
def test_the_installed_library_on_very_deep_text(tmp_path: Path, text: str) -> None:
    """Block and flow nesting far past every limit, with whatever PyYAML is installed."""
    path = tmp_path / "contributions.yaml"
    path.write_text(text)
    line, _, message, _ = _only_problem(path)
    assert line == 1
    assert message == "YAML nesting is too deep"
