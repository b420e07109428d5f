"""One schedule entry (a Markdown line or a table cell, without its times) read into a slot.

A cell may hold a plain item ('Lunch', 'Q & A'), a talk ('Keynote 1: Title, Speaker, Affiliation'), a talk
over several lines ('<b>Title</b><br><i>Speaker</i>: Name - Affiliation'), a panel with its panelists
('Panel: A, B, C', 'Panel Discussion (A, B and C)'), a labelled talk ('<b>Hardware:</b> Richard Ho',
'Session 2: Title') or several talks ('Contributed Talks:<ul><li>…</li></ul>'). Nothing is invented: a
talk announced as 'TBD' stays 'TBD'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlparse

from sphinx_proceedings.data.model import ContributionKind, SlotKind
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import DraftContribution, DraftSlot, PersonMention, Place
from sphinx_proceedings.importers.inline import Inline, Run, link_role
from sphinx_proceedings.importers.recognise import names
from sphinx_proceedings.importers.recognise.authors import read_authors


@dataclass(frozen=True)
class Line:
    inline: Inline
    item: bool = False  # a list item inside the cell


SPEAKER_LABELS = ("speaker", "speakers", "presenter", "presenters", "panelists", "panellists", "by", "with")
LINK_WORDS = re.compile(r"^\W*(slides?|pdf|paper|video|recording|talk|poster|code|abstract|link)\W*$", re.I)
SPEAKER_KINDS = re.compile(r"speaker|keynote|invited", re.I)
GROUP_LABEL = re.compile(r"spotlight|update|showcase|bonanza|demos|lightning", re.I)
PLAIN = re.compile(r"^(?:q\s*&\s*a|q&a|questions?(?: and answers?)?|discussion|open discussion|tbd|tba)$", re.I)
TBD = re.compile(r"^(?:tbd|tba|tbc|to be (?:announced|determined|confirmed))\.?$", re.I)


def _strip_lead(inline: Inline) -> Inline:
    if not inline.runs:
        return inline
    first = inline.runs[0]
    return Inline([replace(first, text=first.text.lstrip(" :-–—|")), *inline.runs[1:]])


def _mentions(text: str, place: Place) -> list[PersonMention]:
    """People named in ``text`` ('A, B and C', 'Name - Affil', 'Name, Affil'); [] unless all are people."""
    text = text.strip(" ,.;")
    authors, left = read_authors(text, lenient=False)
    if authors and not left:
        return [PersonMention(a.name, place, affiliation=a.affiliation) for a in authors]
    one = names.person_and_affiliation(text)
    if one and (one[1] is None or not names.is_person(one[1].split(",")[0])):  # 'Name - Facebook', not 'T, A, B'
        return [PersonMention(one[0], place, affiliation=one[1])]
    return []


def _speaker_label(label: str) -> tuple[bool, ContributionKind | None]:
    """'Keynote Speaker', 'Invited Speaker 1', 'Speaker' -> (names a speaker?, kind)."""
    low = re.sub(r"[\d#.]+", " ", label.lower()).split()
    is_speaker = bool(low) and (low[-1] in SPEAKER_LABELS or "moderator" in low)
    kind = textual.kind_from_label(" ".join(w for w in low if w not in SPEAKER_LABELS)) if is_speaker else None
    if is_speaker and kind is None and any(w in low for w in ("keynote", "invited")):
        kind = ContributionKind.keynote if "keynote" in low else ContributionKind.invited_talk
    return is_speaker, kind


def _label_role(label: str) -> str | None:
    low = label.lower()
    for role, words in (("slides", ("slide",)), ("video", ("video", "recording")), ("pdf", ("pdf", "paper"))):
        if any(w in low for w in words):
            return role
    return None


def _label_links(inline: Inline) -> tuple[Inline, dict[str, str]]:
    """'… UC Berkeley [[slides](s.pdf)]' -> the line without its '[slides]', and {'slides': 's.pdf'}."""
    kept: list[Run] = []
    found: dict[str, str] = {}
    for r in inline.runs:
        if r.href and kept and LINK_WORDS.match(r.text.strip()) and (role := _label_role(r.text) or link_role(r.href)):
            found.setdefault(role, r.href)
            last = kept[-1]
            kept[-1] = replace(last, text=last.text.rstrip(" [(")) if not last.href else last
            continue
        if found and not r.href and kept and r.text.strip(" ])") == "":
            continue
        kept.append(r)
    return Inline(kept), found


def _useful_links(runs: list[Run]) -> list[str]:
    """Links worth keeping: not the page's own anchors ('#talk1', 'talks#key1')."""
    out = []
    for r in runs:
        if r.href and not (urlparse(r.href).fragment and link_role(r.href) == "url"):
            out.append(r.href)
    return out


def _set_links(c: DraftContribution, hrefs: list[str]) -> None:
    for href in hrefs:
        role = link_role(href)
        if getattr(c, role) is None:
            setattr(c, role, href)


class CellReader:
    def __init__(self, place: Place, session_title: str | None = None) -> None:
        self.place = place
        self.session_kind = None
        if session_title:
            hint = textual.kind_from_label(session_title.split(":")[-1])
            self.session_kind = hint if hint is not ContributionKind.poster else None

    # -- entry point -------------------------------------------------------
    def read(self, lines: list[Line]) -> DraftSlot:
        lines = [Line(_strip_lead(ln.inline), ln.item) for ln in lines if ln.inline.text]
        if not lines:
            return DraftSlot(self.place, kind=SlotKind.other)
        items = [ln for ln in lines if ln.item]
        if items and not lines[0].item:
            return self._listed(lines[0].inline, [ln.inline for ln in items], lines)
        if len(lines) == 1:
            return self.line(lines[0].inline)
        return self._fields([ln.inline for ln in lines])

    # -- one line ----------------------------------------------------------
    def line(self, inline: Inline, default_kind: ContributionKind | None = None) -> DraftSlot:
        inline, labelled = _label_links(inline)
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
        label, body = self._label(inline)
        kind = textual.kind_from_label(label) if label else None
        marked = bool(body.runs) and (body.runs[0].emphasis or bool(body.runs[0].href)) and len(body.runs) > 1
        if label and kind is not None and SPEAKER_KINDS.search(label) and not marked and (
            people := _mentions(body.text, self.place)
        ):
            return self._talk(slot, None, people, kind, _useful_links(body.runs), None, text)  # 'Keynote: Jeff Dean'
        if label and kind is ContributionKind.poster and (people := _mentions(body.text, self.place)):
            slot = self._plain(label, people)  # 'Poster Introduction: Siddhartha Sen'
            slot.kind = SlotKind.posters
            return slot
        if label and kind is None:
            is_speaker, speaker_kind = _speaker_label(label)
            people = _mentions(body.text, self.place)
            if is_speaker and people:  # 'Invited Speaker 1: Eric Schkufza'
                kind = speaker_kind or default_kind or self.session_kind
                return self._talk(slot, None, people, kind, _useful_links(body.runs), None, text)
            if "panel" in label.lower():
                kind = ContributionKind.panel
            elif GROUP_LABEL.search(label) and (group := self._group(label, body)) is not None:
                return group
            elif "session" in label.lower():  # 'Session 2: Title, Speaker' — a talk of a named session
                slot.title, label = label, None
            elif people:  # a topic label: 'Hardware: Richard Ho'
                kind = default_kind or self.session_kind
                return self._talk(slot, label, people, kind, _useful_links(body.runs), None)
            elif (group := self._group(label, body)) is not None:
                return group
            else:  # not a label after all: 'Ray: A distributed engine, Ion Stoica'
                label, body = None, inline
        head_kind = textual.kind_from_label(body.text.split(" (")[0].strip(" *"))
        if kind is ContributionKind.panel or (kind is None and head_kind is ContributionKind.panel):
            return self._panel(slot, label, body)
        title, people, note = self._title_and_people(body)
        links = _useful_links(body.runs)
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

    def _label(self, inline: Inline) -> tuple[str | None, Inline]:
        """A short label before a colon ('Keynote 1', 'Contributed Talk', 'Hardware'), even inside a link."""
        for i, r in enumerate(inline.runs):
            if ":" not in r.text:
                continue
            head, _, tail = r.text.partition(":")
            before = Inline([*inline.runs[:i], replace(r, text=head)])
            after = Inline([replace(r, text=tail), *inline.runs[i + 1 :]])
            label = before.text.strip(" *")
            if _useful_links(before.runs) or not after.text or "(" in label:
                return None, inline
            if not 1 <= len(label.split()) <= 8 or names.is_person(label):
                return None, inline
            return label, _strip_lead(after)
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
            if tail and names.is_person(title) and not _mentions(tail, self.place):
                return tail, [PersonMention(names.clean(title), self.place)], None  # '<b>Speaker</b> - Title'
            note = None
            if tail and not (people := _mentions(tail, self.place)):
                paren = re.match(r"^\((?P<p>.*)\)$", tail.strip())
                people = _mentions(paren["p"], self.place) if paren else []
                note = None if people else tail
            elif not tail:
                people = []
            return title, people, note
        text = body.text.strip(" ,")
        paren = re.match(r"^(?P<title>.*?)\s*\((?P<inner>[^()]*)\)$", text)
        if paren:  # 'Opening remarks (Sarah Bird)', 'Closing Remarks (10mn)', 'Lecture (Symphony Hall)'
            people = [] if names.is_venue(paren["inner"]) else _mentions(paren["inner"], self.place)
            if people:
                return paren["title"].strip(), people, None
            title, more, _ = self._title_and_people(Inline([Run(paren["title"])]))
            return title, more, paren["inner"].strip()
        parts = text.split(", ")
        for i in range(1, len(parts)):
            people = _mentions(", ".join(parts[i:]), self.place)
            first = textual.split_people(parts[i])
            if people and first and names.is_person(names.strip_roles(first[0])):
                return ", ".join(parts[:i]), people, None
        people = _mentions(text, self.place)
        if people and (len(people) > 1 or people[0].affiliation):  # 'Eric Xing, Professor, CMU': a speaker, no title
            return None, people, None  # a bare 'Learned Index Structures' stays a title
        for sep in (" - ", " – ", " — ", " by "):
            head, found, tail = text.rpartition(sep)
            if found and head and (people := _mentions(tail, self.place)):
                return head.strip(), people, None
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
        """A talk; one whose title the schedule does not give keeps the words it does ('Invited Speaker: A')."""
        c = DraftContribution(
            title or written or slot.title or "", kind or ContributionKind.contributed_talk, self.place, authors=people
        )
        c.note = note
        _set_links(c, links)
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
            people = _mentions(head, self.place)
            title = label if people or not head else f"{label}: {head}"
        else:
            title = head
        if inner:
            moderator = re.match(r"^moderat\w*\s*:?\s*(?P<who>.*)$", inner, re.I)
            if moderator:
                note = f"Moderator: {moderator['who'].strip()}"
            elif not people and (found := _mentions(inner, self.place)):
                people = found
            else:
                note = inner  # 'Panel Discussion (TBD)' stays TBD
        c = DraftContribution(title or "Panel", ContributionKind.panel, self.place, authors=people, note=note)
        _set_links(c, _useful_links(body.runs))
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
                _set_links(c, [hrefs[item] or ""])
            slot.contributions.append(c)
        return slot

    # -- several lines -----------------------------------------------------
    def _listed(self, head: Inline, items: list[Inline], lines: list[Line]) -> DraftSlot:
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
        labelled = any(self._label(ln)[0] and _speaker_label(self._label(ln)[0] or "")[0] for ln in lines)
        for idx, inline in enumerate(lines):
            text = inline.text.strip(" ,")
            if LINK_WORDS.match(text):
                for r in inline.runs:
                    if r.href and r.href in _useful_links([r]):
                        by_label.setdefault(_label_role(r.text) or link_role(r.href), r.href)
                continue
            label, body = self._label(inline)
            if label:
                is_speaker, label_kind = _speaker_label(label)
                label_kind = label_kind or textual.kind_from_label(label)
                found = _mentions(body.text, self.place) if is_speaker or label_kind else []
                if found:  # 'Speaker: Name - Affil', 'Invited Speaker 1: Name'
                    people += found
                    kind = kind or label_kind
                    links += _useful_links(body.runs)
                    continue
            found = _mentions(text, self.place) if not people and not labelled else []  # a 'Speaker:' line names them
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
            DraftSlot(self.place), title, people, kind or self.session_kind, _useful_links(title_runs) + links, note, written
        )
        for role, href in by_label.items():
            if getattr(slot.contributions[0], role) is None:
                setattr(slot.contributions[0], role, href)
        return slot


def read_cell(lines: list[Line], place: Place, session_title: str | None = None) -> DraftSlot:
    return CellReader(place, session_title).read(lines)
