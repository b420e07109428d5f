"""The pieces of a schedule cell: its lines, labels ('Keynote Speaker:'), link labels ('[slides]'), people."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sphinx_proceedings.data.model import ContributionKind
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import DraftContribution, PersonMention, Place
from sphinx_proceedings.importers.inline import Inline, Run, link_role, parse_url
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


def strip_lead(inline: Inline) -> Inline:
    if not inline.runs:
        return inline
    first = inline.runs[0]
    return Inline([replace(first, text=first.text.lstrip(" :-–—|")), *inline.runs[1:]])


def mentions(text: str, place: Place) -> list[PersonMention]:
    """People named in ``text`` ('A, B and C', 'Name - Affil', 'Name, Affil'); [] unless all are people."""
    text = text.strip(" ,.;")
    authors, left = read_authors(text, lenient=False)
    if authors and not left:
        return [PersonMention(a.name, place, affiliation=a.affiliation) for a in authors]
    one = names.person_and_affiliation(text)
    if one and (one[1] is None or not names.is_person(one[1].split(",")[0])):  # 'Name - Facebook', not 'T, A, B'
        return [PersonMention(one[0], place, affiliation=one[1])]
    return []


def speaker_label(label: str) -> tuple[bool, ContributionKind | None]:
    """'Keynote Speaker', 'Invited Speaker 1', 'Speaker' -> (names a speaker?, kind)."""
    low = re.sub(r"[\d#.]+", " ", label.lower()).split()
    is_speaker = bool(low) and (low[-1] in SPEAKER_LABELS or "moderator" in low)
    kind = textual.kind_from_label(" ".join(w for w in low if w not in SPEAKER_LABELS)) if is_speaker else None
    if is_speaker and kind is None and any(w in low for w in ("keynote", "invited")):
        kind = ContributionKind.keynote if "keynote" in low else ContributionKind.invited_talk
    return is_speaker, kind


def label_role(label: str) -> str | None:
    low = label.lower()
    for role, words in (("slides", ("slide",)), ("video", ("video", "recording")), ("pdf", ("pdf", "paper"))):
        if any(w in low for w in words):
            return role
    return None


def label_links(inline: Inline) -> tuple[Inline, dict[str, str]]:
    """'… UC Berkeley [[slides](s.pdf)]' -> the line without its '[slides]', and {'slides': 's.pdf'}."""
    kept: list[Run] = []
    found: dict[str, str] = {}
    for r in inline.runs:
        if r.href and kept and LINK_WORDS.match(r.text.strip()) and (role := label_role(r.text) or link_role(r.href)):
            found.setdefault(role, r.href)
            last = kept[-1]
            kept[-1] = replace(last, text=last.text.rstrip(" [(")) if not last.href else last
            continue
        if found and not r.href and kept and r.text.strip(" ])") == "":
            continue
        kept.append(r)
    return Inline(kept), found


def useful_links(runs: list[Run]) -> list[str]:
    """Links worth keeping: not the page's own anchors ('#talk1', 'talks#key1')."""
    out = []
    for r in runs:
        if r.href and not (parse_url(r.href).fragment and link_role(r.href) == "url"):
            out.append(r.href)
    return out


def set_links(c: DraftContribution, hrefs: list[str]) -> None:
    for href in hrefs:
        role = link_role(href)
        if getattr(c, role) is None:
            setattr(c, role, href)
