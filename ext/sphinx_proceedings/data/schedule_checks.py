"""Checks of a schedule: timezones, days, overlapping slots, clock changes, session ids across events."""

from __future__ import annotations

import datetime as dt
import difflib
import zoneinfo
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sphinx_proceedings.data.clock import repeated, skipped
from sphinx_proceedings.data.model import Contribution, EventData, Proceedings, Session, Slot
from sphinx_proceedings.data.origins import report_unknown
from sphinx_proceedings.data.problems import Code, Problems

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin, Origins

PAST_MIDNIGHT = "a session or slot cannot run past midnight: end it at 23:59 and go on in the next day's schedule"


@cache
def _all_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(name: str, origin: Origin, problems: Problems) -> None:
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


def check_schedule(
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
                    report_unknown(problems, origin, (*sloc, "chairs", c), "person", chair, proc.people)
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


def check_session_ids_across_events(proc: Proceedings, origins: Origins, problems: Problems) -> None:
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
            report_unknown(problems, origin, (*loc, "contributions", i), "contribution", cid, contributions)
    for i, pid in enumerate(slot.people):
        if pid not in proc.people:
            report_unknown(problems, origin, (*loc, "people", i), "person", pid, proc.people)
    if not slot.title and not slot.contributions:
        problems.error(
            origin.path,
            origin.at(*loc),
            Code.schedule,
            "slot has neither a title nor contributions",
            "add 'title: …' (e.g. 'Lunch') or 'contributions: [id]'",
        )
