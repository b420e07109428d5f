"""What a slot of the programme says, the same in every schedule export (iCalendar, frab JSON and XML).

A slot is one entry of a schedule, however many contributions it holds: the 9 system updates of a
90-minute slot are one calendar event and one frab event, titled after the slot, with every speaker
and a plain-text description that lists each contribution with its speakers, links and abstract.
"""

from __future__ import annotations

from collections.abc import Sequence

from sphinx_proceedings.data.model import KIND_LABELS, Contribution
from sphinx_proceedings.exporters.timeline import TimedSlot, Timeline, affiliation, is_web_link

# Contribution fields that become links, with the titles the frab importer reads back.
LINK_FIELDS = (("slides", "Slides"), ("video", "Video"), ("pdf", "Paper"), ("poster", "Poster"))


def slot_title(timed: TimedSlot) -> str:
    """Its one contribution's title; else the slot's own title, or its contributions' titles joined."""
    if len(timed.contributions) == 1:
        return timed.contributions[0].title
    return timed.slot.title or "; ".join(c.title for c in timed.contributions) or timed.slot.kind.value


def slot_people(timed: TimedSlot) -> list[str]:
    """Everyone who speaks in the slot, once each: each contribution's authors, then who leads the slot."""
    return list(dict.fromkeys([*(pid for c in timed.contributions for pid in c.person_ids), *timed.slot.people]))


def slot_description(timeline: Timeline, timed: TimedSlot, affiliations: bool = True) -> str:
    """Plain text: what happens, who speaks (with affiliations, unless told not to), where slides and videos are."""
    names = _Names(timeline, affiliations)
    blocks: list[str] = []
    session = timed.session
    if session.title:
        chairs = names.all(session.chairs)
        blocks.append(f"{session.title}" + (f" (chair: {chairs})" if chairs else ""))
    if (timed.slot.title and len(timed.contributions) != 1) or (
        timed.slot.title and timed.slot.title != timed.contributions[0].title
    ):
        blocks.append(timed.slot.title)
    if timed.slot.people:
        blocks.append(names.all(timed.slot.people))
    for c in timed.contributions:
        blocks.append(_contribution_text(names, c, titled=len(timed.contributions) > 1))
    if timed.slot.note:
        blocks.append(timed.slot.note)
    return "\n\n".join(b for b in blocks if b)


def _contribution_text(names: _Names, c: Contribution, titled: bool) -> str:
    lines = [f"{KIND_LABELS[c.kind]}: {c.title}" if titled else KIND_LABELS[c.kind]]
    speakers = ", ".join(names.one(a.person, a.affiliation) for a in c.authors)
    if speakers:
        lines.append(f"Speakers: {speakers}")
    for field, title in (*LINK_FIELDS, ("url", "Page")):
        value = getattr(c, field)
        if is_web_link(value):
            lines.append(f"{title}: {value}")
    if c.doi:
        lines.append(f"DOI: https://doi.org/{c.doi}")
    if c.abstract:
        lines += ["", c.abstract]
    return "\n".join(lines)


class _Names:
    """People as the description prints them: 'Grace Hopper (US Navy)', or the name alone."""

    def __init__(self, timeline: Timeline, affiliations: bool) -> None:
        self.timeline = timeline
        self.affiliations = affiliations

    def one(self, pid: str, on_record: str | None = None) -> str:
        person = self.timeline.proceedings.people.get(pid)
        name = person.name if person else pid
        if not self.affiliations:
            return name
        where = affiliation(self.timeline.proceedings, self.timeline.event_id, pid, on_record)
        return f"{name} ({where})" if where else name

    def all(self, pids: Sequence[str]) -> str:
        return ", ".join(self.one(pid) for pid in pids)
