"""Talks, posters and papers: one contribution, lists of them, accepted work, references."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from sphinx_proceedings.book.citing import cite_file, first_event_of
from sphinx_proceedings.book.directives.base import ProcDirective, RecordDirective
from sphinx_proceedings.book.directives.events import EventPageDirective, doc_link
from sphinx_proceedings.book.directives.people import author_index
from sphinx_proceedings.book.pages import PREVIEWS_DIR
from sphinx_proceedings.book.previews import local_pdf
from sphinx_proceedings.book.render import (
    authors_line,
    joined,
    para,
    section,
    speaker_bios,
    subsection,
    title_xref,
    xref,
)
from sphinx_proceedings.data.index import day_label, time_span
from sphinx_proceedings.data.model import (
    Contribution,
    ContributionKind,
    EventData,
)
from sphinx_proceedings.data.richtext import (
    latex_to_text,
    render_markdown,
)

logger = logging.getLogger(__name__)


class ContributionDirective(RecordDirective[Contribution]):
    kind = "contribution"

    def look_up(self, rid: str) -> Contribution | None:
        return self.index.contributions.get(rid)

    def render_record(self, cid: str, c: Contribution) -> list[nodes.Node]:
        data = self.index.event_of[cid]
        eid = data.event.id
        self.note(
            f"contribution:{cid}",
            f"title:contribution:{cid}",
            f"event:{eid}",
            f"schedule:{eid}",
            *(f"person:{p}" for p in c.person_ids),
        )
        sec = section(
            self.state.document,
            c.title,
            f"contribution-{cid}",
            classes=["proc-contribution"],
        )
        self.define("contribution", cid, f"contribution-{cid}", c.title)
        sec += author_index(self.index, c.person_ids, f"contribution-{cid}")
        sec += para(
            nodes.inline(
                c.kind.label,
                c.kind.label,
                classes=["proc-kind", f"proc-kind-{c.kind.value}"],
            ),
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
        sec.extend(speaker_bios(self.index, c))
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
            nodes.reference(
                label,
                label,
                refuri=relative_uri(self.env.docname, self.generated(cite_file(eid, cid, s))),
            )
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
            parts += [
                nodes.Text("Previous in session: "),
                title_xref("contribution", prev.id, prev.title),
            ]
        if at + 1 < len(order):
            nxt = self.index.contributions[order[at + 1]]
            if parts:
                parts.append(nodes.Text(" · "))
            parts += [
                nodes.Text("Next in session: "),
                title_xref("contribution", nxt.id, nxt.title),
            ]
        self.note(f"schedule:{self.index.event_of[cid].event.id}")
        return para(*parts, classes=["proc-neighbours"]) if parts else None


class ContributionListDirective(ProcDirective):
    """Contributions filtered by event, kind, session or keyword, with abstracts if asked."""

    optional_arguments = 0
    option_spec: ClassVar = {
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
            nodes.inline(
                c.kind.label,
                c.kind.label,
                classes=["proc-kind", f"proc-kind-{c.kind.value}"],
            ),
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
            (
                "Papers",
                [c for c in data.contributions if c.kind is ContributionKind.paper],
            ),
            (
                "Posters",
                [c for c in data.contributions if c.kind is ContributionKind.poster],
            ),
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
        self.note(
            *(f"reference:{eid}:{r.key}" for r in data.references),
            f"event:{eid}",
            "members:events",
        )
        title = f"References — {data.event.name}"
        sec = section(self.state.document, title, f"references-{eid}", classes=["proc-references"])
        self.state.nested_parse(self.content, self.content_offset, sec)
        shared = []
        for ref in data.references:
            other = first_event_of(self.index, ref.key)
            if other and other != eid:
                shared.append((ref, other))
        if shared:
            sec += para("Also cited by this event, listed with an earlier event's references:")
            items = nodes.bullet_list(classes=["proc-shared-references"])
            for ref, other in shared:
                items += nodes.list_item(
                    "",
                    para(
                        latex_to_text(ref.fields.get("title", ref.key)),
                        " (",
                        doc_link("/" + self.generated(f"{other}/references"), other),
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
        sec = section(
            self.state.document,
            "Cited contributions",
            "cited-contributions",
            classes=["proc-cited"],
        )
        self.state.nested_parse(self.content, self.content_offset, sec)
        return [sec]
