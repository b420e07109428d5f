"""A Crossref deposit (schema 5.3.1) of one event: the conference, its proceedings volume and one
``conference_paper`` per contribution.

Everything comes from the data: DOIs (or minted ones, see archive.py), people's ORCID iDs and their
affiliations' ROR ids, abstracts as JATS paragraphs, and pages only for the papers the printed volume
gives pages to. The output depends on nothing but the data and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from sphinx_proceedings.data.model import Contribution, EventData, Proceedings
from sphinx_proceedings.data.origins import Origins
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.data.richtext import plain_text
from sphinx_proceedings.exporters.archive import Credit, Dois, credits, event_page_url, talk_page_url, xml_text

VERSION = "5.3.1"
NS = f"http://www.crossref.org/schema/{VERSION}"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} https://www.crossref.org/schemas/crossref{VERSION}.xsd"
SURNAME_MAX, GIVEN_MAX, SUFFIX_MAX = 60, 60, 10  # the schema's lengths for person names
ACRONYM_MAX = 127


@dataclass(frozen=True)
class Deposit:
    """Who deposits, and what the deposit needs beyond the data."""

    depositor: str
    email: str
    registrant: str
    site_url: str
    generated: str  # proceedings_generated_dir: where the book's pages live below the site
    timestamp: int  # YYYYMMDDhhmmss, see archive.deposit_timestamp
    pages: Mapping[str, tuple[int, int]]  # contribution id -> pages in the printed volume


def deposit_problems(data: EventData, origins: Origins) -> Problems:
    """What the event lacks for Crossref (a publisher, a start date), each located in event.yaml."""
    problems = Problems()
    origin = origins.events[data.event.id]
    if not data.event.publisher:
        problems.error(
            origin.path,
            origin.at("id"),
            Code.type,
            f"event '{data.event.id}' has no publisher, and Crossref's proceedings metadata needs one",
            "add 'publisher: …' (who publishes the proceedings) to event.yaml",
        )
    if not 3 <= len(data.event.title) <= 511:  # Crossref's bounds of conference_name and proceedings_title
        problems.error(
            origin.path,
            origin.at("title"),
            Code.type,
            f"the title of event '{data.event.id}' has {len(data.event.title)} characters; Crossref takes 3 to 511",
        )
    if data.event.start is None:
        problems.error(
            origin.path,
            origin.at("id"),
            Code.dates,
            f"event '{data.event.id}' has no start date, which Crossref takes as the publication date",
            "add 'start: YYYY-MM-DD' to event.yaml",
        )
    return problems


def crossref_xml(proceedings: Proceedings, data: EventData, dois: Dois, deposit: Deposit) -> bytes:
    """The deposit as UTF-8 bytes; ``deposit_problems`` and ``archive.event_dois`` found no error."""
    root = etree.Element(f"{{{NS}}}doi_batch", nsmap={None: NS, "jats": JATS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("version", VERSION)
    head = _sub(root, "head")
    _sub(head, "doi_batch_id", f"{data.event.id[:80]}-{deposit.timestamp}")
    _sub(head, "timestamp", str(deposit.timestamp))
    depositor = _sub(head, "depositor")
    _sub(depositor, "depositor_name", deposit.depositor)
    _sub(depositor, "email_address", deposit.email)
    _sub(head, "registrant", deposit.registrant)
    conference = _sub(_sub(root, "body"), "conference")
    _event_metadata(conference, data)
    _proceedings_metadata(conference, data, dois, deposit)
    for c in data.contributions:
        _paper(conference, proceedings, data, c, dois.contributions[c.id], deposit)
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return written


def _sub(parent: etree._Element, tag: str, text: str | None = None, ns: str = NS) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = xml_text(text)
    return element


def _event_metadata(conference: etree._Element, data: EventData) -> None:
    event = data.event
    meta = _sub(conference, "event_metadata")
    _sub(meta, "conference_name", event.title)
    if event.short_title and len(event.short_title) <= ACRONYM_MAX:
        _sub(meta, "conference_acronym", event.short_title)
    if event.location and len(event.location) >= 2:  # the schema's shortest place
        _sub(meta, "conference_location", event.location)
    if event.start:
        end = event.end or event.start
        shown = f"{event.start:%d %B %Y}" if end == event.start else f"{event.start:%d %B %Y} to {end:%d %B %Y}"
        date = _sub(meta, "conference_date", shown)
        for side, day in (("start", event.start), ("end", end)):
            date.set(f"{side}_day", f"{day.day:02d}")
            date.set(f"{side}_month", f"{day.month:02d}")
            date.set(f"{side}_year", str(day.year))


def _proceedings_metadata(conference: etree._Element, data: EventData, dois: Dois, deposit: Deposit) -> None:
    event = data.event
    meta = _sub(conference, "proceedings_metadata")
    language = event.language.split("-")[0]
    if len(language) == 2:  # Crossref lists ISO 639-1 codes only
        meta.set("language", language)
    _sub(meta, "proceedings_title", event.title)
    publisher = _sub(meta, "publisher")
    _sub(publisher, "publisher_name", event.publisher or "")
    assert event.start is not None  # deposit_problems
    _date(meta, "publication_date", event.start)
    if event.isbn:
        _sub(meta, "isbn", event.isbn).set("media_type", "electronic")
    else:
        _sub(meta, "noisbn").set("reason", "monograph")
    if dois.volume:
        _doi_data(meta, dois.volume, event_page_url(deposit.site_url, event.id, deposit.generated))


def _paper(
    conference: etree._Element, proceedings: Proceedings, data: EventData, c: Contribution, doi: str, deposit: Deposit
) -> None:
    paper = _sub(conference, "conference_paper")
    paper.set("publication_type", "full_text" if c.pdf else "abstract_only" if c.abstract else "bibliographic_record")
    authors = credits(proceedings, data, c)
    if authors:
        contributors = _sub(paper, "contributors")
        for i, credit in enumerate(authors):
            _person(contributors, credit, "first" if i == 0 else "additional")
    _sub(_sub(paper, "titles"), "title", plain_text(c.title))
    if c.abstract:
        abstract = _sub(paper, "abstract", ns=JATS)
        for paragraph in _paragraphs(c.abstract):
            _sub(abstract, "p", paragraph, ns=JATS)
    assert data.event.start is not None
    _date(paper, "publication_date", data.event.start)
    pages = deposit.pages.get(c.id)
    if pages:  # only pages the printed volume gives; none are guessed
        holder = _sub(paper, "pages")
        _sub(holder, "first_page", str(pages[0]))
        _sub(holder, "last_page", str(pages[1]))
    _doi_data(paper, doi, talk_page_url(deposit.site_url, data.event.id, c.id, deposit.generated))


def _person(contributors: etree._Element, credit: Credit, sequence: str) -> None:
    person = credit.person
    name = _sub(contributors, "person_name")
    name.set("sequence", sequence)
    name.set("contributor_role", "author")
    surname = " ".join(part for part in (person.particle, person.family) if part) or person.name
    if person.given:
        _sub(name, "given_name", person.given[:GIVEN_MAX])
    _sub(name, "surname", surname[:SURNAME_MAX])
    if person.suffix and len(person.suffix) <= SUFFIX_MAX:
        _sub(name, "suffix", person.suffix)
    if credit.affiliation:
        institution = _sub(_sub(name, "affiliations"), "institution")
        _sub(institution, "institution_name", credit.affiliation)
        if credit.ror:
            _sub(institution, "institution_id", f"https://ror.org/{credit.ror}").set("type", "ror")
    if person.orcid:
        _sub(name, "ORCID", f"https://orcid.org/{person.orcid}")


def _paragraphs(markdown: str) -> list[str]:
    """The abstract's paragraphs as plain text (JATS <p> each); blank lines separate them, as in Markdown."""
    blocks = [block for block in markdown.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return [text for block in blocks if (text := plain_text(block))]


def _date(parent: etree._Element, tag: str, day: dt.date) -> None:
    date = _sub(parent, tag)
    date.set("media_type", "online")
    _sub(date, "month", f"{day.month:02d}")
    _sub(date, "day", f"{day.day:02d}")
    _sub(date, "year", str(day.year))


def _doi_data(parent: etree._Element, doi: str, url: str) -> None:
    data = _sub(parent, "doi_data")
    _sub(data, "doi", doi)
    _sub(data, "resource", url)
