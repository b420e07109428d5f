"""The frab schedule, as JSON (frab / pretalx / c3voc layout) and as XML (the frab schedule XSD).

One frab *event* per slot, as in the iCalendar export (slot_text.py says what a slot is): a slot
holding one contribution is that contribution's event; a slot holding several (nine system updates,
a poster session) is one event titled after the slot, with every speaker, each contribution's links
and a description listing them; a plain slot (opening, breaks, lunch) is an event of its own. Frab
apps draw one room as one column, so slots of one event that run at the same time (parallel
sessions) go into further rooms, "<place> (2)" and on; no two events of one room overlap. The JSON
is built first; the XML is written from the same data, so the two always agree.

Frab has no sessions and no ids of ours, so the JSON carries them in
``schedule.conference.meta.proceedings`` (the c3voc schema allows ``meta``;
apps ignore it), with each contribution of a shared slot. ``frab_import`` reads
them back, so an export imported and exported again is the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from math import gcd
from typing import Any

from sphinx_proceedings.data.model import Contribution
from sphinx_proceedings.exporters.slot_text import LINK_FIELDS, slot_description, slot_people, slot_title
from sphinx_proceedings.exporters.timeline import TimedSlot, Timeline, acronym, hhmm, is_web_link, person_guid
from sphinx_proceedings.version import __version__

GENERATOR = {"name": "sphinx-proceedings", "version": __version__}
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
META_KEY = "proceedings"
# Per-contribution fields of a shared slot's event, kept in the meta for the importer (the rest is the slot's).
PART_FIELDS = ("title", "subtitle", "type", "abstract", "description", "links", "url")
DOI_TITLE = "DOI"


def room_name(timeline: Timeline) -> str:
    """Frab needs a room; the model has one place per event."""
    event = timeline.data.event
    return event.location or event.venue or event.short_title or event.title


def _slug_part(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "_", text)


class _Numbering:
    """Unique positive integer ids derived from GUIDs, so they too stay put across exports."""

    def __init__(self) -> None:
        self.used: set[int] = set()

    def __call__(self, guid: str) -> int:
        number = int(guid.replace("-", "")[:8], 16) % 1_000_000_000 + 1
        while number in self.used:
            number += 1
        self.used.add(number)
        return number


def _links(c: Contribution) -> list[dict[str, str]]:
    links = [
        {"url": value, "title": title, "type": "related"}
        for field, title in LINK_FIELDS
        if is_web_link(value := getattr(c, field))
    ]
    if c.doi:
        links.append({"url": f"https://doi.org/{c.doi}", "title": DOI_TITLE, "type": "related"})
    return links


def _person(timeline: Timeline, pid: str) -> dict[str, str]:
    person = timeline.proceedings.people.get(pid)
    name = person.name if person else pid
    entry = {"guid": str(person_guid(pid)), "name": name, "public_name": name}
    if person and person.bio:
        entry["biography"] = person.bio
    if person and is_web_link(person.photo):
        entry["avatar"] = str(person.photo)
    return entry


def _contribution_events(timeline: Timeline, timed: TimedSlot) -> list[tuple[str, dict[str, Any]]]:
    """(key, frab event without ids) of each contribution of a slot, as if it had the slot to itself."""
    slot, event = timed.slot, timeline.data.event
    out: list[tuple[str, dict[str, Any]]] = []
    for key, c in zip(timed.contribution_keys, timed.contributions, strict=True):
        url = c.url if is_web_link(c.url) else event.url if is_web_link(event.url) else None
        out.append(
            (
                key,
                {
                    "title": c.title,
                    "subtitle": slot.title or "",
                    "type": c.kind.value,
                    "abstract": c.abstract or "",
                    "description": slot.note or "",
                    # People who lead the slot (an "updates" slot's speakers) speak in each of its events.
                    "persons": [_person(timeline, pid) for pid in _unique([*c.person_ids, *slot.people])],
                    "links": _links(c),
                    **({"url": url} if url else {}),
                },
            )
        )
    return out


def _slot_event(timeline: Timeline, timed: TimedSlot) -> tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """(key, frab event without ids and room, its contributions' own events when it holds several)."""
    slot, event = timed.slot, timeline.data.event
    common: dict[str, Any] = {
        "date": timed.start.isoformat(),
        "start": timed.start.strftime("%H:%M"),
        "duration": hhmm(timed.duration),
        "track": timed.session.title or "",
        "language": event.language,
    }
    parts = _contribution_events(timeline, timed)
    if len(parts) == 1:
        key, body = parts[0]
        return key, {**common, **body}, []
    site = {"url": event.url} if is_web_link(event.url) else {}
    if not parts:
        body = {
            "title": slot.title or slot.kind.value,
            "subtitle": "",
            "type": slot.kind.value,
            "abstract": "",
            "description": slot.note or "",
            "persons": [_person(timeline, pid) for pid in slot.people],
            "links": [],
            **site,
        }
        return timed.key, {**common, **body}, []
    kinds = {c.kind.value for c in timed.contributions}
    links = [{**link, "title": f"{link['title']}: {c.title}"} for c in timed.contributions for link in _links(c)]
    body = {
        "title": slot_title(timed),
        "subtitle": "",
        "type": kinds.pop() if len(kinds) == 1 else slot.kind.value,
        "abstract": "",
        "description": slot_description(timeline, timed, affiliations=False),  # frab has no affiliations
        "persons": [_person(timeline, pid) for pid in slot_people(timed)],
        "links": links,
        **site,
    }
    return timed.key, {**common, **body}, parts


def _lanes(timeline: Timeline, slots: tuple[TimedSlot, ...]) -> list[int]:
    """A room column for each slot (0 is the event's place): its session's, or the first with nothing running then."""
    ends: list[dt.datetime] = []
    by_session: dict[str, int] = {}
    lanes: list[int] = []
    for timed in slots:
        free = [n for n, end in enumerate(ends) if end <= timed.start]
        preferred = by_session.get(timed.session.id)
        lane = preferred if preferred in free else free[0] if free else len(ends)
        if lane == len(ends):
            ends.append(timed.end)
        ends[lane] = max(ends[lane], timed.end)
        by_session.setdefault(timed.session.id, lane)
        lanes.append(lane)
    return lanes


def lane_name(timeline: Timeline, lane: int) -> str:
    """The frab room of a column: the event's place, then "<place> (2)" for what runs beside it."""
    room = room_name(timeline)
    return room if lane == 0 else f"{room} ({lane + 1})"


def frab_data(timeline: Timeline) -> dict[str, Any]:
    """The frab schedule JSON of one event, as a dict."""
    event = timeline.data.event
    short = acronym(event.id)
    numbering = _Numbering()
    slugs: set[str] = set()
    days: list[dict[str, Any]] = []
    sessions: dict[str, dict[str, Any]] = {}
    steps: list[int] = []
    lanes_used: set[int] = set()
    for day in timeline.days:
        rooms: dict[int, list[dict[str, Any]]] = {}
        for timed, lane in zip(day.slots, _lanes(timeline, day.slots), strict=True):
            steps += [timed.start.hour * 60 + timed.start.minute, int(timed.duration.total_seconds() // 60)]
            meta_slot: dict[str, Any] = {"kind": timed.slot.kind.value, "events": []}
            if timed.slot.people and timed.contributions:
                meta_slot["people"] = list(timed.slot.people)
            session = sessions.setdefault(timed.session.id, _session_meta(timeline, timed))
            session["slots"].append(meta_slot)
            key, body, parts = _slot_event(timeline, timed)
            guid = str(timeline.guid(key))
            slug = _unique_slug(short, key, body["type"], slugs)
            room = {"room": lane_name(timeline, lane)}
            rooms.setdefault(lane, []).append({"guid": guid, "id": numbering(guid), "slug": slug, **room, **body})
            lanes_used.add(lane)
            ref: dict[str, Any] = {"guid": guid}
            if parts:  # a shared slot: each contribution as it would be alone, persons by GUID
                ref["parts"] = [_part(timeline, meta_slot, part_key, part) for part_key, part in parts]
            elif key.startswith("contribution/"):
                ref.update(_contribution_ref(timeline, meta_slot, key))
            meta_slot["events"].append(ref)
        days.append(
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": day.start.isoformat(),
                "day_end": day.end.isoformat(),
                "rooms": {lane_name(timeline, lane): rooms[lane] for lane in sorted(rooms)},
            }
        )
    step = 0
    for value in steps:
        step = gcd(step, value)
    tracks = sorted({s.title for s in (t.session for t in timeline.slots) if s.title})
    conference: dict[str, Any] = {
        "acronym": short,
        "title": event.title,
        "start": timeline.days[0].date.isoformat(),
        "end": timeline.days[-1].date.isoformat(),
        "daysCount": len(timeline.days),
        "timeslot_duration": hhmm(dt.timedelta(minutes=min(step or 15, 60))),
        "time_zone_name": str(timeline.tz.key),
        **({"url": event.url} if is_web_link(event.url) else {}),
        "rooms": [
            {"name": lane_name(timeline, lane), "guid": str(timeline.guid("room" if lane == 0 else f"room/{lane + 1}"))}
            for lane in sorted(lanes_used or {0})
        ],
        "tracks": [{"name": name} for name in tracks],
        "days": days,
        "meta": {
            META_KEY: {
                "event": event.id,
                "room": room_name(timeline),
                "sessions": list(sessions.values()),
                "people": {str(person_guid(pid)): pid for pid in _scheduled_people(timeline)},
            }
        },
    }
    version = hashlib.blake2b(json.dumps(conference, sort_keys=True).encode(), digest_size=6).hexdigest()
    return {
        "$schema": SCHEMA_URL,
        "generator": GENERATOR,
        "schedule": {
            "version": version,
            **({"base_url": event.url} if is_web_link(event.url) else {}),
            "conference": conference,
        },
    }


def _contribution_ref(timeline: Timeline, meta_slot: dict[str, Any], key: str) -> dict[str, Any]:
    contribution = key.split("/")[1]
    ref: dict[str, Any] = {"contribution": contribution}
    if "people" in meta_slot:  # which of the persons are the contribution's authors
        ref["authors"] = len(timeline_contribution(timeline, contribution).person_ids)
    return ref


def _part(timeline: Timeline, meta_slot: dict[str, Any], key: str, body: dict[str, Any]) -> dict[str, Any]:
    part: dict[str, Any] = {"guid": str(timeline.guid(key)), **_contribution_ref(timeline, meta_slot, key)}
    part.update({name: body[name] for name in PART_FIELDS if body.get(name)})
    part["persons"] = [person["guid"] for person in body["persons"]]
    return part


def _session_meta(timeline: Timeline, timed: TimedSlot) -> dict[str, Any]:
    session = timed.session
    meta: dict[str, Any] = {"id": session.id}
    if session.title:
        meta["title"] = session.title
    if session.chairs:
        people = timeline.proceedings.people
        meta["chairs"] = [{"id": pid, "name": people[pid].name if pid in people else pid} for pid in session.chairs]
    if session.start:
        meta["start"] = session.start.strftime("%H:%M")
    if session.end:
        meta["end"] = session.end.strftime("%H:%M")
    meta["slots"] = []
    return meta


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def timeline_contribution(timeline: Timeline, cid: str) -> Contribution:
    return next(c for c in timeline.data.contributions if c.id == cid)


def _scheduled_people(timeline: Timeline) -> list[str]:
    found: dict[str, None] = {}
    for timed in timeline.slots:
        for c in timed.contributions:
            found.update(dict.fromkeys(c.person_ids))
        found.update(dict.fromkeys(timed.slot.people))
    return list(found)


def _unique_slug(short: str, key: str, kind: str, used: set[str]) -> str:
    """'<acronym>-<record id>': matches the XSD's voc-slug-new and the c3voc JSON slug pattern."""
    parts = key.split("/")
    rest = _slug_part(parts[1] if parts[0] == "contribution" else f"{parts[1]}-{parts[2]}")
    if parts[0] == "contribution" and len(parts) > 2:
        rest = f"{rest}-{parts[2]}"
    if len(rest) < 4:
        rest = f"{_slug_part(kind)}-{rest}"
    slug, n = f"{short}-{rest}", 1
    while slug in used:
        n += 1
        slug = f"{short}-{rest}-{n}"
    used.add(slug)
    return slug


def frab_json(timeline: Timeline) -> str:
    return json.dumps(frab_data(timeline), indent=2, ensure_ascii=False) + "\n"


# --- XML ---------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, value: object, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = str(value)
    return element


def frab_xml(timeline: Timeline) -> str:
    """The frab schedule XML of one event; valid against the frab schedule XSD."""
    data = frab_data(timeline)
    schedule = data["schedule"]
    conf = schedule["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {k: str(v) for k, v in GENERATOR.items()})
    _text(root, "version", schedule["version"])
    conference = ET.SubElement(root, "conference")
    for tag, key in (
        ("title", "title"),
        ("acronym", "acronym"),
        ("start", "start"),
        ("end", "end"),
        ("days", "daysCount"),
        ("timeslot_duration", "timeslot_duration"),
        ("base_url", "url"),
        ("url", "url"),
        ("time_zone_name", "time_zone_name"),
    ):
        if key in conf:
            _text(conference, tag, conf[key])
    for track in conf["tracks"]:
        ET.SubElement(conference, "track", {"name": track["name"]})
    rooms = {room["name"]: room["guid"] for room in conf["rooms"]}
    for day in conf["days"]:
        day_el = ET.SubElement(
            root,
            "day",
            {"index": str(day["index"]), "date": day["date"], "start": day["day_start"], "end": day["day_end"]},
        )
        for name, events in day["rooms"].items():
            room_el = ET.SubElement(day_el, "room", {"name": name, "guid": rooms[name]})
            for event in events:
                _xml_event(room_el, event)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _xml_event(parent: ET.Element, event: dict[str, Any]) -> None:
    element = ET.SubElement(parent, "event", {"guid": event["guid"], "id": str(event["id"])})
    for key in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug", "track"):
        _text(element, key, event[key])
    if event["persons"]:
        persons = ET.SubElement(element, "persons")
        for person in event["persons"]:
            _text(persons, "person", person["name"], guid=person["guid"])
    _text(element, "language", event["language"])
    if event["description"]:
        _text(element, "description", event["description"])
    if event["links"]:
        links = ET.SubElement(element, "links")
        for link in event["links"]:
            _text(links, "link", link["title"], href=link["url"])
    if "url" in event:
        _text(element, "url", event["url"])
