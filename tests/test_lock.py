"""The lock: every dependency pyproject.toml names, at one exact version that meets its bounds, and the
book's subset (Read the Docs, `proceedings new`) at the same versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).parent.parent
LOCK = REPO / "requirements" / "lock.txt"
BOOK = REPO / "requirements" / "book.txt"
SCAFFOLD_PINS = REPO / "ext" / "sphinx_proceedings" / "templates" / "book-requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?:\s*;.*)?$")


def pins(path: Path) -> dict[str, Version]:
    found: dict[str, Version] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"{path.name}: not an exact pin: {line!r}"
        name = canonicalize_name(match[1])
        assert name not in found, f"{path.name}: {name} is pinned twice (one version for every Python)"
        found[name] = Version(match[2])
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(r) for r in project["dependencies"] + [r for group in extras.values() for r in group]]


def test_every_declared_dependency_is_locked_within_its_bounds() -> None:
    locked = pins(LOCK)
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in {LOCK.name}: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{name}=={locked[name]} breaks {requirement}"
        )


def test_every_declared_dependency_has_a_lower_bound() -> None:
    for requirement in declared():
        assert any(spec.operator == ">=" for spec in requirement.specifier), f"{requirement} has no lower bound"


def test_the_book_subset_has_the_locked_versions() -> None:
    locked, book = pins(LOCK), pins(BOOK)
    assert canonicalize_name("sphinx") in book and canonicalize_name("pytest") not in book
    assert {name: version for name, version in book.items() if locked.get(name) != version} == {}


def test_new_projects_get_the_book_subset() -> None:
    assert SCAFFOLD_PINS.read_text(encoding="utf-8") == BOOK.read_text(encoding="utf-8"), "run `make lock`"
