"""Checks that span records: references between them, the schedule's times, links, names, dates."""

from __future__ import annotations

import datetime as dt
import difflib
import zoneinfo
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .clock import repeated, skipped
from .model import Contribution, EventData, ImportantDate, Person, Proceedings, Session, Slot
from .names import near_duplicates
from .problems import Code, Problem, Problems, Severity, place

if TYPE_CHECKING:
    from .loader import Origin, Origins

EVENT_DAY_LABELS = ("workshop", "conference", "symposium", "event")
URL_SCHEMES = ("http", "https")
# Names the book gives to pages and files beside the events' folders in the generated folder (pages.py,
# citing.py); an event with one of these ids would overwrite them.
RESERVED_EVENT_IDS = frozenset(
    {"people", "cited", "speakers", "volume", "proceedings.bib", "literature.bib", "contributions.bib"}
)
PAST_MIDNIGHT = "a session or slot cannot run past midnight: end it at 23:59 and go on in the next day's schedule"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (following symlinks) stays inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


# --- people -----------------------------------------------------------------


def merge_people(
    people_by_scope: dict[str, list[Person]], origins: Origins, problems: Problems
) -> tuple[dict[str, Person], dict[str, dict[str, str]]]:
    """One record per id across events; per-event affiliations kept; conflicts reported."""
    merged: dict[str, Person] = {}
    first_scope: dict[str, str] = {}
    affiliations: dict[str, dict[str, str]] = {}
    for scope, people in people_by_scope.items():
        for person in people:
            if person.affiliation and scope:
                affiliations.setdefault(person.id, {})[scope] = person.affiliation
            known = merged.get(person.id)
            if known is None:
                merged[person.id] = person
                first_scope[person.id] = scope
                continue
            here = origins.people[(scope, person.id)]
            there = origins.people[(first_scope[person.id], person.id)]
            updates = {}
            for name in ("name", "given", "family", "particle", "suffix", "bio", "photo", "homepage", "orcid"):
                mine, theirs = getattr(person, name), getattr(known, name)
                if mine and theirs and mine != theirs:
                    problems.warning(
                        here.path,
                        here.at(name),
                        Code.person_conflict,
                        f"person '{person.id}': {name} differs from {there.place(name)}; the first is kept",
                        "use the same value in every file, or give the records different ids",
                    )
                elif mine and not theirs:
                    updates[name] = mine
            if person.social:
                updates["social"] = {**person.social, **known.social}
            if updates:
                merged[person.id] = known.model_copy(update=updates)
    return merged, affiliations


# --- the whole --------------------------------------------------------------


def check_proceedings(proc: Proceedings, origins: Origins, problems: Problems, root: Path) -> None:
    contributions = {c.id: c for e in proc.events for c in e.contributions}
    _check_session_ids_across_events(proc, origins, problems)
    for data in proc.events:
        origin = origins.events[data.event.id]
        _check_event(data, origin, proc, problems)
        schedule_origin = origins.schedules.get(data.event.id)
        if schedule_origin is not None:
            _check_schedule(data, schedule_origin, proc, contributions, problems)
        for c in data.contributions:
            _check_contribution(c, origins.contributions[c.id], proc, problems)
    _check_people_names(proc, origins, problems)
    _check_duplicate_references(proc, origins, problems)
    _check_bibtex_keys(proc, origins, problems)
    _check_all_links(proc, origins, problems, root)


def _unknown(
    problems: Problems, origin: Origin, loc: tuple[str | int, ...], kind: str, ref: str, known: Iterable[str]
) -> None:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add a {kind} with id '{ref}' or fix the id"
    line, column = origin.at(*loc)
    problems.append(
        Problem(
            origin.path,
            line,
            column,
            Severity.error,
            Code.unknown_ref,
            f"unknown {kind} '{ref}'",
            hint,
            ref=f"{kind}:{ref}",
        )
    )


def _check_event(data: EventData, origin: Origin, proc: Proceedings, problems: Problems) -> None:
    event = data.event
    if event.id in RESERVED_EVENT_IDS:
        problems.error(
            origin.path,
            origin.at("id"),
            Code.duplicate_id,
            f"event id '{event.id}' is the name of one of the book's own pages",
            f"choose another id (not one of {', '.join(sorted(RESERVED_EVENT_IDS))})",
        )
    for group in ("organizers", "committee"):
        for i, member in enumerate(getattr(event, group)):
            if member.person not in proc.people:
                _unknown(problems, origin, (group, i, "person"), "person", member.person, proc.people)
    if event.start and event.end and event.end < event.start:
        problems.error(
            origin.path, origin.at("end"), Code.dates, f"event ends ({event.end}) before it starts ({event.start})"
        )
    if event.timezone:
        _check_timezone(event.timezone, origin, problems)
    cfp = event.call_for_papers
    if cfp is None:
        return
    first_by_label: dict[str, int] = {}
    for i, date in enumerate(cfp.important_dates):
        where = origin.at("call_for_papers", "important_dates", i, "date")
        label = " ".join(date.label.casefold().split())
        if label in first_by_label:
            other = cfp.important_dates[first_by_label[label]]
            if other.date != date.date and not date.extended:
                problems.warning(
                    origin.path,
                    where,
                    Code.dates,
                    f"{_dated(date)}, but also {other.date} at line "
                    f"{origin.at('call_for_papers', 'important_dates', first_by_label[label], 'date')[0]}"
                    + (f" ({other.source})" if other.source else ""),
                    "keep one date, or mark the later one 'extended: true'",
                )
        else:
            first_by_label[label] = i
        # Deadlines may fall in the year before, but only in the months just before the event.
        if event.start and date.date.year != event.start.year and not 0 <= (event.start - date.date).days <= 200:
            problems.warning(
                origin.path,
                where,
                Code.dates,
                f"'{date.label}' is dated {date.date}, but the event is in {event.start.year}",
                "check the year",
            )
        is_event_day = any(w in date.label.casefold() for w in EVENT_DAY_LABELS)
        if is_event_day and event.start:
            last = event.end or event.start
            if not event.start <= date.date <= last:
                problems.warning(
                    origin.path,
                    where,
                    Code.dates,
                    f"{_dated(date)}, but the event's dates are {event.start}"
                    + (f" to {event.end}" if event.end and event.end != event.start else ""),
                    "make event.yaml and the call for papers agree",
                )


def _dated(date: ImportantDate) -> str:
    """ "'Workshop' is dated 2017-10-29 (seed 001)" — a date with the page that states it."""
    return f"'{date.label}' is dated {date.date}" + (f" ({date.source})" if date.source else "")


@cache
def _all_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_timezone(name: str, origin: Origin, problems: Problems) -> None:
    if name in _all_timezones():
        return
    close = difflib.get_close_matches(name, sorted(_all_timezones()), n=1)
    problems.error(
        origin.path,
        origin.at("timezone"),
        Code.timezone,
        f"unknown timezone '{name}'",
        f"did you mean '{close[0]}'?" if close else "use an IANA name like 'Europe/Berlin'",
    )


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _check_schedule(
    data: EventData, origin: Origin, proc: Proceedings, contributions: dict[str, Contribution], problems: Problems
) -> None:
    session_ids: dict[str, tuple[str | int, ...]] = {}
    zone = _zone(data.event.timezone)
    for d, day in enumerate(data.schedule.days):
        timed: list[tuple[int, int, tuple[str | int, ...], str]] = []
        for s, session in enumerate(day.sessions):
            sloc: tuple[str | int, ...] = ("days", d, "sessions", s)
            if session.id in session_ids:
                problems.error(
                    origin.path,
                    origin.at(*sloc, "id"),
                    Code.duplicate_id,
                    f"session id '{session.id}' is used twice in this schedule",
                    "give each session its own id",
                )
            session_ids[session.id] = sloc
            for c, chair in enumerate(session.chairs):
                if chair not in proc.people:
                    _unknown(problems, origin, (*sloc, "chairs", c), "person", chair, proc.people)
            if session.start and session.end and session.end <= session.start:
                problems.error(
                    origin.path,
                    origin.at(*sloc, "end"),
                    Code.schedule,
                    f"session '{session.id}' ends at {session.end:%H:%M}, not after it starts at {session.start:%H:%M}",
                    PAST_MIDNIGHT if session.end < session.start else None,
                )
            _check_clock(session, sloc, day.date, zone, origin, problems)
            for n, slot in enumerate(session.slots):
                loc = (*sloc, "slots", n)
                _check_slot(slot, loc, origin, proc, contributions, problems)
                _check_clock(slot, loc, day.date, zone, origin, problems)
                if slot.start and slot.end and slot.end > slot.start:
                    if (session.start and slot.start < session.start) or (session.end and slot.end > session.end):
                        problems.error(
                            origin.path,
                            origin.at(*loc, "start"),
                            Code.schedule,
                            f"slot {slot.start:%H:%M}–{slot.end:%H:%M} lies outside its session "
                            f"'{session.id}' ({_span(session.start, session.end)})",
                            "fix the slot's times or the session's start/end",
                        )
                    timed.append((_minutes(slot.start), _minutes(slot.end), loc, _slot_name(slot)))
        timed.sort(key=lambda t: (t[0], t[1]))
        for (_, a_end, a_loc, a_name), (b_start, _, b_loc, b_name) in pairwise(timed):
            if b_start < a_end:
                problems.warning(
                    origin.path,
                    origin.at(*b_loc, "start"),
                    Code.schedule,
                    f"slot '{b_name}' starts at {b_start // 60:02d}:{b_start % 60:02d}, "
                    f"before '{a_name}' (line {origin.at(*a_loc)[0]}) ends at "
                    f"{a_end // 60:02d}:{a_end % 60:02d}",
                    "overlapping slots are fine for parallel tracks; otherwise fix the times",
                )


def _zone(name: str | None) -> ZoneInfo | None:
    return ZoneInfo(name) if name in _all_timezones() else None


def _check_clock(
    timed: Session | Slot,
    loc: tuple[str | int, ...],
    date: dt.date | None,
    zone: ZoneInfo | None,
    origin: Origin,
    problems: Problems,
) -> None:
    """Times the event's clocks skip (an error) or pass twice (a warning) on a daylight-saving day."""
    if date is None or zone is None:
        return
    for field in ("start", "end"):
        time = getattr(timed, field)
        if time is None:
            continue
        if jump := skipped(date, time, zone):
            problems.error(
                origin.path,
                origin.at(*loc, field),
                Code.schedule,
                f"{time:%H:%M} does not exist on {date} in {zone.key}: the clocks jump over it ({jump})",
                "move it to a time after the change",
            )
        elif first := repeated(date, time, zone):
            problems.warning(
                origin.path,
                origin.at(*loc, field),
                Code.schedule,
                f"{time:%H:%M} happens twice on {date} in {zone.key} (the clocks go back); "
                f"the book means the first, at {first}",
            )


def _check_session_ids_across_events(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    """Session pages and links are named by the session id alone, so ids are unique in the series."""
    first: dict[str, tuple[str, Origin, tuple[str | int, ...]]] = {}
    for data in proc.events:
        origin = origins.schedules.get(data.event.id)
        if origin is None:
            continue
        for d, day in enumerate(data.schedule.days):
            for s, session in enumerate(day.sessions):
                loc: tuple[str | int, ...] = ("days", d, "sessions", s, "id")
                seen = first.setdefault(session.id, (data.event.id, origin, loc))
                if seen[0] != data.event.id:
                    problems.error(
                        origin.path,
                        origin.at(*loc),
                        Code.duplicate_id,
                        f"session id '{session.id}' is also used by event '{seen[0]}' at {seen[1].place(*seen[2])}",
                        f"give each session an id of its own, e.g. '{data.event.id}-{session.id}'",
                    )


def _span(start: dt.time | None, end: dt.time | None) -> str:
    first = f"{start:%H:%M}" if start else "…"
    last = f"{end:%H:%M}" if end else "…"
    return f"{first}–{last}"


def _slot_name(slot: Slot) -> str:
    return slot.title or ", ".join(slot.contributions) or str(slot.kind)


def _check_slot(
    slot: Slot,
    loc: tuple[str | int, ...],
    origin: Origin,
    proc: Proceedings,
    contributions: dict[str, Contribution],
    problems: Problems,
) -> None:
    if slot.start and slot.end and slot.end <= slot.start:
        problems.error(
            origin.path,
            origin.at(*loc, "end"),
            Code.schedule,
            f"slot ends at {slot.end:%H:%M}, not after it starts at {slot.start:%H:%M}",
            PAST_MIDNIGHT if slot.end < slot.start else None,
        )
    for i, cid in enumerate(slot.contributions):
        if cid not in contributions:
            _unknown(problems, origin, (*loc, "contributions", i), "contribution", cid, contributions)
    for i, pid in enumerate(slot.people):
        if pid not in proc.people:
            _unknown(problems, origin, (*loc, "people", i), "person", pid, proc.people)
    if not slot.title and not slot.contributions:
        problems.error(
            origin.path,
            origin.at(*loc),
            Code.schedule,
            "slot has neither a title nor contributions",
            "add 'title: …' (e.g. 'Lunch') or 'contributions: [id]'",
        )


def _check_contribution(c: Contribution, origin: Origin, proc: Proceedings, problems: Problems) -> None:
    for i, pid in enumerate(c.person_ids):
        if pid not in proc.people:
            _unknown(problems, origin, ("authors", i), "person", pid, proc.people)


# --- names and references ---------------------------------------------------


def _check_people_names(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    places = {pid: origin for (_, pid), origin in origins.people.items()}
    for a, b in near_duplicates((pid, p.name) for pid, p in proc.people.items()):
        here, there = places[b], places[a]
        problems.warning(
            here.path,
            here.at("name"),
            Code.names,
            f"'{proc.people[b].name}' ({b}) reads almost like '{proc.people[a].name}' ({a}) at {there.place('name')}",
            "if they are one person, use one id; otherwise ignore this warning",
        )


def _check_duplicate_references(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    first: dict[str, tuple[str, object]] = {}
    for data in proc.events:
        for ref in data.references:
            seen = first.get(ref.key)
            if seen is None:
                first[ref.key] = (data.event.id, ref)
                continue
            if seen[1] != ref:
                path, line = origins.references[(data.event.id, ref.key)]
                other_path, other_line = origins.references[(seen[0], ref.key)]
                problems.warning(
                    path,
                    (line, 1),
                    Code.bibtex,
                    f"BibTeX key '{ref.key}' is also used for a different entry at "
                    f"{place(other_path, other_line, origins.root)}",
                    "rename one of the keys",
                )


def _check_bibtex_keys(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    """A ``bibtex_key`` names one entry: no other contribution's, no reference's (BibTeX ignores case)."""
    references = {
        ref.key.casefold(): origins.references[(data.event.id, ref.key)]
        for data in reversed(proc.events)
        for ref in data.references
    }
    given: dict[str, str] = {}
    for c in (c for data in proc.events for c in data.contributions if c.bibtex_key):
        assert c.bibtex_key is not None
        origin = origins.contributions[c.id]
        folded = c.bibtex_key.casefold()
        if folded in given:
            other = origins.contributions[given[folded]]
            problems.error(
                origin.path,
                origin.at("bibtex_key"),
                Code.duplicate_id,
                f"bibtex_key '{c.bibtex_key}' is also the key of '{given[folded]}' at {other.place('bibtex_key')}",
                "give each contribution its own key, or leave it out to have one made",
            )
        elif folded in references:
            path, line = references[folded]
            problems.error(
                origin.path,
                origin.at("bibtex_key"),
                Code.duplicate_id,
                f"bibtex_key '{c.bibtex_key}' is also the key of a reference at {place(path, line, origins.root)}",
                "{cite} could not tell them apart: rename one of them",
            )
        given.setdefault(folded, c.id)


# --- links ------------------------------------------------------------------


def _check_all_links(proc: Proceedings, origins: Origins, problems: Problems, root: Path) -> None:
    for key, origin in origins.people.items():
        record = origins.person_records[key]  # each file's own: merging keeps only the first of two photos
        for name in ("photo", "homepage"):
            value = getattr(record, name)
            if value:
                check_link(value, origin, (name,), problems, root)
        for key, value in record.social.items():
            check_link(value, origin, ("social", key), problems, root)
    for data in proc.events:
        event_origin = origins.events[data.event.id]
        if data.event.url:
            check_link(data.event.url, event_origin, ("url",), problems, root)
        for i, link in enumerate(data.event.links):
            check_link(link.url, event_origin, ("links", i, "url"), problems, root)
        cfp = data.event.call_for_papers
        if cfp and cfp.submission_url:
            check_link(cfp.submission_url, event_origin, ("call_for_papers", "submission_url"), problems, root)
        for c in data.contributions:
            origin = origins.contributions[c.id]
            for name in ("slides", "video", "pdf", "poster", "url", "abstract_file"):
                value = getattr(c, name)
                if value:
                    check_link(value, origin, (name,), problems, root)


def check_link(value: str, origin: Origin, loc: tuple[str | int, ...], problems: Problems, root: Path) -> None:
    """A link is an http(s) URL or a file inside the project (relative to the data file)."""
    parts = urlsplit(value)
    scheme = parts.scheme
    if scheme.lower() in URL_SCHEMES and parts.netloc:
        return  # the common case, before locating the value in its file (for a message) costs anything
    where = origin.at(*loc)
    if scheme:
        if len(scheme) == 1:  # a Windows drive letter, not a scheme
            scheme = ""
        elif scheme.lower() not in URL_SCHEMES:
            problems.error(
                origin.path,
                where,
                Code.link,
                f"link '{value[:80]}' is not an http(s) URL",
                "use an https:// URL or a path to a file inside the project",
            )
            return
        else:
            problems.error(origin.path, where, Code.link, f"URL '{value[:80]}' has no host")
            return
    target = origin.path.parent / value
    if Path(value).is_absolute() or not inside(target, root):
        problems.error(
            origin.path,
            where,
            Code.link,
            f"path '{value[:80]}' leaves the project",
            "copy the file into the project and link it by a relative path",
        )
    elif not target.is_file():
        problems.error(
            origin.path,
            where,
            Code.link,
            f"file '{value[:80]}' does not exist",
            f"paths are relative to {place(origin.path.parent, None, origin.doc.root)}",
        )


def link_target(value: str, origin_file: Path) -> Path | None:
    """The project file a link names, or ``None`` for a URL."""
    return None if urlsplit(value).scheme else origin_file.parent / value
