"""The default book of proceedings/: clean, and everything in the data reachable from the front page."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.richtext import latex_to_text

from .conftest import REPO, Build

MAX_CLICKS = 4


def crawl(build: Build) -> dict[Path, int]:
    """Every local page reachable from index.html by following links, with its click depth."""
    start = (build.outdir / "index.html").resolve()
    depth = {start: 0}
    queue = deque([start])
    while queue:
        page = queue.popleft()
        if depth[page] >= MAX_CLICKS:
            continue
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        for a in tree.iter("a"):
            href = a.get("href") or ""
            parts = urlsplit(href)
            if parts.scheme or not parts.path.endswith(".html"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_file() and target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    return depth


def test_default_book_builds_clean(default_book: Build) -> None:
    assert default_book.warnings == ""


def test_everything_is_reachable_from_the_front_page(default_book: Build) -> None:
    proc = load_project(REPO / "proceedings" / "data", REPO / "proceedings").proceedings
    reached = {p.relative_to(default_book.outdir.resolve()).as_posix() for p in crawl(default_book)}
    gen = "_proceedings"
    for data in proc.events:
        eid = data.event.id
        assert f"{gen}/{eid}/index.html" in reached
        for c in data.contributions:
            assert f"{gen}/{eid}/contributions/{c.id}.html" in reached, c.id
        if data.references:
            assert f"{gen}/{eid}/references.html" in reached
            text = (default_book.outdir / gen / eid / "references.html").read_text(encoding="utf-8")
            for ref in data.references:
                assert latex_to_text(ref.fields["title"]) in text
        for day in data.schedule.days:
            for session in day.sessions:
                for pid in session.chairs:
                    assert f"{gen}/people/{pid}.html" in reached, pid
    for pid in proc.people:
        assert f"{gen}/people/{pid}.html" in reached, pid


def test_readers_see_dates_not_the_pages_that_stated_them(default_book: Build) -> None:
    """neurips2020's notification date was extended (23 → 28 October): one row, naming both; no source names."""
    tree = lxml_html.fromstring(default_book.html("_proceedings/neurips2020/index"))
    rows = [" ".join(tr.text_content().split()) for tr in tree.xpath("//table[contains(@class, 'proc-dates')]//tr")]
    assert "Acceptance Notifications (extended from 23 October 2020) 28 October 2020" in rows
    assert not any(row.startswith("Acceptance Notifications 23 October") for row in rows)
    for eid in ("nips2017", "sosp2017", "neurips2018", "neurips2020"):
        text = default_book.html(f"_proceedings/{eid}/index")
        assert "as stated in" not in text and "realdata" not in text and "seed 00" not in text


def test_remote_photos_show_initials_and_stay_in_the_data(default_book: Build) -> None:
    """Photos on another site are not hot-linked (proceedings_remote_photos = "initials"); the data keeps them."""
    proc = load_project(REPO / "proceedings" / "data", REPO / "proceedings").proceedings
    remote = {pid: p for pid, p in proc.people.items() if p.photo and "://" in p.photo}
    assert len(remote) >= 7
    gen = default_book.outdir / "_proceedings" / "people"
    for pid in remote:
        tree = lxml_html.fromstring((gen / f"{pid}.html").read_text(encoding="utf-8"))
        header = tree.xpath('//div[contains(@class, "proc-person-header")]')[0]
        assert header.xpath('.//span[contains(@class, "proc-avatar")]'), pid
        assert not header.xpath(".//img"), pid
    for page in default_book.outdir.rglob("*.html"):
        assert "mlforsystems.org/assets/images/speakers" not in page.read_text(encoding="utf-8"), page
