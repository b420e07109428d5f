"""A short hash of every record, by key (``contribution:<id>``, ``person:<id>``, ...).

Builds compare them to re-read only the pages whose records changed (incremental.py) and to skip
regenerating derived files (stamps.py). ``check`` and ``bib`` never need them, so they are computed
on first use (``ProceedingsIndex.fingerprints``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from sphinx_proceedings.data.model import Proceedings


def record_fingerprints(proceedings: Proceedings) -> dict[str, str]:
    """A short hash per record, so builds re-read only pages whose records changed."""
    events, people, affiliations = proceedings.events, proceedings.people, proceedings.affiliations

    def digest(*parts: BaseModel | object) -> str:
        text = "\x00".join(p.model_dump_json() if isinstance(p, BaseModel) else repr(p) for p in parts)
        return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()

    prints: dict[str, str] = {}
    for data in events:
        prints[f"event:{data.event.id}"] = digest(data.event)
        prints[f"schedule:{data.event.id}"] = digest(data.schedule)
        for ref in data.references:
            prints[f"reference:{data.event.id}:{ref.key}"] = digest(ref)
        for c in data.contributions:
            # Pages that only link a contribution show its title through the domain and are re-written, not
            # re-read, when the title changes (incremental.py); so the title has a fingerprint of its own.
            prints[f"contribution:{c.id}"] = digest(c.model_copy(update={"title": ""}))
            prints[f"title:contribution:{c.id}"] = digest(c.title)
        # Pages that list all of an event's contributions change when one is added or removed.
        prints[f"members:{data.event.id}"] = digest(tuple(c.id for c in data.contributions))
    for pid, person in people.items():
        prints[f"person:{pid}"] = digest(person, sorted(affiliations.get(pid, {}).items()))
    prints["members:people"] = digest(tuple(sorted(people)))
    prints["members:events"] = digest(tuple(e.event.id for e in events))
    return prints
