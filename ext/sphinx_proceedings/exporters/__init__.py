"""Schedules out (frab XML/JSON, iCalendar, model JSON) and in (frab/pretalx JSON)."""
