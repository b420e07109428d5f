"""What each event's printed volume holds, in which order, and on which pages its papers fall.

The plan is made from the data alone, before LaTeX runs, so that the HTML book,
the citation files and the volume agree on page numbers:

- contributions are grouped as the event is: its sessions in programme order,
  then the unscheduled ones by kind (invited talks, papers, posters and demos);
- in a *paper volume* the main matter opens with every contribution that has a
  local PDF (``pdf:`` naming a project file), each starting on a new page and
  taking exactly its PDF's pages, numbered from 1; the contributions without a
  PDF follow as abstracts;
- in a *book of abstracts* every contribution is an abstract and the entries
  flow, so no page is known before LaTeX has set them: none is stated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium

from sphinx_proceedings.data.index import ProceedingsIndex, day_label
from sphinx_proceedings.data.link_checks import link_target
from sphinx_proceedings.data.model import Contribution, ContributionKind, Day, EventData, Session

LAYOUTS = ("auto", "papers", "abstracts")
TALK_KINDS = frozenset({ContributionKind.keynote, ContributionKind.invited_talk, ContributionKind.tutorial})
DISPLAY_KINDS = frozenset({ContributionKind.poster, ContributionKind.demo})


@dataclass(frozen=True)
class Group:
    """Contributions that belong together in the table of contents (a session, or a kind)."""

    title: str
    contributions: tuple[Contribution, ...]
    session_id: str | None = None


@dataclass(frozen=True)
class Paper:
    """A contribution whose own PDF is printed in the volume, on pages ``first``–``last``."""

    contribution: Contribution
    pdf: Path
    first: int
    last: int


@dataclass(frozen=True)
class EventVolume:
    data: EventData
    layout: str  # "papers" or "abstracts"
    groups: tuple[Group, ...]  # every contribution once, as the event groups them
    papers: tuple[Paper, ...]  # the included PDFs, in main-matter order (empty for abstracts)

    @cached_property
    def pages(self) -> dict[str, tuple[int, int]]:
        """Contribution id -> (first, last) page, for the papers printed here (looked up per HTML page)."""
        return {p.contribution.id: (p.first, p.last) for p in self.papers}

    @property
    def paper_ids(self) -> frozenset[str]:
        return frozenset(self.pages)

    def abstract_groups(self) -> list[Group]:
        """The groups again, without the contributions printed as papers."""
        out = []
        for group in self.groups:
            rest = tuple(c for c in group.contributions if c.id not in self.paper_ids)
            if rest:
                out.append(Group(group.title, rest, group.session_id))
        return out

    def paper_groups(self) -> list[tuple[Group, list[Paper]]]:
        by_id = {p.contribution.id: p for p in self.papers}
        out = []
        for group in self.groups:
            mine = [by_id[c.id] for c in group.contributions if c.id in by_id]
            if mine:
                out.append((group, mine))
        return out


def paper_pdf(index: ProceedingsIndex, c: Contribution) -> Path | None:
    """The project file that ``pdf:`` names, if it is one (a URL is not printed in the volume)."""
    if not c.pdf or "://" in c.pdf or not c.pdf.lower().endswith(".pdf"):
        return None
    origin = index.origins.contributions.get(c.id)
    target = link_target(c.pdf, origin.path) if origin is not None else None
    return target.resolve() if target is not None and target.is_file() else None


def page_count(pdf: Path) -> int:
    """Pages of a PDF; ``pdfium.PdfiumError`` or ``OSError`` when it cannot be read."""
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def event_groups(index: ProceedingsIndex, data: EventData) -> list[Group]:
    groups: list[Group] = []
    placed: set[str] = set()
    for day in data.schedule.days:
        for session in day.sessions:
            mine = [index.contributions[cid] for cid in index.session_contributions(session) if cid not in placed]
            placed.update(c.id for c in mine)
            if mine:
                groups.append(Group(session.title or _untitled(day, session), tuple(mine), session.id))
    rest = [c for c in data.contributions if c.id not in placed]
    kinds: tuple[tuple[str, Callable[[Contribution], bool]], ...] = (
        ("Invited talks", lambda c: c.kind in TALK_KINDS),
        ("Posters and demos", lambda c: c.kind in DISPLAY_KINDS),
        ("Accepted papers", lambda c: True),
    )
    for title, wanted in kinds:
        mine = [c for c in rest if wanted(c)]
        rest = [c for c in rest if not wanted(c)]
        if mine:
            groups.append(Group(title, tuple(mine)))
    return groups


def _untitled(day: Day, session: Session) -> str:
    start = session.start or next((slot.start for slot in session.slots if slot.start), None)
    when = ", ".join(part for part in (day_label(day) if day.date else "", f"{start:%H:%M}" if start else "") if part)
    return f"Session, {when}" if when else "Session"


def plan_event(index: ProceedingsIndex, data: EventData, layout: str = "auto") -> EventVolume:
    groups = tuple(event_groups(index, data))
    pdfs = {c.id: path for g in groups for c in g.contributions if (path := paper_pdf(index, c)) is not None}
    chosen = ("papers" if pdfs else "abstracts") if layout == "auto" else layout
    papers: list[Paper] = []
    if chosen == "papers":
        page = 1
        for group in groups:
            for c in group.contributions:
                if c.id in pdfs:
                    count = page_count(pdfs[c.id])
                    papers.append(Paper(c, pdfs[c.id], page, page + count - 1))
                    page += count
    return EventVolume(data, chosen, groups, tuple(papers))


def plan_volumes(index: ProceedingsIndex, layout: str = "auto") -> dict[str, EventVolume]:
    return {data.event.id: plan_event(index, data, layout) for data in index.proceedings.events}


def paper_pages(plans: dict[str, EventVolume]) -> dict[str, tuple[int, int]]:
    """Contribution id -> (first, last) page in its event's volume, for the papers printed there."""
    return {cid: pages for plan in plans.values() for cid, pages in plan.pages.items()}
