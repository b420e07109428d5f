"""The HTML book as a reader sees it, built for real from tests/roots/test-basic."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

from lxml import html as lxml_html
from sphinx.util.inventory import InventoryFile

from sphinx_proceedings.book.directives.events import dates_for_readers
from sphinx_proceedings.data.model import ImportantDate

from .conftest import Build

EVENT = "_proceedings/demo2024"


def article(build: Build, docname: str) -> lxml_html.HtmlElement:
    """The page's main content, without the theme's navigation."""
    tree = lxml_html.fromstring(build.html(docname))
    return tree.xpath('//article[contains(@class, "bd-article")]')[0]


def main_text(build: Build, docname: str) -> str:
    return " ".join(article(build, docname).text_content().split())


def links(build: Build, docname: str) -> dict[str, str]:
    """Link text -> href in the page's main content."""
    anchors = article(build, docname).iter("a")
    return {" ".join(a.text_content().split()): a.get("href") for a in anchors if a.get("href")}


def resolve(build: Build, docname: str, href: str) -> Path:
    page = build.outdir / f"{docname}.html"
    return (page.parent / unquote(href.split("#")[0])).resolve()


def test_builds_without_warnings(basic_html: Build) -> None:
    assert basic_html.warnings == ""


def test_front_page_lists_events_and_reaches_them(basic_html: Build) -> None:
    text = main_text(basic_html, "index")
    assert "Demo Workshop on Learned Systems 2024" in text
    assert "DemoConf 2024 · Vienna, Austria · 26 July 2024" in text
    event_link = links(basic_html, "index")["Demo Workshop on Learned Systems 2024"]
    assert resolve(basic_html, "index", event_link) == (basic_html.outdir / EVENT / "index.html").resolve()


def test_event_page_shows_cfp_organizers_committee(basic_html: Build) -> None:
    text = main_text(basic_html, f"{EVENT}/index")
    assert "The workshop brings together people who build learned systems." in text
    assert "Learned index structures" in text and "Compilers for machine learning" in text
    assert "Submission deadline (extended)" in text and "10 May 2024" in text
    assert "Bart van Merriënboer (Mila) — General chair" in text
    assert "张伟 (Tsinghua University)" in text


def test_schedule_rows(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html(f"{EVENT}/schedule"))
    rows = [
        [" ".join(td.text_content().split()) for td in tr.iter("td")]
        for tr in tree.xpath('//table[contains(@class, "proc-timetable")]//tbody/tr')
    ]
    assert rows[0][:2] == ["09:00–10:30", "Session"]
    assert "Session 1 — Chair: Ada Lovelace" in rows[0][2]
    assert rows[1][:2] == ["09:00–09:45", "Keynote"]
    assert rows[1][2].startswith("Engines That Learn: Notes on the Analytical Engine — Ada Lovelace")
    assert rows[3][:2] == ["10:30–11:00", "Posters"]
    assert "Posters & Coffee" in rows[3][2] and "Learned Indexes for Everyone" in rows[3][2]
    assert "All times are in Europe/Vienna." in main_text(basic_html, f"{EVENT}/schedule")


def test_contribution_page(basic_html: Build) -> None:
    doc = f"{EVENT}/contributions/tangent-van-merrienboer"
    text = main_text(basic_html, doc)
    assert "Contributed talk at Demo 2024" in text
    assert "Bart van Merriënboer (Google Brain), José García (Universidad de Sevilla)" in text
    assert "Session 1 · Friday, 26 July 2024 · 09:45–10:30 (Europe/Vienna)" in text
    assert "Previous in session: Engines That Learn" in text
    page_links = links(basic_html, doc)
    person = resolve(basic_html, doc, page_links["Bart van Merriënboer"])
    assert person == (basic_html.outdir / "_proceedings/people/bart-van-merrienboer.html").resolve()
    assert page_links["Paper (PDF)"] == "https://demo.example.org/2024/papers/tangent.pdf"


def test_slides_are_copied_and_linked(basic_html: Build) -> None:
    doc = f"{EVENT}/contributions/keynote-lovelace"
    href = links(basic_html, doc)["Slides"]
    target = resolve(basic_html, doc, href)
    assert target.is_file()
    assert target.read_bytes() == (basic_html.srcdir / "data/demo2024/slides/keynote.pdf").read_bytes()


def test_abstract_is_rendered_as_restricted_markdown(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html(f"{EVENT}/contributions/keynote-lovelace"))
    assert tree.xpath('//section[@id="keynote-lovelace-abstract"]//em/text()') == ["weaves"]


def test_person_page_lists_every_role(basic_html: Build) -> None:
    text = main_text(basic_html, "_proceedings/people/ada-lovelace")
    assert "Organizer: (Demo 2024)" in text
    assert "Session chair: Session 1 (Demo 2024)" in text
    assert "Speaker or author: Engines That Learn: Notes on the Analytical Engine (keynote, Demo 2024)" in text
    tree = lxml_html.fromstring(basic_html.html("_proceedings/people/zhang-wei"))
    assert tree.xpath('//span[contains(@class, "proc-avatar")]/text()') == ["张"]


def test_people_index_and_accepted_posters(basic_html: Build) -> None:
    text = main_text(basic_html, "_proceedings/people/index")
    assert text.index("José García") < text.index("Ada Lovelace") < text.index("Bart van Merriënboer")
    accepted = main_text(basic_html, f"{EVENT}/accepted")
    assert "Learned Indexes for Everyone" in accepted
    assert "We show that learned indexes fit in a small memory budget." in accepted


def test_objects_inventory_has_proc_objects(basic_html: Build) -> None:
    inventory = InventoryFile.loads((basic_html.outdir / "objects.inv").read_bytes(), uri="")
    assert inventory["proc:contribution", "tangent-van-merrienboer"].display_name.startswith("Tangent:")
    assert inventory["proc:person", "ada-lovelace"].display_name == "Ada Lovelace"
    assert inventory["proc:session", "demo2024-s1"].display_name == "Session 1"
    assert inventory["proc:event", "demo2024"].display_name == "Demo 2024"
    location = inventory["proc:person", "ada-lovelace"].uri
    assert re.fullmatch(r"_proceedings/people/ada-lovelace\.html#person-ada-lovelace", location)


def test_local_pdf_gets_a_first_page_preview(basic_html: Build) -> None:
    doc = f"{EVENT}/contributions/keynote-lovelace"
    images = article(basic_html, doc).xpath('.//img[contains(@class, "proc-preview")]')
    assert len(images) == 1 and images[0].get("alt") == "First page of keynote.pdf"
    png = resolve(basic_html, doc, images[0].get("src"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_schedule_links_calendar_and_frab_json(basic_html: Build) -> None:
    page_links = links(basic_html, f"{EVENT}/schedule")
    ics = resolve(basic_html, f"{EVENT}/schedule", page_links["iCalendar (.ics)"])
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    frab = resolve(basic_html, f"{EVENT}/schedule", page_links["schedule JSON (frab)"])
    assert '"schedule"' in frab.read_text(encoding="utf-8")


def test_timetable_times_carry_the_event_offset(basic_html: Build) -> None:
    tree = lxml_html.fromstring(basic_html.html(f"{EVENT}/schedule"))
    times = tree.xpath('//table[contains(@class, "proc-timetable")]//time[@class="proc-time"]')
    assert [t.get("datetime") for t in times][:2] == ["2024-07-26T09:00:00+02:00", "2024-07-26T09:00:00+02:00"]
    assert times[1].get("data-end") == "2024-07-26T09:45:00+02:00" and times[1].text == "09:00–09:45"


def test_dates_for_readers_pass_over_superseded_and_replaced_dates() -> None:
    dates = [
        ImportantDate(label="Deadline", date=dt.date(2024, 5, 1), source="cfp.md"),
        ImportantDate(label="deadline", date=dt.date(2024, 5, 10), extended=True),
        ImportantDate(label="Workshop", date=dt.date(2023, 7, 26), superseded=True),
        ImportantDate(label="Workshop", date=dt.date(2024, 7, 26), time="9:00"),
        ImportantDate(label="Camera ready", date=dt.date(2024, 6, 1), extended=True),
    ]
    assert dates_for_readers(dates) == [
        ["deadline (extended from 01 May 2024)", "10 May 2024"],
        ["Workshop", "26 July 2024, 9:00"],
        ["Camera ready (extended)", "01 June 2024"],
    ]
