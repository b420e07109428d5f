"""The timetable of an event and a session's page."""

from __future__ import annotations

from docutils import nodes

from sphinx_proceedings.book.directives.base import RecordDirective
from sphinx_proceedings.book.directives.events import EventPageDirective
from sphinx_proceedings.book.render import (
    authors_line,
    joined,
    para,
    person_link,
    section,
    simple_table,
    subsection,
    title_xref,
    xref,
)
from sphinx_proceedings.data.index import day_label, time_span
from sphinx_proceedings.data.model import (
    Day,
    EventData,
    Session,
    Slot,
    SlotKind,
)
from sphinx_proceedings.data.richtext import (
    render_inline,
)


class ScheduleDirective(EventPageDirective):
    def render_event(self, eid: str, data: EventData) -> list[nodes.Node]:
        self.note(f"event:{eid}", f"schedule:{eid}")
        title = f"Schedule — {data.event.name}"
        sec = section(self.state.document, title, f"schedule-{eid}", classes=["proc-schedule"])
        if data.event.timezone:
            sec += para(f"All times are in {data.event.timezone}.", classes=["proc-timezone"])
            if all(day.date for day in data.schedule.days):
                # Written next to this page at build-finished (exporters.sphinx_outputs).
                sec += para(
                    "Add to your calendar: ",
                    nodes.reference("iCalendar (.ics)", "iCalendar (.ics)", refuri="schedule.ics"),
                    " · ",
                    nodes.reference(
                        "schedule JSON (frab)",
                        "schedule JSON (frab)",
                        refuri="schedule.json",
                    ),
                    classes=["proc-schedule-downloads"],
                )
        for d, day in enumerate(data.schedule.days):
            sub = subsection(day_label(day), f"{eid}-day-{d + 1}")
            rows = []
            for session in day.sessions:
                rows.extend(self.session_rows(data, session))
            sub += simple_table(
                ["Time", "What", "Programme"],
                rows,
                [2, 2, 8],
                classes=["proc-timetable"],
            )
            sec += sub
        return [sec]

    def session_rows(self, data: EventData, session: Session) -> list[list[nodes.Node | str]]:
        rows: list[list[nodes.Node | str]] = []
        if session.title or session.chairs:
            head = para(classes=["proc-session-head"])
            if session.title and self.index.session_contributions(session):
                head += xref("session", session.id, session.title)
            elif session.title:
                head += nodes.strong(session.title, session.title)
            if session.chairs:
                head += nodes.Text(" — Chair: " if len(session.chairs) == 1 else " — Chairs: ")
                for child in joined(
                    [
                        n
                        for pid in session.chairs
                        for n in [
                            nodes.inline(
                                "",
                                "",
                                *person_link(
                                    self.index,
                                    pid,
                                    data.event.id,
                                    with_affiliation=False,
                                ),
                            )
                        ]
                    ]
                ):
                    head += child
            rows.append([time_span(session.start, session.end), "Session", head])
        for slot in session.slots:
            rows.append(
                [
                    time_span(slot.start, slot.end),
                    self.kind_label(slot),
                    self.slot_body(data, slot),
                ]
            )
        return rows

    def kind_label(self, slot: Slot) -> nodes.Node:
        kinds = {self.index.contributions[c].kind for c in slot.contributions if c in self.index.contributions}
        if slot.kind is SlotKind.contribution and len(kinds) == 1:
            kind = kinds.pop()
            text, css = kind.label, f"proc-kind-{kind.value}"
        else:
            text = {"break_": "Break"}.get(slot.kind.name, slot.kind.value.capitalize())
            css = f"proc-kind-{slot.kind.value}"
        return nodes.inline(text, text, classes=["proc-kind", css])

    def slot_body(self, data: EventData, slot: Slot) -> nodes.container:
        body = nodes.container(classes=["proc-slot"])
        if slot.title:
            body += para(*render_inline(slot.title), classes=["proc-slot-title"])
        if slot.people:
            body += para(
                *joined([nodes.inline("", "", *person_link(self.index, p, data.event.id)) for p in slot.people])
            )
        many = len(slot.contributions) > 1
        target = nodes.bullet_list(classes=["proc-slot-items"]) if many else body
        for cid in slot.contributions:
            c = self.index.contributions.get(cid)
            if c is None:
                continue
            self.note(f"contribution:{cid}")
            item = para(title_xref("contribution", cid, c.title, classes=["proc-title"]))
            if c.authors:
                item += nodes.Text(" — ")
                for i, author in enumerate(c.authors):
                    if i:
                        item += nodes.Text(", ")
                    item += person_link(self.index, author.person, data.event.id, author.affiliation)
            links = self.contribution_links(c)
            entry: list[nodes.Node] = [item]
            if links:
                entry.append(links)
            if many:
                target.append(nodes.list_item("", *entry))
            else:
                for node in entry:
                    body += node
        if many:
            body += target
        if slot.note:
            body += para(*render_inline(slot.note), classes=["proc-slot-note"])
        return body


class SessionDirective(RecordDirective[tuple[EventData, Day, Session]]):
    kind = "session"

    def look_up(self, rid: str) -> tuple[EventData, Day, Session] | None:
        return self.index.sessions.get(rid)

    def render_record(self, sid: str, found: tuple[EventData, Day, Session]) -> list[nodes.Node]:
        data, day, session = found
        self.note(f"schedule:{data.event.id}", f"event:{data.event.id}")
        title = session.title or "Session"
        sec = section(self.state.document, title, f"session-{sid}", classes=["proc-session"])
        self.define("session", sid, f"session-{sid}", title)
        facts = para(
            xref("event", data.event.id, data.event.name),
            " · ",
            day_label(day),
            classes=["proc-session-facts"],
        )
        if session.start:
            facts += nodes.Text(f" · {time_span(session.start, session.end)}")
        sec += facts
        if session.chairs:
            sec += para(
                "Chair: " if len(session.chairs) == 1 else "Chairs: ",
                *joined([nodes.inline("", "", *person_link(self.index, p, data.event.id)) for p in session.chairs]),
            )
        for slot in session.slots:
            for cid in slot.contributions:
                c = self.index.contributions.get(cid)
                if c is None:
                    continue
                self.note(f"contribution:{cid}")
                card = nodes.container(classes=["proc-card"])
                card += para(
                    nodes.inline(
                        time_span(slot.start, slot.end),
                        time_span(slot.start, slot.end),
                        classes=["proc-time"],
                    ),
                    " ",
                    nodes.inline(
                        c.kind.label,
                        c.kind.label,
                        classes=["proc-kind", f"proc-kind-{c.kind.value}"],
                    ),
                )
                card += para(
                    title_xref("contribution", cid, c.title),
                    classes=["proc-card-title"],
                )
                if c.authors:
                    card += authors_line(self.index, c, data.event.id)
                sec += card
        return [sec]
