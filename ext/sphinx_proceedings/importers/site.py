"""Import a workshop website (Jekyll / GitHub Pages sources): Markdown and HTML pages with front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from markdown_it import MarkdownIt
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.draft import Draft, Place
from sphinx_proceedings.importers.html_page import HtmlPage
from sphinx_proceedings.importers.markdown_page import MarkdownPage
from sphinx_proceedings.importers.page_facts import PageContext, undecided_message
from sphinx_proceedings.importers.recognise.attach import attach

# A workshop's pages are tens of kilobytes; the bound keeps a hostile page's work to seconds.
MAX_PAGE_BYTES = 2 * 1024 * 1024


@dataclass
class Page:
    path: Path
    body: str
    offset: int  # lines before the body (front matter)
    front: dict[str, object]


def read_page(path: Path, problems: Problems) -> Page | None:
    try:
        if not path.is_file():
            problems.error(path, (None, None), Code.file, "not a regular file")
            return None
        if path.stat().st_size > MAX_PAGE_BYTES:
            problems.error(
                path,
                (None, None),
                Code.file,
                f"page is larger than {MAX_PAGE_BYTES // 1024 // 1024} MiB",
                "split it, or import the part that holds the event",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, (None, None), Code.file, f"cannot read file: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        problems.warning(
            path, (None, None), Code.file, "file is not UTF-8; read as Windows-1252", "save the page as UTF-8"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    front: dict[str, object] = {}
    offset = 0
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if first < 3 and lines and lines[first].strip() == "---":
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:  # never closed: its lines up to the first blank one are not the page's text
            end = next((i for i in range(first + 1, len(lines)) if not lines[i].strip()), len(lines))
            problems.warning(path, (first + 1, None), Code.yaml, "not placed: front matter without its closing '---'")
        else:
            try:
                data = YAML(typ="safe", pure=True).load("\n".join(lines[first + 1 : end]))
            except YAMLError as exc:
                problems.warning(path, (first + 2, None), Code.yaml, f"front matter is not valid YAML: {exc}")
                data = None
            front = data if isinstance(data, dict) else {}
        offset = end + 1
    return Page(path, without_liquid("\n".join(lines[offset:])), offset, front)


LIQUID_COMMENT = re.compile(r"{%-?\s*comment\s*-?%}.*?{%-?\s*endcomment\s*-?%}", re.DOTALL)
LIQUID = re.compile(r"{%[^\n]*?%}|{{[^\n]*?}}")
INCLUDE = re.compile(r"{%-?\s*include(?:_relative)?\s+([\w./-]+)")


def without_liquid(body: str) -> str:
    """The page without its Liquid tags and comments; their line breaks stay, so lines keep their numbers."""

    def blank(match: re.Match[str]) -> str:
        return "\n" * match[0].count("\n")

    return LIQUID.sub(blank, LIQUID_COMMENT.sub(blank, body))


def includes(path: Path) -> list[str]:
    """The names of the Jekyll includes a page pulls in (`{% include speakers.html %}`)."""
    try:
        return INCLUDE.findall(path.read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return []


def is_html(body: str) -> bool:
    """A page whose Markdown body is mostly raw HTML blocks is read as HTML."""
    tokens = MarkdownIt("commonmark").parse(body)
    html = sum(len(t.content) for t in tokens if t.type == "html_block")
    return html > 0.5 * max(1, len(body.strip()))


def guess_year(pages: list[Page], event_id: str | None) -> int | None:
    for source in (
        [event_id or ""] + [str(p.front.get("workshop_name", "")) for p in pages] + [str(p.path) for p in pages]
    ):
        m = re.search(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", source) or re.search(
            r"(?<![\d])(\d\d)(?!\d)", Path(source).name if "/" in source else source
        )
        if m:
            year = int(m[1])
            return year if year > 100 else 2000 + year
    return None


def guess_event_id(pages: list[Page]) -> str:
    for page in pages:
        name = page.front.get("workshop_name")
        if isinstance(name, str) and slugify(name):
            return slugify(name)
    parents = [p.path.resolve().parent.name for p in pages]
    return slugify(parents[0]) if parents and slugify(parents[0]) else "event"


def read_site(
    files: list[Path], event_id: str | None, base_url: str | None, problems: Problems
) -> tuple[Draft, str, int | None]:
    """Read every page into one draft of the event they describe."""
    pages = [p for p in (read_page(f, problems) for f in files) if p is not None]
    event = event_id or guess_event_id(pages)
    year = guess_year(pages, event)
    draft = Draft()
    for page in pages:
        lower = page.path.name.lower()
        page_section = None
        if "cfp" in lower or "call" in lower:
            page_section = "cfp"
        elif "accepted" in lower or "papers" in lower or "posters" in lower:
            page_section = "accepted"
        elif "schedule" in lower or "program" in lower:
            page_section = "schedule"
        ctx = PageContext(page.path, draft, problems, base_url, year, page_section, in_cfp=page_section == "cfp")
        ctx.html_fragment = partial(_read_html_fragment, ctx)
        _front_facts(page, draft, year, problems)
        if is_html(page.body):
            HtmlPage(ctx, page.body, page.offset, page_section).read()
        else:
            MarkdownPage(page.path, page.body, page.offset, draft, problems, ctx).read()
    attach(draft)
    return draft, event, year


def _read_html_fragment(ctx: PageContext, text: str, line: int, section: str | None) -> None:
    """HTML inside a Markdown page, read with the page's context."""
    HtmlPage(ctx, text, line, section).read()


def _front_facts(page: Page, draft: Draft, year: int | None, problems: Problems) -> None:
    from sphinx_proceedings.importers import textual

    place = Place(page.path, 2 if page.front else None)
    title = page.front.get("site_title")
    description = page.front.get("site_description")
    parts = [p.strip() for p in description.split(",")] if isinstance(description, str) else []
    if parts and " at " in parts[0]:  # 'Workshop on ML for Systems at NeurIPS 2020, December 12th, Zoomville'
        draft.title.append((parts[0], place))
    if isinstance(title, str) and title.strip():
        draft.short_title = draft.short_title or title.strip()
        draft.title.append((title.strip(), place))
    if isinstance(description, str):
        for date, _given, matched in textual.find_dates(description, year)[:1]:
            if textual.undecided(description, matched):
                problems.warning(place.path, (place.line, None), Code.dates, undecided_message(description))
            else:
                draft.event_dates.append((date, place))
        if parts and " at " in parts[0]:
            draft.venue = draft.venue or parts[0].split(" at ", 1)[1].strip()
        if len(parts) >= 3 and not draft.location:
            draft.location = parts[-1]
