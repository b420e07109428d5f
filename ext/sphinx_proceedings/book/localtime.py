"""Machine-readable times in the HTML timetable, so the reader's browser can show its own time.

An HTML-only post-transform: each time cell of a ``proc-timetable`` becomes a
``<time>`` element whose ``datetime`` carries the UTC offset of the event's
timezone on that day (DST included). ``static/proceedings.js`` offers the
reader's local time and marks what is on now and next. The text is built
here from the model's times and dates, never from user text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_proceedings.book.state import get_index

SPAN = re.compile(r"^(\d\d):(\d\d)(?:–(\d\d):(\d\d))?$")
DAY_ID = re.compile(r"^(?P<event>.+)-day-(?P<day>\d+)$")


class TimetableTimes(SphinxPostTransform):
    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        index = get_index(self.env)
        for table in list(self.document.findall(nodes.table)):
            if "proc-timetable" not in table["classes"]:
                continue
            section = table.parent
            match = next((DAY_ID.match(i) for i in section.get("ids", []) if DAY_ID.match(i)), None)
            if match is None:
                continue
            data = index.event(match["event"])
            days = data.schedule.days if data else []
            n = int(match["day"]) - 1
            if data is None or not data.event.timezone or not 0 <= n < len(days) or days[n].date is None:
                continue
            try:
                zone = ZoneInfo(data.event.timezone)
            except ZoneInfoNotFoundError:
                continue
            date = days[n].date
            assert date is not None
            for row in table.findall(nodes.row):
                entries = [e for e in row.children if isinstance(e, nodes.entry)]
                if entries:
                    _mark_time(entries[0], date, zone)


def _mark_time(entry: nodes.entry, date: dt.date, zone: ZoneInfo) -> None:
    para = entry.next_node(nodes.paragraph)
    if para is None:
        return
    text = para.astext().strip()
    match = SPAN.match(text)
    if match is None:
        return
    start = dt.datetime.combine(date, dt.time(int(match[1]), int(match[2])), zone)
    end = dt.datetime.combine(date, dt.time(int(match[3]), int(match[4])), zone) if match[3] else start
    html = f'<time class="proc-time" datetime="{start.isoformat()}" data-end="{end.isoformat()}">{text}</time>'
    para.replace_self(nodes.raw("", html, format="html"))


def setup_localtime(app: Sphinx) -> None:
    app.add_post_transform(TimetableTimes)
