"""Facts shared by the Markdown and HTML readers: people lines, dates, slots, papers, references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_proceedings.data.model import ContributionKind
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import (
    Draft,
    DraftContribution,
    DraftDate,
    DraftDay,
    DraftReference,
    DraftSession,
    DraftSlot,
    PersonMention,
    Place,
)
from sphinx_proceedings.importers.inline import Inline, Run, link_role
from sphinx_proceedings.importers.recognise import names, papers, people_list
from sphinx_proceedings.importers.recognise.schedule_cell import Line, read_cell
from sphinx_proceedings.importers.recognise.talks import TalkReader

__all__ = ["Inline", "PageContext", "PageReader", "Run", "link_role"]


@dataclass
class PageContext:
    """What a reader knows about the page it reads and the site it belongs to."""

    path: Path
    draft: Draft
    problems: Problems
    base_url: str | None
    year: int | None
    page_section: str | None = None
    in_cfp: bool = False
    html_fragment: Callable[[str, int, str | None], None] = lambda text, line, section: None
    _last_start: dt.time | None = field(default=None)
    pending_paper: DraftContribution | None = field(default=None)  # a listed paper its next lines may complete
    talks: TalkReader = field(init=False)  # talks described one by one on this page
    day: DraftDay | None = field(default=None)  # the schedule day being read

    def __post_init__(self) -> None:
        self.talks = TalkReader(self.draft)

    def mention(self, name: str, place: Place, affiliation: str | None = None) -> PersonMention:
        return PersonMention(name=re.sub(r"\s+", " ", name).strip(" *"), place=place, affiliation=affiliation or None)

    def afternoon(self, start: dt.time | None, end: dt.time | None) -> tuple[dt.time | None, dt.time | None]:
        """Read '2:00 - 2:30' after '12:30' as 14:00 - 14:30 (sites omit am/pm)."""
        if start and self._last_start and start < self._last_start and start.hour < 12:
            start = start.replace(hour=start.hour + 12)
        if start and end and end < start and end.hour < 12:
            end = end.replace(hour=end.hour + 12)
        if start:
            self._last_start = start
        return start, end

    def listed_person(self, section: str | None, heading: str | None, inline: Inline, place: Place) -> bool:
        """A line of a list of organizers, of a committee (the heading names its role) or of speakers."""
        if section not in ("organizers", "committee", "speakers"):
            return False
        if self.listed_people(section, heading, inline, place):
            return True
        person = person_from_parts(inline.text, [(r.text, r.href or "") for r in inline.links], place)
        if person is None:
            return False
        if section == "speakers":
            self.draft.speakers.append(person)
            return True
        person.role = heading if section == "committee" else None
        add_person(self.draft, section, person)
        return True

    def listed_people(self, section: str | None, heading: str | None, inline: Inline, place: Place) -> bool:
        """'A (X), B (Y) and C (Z)' on one line of a list of people: each of them, with their links."""
        run = people_list.people_run(inline.text) if section in ("organizers", "committee", "speakers") else None
        if run is None or section is None:
            return False
        for name, affiliation, written in run:
            links = [(r.text, r.href or "") for r in inline.links if r.text.strip() and r.text.strip() in written]
            person = person_from_parts(name, links, place) or PersonMention(name, place, roster=True)
            person.affiliation = affiliation
            if section == "speakers":
                self.draft.speakers.append(person)
                continue
            person.role = heading if section == "committee" else None
            add_person(self.draft, section, person)
        return True

    def call_or_date(self, section: str | None, inline: Inline, place: Place) -> bool:
        """A line of a call for papers (its submission links, an item of it) or a line stating a date."""
        if self.in_cfp or section == "instructions":
            self.submission_links(inline)
            if self.call_item(inline):
                return True
        return section != "instructions" and read_date_line(self, inline.text, place, strict=section != "dates")

    def warn(self, place: Place, code: Code, message: str, hint: str | None = None) -> None:
        self.problems.warning(place.path, (place.line, None), code, message, hint)

    # -- free text ---------------------------------------------------------
    def text(
        self, text: str, markdown: str, section: str | None, place: Place, unplaced: Callable[[str, Place], None]
    ) -> None:
        self.event_facts(text, place, section)
        self.deadline_facts(text, place)
        if section == "accepted":
            self.paper(Inline([Run(text)]), place)
        elif len(text) <= 300 and (
            section == "contact" or (textual.EMAIL_RE.search(text) and text.lower().startswith(("contact", "email")))
        ):
            email = textual.EMAIL_RE.search(text)
            self.draft.contact = self.draft.contact or (email[0] if email else text)
        elif section in ("topics", "instructions") or (self.in_cfp and section in ("cfp", "overview", None)):
            target = self.draft.instructions if section == "instructions" else self.draft.cfp_intro
            target.append(markdown)
        elif section in ("overview", None) and sum(map(len, self.draft.description)) + len(markdown) < 90_000:
            self.draft.description.append(markdown)  # beyond that, it is not an event's description
        else:
            unplaced(text, place)

    def event_facts(self, text: str, place: Place, section: str | None = None) -> None:
        low = text.lower()
        if section in (None, "overview") and self.header_dateline(text, place):
            return
        if not any(w in low for w in textual.EVENT_WORDS):
            return
        for date, _, matched in textual.find_dates(text, self.year)[:1]:
            if textual.undecided(text, matched):
                self.warn(place, Code.dates, undecided_message(text))
                continue
            self.draft.event_dates.append((date, place))
            if self.in_cfp:  # a call says when the workshop is: an important date of the call
                self.draft.important_dates.append(DraftDate("Workshop", date, place))
        if m := textual.VENUE_RE.search(text):
            self.draft.venue = self.draft.venue or m["venue"].strip()
        if m := textual.LOCATION_RE.search(text):
            self.draft.location = self.draft.location or m["location"].strip()

    def header_dateline(self, text: str, place: Place) -> bool:
        """'March 15, 2020, Lausanne, Switzerland' under a page's title: when and where the event is."""
        found = textual.dateline(textual.VENUE_RE.sub("", text).strip(" ,;"), self.year)
        if found is None:
            return False
        date, matched, where = found
        if textual.undecided(text, matched):
            self.warn(place, Code.dates, undecided_message(text))
            return True
        self.draft.event_dates.append((date, place))
        if m := textual.VENUE_RE.search(text):
            self.draft.venue = self.draft.venue or m["venue"].strip()
        if where:
            self.draft.location = self.draft.location or where
        return True

    def deadline_facts(self, text: str, place: Place) -> None:
        """'Call for papers open until October 2nd 2020' -> a submission deadline."""
        m = textual.OPEN_UNTIL_RE.search(text)
        if m is None:
            return
        for date, _, _ in textual.find_dates(text[m.end() :], self.year)[:1]:
            self.draft.important_dates.append(DraftDate("Submission Deadline", date, place))

    def call_item(self, inline: Inline) -> bool:
        """A labelled line of a call ('Submission Website: …', 'Submission Details: …'); True if it was one."""
        labelled = textual.labelled(inline.text)
        field_name = textual.submission_field(labelled[0]) if labelled else None
        if labelled is None or field_name is None:
            return False
        if field_name == "submission_url":
            url = next((r.href for r in inline.links if r.href), None) or (
                m[0] if (m := textual.URL_RE.search(labelled[1])) else None
            )
            if url is None:
                return False
            self.draft.submission_url = self.draft.submission_url or url
            return True
        split = inline.split_at(":")
        self.draft.instructions.append(split[1].markdown() if split else labelled[1])
        return True

    def submission_links(self, inline: Inline) -> None:
        """The first link to a submission system in a call is its submission site."""
        for r in inline.links:
            if r.href and textual.is_submission_site(r.href) and not self.draft.submission_url:
                self.draft.submission_url = r.href

    # -- schedule lines ----------------------------------------------------
    def placeable(self, slot: DraftSlot, text: str, place: Place) -> bool:
        """A slot with nothing the data can name (a time alone, a paragraph) is reported, not written."""
        if slot.title or slot.contributions:
            return True
        self.not_placed(slot.note or text or "a time with nothing at it", place)
        return False

    def slot_text(self, inline: Inline, place: Place, session: DraftSession | None) -> DraftSlot:
        """One schedule entry (without its times): a plain slot, a talk, a panel, a group of items."""
        return read_cell([Line(inline)], place, session.title if session else None)

    # -- papers ------------------------------------------------------------
    def paper_kind(self) -> ContributionKind:
        where = (self.page_section or "") + str(self.path).lower()
        return ContributionKind.poster if "poster" in where else ContributionKind.paper

    def paper(self, inline: Inline, place: Place) -> None:
        """One entry of a list of papers, or the authors or abstract of the entry before it."""
        entry = papers.read_paper(inline)
        pending = self.pending_paper
        if entry is None:
            authors = papers.authors_line(inline) if pending is not None and not pending.authors else None
            if pending is not None and authors:
                pending.authors = [self.mention(a.name, place, a.affiliation) for a in authors]
            elif pending is not None and pending.authors and not pending.abstract and len(inline.text) > 200:
                pending.abstract = inline.markdown()
            else:
                self.not_placed(inline.text, place)
            return
        paper = DraftContribution(entry.title, self.paper_kind(), place, note=entry.note)
        paper.authors = [self.mention(a.name, place, a.affiliation) for a in entry.authors]
        for role, href in papers.link_fields(entry.links).items():
            setattr(paper, role, href)
        for piece in entry.left:
            self.not_placed(piece, place)
        self.draft.papers.append(paper)
        self.pending_paper = paper

    def paper_title(self, text: str, place: Place) -> None:
        """A heading that is a paper's title ('### **1. Title**'); its authors follow."""
        title = papers.title_text(text)
        if not title:
            return
        paper = DraftContribution(title, self.paper_kind(), place)
        self.draft.papers.append(paper)
        self.pending_paper = paper

    def not_placed(self, text: str, place: Place) -> None:
        short = text if len(text) <= 60 else text[:57] + "…"
        self.warn(place, Code.file, f"not placed: '{short}'", "add it to the data by hand if it matters")


class PageReader:
    """What the Markdown and the HTML reader share: the context, and the schedule day they read into
    (a page and the HTML blocks inside it read into the same day)."""

    ctx: PageContext

    @property
    def day(self) -> DraftDay | None:
        return self.ctx.day

    @day.setter
    def day(self, value: DraftDay | None) -> None:
        self.ctx.day = value


def person_from_parts(text: str, links: list[tuple[str, str]], place: Place) -> PersonMention | None:
    """'Sarah Bird, Facebook Research <slbird@fb.com>' -> a roster person."""
    plain = text
    for label, _ in links:
        if label and not names.is_person(label):  # '@handle', an address; '[Ada Byron](homepage)' is the name
            plain = plain.replace(label, "")
    plain = re.sub(r"[<>]", "", plain)
    parts = [p.strip(" ,") for p in plain.split(",") if p.strip(" ,")]
    found = names.person_and_affiliation(plain.strip(" ,"))  # 'Name, Affil', 'Name - Affil', 'Name (Affil)'
    if found is None and parts and textual.looks_like_name(parts[0]) and not names.is_organisation(parts[0]):
        found = parts[0], ", ".join(parts[1:]) or None
    if found is None:
        return None
    person = PersonMention(name=found[0], place=place, affiliation=found[1], roster=True)
    for _label, href in links:
        if href.startswith("mailto:"):
            person.email = href[len("mailto:") :]
        elif "twitter.com" in href or "x.com/" in href:
            person.social["twitter"] = href
        elif "linkedin.com" in href:
            person.social["linkedin"] = href
        elif "github.com" in href:
            person.social["github"] = href
        elif href.startswith("http"):
            person.homepage = href
    return person


def add_person(draft: Draft, section: str, person: PersonMention) -> None:
    person.roster = True
    (draft.organizers if section == "organizers" else draft.committee).append(person)


DATE_WORDS = (
    "deadline",
    "notification",
    "submission",
    "camera",
    "workshop",
    "date",
    "due",
    "upload",
    "decision",
    "registration",
    "abstract",
    "paper",
    "poster",
)


def read_date_line(ctx: PageContext, text: str, place: Place, strict: bool = False) -> bool:
    """Record an important date ('Submission Deadline: October 25, 2017'); True if the line was one."""
    if len(text) > 160:
        return False
    found = textual.important_date(text, ctx.year)
    if found is None:
        return False
    label, date, time, extended = found
    if strict and (len(label) > 60 or not any(w in label.lower() for w in DATE_WORDS)):
        return False
    if strict and any(w in label.lower().split() or f"{w} " in label.lower() for w in textual.EVENT_WORDS):
        return False  # 'The workshop will be held on April 27, 2024': the event's date, read with its sentence
    if label.lower().startswith(("workshop", "event")) and not any(w in label.lower() for w in ("paper", "submission")):
        if textual.undecided(text, textual.find_dates(text, ctx.year)[0][2]):
            ctx.warn(place, Code.dates, undecided_message(text))
        else:
            ctx.draft.event_dates.append((date, place))
    ctx.draft.important_dates.append(DraftDate(label, date, place, time=time, extended=extended))
    return True


def undecided_message(text: str) -> str:
    short = text if len(text) <= 60 else text[:57] + "…"
    return f"not placed: '{short}' gives the event's date as not settled; not taken as its date"


def read_reference(ctx: PageContext, title: str, href: str, place: Place, number: str | None = None) -> None:
    ctx.draft.references.append(DraftReference(title.strip(), href, place, arxiv=textual.arxiv_id(href), number=number))
