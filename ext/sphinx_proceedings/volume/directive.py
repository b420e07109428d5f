"""``proc:volume PART [EVENT]``: one part of the printed volume, as the generated ``volume`` page calls them.

The page (book/pages.py) calls, for each event in order: ``front`` (title page,
imprint, preface, organisation, contents, programme at a glance; roman
pages), ``main`` (papers and abstracts; arabic pages from 1), ``references``
(the place of the event's references page, which a toctree includes) and
``index`` (the author index). A book of several events opens with ``cover``:
the series' title page and the contents of every event. Its events' roman
pages run on across the book; each event's arabic pages start at 1, as in the
event's own volume, so that a paper's pages are the same wherever it is read.

Only the LaTeX builder prints these parts; other builders get nothing.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from sphinx_proceedings.book.config import site_url
from sphinx_proceedings.book.directives.base import ProcDirective
from sphinx_proceedings.book.state import volume_plans
from sphinx_proceedings.data.model import EventData
from sphinx_proceedings.volume import contents, front
from sphinx_proceedings.volume.entries import main_matter
from sphinx_proceedings.volume.tex import anchor, label, raw, tex

PARTS = ("cover", "front", "main", "references", "index")


class VolumeDirective(ProcDirective):
    required_arguments = 1
    optional_arguments = 1

    def render(self) -> list[nodes.Node]:
        part = self.arguments[0]
        eid = self.arguments[1] if len(self.arguments) > 1 else ""
        if part not in PARTS:
            return self.unknown("volume part", part)
        # Every record can show in the volume: it is re-read whenever the data changes.
        self.note("members:events", *(f"event:{e.event.id}" for e in self.index.proceedings.events))
        self.note(*self.index.fingerprints)
        if part == "cover":
            return self.cover()
        data = self.index.event(eid)
        if data is None:
            return self.unknown("event", eid)
        return self.event_part(part, data)

    @property
    def single(self) -> bool:
        return len(self.index.proceedings.events) == 1

    def series_title(self) -> str | None:
        series = self.index.proceedings.series
        return series.title if series else None

    def cover(self) -> list[nodes.Node]:
        """A book of several events: the series' title page, then the contents of them all."""
        events = self.index.proceedings.events
        title = self.series_title() or str(self.config.project)
        lines = [r"\pagenumbering{roman}", r"\begingroup\thispagestyle{empty}\centering\vspace*{3cm}"]
        lines.append(rf"{{\Huge\bfseries {tex(title)}\par}}\vspace{{1.5cm}}")
        lines += [rf"{{\large {tex(e.event.title)}\par}}\smallskip" for e in events]
        lines.append(r"\clearpage\endgroup")
        plans = volume_plans(self.index, self.config)
        sections = [(e.event.title, self.toc_items(e, with_front=True)) for e in events if e.event.id in plans]
        lines.append(contents.contents(sections, "book", level=0))
        return [raw(*lines)]

    def toc_items(self, data: EventData, with_front: bool) -> list[contents.TocItem | str]:
        eid = data.event.id
        wanted = [
            ("Preface", "preface", bool(data.event.description)),
            ("Organisation", "organisation", bool(data.event.organizers or data.event.committee)),
            ("Programme at a glance", "programme", any(day.sessions for day in data.schedule.days)),
        ]
        items = [(title, label(kind, eid)) for title, kind, present in wanted if present and with_front]
        return contents.event_items(self.index, volume_plans(self.index, self.config)[eid], items)

    def event_part(self, part: str, data: EventData) -> list[nodes.Node]:
        eid = data.event.id
        plan = volume_plans(self.index, self.config)[eid]
        if part == "front":
            return self.front(data)
        if part == "main":
            return main_matter(self.index, plan, Path(self.env.srcdir), site_url(self.config))
        if part == "references":
            # The page's own heading follows (Sphinx bookmarks it).
            return [raw(r"\clearpage", anchor("references", eid, None))]
        return [raw(contents.author_index(self.index, plan))]

    def front(self, data: EventData) -> list[nodes.Node]:
        """The event's own front matter, numbered from i: in a book of several events, each event is a whole
        volume (title page to author index), so that its pages can be published as a PDF of their own."""
        eid = data.event.id
        out: list[nodes.Node] = [raw(r"\cleardoublepage" if not self.single else "", r"\pagenumbering{roman}")]
        out.append(front.title_page(self.index, data, self.series_title() if self.single else None))
        out.append(front.imprint_page(self.index, data))
        out += front.preface(data)
        out += front.organisation(self.index, data)
        out.append(raw(r"\clearpage", contents.contents([(None, self.toc_items(data, True))], eid, level=1)))
        out += front.programme_at_a_glance(self.index, data)
        return out

    def run(self) -> list[nodes.Node]:
        builder = getattr(self.env, "_builder_cls", None) or self.env.app.builder  # _builder_cls: Sphinx 9
        if builder.format != "latex":  # the EPUB has its own tree (book/pages.py)
            return []
        return super().run()
