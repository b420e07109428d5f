"""The volume's table of contents and author index, both lists of ``\\pageref``s that LaTeX fills in.

Both are set from the data rather than by ``\\tableofcontents`` and makeindex:
the contents name every contribution with its authors, grouped as the event
is; the index is sorted here, in Python, so that particles ('van'), accents and
names in other scripts sort and head their letter correctly without xindy
(which Read the Docs does not have).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sphinx_proceedings.book.directives.people import index_name
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution, Person
from sphinx_proceedings.data.names import fold
from sphinx_proceedings.data.volume_plan import EventVolume
from sphinx_proceedings.volume.tex import heading, label, tex


@dataclass(frozen=True)
class TocItem:
    title: str
    target: str  # a label
    authors: str = ""
    depth: int = 0


def event_items(index: ProceedingsIndex, plan: EventVolume, front: Iterable[tuple[str, str]]) -> list[TocItem | str]:
    """Lines of one event's contents; a ``str`` is a group heading."""
    eid = plan.data.event.id
    out: list[TocItem | str] = [TocItem(title, target) for title, target in front]
    if plan.papers:
        out.append("Papers")
        for group, papers in plan.paper_groups():
            out.append(group.title)
            out += [_item(index, p.contribution, 1) for p in papers]
    groups = plan.abstract_groups()
    if groups:
        out.append("Abstracts" if plan.papers else "Contributions")
        for group in groups:
            out.append(group.title)
            out += [_item(index, c, 1) for c in group.contributions]
    if plan.data.references:
        out.append(TocItem(f"References — {plan.data.event.name}", label("references", eid)))
    out.append(TocItem("Author index", label("authors", eid)))
    return out


def _item(index: ProceedingsIndex, c: Contribution, depth: int) -> TocItem:
    names = [index.people[a.person].name for a in c.authors if a.person in index.people]
    return TocItem(c.title, label("c", c.id), ", ".join(names), depth)


def contents(sections: Sequence[tuple[str | None, Sequence[TocItem | str]]], own_id: str, level: int) -> str:
    """The contents page; ``sections`` pairs an optional event heading with its lines."""
    lines = [heading("Contents", "contents", own_id, level)]
    for title, items in sections:
        if title:
            lines.append(rf"\proctocgroup{{\large {tex(title)}}}")
        for item in items:
            if isinstance(item, str):
                lines.append(rf"\proctocgroup{{{tex(item)}}}")
            else:
                indent = f"{1.5 * item.depth}em"
                lines.append(rf"\proctocline{{{indent}}}{{{tex(item.title)}}}{{{tex(item.authors)}}}{{{item.target}}}")
    lines.append(r"\clearpage")
    return "\n".join(lines)


def sort_key(person: Person) -> tuple[int, str, str]:
    """Latin-script names by folded family then given name; other scripts after them, as written."""
    family = person.family or person.name
    latin = fold(family)[:1].isalpha() and fold(family)[:1].isascii()
    return (0 if latin else 1, fold(family) if latin else family, fold(person.given or ""))


def letter(person: Person) -> str:
    """The heading an index entry stands under: the family name's first letter, accents dropped."""
    first = (person.family or person.name).strip()[:1]
    folded = fold(first)[:1].upper()
    return folded if folded.isascii() and folded.isalpha() else unicodedata.normalize("NFC", first)


def author_index(index: ProceedingsIndex, plan: EventVolume) -> str:
    """Every author of the event, sorted, with the page of each of their contributions."""
    eid = plan.data.event.id
    pages: dict[str, list[str]] = {}
    for group in plan.groups:
        for c in group.contributions:
            for a in c.authors:
                if a.person in index.people:
                    pages.setdefault(a.person, []).append(label("c", c.id))
    people = sorted((index.people[p] for p in pages), key=sort_key)
    lines = [r"\clearpage", heading(f"Author index — {plan.data.event.name}", "authors", eid, level=1)]
    lines.append(r"\begin{multicols}{2}\raggedright\small")
    current = None
    for person in people:
        if letter(person) != current:
            current = letter(person)
            lines.append(rf"\par\medskip\noindent{{\bfseries {tex(current)}}}\par\smallskip")
        refs = ",".join(dict.fromkeys(pages[person.id]))
        lines.append(rf"\noindent\hangindent=1em {tex(index_name(person))}, \procpagelist{{{refs}}}\par")
    lines.append(r"\end{multicols}")
    return "\n".join(lines)
