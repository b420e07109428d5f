"""A run of people on one line: 'A (X), B (Y) and C (Z)' or 'A, B, C, D' — a committee written as a paragraph."""

from __future__ import annotations

import re

from sphinx_proceedings.importers.recognise import names

_AND = re.compile(r",?\s+(?:and|&)\s+")
_WITH_AFFILIATION = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<aff>[^()]+)\)$")
FEWEST_BARE = 3  # 'Jane Doe, Carnegie Mellon' is one person and where they work; three bare names are a list


def _split_outside_parentheses(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _joined(text: str) -> str:
    """'A (X) and B (Y)' -> 'A (X), B (Y)'; an 'and' inside an affiliation ('(Arts and Sciences)') stays."""
    out, depth, i = [], 0, 0
    while i < len(text):
        ch = text[i]
        depth += {"(": 1, ")": -1}.get(ch, 0)
        m = _AND.match(text, i) if depth == 0 else None
        if m:
            out.append(", ")
            i = m.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def people_run(text: str) -> list[tuple[str, str | None, str]] | None:
    """The people of a line as (name, affiliation, the part written), or None unless every part is one.

    Every part 'Name (Affiliation)' (two or more), or every part a bare name (three or more).
    """
    parts = _split_outside_parentheses(_joined(text.strip()))
    if len(parts) < 2:
        return None
    found: list[tuple[str, str | None, str]] = []
    for part in parts:
        m = _WITH_AFFILIATION.match(part)
        name = names.strip_roles(m["name"]) if m else names.strip_roles(part)
        if not names.is_person(name):
            return None
        found.append((name, m["aff"].strip() if m else None, part))
    with_affiliation = sum(1 for _, aff, _ in found if aff)
    if with_affiliation == len(found) or (with_affiliation == 0 and len(found) >= FEWEST_BARE):
        return found
    return None
