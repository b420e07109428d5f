"""Counts of the facts an import found on the pages and of those its records hold."""

from __future__ import annotations

from sphinx_proceedings.data.names import fold
from sphinx_proceedings.importers.assemble import Records
from sphinx_proceedings.importers.draft import Draft, DraftContribution


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def found(draft: Draft) -> dict[str, int]:
    contributions: list[DraftContribution] = list(draft.papers)
    slots = 0
    for day in draft.days:
        for session in day.sessions:
            for slot in session.slots:
                slots += 1
                contributions += slot.contributions
    titled = {_key(c.title): c for c in contributions if c.title.strip()}
    names = {_key(p.name) for p in draft.organizers + draft.committee + draft.speakers}
    for c in contributions:
        names |= {_key(a.name) for a in c.authors}
    for day in draft.days:
        for session in day.sessions:
            names |= {_key(p.name) for p in session.chairs}
            for slot in session.slots:
                names |= {_key(p.name) for p in slot.people}
    return {
        "papers": sum(1 for c in titled.values() if not c.kind.is_talk),
        "talks": sum(1 for c in titled.values() if c.kind.is_talk),
        "slots": slots,
        "people": len(names),
        "abstracts": len({_key(c.title) for c in contributions if c.abstract}),
        "dates": len({d for d, _ in draft.event_dates} | {(d.label, d.date) for d in draft.important_dates}),
    }


def imported(records: Records) -> dict[str, int]:
    cfp = records.event.call_for_papers
    return {
        "papers": sum(1 for c in records.contributions if not c.kind.is_talk),
        "talks": sum(1 for c in records.contributions if c.kind.is_talk),
        "slots": sum(len(s.slots) for d in records.schedule.days for s in d.sessions),
        "people": len(_people(records)),
        "abstracts": sum(1 for c in records.contributions if c.abstract),
        "dates": (1 if records.event.start else 0) + (len(cfp.important_dates) if cfp else 0),
    }


def _people(records: Records) -> set[str]:
    ids = {p.id for p in records.people}
    ids |= {m.person for m in records.event.organizers + records.event.committee}
    for c in records.contributions:
        ids |= {a.person for a in c.authors}
    for day in records.schedule.days:
        for session in day.sessions:
            ids |= set(session.chairs)
            for slot in session.slots:
                ids |= set(slot.people)
    return ids
