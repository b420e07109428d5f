"""Zenodo deposit metadata (the REST API's ``metadata`` object) for each slides and poster file of an event.

One upload per file in the project: ``slides:`` becomes a *presentation*, ``poster:`` a *poster*. Links
to files hosted elsewhere are left out (there is nothing to upload). The description is the abstract as
HTML paragraphs, every character of it escaped; the upload points back to its talk page and, when the
contribution has one, to its DOI.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from sphinx_proceedings.data.link_checks import is_web_url
from sphinx_proceedings.data.model import Contribution, EventData, Proceedings
from sphinx_proceedings.data.richtext import plain_text
from sphinx_proceedings.exporters.archive import credits, talk_page_url

UPLOAD_TYPES = {"slides": "presentation", "poster": "poster"}


@dataclass(frozen=True)
class Upload:
    name: str  # '<contribution>-<slides|poster>', the metadata file's name
    file: str  # the file to upload, as the data names it (relative to contributions.yaml)
    metadata: dict[str, Any]


def zenodo_uploads(
    proceedings: Proceedings, data: EventData, site_url: str, generated: str = "_proceedings"
) -> tuple[list[Upload], list[str]]:
    """The uploads, and the names of the files left out because Zenodo needs a creator and they have none."""
    uploads, authorless = [], []
    for c in data.contributions:
        for field, upload_type in UPLOAD_TYPES.items():
            target = getattr(c, field)
            if not target or "://" in target:  # a link: nothing to upload
                continue
            metadata = _metadata(
                proceedings, data, c, upload_type, talk_page_url(site_url, data.event.id, c.id, generated)
            )
            if metadata["creators"]:
                uploads.append(Upload(f"{c.id}-{field}", target, metadata))
            else:
                authorless.append(f"{c.id}-{field}")
    return uploads, authorless


def license_id(name: str) -> str:
    """Zenodo's id of a licence written as people write it: 'CC BY 4.0' -> 'cc-by-4.0'."""
    return re.sub(r"[^a-z0-9.+]+", "-", name.casefold()).strip("-")


def _metadata(
    proceedings: Proceedings, data: EventData, c: Contribution, upload_type: str, page: str
) -> dict[str, Any]:
    event = data.event
    creators = []
    for credit in credits(proceedings, data, c):
        person = credit.person
        family = " ".join(part for part in (person.particle, person.family) if part) or person.name
        creator: dict[str, Any] = {"name": f"{family}, {person.given}" if person.given else family}
        if credit.affiliation:
            creator["affiliation"] = credit.affiliation
        if person.orcid:
            creator["orcid"] = person.orcid
        creators.append(creator)
    metadata: dict[str, Any] = {
        "upload_type": upload_type,
        "title": plain_text(c.title),
        "creators": creators,
        "description": _description(c, event.title),
        "access_right": "open",
    }
    if event.start:
        metadata["publication_date"] = event.start.isoformat()
    if event.license:
        metadata["license"] = license_id(event.license)
    if c.keywords:
        metadata["keywords"] = list(c.keywords)
    metadata["conference_title"] = event.title
    if event.short_title:
        metadata["conference_acronym"] = event.short_title
    if event.start:
        end = event.end or event.start
        metadata["conference_dates"] = (
            f"{event.start:%d %B %Y}" if end == event.start else f"{event.start:%d %B %Y} to {end:%d %B %Y}"
        )
    if event.location:
        metadata["conference_place"] = event.location
    if event.url and is_web_url(event.url):
        metadata["conference_url"] = event.url
    related = [{"identifier": page, "relation": "isSupplementTo", "scheme": "url"}]
    if c.doi:
        related.append({"identifier": c.doi, "relation": "isSupplementTo", "scheme": "doi"})
    metadata["related_identifiers"] = related
    return metadata


def _description(c: Contribution, event_title: str) -> str:
    """HTML paragraphs of the abstract (Zenodo renders the description as HTML: everything is escaped)."""
    if c.abstract:
        blocks = [b for b in c.abstract.replace("\r\n", "\n").split("\n\n") if b.strip()]
        paragraphs = [text for b in blocks if (text := plain_text(b))]
    else:
        paragraphs = [f"{c.kind.label} at {event_title}."]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
