"""The programme as an iCalendar file: one VEVENT per slot, in the event's timezone (with its VTIMEZONE)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from icalendar import Calendar, Event

from sphinx_proceedings.data.model import KIND_LABELS, Contribution
from sphinx_proceedings.exporters.frab import LINK_FIELDS, room_name
from sphinx_proceedings.exporters.timeline import TimedSlot, Timeline, affiliation, is_web_link
from sphinx_proceedings.version import __version__

PRODID = f"-//sphinx-proceedings//{__version__}//EN"


def stamp(timeline: Timeline) -> dt.datetime:
    """DTSTAMP of an event's VEVENTs: ``SOURCE_DATE_EPOCH`` when set, else 00:00 UTC of the event's first day.

    Never the time of the export: the same data gives the same file, byte for byte.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.combine(timeline.days[0].date, dt.time(), tzinfo=dt.UTC)


def calendar(timelines: Sequence[Timeline]) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if len(timelines) == 1:
        cal.add("x-wr-calname", timelines[0].data.event.title)
        cal.add("x-wr-timezone", str(timelines[0].tz.key))
    for timeline in timelines:
        now = stamp(timeline)
        for timed in timeline.slots:
            cal.add_component(_vevent(timeline, timed, now))
    if timelines:
        first = min(t.days[0].date for t in timelines)
        last = max(t.days[-1].date for t in timelines)
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=1), last_date=last + dt.timedelta(days=2))
    return cal


def ics(timelines: Sequence[Timeline]) -> str:
    return str(calendar(timelines).to_ical().decode("utf-8"))


def _summary(timed: TimedSlot) -> str:
    if len(timed.contributions) == 1:
        return timed.contributions[0].title
    return timed.slot.title or "; ".join(c.title for c in timed.contributions) or timed.slot.kind.value


def _vevent(timeline: Timeline, timed: TimedSlot, now: dt.datetime) -> Event:
    event = timeline.data.event
    vevent = Event()
    vevent.add("uid", str(timeline.guid(timed.key)))
    vevent.add("dtstamp", now)
    vevent.add("dtstart", timed.start)
    vevent.add("dtend", timed.end)
    vevent.add("summary", _summary(timed))
    vevent.add("location", room_name(timeline))
    vevent.add("description", _description(timeline, timed))
    url = next((c.url for c in timed.contributions if is_web_link(c.url)), None) or event.url
    if is_web_link(url):
        vevent.add("url", url)
    kinds = [c.kind.label for c in timed.contributions] or [timed.slot.kind.value.capitalize()]
    vevent.add("categories", list(dict.fromkeys(kinds)))
    return vevent


def _description(timeline: Timeline, timed: TimedSlot) -> str:
    """Plain text: what happens, who speaks (with affiliations), where slides and videos are."""
    blocks: list[str] = []
    session = timed.session
    if session.title:
        chairs = _names(timeline, session.chairs)
        blocks.append(f"{session.title}" + (f" (chair: {chairs})" if chairs else ""))
    if (timed.slot.title and len(timed.contributions) != 1) or (
        timed.slot.title and timed.slot.title != timed.contributions[0].title
    ):
        blocks.append(timed.slot.title)
    if timed.slot.people:
        blocks.append(_names(timeline, timed.slot.people))
    for c in timed.contributions:
        blocks.append(_contribution_text(timeline, c, titled=len(timed.contributions) > 1))
    if timed.slot.note:
        blocks.append(timed.slot.note)
    return "\n\n".join(b for b in blocks if b)


def _contribution_text(timeline: Timeline, c: Contribution, titled: bool) -> str:
    lines = [f"{KIND_LABELS[c.kind]}: {c.title}" if titled else KIND_LABELS[c.kind]]
    speakers = ", ".join(
        _name(timeline, a.person, affiliation(timeline.proceedings, timeline.event_id, a.person, a.affiliation))
        for a in c.authors
    )
    if speakers:
        lines.append(f"Speakers: {speakers}")
    for field, title in (*LINK_FIELDS, ("url", "Page")):
        value = getattr(c, field)
        if is_web_link(value):
            lines.append(f"{title}: {value}")
    if c.doi:
        lines.append(f"DOI: https://doi.org/{c.doi}")
    if c.abstract:
        lines += ["", c.abstract]
    return "\n".join(lines)


def _name(timeline: Timeline, pid: str, where: str | None) -> str:
    person = timeline.proceedings.people.get(pid)
    name = person.name if person else pid
    return f"{name} ({where})" if where else name


def _names(timeline: Timeline, pids: Sequence[str]) -> str:
    return ", ".join(_name(timeline, pid, affiliation(timeline.proceedings, timeline.event_id, pid)) for pid in pids)
