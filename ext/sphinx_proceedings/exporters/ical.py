"""The programme as an iCalendar file: one VEVENT per slot, in the event's timezone (with its VTIMEZONE)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from icalendar import Calendar, Event

from sphinx_proceedings.exporters.frab import room_name
from sphinx_proceedings.exporters.slot_text import slot_description, slot_title
from sphinx_proceedings.exporters.timeline import TimedSlot, Timeline, is_web_link
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


def _vevent(timeline: Timeline, timed: TimedSlot, now: dt.datetime) -> Event:
    event = timeline.data.event
    vevent = Event()
    vevent.add("uid", str(timeline.guid(timed.key)))
    vevent.add("dtstamp", now)
    vevent.add("dtstart", timed.start)
    vevent.add("dtend", timed.end)
    vevent.add("summary", slot_title(timed))
    vevent.add("location", room_name(timeline))
    vevent.add("description", slot_description(timeline, timed))
    url = next((c.url for c in timed.contributions if is_web_link(c.url)), None) or event.url
    if is_web_link(url):
        vevent.add("url", url)
    kinds = [c.kind.label for c in timed.contributions] or [timed.slot.kind.value.capitalize()]
    vevent.add("categories", list(dict.fromkeys(kinds)))
    return vevent
