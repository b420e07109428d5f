"""The proceedings data model: plain, typed, immutable records.

This module is the contract users write by hand (through YAML) and the one
source of the JSON Schemas in ``docs/``.  It imports nothing from Sphinx.
Facts the sources do not give stay ``None`` or empty; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from sphinx_proceedings.data.identifiers import Doi, Orcid, Ror

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$"
MAX_ID_LENGTH = 120  # ids name files and URLs
MAX_BIBTEX_KEY_LENGTH = 128
# Names Windows keeps for devices, with any extension ('nul.txt'): a file so named cannot be made there.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
# What no text may hold: C0 controls but tab, newline and carriage return; DEL and C1 controls; the
# surrogates and U+FFFE/U+FFFF, which XML cannot carry. Control characters are never typed; they come
# with pasted text or YAML escapes ("\0", "\e") and would make the EPUB and frab XML ill-formed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Bidirectional formatting characters: text may hold them (the HTML isolates each name and title),
# ids and keys may not, so that no key reads backwards in a bibliography.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def first_control_character(text: str) -> int | None:
    """The offset of the first character of ``CONTROL_CHARACTERS`` in ``text``, or ``None``."""
    found = CONTROL_CHARACTERS.search(text)
    return found.start() if found else None


def control_characters_in(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(dotted place, character) of each text in nested lists and mappings that holds a control character."""
    if isinstance(value, str):
        offset = first_control_character(value)
        if offset is not None:
            yield where, value[offset]
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from control_characters_in(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from control_characters_in(key, where)
            yield from control_characters_in(item, f"{where}.{key}" if where else str(key))


def _not_reserved(value: str) -> str:
    if value.split(".")[0].casefold() in WINDOWS_RESERVED:
        raise ValueError(f"'{value}' is a device name on Windows, which cannot hold a file so named")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH),
    AfterValidator(_not_reserved),
    Field(description="A stable lowercase id: letters, digits, '-', '_' or '.'; at most 120 characters."),
]
Text = Annotated[str, StringConstraints(max_length=100_000)]
# A time of day as the data writes it, "09:00" (JSON Schema's "time" format wants an offset).
ClockTime = Annotated[
    dt.time,
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "examples": ["09:00"]}),
]
Line = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Link = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4_000),
    Field(description="An http(s) URL, or a path inside the project (relative to the data file)."),
]


class Record(BaseModel):
    """Base of every record: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        """Every text of every record, in lists and mappings too, is free of control characters."""
        for where, char in control_characters_in(value):
            inside = f" (in {where})" if where else ""
            raise ValueError(f"control characters are not allowed: U+{ord(char):04X}{inside}")
        return value


class ContributionKind(StrEnum):
    keynote = "keynote"
    invited_talk = "invited-talk"
    contributed_talk = "contributed-talk"
    lightning_talk = "lightning-talk"
    panel = "panel"
    tutorial = "tutorial"
    poster = "poster"
    paper = "paper"
    demo = "demo"
    update = "update"  # a short project update, as in "updates from current ML systems"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def is_talk(self) -> bool:
        return self not in (ContributionKind.poster, ContributionKind.paper)


KIND_LABELS = {
    ContributionKind.keynote: "Keynote",
    ContributionKind.invited_talk: "Invited talk",
    ContributionKind.contributed_talk: "Contributed talk",
    ContributionKind.lightning_talk: "Lightning talk",
    ContributionKind.panel: "Panel",
    ContributionKind.tutorial: "Tutorial",
    ContributionKind.poster: "Poster",
    ContributionKind.paper: "Paper",
    ContributionKind.demo: "Demo",
    ContributionKind.update: "System update",
}


class SlotKind(StrEnum):
    """What happens in a slot that is not (only) a contribution."""

    contribution = "contribution"
    opening = "opening"
    closing = "closing"
    break_ = "break"
    meal = "meal"
    posters = "posters"
    social = "social"
    other = "other"


# --- people -----------------------------------------------------------------


class PersonName(Record):
    """A structured name; BibTeX, the author index and Scholar tags use it."""

    given: str | None = Field(None, description="Given name(s), e.g. 'Bart'.")
    particle: str | None = Field(None, description="Name particle, e.g. 'van', 'de', 'von'.")
    family: str = Field(description="Family name, e.g. 'Merriënboer'.")
    suffix: str | None = Field(None, description="Suffix, e.g. 'Jr.'.")

    @property
    def sort_key(self) -> str:
        return f"{self.family} {self.given or ''} {self.particle or ''}".casefold()

    @property
    def index_form(self) -> str:
        """'Merriënboer, Bart van' — the form an author index prints."""
        rest = " ".join(p for p in (self.given, self.particle) if p)
        head = f"{self.family}, {self.suffix}" if self.suffix else self.family
        return f"{head}, {rest}" if rest else head


class Person(Record):
    id: Slug
    name: Line = Field(description="The name as it is displayed, e.g. 'Bart van Merriënboer'.")
    given: str | None = Field(None, description="Given name(s); derived from `name` if absent.")
    particle: str | None = Field(None, description="Particle ('van', 'de'); derived if absent.")
    family: str | None = Field(None, description="Family name; derived from `name` if absent.")
    suffix: str | None = Field(None, description="Suffix ('Jr.', 'III').")
    affiliation: Line | None = Field(None, description="Affiliation at this event.")
    ror: Ror | None = None
    bio: Text | None = Field(None, description="Biography (Markdown, restricted).")
    photo: Link | None = None
    homepage: Link | None = None
    orcid: Orcid | None = None
    email: str | None = Field(None, description="Kept for the organisers; never published.")
    social: dict[str, Link] = Field(default_factory=dict, description="e.g. twitter: https://…")


# --- events -----------------------------------------------------------------


class Membership(Record):
    """A person's place on an event's organizing or programme committee."""

    person: Slug
    affiliation: Line | None = Field(None, description="Affiliation for this event.")
    ror: Ror | None = None
    role: Line | None = Field(None, description="e.g. 'General chair'.")


class ImportantDate(Record):
    label: Line
    date: dt.date
    time: Line | None = Field(None, description="Time of day as printed, e.g. '11.59pm PST'.")
    extended: bool = Field(False, description="A later date that replaces the first one given for this label.")
    superseded: bool = Field(
        False, description="An outdated or mistaken date, kept for the record: check and readers pass over it."
    )
    source: Line | None = Field(None, description="Which page states this date (for organisers; never shown).")


class CallForPapers(Record):
    title: Line = "Call for papers"
    intro: Text | None = None
    topics: list[Line] = Field(default_factory=list)
    instructions: Text | None = None
    submission_url: Link | None = None
    important_dates: list[ImportantDate] = Field(default_factory=list)
    contact: Line | None = None


class ExternalLink(Record):
    title: Line
    url: Link


class Event(Record):
    id: Slug
    title: Line
    short_title: Line | None = None
    series: Line | None = None
    venue: Line | None = Field(None, description="Host conference or venue, e.g. 'NIPS 2017'.")
    location: Line | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    timezone: Line | None = Field(None, description="IANA timezone, e.g. 'America/Los_Angeles'.")
    url: Link | None = Field(None, description="Where the event's own site was published.")
    description: Text | None = None
    organizers: list[Membership] = Field(default_factory=list)
    committee: list[Membership] = Field(default_factory=list)
    call_for_papers: CallForPapers | None = None
    contact: Line | None = None
    links: list[ExternalLink] = Field(default_factory=list)
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = Field(
        "en",
        description="The language the talks are given in, as a BCP 47 tag ('en', 'de', 'pt-BR'); schedules name it.",
    )
    publisher: Line | None = Field(None, description="Who publishes the proceedings, for the volume's imprint.")
    isbn: Annotated[str, StringConstraints(pattern=r"^(97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dX]$")] | None = (
        Field(None, description="ISBN of the proceedings volume.")
    )
    issn: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{3}[\dX]$")] | None = Field(
        None, description="ISSN of the series the volume appears in."
    )
    doi: Doi | None = Field(None, description="DOI of the proceedings volume.")
    license: Line | None = Field(None, description="Licence of the volume, e.g. 'CC BY 4.0'.")

    @property
    def name(self) -> str:
        """The short title if there is one: what pages and links call the event."""
        return self.short_title or self.title

    @property
    def label(self) -> str:
        """A short name that tells editions apart: 'ML For Systems 2018'."""
        name = self.name
        if self.start and str(self.start.year) not in name:
            return f"{name} {self.start.year}"
        return name


# --- programme --------------------------------------------------------------


class Slot(Record):
    start: ClockTime | None = None
    end: ClockTime | None = None
    kind: SlotKind = SlotKind.contribution
    title: Line | None = Field(None, description="Plain title for slots without a contribution.")
    contributions: list[Slug] = Field(default_factory=list)
    people: list[Slug] = Field(default_factory=list, description="Who leads a plain slot.")
    note: Text | None = Field(None, description="Restricted Markdown, links allowed.")


class Session(Record):
    id: Slug
    title: Line | None = None
    chairs: list[Slug] = Field(default_factory=list)
    start: ClockTime | None = None
    end: ClockTime | None = None
    slots: list[Slot] = Field(default_factory=list)


class Day(Record):
    date: dt.date | None = None
    title: Line | None = None
    sessions: list[Session] = Field(default_factory=list)


class Schedule(Record):
    days: list[Day] = Field(default_factory=list)


class Author(Record):
    person: Slug
    affiliation: Line | None = Field(None, description="Affiliation on this contribution.")
    ror: Ror | None = None
    presenting: bool = False


def _author_from_id(value: object) -> object:
    return {"person": value} if isinstance(value, str) else value


class Contribution(Record):
    id: Slug
    kind: ContributionKind
    title: Line
    authors: list[Annotated[Author, BeforeValidator(_author_from_id, json_schema_input_type=Slug | Author)]] = Field(
        default_factory=list, description="Speakers or authors: person ids or `{person: id, …}`."
    )
    group_author: Line | None = Field(
        None,
        description="An organisation or team credited as author, e.g. 'The TensorFlow team' "
        "(after the people in `authors`, or alone); only what the sources state.",
    )
    abstract: Text | None = Field(None, description="Abstract (restricted Markdown).")
    abstract_file: Link | None = Field(None, description="A `.md` file holding the abstract.")
    slides: Link | None = None
    video: Link | None = None
    pdf: Link | None = None
    poster: Link | None = None
    url: Link | None = None
    doi: Doi | None = None
    keywords: list[Line] = Field(default_factory=list)
    bibtex_key: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_:.-]+$", max_length=MAX_BIBTEX_KEY_LENGTH)] | None
    ) = None
    note: Text | None = None

    @property
    def person_ids(self) -> list[str]:
        return [a.person for a in self.authors]

    @property
    def has_author(self) -> bool:
        """Whether a citation can name who made it: a person, or a group author."""
        return bool(self.authors or self.group_author)


class Reference(Record):
    """A BibTeX entry of the literature an event cites."""

    key: str
    entry_type: str
    fields: dict[str, str]

    @property
    def title(self) -> str | None:
        return self.fields.get("title")


class Series(Record):
    """Optional `series.yaml` at the top of the data folder."""

    title: Line
    short_title: Line | None = None
    description: Text | None = None
    url: Link | None = None


# --- the loaded whole -------------------------------------------------------


class EventData(Record):
    """One event with everything that belongs to it."""

    event: Event
    schedule: Schedule = Schedule()
    contributions: tuple[Contribution, ...] = ()
    references: tuple[Reference, ...] = ()


class Proceedings(Record):
    """The validated series: events in order, people merged by id."""

    series: Series | None = None
    events: tuple[EventData, ...] = ()
    people: dict[str, Person] = Field(default_factory=dict)
    # person id -> event id -> affiliation at that event
    affiliations: dict[str, dict[str, str]] = Field(default_factory=dict)
