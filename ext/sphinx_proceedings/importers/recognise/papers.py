"""One entry of a list of papers: a linked or bold title, then its authors.

'[**Title**](paper.pdf): A (X); B (Y)', '<a><b>Title</b></a>. A, B, and C.', '<b>"Title"</b> — <i>A (X)</i>',
'### **1. Title**' followed by its authors, '**Title**' followed by a line of authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_proceedings.importers.inline import Inline, Run, link_role
from sphinx_proceedings.importers.recognise.authors import Author, read_authors

_QUOTES = "\"“”'‘’"
_NUMBER = re.compile(r"^\s*(?:\[?\d{1,3}[.):\]]|#\d{1,3}[.:]?)\s+")  # '1. Title', '[3] Title', '#4 Title'
_LEAD = " :.,;-–—|"
LONGEST_TITLE = 2000  # the data's longest line; a longer 'title' is a paragraph
AWARD = re.compile(r"\b(best (?:\w+ )?(?:paper|poster|student paper)(?: award)?|spotlight|oral)\b\s*$", re.I)


@dataclass
class PaperEntry:
    title: str
    authors: list[Author] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every href, the title's first
    left: list[str] = field(default_factory=list)  # author-list pieces that are neither names nor affiliations
    note: str | None = None


def title_text(text: str) -> str:
    """'1. "Title".' -> 'Title'."""
    text = _NUMBER.sub("", re.sub(r"\s+", " ", text)).strip()
    return text.strip(_QUOTES).rstrip(".:").strip().strip(_QUOTES).strip()


def _head(runs: list[Run]) -> int:
    """How many leading runs make the title: one link or one emphasized run (and what they share)."""
    first = runs[0]
    n = 1
    while n < len(runs) and (
        (first.href and runs[n].href == first.href) or (not first.href and first.mark and runs[n].mark == first.mark)
    ):
        n += 1
    return n


def read_paper(inline: Inline) -> PaperEntry | None:
    """The paper an entry of a list describes, or None when it starts with no title."""
    runs = [r for r in inline.runs if r.text.strip() or r.href]
    if not runs:
        return None
    if not (runs[0].href or runs[0].emphasis):
        return _broken_paper(inline.runs) or _plain_paper(inline.text)
    n = _head(runs)
    title = title_text("".join(r.text for r in runs[:n]))
    if not title or len(title) > LONGEST_TITLE:
        return None
    entry = PaperEntry(title, links=[r.href for r in runs if r.href])
    rest = Inline(runs[n:]).text.strip(_LEAD)
    link_labels = {r.text.strip() for r in runs[n:] if r.href}
    for label in sorted(link_labels, key=len, reverse=True):  # '[pdf]', 'slides' links are not authors
        if label:
            rest = rest.replace(f"[{label}]", " ").replace(f"({label})", " ").replace(label, " ")
    rest = re.sub(r"\s+", " ", rest).strip(_LEAD)
    award = AWARD.search(rest)
    if award:  # 'A, B.<br/><b>Best Paper Award</b>'
        entry.note = award[1]
        rest = rest[: award.start()].strip(_LEAD)
    _fill_authors(entry, rest)
    return entry


def _fill_authors(entry: PaperEntry, rest: str) -> None:
    if not rest:
        return
    authors, left = read_authors(rest)
    if left and ": " in rest:  # '[**Title**](x): Subtitle: A, X' — the title went on past its link
        head, _, tail = rest.rpartition(": ")
        more, more_left = read_authors(tail)
        if more and not more_left:
            entry.title = f"{entry.title}: {head.strip()}"
            authors, left = more, []
    entry.authors, entry.left = authors, left


def _broken_paper(runs: list[Run]) -> PaperEntry | None:
    """'Title<br>A, B, C': the title is the first line, when every line after it reads as authors."""
    head, broken, tail = "".join(r.text for r in runs).partition("\n")
    title, rest = title_text(head), re.sub(r"\s+", " ", tail).strip(_LEAD)
    if not broken or not title or not rest:
        return None
    authors, left = read_authors(rest)
    return PaperEntry(title, authors) if authors and not left and len(title) <= LONGEST_TITLE else None


def _plain_paper(text: str) -> PaperEntry | None:
    """'Title. A, B and C' with no markup: the title is what comes before an author list that reads fully."""
    for sep in (". ", " — ", " – ", " - ", ": "):
        head, found, tail = text.rpartition(sep)
        if not found or not head.strip():
            continue
        authors, left = read_authors(tail)
        if authors and not left and len(title_text(head)) <= LONGEST_TITLE:
            return PaperEntry(title_text(head), authors)
    return None


def authors_line(inline: Inline) -> list[Author] | None:
    """A line that is nothing but authors (under a title heading or a bold title line), else None."""
    if any(r.href for r in inline.runs):
        return None
    authors, left = read_authors(inline.text)
    return authors if authors and not left else None


def link_fields(links: list[str]) -> dict[str, str]:
    """Which field each link of an entry fills; the title's link is the paper's pdf or page."""
    out: dict[str, str] = {}
    for i, href in enumerate(links):
        role = link_role(href)
        if i == 0 and role == "slides":
            role = "pdf"
        out.setdefault(role, href)
    return out


def entries(lines: list[tuple[Inline, int]]) -> list[tuple[Inline, int]]:
    """Lines of one paragraph grouped into entries: an entry starts at a line that opens with its title.

    '[**A**](a.pdf): X<br>[**B**](b.pdf): Y' is two papers, not one with the authors of both; a line that
    opens with no title continues the entry before it (authors wrapped onto the next line).
    """
    out: list[tuple[list[Run], int]] = []
    for inline, line in lines:
        runs = [r for r in inline.runs if r.text.strip() or r.href]
        if not runs:
            continue
        if out and (not (runs[0].href or runs[0].emphasis) or AWARD.fullmatch(inline.text.strip(" ()"))):
            out[-1][0].extend([Run(" "), *runs])
        else:
            out.append((list(runs), line))
    return [(Inline(runs), line) for runs, line in out]
