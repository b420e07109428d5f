"""The same book as plain MyST pages, for plain Sphinx: the floor the extension is measured against.

Reads a generated project's data with the package's loader (the model only; no Sphinx extension
runs) and writes one Markdown page per contribution, person and session, the schedule as Markdown
tables, the accepted and references pages and the event's front page, under the same docnames
the extension generates (``_proceedings/<event>/…``, ``_proceedings/people/…``). As in the
extension, contribution and person pages are ``orphan`` and stay out of the toctree. Cross-links
are ``{doc}`` roles (pending cross-references, as the extension's ``proc`` links are), local
slides are ``{download}`` links, and the first-page previews of local PDFs are rendered here, once.

Pages are rewritten only when their text changes, so after a data edit a plain site generator
would make Sphinx re-read exactly the pages that show the edited record.

    python benchmarks/plain_myst.py GENERATED_PROJECT OUT

The text comes from benchmarks/generate.py (no Markdown or role syntax in names and titles);
``_md`` escapes Markdown punctuation in plain-text fields all the same.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pypdfium2 as pdfium

from sphinx_proceedings.book.previews import PREVIEW_WIDTH, local_pdf
from sphinx_proceedings.book.render import initials
from sphinx_proceedings.data.index import ProceedingsIndex, day_label, time_span
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import Contribution, ContributionKind, EventData, Session, SlotKind

BASE = "_proceedings"
CONF_PY = '''"""{title} as plain MyST pages (benchmarks/plain_myst.py): the benchmark's floor."""

project = {title!r}
author = "The SynConf organizers"
extensions = ["myst_parser"]
html_theme = "sphinx_book_theme"
html_title = {title!r}
exclude_patterns = ["_build", "data/**"]
'''
ROLE_LABELS = {
    "author": "Speaker or author",
    "chair": "Session chair",
    "organizer": "Organizer",
    "committee": "Programme committee",
    "slot": "Programme",
}
LINK_LABELS = (
    ("slides", "Slides"),
    ("video", "Video"),
    ("pdf", "Paper (PDF)"),
    ("poster", "Poster"),
    ("url", "Web page"),
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: str) -> str:
    """Plain text as Markdown inline text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _role_text(text: str) -> str:
    return text.replace("`", "'").replace("<", "‹").replace(">", "›")


def doc(docname: str, text: str) -> str:
    return f"{{doc}}`{_role_text(text)} </{docname}>`"


class PlainBook:
    """Markdown sources of every page, keyed by docname."""

    def __init__(self, index: ProceedingsIndex) -> None:
        self.index = index
        self.pages: dict[str, str] = {}

    # --- links ----------------------------------------------------------------

    def person(self, pid: str, event_id: str | None, affiliation: str | None = None, with_aff: bool = True) -> str:
        person = self.index.people.get(pid)
        text = doc(f"{BASE}/people/{pid}", person.name if person else pid)
        where = affiliation or (self.index.affiliation(pid, event_id) if with_aff else None)
        return f"{text} ({_md(where)})" if with_aff and where else text

    def contribution(self, c: Contribution) -> str:
        return doc(f"{BASE}/{self.index.event_of[c.id].event.id}/contributions/{c.id}", c.title)

    def session(self, data: EventData, session: Session) -> str:
        return doc(f"{BASE}/{data.event.id}/sessions/{session.id}", session.title or "Session")

    def event(self, data: EventData) -> str:
        return doc(f"{BASE}/{data.event.id}/index", data.event.short_title or data.event.title)

    def authors(self, c: Contribution, event_id: str) -> str:
        return ", ".join(self.person(a.person, event_id, a.affiliation) for a in c.authors)

    def links(self, c: Contribution) -> str:
        origin = self.index.origins.contributions.get(c.id)
        found = []
        for name, label in LINK_LABELS:
            value = getattr(c, name)
            if not value:
                continue
            if "://" in value:
                found.append(f"[{label}]({value})")
            elif origin is not None:
                rel = (origin.path.parent / value).resolve().relative_to(self.index.root.resolve()).as_posix()
                found.append(f"{{download}}`{label} </{rel}>`")
        if c.doi:
            found.append(f"[doi:{c.doi}](https://doi.org/{c.doi})")
        return " · ".join(found)

    # --- pages ----------------------------------------------------------------

    def build(self) -> dict[str, str]:
        events = self.index.proceedings.events
        for data in events:
            self.event_pages(data)
        self.people_pages()
        lines = ["# SynConf 2025", "", "The proceedings, as plain MyST pages.", ""]
        for data in events:
            lines += [f"- {self.event(data)}", "", f"  {event_facts(data)}", ""]
        toctree = [f"/{BASE}/{d.event.id}/index" for d in events] + [f"/{BASE}/people/index"]
        lines += ["```{toctree}", ":maxdepth: 2", "", *toctree, "```", ""]
        self.pages["index"] = "\n".join(lines)
        return self.pages

    def event_pages(self, data: EventData) -> None:
        eid = data.event.id
        index = self.index
        sessions = [s for day in data.schedule.days for s in day.sessions if index.session_contributions(s)]
        children = ["schedule"] if data.schedule.days else []
        children += [f"sessions/{s.id}" for s in sessions]
        unscheduled = index.unscheduled(data)
        if unscheduled or any(c.kind in ("poster", "paper") for c in data.contributions):
            children.append("accepted")
        if data.references:
            children.append("references")
        self.pages[f"{BASE}/{eid}/index"] = self.event_page(data, children)
        if data.schedule.days:
            self.pages[f"{BASE}/{eid}/schedule"] = self.schedule_page(data)
        for day in data.schedule.days:
            for session in day.sessions:
                if index.session_contributions(session):
                    self.pages[f"{BASE}/{eid}/sessions/{session.id}"] = self.session_page(data, day, session)
        if "accepted" in children:
            self.pages[f"{BASE}/{eid}/accepted"] = self.accepted_page(data)
        if data.references:
            self.pages[f"{BASE}/{eid}/references"] = self.references_page(data)
        for c in data.contributions:
            self.pages[f"{BASE}/{eid}/contributions/{c.id}"] = self.contribution_page(data, c)

    def event_page(self, data: EventData, children: Sequence[str]) -> str:
        event, eid = data.event, data.event.id
        out = [f"# {_md(event.title)}", "", event_facts(data), ""]
        if event.description:
            out += [event.description, ""]
        nav = []
        if "schedule" in children:
            nav.append(doc(f"{BASE}/{eid}/schedule", "Schedule"))
        if "accepted" in children:
            nav.append(doc(f"{BASE}/{eid}/accepted", "Accepted papers and posters"))
        if "references" in children:
            nav.append(doc(f"{BASE}/{eid}/references", "References"))
        if event.url:
            nav.append(f"[Original site]({event.url})")
        out += [" · ".join(nav), ""]
        cfp = event.call_for_papers
        if cfp:
            out += [f"## {_md(cfp.title)}", ""]
            if cfp.intro:
                out += [cfp.intro, ""]
            if cfp.topics:
                out += ["Topics of interest include:", "", *(f"- {_md(t)}" for t in cfp.topics), ""]
            if cfp.instructions:
                out += [cfp.instructions, ""]
            if cfp.submission_url:
                out += [f"Submission site: <{cfp.submission_url}>", ""]
            if cfp.important_dates:
                out += ["### Important dates", "", "| What | When |", "| --- | --- |"]
                for date in cfp.important_dates:
                    when = f"{date.date:%d %B %Y}" + (f", {date.time}" if date.time else "")
                    out.append(f"| {_md(date.label)} | {_md(when)} |")
                out.append("")
        for group, title in (("organizers", "Organizing committee"), ("committee", "Programme committee")):
            members = getattr(event, group)
            if members:
                out += [f"## {title}", ""]
                for m in members:
                    role = f" — {_md(m.role)}" if m.role else ""
                    out.append(f"- {self.person(m.person, eid, m.affiliation)}{role}")
                out.append("")
        if event.contact:
            out += [f"Contact: {_md(event.contact)}", ""]
        out += ["```{toctree}", ":hidden:", "", *children, "```", ""]
        return "\n".join(out)

    def schedule_page(self, data: EventData) -> str:
        eid = data.event.id
        out = [f"# Schedule — {_md(data.event.short_title or data.event.title)}", ""]
        if data.event.timezone:
            out += [f"All times are in {data.event.timezone}.", ""]
        for day in data.schedule.days:
            out += [f"## {_md(day_label(day))}", "", "| Time | What | Programme |", "| --- | --- | --- |"]
            for session in day.sessions:
                if session.title or session.chairs:
                    head = (
                        self.session(data, session)
                        if session.title and self.index.session_contributions(session)
                        else f"**{_md(session.title or '')}**"
                    )
                    if session.chairs:
                        head += " — Chair: " + ", ".join(self.person(p, eid, with_aff=False) for p in session.chairs)
                    out.append(f"| {time_span(session.start, session.end)} | Session | {head} |")
                for slot in session.slots:
                    kinds = {self.index.contributions[c].kind for c in slot.contributions}
                    if slot.kind is SlotKind.contribution and len(kinds) == 1:
                        what = next(iter(kinds)).label
                    else:
                        what = {"break_": "Break"}.get(slot.kind.name, slot.kind.value.capitalize())
                    body = [f"*{_md(slot.title)}*"] if slot.title else []
                    for cid in slot.contributions:
                        c = self.index.contributions[cid]
                        item = f"{self.contribution(c)} — {self.authors(c, eid)}"
                        links = self.links(c)
                        body.append(f"{item} ({links})" if links else item)
                    out.append(f"| {time_span(slot.start, slot.end)} | {what} | {' · '.join(body)} |")
            out.append("")
        return "\n".join(out)

    def session_page(self, data: EventData, day: object, session: Session) -> str:
        eid = data.event.id
        out = [f"# {_md(session.title or 'Session')}", ""]
        facts = f"{self.event(data)} · {_md(day_label(day))}"  # type: ignore[arg-type]
        if session.start:
            facts += f" · {time_span(session.start, session.end)}"
        out += [facts, ""]
        if session.chairs:
            label = "Chair: " if len(session.chairs) == 1 else "Chairs: "
            out += [label + ", ".join(self.person(p, eid) for p in session.chairs), ""]
        for slot in session.slots:
            for cid in slot.contributions:
                c = self.index.contributions[cid]
                out += [f"{time_span(slot.start, slot.end)} {c.kind.label}", "", f"**{self.contribution(c)}**", ""]
                if c.authors:
                    out += [self.authors(c, eid), ""]
        return "\n".join(out)

    def contribution_page(self, data: EventData, c: Contribution) -> str:
        eid = data.event.id
        out = ["---", "orphan: true", "---", "", f"# {_md(c.title)}", "", f"{c.kind.label} at {self.event(data)}", ""]
        if c.authors:
            out += [self.authors(c, eid), ""]
        for placement in self.index.placements.get(c.id, []):
            where = f"{self.session(data, placement.session)} · {_md(day_label(placement.day))}"
            if placement.slot.start:
                where += f" · {time_span(placement.slot.start, placement.slot.end)}"
                if data.event.timezone:
                    where += f" ({data.event.timezone})"
            out += [where, ""]
        links = self.links(c)
        if links:
            out += [links, ""]
        pdf = local_pdf(self.index, c)
        if pdf is not None:
            out += [f"![First page of {pdf.name}](/{BASE}/_previews/{c.id}.png)", ""]
        if c.abstract:
            out += ["## Abstract", "", c.abstract, ""]
        if c.keywords:
            out += ["Keywords: " + _md(", ".join(c.keywords)), ""]
        if c.note:
            out += [c.note, ""]
        placements = self.index.placements.get(c.id)
        if placements:
            order = self.index.session_contributions(placements[0].session)
            at = order.index(c.id)
            parts = []
            if at > 0:
                parts.append("Previous in session: " + self.contribution(self.index.contributions[order[at - 1]]))
            if at + 1 < len(order):
                parts.append("Next in session: " + self.contribution(self.index.contributions[order[at + 1]]))
            if parts:
                out += [" · ".join(parts), ""]
        return "\n".join(out)

    def cards(self, items: Iterable[Contribution], eid: str) -> list[str]:
        out = []
        for c in items:
            out += [f"{c.kind.label} **{self.contribution(c)}**", ""]
            if c.authors:
                out += [self.authors(c, eid), ""]
            if c.abstract:
                out += [c.abstract, ""]
            links = self.links(c)
            if links:
                out += [links, ""]
        return out

    def accepted_page(self, data: EventData) -> str:
        eid = data.event.id
        out = [f"# Accepted papers and posters — {_md(data.event.short_title or data.event.title)}", ""]
        groups = (
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
        )
        for label, items in groups:
            if items:
                out += [f"## {label}", "", *self.cards(items, eid)]
        return "\n".join(out)

    def references_page(self, data: EventData) -> str:
        out = [f"# References — {_md(data.event.short_title or data.event.title)}", ""]
        for ref in data.references:
            title = _md(ref.fields.get("title", ref.key).replace("{", "").replace("}", ""))
            url = ref.fields.get("url")
            entry = f"[{title}]({url})" if url else title
            if ref.fields.get("eprint"):
                entry += f" — arXiv:{ref.fields['eprint']}"
            out.append(f"1. {entry}")
        out.append("")
        return "\n".join(out)

    def people_pages(self) -> None:
        index = self.index
        people = index.people

        def sort_key(pid: str) -> str:
            p = people[pid]
            return f"{p.family or p.name} {p.given or ''}".casefold()

        out = ["# People", ""]
        for pid in sorted(people, key=sort_key):
            person = people[pid]
            affs = sorted(set(index.proceedings.affiliations.get(pid, {}).values()))
            if not affs and person.affiliation:
                affs = [person.affiliation]
            line = f"- {doc(f'{BASE}/people/{pid}', person.name)}"
            out.append(line + (f" — {_md('; '.join(affs))}" if affs else ""))
        out.append("")
        self.pages[f"{BASE}/people/index"] = "\n".join(out)
        for pid in people:
            self.pages[f"{BASE}/people/{pid}"] = self.person_page(pid)

    def person_page(self, pid: str) -> str:
        index = self.index
        person = index.people[pid]
        out = ["---", "orphan: true", "---", "", f"# {_md(person.name)}", "", f"*{_md(initials(person.name))}*", ""]
        affiliations = index.proceedings.affiliations.get(pid, {})
        if affiliations:
            for eid, aff in affiliations.items():
                data = index.event(eid)
                out.append(f"- {_md(aff)} ({self.event(data) if data else eid})")
            out.append("")
        elif person.affiliation:
            out += [_md(person.affiliation), ""]
        links = []
        if person.homepage:
            links.append(f"[Homepage]({person.homepage})")
        if person.orcid:
            links.append(f"[ORCID {person.orcid}](https://orcid.org/{person.orcid})")
        for name, url in sorted(person.social.items()):
            links.append(f"[{name.capitalize()}]({url})")
        if links:
            out += [" · ".join(links), ""]
        if person.bio:
            out += ["## Biography", "", person.bio, ""]
        roles = index.roles.get(pid, [])
        if roles:
            out += ["## Roles", ""]
            for role in roles:
                data = index.event(role.event_id)
                event = self.event(data) if data else role.event_id
                entry = f"- **{ROLE_LABELS[role.kind]}**: "
                if role.kind == "author":
                    c = index.contributions[role.target]
                    entry += f"{self.contribution(c)} ({c.kind.label.lower()}, {event})"
                elif role.kind in ("chair", "slot"):
                    found = index.sessions.get(role.target)
                    title = (found[2].title if found else None) or role.detail or "Session"
                    if found and index.session_contributions(found[2]):
                        entry += f"{self.session(found[0], found[2])} ({event})"
                    else:
                        entry += f"{_md(title)} ({event})"
                else:
                    entry += f"{_md(role.detail)} ({event})" if role.detail else f"({event})"
                out.append(entry)
            out.append("")
        return "\n".join(out)


def event_facts(data: EventData) -> str:
    event = data.event
    facts = [f for f in (event.venue, event.location) if f]
    if event.start:
        span = f"{event.start:%d %B %Y}"
        if event.end and event.end != event.start:
            span = f"{event.start:%d %B %Y} – {event.end:%d %B %Y}"
        facts.append(span)
    if event.timezone:
        facts.append(f"times in {event.timezone}")
    return _md(" · ".join(facts))


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def write_plain(project: Path, out: Path) -> int:
    """Write (or update) the plain MyST version of ``project`` in ``out``; return pages changed."""
    result = load_project(project / "data", project)
    if result.problems.errors:
        raise SystemExit(f"{project}: the data has errors; run 'proceedings check {project}'")
    index = ProceedingsIndex(result.proceedings, result.origins, project)
    pages = PlainBook(index).build()
    title = index.proceedings.events[0].event.short_title if index.proceedings.events else "Proceedings"
    _write_if_changed(out / "conf.py", CONF_PY.format(title=title))
    changed = sum(_write_if_changed(out / f"{name}.md", text) for name, text in pages.items())
    wanted = {out / f"{name}.md" for name in pages}
    for stale in (out / BASE).rglob("*.md") if (out / BASE).is_dir() else ():
        if stale not in wanted:
            stale.unlink()
            changed += 1
    # Local files the pages link to, and the first-page previews the extension would render.
    for c in index.contributions.values():
        origin = index.origins.contributions[c.id]
        for name in ("slides", "pdf", "poster"):
            value = getattr(c, name)
            if value and "://" not in value:
                source = origin.path.parent / value
                target = out / source.resolve().relative_to(project.resolve())
                if not target.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        pdf = local_pdf(index, c)
        preview = out / BASE / "_previews" / f"{c.id}.png"
        if pdf is not None and not preview.is_file():
            document = pdfium.PdfDocument(pdf)
            try:
                page = document[0]
                image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
            finally:
                document.close()
            preview.parent.mkdir(parents=True, exist_ok=True)
            image.save(preview, optimize=True)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a project written by benchmarks/generate.py")
    parser.add_argument("out", type=Path, help="folder for the plain MyST project")
    args = parser.parse_args(argv)
    changed = write_plain(args.project, args.out)
    print(f"{args.out}: {changed} pages written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
