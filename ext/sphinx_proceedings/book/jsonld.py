"""schema.org JSON-LD for contribution and event pages, within the vocabulary's domains and ranges.

A contribution is a ``ScholarlyArticle`` that ``isPartOf`` its event's proceedings (a ``Book``, a CreativeWork
as that property's range wants) and was ``recordedAt`` the event (the property whose range is ``Event``).
With the site's URL known, every page's item has its canonical URL as ``url`` and ``@id``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution, EventData
from sphinx_proceedings.data.richtext import plain_text

CONTEXT = "https://schema.org"
DESCRIPTION_CHARS = 500


def json_ld_script(data: dict[str, Any]) -> str:
    # No "<", ">" or "&" in the script element, so no data can close it or open a comment ("<!--") in it;
    # JSON reads the escapes back as the same characters.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def excerpt(text: str, limit: int) -> str:
    """The first ``limit`` characters of a plain text, cut at a word and marked as cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def contribution_json_ld(
    index: ProceedingsIndex, c: Contribution, data: EventData, url: str | None, event_url: str | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {"@context": CONTEXT, "@type": "ScholarlyArticle"}
    if url:
        item["@id"] = url
        item["url"] = url
    item |= {
        "headline": c.title,
        "name": c.title,
        "genre": c.kind.label,
        "author": [person_json(index, a.person, a.affiliation, data.event.id) for a in c.authors]
        + ([{"@type": "Organization", "name": c.group_author}] if c.group_author else []),
        "isPartOf": proceedings_json(data, event_url),
        "recordedAt": _event_ref(data, event_url),
    }
    if data.event.start:
        item["datePublished"] = data.event.start.isoformat()
    if c.abstract:
        item["abstract"] = plain_text(c.abstract)
    if c.keywords:
        item["keywords"] = ", ".join(c.keywords)
    item["inLanguage"] = data.event.language
    return item


def proceedings_json(data: EventData, event_url: str | None) -> dict[str, Any]:
    """The event's proceedings: the book this site is, for that event."""
    event = data.event
    book: dict[str, Any] = {"@type": "Book", "name": f"Proceedings of {event.title}"}
    if event_url:
        book["@id"] = f"{event_url}#proceedings"
        book["url"] = event_url
    if event.isbn:
        book["isbn"] = event.isbn
    if event.publisher:
        book["publisher"] = {"@type": "Organization", "name": event.publisher}
    if event.start:
        book["datePublished"] = event.start.isoformat()
    return book


def _event_ref(data: EventData, event_url: str | None) -> dict[str, Any]:
    ref: dict[str, Any] = {"@type": "Event", "name": data.event.title}
    if event_url:
        ref["@id"] = f"{event_url}#event"
    if data.event.start:
        ref["startDate"] = data.event.start.isoformat()
    if data.event.location:
        ref["location"] = {"@type": "Place", "name": data.event.location}
    return ref


def person_json(index: ProceedingsIndex, pid: str, affiliation: str | None, event_id: str) -> dict[str, Any]:
    person = index.people.get(pid)
    out: dict[str, Any] = {"@type": "Person", "name": person.name if person else pid}
    if person and person.family:
        out["familyName"] = " ".join(p for p in (person.particle, person.family) if p)
        if person.given:
            out["givenName"] = person.given
    where = affiliation or index.affiliation(pid, event_id)
    if where:
        out["affiliation"] = {"@type": "Organization", "name": where}
    return out


def event_json_ld(
    index: ProceedingsIndex,
    data: EventData,
    event_url: str | None,
    contribution_url: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """The event with its talks as sub-events; ``contribution_url(id)`` gives a talk page's URL, if known."""
    event = data.event
    item: dict[str, Any] = {"@context": CONTEXT, **_event_ref(data, event_url)}
    if event.start:
        item["endDate"] = (event.end or event.start).isoformat()
    if event.description:
        item["description"] = excerpt(plain_text(event.description), DESCRIPTION_CHARS)
    if event.url:
        item["url"] = event.url
    elif event_url:
        item["url"] = event_url
    item["inLanguage"] = event.language
    item["organizer"] = [person_json(index, m.person, m.affiliation, event.id) for m in event.organizers]
    subs = []
    for c in data.contributions:
        sub: dict[str, Any] = {"@type": "Event", "name": c.title}
        page = contribution_url(c.id) if contribution_url else None
        if page:
            sub["url"] = page
        for placement in index.placements.get(c.id, [])[:1]:
            if placement.day.date and placement.slot.start:
                sub["startDate"] = f"{placement.day.date.isoformat()}T{placement.slot.start:%H:%M}"
        subs.append(sub)
    if subs:
        item["subEvent"] = subs
    return item
