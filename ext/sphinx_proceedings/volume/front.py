"""The front matter of an event's volume: title page, imprint, preface, organisation, programme at a glance."""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes

from sphinx_proceedings.data.index import ProceedingsIndex, day_label, time_span
from sphinx_proceedings.data.model import Event, EventData, Membership
from sphinx_proceedings.data.richtext import render_markdown
from sphinx_proceedings.volume.tex import anchor, heading, joined_names, raw, tex


def event_dates(event: Event) -> str:
    if not event.start:
        return ""
    if event.end and event.end != event.start:
        if (event.start.year, event.start.month) == (event.end.year, event.end.month):
            return f"{event.start.day}–{event.end:%d %B %Y}"
        return f"{event.start:%d %B %Y} – {event.end:%d %B %Y}"
    return f"{event.start:%d %B %Y}"


def editors(index: ProceedingsIndex, events: Iterable[EventData]) -> list[str]:
    """The organizers of the events, each once, in order of appearance: the volume's editors."""
    names: dict[str, str] = {}
    for data in events:
        for member in data.event.organizers:
            person = index.people.get(member.person)
            if person is not None:
                names.setdefault(member.person, person.name)
    return list(names.values())


def title_page(index: ProceedingsIndex, data: EventData, series_title: str | None) -> nodes.raw:
    """The event's title page, which is where its bookmark and label lead."""
    event = data.event
    # Not LaTeX's titlepage environment, which sets its own page counter behind the front matter's back.
    lines = [r"\clearpage\begingroup\thispagestyle{empty}", anchor("event", event.id, event.title, 0)]
    lines += [r"\centering", r"\vspace*{2cm}"]
    if series_title and series_title != event.title:
        lines.append(rf"{{\large {tex(series_title)}\par}}\vspace{{1.2cm}}")
    lines.append(rf"{{\Huge\bfseries Proceedings of the\par\medskip {tex(event.title)}\par}}\vspace{{1.2cm}}")
    facts = [f for f in (event.venue, event.location, event_dates(event)) if f]
    for fact in facts:
        lines.append(rf"{{\large {tex(fact)}\par}}")
    names = editors(index, [data])
    if names:
        lines += [r"\vfill", r"{\large Edited by\par}\medskip", rf"{{\large {tex(joined_names(names))}\par}}"]
    if event.publisher:
        lines += [r"\vspace{1.5cm}", rf"{{\normalsize {tex(event.publisher)}\par}}"]
    lines.append(r"\clearpage\endgroup")
    return raw(*lines)


def how_to_cite(index: ProceedingsIndex, data: EventData) -> str:
    """The volume as a reference: editors, title, venue, place, dates, publisher, DOI or URL."""
    event = data.event
    names = editors(index, [data])
    parts = [f"{joined_names(names)} (eds.)." if names else ""]
    parts.append(f"Proceedings of the {event.title}.")
    where = ", ".join(f for f in (event.venue, event.location, event_dates(event)) if f)
    if where:
        parts.append(where + ".")
    if event.publisher:
        parts.append(event.publisher + ".")
    if event.doi:
        parts.append(f"https://doi.org/{event.doi}")
    elif event.url:
        parts.append(event.url)
    return " ".join(p for p in parts if p)


def imprint_page(index: ProceedingsIndex, data: EventData) -> nodes.raw:
    """The back of the title page: publisher, numbers, licence and how to cite the volume."""
    event = data.event
    facts = [
        ("Publisher", event.publisher),
        ("ISBN", event.isbn),
        ("ISSN", event.issn),
        ("DOI", event.doi),
        ("Licence", event.license),
        ("Web", event.url),
    ]
    lines = [r"\thispagestyle{empty}", r"\null\vfill", r"\begingroup\small\noindent"]
    for name, value in facts:
        if value:
            lines.append(rf"\textbf{{{name}:}} {tex(value)}\\")
    lines += [
        r"\medskip",
        r"\noindent\textbf{How to cite this volume:}\\",
        tex(how_to_cite(index, data)),
        r"\par\endgroup",
    ]
    lines.append(r"\clearpage")
    return raw(*lines)


def preface(data: EventData) -> list[nodes.Node]:
    if not data.event.description:
        return []
    eid = data.event.id
    return [raw(heading("Preface", "preface", eid, level=1)), *render_markdown(data.event.description)]


def organisation(index: ProceedingsIndex, data: EventData) -> list[nodes.Node]:
    """Organizers and programme committee, each name with its affiliation for this event, in two columns."""
    eid = data.event.id
    groups = [("Organizers", data.event.organizers), ("Programme committee", data.event.committee)]
    groups = [(title, members) for title, members in groups if members]
    if not groups:
        return []
    lines = [r"\clearpage", heading("Organisation", "organisation", eid, level=1)]
    for title, members in groups:
        lines += [rf"\subsection*{{{tex(title)}}}", r"\begin{multicols}{2}\raggedright\small"]
        lines += [_member(index, eid, m) for m in members]
        lines.append(r"\end{multicols}")
    return [raw(*lines)]


def _member(index: ProceedingsIndex, eid: str, member: Membership) -> str:
    person = index.people.get(member.person)
    name = person.name if person else member.person
    affiliation = member.affiliation or index.affiliation(member.person, eid)
    line = rf"\textbf{{{tex(name)}}}"
    if member.role:
        line += rf" ({tex(member.role)})"
    if affiliation:
        line += rf"\\{tex(affiliation)}"
    return line + r"\par\smallskip"


def programme_at_a_glance(index: ProceedingsIndex, data: EventData) -> list[nodes.Node]:
    """One compact timetable per day: time, what happens, who."""
    days = [day for day in data.schedule.days if day.sessions]
    if not days:
        return []
    eid = data.event.id
    lines = [r"\clearpage", heading("Programme at a glance", "programme", eid, level=1)]
    for day in days:
        lines += [rf"\subsection*{{{tex(day_label(day))}}}", r"\begingroup\small"]
        lines.append(r"\begin{longtable}{@{}p{0.17\linewidth}p{0.5\linewidth}p{0.29\linewidth}@{}}")
        for session in day.sessions:
            if session.title:
                when = time_span(session.start, session.end)
                lines.append(rf"\multicolumn{{3}}{{@{{}}l}}{{\bfseries {tex(session.title)}}} \\[2pt]")
                if when and not session.slots:
                    lines.append(rf"{tex(when)} & & \\")
            for slot in session.slots:
                when = tex(time_span(slot.start, slot.end))
                items = [index.contributions[c] for c in slot.contributions if c in index.contributions]
                if not items:
                    who = [index.people[p].name for p in slot.people if p in index.people]
                    lines.append(rf"{when} & {tex(slot.title or slot.kind.value.title())} & {tex(', '.join(who))} \\")
                for i, c in enumerate(items):
                    who = [index.people[a.person].name for a in c.authors if a.person in index.people]
                    entry = rf"\hyperref[proc-c-{c.id}]{{{tex(c.title)}}}"
                    lines.append(rf"{when if i == 0 else ''} & {entry} & {tex(', '.join(who))} \\")
        lines += [r"\end{longtable}", r"\endgroup"]
    return [raw(*lines)]
