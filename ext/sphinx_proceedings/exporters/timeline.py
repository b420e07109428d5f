"""An event's programme as absolute times: what every schedule export (frab, iCalendar) starts from.

The model keeps wall-clock times per day; exports need instants. This module
checks that an event can be placed on the calendar (an IANA timezone and a date
for every day), turns each timed slot into aware datetimes, and gives every slot
and every scheduled contribution a GUID that stays the same across exports.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sphinx_proceedings.data.model import Contribution, Day, EventData, Proceedings, Session, Slot
from sphinx_proceedings.data.origins import Origins
from sphinx_proceedings.data.problems import Code, Problems

# The namespace of every GUID this package writes; never change it, or calendars see new events.
GUID_NAMESPACE = uuid.UUID("6f0b3c52-9d43-5a0e-8a55-1d6a2f3c9e71")


def guid(event_id: str, key: str) -> uuid.UUID:
    """A UUID stable across exports: the same event and record give the same GUID."""
    return uuid.uuid5(GUID_NAMESPACE, f"{event_id}/{key}")


def person_guid(person_id: str) -> uuid.UUID:
    """One GUID per person for the whole series (the same speaker at two events)."""
    return uuid.uuid5(GUID_NAMESPACE, f"person/{person_id}")


def acronym(event_id: str) -> str:
    """The frab conference acronym: at least four of ``[a-z0-9_]`` ('nips2017', 'ai_sys')."""
    return re.sub(r"[^a-z0-9_]", "_", event_id).ljust(4, "_")


@dataclass(frozen=True)
class TimedSlot:
    """One slot of the programme, placed in time."""

    key: str  # stable within the event: 'slot/<session>/<n>', or the contribution key of a one-talk slot
    day_index: int  # 1-based, in programme order
    day: Day
    session: Session
    slot_index: int
    slot: Slot
    contributions: tuple[Contribution, ...]
    start: dt.datetime  # aware, in the event's timezone
    end: dt.datetime
    contribution_keys: tuple[str, ...]  # one per contribution: 'contribution/<id>' (+ '/<n>' when repeated)

    @property
    def duration(self) -> dt.timedelta:
        """Elapsed time (not wall-clock difference): right across a DST change."""
        return self.end.astimezone(dt.UTC) - self.start.astimezone(dt.UTC)


@dataclass(frozen=True)
class TimedDay:
    index: int
    date: dt.date
    slots: tuple[TimedSlot, ...]
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Timeline:
    """An event whose programme can be exported: its timezone and its timed days."""

    proceedings: Proceedings
    data: EventData
    tz: ZoneInfo
    days: tuple[TimedDay, ...]

    @property
    def event_id(self) -> str:
        return self.data.event.id

    @property
    def slots(self) -> list[TimedSlot]:
        return [slot for day in self.days for slot in day.slots]

    def guid(self, key: str) -> uuid.UUID:
        return guid(self.event_id, key)


def event_yaml(data: EventData, origins: Origins | None) -> tuple[Path, tuple[int | None, int | None]]:
    origin = origins.events.get(data.event.id) if origins else None
    if origin is None:
        return Path(data.event.id) / "event.yaml", (None, None)
    return origin.path, origin.at("timezone")


def build_timeline(
    proceedings: Proceedings, data: EventData, origins: Origins | None, problems: Problems
) -> Timeline | None:
    """The event placed in time, or ``None`` with an error saying what the export needs."""
    event = data.event
    path, where = event_yaml(data, origins)
    if not event.timezone:
        problems.error(
            path,
            where,
            Code.timezone,
            f"event '{event.id}' has no timezone; schedule exports (frab, iCalendar) need one",
            "add an IANA name to event.yaml, e.g. 'timezone: Europe/Berlin'",
        )
        return None
    try:
        tz = ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(path, where, Code.timezone, f"unknown timezone '{event.timezone}'", "use an IANA name")
        return None

    schedule_origin = origins.schedules.get(event.id) if origins else None
    schedule_path = schedule_origin.path if schedule_origin else path.with_name("schedule.yaml")
    dates = [day.date for day in data.schedule.days]
    if not data.schedule.days:
        if event.start is None:
            problems.error(
                path,
                path_line(origins, data, "start"),
                Code.dates,
                f"event '{event.id}' has neither a schedule nor dates; schedule exports need the days' dates",
                "add 'start: YYYY-MM-DD' (and 'end:') to event.yaml, or a schedule.yaml with dated days",
            )
            return None
        last = event.end or event.start
        dates = [event.start + dt.timedelta(days=n) for n in range((last - event.start).days + 1)]
    missing = [n for n, date in enumerate(dates) if date is None]
    for n in missing:
        problems.error(
            schedule_path,
            schedule_origin.at("days", n) if schedule_origin else (None, None),
            Code.dates,
            f"day {n + 1} of event '{event.id}' has no date; schedule exports need one "
            f"(the event is described in {path})",
            "add 'date: YYYY-MM-DD' to the day",
        )
    if missing:
        return None

    contributions = {c.id: c for c in data.contributions}
    seen: dict[str, int] = {}
    days: list[TimedDay] = []
    schedule_days = data.schedule.days or [Day(date=date) for date in dates]
    for d, day in enumerate(schedule_days):
        assert day.date is not None
        slots: list[TimedSlot] = []
        for s, session in enumerate(day.sessions):
            for n, slot in enumerate(session.slots):
                if slot.start is None or slot.end is None:
                    problems.warning(
                        schedule_path,
                        schedule_origin.at("days", d, "sessions", s, "slots", n) if schedule_origin else (None, None),
                        Code.schedule,
                        f"slot '{slot.title or ', '.join(slot.contributions)}' has no start and end time; "
                        "it is left out of the schedule export",
                        "add 'start: HH:MM' and 'end: HH:MM'",
                    )
                    continue
                found = tuple(contributions[cid] for cid in slot.contributions if cid in contributions)
                keys = []
                for c in found:
                    seen[c.id] = seen.get(c.id, 0) + 1
                    keys.append(f"contribution/{c.id}" + (f"/{seen[c.id]}" if seen[c.id] > 1 else ""))
                key = keys[0] if len(keys) == 1 else f"slot/{session.id}/{n + 1}"
                slots.append(
                    TimedSlot(
                        key=key,
                        day_index=d + 1,
                        day=day,
                        session=session,
                        slot_index=n,
                        slot=slot,
                        contributions=found,
                        start=dt.datetime.combine(day.date, slot.start, tzinfo=tz),
                        end=dt.datetime.combine(day.date, slot.end, tzinfo=tz),
                        contribution_keys=tuple(keys),
                    )
                )
        slots.sort(key=lambda t: (t.start, t.end))
        midnight = dt.datetime.combine(day.date, dt.time(), tzinfo=tz)
        start = slots[0].start if slots else midnight
        end = (
            max(t.end for t in slots)
            if slots
            else dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time(), tzinfo=tz)
        )
        days.append(TimedDay(d + 1, day.date, tuple(slots), start, end))
    return Timeline(proceedings, data, tz, tuple(days))


def path_line(origins: Origins | None, data: EventData, key: str) -> tuple[int | None, int | None]:
    origin = origins.events.get(data.event.id) if origins else None
    return origin.at(key) if origin else (None, None)


def affiliation(proceedings: Proceedings, event_id: str, person_id: str, on_record: str | None = None) -> str | None:
    """A person's affiliation as printed for this event (on the contribution, the event, or the person)."""
    if on_record:
        return on_record
    at_event = proceedings.affiliations.get(person_id, {}).get(event_id)
    if at_event:
        return at_event
    person = proceedings.people.get(person_id)
    return person.affiliation if person else None


def is_web_link(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("https://", "http://"))


def hhmm(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
