"""The main matter of an event's volume: its papers' own pages, then the abstracts.

A paper's pages are included whole (pdfpages), each stamped with the event and
the paper's page range, starting on page 1 of the event's main matter as
``data/volume_plan.py`` numbered them. An abstract entry prints the title, the
authors with their affiliations for this event, where it sits on the
programme, the abstract and keywords, its links as URLs, and for invited talks
the speakers' bios. Nothing of the web pages (citation boxes, downloads,
"next in session") is printed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from sphinx_proceedings.book.render import link_node, para, speaker_bios
from sphinx_proceedings.data.index import ProceedingsIndex, day_label, time_span
from sphinx_proceedings.data.model import Contribution, EventData
from sphinx_proceedings.data.richtext import render_markdown
from sphinx_proceedings.data.volume_plan import EventVolume, Paper
from sphinx_proceedings.volume.tex import anchor, heading, joined_names, raw, tex

PAPERS_DIR = "papers"  # inside the LaTeX output folder: the papers' PDFs, copied as <id>.pdf
LINK_FIELDS = (("pdf", "Paper"), ("slides", "Slides"), ("poster", "Poster"), ("video", "Video"), ("url", "Web"))
SCALE = "scale=0.92"  # room for the stamp below the paper's own bottom margin


def stamp(data: EventData, paper: Paper) -> str:
    pages = f"page {paper.first}" if paper.first == paper.last else f"pages {paper.first}–{paper.last}"
    return f"{data.event.label}, {pages}"


def included_paper(data: EventData, paper: Paper, before: str = "") -> nodes.raw:
    """The paper's pages, stamped; its first page carries the label, the bookmark (after ``before``'s)."""
    c = paper.contribution
    path = f"{PAPERS_DIR}/{c.id}.pdf"
    first = before + anchor("c", c.id, c.title, 2)
    lines = [
        rf"\renewcommand{{\procstamp}}{{{tex(stamp(data, paper))}}}",
        rf"\includepdf[pages=1,{SCALE},pagecommand={{\thispagestyle{{procpaper}}{first}}}]{{{path}}}",
    ]
    if paper.last > paper.first:
        lines.append(rf"\includepdf[pages=2-,{SCALE},pagecommand={{\thispagestyle{{procpaper}}}}]{{{path}}}")
    return raw(*lines)


def authors_block(index: ProceedingsIndex, c: Contribution, eid: str) -> str:
    """Names, with numbered affiliations when the authors have more than one."""
    names, affiliations = [], []
    for author in c.authors:
        person = index.people.get(author.person)
        affiliation = author.affiliation or index.affiliation(author.person, eid)
        if affiliation and affiliation not in affiliations:
            affiliations.append(affiliation)
        names.append((person.name if person else author.person, affiliation))
    if not names:
        return ""
    if len(affiliations) <= 1:
        lines = [rf"\procentryline{{{tex(joined_names(n for n, _ in names))}}}"]
        if affiliations:
            lines.append(rf"\procentrymeta{{{tex(affiliations[0])}}}")
        return "\n".join(lines)
    marked = [tex(n) + (rf"\textsuperscript{{{affiliations.index(a) + 1}}}" if a else "") for n, a in names]
    listed = "; ".join(rf"\textsuperscript{{{i}}}{tex(a)}" for i, a in enumerate(affiliations, 1))
    return rf"\procentryline{{{joined_names(marked)}}}" + "\n" + rf"\procentrymeta{{{listed}}}"


def where_on_programme(index: ProceedingsIndex, c: Contribution) -> str:
    facts = [c.kind.label]
    for placement in index.placements.get(c.id, [])[:1]:
        if placement.session.title:
            facts.append(placement.session.title)
        when = time_span(placement.slot.start, placement.slot.end)
        facts.append(f"{day_label(placement.day)}{', ' + when if when else ''}" if placement.day.date else when)
    return " · ".join(f for f in facts if f)


def abstract_entry(
    index: ProceedingsIndex, c: Contribution, eid: str, srcdir: Path, level: int, site: str = ""
) -> list[nodes.Node]:
    out: list[nodes.Node] = [
        raw(
            r"\procentrytitle{" + tex(c.title) + "}" + anchor("c", c.id, c.title, level),
            authors_block(index, c, eid),
            rf"\procentrymeta{{{tex(where_on_programme(index, c))}}}",
        )
    ]
    if c.abstract:
        out += render_markdown(c.abstract)
    if c.keywords:
        out.append(para(nodes.strong("Keywords: ", "Keywords: "), ", ".join(c.keywords)))
    origin = index.origins.contributions.get(c.id)
    for field, name in LINK_FIELDS:
        value = getattr(c, field)
        if value:
            link = link_node(value, value, origin.path if origin else None, srcdir)
            out.append(para(nodes.strong(f"{name}: ", f"{name}: "), link))
    if site:  # the contribution's page on the published site
        url = f"{site}_proceedings/{eid}/contributions/{c.id}.html"
        out.append(para(nodes.strong("Online: ", "Online: "), nodes.reference(url, url, refuri=url)))
    return out + speaker_bios(index, c)


def main_matter(index: ProceedingsIndex, plan: EventVolume, srcdir: Path, site: str = "") -> list[nodes.Node]:
    """Arabic pages from 1: the included papers, then the abstracts group by group."""
    data = plan.data
    eid = data.event.id
    out: list[nodes.Node] = [raw(r"\clearpage\pagenumbering{arabic}\pagestyle{normal}")]
    for i, (group, papers) in enumerate(plan.paper_groups()):
        opening = anchor("pg", f"{eid}-{i}", group.title, 1)
        out += [included_paper(data, p, opening if at == 0 else "") for at, p in enumerate(papers)]
    groups = plan.abstract_groups()
    if groups:
        title = "Abstracts" if plan.papers else "Contributions"
        out.append(raw(r"\clearpage", heading(title, "abstracts", eid, level=1)))
        for i, group in enumerate(groups):
            out.append(raw(rf"\subsection*{{{tex(group.title)}}}", anchor("g", f"{eid}-{i}", group.title, 2)))
            for c in group.contributions:
                out += abstract_entry(index, c, eid, srcdir, level=3, site=site)
    return out
