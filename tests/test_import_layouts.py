"""`proceedings import site PAGE`: common workshop layouts, each imported to exactly the facts it states.

The pages in tests/fixtures/import/layouts are written for these tests in layouts seen across the web,
not copied from one site: whatever a layout states is asserted here, fact by fact.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project

LAYOUTS = Path(__file__).parent / "fixtures" / "import" / "layouts"


def imported(page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The one event a page imports to, its people, and the report; the data must pass `check`."""
    data = tmp_path / "data"
    code = main(["import", "site", str(LAYOUTS / page), "--into", str(data), "--event-id", "ws"])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert main(["check", str(data)]) == 0, capsys.readouterr()
    capsys.readouterr()
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    (event,) = result.proceedings.events
    return event, result.proceedings.people, err


def slots_of(event) -> list[tuple[str, str | None, str | None]]:
    return [
        (str(sl.start)[:5], str(sl.end)[:5] if sl.end else None, sl.title)
        for d in event.schedule.days
        for s in d.sessions
        for sl in s.slots
    ]


def authors_of(contribution, people) -> list[tuple[str, str | None]]:
    return [(people[a.person].name, a.affiliation) for a in contribution.authors]


def test_a_page_named_relative_to_the_working_folder_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page given as 'page.html' has the parent '.', which is its own parent: the walk up must end."""
    monkeypatch.chdir(LAYOUTS)
    code = main(["import", "site", "table_schedule.html", "--into", str(tmp_path / "data")])
    assert code == 0, capsys.readouterr().err
    assert os.listdir(tmp_path / "data") == ["layouts"]


def test_schedule_table_of_time_title_speaker_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event, people, err = imported("table_schedule.html", tmp_path, capsys)
    assert "warning: not placed" not in err
    assert (event.event.start, event.event.venue, event.event.location) == (
        dt.date(2024, 4, 22),
        "EuroSys 2024",
        "Athens, Greece",
    )
    assert [(s, e) for s, e, _ in slots_of(event)] == [
        ("09:00", "09:15"),
        ("09:15", "10:00"),
        ("10:00", "10:30"),
        ("10:30", "10:50"),
        ("10:50", "11:10"),
        ("12:00", "13:30"),
        ("13:30", "14:15"),
        ("17:00", None),  # the closing states no end, so none is made up
    ]
    talks = {c.title: c for c in event.contributions}
    assert set(talks) == {
        "Serving Models at the Edge",
        "Quantized Inference on Microcontrollers",
        "Federated Scheduling for Phones",
    }
    assert talks["Serving Models at the Edge"].kind.value == "keynote"
    assert authors_of(talks["Serving Models at the Edge"], people) == [("Maria Gonzalez", "ETH Zurich")]
    assert authors_of(talks["Quantized Inference on Microcontrollers"], people) == [
        ("Li Wei", "University of Cambridge"),
        ("Tom Baker", "University of Cambridge"),
    ]
    assert authors_of(talks["Federated Scheduling for Phones"], people) == [("Priya Raman", "Google")]
    # the keynote whose title is not decided yet stays TBD, its speaker kept
    tbd = next(sl for d in event.schedule.days for s in d.sessions for sl in s.slots if sl.title == "TBD")
    assert tbd.people == ["hans-muller"] and people["hans-muller"].affiliation == "TU Munich"


def test_schedule_list_with_12_hour_times_under_a_dateline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'9:00 AM – 9:30 AM: …', '11:00am-12:00pm', '2pm-3pm'; the line under the title says when and where."""
    event, people, err = imported("schedule_12_hour.md", tmp_path, capsys)
    assert "warning: not placed" not in err
    assert (event.event.start, event.event.location) == (dt.date(2020, 3, 15), "Lausanne, Switzerland")
    assert [(s, e) for s, e, _ in slots_of(event)] == [
        ("09:00", "09:30"),
        ("09:30", "10:30"),
        ("10:30", "11:00"),
        ("11:00", "12:00"),
        ("14:00", "15:00"),
        ("15:00", None),
    ]
    (keynote,) = [c for c in event.contributions if c.kind.value == "keynote"]
    # a title of capitalised words ('Self-Driving Databases') is no speaker; '(Org)' is where the speaker works
    assert keynote.title == "Self-Driving Databases"
    assert authors_of(keynote, people) == [("Andy Pavlo", "Carnegie Mellon University")]
    assert set(people) == {"andy-pavlo"}
    (panel,) = [c for c in event.contributions if c.kind.value == "panel"]
    assert panel.title == "Panel: The Future of ML for Systems" and not panel.authors


def test_keynote_blocks_of_speaker_heading_then_labelled_title_abstract_bio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'### Name (Affiliation)' then '**Title:** …', '**Abstract:** …', '**Bio:** …' under 'Keynotes'."""
    event, people, err = imported("keynote_blocks.md", tmp_path, capsys)
    assert "warning: not placed" not in err
    talks = {c.title: c for c in event.contributions}
    assert set(talks) == {"Scaling Laws for Systems", "Compilers for Accelerators"}
    assert all(c.kind.value == "keynote" for c in talks.values())
    scaling, compilers = talks["Scaling Laws for Systems"], talks["Compilers for Accelerators"]
    assert authors_of(scaling, people) == [("Jane Doe", "Stanford University")]
    assert authors_of(compilers, people) == [("John Roe", "Microsoft Research")]
    assert scaling.abstract == "We study how systems scale with data."
    assert compilers.abstract == "Accelerators need compilers."
    assert people["jane-doe"].bio == "Jane Doe is a professor of computer science at Stanford."
    assert people["john-roe"].bio == "John Roe leads the compiler group."
    # a speaker with a bio and no title is a speaker, not a talk made up for them
    assert (people["sam-lee"].affiliation, people["sam-lee"].bio) == (
        "Meta",
        "Sam Lee works on datacenter infrastructure.",
    )


def test_organizer_list_items_and_committees_written_as_paragraphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'<li><a>Name</a>, Affiliation</li>'; '<p>A (X), B (Y), …</p>'; '<p><a>A</a>, B and C</p>'."""
    event, people, err = imported("people_lists.html", tmp_path, capsys)
    assert "warning: not placed" not in err
    assert (event.event.start, event.event.location) == (dt.date(2021, 10, 18), "Virtual")
    assert [(people[m.person].name, m.affiliation) for m in event.event.organizers] == [
        ("Ann Baker", "University of Toronto"),
        ("Raj Patel", "IBM Research"),
        ("Sue Kim", "KAIST"),
    ]
    assert people["raj-patel"].homepage == "https://example.org/~raj"
    assert [(people[m.person].name, m.affiliation, m.role) for m in event.event.committee] == [
        ("Carlos Silva", "University of Lisbon", "Program Committee"),
        ("Dana White", "Meta", "Program Committee"),
        ("Erik Johansson", "KTH Royal Institute of Technology", "Program Committee"),
        ("Fatima Noor", "MIT", "Program Committee"),
        ("George Hill", None, "Steering Committee"),
        ("Hana Sato", None, "Steering Committee"),
        ("Ivan Petrov", None, "Steering Committee"),
    ]
    assert people["george-hill"].homepage == "https://example.org/~george" and people["hana-sato"].homepage is None


def test_accepted_papers_with_no_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'* Title. A, B and C' and '* Title<br>A, B, C': no bold, no link, the authors after the title."""
    event, people, err = imported("plain_papers.md", tmp_path, capsys)
    assert "warning: not placed" not in err
    assert (event.event.start, event.event.location) == (dt.date(2023, 6, 18), "Vancouver, Canada")
    assert [(c.title, [people[a.person].name for a in c.authors]) for c in event.contributions] == [
        ("Efficient Attention for Long Sequences", ["Alice Smith", "Bob Jones", "Carol White"]),
        ("Learned Index Structures Revisited", ["David Kim", "Eve Martin"]),
        ("Sparse Training at Scale", ["Frank Moore"]),
        ("A Study of Pipeline Parallelism", ["Grace Lee", "Henry Ford", "Ivy Chen"]),
    ]
    assert all(c.kind.value == "paper" for c in event.contributions)


def test_schedule_table_with_an_affiliation_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Time | Talk | Speaker | Affiliation with '9am - 10am' times; several speakers share or split the column."""
    event, people, err = imported("table_affiliation_column.md", tmp_path, capsys)
    assert "warning: not placed" not in err
    assert (event.event.start, event.event.location) == (dt.date(2025, 7, 10), "Seattle, WA")
    assert slots_of(event) == [
        ("08:30", "09:00", "Breakfast"),
        ("09:00", "10:00", None),
        ("10:00", "10:30", "Coffee Break"),
        ("10:30", "11:00", None),
        ("11:00", "12:00", None),
        ("12:00", "13:00", "Lunch"),
        ("13:00", "13:30", None),
        ("13:30", None, "Poster Session"),  # '1:30pm -' gives no end
    ]
    talks = {c.title: c for c in event.contributions}
    assert talks["On-Device Training"].kind.value == "invited-talk"
    assert authors_of(talks["On-Device Training"], people) == [("Kevin Brown", "Apple")]
    assert authors_of(talks["Memory-Efficient Serving"], people) == [("Laura Chen", "NVIDIA"), ("Mark Davis", "NVIDIA")]
    assert authors_of(talks["Robust Autoscaling"], people) == [("Paul Green", "MIT"), ("Quinn Hall", "ETH Zurich")]
    assert talks["Panel Discussion"].kind.value == "panel"
    assert authors_of(talks["Panel Discussion"], people) == [("Nina Patel", None), ("Omar Ali", None)]


def test_html_speaker_blocks_under_a_section_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'<h2>Invited Speakers</h2><h3>Name (Affiliation)</h3><p><strong>Title:</strong> …</p>…'."""
    event, people, err = imported("speaker_blocks.html", tmp_path, capsys)
    assert "warning: not placed" not in err
    # the section heading is no talk's title; the 'Title:' paragraph is
    (talk,) = event.contributions
    assert (talk.title, talk.kind.value, talk.abstract) == (
        "Scaling Laws for Systems",
        "invited-talk",
        "We study how systems scale.",
    )
    assert authors_of(talk, people) == [("Jane Doe", "Stanford University")]
    assert people["jane-doe"].bio == "Jane Doe is a professor."
    assert (event.event.start, event.event.location) == (dt.date(2024, 6, 3), "Boston, MA")
