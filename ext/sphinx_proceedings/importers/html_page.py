"""Read an HTML page of a workshop site with BeautifulSoup (stdlib html.parser)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from sphinx_proceedings.data.problems import Code
from sphinx_proceedings.importers import textual
from sphinx_proceedings.importers.draft import DraftDay, DraftSession, Place
from sphinx_proceedings.importers.inline import join_url
from sphinx_proceedings.importers.page_facts import (
    Inline,
    PageContext,
    PageReader,
    Run,
    person_from_parts,
    read_date_line,
    read_reference,
)
from sphinx_proceedings.importers.recognise import names, papers
from sphinx_proceedings.importers.recognise.schedule_cell import LINK_WORDS, Line, read_cell
from sphinx_proceedings.importers.recognise.tables import Row, Table, TableReader

BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "tr", "div")
_BREAK, _ITEM = "\x00br", "\x00li"  # marks of line breaks in a cell's runs
CSS_URL = re.compile(r"url\(['\"]?(?P<url>[^'\")]+)['\"]?\)")


def _after_time(runs: list[Run], rest: str) -> list[Run]:
    """The runs of a line without the time it opens with (the time most often is a run of its own)."""
    runs = [r for r in runs if r.text.strip() or r.href]
    for i, r in enumerate(runs):
        if (own := textual.time_range(r.text.strip().replace("\xa0", " "))) is not None:
            head = [Run(own[2], r.href, r.emphasis, r.mark)] if own[2].strip() else []
            return head + runs[i + 1 :]
        if r.text.strip():
            break
    return [Run(rest)]


def _leaf_block(tag: Tag) -> bool:
    """A div holding only inline text: one entry of a list written as a div per entry."""
    return tag.find(["p", "div", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section"]) is None


class HtmlPage(PageReader):
    def __init__(self, ctx: PageContext, html: str, offset: int, section: str | None) -> None:
        self.ctx, self.offset, self.section = ctx, offset, section
        self.soup = BeautifulSoup(html, "html.parser")
        self.heading_text: str | None = None
        # superscript numbers are footnote markers when the page lists footnotes ('<li><sup>1</sup> <a …>')
        self.footnoted = any(
            isinstance(li, Tag) and isinstance(li.find("sup"), Tag) and li.find("a") is not None
            for li in self.soup.find_all("li")
        )
        self.session: DraftSession | None = None

    def place(self, tag: Tag) -> Place:
        line = getattr(tag, "sourceline", None)
        return Place(self.ctx.path, (line or 1) + self.offset)

    def url(self, href: str) -> str:
        return join_url(self.ctx.base_url, href)

    def inline(self, tag: Tag) -> Inline:
        return Inline(self._runs(tag, breaks=False))

    def lines(self, tag: Tag) -> list[Line]:
        """A table cell's lines: broken at <br>, one per list item, paragraph or block."""
        out: list[Line] = []
        current: list[Run] = []
        for r in self._runs(tag, breaks=True):
            if r.mark in (_BREAK, _ITEM):
                if Inline(current).text:
                    out.append(Line(Inline(current), item=bool(out) and out[-1].item))
                current = []
                if r.mark == _ITEM:
                    out.append(Line(Inline([]), item=True))  # marks that what follows is an item
                continue
            current.append(r)
        if Inline(current).text:
            out.append(Line(Inline(current), item=bool(out) and out[-1].item))
        return [ln for ln in out if ln.inline.text]

    def _runs(self, tag: Tag, breaks: bool) -> list[Run]:
        runs: list[Run] = []

        def walk(node: Tag | NavigableString, href: str | None, mark: str) -> None:
            if isinstance(node, NavigableString):
                if not isinstance(node, Comment):
                    runs.append(Run(str(node), href, bool(mark), mark))
                return
            if node.name == "br":
                runs.append(Run(" ", mark=_BREAK) if breaks else Run(" "))
                return
            if breaks and node.name in ("li", "p", "div", "ul", "ol", "tr"):
                runs.append(Run(" ", mark=_ITEM if node.name == "li" else _BREAK))
            if node.name == "sup":
                numbers = [n.strip() for n in node.get_text().split(",")]
                if all(n.isdigit() for n in numbers):  # a footnote marker: kept as '[1, 2]' in text
                    runs.append(Run(f" [{', '.join(numbers)}]" if self.footnoted else ""))
                    return
            if node.name == "a" and node.get("href"):
                href = self.url(str(node["href"]))
            if node.name in ("b", "strong"):
                mark = "**"
            elif node.name in ("i", "em") and not mark:
                mark = "*"
            for child in node.children:
                walk(child, href, mark)  # type: ignore[arg-type]

        for child in tag.children:
            walk(child, None, "")  # type: ignore[arg-type]
        merged: list[Run] = []
        for r in runs:
            if merged and (merged[-1].href, merged[-1].mark) == (r.href, r.mark) and r.mark not in (_BREAK, _ITEM):
                merged[-1] = Run(merged[-1].text + r.text, r.href, r.emphasis, r.mark)
            else:
                merged.append(r)
        return merged

    def read(self) -> None:
        for tag in self.soup.find_all(True):
            if not isinstance(tag, Tag) or tag.get("data-import-done"):
                continue
            if any(p.get("data-import-done") for p in tag.parents if isinstance(p, Tag)):
                continue
            name = tag.name
            classes: list[str] = list(tag.get_attribute_list("class"))
            if name in ("h1", "h2", "h3", "h4", "h5") and not tag.find_parent(class_="speaker-bio"):
                if not self.talk_heading(tag):
                    self.heading(tag)
            elif name == "div" and "speaker-bio" in classes:
                self.speaker(tag)
                tag["data-import-done"] = "1"
            elif name == "table":
                self.table(tag)
                tag["data-import-done"] = "1"
            elif name == "li":
                self.item(tag)
                tag["data-import-done"] = "1"
            elif name == "p" or (name == "div" and _leaf_block(tag)):  # '<div class="paper"><a>T</a><br>A</div>'
                self.paragraph(tag)
                tag["data-import-done"] = "1"

    def talk_heading(self, tag: Tag) -> bool:
        """'<h3>Talk title</h3><h4>Speaker - Affiliation</h4>': a talk, its abstract and bio follow."""
        following = tag.find_next_sibling(True)
        if not isinstance(following, Tag) or following.name not in ("h3", "h4", "h5", "h6", "p", "div"):
            return False
        if following.name in ("p", "div") and not any("speaker" in c for c in following.get("class") or []):
            return False
        if int(following.name[1]) <= int(tag.name[1]) if following.name[0] == "h" else False:
            return False
        if textual.section_of(tag.get_text(" ", strip=True)) is not None:
            return False  # '<h2>Invited Speakers</h2><h3>Jane Doe (MIT)</h3>': a section, not a talk's title
        self.ctx.talks.end()
        inline = self.inline(tag)
        kept = [r for r in inline.runs if not (r.href and LINK_WORDS.match(r.text.strip()))]
        links = [(r.text, self.url(r.href)) for r in inline.runs if r.href and r not in kept]
        if not self.ctx.talks.titled(Inline(kept).text, self.inline(following).text, self.place(tag), links):
            return False
        following["data-import-done"] = "1"
        return True

    def heading(self, tag: Tag) -> None:
        self.ctx.talks.end()
        text = tag.get_text(" ", strip=True)
        card = self.section in ("organizers", "committee", "speakers") and tag.name in ("h3", "h4", "h5", "h6")
        if card and self.person_card(tag, text):
            return
        section = textual.section_of(text)
        self.heading_text = text
        if section == "cfp":
            self.ctx.in_cfp = True
        if tag.name == "h1" and section is None and not self.ctx.draft.title:
            self.ctx.draft.title.append((text, self.place(tag)))
        self.section = section or ("overview" if tag.name in ("h1", "h2") else self.section)

    def person_card(self, tag: Tag, text: str) -> bool:
        """'<h4>Ada Byron</h4><p>University of London</p>' in a list of people: one person, their affiliation."""
        found = names.person_and_affiliation(text)
        if found is None or self.section is None:
            return False
        person = self.ctx.mention(found[0], self.place(tag), found[1])
        following = tag.find_next_sibling(True)
        if isinstance(following, Tag) and following.name in ("p", "div", "span") and _leaf_block(following):
            line = following.get_text(" ", strip=True)
            if line and len(line) <= 100 and person.affiliation is None:  # the card's next line: 'Google DeepMind'
                person.affiliation = line
                following["data-import-done"] = "1"
        links = [(a.get_text(" ", strip=True), self.url(str(a["href"]))) for a in tag.find_all("a", href=True)]
        if isinstance(tag.parent, Tag):  # the card around the heading may hold the homepage or a photo
            links += [
                (a.get_text(" ", strip=True), self.url(str(a["href"]))) for a in tag.parent.find_all("a", href=True)
            ]
        image = tag.parent.find("img") if isinstance(tag.parent, Tag) else None
        if isinstance(image, Tag) and image.get("src"):
            person.photo = self.url(str(image["src"]))
        listed = person_from_parts(found[0], links, person.place)
        if listed is not None:
            person.homepage, person.email, person.social = listed.homepage, listed.email, listed.social
        person.roster = True
        if self.section == "speakers":
            self.ctx.talks.speaker_heading(person, person.place, self.heading_text)
        else:
            person.role = self.heading_text if self.section == "committee" else None
            (self.ctx.draft.organizers if self.section == "organizers" else self.ctx.draft.committee).append(person)
        return True

    def timed(self, tag: Tag, place: Place) -> bool:
        """'<li><b>9:00 - 9:30</b> Opening</li>' or '<p>9:00 Talk, Speaker</p>': a slot outside a table."""
        lines = self.lines(tag)
        if not lines:
            return False
        first = lines[0].inline
        when = textual.time_range(first.text.replace("\xa0", " "))
        if when is None:
            return False
        rest = when[2].strip()
        cell = [Line(Inline(_after_time(first.runs, rest))), *lines[1:]] if rest else lines[1:]
        slot = read_cell(cell, place)
        slot.start, slot.end = self.ctx.afternoon(when[0], when[1])
        if not self.ctx.placeable(slot, first.text, place):
            return True
        if self.day is None:
            self.day = DraftDay(place)
            self.ctx.draft.days.append(self.day)
        session = DraftSession(place)
        session.slots.append(slot)
        self.day.sessions.append(session)
        return True

    def speaker(self, tag: Tag) -> None:
        heads = tag.find_all(["h2", "h3", "h4", "h5", "b", "strong"])
        who = next((h for h in heads if names.person_and_affiliation(h.get_text(" ", strip=True))), None)
        what = next((h for h in heads if h is not who and h.name[0] == "h"), None)
        if who is not None and what is not None and self.talk_heading(what):  # a talk: title, speaker, abstract
            person = self.ctx.talks.talk.authors[0] if self.ctx.talks.talk and self.ctx.talks.talk.authors else None
            for p in tag.find_all("p"):
                inline = self.inline(p)
                if inline.text:
                    self.ctx.talks.paragraph(inline, inline.markdown())
            self.ctx.talks.end()
            holder = tag.find(style=CSS_URL) or tag.find("img")
            if person is not None and isinstance(holder, Tag):
                src = holder.get("src") or ((m := CSS_URL.search(str(holder.get("style", "")))) and m["url"])
                person.photo = self.url(str(src)) if src else None
            return
        head = who or (heads[0] if heads else None)
        found = names.person_and_affiliation(head.get_text(" ", strip=True)) if head is not None else None
        if head is None or found is None:
            self.ctx.warn(self.place(tag), Code.file, "not placed: a speaker-bio block without a name")
            return
        person = self.ctx.mention(found[0], self.place(head), found[1])
        person.roster = True
        holder = tag.find(style=CSS_URL) or tag.find("img")
        if isinstance(holder, Tag):
            src = holder.get("src") or ((m := CSS_URL.search(str(holder.get("style", "")))) and m["url"])
            if src:
                person.photo = self.url(str(src))
        bio = " ".join(p.get_text(" ", strip=True) for p in tag.find_all("p"))
        person.bio = re.sub(r"\s+", " ", bio).strip() or None
        self.ctx.draft.speakers.append(person)

    def item(self, tag: Tag) -> None:
        inline = self.inline(tag)
        text = inline.text
        place = self.place(tag)
        if not text or self.timed(tag, place):
            return
        sup = tag.find("sup")
        parent_classes: list[str] = list(tag.parent.get_attribute_list("class")) if isinstance(tag.parent, Tag) else []
        if sup is not None or "footnotes" in parent_classes:
            for link in inline.links:
                read_reference(self.ctx, link.text, link.href or "", place, sup.get_text(strip=True) if sup else None)
                return
        # '<li><b>Jeff Dean</b>, Google</li>' in a list of people; a call's item; a date
        if self.ctx.listed_person(self.section, self.heading_text, inline, place):
            return
        if self.ctx.call_or_date(self.section, inline, place):
            return
        if self.section == "accepted":
            for entry, line in papers.entries([(ln.inline, place.line or 0) for ln in self.lines(tag)]):
                self.ctx.paper(entry, Place(place.path, line))
            return
        if self.ctx.in_cfp and self.section in ("topics", "cfp", "overview", None):
            self.ctx.draft.topics.append(text)
            return
        self.ctx.text(text, "- " + inline.markdown(), self.section, place, self._unplaced)

    def paragraph(self, tag: Tag) -> None:
        if tag.find_parent(class_="speaker-bio") or tag.find_parent("li"):
            return
        inline = self.inline(tag)
        if not inline.text:
            return
        if self.ctx.talks.paragraph(inline, inline.markdown()) or self.timed(tag, self.place(tag)):
            return
        if self.section != "accepted" and any("paper" in c for c in tag.get("class") or []):
            self.ctx.paper(inline, self.place(tag))
            return
        place = self.place(tag)
        if self.section == "dates" and read_date_line(self.ctx, inline.text, place):
            return
        if self.section == "accepted":  # '<p><b>A</b> — X<br><b>B</b> — Y</p>' holds two papers
            for entry, line in papers.entries([(ln.inline, place.line or 0) for ln in self.lines(tag)]):
                self.ctx.paper(entry, Place(place.path, line))
            return
        if self.ctx.in_cfp or self.section == "instructions":
            self.ctx.submission_links(inline)
        if self.section == "contact" and len(inline.text) <= 300:
            mail = next((r.href for r in inline.links if r.href and r.href.startswith("mailto:")), None)
            self.ctx.draft.contact = self.ctx.draft.contact or (mail[len("mailto:") :] if mail else inline.text)
            return
        if self.ctx.listed_people(self.section, self.heading_text, inline, place):  # a committee as a paragraph
            return
        self.ctx.text(inline.text, inline.markdown(), self.section, place, self._unplaced)

    def table(self, tag: Tag) -> None:
        """An HTML table, read by the names in its header row (or by what its first column holds)."""
        table = Table([], place=self.place(tag))
        for tr in tag.find_all("tr"):
            if tr.find_parent("table") is not tag:
                continue  # a table inside a cell belongs to that cell
            cells = tr.find_all(["td", "th"], recursive=False)
            if not table.header and not table.rows and cells and all(c.name == "th" for c in cells):
                table.header = [c.get_text(" ", strip=True) for c in cells]
                continue
            table.rows.append(Row(self.place(tr), [self.lines(c) for c in cells]))
        self.day = TableReader(self.ctx, self.section, self.heading_text).read(table, self.day)

    def _unplaced(self, text: str, place: Place) -> None:
        short = text if len(text) <= 60 else text[:57] + "…"
        self.ctx.warn(place, Code.file, f"not placed: '{short}'", "add it to the data by hand if it matters")
