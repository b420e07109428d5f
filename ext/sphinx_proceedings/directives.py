"""Directives that render the model: used by the generated pages and by authors' own pages.

Each directive takes an id (or filter options), renders standard docutils
nodes from the model, registers the objects it defines with the ``proc``
domain and records the fingerprints of the records it showed, so that a data
edit re-reads exactly the pages that show the edited record.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.directives.other import TocTree
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .citing import SERIES_BIB, cite_file, first_event_of
from .domain import ProceedingsDomain
from .index import ProceedingsIndex, day_label, time_span
from .model import Contribution, ContributionKind, EventData, Person, PersonName, Session, Slot, SlotKind
from .pages import PREVIEWS_DIR
from .previews import local_pdf
from .render import (
    authors_line,
    initials,
    joined,
    link_node,
    para,
    person_link,
    section,
    simple_table,
    subsection,
    title_xref,
    xref,
)
from .richtext import latex_to_text, render_inline, render_markdown
from .state import get_index

logger = logging.getLogger(__name__)

LINK_LABELS = (
    ("slides", "Slides"),
    ("video", "Video"),
    ("pdf", "Paper (PDF)"),
    ("poster", "Poster"),
    ("url", "Web page"),
)
ROLE_LABELS = {
    "author": "Speaker or author",
    "chair": "Session chair",
    "organizer": "Organizer",
    "committee": "Programme committee",
    "slot": "Programme",
}


class ProcDirective(SphinxDirective):
    has_content = False
    optional_arguments = 1
    final_argument_whitespace = False

    def run(self) -> list[nodes.Node]:
        rendered = self.render()
        # Text from the data is shown as written: no smart quotes, which would also eat backslashes.
        for node in rendered:
            if isinstance(node, nodes.Element):
                node["support_smartquotes"] = False
        return rendered

    def render(self) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def index(self) -> ProceedingsIndex:
        return get_index(self.env)

    @property
    def domain(self) -> ProceedingsDomain:
        return self.env.get_domain("proc")  # type: ignore[return-value]

    def note(self, *keys: str) -> None:
        self.domain.note_records(self.env.docname, {k: self.index.fingerprint(k) for k in keys})

    def define(self, objtype: str, oid: str, anchor: str, display: str) -> None:
        self.domain.note_object(objtype, oid, self.env.docname, anchor, display)

    def unknown(self, kind: str, oid: str) -> list[nodes.Node]:
        logger.warning(
            "unknown %s id '%s'", kind, oid, location=self.get_location(), type="proceedings", subtype="unknown_ref"
        )
        # Depend on the record so the page is re-read once the data has it.
        self.note(f"{kind}:{oid}")
        return [para(f"[unknown {kind}: {oid}]", classes=["proc-missing"])]

    def generated(self, path: str) -> str:
        """``path`` inside the generated folder, relative to the source folder (as a docname is)."""
        return f"{self.config.proceedings_generated_dir}/{path}"

    def link(self, value: str, text: str, data_file: Path | None) -> nodes.Node:
        return link_node(value, text, data_file, Path(self.env.srcdir))

    def contribution_links(self, c: Contribution) -> nodes.paragraph | None:
        origin = self.index.origins.contributions.get(c.id)
        data_file = origin.path if origin else None
        found: list[nodes.Node] = [
            self.link(getattr(c, name), label, data_file) for name, label in LINK_LABELS if getattr(c, name)
        ]
        if c.doi:
            found.append(nodes.reference(f"doi:{c.doi}", f"doi:{c.doi}", refuri=f"https://doi.org/{c.doi}"))
        return para(*joined(found, " · "), classes=["proc-links"]) if found else None


# --- events -----------------------------------------------------------------


class EventPageDirective(ProcDirective):
    """A page about one event, named by the argument: looked up once, or reported as unknown."""

    required_arguments = 1
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        eid = self.arguments[0]
        data = self.index.event(eid)
        if data is None:
            return self.unknown("event", eid)
        return self.render_event(eid, data)

    def render_event(self, eid: str, data: EventData) -> list[nodes.Node]:
        raise NotImplementedError


class EventDirective(EventPageDirective):
    def render_event(self, eid: str, data: EventData) -> list[nodes.Node]:
        event = data.event
        self.note(
            f"event:{eid}",
            f"schedule:{eid}",
            f"members:{eid}",
            *(f"person:{m.person}" for m in (*event.organizers, *event.committee)),
        )
        # The page's JSON-LD (metadata.py) names every contribution.
        self.domain.note_titles(self.env.docname, {f"contribution:{c.id}": c.title for c in data.contributions})
        sec = section(self.state.document, event.title, f"event-{eid}", classes=["proc-event"])
        self.define("event", eid, f"event-{eid}", event.name)
        sec += event_facts(data)
        if event.description:
            sec += render_markdown(event.description)
        sec += self.event_navigation(data)
        if event.links:
            sec += para(
                *joined(nodes.reference(link.title, link.title, refuri=link.url) for link in event.links),
                classes=["proc-event-links"],
            )
        if event.call_for_papers:
            sec += self.call_for_papers(data)
        for group, title in (("organizers", "Organizing committee"), ("committee", "Programme committee")):
            members = getattr(event, group)
            if members:
                sub = subsection(title, f"{eid}-{group}")
                items = nodes.bullet_list(classes=["proc-people-list"])
                for m in members:
                    item = para(*person_link(self.index, m.person, eid, m.affiliation))
                    if m.role:
                        item += nodes.Text(f" — {m.role}")
                    items += nodes.list_item("", item)
                sub += items
                sec += sub
        if event.contact:
            sec += para("Contact: ", *render_inline(event.contact), classes=["proc-contact"])
        return [sec]

    def event_navigation(self, data: EventData) -> nodes.Node:
        docs = self.env.docname.rsplit("/", 1)[0]
        entries: list[nodes.Node] = []
        if data.schedule.days:
            entries.append(_doc_link(f"/{docs}/schedule", "Schedule"))
        if any(c.kind in ("poster", "paper") for c in data.contributions) or self.index.unscheduled(data):
            entries.append(_doc_link(f"/{docs}/accepted", "Accepted papers and posters"))
        if data.references:
            entries.append(_doc_link(f"/{docs}/references", "References"))
        # Plain links (copied at build-finished), so that a new talk does not make this page a reader of the file.
        entries.append(nodes.reference("BibTeX of this event", "BibTeX of this event", refuri=SERIES_BIB))
        entries.append(
            nodes.reference("BibTeX of the whole series", "BibTeX of the whole series", refuri=f"../{SERIES_BIB}")
        )
        if data.event.url:
            entries.append(nodes.reference("Original site", "Original site", refuri=data.event.url))
        return para(*joined(entries, " · "), classes=["proc-event-nav"])

    def call_for_papers(self, data: EventData) -> nodes.section:
        cfp = data.event.call_for_papers
        assert cfp is not None
        sub = subsection(cfp.title, f"{data.event.id}-cfp")
        if cfp.intro:
            sub += render_markdown(cfp.intro)
        if cfp.topics:
            sub += para("Topics of interest include:")
            items = nodes.bullet_list(classes=["proc-topics"])
            for topic in cfp.topics:
                items += nodes.list_item("", para(*render_inline(topic)))
            sub += items
        if cfp.instructions:
            sub += render_markdown(cfp.instructions)
        if cfp.submission_url:
            sub += para(
                "Submission site: ", nodes.reference(cfp.submission_url, cfp.submission_url, refuri=cfp.submission_url)
            )
        if cfp.important_dates:
            rows = []
            for date in cfp.important_dates:
                when = f"{date.date:%d %B %Y}" + (f", {date.time}" if date.time else "")
                label = date.label + (" (extended)" if date.extended else "")
                if date.source:
                    label += f" — as stated in {date.source}"
                rows.append([label, when])
            sub += subsection("Important dates", f"{data.event.id}-dates")
            sub[-1] += simple_table(["What", "When"], rows, [3, 2], classes=["proc-dates"])
        if cfp.contact:
            sub += para("Contact: ", *render_inline(cfp.contact))
        return sub


def event_facts(data: EventData) -> nodes.paragraph:
    event = data.event
    facts = []
    if event.venue:
        facts.append(event.venue)
    if event.location:
        facts.append(event.location)
    if event.start:
        span = f"{event.start:%d %B %Y}"
        if event.end and event.end != event.start:
            span = f"{event.start:%d %B %Y} – {event.end:%d %B %Y}"
        facts.append(span)
    if event.timezone:
        facts.append(f"times in {event.timezone}")
    return para(" · ".join(facts), classes=["proc-event-facts"])


def _doc_link(docname: str, text: str) -> nodes.Node:
    from sphinx import addnodes

    node = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=docname, refexplicit=True, refwarn=True)
    node += nodes.inline(text, text)
    return node


class EventListDirective(ProcDirective):
    """All events of the series, newest last, with their facts."""

    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        self.note("members:events")
        items = nodes.bullet_list(classes=["proc-event-list"])
        for data in self.index.proceedings.events:
            self.note(f"event:{data.event.id}")
            item = para(xref("event", data.event.id, data.event.title))
            items += nodes.list_item("", item, event_facts(data))
        return [items]


class SeriesTocTree(TocTree):
    """A toctree of every event's front page and the people index, in programme order."""

    option_spec: ClassVar = {"maxdepth": int, "caption": directives.unchanged_required}  # type: ignore[misc]

    def run(self) -> list[nodes.Node]:
        index = get_index(self.env)
        base = self.config.proceedings_generated_dir
        entries = [f"/{base}/{e.event.id}/index" for e in index.proceedings.events] + [f"/{base}/people/index"]
        self.content = StringList(entries, source="proceedings")
        self.options.setdefault("maxdepth", 2)
        return super().run()


# --- schedule ---------------------------------------------------------------


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
                    nodes.reference("schedule JSON (frab)", "schedule JSON (frab)", refuri="schedule.json"),
                    classes=["proc-schedule-downloads"],
                )
        for d, day in enumerate(data.schedule.days):
            sub = subsection(day_label(day), f"{eid}-day-{d + 1}")
            rows = []
            for session in day.sessions:
                rows.extend(self.session_rows(data, session))
            sub += simple_table(["Time", "What", "Programme"], rows, [2, 2, 8], classes=["proc-timetable"])
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
                            nodes.inline("", "", *person_link(self.index, pid, data.event.id, with_affiliation=False))
                        ]
                    ]
                ):
                    head += child
            rows.append([time_span(session.start, session.end), "Session", head])
        for slot in session.slots:
            rows.append([time_span(slot.start, slot.end), self.kind_label(slot), self.slot_body(data, slot)])
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
            entry: list[nodes.Node] = [item] + ([links] if links else [])
            if many:
                target += nodes.list_item("", *entry)
            else:
                for node in entry:
                    body += node
        if many:
            body += target
        if slot.note:
            body += para(*render_inline(slot.note), classes=["proc-slot-note"])
        return body


class SessionDirective(ProcDirective):
    required_arguments = 1
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        sid = self.arguments[0]
        found = self.index.sessions.get(sid)
        if found is None:
            return self.unknown("session", sid)
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
                        time_span(slot.start, slot.end), time_span(slot.start, slot.end), classes=["proc-time"]
                    ),
                    " ",
                    nodes.inline(c.kind.label, c.kind.label, classes=["proc-kind", f"proc-kind-{c.kind.value}"]),
                )
                card += para(title_xref("contribution", cid, c.title), classes=["proc-card-title"])
                if c.authors:
                    card += authors_line(self.index, c, data.event.id)
                sec += card
        return [sec]


# --- contributions ----------------------------------------------------------


class ContributionDirective(ProcDirective):
    required_arguments = 1
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        cid = self.arguments[0]
        c = self.index.contributions.get(cid)
        if c is None:
            return self.unknown("contribution", cid)
        data = self.index.event_of[cid]
        eid = data.event.id
        self.note(
            f"contribution:{cid}",
            f"title:contribution:{cid}",
            f"event:{eid}",
            f"schedule:{eid}",
            *(f"person:{p}" for p in c.person_ids),
        )
        sec = section(self.state.document, c.title, f"contribution-{cid}", classes=["proc-contribution"])
        self.define("contribution", cid, f"contribution-{cid}", c.title)
        sec += author_index(self.index, c.person_ids, f"contribution-{cid}")
        sec += para(
            nodes.inline(c.kind.label, c.kind.label, classes=["proc-kind", f"proc-kind-{c.kind.value}"]),
            " at ",
            xref("event", eid, data.event.name),
            classes=["proc-contribution-facts"],
        )
        if c.authors:
            sec += authors_line(self.index, c, eid)
        for placement in self.index.placements.get(cid, []):
            where = para(classes=["proc-placement"])
            where += xref("session", placement.session.id, placement.session.title or "Session")
            where += nodes.Text(f" · {day_label(placement.day)}")
            if placement.slot.start:
                where += nodes.Text(f" · {time_span(placement.slot.start, placement.slot.end)}")
                if data.event.timezone:
                    where += nodes.Text(f" ({data.event.timezone})")
            sec += where
        links = self.contribution_links(c)
        if links:
            sec += links
        preview = self.preview(c)
        if preview is not None:
            sec += preview
        if c.abstract:
            sub = subsection("Abstract", f"{cid}-abstract")
            sub += render_markdown(c.abstract)
            sec += sub
        if c.keywords:
            sec += para("Keywords: " + ", ".join(c.keywords), classes=["proc-keywords"])
        sec += self.cite_box(eid, cid)
        if c.note:
            sec += render_markdown(c.note)
        nav = self.neighbours(cid)
        if nav is not None:
            sec += nav
        return [sec]

    def cite_box(self, eid: str, cid: str) -> nodes.Node:
        """The contribution's BibTeX entry, with downloads of it as BibTeX, RIS and CSL-JSON."""
        bib = Path(self.env.srcdir) / self.generated(cite_file(eid, cid, "bib"))
        box = nodes.container(classes=["proc-cite"])
        box += nodes.rubric("Cite", "Cite")
        if bib.is_file():
            text = bib.read_text(encoding="utf-8").strip()
            self.env.note_dependency(str(bib))
            block = nodes.literal_block(text, text, language="bibtex", classes=["proc-cite-bibtex"])
            box += block
        # Plain links to the copies citing.py publishes beside the pages (not Sphinx downloads).
        downloads = [
            nodes.reference(label, label, refuri=relative_uri(self.env.docname, self.generated(cite_file(eid, cid, s))))
            for s, label in (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
        ]
        box += para("Download: ", *joined(downloads, " · "), classes=["proc-cite-downloads"])
        return box

    def preview(self, c: Contribution) -> nodes.Node | None:
        """The first page of a local PDF, as an image linking nowhere (the PDF link is above)."""
        pdf = local_pdf(self.index, c)
        if pdf is None:
            return None
        self.env.note_dependency(str(pdf))
        image = Path(self.env.srcdir) / self.generated(f"{PREVIEWS_DIR}/{c.id}.png")
        if not image.is_file():
            return None
        rel = image.relative_to(self.env.srcdir).as_posix()
        return nodes.image(uri=f"/{rel}", alt=f"First page of {pdf.name}", classes=["proc-preview"])

    def neighbours(self, cid: str) -> nodes.paragraph | None:
        placements = self.index.placements.get(cid)
        if not placements:
            return None
        order = self.index.session_contributions(placements[0].session)
        at = order.index(cid)
        parts: list[nodes.Node] = []
        if at > 0:
            prev = self.index.contributions[order[at - 1]]
            parts += [nodes.Text("Previous in session: "), title_xref("contribution", prev.id, prev.title)]
        if at + 1 < len(order):
            nxt = self.index.contributions[order[at + 1]]
            if parts:
                parts.append(nodes.Text(" · "))
            parts += [nodes.Text("Next in session: "), title_xref("contribution", nxt.id, nxt.title)]
        self.note(f"schedule:{self.index.event_of[cid].event.id}")
        return para(*parts, classes=["proc-neighbours"]) if parts else None


class ContributionListDirective(ProcDirective):
    """Contributions filtered by event, kind, session or keyword, with abstracts if asked."""

    optional_arguments = 0
    option_spec: ClassVar = {  # type: ignore[misc]
        "event": directives.unchanged,
        "kind": directives.unchanged,
        "session": directives.unchanged,
        "keyword": directives.unchanged,
        "abstracts": directives.flag,
    }

    def render(self) -> list[nodes.Node]:
        kinds = {k.strip() for k in self.options.get("kind", "").split(",") if k.strip()}
        unknown = kinds - {k.value for k in ContributionKind}
        if unknown:
            logger.warning(
                "unknown contribution kind(s): %s",
                ", ".join(sorted(unknown)),
                location=self.get_location(),
                type="proceedings",
                subtype="unknown_ref",
            )
        self.note(*(f"members:{e.event.id}" for e in self.index.proceedings.events))
        selected = [c for c in self.index.contributions.values() if self.matches(c, kinds)]
        return contribution_cards(self, selected, "abstracts" in self.options)

    def matches(self, c: Contribution, kinds: set[str]) -> bool:
        event = self.options.get("event")
        if event and self.index.event_of[c.id].event.id != event:
            return False
        if kinds and c.kind.value not in kinds:
            return False
        session = self.options.get("session")
        if session and session not in {p.session.id for p in self.index.placements.get(c.id, [])}:
            return False
        keyword = self.options.get("keyword")
        return not keyword or keyword.casefold() in {k.casefold() for k in c.keywords}


def contribution_cards(directive: ProcDirective, selected: list[Contribution], abstracts: bool) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for c in selected:
        directive.note(f"contribution:{c.id}")
        eid = directive.index.event_of[c.id].event.id
        card = nodes.container(classes=["proc-card", f"proc-kind-{c.kind.value}"])
        card += para(
            nodes.inline(c.kind.label, c.kind.label, classes=["proc-kind", f"proc-kind-{c.kind.value}"]),
            " ",
            title_xref("contribution", c.id, c.title),
            classes=["proc-card-title"],
        )
        if c.authors:
            card += authors_line(directive.index, c, eid)
        if abstracts and c.abstract:
            card += render_markdown(c.abstract)
        links = directive.contribution_links(c)
        if links:
            card += links
        out.append(card)
    if not out:
        out.append(para("No contributions.", classes=["proc-empty"]))
    return out


class AcceptedDirective(EventPageDirective):
    def render_event(self, eid: str, data: EventData) -> list[nodes.Node]:
        self.note(f"event:{eid}", f"schedule:{eid}", f"members:{eid}")
        title = f"Accepted papers and posters — {data.event.name}"
        sec = section(self.state.document, title, f"accepted-{eid}", classes=["proc-accepted"])
        groups = [
            ("Papers", [c for c in data.contributions if c.kind is ContributionKind.paper]),
            ("Posters", [c for c in data.contributions if c.kind is ContributionKind.poster]),
            (
                "Other contributions",
                [
                    c
                    for c in self.index.unscheduled(data)
                    if c.kind not in (ContributionKind.paper, ContributionKind.poster)
                ],
            ),
        ]
        for label, items in groups:
            if items:
                sub = subsection(label, f"{eid}-accepted-{label.split()[0].lower()}")
                sub += contribution_cards(self, items, abstracts=True)
                sec += sub
        return [sec]


class ReferencesDirective(EventPageDirective):
    """An event's references page; its content is the sphinxcontrib-bibtex bibliography."""

    has_content = True

    def render_event(self, eid: str, data: EventData) -> list[nodes.Node]:
        self.note(*(f"reference:{eid}:{r.key}" for r in data.references), f"event:{eid}", "members:events")
        title = f"References — {data.event.name}"
        sec = section(self.state.document, title, f"references-{eid}", classes=["proc-references"])
        self.state.nested_parse(self.content, self.content_offset, sec)
        shared = [(r, first_event_of(self.index, r.key)) for r in data.references]
        shared = [(r, other) for r, other in shared if other and other != eid]
        if shared:
            sec += para("Also cited by this event, listed with an earlier event's references:")
            items = nodes.bullet_list(classes=["proc-shared-references"])
            for ref, other in shared:
                items += nodes.list_item(
                    "",
                    para(
                        latex_to_text(ref.fields.get("title", ref.key)),
                        " (",
                        _doc_link("/" + self.generated(f"{other}/references"), other),
                        ")",
                    ),
                )
            sec += items
        return [sec]


class CitedDirective(ProcDirective):
    """The page that holds the bibliography of contributions cited with ``{cite}`` in the book."""

    has_content = True
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        sec = section(self.state.document, "Cited contributions", "cited-contributions", classes=["proc-cited"])
        self.state.nested_parse(self.content, self.content_offset, sec)
        return [sec]


# --- people -----------------------------------------------------------------


class PersonDirective(ProcDirective):
    required_arguments = 1
    optional_arguments = 0

    def render(self) -> list[nodes.Node]:
        pid = self.arguments[0]
        person = self.index.people.get(pid)
        if person is None:
            return self.unknown("person", pid)
        self.note(f"person:{pid}")
        sec = section(self.state.document, person.name, f"person-{pid}", classes=["proc-person-page"])
        self.define("person", pid, f"person-{pid}", person.name)
        sec += author_index(self.index, [pid], f"person-{pid}")
        header = nodes.container(classes=["proc-person-header"])
        if person.photo:
            origin = next(
                (
                    o
                    for (scope, p), o in self.index.origins.people.items()
                    if p == pid and o.doc.data[o.loc[0]].get("photo") == person.photo
                ),
                None,
            )
            header += self.photo(person.photo, person.name, origin.path if origin else None)
        else:
            header += nodes.inline(initials(person.name), initials(person.name), classes=["proc-avatar"])
        facts = nodes.container(classes=["proc-person-facts"])
        affiliations = self.index.proceedings.affiliations.get(pid, {})
        if affiliations:
            lines = nodes.bullet_list(classes=["proc-affiliations"])
            for eid, aff in affiliations.items():
                data = self.index.event(eid)
                label = data.event.name if data else eid
                lines += nodes.list_item("", para(aff, " (", xref("event", eid, label), ")"))
            facts += lines
        elif person.affiliation:
            facts += para(person.affiliation, classes=["proc-affiliation"])
        links: list[nodes.Node] = []
        if person.homepage:
            links.append(self.link(person.homepage, "Homepage", None))
        if person.orcid:
            links.append(
                nodes.reference(
                    f"ORCID {person.orcid}", f"ORCID {person.orcid}", refuri=f"https://orcid.org/{person.orcid}"
                )
            )
        for name, url in sorted(person.social.items()):
            links.append(nodes.reference(name.capitalize(), name.capitalize(), refuri=url))
        if links:
            facts += para(*joined(links, " · "), classes=["proc-person-links"])
        header += facts
        sec += header
        if person.bio:
            sub = subsection("Biography", f"{pid}-bio")
            sub += render_markdown(person.bio)
            sec += sub
        roles = self.index.roles.get(pid, [])
        if roles:
            sub = subsection("Roles", f"{pid}-roles")
            sub += self.role_list(roles)
            sec += sub
        return [sec]

    def photo(self, value: str, name: str, data_file: Path | None) -> nodes.Node:
        from urllib.parse import urlsplit

        if urlsplit(value).scheme:
            uri = value
        else:
            target = ((data_file.parent if data_file else Path(self.env.srcdir)) / value).resolve()
            uri = "/" + target.relative_to(Path(self.env.srcdir).resolve()).as_posix()
        return nodes.image(uri=uri, alt=f"Photo of {name}", classes=["proc-photo"])

    def role_list(self, roles: list) -> nodes.bullet_list:  # type: ignore[type-arg]
        items = nodes.bullet_list(classes=["proc-roles"])
        for role in roles:
            data = self.index.event(role.event_id)
            event_label = data.event.name if data else role.event_id
            entry = para(nodes.strong(ROLE_LABELS[role.kind], ROLE_LABELS[role.kind]), ": ")
            if role.kind == "author":
                c = self.index.contributions[role.target]
                self.note(f"contribution:{c.id}")
                entry += title_xref("contribution", c.id, c.title)
                entry += nodes.Text(f" ({c.kind.label.lower()}, ")
            elif role.kind in ("chair", "slot"):
                found = self.index.sessions.get(role.target)
                title = (found[2].title if found else None) or role.detail or "Session"
                if found and self.index.session_contributions(found[2]):
                    entry += xref("session", role.target, title)
                else:
                    entry += nodes.Text(title)
                entry += nodes.Text(" (")
            else:
                entry += nodes.Text(f"{role.detail} (" if role.detail else "(")
            entry += xref("event", role.event_id, event_label)
            entry += nodes.Text(")")
            self.note(f"event:{role.event_id}", f"schedule:{role.event_id}")
            items += nodes.list_item("", entry)
        return items


class PeopleDirective(ProcDirective):
    """Everyone in the series, or one event's speakers, organizers or committee."""

    optional_arguments = 0
    option_spec: ClassVar = {"event": directives.unchanged, "role": directives.unchanged}  # type: ignore[misc]

    def render(self) -> list[nodes.Node]:
        people = self.index.people
        self.note(
            "members:people",
            *(f"schedule:{e.event.id}" for e in self.index.proceedings.events),
            *(f"members:{e.event.id}" for e in self.index.proceedings.events),
        )
        event = self.options.get("event")
        role = self.options.get("role")
        wanted = sorted(people, key=lambda p: _sort_key(self.index, p))
        if event or role:
            kinds = {"speakers": "author", "organizers": "organizer", "committee": "committee", "chairs": "chair"}
            kind = kinds.get(role or "")
            if role and kind is None:
                logger.warning(
                    "unknown people role '%s' (use one of %s)",
                    role,
                    ", ".join(kinds),
                    location=self.get_location(),
                    type="proceedings",
                    subtype="unknown_ref",
                )
            wanted = [
                p
                for p in wanted
                if any(
                    (not event or r.event_id == event) and (not kind or r.kind == kind)
                    for r in self.index.roles.get(p, [])
                )
            ]
        generated = not self.options and self.env.docname.endswith("people/index")
        out: list[nodes.Node] = []
        target: nodes.Element
        if generated:
            target = section(self.state.document, "People", "people-index", classes=["proc-people"])
            out.append(target)
        else:
            target = nodes.container(classes=["proc-people"])
            out.append(target)
        items = nodes.bullet_list(classes=["proc-people-list"])
        for pid in wanted:
            self.note(f"person:{pid}")
            person = people[pid]
            entry = para(xref("person", pid, person.name))
            affs = sorted(set(self.index.proceedings.affiliations.get(pid, {}).values()))
            if not affs and person.affiliation:
                affs = [person.affiliation]
            if affs:
                entry += nodes.inline(f" — {'; '.join(affs)}", f" — {'; '.join(affs)}", classes=["proc-affiliation"])
            items += nodes.list_item("", entry)
        target += items
        return out


def author_index(index: ProceedingsIndex, person_ids: list[str], target: str) -> addnodes.index:
    """Entries of the general index (the PDF's author index): 'Family, Given' pointing at ``target``."""
    entries = []
    for pid in person_ids:
        person = index.people.get(pid)
        if person is not None:
            entries.append(("single", index_name(person), target, "", None))
    return addnodes.index(entries=entries)


def index_name(person: Person) -> str:
    """'Merriënboer, Bart van'; names written without spaces (as in CJK scripts) stay as written."""
    if not person.family or " " not in person.name.strip():
        return person.name
    return PersonName(
        given=person.given, particle=person.particle, family=person.family, suffix=person.suffix
    ).index_form


def _sort_key(index: ProceedingsIndex, pid: str) -> str:
    person = index.people[pid]
    return f"{person.family or person.name} {person.given or ''}".casefold()


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "event": EventDirective,
    "event-list": EventListDirective,
    "toctree": SeriesTocTree,  # type: ignore[dict-item]
    "schedule": ScheduleDirective,
    "session": SessionDirective,
    "contribution": ContributionDirective,
    "contributions": ContributionListDirective,
    "accepted": AcceptedDirective,
    "references": ReferencesDirective,
    "cited": CitedDirective,
    "person": PersonDirective,
    "people": PeopleDirective,
}
