"""Markdown and HTML tables, read by what their header row names each column.

A table with a time column is a schedule ('Time | Talk | Speaker'); one with a name column is a list of people
(programme committee, organizers); one with title and authors columns is a list of papers. A row that fits
none of these is reported, with its line, as not placed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import DraftDay, DraftSession, PersonMention, Place
from sphinx_proceedings.importers.inline import Inline, Run
from sphinx_proceedings.importers.page_facts import PageContext, add_person, person_from_parts
from sphinx_proceedings.importers.recognise import names
from sphinx_proceedings.importers.recognise.schedule_cell import Line, read_cell

COLUMN_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("time", ("time", "when", "hour", "start", "slot")),
    ("end", ("end", "until")),
    ("date", ("date", "day")),
    ("kind", ("type", "kind", "format", "category")),
    ("speaker", ("speaker", "presenter", "who", "by", "panelist", "author", "chair")),
    ("affiliation", ("affiliation", "institution", "organization", "organisation", "company", "university")),
    ("name", ("name", "member", "person", "people", "reviewer", "organizer", "organiser")),
    ("role", ("role", "position")),
    ("email", ("email", "e-mail", "mail", "contact")),
    ("links", ("slides", "video", "pdf", "link", "material", "recording", "paper link")),
    (
        "title",
        (
            "title",
            "talk",
            "paper",
            "session",
            "event",
            "activity",
            "topic",
            "program",
            "what",
            "section",
            "item",
            "agenda",
            "description",
            "presentation",
        ),
    ),
]


@dataclass
class Row:
    place: Place
    cells: list[list[Line]]

    def text(self, i: int | None) -> str:
        if i is None or i >= len(self.cells):
            return ""
        return " ".join(ln.inline.text for ln in self.cells[i]).strip()


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    place: Place | None = None

    def roles(self) -> dict[str, int]:
        """Which column holds what, from the header words ('Speaker(s)' -> speaker)."""
        out: dict[str, int] = {}
        for i, head in enumerate(self.header):
            low = re.sub(r"[^a-z -]+", " ", head.lower())
            for role, words in COLUMN_WORDS:
                if role not in out and any(re.search(rf"\b{re.escape(w)}", low) for w in words):
                    out[role] = i
                    break
        if (
            "time" not in out and self.rows and all(textual.time_range(r.text(0)) for r in self.rows if r.text(0))
        ):  # no header word, but the first column holds times
            out = {k: v for k, v in out.items() if v != 0} | {"time": 0}
        return out


def _line(text: str) -> Line:
    return Line(Inline([Run(text)]))


class TableReader:
    def __init__(self, ctx: PageContext, section: str | None, heading: str | None) -> None:
        self.ctx, self.section, self.heading = ctx, section, heading

    def read(self, table: Table, day: DraftDay | None) -> DraftDay | None:
        """Place every row; the day the schedule rows went into is handed back."""
        roles = table.roles()
        if "time" in roles:
            return self._schedule(table, roles, day)
        if "name" in roles or (self.section in ("organizers", "committee") and table.rows):
            self._people(table, roles)
        elif "title" in roles and "speaker" in roles:
            self._papers(table, roles)
        else:
            for row in table.rows:
                self.ctx.not_placed(" | ".join(row.text(i) for i in range(len(row.cells))), row.place)
        return day

    # -- schedules ---------------------------------------------------------
    def _schedule(self, table: Table, roles: dict[str, int], day: DraftDay | None) -> DraftDay | None:
        others = [i for i in range(len(table.header) or len(table.rows[0].cells)) if i not in roles.values()]
        title_col = roles.get("title", others[0] if others else None)
        session: DraftSession | None = None
        for row in table.rows:
            when = textual.time_range(row.text(roles["time"]).replace("\xa0", " "))
            dates = textual.find_dates(row.text(roles["date"]), self.ctx.year) if "date" in roles else []
            if dates and (day is None or day.date != dates[0][0]):
                day = DraftDay(row.place, date=dates[0][0])
                self.ctx.draft.days.append(day)
                session = None
            if when is None:
                label = " ".join(row.text(i) for i in range(len(row.cells)) if row.text(i))
                found = textual.find_dates(label, self.ctx.year)
                if found and len(label) < 60:  # a row that names the next day
                    day = DraftDay(row.place, date=found[0][0], title=label)
                    self.ctx.draft.days.append(day)
                elif label and len([i for i in range(len(row.cells)) if row.text(i)]) == 1:
                    session = DraftSession(row.place, title=label)  # a row across the table: a session
                    day = self._day(day, row.place)
                    day.sessions.append(session)
                elif label:
                    self.ctx.not_placed(label, row.place)
                continue
            start, end = self.ctx.afternoon(when[0], when[1])
            if "end" in roles and end is None and (until := textual.time_range(row.text(roles["end"]))):
                end = until[0]
            slot = read_cell(self._cell_lines(row, roles, title_col), row.place, session.title if session else None)
            slot.start, slot.end = start, end
            if not self.ctx.placeable(slot, " | ".join(row.text(i) for i in range(len(row.cells))), row.place):
                continue
            day = self._day(day, row.place)
            if session is None:
                lone = DraftSession(row.place)
                lone.slots.append(slot)
                day.sessions.append(lone)
            else:
                session.slots.append(slot)
        return day

    def _day(self, day: DraftDay | None, place: Place) -> DraftDay:
        if day is None:
            day = DraftDay(place)
            self.ctx.draft.days.append(day)
        return day

    def _cell_lines(self, row: Row, roles: dict[str, int], title_col: int | None) -> list[Line]:
        lines = list(row.cells[title_col]) if title_col is not None and title_col < len(row.cells) else []
        kind = row.text(roles.get("kind"))
        if kind and lines and textual.kind_from_label(kind):
            first = lines[0]
            lines[0] = Line(Inline([Run(f"{kind}: "), *first.inline.runs]), first.item)
        speaker = row.text(roles.get("speaker"))
        affiliation = row.text(roles.get("affiliation"))
        if speaker:
            lines.append(_line(f"Speaker: {_with_affiliations(speaker, affiliation)}"))
        if "links" in roles and roles["links"] < len(row.cells):
            lines += row.cells[roles["links"]]
        return lines

    # -- people and papers -------------------------------------------------
    def _people(self, table: Table, roles: dict[str, int]) -> None:
        name_col = roles.get("name", 0)
        section = self.section if self.section in ("organizers", "committee") else "committee"
        for row in table.rows:
            name = row.text(name_col)
            if not names.is_person(names.strip_roles(name), lenient=True):
                if any(row.text(i) for i in range(len(row.cells))):
                    self.ctx.not_placed(" | ".join(row.text(i) for i in range(len(row.cells))), row.place)
                continue
            links = [(r.text, r.href or "") for c in row.cells for ln in c for r in ln.inline.runs if r.href]
            person = person_from_parts(name, links, row.place) or PersonMention(names.strip_roles(name), row.place)
            person.affiliation = row.text(roles.get("affiliation")) or person.affiliation
            if "email" in roles and (mail := textual.EMAIL_RE.search(row.text(roles["email"]))):
                person.email = person.email or mail[0]
            person.role = row.text(roles.get("role")) or (self.heading if section == "committee" else None)
            add_person(self.ctx.draft, section, person)

    def _papers(self, table: Table, roles: dict[str, int]) -> None:
        for row in table.rows:
            title_cell = row.cells[roles["title"]] if roles["title"] < len(row.cells) else []
            runs = [r for ln in title_cell for r in ln.inline.runs]
            if not runs:
                continue
            marked = [Run(r.text, r.href, True, r.mark or "**") for r in runs]
            authors = row.text(roles["speaker"])
            self.ctx.paper(Inline([*marked, Run(f": {authors}" if authors else "")]), row.place)


def _with_affiliations(speaker: str, affiliation: str | None) -> str:
    """A speaker column and an affiliation column as one line: 'A - X', or 'A (X); B (Y)' for several speakers.

    'Laura Chen, Mark Davis' with 'NVIDIA' is two people of NVIDIA (an affiliation per speaker when the
    column gives as many), not Laura Chen of 'Mark Davis - NVIDIA'.
    """
    if not affiliation:
        return speaker
    people = textual.split_people(speaker)
    if len(people) < 2 or not all(names.is_person(names.strip_roles(p)) for p in people):
        return f"{speaker} - {affiliation}"
    places = [a.strip() for a in re.split(r"[;,]", affiliation) if a.strip()]
    each = places if len(places) == len(people) else [affiliation] * len(people)
    return "; ".join(f"{p} ({a})" for p, a in zip(people, each, strict=True))
