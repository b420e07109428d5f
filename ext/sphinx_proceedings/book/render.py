"""Small node builders shared by the directives: links, people, tables, link lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes

from sphinx_proceedings.book.isolation import text_run
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution, ContributionKind
from sphinx_proceedings.data.richtext import render_markdown
from sphinx_proceedings.data.volume_plan import TALK_KINDS


def xref(objtype: str, target: str, text: str, classes: Sequence[str] = ()) -> addnodes.pending_xref:
    """A link to a ``proc`` object, resolved by the domain in every builder."""
    node = addnodes.pending_xref(
        "", refdomain="proc", reftype=objtype, reftarget=target, refexplicit=True, refwarn=True
    )
    node += text_run(text, list(classes))
    return node


def title_xref(objtype: str, target: str, text: str, classes: Sequence[str] = ()) -> addnodes.pending_xref:
    """A link that shows the object's current title, filled in by the domain when the page is written.

    The page records the title it showed (``ProceedingsDomain.process_doc``); when that title changes the page is
    re-written rather than re-read (``incremental.py``).
    """
    node = addnodes.pending_xref(
        "", refdomain="proc", reftype=objtype, reftarget=target, refexplicit=False, refwarn=True
    )
    node += text_run(text, list(classes))
    return node


def section(document: nodes.document, title: str, anchor: str, classes: Sequence[str] = ()) -> nodes.section:
    node = nodes.section(ids=[anchor], names=[anchor], classes=list(classes))
    node += nodes.title(title, title)
    document.note_explicit_target(node)
    return node


def subsection(title: str, anchor: str) -> nodes.section:
    node = nodes.section(ids=[anchor])
    node += nodes.title(title, title)
    return node


def para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def joined(items: Iterable[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def person_link(
    index: ProceedingsIndex,
    pid: str,
    event_id: str | None = None,
    affiliation: str | None = None,
    with_affiliation: bool = True,
) -> list[nodes.Node]:
    person = index.people.get(pid)
    name = person.name if person else pid
    out: list[nodes.Node] = [xref("person", pid, name, classes=["proc-person"])]
    where = affiliation or (index.affiliation(pid, event_id) if with_affiliation else None)
    if with_affiliation and where:
        out.append(nodes.inline("", " (", text_run(where), nodes.Text(")"), classes=["proc-affiliation"]))
    return out


def authors_line(index: ProceedingsIndex, contribution: Contribution, event_id: str | None) -> nodes.paragraph:
    node = para(classes=["proc-authors"])
    for i, author in enumerate(contribution.authors):
        if i:
            node += nodes.Text(", ")
        for child in person_link(index, author.person, event_id, author.affiliation):
            node += child
    return node


def link_node(value: str, text: str, data_file: Path | None, srcdir: Path) -> nodes.Node:
    """A URL as a plain reference; a project file as a download that Sphinx copies."""
    if urlsplit(value).scheme:
        ref = nodes.reference(text, text, refuri=value, classes=["proc-link"])
        return ref
    if value.startswith("/"):  # a generated file, relative to the source folder
        target = (srcdir / value.lstrip("/")).resolve()
    else:
        target = ((data_file.parent if data_file else srcdir) / value).resolve()
    rel = target.relative_to(srcdir.resolve()).as_posix()
    node = addnodes.download_reference("", "", reftarget="/" + rel, refexplicit=True, refdoc="")
    node += nodes.literal(text, text, classes=["xref", "download", "proc-link"])
    return node


def simple_table(
    header: Sequence[str],
    rows: Sequence[Sequence[nodes.Node | str]],
    widths: Sequence[int],
    classes: Sequence[str] = (),
) -> nodes.table:
    table = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    group += thead
    row = nodes.row()
    for label in header:
        row += nodes.entry("", nodes.paragraph(label, label))
    thead += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            if isinstance(cell, str):
                entry += nodes.paragraph(cell, cell)
            elif isinstance(cell, nodes.paragraph) or (
                isinstance(cell, nodes.Element) and not isinstance(cell, nodes.TextElement | nodes.Inline)
            ):
                entry += cell  # a paragraph or block already: another paragraph around it would nest <p> in <p>
            else:
                entry += para(cell)
            row += entry
        body += row
    return table


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return name[:1]
    if len(words) == 1:
        return words[0][:2].upper() if words[0].isascii() else words[0][:1]
    return (words[0][0] + words[-1][0]).upper()


# Talks whose speakers' bios are printed with them (the volume and the EPUB have no per-person part).
BIO_KINDS = TALK_KINDS | {ContributionKind.panel}


def speaker_bios(index: ProceedingsIndex, c: Contribution) -> list[nodes.Node]:
    """'About <speaker>' and the bio, for each speaker of an invited talk, keynote, tutorial or panel."""
    out: list[nodes.Node] = []
    if c.kind not in BIO_KINDS:
        return out
    for author in c.authors:
        person = index.people.get(author.person)
        if person is not None and person.bio:
            out.append(para(nodes.emphasis(f"About {person.name}", f"About {person.name}")))
            out += render_markdown(person.bio)
    return out
