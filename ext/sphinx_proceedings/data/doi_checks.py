"""DOIs across the whole data: one work, one DOI (a volume's or a contribution's, compared as DOIs are,
regardless of case)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_proceedings.data.model import Proceedings
from sphinx_proceedings.data.problems import Code, Problems

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin, Origins


def check_unique_dois(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    first: dict[str, tuple[str, Origin]] = {}
    named: list[tuple[str, str, Origin]] = []
    for data in proc.events:
        if data.event.doi and data.event.id in origins.events:
            named.append((data.event.doi, f"event '{data.event.id}'", origins.events[data.event.id]))
        for c in data.contributions:
            if c.doi and c.id in origins.contributions:
                named.append((c.doi, f"contribution '{c.id}'", origins.contributions[c.id]))
    for doi, owner, origin in named:
        seen = first.setdefault(doi.casefold(), (owner, origin))
        if seen[1] is not origin:
            problems.error(
                origin.path,
                origin.at("doi"),
                Code.duplicate_id,
                f"DOI {doi} is also the DOI of {seen[0]} at {seen[1].place('doi')}",
                "a DOI names one work: give each its own",
            )
