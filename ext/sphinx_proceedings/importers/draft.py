"""What an importer read, before it becomes records: mentions with the place they came from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_proceedings.data.model import ContributionKind, SlotKind


@dataclass(frozen=True)
class Place:
    path: Path
    line: int | None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass
class PersonMention:
    name: str
    place: Place
    affiliation: str | None = None
    email: str | None = None
    homepage: str | None = None
    photo: str | None = None
    bio: str | None = None
    social: dict[str, str] = field(default_factory=dict)
    roster: bool = False  # listed by the site itself (organizers, committee, speaker bios)
    role: str | None = None  # in the event's committee, as its heading says ('Program Committee')
    presenting: bool = False  # the author who gives the talk of a paper


@dataclass
class DraftContribution:
    title: str
    kind: ContributionKind
    place: Place
    authors: list[PersonMention] = field(default_factory=list)
    abstract: str | None = None
    slides: str | None = None
    pdf: str | None = None
    video: str | None = None
    url: str | None = None
    note: str | None = None
    id_hint: str | None = None


@dataclass
class DraftSlot:
    place: Place
    start: dt.time | None = None
    end: dt.time | None = None
    kind: SlotKind = SlotKind.contribution
    title: str | None = None
    contributions: list[DraftContribution] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    note: str | None = None


@dataclass
class DraftSession:
    place: Place
    title: str | None = None
    chairs: list[PersonMention] = field(default_factory=list)
    slots: list[DraftSlot] = field(default_factory=list)
    number: str | None = None


@dataclass
class DraftDay:
    place: Place
    date: dt.date | None = None
    title: str | None = None
    sessions: list[DraftSession] = field(default_factory=list)


@dataclass
class DraftDate:
    label: str
    date: dt.date
    place: Place
    time: str | None = None
    extended: bool = False


@dataclass
class DraftReference:
    """A footnoted or linked work; arXiv links carry their eprint id."""

    title: str
    url: str
    place: Place
    arxiv: str | None = None
    number: str | None = None


@dataclass
class Draft:
    """Everything read from the pages of one event."""

    title: list[tuple[str, Place]] = field(default_factory=list)
    short_title: str | None = None
    description: list[str] = field(default_factory=list)
    venue: str | None = None
    location: str | None = None
    event_dates: list[tuple[dt.date, Place]] = field(default_factory=list)
    organizers: list[PersonMention] = field(default_factory=list)
    committee: list[PersonMention] = field(default_factory=list)
    speakers: list[PersonMention] = field(default_factory=list)
    cfp_title: str | None = None
    cfp_intro: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    instructions: list[str] = field(default_factory=list)
    submission_url: str | None = None
    important_dates: list[DraftDate] = field(default_factory=list)
    contact: str | None = None
    days: list[DraftDay] = field(default_factory=list)
    papers: list[DraftContribution] = field(default_factory=list)
    references: list[DraftReference] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
