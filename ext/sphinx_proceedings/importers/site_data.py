"""A site's `_data/*.yml`: speakers, organizers, committees, papers and programmes as YAML lists of mappings.

What a file holds is told by its name or its key ('speakers', 'organizing_committee', 'program'),
else by the fields of its entries (a title and authors: papers; a time: a programme; a name:
people). Field names are matched by the common words sites use for them, never by one site's names.
A file belongs to the edition its folder or name names (`_data/2019/speakers.yml`,
`speakers_2019.yml`), or to the site's only edition.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from sphinx_proceedings.data.model import ContributionKind, SlotKind
from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers import site_csv, textual
from sphinx_proceedings.importers.draft import (
    Draft,
    DraftContribution,
    DraftDay,
    DraftSession,
    DraftSlot,
    PersonMention,
    Place,
)
from sphinx_proceedings.importers.recognise.schedule_cell import UNTITLED

KINDS: list[tuple[str, tuple[str, ...]]] = [
    ("committee", ("committee", "pc", "reviewer", "reviewers", "program_committee", "tpc")),
    ("organizers", ("organizer", "organizers", "organiser", "organisers", "organizing", "organising", "chairs")),
    ("speakers", ("speaker", "speakers", "keynote", "keynotes", "invited", "panelists", "panelist")),
    ("schedule", ("schedule", "programme", "program", "agenda", "timetable")),
    ("papers", ("papers", "paper", "accepted", "posters", "poster", "publications", "talks", "contributions")),
]
NAME = ("name", "full_name", "fullname", "person", "speaker", "display_name")
AFFILIATION = (
    "affiliation", "affil", "institution", "organization", "organisation", "org", "company", "university",
    "employer", "inst", "lab",
)  # fmt: skip
PHOTO = ("photo", "image", "img", "picture", "pic", "avatar", "headshot")
HOMEPAGE = ("homepage", "website", "web", "url", "link", "page", "site")
BIO = ("bio", "biography", "about")
SOCIAL = ("twitter", "github", "linkedin", "scholar", "mastodon", "bluesky")
TITLE = ("title", "paper_title", "talk_title", "talk", "paper", "name")
AUTHORS = ("authors", "author", "by", "speakers", "speaker", "presenters", "presenter", "who", "people")
ABSTRACT = ("abstract", "summary", "description")
SLOT_TITLE = ("title", "event", "what", "session", "activity", "item", "name", "talk")
ITEMS = ("items", "events", "slots", "sessions", "talks", "schedule", "program", "programme", "entries")
LINK_FIELDS = {
    "pdf": ("pdf", "paper_url", "paper_link", "paper", "file"),
    "slides": ("slides", "slides_url", "slide"),
    "video": ("video", "recording", "youtube"),
    "url": ("url", "link", "openreview", "arxiv"),
}


def _get(entry: dict[str, Any], names: Iterable[str]) -> Any:
    lowered = {str(k).lower().replace("-", "_").replace(" ", "_"): v for k, v in entry.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def _line(node: Any, fallback: int | None) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else fallback


def kind_of(name: str, entries: list[Any]) -> str | None:
    """What a data file (or one of its keys) lists: by its name, innermost part first, else by its fields."""
    for part in reversed(name.lower().split("/")):
        words = set(re.split(r"[^a-z]+", part)) | {part.replace("-", "_")}
        words |= {w[:-1] for w in words if w.endswith("s")}  # 'committees', 'programs'
        for kind, names in KINDS:
            if words & set(names):
                return kind
    maps = [e for e in entries if isinstance(e, dict)]
    if not maps:
        return None
    sample = maps[0]
    if _get(sample, ITEMS) or _get(sample, ("time", "start", "start_time", "from")):
        return "schedule"
    if _get(sample, ("title",)) and _get(sample, AUTHORS):
        return "papers"
    if _get(sample, NAME):
        return "people"
    return None


class DataReader:
    """Facts of one edition's data files into its draft."""

    def __init__(self, draft: Draft, problems: Problems, year: int | None) -> None:
        self.draft = draft
        self.problems = problems
        self.year = year

    def read(self, path: Path, node: Any, name: str) -> None:
        if isinstance(node, site_csv.CsvData):
            if kind_of(name, []) in ("papers", None) and site_csv.is_paper_table(node):
                self.draft.papers += site_csv.papers(node, self.problems, "poster" in name.lower())
                return
            node = site_csv.rows(node)
        if isinstance(node, dict) and not _get(node, NAME + TITLE):
            if name.count("/") > 4:  # data nested deeper than any site's lists
                self.problems.warning(
                    path, (_line(node, 1), None), Code.file, f"not placed: data '{name}' nests too deep"
                )
                return
            for key, value in node.items():
                self.read(path, value, f"{name}/{key}")
            return
        entries = node if isinstance(node, list) else [node]
        kind = kind_of(name, entries)
        place = Place(path, _line(node, 1))
        if kind is None:
            self.problems.warning(path, (place.line, None), Code.file, f"not placed: data '{name}' (unknown kind)")
            return
        for entry in entries:
            at = Place(path, _line(entry, place.line))
            if not isinstance(entry, dict):
                self.problems.warning(path, (at.line, None), Code.file, f"not placed: {str(entry)[:80]!r}")
                continue
            if kind == "schedule":
                self.schedule_entry(entry, at, None)
            elif kind == "papers":
                self.paper(entry, at, "poster" in name.lower())
            else:
                self.person(entry, at, kind, name)

    # -- people --------------------------------------------------------------
    def mention(self, entry: dict[str, Any], place: Place) -> PersonMention | None:
        name = _text(_get(entry, NAME))
        if name is None:
            first, last = (
                _text(_get(entry, ("first_name", "given", "first"))),
                _text(_get(entry, ("last_name", "family", "last", "surname"))),
            )
            name = " ".join(p for p in (first, last) if p) or None
        if name is None:
            return None
        person = PersonMention(name=name, place=place, roster=True)
        person.affiliation = _text(_get(entry, AFFILIATION))
        person.photo = _text(_get(entry, PHOTO))
        homepage = _text(_get(entry, HOMEPAGE))
        person.homepage = homepage if homepage and not _is_file(homepage) else None
        person.bio = _text(_get(entry, BIO))
        person.email = _text(_get(entry, ("email", "mail")))
        for network in SOCIAL:
            handle = _text(_get(entry, (network,)))
            if handle:
                person.social[network] = handle if "//" in handle else _social_url(network, handle)
        person.role = _text(_get(entry, ("role", "position")))
        return person

    def person(self, entry: dict[str, Any], place: Place, kind: str, name: str) -> None:
        person = self.mention(entry, place)
        if person is None:
            self.problems.warning(place.path, (place.line, None), Code.file, "not placed: an entry without a name")
            return
        if kind == "organizers":
            self.draft.organizers.append(person)
        elif kind == "committee":
            person.role = person.role or _role(name)
            self.draft.committee.append(person)
        else:
            self.draft.speakers.append(person)
            title = _text(_get(entry, ("talk_title", "talk", "title")))
            if title and title != person.role:
                label = _text(_get(entry, ("type", "kind"))) or ("keynote" if "keynote" in name.lower() else "")
                kind_ = textual.kind_from_label(label) or ContributionKind.invited_talk
                talk = DraftContribution(title, kind_, place, authors=[person])
                talk.abstract = _text(_get(entry, ABSTRACT))
                self._links(entry, talk)
                self.draft.papers.append(talk)

    # -- papers --------------------------------------------------------------
    def authors(self, value: Any, place: Place) -> list[PersonMention]:
        if isinstance(value, str):  # 'Ada Lovelace (Analytical Engines), Alan Turing'
            out = []
            for part in textual.split_people(re.sub(r"\([^()]*\)", lambda m: m[0].replace(",", "\0"), value)):
                m = re.fullmatch(r"(.+?)\s*\(([^()]*)\)", part.replace("\0", ","))
                name, affiliation = (m[1], m[2].strip()) if m else (part.replace("\0", ","), None)
                out.append(PersonMention(name=name.strip(), place=place, affiliation=affiliation or None))
            return out
        out = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict):
                person = self.mention(item, place)
                if person is not None:
                    person.roster = False
                    out.append(person)
            elif _text(item):
                out.append(PersonMention(name=_text(item) or "", place=place))
        return out

    def paper(self, entry: dict[str, Any], place: Place, posters: bool) -> None:
        title = _text(_get(entry, TITLE))
        if title is None:
            self.problems.warning(place.path, (place.line, None), Code.file, "not placed: a paper without a title")
            return
        label = _text(_get(entry, ("type", "kind", "track", "category", "format"))) or ""
        kind = textual.kind_from_label(label) or (ContributionKind.poster if posters else ContributionKind.paper)
        paper = DraftContribution(title, kind, place, authors=self.authors(_get(entry, AUTHORS), place))
        paper.abstract = _text(_get(entry, ABSTRACT))
        self._links(entry, paper)
        self.draft.papers.append(paper)

    def _links(self, entry: dict[str, Any], c: DraftContribution) -> None:
        for attr, names in LINK_FIELDS.items():
            value = _text(_get(entry, names))
            if value and value != c.title:
                setattr(c, attr, value)
        if c.url and c.pdf == c.url:
            c.url = None

    # -- programme -----------------------------------------------------------
    def schedule_entry(self, entry: dict[str, Any], place: Place, day: DraftDay | None) -> None:
        items = _get(entry, ITEMS)
        date = _date(_get(entry, ("date", "day")), self.year)
        if isinstance(items, list) and (date or (day is None and not _get(entry, ("time", "start", "start_time")))):
            day = DraftDay(place, date=date, title=_text(_get(entry, ("title", "name"))) if date else None)
            self.draft.days.append(day)
            session = DraftSession(place)
            day.sessions.append(session)
            for item in items:
                if isinstance(item, dict):
                    self.slot(item, Place(place.path, _line(item, place.line)), day)
            return
        if day is None:
            day = self._day(date, place)
        self.slot(entry, place, day)

    def _day(self, date: dt.date | None, place: Place) -> DraftDay:
        for day in self.draft.days:
            if day.place.path == place.path and day.date == date:
                return day
        day = DraftDay(place, date=date)
        day.sessions.append(DraftSession(place))
        self.draft.days.append(day)
        return day

    def slot(self, entry: dict[str, Any], place: Place, day: DraftDay) -> None:
        start, end = _times(entry)
        title = _text(_get(entry, SLOT_TITLE))
        nested = _get(entry, ITEMS)
        if isinstance(nested, list):  # a session holding talks
            session = DraftSession(place, title=title)
            session.chairs = self.authors(_get(entry, ("chair", "chairs", "moderator")), place)
            day.sessions.append(session)
            for item in nested:
                if isinstance(item, dict):
                    self._slot_into(session, item, Place(place.path, _line(item, place.line)))
            day.sessions.append(DraftSession(place))
            return
        self._slot_into(day.sessions[-1], entry, place, start, end, title)

    def _slot_into(
        self,
        session: DraftSession,
        entry: dict[str, Any],
        place: Place,
        start: dt.time | None = None,
        end: dt.time | None = None,
        title: str | None = None,
    ) -> None:
        if start is None and end is None:
            start, end = _times(entry)
        title = title or _text(_get(entry, SLOT_TITLE))
        speakers = self.authors(_get(entry, AUTHORS), place)
        if len(speakers) == 1 and speakers[0].affiliation is None:  # 'speaker: A' beside 'institution: X'
            speakers[0].affiliation = _text(_get(entry, AFFILIATION))
        label = _text(_get(entry, ("type", "kind", "category"))) or ""
        slot = DraftSlot(place, start=start, end=end)
        kind = textual.kind_from_label(label) if label else None
        if kind is None and title:
            kind, title = _labelled_title(title, bool(speakers))
        plain = textual.plain_slot_kind(label or title or "") if kind is None else None
        if plain is not None or (not speakers and kind is None):
            slot.kind = plain or SlotKind.other
            slot.title, slot.people = title, speakers  # 'Opening Remarks' with who gives them
        else:
            # listed 'authors' present a paper; a 'speaker' is invited
            default = ContributionKind.contributed_talk if _get(entry, ("authors", "author")) else None
            kind = kind or default or ContributionKind.invited_talk
            talk = DraftContribution(title or UNTITLED, kind, place, authors=speakers)
            talk.abstract = _text(_get(entry, ABSTRACT))
            self._links(entry, talk)
            slot.contributions.append(talk)
        session.slots.append(slot)


def _labelled_title(title: str, spoken: bool) -> tuple[ContributionKind | None, str | None]:
    """'Keynote: Title' -> (keynote, 'Title'); 'Invited talk' given with its speaker -> (invited talk, no title)."""
    head, sep, rest = title.partition(":")
    kind = textual.kind_from_label(head.strip()) if sep and len(head.split()) <= 3 else None
    if kind is not None and rest.strip():
        return kind, rest.strip()
    whole = textual.kind_from_label(title) if spoken and len(title.split()) <= 3 else None
    return (whole, None) if whole is not None else (None, title)


def _times(entry: dict[str, Any]) -> tuple[dt.time | None, dt.time | None]:
    start_text = _text(_get(entry, ("start", "start_time", "from", "begin")))
    end_text = _text(_get(entry, ("end", "end_time", "to", "until")))
    if start_text:
        start = textual.time_range(start_text + " ")
        end = textual.time_range(end_text + " ") if end_text else None
        return (start[0] if start else None), (end[0] if end else None)
    text = _text(_get(entry, ("time", "times", "when", "slot")))
    found = textual.time_range(text) if text else None
    return (found[0], found[1]) if found else (None, None)


def _date(value: Any, year: int | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        found = textual.find_dates(text, year)
        return found[0][0] if found else None


def _role(name: str) -> str | None:
    last = name.split("/")[-1]
    words = re.sub(r"[_-]+", " ", last).strip()
    return words.title() if words and "committee" in words.lower() else None


def _social_url(network: str, handle: str) -> str:
    hosts = {"twitter": "https://twitter.com/", "github": "https://github.com/", "linkedin": "https://linkedin.com/in/"}
    return hosts.get(network, "https://" + network + ".com/") + handle.lstrip("@")


def _is_file(value: str) -> bool:
    return bool(re.search(r"\.(pdf|pptx?|key|jpe?g|png|gif|webp|svg)$", value, re.I))


def load(path: Path, problems: Problems) -> Any:
    """One data file as round-trip nodes (so entries keep their lines); None when it does not load."""
    if path.suffix.lower() == ".csv":
        return site_csv.load(path, problems)
    try:
        if path.stat().st_size > 2 * 1024 * 1024:
            problems.error(path, (None, None), Code.file, "data file is larger than 2 MiB")
            return None
        return YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError, RecursionError) as exc:
        problems.warning(path, (None, None), Code.yaml, f"not placed: data file does not load: {exc}".split("\n")[0])
        return None


def edition_of(path: Path, data_root: Path, keys: list[str]) -> str | None:
    """The edition a data file names by its folder or name, among the site's edition keys."""
    rel = path.relative_to(data_root)
    candidates = [*rel.parts[:-1], path.stem]
    for key in keys:
        tail = key.rstrip("/").split("/")[-1] if key else ""
        if not tail:
            continue
        for part in candidates:
            if slugify(part) == slugify(tail) or re.search(
                rf"(?<![0-9a-z]){re.escape(tail.lower())}(?![0-9a-z])", part.lower()
            ):
                return key
    return None


def data_name(path: Path, data_root: Path) -> str:
    return path.relative_to(data_root).with_suffix("").as_posix()
