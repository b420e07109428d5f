"""The proceedings data model: plain, typed, immutable records.

This module is the contract users write by hand (through YAML) and the one
source of the JSON Schemas in ``docs/``.  It imports nothing from Sphinx.
Facts the sources do not give stay ``None`` or empty; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from sphinx_proceedings.data.identifiers import bare, check_doi, check_orcid, check_ror

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=120),
    Field(description="A stable lowercase id: letters, digits, '-', '_' or '.'."),
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

Doi = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "doi")),
    AfterValidator(check_doi),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(https://doi\.org/)?10\.\d{4,9}/\S+$", "examples": ["10.5555/x.1"]}
    ),
    Field(description="A DOI, bare (10.5555/x) or as https://doi.org/10.5555/x."),
]
Orcid = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "orcid")),
    AfterValidator(check_orcid),
    WithJsonSchema({"type": "string", "pattern": r"^(https://orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"}),
    Field(description="An ORCID iD; its check digit (ISO 7064 MOD 11-2) is verified."),
]
Ror = Annotated[
    str,
    BeforeValidator(lambda v: bare(v, "ror")),
    AfterValidator(check_ror),
    WithJsonSchema({"type": "string", "pattern": r"^(https://ror\.org/)?0[0-9a-z]{6}\d{2}$"}),
    Field(description="ROR id of the affiliation (https://ror.org/…); its checksum is verified."),
]


class Record(BaseModel):
    """Base of every record: frozen, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


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
    extended: bool = False
    source: Line | None = Field(None, description="Which page states this date.")


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
    isbn: Annotated[str, StringConstraints(pattern=r"^(97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dX]$")] | None = Field(
        None, description="ISBN of the proceedings volume."
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
    abstract: Text | None = Field(None, description="Abstract (restricted Markdown).")
    abstract_file: Link | None = Field(None, description="A `.md` file holding the abstract.")
    slides: Link | None = None
    video: Link | None = None
    pdf: Link | None = None
    poster: Link | None = None
    url: Link | None = None
    doi: Doi | None = None
    keywords: list[Line] = Field(default_factory=list)
    bibtex_key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_:.-]+$")] | None = None
    note: Text | None = None

    @property
    def person_ids(self) -> list[str]:
        return [a.person for a in self.authors]


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
