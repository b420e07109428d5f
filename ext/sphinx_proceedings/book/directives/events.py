"""Event pages, the event list and the series toctree."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.directives.other import TocTree

from sphinx_proceedings.book.citing import SERIES_BIB
from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.directives.base import ProcDirective, RecordDirective
from sphinx_proceedings.book.render import (
    joined,
    para,
    person_link,
    section,
    simple_table,
    subsection,
    xref,
)
from sphinx_proceedings.book.state import get_index
from sphinx_proceedings.data.model import (
    EventData,
    ImportantDate,
)
from sphinx_proceedings.data.richtext import (
    render_inline,
    render_markdown,
)


class EventPageDirective(RecordDirective[EventData]):
    """A page about one event."""

    kind = "event"

    def look_up(self, rid: str) -> EventData | None:
        return self.index.event(rid)

    def render_record(self, rid: str, record: EventData) -> list[nodes.Node]:
        return self.render_event(rid, record)

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
        self.domain.note_titles(
            self.env.docname,
            {f"contribution:{c.id}": c.title for c in data.contributions},
        )
        sec = section(self.state.document, event.title, f"event-{eid}", classes=["proc-event"])
        self.define("event", eid, f"event-{eid}", event.name)
        sec += event_facts(data)
        if event.doi:
            url = f"https://doi.org/{event.doi}"
            sec += para("Proceedings DOI: ", nodes.reference(url, url, refuri=url), classes=["proc-doi"])
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
        for group, title in (
            ("organizers", "Organizing committee"),
            ("committee", "Programme committee"),
        ):
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
            entries.append(doc_link(f"/{docs}/schedule", "Schedule"))
        if any(c.kind in ("poster", "paper") for c in data.contributions) or self.index.unscheduled(data):
            entries.append(doc_link(f"/{docs}/accepted", "Accepted papers and posters"))
        if data.references:
            entries.append(doc_link(f"/{docs}/references", "References"))
        if read_config(self.config).paper_pdfs:  # cut from the book's PDF beside this page (cli/build.py)
            volume = f"{data.event.id}.pdf"
            entries.append(nodes.reference("Volume (PDF)", "Volume (PDF)", refuri=volume))
        # Plain links (copied at build-finished), so that a new talk does not make this page a reader of the file.
        entries.append(nodes.reference("BibTeX of this event", "BibTeX of this event", refuri=SERIES_BIB))
        entries.append(
            nodes.reference(
                "BibTeX of the whole series",
                "BibTeX of the whole series",
                refuri=f"../{SERIES_BIB}",
            )
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
                "Submission site: ",
                nodes.reference(cfp.submission_url, cfp.submission_url, refuri=cfp.submission_url),
            )
        rows = dates_for_readers(cfp.important_dates)
        if rows:
            dates = subsection("Important dates", f"{data.event.id}-dates")
            dates += simple_table(["What", "When"], rows, [3, 2], classes=["proc-dates"])
            sub += dates
        if cfp.contact:
            sub += para("Contact: ", *render_inline(cfp.contact))
        return sub


def dates_for_readers(dates: list[ImportantDate]) -> list[list[str]]:
    """The (what, when) rows readers see: the current date of each label, never the page that stated it.

    A superseded date is left out; a date replaced by an extended one is named in the extended row instead.
    """

    def label_key(date: ImportantDate) -> str:
        return " ".join(date.label.casefold().split())

    current = [d for d in dates if not d.superseded]
    extended_labels = {label_key(d) for d in current if d.extended}
    rows = []
    for date in current:
        key = label_key(date)
        if key in extended_labels and not date.extended:
            continue
        label = date.label
        if date.extended:
            earlier = [d for d in current if label_key(d) == key and not d.extended and d.date != date.date]
            label += f" (extended from {earlier[0].date:%d %B %Y})" if earlier else " (extended)"
        rows.append([label, f"{date.date:%d %B %Y}" + (f", {date.time}" if date.time else "")])
    return rows


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


def doc_link(docname: str, text: str) -> nodes.Node:

    node = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget=docname,
        refexplicit=True,
        refwarn=True,
    )
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

    option_spec: ClassVar = {"maxdepth": int, "caption": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        index = get_index(self.env)
        base = self.config.proceedings_generated_dir
        entries = [f"/{base}/{e.event.id}/index" for e in index.proceedings.events] + [f"/{base}/people/index"]
        self.content = StringList(entries, source="proceedings")
        self.options.setdefault("maxdepth", 2)
        return super().run()
