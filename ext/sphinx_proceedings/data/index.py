"""Look-ups over the loaded model that pages need: who did what, where a talk sits."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_proceedings.data.fingerprints import record_fingerprints
from sphinx_proceedings.data.model import Contribution, Day, EventData, Person, Proceedings, Session, Slot

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origins


@dataclass(frozen=True)
class Placement:
    """Where a contribution is on the programme."""

    event: EventData
    day: Day
    session: Session
    slot: Slot


@dataclass(frozen=True)
class Role:
    """One thing a person did at one event."""

    event_id: str
    kind: str  # "author", "chair", "organizer", "committee", "slot"
    target: str  # contribution, session or event id
    detail: str = ""


@dataclass(eq=False)  # one per load; compared (and weakly mapped) by identity
class ProceedingsIndex:
    proceedings: Proceedings
    origins: Origins
    root: Path
    contributions: dict[str, Contribution] = field(init=False)
    event_of: dict[str, EventData] = field(init=False)
    sessions: dict[str, tuple[EventData, Day, Session]] = field(init=False)

    def __post_init__(self) -> None:
        self.contributions = {}
        self.event_of = {}
        self.sessions = {}
        for data in self.proceedings.events:
            for c in data.contributions:
                self.contributions[c.id] = c
                self.event_of[c.id] = data
            for day in data.schedule.days:
                for session in day.sessions:
                    self.sessions[session.id] = (data, day, session)

    @property
    def people(self) -> dict[str, Person]:
        return self.proceedings.people

    def event(self, event_id: str) -> EventData | None:
        return next((e for e in self.proceedings.events if e.event.id == event_id), None)

    @cached_property
    def placements(self) -> dict[str, list[Placement]]:
        found: dict[str, list[Placement]] = {}
        for data in self.proceedings.events:
            for day in data.schedule.days:
                for session in day.sessions:
                    for slot in session.slots:
                        for cid in slot.contributions:
                            found.setdefault(cid, []).append(Placement(data, day, session, slot))
        return found

    @cached_property
    def roles(self) -> dict[str, list[Role]]:
        """Person id -> every role across the series, in programme order."""
        found: dict[str, list[Role]] = {}
        for data in self.proceedings.events:
            eid = data.event.id
            for m in data.event.organizers:
                found.setdefault(m.person, []).append(Role(eid, "organizer", eid, m.role or ""))
            for m in data.event.committee:
                found.setdefault(m.person, []).append(Role(eid, "committee", eid, m.role or ""))
            for day in data.schedule.days:
                for session in day.sessions:
                    for pid in session.chairs:
                        found.setdefault(pid, []).append(Role(eid, "chair", session.id))
                    for slot in session.slots:
                        for pid in slot.people:
                            found.setdefault(pid, []).append(Role(eid, "slot", session.id, slot.title or ""))
            for c in data.contributions:
                for pid in c.person_ids:
                    found.setdefault(pid, []).append(Role(eid, "author", c.id))
        return found

    @cached_property
    def first_event_of_reference(self) -> dict[str, str]:
        """Casefolded BibTeX key -> the first event whose references list it (BibTeX keys ignore case)."""
        found: dict[str, str] = {}
        for data in self.proceedings.events:
            for ref in data.references:
                found.setdefault(ref.key.casefold(), data.event.id)
        return found

    def affiliation(self, person_id: str, event_id: str | None) -> str | None:
        """The person's affiliation at ``event_id``, else their own."""
        per_event = self.proceedings.affiliations.get(person_id, {})
        if event_id and event_id in per_event:
            return per_event[event_id]
        person = self.people.get(person_id)
        return person.affiliation if person else None

    def session_contributions(self, session: Session) -> list[str]:
        return [cid for slot in session.slots for cid in slot.contributions if cid in self.contributions]

    def unscheduled(self, data: EventData) -> list[Contribution]:
        return [c for c in data.contributions if c.id not in self.placements]

    def display(self, objtype: str, oid: str) -> str:
        """The text a link to a ``proc`` object shows: a title or a name ("" for an unknown id)."""
        if objtype == "contribution":
            c = self.contributions.get(oid)
            return c.title if c else ""
        if objtype == "person":
            person = self.people.get(oid)
            return person.name if person else ""
        if objtype == "session":
            found = self.sessions.get(oid)
            return (found[2].title or "") if found else ""
        data = self.event(oid) if objtype == "event" else None
        return data.event.name if data else ""

    @cached_property
    def fingerprints(self) -> dict[str, str]:
        """A short hash per record (fingerprints.py), computed when a build first asks."""
        return record_fingerprints(self.proceedings)

    def fingerprint(self, key: str) -> str:
        return self.fingerprints.get(key, "")

    @cached_property
    def fingerprints_digest(self) -> str:
        """One digest of every record's fingerprint (the stamps of derived files share it)."""
        digest = hashlib.blake2b(digest_size=16)
        for key, fingerprint in sorted(self.fingerprints.items()):
            digest.update(f"{key}={fingerprint}\x00".encode())
        return digest.hexdigest()


def day_label(day: Day) -> str:
    if day.date:
        return f"{day.date:%A, %d %B %Y}" + (f" — {day.title}" if day.title else "")
    return day.title or "Programme"


def time_span(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%H:%M}" if start else ""
