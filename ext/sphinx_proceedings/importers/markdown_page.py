"""Read a Markdown page of a workshop site (schedule, overview, call for papers) with markdown-it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from sphinx_proceedings.data.model import ContributionKind
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import Draft, DraftContribution, DraftDay, DraftSession, DraftSlot, Place
from sphinx_proceedings.importers.markdown_inline import markdown_table, runs_of
from sphinx_proceedings.importers.page_facts import (
    Inline,
    PageContext,
    PageReader,
    Run,
    add_person,
    read_date_line,
    read_reference,
)
from sphinx_proceedings.importers.recognise import names, papers
from sphinx_proceedings.importers.recognise.schedule_cell import LINK_WORDS
from sphinx_proceedings.importers.recognise.sessions import session_chairs
from sphinx_proceedings.importers.recognise.tables import TableReader

# '[Title](papers/a b (7).pdf)': Jekyll's kramdown takes spaces in a link target, CommonMark does not
_SPACED_LINK = re.compile(r"\]\((?P<dest>[^()\s\n]+(?: [^()\s\n\"]+| \(\d+\)[^()\s\n]*)+)\)")


def _encode_spaces(m: re.Match[str]) -> str:
    return "](" + m["dest"].replace(" ", "%20").replace("(", "%28").replace(")", "%29") + ")"


class MarkdownPage(PageReader):
    def __init__(self, path: Path, body: str, offset: int, draft: Draft, problems: Problems, ctx: PageContext) -> None:
        self.path, self.offset, self.draft, self.problems, self.ctx = path, offset, draft, problems, ctx
        self.md = MarkdownIt("commonmark").enable(["strikethrough", "table"])
        body = _SPACED_LINK.sub(_encode_spaces, body)
        self.lines = body.splitlines()
        self.tokens = self.md.parse(body)
        self.section: str | None = ctx.page_section
        self.session: DraftSession | None = None
        self.last_slot: DraftSlot | None = None
        self.last_time = None
        self.heading_text: str | None = None

    def place(self, line0: int) -> Place:
        return Place(self.path, line0 + 1 + self.offset)

    def inline(self, text: str) -> Inline:
        tokens = self.md.parseInline(text)
        return Inline(runs_of(tokens[0].children or [] if tokens else [], self.ctx.base_url))

    # -- walk ------------------------------------------------------------
    def read(self) -> None:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "heading_open" and self.titled_talk(i):
                i += 6  # '### Title' and '#### Speaker - Affiliation' under it
            elif tok.type == "heading_open":
                self.heading(int(tok.tag[1]), tokens[i + 1].content, tok.map[0] if tok.map else 0)
                i += 3
            elif tok.type == "paragraph_open":
                self.paragraph(tok.map or [0, 0])
                i += 3
            elif tok.type == "hr":
                self.session = None
                self.ctx.talks.end()
                i += 1
            elif tok.type in ("bullet_list_open", "ordered_list_open"):
                end = self._close(i)
                self.list_items(tokens[i:end], nested=False)
                i = end + 1
            elif tok.type == "html_block":
                self.ctx.html_fragment(tok.content, (tok.map or [0])[0] + self.offset, self.section)
                i += 1
            elif tok.type == "table_open":
                end = self._close(i)
                self.table(tokens[i:end])
                i = end + 1
            else:
                i += 1

    def titled_talk(self, i: int) -> bool:
        """A heading with a deeper heading naming the speaker right under it: a talk, its abstract follows."""
        tokens = self.tokens
        if i + 4 >= len(tokens) or tokens[i + 3].type != "heading_open" or tokens[i + 3].tag <= tokens[i].tag:
            return False
        if self.section in ("organizers", "committee", "accepted", "dates"):
            return False
        title = self.inline(tokens[i + 1].content)
        if textual.section_of(title.text) is not None:
            return False  # '### Organizers' over '#### Ada Byron' is a list of people
        kept = [r for r in title.runs if not (r.href and LINK_WORDS.match(r.text.strip()))]
        place = self.place((tokens[i].map or [0])[0])
        self.ctx.talks.end()
        links = [(r.text, r.href) for r in title.runs if r.href and r not in kept]
        return self.ctx.talks.titled(Inline(kept).text, self.inline(tokens[i + 4].content).text, place, links)

    def table(self, tokens: list[Token]) -> None:
        """A Markdown table, read by the names in its header row."""
        table = markdown_table(tokens, self.ctx.base_url, self.place)
        self.day = TableReader(self.ctx, self.section, self.heading_text).read(table, self.day)
        if "time" in table.roles():
            self.section = "schedule"

    def _close(self, i: int) -> int:
        level = 0
        for j in range(i, len(self.tokens)):
            level += self.tokens[j].nesting
            if level == 0:
                return j
        return len(self.tokens) - 1

    def unplaced(self, line0: int, what: str) -> None:
        self.problems.warning(
            self.path,
            (line0 + 1 + self.offset, None),
            Code.file,
            f"not placed: {what}",
            "add it to the data by hand if it matters",
        )

    def heading(self, level: int, content: str, line0: int) -> None:
        inline = self.inline(content)
        text = inline.text
        place = self.place(line0)
        self.ctx.talks.end()
        if self.section == "speakers" and level >= 2 and self.ctx.talks.heading(inline, place):
            return  # '## Keynote 1: Title, Speaker' on a page of talks
        person = names.person_and_affiliation(text) if level >= 3 else None
        if person and self.section in ("organizers", "committee", "speakers"):  # '#### Ada Byron - UCL'
            mention = self.ctx.mention(person[0], place, person[1])
            mention.roster = True
            if self.section == "speakers":
                self.ctx.talks.speaker_heading(mention, place, self.heading_text)
            else:
                mention.role = self.heading_text if self.section == "committee" else None
                add_person(self.draft, self.section, mention)
            return
        if self.section == "accepted" and level >= 3 and textual.section_of(text) is None:
            self.ctx.paper_title(text, place)  # '### **1. Title**' — its authors follow
            return
        dates = textual.find_dates(text, self.ctx.year)
        section = textual.section_of(text)
        chaired = session_chairs(text)
        if dates and (section in (None, "schedule") or text.lower().startswith("day")):
            self.day = DraftDay(place, date=dates[0][0], title=text)
            self.draft.days.append(self.day)
            self.session = None
            self.section = "schedule"
            return
        in_schedule = self.section in ("schedule", "session")
        named = re.match(r"session\b", text, re.IGNORECASE) is not None  # 'Session 1: Invited Talks'
        if (
            chaired
            or ((section == "session" or named) and self.section in ("schedule", "session", None))
            or (
                section is None and in_schedule and level >= 3  # '### AI Systems in Industry' on a schedule page
            )
        ):
            title, chairs = (
                (chaired[0], [self.ctx.mention(a.name, place, a.affiliation) for a in chaired[1]])
                if (chaired)
                else (text, [])
            )
            title = title or text
            m = re.match(r"session\s+(\w+)", title, re.IGNORECASE)
            self.session = DraftSession(place, title=title or None, chairs=chairs, number=m[1] if m else None)
            self._current_day().sessions.append(self.session)
            self.section = "schedule"
            return
        self.session = None
        self.heading_text = text
        if section == "cfp":
            self.ctx.in_cfp = True
        if section == "cfp" and not self.draft.cfp_title:
            self.draft.cfp_title = text.split(" - ")[0].strip()
        if level == 1 and section is None and not self.draft.title:
            self.draft.title.append((text, place))
            self.section = "overview"
            return
        self.section = section or ("overview" if level <= 2 and self.section is None else self.section)

    def _current_day(self) -> DraftDay:
        if self.day is None:
            self.day = DraftDay(Place(self.path, None))
            self.draft.days.append(self.day)
        return self.day

    # -- paragraphs --------------------------------------------------------
    def paragraph(self, span: list[int]) -> None:
        if self.talk_paragraph(span) or self.schedule_paragraph(span):
            return
        if self.section == "accepted":  # one paper per line that opens with a title
            lines = [(self.inline(self.lines[n].strip()), n) for n in range(span[0], span[1])]
            for inline, n in papers.entries(lines):
                self.ctx.paper(inline, self.place(n))
            return
        block: list[str] = []
        for n in range(span[0], span[1]):
            line = self.lines[n]
            line_inline = self.inline(line.strip())
            timed = textual.time_range(line_inline.text.replace("\xa0", " "))
            if timed:
                self.flush_text(block, span[0])
                block = []
                self.slot(n, line, timed)
            elif not line_inline.text:
                continue
            elif self.section == "dates" or read_date_line(self.ctx, line_inline.text, self.place(n), strict=True):
                if self.section == "dates" and not read_date_line(self.ctx, line_inline.text, self.place(n)):
                    block.append(line)
            else:
                block.append(line)
        self.flush_text(block, span[0])

    def schedule_paragraph(self, span: list[int]) -> bool:
        """'(Chair: A, Affil)' under a session heading; '**[Link to recording](…)**' in a schedule."""
        inline = self.inline(" ".join(self.lines[n].strip() for n in range(span[0], span[1])))
        place = self.place(span[0])
        chaired = (
            session_chairs(inline.text) if inline.text.lstrip("(").lower().startswith(("chair", "co-chair")) else None
        )
        if chaired and self.session is not None and not self.session.chairs:
            self.session.chairs = [self.ctx.mention(a.name, place, a.affiliation) for a in chaired[1]]
            return True
        links = [r for r in inline.runs if r.text.strip()]
        if self.section == "schedule" and links and all(r.href for r in links) and len(links) == 1:
            label = links[0].text.strip()
            title = f"{self.session.title}: {label}" if self.session and self.session.title else label
            self.draft.links.append((title, links[0].href or ""))
            return True
        return False

    def talk_paragraph(self, span: list[int]) -> bool:
        """A paragraph of a page that describes talks: a speaker line, a title, an abstract, a bio."""
        raw = [self.lines[n].strip() for n in range(span[0], span[1])]
        if not raw or textual.time_range(self.inline(raw[0]).text):
            return False
        inline = self.inline(" ".join(raw))
        place = self.place(span[0])
        if self.section in (None, "speakers") and not self.ctx.in_cfp and self.ctx.talks.speaker_line(inline, place):
            return True
        return self.ctx.talks.paragraph(inline, inline.markdown())

    def flush_text(self, block: list[str], line0: int) -> None:
        if not block:
            return
        inline = self.inline(" ".join(s.strip() for s in block))
        if self.ctx.in_cfp or self.section == "instructions":
            self.ctx.submission_links(inline)
        if self.section == "accepted":
            self.ctx.paper(inline, self.place(line0))
            return
        if self.ctx.listed_people(self.section, self.heading_text, inline, self.place(line0)):
            return  # a committee written as a paragraph
        self.ctx.text(inline.text, inline.markdown(), self.section, self.place(line0), self.unplaced_text)

    def unplaced_text(self, text: str, place: Place) -> None:
        short = text if len(text) <= 60 else text[:57] + "…"
        self.problems.warning(
            place.path,
            (place.line, None),
            Code.file,
            f"not placed: '{short}'",
            "add it to the data by hand if it matters",
        )

    # -- lists -------------------------------------------------------------
    def list_items(self, tokens: list[Token], nested: bool) -> None:
        depth = 0
        for k, tok in enumerate(tokens):
            depth += (
                tok.nesting
                if tok.type in ("bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close")
                else 0
            )
            if tok.type == "inline" and depth == 1 and tokens[k - 1].type == "paragraph_open":
                line0 = (tokens[k - 1].map or [0])[0]
                inline = Inline(runs_of(tok.children or [], self.ctx.base_url))
                self.list_item(inline, self.place(line0), line0)
            elif tok.type == "inline" and depth > 1 and tokens[k - 1].type == "paragraph_open":
                line0 = (tokens[k - 1].map or [0])[0]
                inline = Inline(runs_of(tok.children or [], self.ctx.base_url))
                if self.last_slot is not None and self.section == "schedule":
                    self.nested_item(inline, self.place(line0))
                else:
                    self.list_item(inline, self.place(line0), line0)

    def list_item(self, inline: Inline, place: Place, line0: int) -> None:
        text = inline.text
        if not text:
            return
        timed = textual.time_range(text.replace("\xa0", " "))
        if timed and self.section in ("schedule", "session", None, "overview") and not self.ctx.in_cfp:
            self.slot(line0, re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", self.lines[line0]), timed)  # '- 9:00 Opening'
            return
        if self.section == "schedule" and self.last_slot is not None:
            self.nested_item(inline, place)
            return
        # '- **Jeff Dean** (Google)' in a list of people; a call's item; a date
        if self.ctx.listed_person(self.section, self.heading_text, inline, place):
            return
        if self.ctx.call_or_date(self.section, inline, place):
            return
        if self.section == "accepted":
            self.ctx.paper(inline, place)
            return
        if self.section in ("topics", "cfp", "overview") and self.ctx.in_cfp:
            self.draft.topics.append(text)
            return
        if self.section == "instructions":
            self.draft.instructions.append("- " + inline.markdown())
            return
        if self.section in ("overview", None) and self.ctx.in_cfp:
            self.draft.topics.append(text)
            return
        for link in inline.links:
            if link.href and link.href.startswith("http") and self.section not in ("contact",):
                read_reference(self.ctx, link.text, link.href, place)
                return
        self.ctx.text(text, "- " + inline.markdown(), self.section, place, self.unplaced_text)

    def nested_item(self, inline: Inline, place: Place) -> None:
        assert self.last_slot is not None
        parsed = self.ctx.slot_text(inline, place, self.session)
        if parsed.contributions:
            self.last_slot.contributions.extend(parsed.contributions)
        elif len(inline.text) > papers.LONGEST_TITLE:
            self.unplaced_text(inline.text, place)  # a paragraph in a list, not an item of the slot
        else:
            title = parsed.title or inline.text
            heading = (self.last_slot.title or "").lower()
            kind = ContributionKind.update if "update" in heading else textual.kind_from_label(heading.rstrip(" :"))
            kind = kind or ContributionKind.contributed_talk
            self.last_slot.contributions.append(DraftContribution(title, kind, place, authors=parsed.people))

    # -- schedule lines ----------------------------------------------------
    def slot(self, n: int, raw: str, timed: tuple[dt.time | None, dt.time | None, str]) -> None:
        start, end, rest = timed
        place = self.place(n)
        raw_timed = textual.time_range(raw.strip().replace("&nbsp;", " "))
        inline = self.inline(raw_timed[2].strip()) if raw_timed else Inline([Run(rest)])
        start, end = self.ctx.afternoon(start, end)
        slot = self.ctx.slot_text(inline, place, self.session)
        slot.start, slot.end = start, end
        if not self.ctx.placeable(slot, inline.text, place):
            return
        if self.session is None:
            lone = DraftSession(place, title=None)
            self._current_day().sessions.append(lone)
            lone.slots.append(slot)  # a slot outside any session heading is a session of its own
        else:
            self.session.slots.append(slot)
        self.last_slot = slot
        self.section = "schedule"
