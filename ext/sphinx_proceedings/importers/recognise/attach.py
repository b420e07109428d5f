"""Talks and papers described on other pages, attached to the schedule's talk they describe.

A description matches a scheduled talk with the same title, the same paper link, or — when the schedule
gives no title of its own ('Invited Speaker: Jeff Dean', 'Eric Xing, Professor, CMU') — the same speaker.
What the description adds (title, abstract, links, affiliations) fills what the schedule left empty.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from sphinx_proceedings.data.model import ContributionKind, SlotKind
from sphinx_proceedings.data.names import fold
from sphinx_proceedings.importers.draft import Draft, DraftContribution

_FIELDS = ("abstract", "pdf", "slides", "video", "url")
PLACEHOLDERS = frozenset(["tbd", "tba", "tbc", "to be announced", "to be determined", "title tbd", "title tba"])


def title_key(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(title)).split())


def _same_title(key: str, keys: list[str]) -> str | None:
    """``key`` itself, or the one title it is a spelling of ('Modeling'/'Modelling', 'A'/'An Automatic')."""
    if key in keys:
        return key
    close = get_close_matches(key, keys, n=2, cutoff=0.9)
    return close[0] if len(close) == 1 and len(key) > 20 else None


def _initial_and_family(name: str) -> str:
    words = title_key(name).split()
    return f"{words[0][:1]} {words[-1]}" if words else ""


def _names(c: DraftContribution) -> set[str]:
    return {title_key(a.name) for a in c.authors}


def _untitled(c: DraftContribution) -> bool:
    """The schedule named the speaker but not the talk: its 'title' is the label or the speaker line."""
    key = title_key(c.title)
    return not key or key in PLACEHOLDERS or any(n and n in key for n in _names(c))


def _merge(talk: DraftContribution, detail: DraftContribution) -> None:
    if not detail.kind.is_talk and detail.title and title_key(detail.title) != title_key(talk.title):
        # matched by its pdf: the schedule's title stays, the listed one is kept beside it
        listed = f"Listed among the papers as '{detail.title}'"
        talk.note = f"{talk.note}; {listed}" if talk.note else listed
    elif detail.title and (_untitled(talk) or len(talk.title.split()) <= 2 < len(detail.title.split())):
        if talk.title and not _untitled(talk) and talk.title != detail.title:
            talk.note = talk.note or talk.title  # 'TensorFlow, Paul Barham' — the schedule's short name
        talk.title = detail.title
    for attr in _FIELDS:
        if getattr(talk, attr) is None and getattr(detail, attr):
            setattr(talk, attr, getattr(detail, attr))
    if not talk.authors:
        talk.authors = detail.authors
    elif not detail.kind.is_talk and detail.authors:  # a paper's talk: all its authors, the speaker presenting
        speakers = {_initial_and_family(a.name): a for a in talk.authors}
        authors = []
        for a in detail.authors:
            speaker = speakers.pop(_initial_and_family(a.name), None)  # 'Mike J. Innes' gives 'Michael J Innes''s talk
            if speaker is not None:
                a.presenting = True
                a.affiliation = a.affiliation or speaker.affiliation
            authors.append(a)
        for speaker in speakers.values():  # a speaker the paper does not list
            speaker.presenting = True
            authors.append(speaker)
        talk.authors = authors
    else:
        by_name = {title_key(a.name): a for a in detail.authors}
        for a in talk.authors:
            other = by_name.get(title_key(a.name))
            if other is not None:
                a.affiliation = a.affiliation or other.affiliation
                a.bio = a.bio or other.bio


def _talks_of_papers(draft: Draft) -> None:
    """A schedule line that is an accepted paper's title ('2:10 PM Learning to Design Circuits') is its talk."""
    papers = [title_key(p.title) for p in draft.papers if not p.kind.is_talk and p.title]
    for day in draft.days:
        for session in day.sessions:
            for slot in session.slots:
                if slot.contributions or slot.kind is not SlotKind.other or not slot.title:
                    continue
                if _same_title(title_key(slot.title), papers):
                    talk = DraftContribution(slot.title, ContributionKind.contributed_talk, slot.place)
                    talk.authors, slot.people = slot.people, []
                    slot.kind, slot.title = SlotKind.contribution, None
                    slot.contributions.append(talk)


def attach(draft: Draft) -> None:
    """Move each description in draft.papers onto the scheduled talk it describes."""
    _talks_of_papers(draft)
    scheduled = [c for day in draft.days for s in day.sessions for slot in s.slots for c in slot.contributions]
    by_title = {title_key(c.title): c for c in scheduled if c.title}
    by_link = {c.pdf: c for c in scheduled if c.pdf}
    kept: list[DraftContribution] = []
    used: set[int] = set()
    for detail in draft.papers:
        same = _same_title(title_key(detail.title), list(by_title)) if detail.title else None
        talk = by_title[same] if same else None
        if talk is None and detail.pdf:
            talk = by_link.get(detail.pdf)
        if talk is None and detail.kind.is_talk and detail.authors:
            candidates = [
                c
                for c in scheduled
                if _names(c) & _names(detail) and id(c) not in used and c.kind is not ContributionKind.panel
            ]  # a panelist's talk is not the panel
            untitled = [c for c in candidates if _untitled(c)]
            # one untitled talk of that speaker, or their only talk; a speaker with two is not for us to guess
            talk = untitled[0] if len(untitled) == 1 else (candidates[0] if len(candidates) == 1 else None)
        if talk is not None:
            used.add(id(talk))
            _merge(talk, detail)
        elif detail.title:
            kept.append(detail)  # described but not on the schedule: kept as a contribution of its own
    draft.papers[:] = kept
