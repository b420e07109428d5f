"""Read a frab / pretalx schedule JSON into an event folder (event, people, schedule, contributions).

Frab knows rooms, tracks and events; the model knows sessions and slots. When
the file was written by ``frab.py`` its ``conference.meta.proceedings`` gives
back our ids and sessions; otherwise sessions are runs of events of the same
track, ids are made from slugs and names, and event types are mapped to kinds
(a type it does not know is reported, so a human can look).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ruamel.yaml import YAML

from sphinx_proceedings.data.model import (
    MAX_ID_LENGTH,
    SLUG_PATTERN,
    ContributionKind,
    SlotKind,
    control_characters_in,
)
from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems, byte_place
from sphinx_proceedings.data.reading import Kind, read_or_report
from sphinx_proceedings.exporters.frab import DOI_TITLE, META_KEY, PART_FIELDS
from sphinx_proceedings.exporters.frab_kinds import kind_of
from sphinx_proceedings.exporters.slot_text import LINK_FIELDS


class ImportFailed(Exception):
    """The file cannot be read as a frab schedule; the problems say why."""


@dataclass
class _Event:
    """One frab event, read and placed."""

    data: dict[str, Any]
    where: str
    day: dt.date
    start: dt.datetime
    end: dt.datetime


@dataclass
class FrabImport:
    """The event folder an import would write: file name -> plain data."""

    event_id: str
    files: dict[str, Any] = field(default_factory=dict)

    def texts(self) -> dict[str, str]:
        return {name: dump_yaml(data) for name, data in self.files.items()}


def read_frab_json(path: Path, problems: Problems) -> FrabImport | None:
    data = read_or_report(path, Kind.json, problems)
    if data is None:
        return None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        problems.error(path, (exc.lineno, exc.colno), Code.type, f"not valid JSON: {exc.msg}")
        return None
    except UnicodeDecodeError as exc:
        problems.error(path, byte_place(data, exc.start), Code.file, "file is not valid UTF-8", "save it as UTF-8")
        return None
    refused = list(control_characters_in(raw))
    for where, char in refused[:5]:  # refused here, so that no data file is written with them
        problems.error(path, (None, None), Code.type, f"{where}: control characters are not allowed: U+{ord(char):04X}")
    if refused:
        return None
    try:
        return _Reader(path, problems).read(raw)
    except ImportFailed:
        return None


class _Reader:
    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems

    def fail(self, where: str, message: str, hint: str | None = None) -> ImportFailed:
        self.problems.error(self.path, (None, None), Code.type, f"{where}: {message}", hint)
        return ImportFailed(message)

    def warn(self, where: str, message: str, hint: str | None = None) -> None:
        self.problems.warning(self.path, (None, None), Code.schedule, f"{where}: {message}", hint)

    def get(self, obj: Any, key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
        if not isinstance(obj, dict) or key not in obj:
            raise self.fail(where, f"missing '{key}'", "is this a frab or pretalx schedule.json?")
        value = obj[key]
        if not isinstance(value, kind):
            raise self.fail(f"{where}.{key}", f"expected {_kind_name(kind)}, got {type(value).__name__}")
        return value

    def read(self, raw: Any) -> FrabImport:
        schedule = self.get(raw, "schedule", "top level", dict)
        conf = self.get(schedule, "conference", "schedule", dict)
        where = "schedule.conference"
        meta = conf.get("meta", {}).get(META_KEY) if isinstance(conf.get("meta"), dict) else None
        meta = meta if isinstance(meta, dict) else {}
        title = self.get(conf, "title", where)
        acronym = str(conf.get("acronym") or "")
        event_id = _slug(str(meta.get("event") or acronym or slugify(title))) or "event"
        tz_name = conf.get("time_zone_name")
        tz: ZoneInfo | None = None
        if isinstance(tz_name, str) and tz_name:
            try:
                tz = ZoneInfo(tz_name)
            except (ZoneInfoNotFoundError, ValueError):
                self.warn(f"{where}.time_zone_name", f"unknown timezone '{tz_name}'; times are kept as written")
        else:
            self.warn(where, "no time_zone_name; add 'timezone:' to event.yaml before exporting the schedule")

        events: list[_Event] = []
        for d, day in enumerate(self.get(conf, "days", where, list)):
            dwhere = f"{where}.days[{d}]"
            date = _date(self.get(day, "date", dwhere), dwhere, self)
            rooms = self.get(day, "rooms", dwhere, dict)
            for room, items in rooms.items():
                if not isinstance(items, list):
                    raise self.fail(f"{dwhere}.rooms.{room}", "expected a list of events")
                for i, item in enumerate(items):
                    events.append(self.event(item, f"{dwhere}.rooms.{room}[{i}]", date, tz))
        events.sort(key=lambda e: (e.start, e.end))

        by_guid = {str(e.data.get("guid")): e for e in events}
        people_ids = {str(k): str(v) for k, v in meta.get("people", {}).items()} if meta.get("people") else {}
        people: dict[str, dict[str, Any]] = {}
        contributions: dict[str, dict[str, Any]] = {}
        site_url = conf.get("url") if isinstance(conf.get("url"), str) else None

        def person_ids(event: _Event) -> list[str]:
            found = []
            for p, person in enumerate(event.data.get("persons") or []):
                pwhere = f"{event.where}.persons[{p}]"
                name = str(person.get("name") or person.get("public_name") or "").strip()
                if not name:
                    self.warn(pwhere, "person without a name; left out")
                    continue
                guid = str(person.get("guid") or "")
                pid = people_ids.get(guid) or _slug(name) or _slug(str(person.get("code") or "").lower())
                pid = pid or f"person-{len(people) + 1}"
                entry = people.setdefault(pid, {"id": pid, "name": name})
                if isinstance(person.get("biography"), str) and person["biography"].strip():
                    entry.setdefault("bio", person["biography"].strip())
                if isinstance(person.get("avatar"), str) and person["avatar"].startswith(("http://", "https://")):
                    entry.setdefault("photo", person["avatar"])
                found.append(pid)
            return found

        def contribution_of(event: _Event, ref: dict[str, Any], kind: ContributionKind) -> str:
            data = event.data
            cid = str(ref["contribution"]) if ref.get("contribution") else None
            cid = cid or _contribution_id(data, acronym) or f"{event_id}-{len(contributions) + 1}"
            base, n = cid, 1
            while cid in contributions:
                n += 1
                cid = f"{base}-{n}"
            entry: dict[str, Any] = {"id": cid, "kind": kind.value, "title": str(data.get("title") or cid)}
            authors = person_ids(event)
            if isinstance(ref.get("authors"), int):  # the rest lead the slot (see frab.py)
                authors = authors[: ref["authors"]]
            if authors:
                entry["authors"] = authors
            if data.get("abstract"):
                entry["abstract"] = str(data["abstract"]).strip()
            titles = {title: name for name, title in LINK_FIELDS}
            for link in data.get("links") or []:
                if not isinstance(link, dict) or not isinstance(link.get("url"), str):
                    continue
                name = titles.get(str(link.get("title")))
                if name and name not in entry:
                    entry[name] = link["url"]
                elif link.get("title") == DOI_TITLE and link["url"].startswith("https://doi.org/"):
                    entry["doi"] = link["url"].removeprefix("https://doi.org/")
            url = data.get("url")
            if isinstance(url, str) and url.startswith(("http://", "https://")) and url != site_url:
                entry["url"] = url
            contributions[cid] = entry
            return cid

        def slot_of(group: list[_Event], meta_slot: dict[str, Any], refs: list[dict[str, Any]]) -> dict[str, Any]:
            slot_kind = meta_slot.get("kind")
            first = group[0]
            slot: dict[str, Any] = {"start": _hhmm(first.start), "end": _hhmm(first.end)}
            kinds = [self.kind(e) for e in group]
            if all(isinstance(k, ContributionKind) for k in kinds):
                if slot_kind and slot_kind != SlotKind.contribution.value:
                    slot["kind"] = slot_kind
                if first.data.get("subtitle"):
                    slot["title"] = str(first.data["subtitle"])
                slot["contributions"] = [
                    contribution_of(e, ref, k)  # type: ignore[arg-type]
                    for e, ref, k in zip(group, refs, kinds, strict=True)
                ]
                if meta_slot.get("people"):
                    slot["people"] = [_slug(str(pid)) for pid in meta_slot["people"]]
            else:
                kind = slot_kind or str(kinds[0])
                slot["kind"] = kind
                slot["title"] = str(first.data.get("title") or kind)
                leaders = person_ids(first)
                if leaders:
                    slot["people"] = leaders
            if first.data.get("description"):
                slot["note"] = str(first.data["description"]).strip()
            return slot

        days: dict[dt.date, list[dict[str, Any]]] = {}
        placed: set[str] = set()
        for s, session in enumerate(meta.get("sessions") or []):
            swhere = f"{where}.meta.{META_KEY}.sessions[{s}]"
            sid = _slug(str(session.get("id") or "")) or f"{event_id}-s{s + 1}"
            out: dict[str, Any] = {"id": sid}
            if session.get("title"):
                out["title"] = str(session["title"])
            chairs = []
            for chair in session.get("chairs") or []:
                pid = _slug(str(chair.get("id") or "")) or _slug(str(chair.get("name") or ""))
                if pid:
                    people.setdefault(pid, {"id": pid, "name": str(chair.get("name") or pid)})
                    chairs.append(pid)
            if chairs:
                out["chairs"] = chairs
            for key in ("start", "end"):
                if session.get(key):
                    out[key] = str(session[key])
            slots, day = [], None
            for n, meta_slot in enumerate(session.get("slots") or []):
                refs = [r for r in meta_slot.get("events") or [] if str(r.get("guid")) in by_guid]
                if not refs:
                    self.warn(f"{swhere}.slots[{n}]", "names no event of this schedule; left out")
                    continue
                placed.update(str(r["guid"]) for r in refs)
                group, refs = _expand_parts([by_guid[str(r["guid"])] for r in refs], refs)
                day = day or group[0].day
                slots.append(slot_of(group, meta_slot, refs))
            if slots and day is not None:
                out["slots"] = slots
                days.setdefault(day, []).append(out)

        # Events no session of ours holds (all of them in a file from another system).
        loose = [e for e in events if str(e.data.get("guid")) not in placed]
        runs: list[tuple[dt.date, str, list[_Event]]] = []
        for event in loose:
            track = str(event.data.get("track") or "")
            if runs and runs[-1][0] == event.day and runs[-1][1] == track:
                runs[-1][2].append(event)
            else:
                runs.append((event.day, track, [event]))
        for n, (day, track, run) in enumerate(runs):
            stem = f"{event_id}-{slugify(track) or 'session'}"[: MAX_ID_LENGTH - 8].rstrip("-._")
            session = {"id": f"{stem}-{n + 1}"}
            if track:
                session["title"] = track
            session["slots"] = [slot_of([e], {}, [{}]) for e in run]
            days.setdefault(day, []).append(session)

        dates = sorted({e.day for e in events} | set(days))
        for d, day in enumerate(self.get(conf, "days", where, list)):
            dates.append(_date(day["date"], f"{where}.days[{d}]", self))
        dates = sorted(set(dates))
        event_yaml: dict[str, Any] = {"id": event_id, "title": title}
        rooms = {str(r.get("name")) for r in conf.get("rooms") or [] if isinstance(r, dict) and r.get("name")}
        rooms |= {str(e.data.get("room")) for e in events if e.data.get("room")}
        if isinstance(meta.get("room"), str) and meta["room"]:  # the place; more rooms are parallel columns
            event_yaml["location"] = meta["room"]
        elif len(rooms) == 1:
            event_yaml["location"] = rooms.pop()
        if dates:
            event_yaml["start"], event_yaml["end"] = dates[0].isoformat(), dates[-1].isoformat()
        if tz is not None:
            event_yaml["timezone"] = str(tz.key)
        languages = {str(e.data.get("language")) for e in events if e.data.get("language")}
        if len(languages) == 1 and (language := languages.pop()) != "en":  # "en" is the model's default
            event_yaml["language"] = language
        if site_url and site_url.startswith(("http://", "https://")):
            event_yaml["url"] = site_url
        schedule = {
            "days": [
                {"date": date.isoformat(), "sessions": sorted(days[date], key=_session_start)}
                for date in dates
                if date in days
            ]
        }
        result = FrabImport(event_id)
        result.files["event.yaml"] = event_yaml
        if people:
            result.files["people.yaml"] = list(people.values())
        result.files["schedule.yaml"] = schedule
        if contributions:
            result.files["contributions.yaml"] = list(contributions.values())
        return result

    def event(self, item: Any, where: str, day: dt.date, tz: ZoneInfo | None) -> _Event:
        if not isinstance(item, dict):
            raise self.fail(where, "expected an event object")
        self.get(item, "title", where)
        when = self.get(item, "date", where)
        try:
            start = dt.datetime.fromisoformat(when)
        except ValueError as exc:
            raise self.fail(f"{where}.date", f"not an ISO date-time: {when!r}") from exc
        if start.tzinfo is None and tz is not None:
            start = start.replace(tzinfo=tz)
        duration = self.get(item, "duration", where)
        match = re.fullmatch(r"(\d+):(\d{2})(?::(\d{2}))?", duration)
        if not match:
            raise self.fail(f"{where}.duration", f"expected HH:MM, got {duration!r}")
        end = start + dt.timedelta(hours=int(match[1]), minutes=int(match[2]), seconds=int(match[3] or 0))
        if tz is not None:
            start, end = start.astimezone(tz), end.astimezone(tz)
        return _Event(item, where, day, start, end)

    def kind(self, event: _Event) -> ContributionKind | SlotKind:
        raw = str(event.data.get("type") or "").strip()
        found, known = kind_of(raw, looks_like_a_talk=bool(event.data.get("persons") or event.data.get("abstract")))
        if not known:
            self.warn(
                f"{event.where}.type",
                f"unknown event type {raw!r} (\"{event.data.get('title')}\"); imported as '{found.value}'",
                "check the kind in contributions.yaml or schedule.yaml",
            )
        return found


def _expand_parts(events: list[_Event], refs: list[dict[str, Any]]) -> tuple[list[_Event], list[dict[str, Any]]]:
    """A shared slot's event (frab.py) as its contributions' own events: the slot's times, their titles and people."""
    group: list[_Event] = []
    out: list[dict[str, Any]] = []
    for event, ref in zip(events, refs, strict=True):
        parts = ref.get("parts")
        if not isinstance(parts, list):
            group.append(event)
            out.append(ref)
            continue
        persons = {str(p.get("guid")): p for p in event.data.get("persons") or [] if isinstance(p, dict)}
        shared = {k: v for k, v in event.data.items() if k not in (*PART_FIELDS, "persons", "subtitle")}
        for p, part in enumerate(p for p in parts if isinstance(p, dict)):
            data = {**shared, **{k: part[k] for k in PART_FIELDS if k in part}}
            data["persons"] = [persons[str(g)] for g in part.get("persons") or [] if str(g) in persons]
            group.append(_Event(data, f"{event.where}.parts[{p}]", event.day, event.start, event.end))
            out.append(part)
    return group, out


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names: dict[type, str] = {str: "a string", list: "a list", dict: "an object"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _date(value: str, where: str, reader: _Reader) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise reader.fail(f"{where}.date", f"not an ISO date: {value!r}") from exc


def _slug(text: str) -> str:
    """An id from ``text``, short enough to take a '-<n>' and stay within MAX_ID_LENGTH (pretalx slugs
    carry the whole title)."""
    slug = text if re.fullmatch(SLUG_PATTERN, text) else slugify(text)
    return slug[: MAX_ID_LENGTH - 8].rstrip("-._")


def _contribution_id(data: dict[str, Any], acronym: str) -> str:
    slug = str(data.get("slug") or "")
    if acronym and slug.startswith(f"{acronym}-"):
        slug = slug[len(acronym) + 1 :]
    return _slug(slug) or _slug(str(data.get("title") or ""))


def _hhmm(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M")


def _session_start(session: dict[str, Any]) -> str:
    return str(session["slots"][0]["start"]) if session.get("slots") else ""


def dump_yaml(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
