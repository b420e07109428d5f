"""What the archival exports (Crossref, Zenodo) share: DOIs to register, page URLs, authors, a fixed clock.

DOIs come from the data. A contribution without one gets a DOI only when the
user asks for minted DOIs (``--mint-dois``), by the documented pattern
``{prefix}/{event}.{contribution}`` (the volume: ``{prefix}/{event}``); otherwise
it is an error located at the contribution.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sphinx_proceedings.data.identifiers import check_doi
from sphinx_proceedings.data.model import Author, Contribution, EventData, Person, Proceedings
from sphinx_proceedings.data.origins import Origins
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.exporters.timeline import affiliation

MINT_PATTERN = "{prefix}/{event}.{contribution}"
VOLUME_MINT_PATTERN = "{prefix}/{event}"
# XML 1.0 allows no C0 control character but tab, newline and carriage return (nor U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML cannot carry (lxml refuses them; the data may hold them)."""
    return _NOT_XML.sub("", value)


def talk_page_url(site_url: str, event_id: str, contribution_id: str, generated: str = "_proceedings") -> str:
    """The canonical URL of a contribution's page in the built book (book/pages.py names it; ``generated``
    is proceedings_generated_dir)."""
    return f"{site_url.rstrip('/')}/{generated}/{event_id}/contributions/{contribution_id}.html"


def event_page_url(site_url: str, event_id: str, generated: str = "_proceedings") -> str:
    return f"{site_url.rstrip('/')}/{generated}/{event_id}/index.html"


@dataclass(frozen=True)
class Credit:
    """One author as an archive lists them: structured name, affiliation with its ROR id, ORCID."""

    person: Person
    affiliation: str | None
    ror: str | None


def credits(proceedings: Proceedings, data: EventData, c: Contribution) -> list[Credit]:
    out = []
    for author in c.authors:
        person = proceedings.people.get(author.person)
        if person is not None:
            out.append(_credit(proceedings, data, author, person))
    return out


def _credit(proceedings: Proceedings, data: EventData, author: Author, person: Person) -> Credit:
    shown = affiliation(proceedings, data.event.id, author.person, author.affiliation)
    # A ROR id belongs to the affiliation it was written beside; never to another one.
    person_ror = person.ror if shown and shown == person.affiliation else None
    ror = author.ror if author.affiliation else person_ror
    return Credit(person, shown, ror)


def deposit_timestamp(files: list[Path]) -> int:
    """Crossref's ``timestamp`` (YYYYMMDDhhmmss, UTC): ``SOURCE_DATE_EPOCH`` when set, else the data's
    newest modification, so that a rerun on unchanged data writes the same bytes and a change a larger one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    newest = max((int(p.stat().st_mtime) for p in files if p.is_file()), default=0)
    seconds = int(epoch) if epoch.isdigit() else newest
    return int(dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y%m%d%H%M%S"))


@dataclass(frozen=True)
class Dois:
    volume: str | None
    contributions: dict[str, str]


def event_dois(data: EventData, prefix: str, mint: bool, origins: Origins, problems: Problems) -> Dois:
    """The DOI of the volume and of every contribution; each missing or foreign one is a located problem."""
    event = data.event
    volume = event.doi
    if volume is None and mint:
        volume = check_doi(VOLUME_MINT_PATTERN.format(prefix=prefix, event=event.id))
    if volume is not None:
        _check_prefix(volume, prefix, origins.events[event.id].path, origins.events[event.id].at("doi"), problems)
    dois: dict[str, str] = {}
    for c in data.contributions:
        origin = origins.contributions[c.id]
        if c.doi is not None:
            _check_prefix(c.doi, prefix, origin.path, origin.at("doi"), problems)
            dois[c.id] = c.doi
        elif mint:
            dois[c.id] = check_doi(MINT_PATTERN.format(prefix=prefix, event=event.id, contribution=c.id))
        else:
            problems.error(
                origin.path,
                origin.at("id"),
                Code.type,
                f"contribution '{c.id}' has no doi, and a Crossref deposit registers one per contribution",
                f"add 'doi: {prefix}/…' to it, or pass --mint-dois to register "
                f"{MINT_PATTERN.format(prefix=prefix, event=event.id, contribution=c.id)}",
            )
    # Two DOIs the data gives are a check error (data/doi_checks.py); a minted one may still meet a given one.
    owners: dict[str, str] = {}
    for cid, doi in dois.items():
        other = owners.setdefault(doi.casefold(), cid)
        if other != cid:
            origin = origins.contributions[cid]
            problems.error(
                origin.path,
                origin.at("id"),
                Code.duplicate_id,
                f"DOI {doi} of '{cid}' is also the DOI of '{other}'",
                "give one of them a doi of its own in the data",
            )
    return Dois(volume, dois)


def _check_prefix(doi: str, prefix: str, path: Path, where: tuple[int | None, int | None], problems: Problems) -> None:
    if doi.split("/", 1)[0] != prefix:
        problems.error(
            path,
            where,
            Code.type,
            f"DOI {doi} is not under the prefix {prefix} that this deposit registers",
            "Crossref registers only DOIs of the depositor's own prefix; fix the DOI or the --doi-prefix",
        )
