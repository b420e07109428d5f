"""Wall-clock times that a timezone skips or repeats on a given day (daylight-saving changes)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def _offset(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def skipped(date: dt.date, time: dt.time, zone: ZoneInfo) -> str | None:
    """How the clocks jump over ``time`` on ``date`` (e.g. 'UTC-05:00 → UTC-04:00'), or None if it exists."""
    local = dt.datetime.combine(date, time, zone)
    there_and_back = local.astimezone(dt.UTC).astimezone(zone)
    if there_and_back.replace(tzinfo=None) == local.replace(tzinfo=None):
        return None
    return f"{_offset(local)} → {_offset(local.replace(fold=1))}"


def repeated(date: dt.date, time: dt.time, zone: ZoneInfo) -> str | None:
    """The offset the first occurrence of a ``time`` the clocks pass twice has, or None if it happens once."""
    first = dt.datetime.combine(date, time, zone)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset() or skipped(date, time, zone):
        return None
    return _offset(first)
