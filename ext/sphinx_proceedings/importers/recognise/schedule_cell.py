"""One schedule entry (a Markdown line or a table cell, without its times) read into a slot.

A cell may hold a plain item ('Lunch', 'Q & A'), a talk ('Keynote 1: Title, Speaker, Affiliation'), a talk
over several lines ('<b>Title</b><br><i>Speaker</i>: Name - Affiliation'), a panel with its panelists
('Panel: A, B, C', 'Panel Discussion (A, B and C)'), a labelled talk ('<b>Hardware:</b> Richard Ho',
'Session 2: Title') or several talks ('Contributed Talks:<ul><li>…</li></ul>'). Nothing is invented: a
talk announced as 'TBD' stays 'TBD'.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sphinx_proceedings.data.model import ContributionKind, SlotKind
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import DraftContribution, DraftSlot, PersonMention, Place
from sphinx_proceedings.importers.inline import Inline, Run, link_role
from sphinx_proceedings.importers.recognise import names
from sphinx_proceedings.importers.recognise.cell_parts import (
    GROUP_LABEL,
    LINK_WORDS,
    PLAIN,
    SPEAKER_KINDS,
    TBD,
    Line,
    label_links,
    label_role,
    mentions,
    set_links,
    speaker_label,
    strip_lead,
    useful_links,
)
from sphinx_proceedings.importers.recognise.papers import LONGEST_TITLE

__all__ = ["LINK_WORDS", "UNTITLED", "CellReader", "Line", "read_cell"]

UNTITLED = "TBD"  # the title of a talk whose speaker is known but not its title


class CellReader:
    def __init__(self, place: Place, session_title: str | None = None) -> None:
        self.place = place
        self.session_kind = None
        if session_title:
            hint = textual.kind_from_label(session_title.split(":")[-1])
            self.session_kind = hint if hint is not ContributionKind.poster else None

    # -- entry point -------------------------------------------------------
    def read(self, lines: list[Line]) -> DraftSlot:
        lines = [Line(strip_lead(ln.inline), ln.item) for ln in lines if ln.inline.text]
        if not lines:
            return DraftSlot(self.place, kind=SlotKind.other)
        if sum(len(ln.inline.text) for ln in lines) > LONGEST_TITLE:  # a paragraph, not a schedule entry
            return DraftSlot(self.place, kind=SlotKind.other, note=" ".join(ln.inline.text for ln in lines))
        items = [ln for ln in lines if ln.item]
        if items and not lines[0].item:
            return self._listed(lines[0].inline, [ln.inline for ln in items])
        if len(lines) == 1:
            return self.line(lines[0].inline)
        talks = [self.line(ln.inline) for ln in lines]
        if all(t.contributions and all(c.authors for c in t.contributions) for t in talks):
            slot = DraftSlot(self.place)  # 'Title A, Speaker A<br>Title B, Speaker B': a talk per line
            slot.contributions = [c for t in talks for c in t.contributions]
            return slot
        return self._fields([ln.inline for ln in lines])

    # -- one line ----------------------------------------------------------
    def line(self, inline: Inline, default_kind: ContributionKind | None = None) -> DraftSlot:
        inline, labelled = label_links(inline)
        slot = self._line(inline, default_kind)
        for c in slot.contributions[:1]:
            for role, href in labelled.items():
                if getattr(c, role) is None:
                    setattr(c, role, href)
        return slot

    def _line(self, inline: Inline, default_kind: ContributionKind | None) -> DraftSlot:
        text = inline.text.strip(" ,")
        if PLAIN.match(text):
            return self._plain(text, [])
        slot = DraftSlot(self.place)
        if first := self._speaker_first(inline):
            title, _, note = self._title_and_people(first[1])
            return self._talk(slot, title, first[0], default_kind or self.session_kind, useful_links(inline.runs), note)
        label, body = self._label(inline)
        kind = textual.kind_from_label(label) if label else None
        shown = [r for r in body.runs if r.text.strip()]
        marked = len(shown) > 1 and (shown[0].emphasis or bool(shown[0].href))  # '*Title*, Speaker' after the label
        if (
            label
            and kind is not None
            and SPEAKER_KINDS.search(label)
            and not marked
            and (people := mentions(body.text, self.place))
        ):
            return self._talk(slot, None, people, kind, useful_links(body.runs), None, text)  # 'Keynote: Jeff Dean'
        if label and kind is ContributionKind.poster and (people := mentions(body.text, self.place)):
            slot = self._plain(label, people)  # 'Poster Introduction: Siddhartha Sen'
            slot.kind = SlotKind.posters
            return slot
        if label and kind is None:
            is_speaker, speaker_kind = speaker_label(label)
            people = mentions(body.text, self.place)
            if is_speaker and people:  # 'Invited Speaker 1: Eric Schkufza'
                kind = speaker_kind or default_kind or self.session_kind
                return self._talk(slot, None, people, kind, useful_links(body.runs), None, text)
            if "panel" in label.lower():
                kind = ContributionKind.panel
            elif GROUP_LABEL.search(label) and (group := self._group(label, body)) is not None:
                return group
            elif "session" in label.lower():  # 'Session 2: Title, Speaker' — a talk of a named session
                slot.title, label = label, None
            elif people:  # a topic label: 'Hardware: Richard Ho'
                kind = default_kind or self.session_kind
                return self._talk(slot, label, people, kind, useful_links(body.runs), None)
            elif (group := self._group(label, body)) is not None:
                return group
            else:  # not a label after all: 'Ray: A distributed engine, Ion Stoica'
                label, body = None, inline
        head_kind = textual.kind_from_label(body.text.split(" (")[0].strip(" *"))
        if kind is ContributionKind.panel or (kind is None and head_kind is ContributionKind.panel):
            return self._panel(slot, label, body)
        title, people, note = self._title_and_people(body)
        links = useful_links(body.runs)
        kind = kind or default_kind
        plain = textual.plain_slot_kind(title or "") if kind is None else None
        if title and TBD.match(title) and kind is None:
            plain = SlotKind.other
        if plain in (SlotKind.meal, SlotKind.break_, SlotKind.posters, SlotKind.social) and people:
            paren = re.match(r"^.*?\((?P<inner>[^()]*)\)\s*$", text)  # 'Lunch (Main Hall)': a place, not a person
            note, people = (paren["inner"] if paren else note), []
        if plain or (kind is None and not people and not links):
            out = self._plain(title or text, people)
            out.note = note
            return out
        kind = kind or self.session_kind
        return self._talk(slot, title, people, kind, links, note, text)

    def _speaker_first(self, inline: Inline) -> tuple[list[PersonMention], Inline] | None:
        """'**Jeff Dean**: Title' or 'Jeff Dean (Google): Title' — the speaker, then the title.

        A bare 'Learned Indexes: A Survey' is a title with a colon, so the speaker must stand out:
        marked on their own, or with an affiliation.
        """
        split = inline.split_at(":")
        if split is None or not split[1].text.strip():
            return None
        head = [r for r in split[0].runs if r.text.strip()]
        people = mentions(split[0].text, self.place)
        marked = len(head) == 1 and head[0].emphasis and not any(r.emphasis for r in split[1].runs if r.text.strip())
        if not people or not (marked or all(p.affiliation for p in people)) or mentions(split[1].text, self.place):
            return None
        return people, strip_lead(split[1])

    def _label(self, inline: Inline) -> tuple[str | None, Inline]:
        """A short label before a colon ('Keynote 1', 'Contributed Talk', 'Hardware'), even inside a link."""
        for i, r in enumerate(inline.runs):
            if ":" not in r.text:
                continue
            head, _, tail = r.text.partition(":")
            before = Inline([*inline.runs[:i], replace(r, text=head)])
            after = Inline([replace(r, text=tail), *inline.runs[i + 1 :]])
            label = before.text.strip(" *")
            if useful_links(before.runs) or not after.text or "(" in label:
                return None, inline
            if not 1 <= len(label.split()) <= 8 or names.is_person(label):
                return None, inline
            return label, strip_lead(after)
        return None, inline

    def _title_and_people(self, body: Inline) -> tuple[str | None, list[PersonMention], str | None]:
        """'*Title*, Name, Affil' / '[Title](x), Name' / 'Title, A and B, Affil' / 'Title (A, B)'."""
        runs = [r for r in body.runs if r.text.strip() or r.href]
        if not runs:
            return None, [], None
        n = 1
        while n < len(runs) and runs[n].href == runs[0].href and runs[0].href:
            n += 1
        if (runs[0].href or runs[0].emphasis) and n < len(runs):  # a marked title, then who gives it
            title = Inline(runs[:n]).text.strip(" ,.:")
            tail = Inline(runs[n:]).text.strip(" ,.:;-–—")
            named = [r for r in runs[n:] if (r.href or r.emphasis) and not LINK_WORDS.match(r.text.strip())]
            if names.is_person(title) and named:  # '<b>Speaker</b> - <a href="paper.pdf">Title</a>'
                return Inline(named).text.strip(" ,.:"), [PersonMention(names.clean(title), self.place)], None
            if all(r.href for r in runs[n:] if r.text.strip(" :,;-–")):  # '[Keynote: Title, Speaker](#k): [Slides](s)'
                return self._title_and_people(Inline([Run(title)]))
            for r in runs[n:]:  # '[slides]' and other link labels are not speakers
                if r.href and r.text.strip():
                    tail = tail.replace(f"[[{r.text.strip()}]]", "").replace(f"[{r.text.strip()}]", "")
                    tail = tail.replace(r.text.strip(), "")
            tail = tail.strip(" ,.:;-–—[]()")
            if tail and names.is_person(title) and not mentions(tail, self.place):
                return tail, [PersonMention(names.clean(title), self.place)], None  # '<b>Speaker</b> - Title'
            note = None
            if tail and not (people := mentions(tail, self.place)):
                paren = re.match(r"^\((?P<p>.*)\)$", tail.strip())
                people = mentions(paren["p"], self.place) if paren else []
                note = None if people else tail
            elif not tail:
                people = []
            return title, people, note
        text = body.text.strip(" ,")
        for sep in (" — ", " – ", " - ", " by "):  # 'Title — Speaker (Affil)'
            head, found, tail = text.rpartition(sep)
            if found and head and (people := mentions(tail, self.place)):
                return head.strip(), people, None
        for sep in (" — ", " – ", " - "):  # 'Speaker (Affil) — Title': a speaker who stands out by their affiliation
            head, found, tail = text.partition(sep)
            people = mentions(head, self.place) if found and tail.strip() else []
            if people and all(p.affiliation for p in people) and not mentions(tail, self.place):
                return tail.strip(), people, None
        paren = re.match(r"^(?P<title>.*?)\s*\((?P<inner>[^()]*)\)$", text)
        if paren:  # 'Opening remarks (Sarah Bird)', 'Closing Remarks (10mn)', 'Lecture (Symphony Hall)'
            people = [] if names.is_venue(paren["inner"]) else mentions(paren["inner"], self.place)
            if people:
                return paren["title"].strip(), people, None
            before, more, _ = self._title_and_people(Inline([Run(paren["title"])]))
            inner = paren["inner"].strip()
            if more and names.is_organisation(inner) and not any(p.affiliation for p in more):
                # 'Title, A and B (Org)': where the speakers work, not a note
                return before, [replace(p, affiliation=inner) for p in more], None
            return before, more, inner
        parts = text.split(", ")
        if len(parts) > 1 and TBD.match(parts[-1].strip()):  # 'Title, TBD': the speaker is not known yet
            return ", ".join(parts[:-1]), [], f"Speaker: {parts[-1].strip()}"
        for i in range(1, len(parts)):
            people = mentions(", ".join(parts[i:]), self.place)
            first = textual.split_people(parts[i])
            if people and first and names.is_person(names.strip_roles(first[0])):
                return ", ".join(parts[:i]), people, None
        people = mentions(text, self.place)
        if people and (len(people) > 1 or people[0].affiliation):  # 'Eric Xing, Professor, CMU': a speaker, no title
            return None, people, None  # a bare 'Learned Index Structures' stays a title
        return text, [], None

    def _plain(self, title: str, people: list[PersonMention]) -> DraftSlot:
        slot = DraftSlot(self.place, kind=textual.plain_slot_kind(title) or SlotKind.other)
        slot.title, slot.people = title.rstrip(" :") or None, people
        return slot

    def _talk(
        self,
        slot: DraftSlot,
        title: str | None,
        people: list[PersonMention],
        kind: ContributionKind | None,
        links: list[str],
        note: str | None,
        written: str = "",
    ) -> DraftSlot:
        """A talk; one whose title the schedule does not give ('Invited talk: Jane Doe (MIT)') is titled TBD,
        a placeholder that a description elsewhere (a talks page, a keynote block) replaces."""
        named = title or (UNTITLED if people else "") or written or slot.title or ""
        if len(named) > LONGEST_TITLE:  # a paragraph, not a talk's title
            slot.kind, slot.note = SlotKind.other, named
            return slot
        c = DraftContribution(named, kind or ContributionKind.contributed_talk, self.place, authors=people)
        c.note = note
        set_links(c, links)
        slot.contributions.append(c)
        return slot

    def _panel(self, slot: DraftSlot, label: str | None, body: Inline) -> DraftSlot:
        """'Panel: A, B, C' / 'Panel Discussion (A, B and C)' / 'X Panel (Moderator: A)' / 'Panel (TBD)'."""
        text = body.text.strip(" ,")
        paren = re.match(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)\s*$", text)
        head, inner = (paren["head"].strip(" *"), paren["inner"].strip()) if paren else (text.strip(" *"), "")
        people: list[PersonMention] = []
        note = None
        if label:
            people = mentions(head, self.place)
            title = label if people or not head else f"{label}: {head}"
        else:
            title = head
        if inner:
            moderator = re.match(r"^moderat\w*\s*:?\s*(?P<who>.*)$", inner, re.I)
            if moderator:
                note = f"Moderator: {moderator['who'].strip()}"
            elif not people and (found := mentions(inner, self.place)):
                people = found
            else:
                note = inner  # 'Panel Discussion (TBD)' stays TBD
        c = DraftContribution(title or "Panel", ContributionKind.panel, self.place, authors=people, note=note)
        set_links(c, useful_links(body.runs))
        slot.contributions.append(c)
        return slot

    def _group(self, label: str, body: Inline) -> DraftSlot | None:
        """'Updates from Current ML Systems: TensorFlow, PyTorch' / 'Spotlights: A (TVM), B (ChainerMN)'."""
        items = textual.split_people(body.text)
        if len(items) < 2:
            return None
        hrefs = {r.text.strip(): r.href for r in body.runs if r.href}
        kind = ContributionKind.update if "update" in label.lower() else ContributionKind.lightning_talk
        slot = DraftSlot(self.place, title=label)
        for item in items:
            m = re.match(r"^(?P<name>[^()]+?)\s*\((?P<what>[^()]+)\)$", item)
            if m and names.is_person(m["name"]):  # 'Tianqi Chen (TVM)'
                c = DraftContribution(m["what"], kind, self.place, authors=[PersonMention(m["name"], self.place)])
            elif len(item.split()) <= 3 and not names.is_person(item):
                c = DraftContribution(item, kind, self.place, id_hint=item)
            else:
                return None
            if hrefs.get(item):
                set_links(c, [hrefs[item] or ""])
            slot.contributions.append(c)
        return slot

    # -- several lines -----------------------------------------------------
    def _listed(self, head: Inline, items: list[Inline]) -> DraftSlot:
        """'Contributed Talks:' then one talk per list item."""
        label = head.text.strip(" :")
        kind = textual.kind_from_label(label) or self.session_kind or ContributionKind.contributed_talk
        slot = DraftSlot(self.place, title=label)
        for item in items:
            parsed = self.line(item, default_kind=kind)
            if parsed.contributions:
                slot.contributions.extend(parsed.contributions)
            elif parsed.title:
                slot.contributions.append(DraftContribution(parsed.title, kind, self.place, authors=parsed.people))
        return slot

    def _fields(self, lines: list[Inline]) -> DraftSlot:
        """'<b>Title</b><br><i>Speaker</i>: Name - Affil<br><a>Slides</a>' and its variants."""
        title: str | None = None
        title_runs: list[Run] = []
        people: list[PersonMention] = []
        kind: ContributionKind | None = None
        links: list[str] = []
        notes: list[str] = []
        by_label: dict[str, str] = {}  # '<a>Slides</a>' says what the link is, whatever its address
        labelled = any(self._label(ln)[0] and speaker_label(self._label(ln)[0] or "")[0] for ln in lines)
        for idx, inline in enumerate(lines):
            text = inline.text.strip(" ,")
            if LINK_WORDS.match(text):
                for r in inline.runs:
                    if r.href and r.href in useful_links([r]):
                        by_label.setdefault(label_role(r.text) or link_role(r.href), r.href)
                continue
            label, body = self._label(inline)
            if label:
                is_speaker, label_kind = speaker_label(label)
                label_kind = label_kind or textual.kind_from_label(label)
                found = mentions(body.text, self.place) if is_speaker or label_kind else []
                if found:  # 'Speaker: Name - Affil', 'Invited Speaker 1: Name'
                    people += found
                    kind = kind or label_kind
                    links += useful_links(body.runs)
                    continue
            found = mentions(text, self.place) if not people and not labelled else []  # a 'Speaker:' line names them
            if found and (title is not None or idx < len(lines) - 1):  # a line that is only a name: the speaker
                people += found
                continue
            if title is None:
                if label and (label_kind := textual.kind_from_label(label)) and body.text:
                    kind, inline = kind or label_kind, body  # 'Keynote: Title' above its speaker line
                kept = [r for r in inline.runs if not (r.href and LINK_WORDS.match(r.text.strip()))]
                links += [r.href for r in inline.runs if r.href and r not in kept]
                title_runs = kept
                title = Inline(kept).text.strip(" ,")
                continue
            notes.append(text)
        if title:
            award = re.search(r"\s*\((best [^()]*)\)\s*$", title, re.I)
            if award:
                notes.insert(0, award[1])
                title = title[: award.start()].strip()
        note = "; ".join(notes) or None
        if title is not None and not people and kind is None and not links:
            single = self.line(Inline(title_runs))  # 'Break<br/>', 'Lunch<br/><i></i>': one line after all
            single.note = single.note or note
            return single
        if title and (PLAIN.match(title) or (textual.plain_slot_kind(title) and kind is None)):
            slot = self._plain(title, people)
            slot.note = note
            return slot
        if title and kind is None:
            kind = textual.kind_from_label(title.split(":")[0])
        written = " ".join(ln.text for ln in lines)
        slot = self._talk(
            DraftSlot(self.place),
            title,
            people,
            kind or self.session_kind,
            useful_links(title_runs) + links,
            note,
            written,
        )
        for role, href in by_label.items():
            if getattr(slot.contributions[0], role) is None:
                setattr(slot.contributions[0], role, href)
        return slot


def read_cell(lines: list[Line], place: Place, session_title: str | None = None) -> DraftSlot:
    return CellReader(place, session_title).read(lines)
