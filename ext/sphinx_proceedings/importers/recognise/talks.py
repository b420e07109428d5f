"""Pages that describe talks one by one: a heading or a speaker line, then title, abstract and bio.

'## Keynote 1: Title, Speaker', '<h3>Title</h3><h4>Speaker - Affiliation</h4><p>Abstract</p>',
'**Speaker** (Role, Affiliation)' followed by 'Title:', 'Abstract:' and 'Bio:' paragraphs. The talks read
here are attached to the schedule's talks afterwards (attach.py); a talk the schedule lacks is kept as is.
"""

from __future__ import annotations

import re

from sphinx_proceedings.data.model import ContributionKind
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import Draft, DraftContribution, PersonMention, Place
from sphinx_proceedings.importers.inline import Inline, Run, link_role
from sphinx_proceedings.importers.recognise import names
from sphinx_proceedings.importers.recognise.cell_parts import LINK_WORDS, label_role, mentions
from sphinx_proceedings.importers.recognise.papers import LONGEST_TITLE
from sphinx_proceedings.importers.recognise.schedule_cell import CellReader

_ANCHOR = re.compile(r"\s*\{#[^}]*\}\s*$")  # kramdown's '{#key1}'
SPEAKER_SECTION_KINDS = (ContributionKind.keynote, ContributionKind.invited_talk)
_FIELD = re.compile(r"^(?P<label>title|abstract|bios?|biography|about the speaker|speaker bio)\s*:\s*", re.I)


def _bio_like(text: str, speakers: list[PersonMention]) -> bool:
    """A paragraph about the speaker: it opens with their name or a pronoun."""
    head = " ".join(text.split()[:4]).lower()
    words = {w.lower() for s in speakers for w in names.clean(s.name).split() if len(w) > 1}
    return head.startswith(("he ", "she ", "they ", "dr. ", "prof")) or any(w in head.split() for w in words)


class TalkReader:
    """Talks described on a page, in the order they come; each talk collects the paragraphs after it."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.talk: DraftContribution | None = None
        self.mode = "abstract"

    def end(self) -> None:
        self.talk = None

    def _start(self, title: str, speakers: list[PersonMention], place: Place, kind: ContributionKind | None) -> None:
        self.talk = DraftContribution(title, kind or ContributionKind.invited_talk, place, authors=speakers)
        self.mode = "abstract"
        self.draft.papers.append(self.talk)  # attach.py moves it onto the schedule's talk
        for person in speakers:
            person.roster = True
            self.draft.speakers.append(person)

    # -- what starts a talk -----------------------------------------------
    def heading(self, inline: Inline, place: Place) -> bool:
        """'Keynote 1: Title, Speaker' or 'Title, Speaker'; True if it began a talk."""
        text = _ANCHOR.sub("", inline.text)
        if not text:
            return False
        slot = CellReader(place).line(Inline([Run(text)]), default_kind=ContributionKind.invited_talk)
        talk = slot.contributions[0] if slot.contributions else None
        if talk is None or not talk.authors or talk.kind is ContributionKind.panel:
            return False
        self._start(talk.title, talk.authors, place, talk.kind)
        return True

    def titled(self, title: str, speaker_text: str, place: Place, links: list[tuple[str, str]] | None = None) -> bool:
        """A title heading with the speaker under it ('<h3>Title</h3><h4>Name - Affil</h4>')."""
        speakers = mentions(speaker_text, place)
        if not title or not speakers or names.is_person(title) or len(title) > LONGEST_TITLE:
            return False
        self._start(title, speakers, place, None)
        for label, href in links or []:
            self.link(href, label)
        return True

    def speaker_line(self, inline: Inline, place: Place) -> bool:
        """'**Eric Xing** (Professor, CMU)' alone on a line: a talk whose title comes next."""
        bold = [r for r in inline.runs if r.emphasis and r.text.strip()]
        if not bold or not inline.runs[0].emphasis:
            return False
        speakers = mentions(inline.text, place)
        if not speakers or len(inline.text) > 160:
            return False
        self._start("", speakers, place, None)
        self.mode = "title"
        return True

    def speaker_heading(self, speaker: PersonMention, place: Place, section_heading: str | None) -> None:
        """'### Jane Doe (Stanford)' among the speakers: a talk whose 'Title:', 'Abstract:' and 'Bio:' follow."""
        # the section says what the talks are: 'Keynotes', 'Keynote Speakers', 'Invited Talks'
        heading = (section_heading or "").lower().replace("keynotes", "keynote")
        kind = textual.kind_from_label(heading)
        self._start("", [speaker], place, kind if kind in SPEAKER_SECTION_KINDS else None)
        self.mode = "title"

    # -- what follows ------------------------------------------------------
    def paragraph(self, inline: Inline, markdown: str) -> bool:
        """A paragraph after a talk began; True if it belonged to the talk."""
        talk = self.talk
        text = inline.text
        if talk is None or not text:
            return False
        if text and all(r.href for r in inline.runs if r.text.strip()) and LINK_WORDS.match(text):
            for r in inline.runs:
                if r.href:
                    self.link(r.href, r.text)
            return True
        m = _FIELD.match(text)
        if m:
            label = m["label"].lower()
            self.mode = "title" if label == "title" else ("abstract" if label == "abstract" else "bio")
            text = text[m.end() :].strip()
            # '**Abstract:** Text': the emphasis closing after the colon goes with the label
            md = re.sub(r"^\W*" + re.escape(m["label"]) + r"\s*:\s*(?:\*\*|__|\*|_)?\s*", "", markdown, flags=re.I)
            md = md.strip()
            if not text:
                return True
            markdown = md
        if self.mode == "title" and not talk.title:
            if len(text) > LONGEST_TITLE or (m is None and (len(text) > 200 or _bio_like(text, talk.authors))):
                self.mode = "bio"  # '**Name** (Affil)' then a paragraph about them: a speaker, no talk title
            else:
                talk.title = text
                self.mode = "abstract"
                return True
        if self.mode == "abstract" and talk.abstract and _bio_like(text, talk.authors):
            self.mode = "bio"
        if self.mode == "abstract" and not talk.abstract and not m and text.split()[0].lower() in ("he", "she"):
            self.mode = "bio"  # the first paragraph already about the speaker
        if self.mode == "bio":
            self._bio(markdown)
        else:
            talk.abstract = f"{talk.abstract}\n\n{markdown}" if talk.abstract else markdown
        return True

    def _bio(self, markdown: str) -> None:
        assert self.talk is not None
        speakers = self.talk.authors
        target = speakers[0] if speakers else None
        for person in speakers:  # 'Bios:' for two speakers: each paragraph goes to the one it names
            if names.clean(person.name).split()[0].lower() in markdown.lower().split()[:3]:
                target = person
        if target is not None:  # the same mention is listed in draft.speakers
            target.bio = f"{target.bio}\n\n{markdown}" if target.bio else markdown

    def link(self, href: str, label: str = "") -> None:
        if self.talk is not None:
            role = label_role(label) or link_role(href)  # '[slides](talk.pdf)' is the slides
            if getattr(self.talk, role) is None:
                setattr(self.talk, role, href)
