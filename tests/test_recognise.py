"""Recognisers for the layouts workshop sites use, each on lines and pages written like real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.importers.draft import Place
from sphinx_proceedings.importers.inline import Inline, Run
from sphinx_proceedings.importers.recognise import names
from sphinx_proceedings.importers.recognise.authors import Author, read_authors
from sphinx_proceedings.importers.recognise.papers import read_paper
from sphinx_proceedings.importers.recognise.schedule_cell import Line, read_cell

PAGES = Path(__file__).parent / "fixtures" / "import" / "recognise"
HERE = Place(Path("schedule.md"), 7)


@pytest.mark.parametrize(
    "text",
    [
        "Ion Stoica",
        "Bart van Merriënboer",
        "K. R. Jayaram",
        "H.T. Kung",
        "Una-May O'Reilly",
        "Yang You",
        "Bin Li",
        "Gyeong-In Yu",
        "An-Chieh Cheng",
    ],
)
def test_personal_names(text: str) -> None:
    assert names.is_person(text) and not names.is_organisation(text)


@pytest.mark.parametrize(
    "text",
    [
        "Preferred Networks",
        "University of California, Berkeley",
        "Chancery Pavilion Hotel",
        "Google Brain",
        "UCSD",
        "Politecnico di Milano",
    ],
)
def test_institutions_are_not_people(text: str) -> None:
    assert names.is_organisation(text) and not names.is_person(text)


@pytest.mark.parametrize("text", ["Don't Transform the Code, Code the Transforms", "Q & A", "Opening Remarks"])
def test_titles_are_not_people(text: str) -> None:
    assert not names.is_person(text) and not names.is_person(text, lenient=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A. Lee (MIT); B. Cruz (Amazon, USA); C. Diaz ()",
            [("A. Lee", "MIT"), ("B. Cruz", "Amazon, USA"), ("C. Diaz", None)],
        ),
        ("Ana Ruiz*, Google; Bo Chen, MIT and Stanford", [("Ana Ruiz", "Google"), ("Bo Chen", "MIT and Stanford")]),
        ("Ana Ruiz, Bo Chen, and Cy Young.", [("Ana Ruiz", None), ("Bo Chen", None), ("Cy Young", None)]),
        (
            "Ana Ruiz, Bo Chen, Cy Young; IBM Research",
            [("Ana Ruiz", "IBM Research"), ("Bo Chen", "IBM Research"), ("Cy Young", "IBM Research")],
        ),
        (
            "Ana Ruiz; Bo Chen; Cy Young, Petuum, Inc.",
            [("Ana Ruiz", None), ("Bo Chen", None), ("Cy Young", "Petuum, Inc.")],
        ),
        (
            "Ewan Ross (University of Glasgow, Scotland, UK), Xiaozhou (Steve) Li (Google)",
            [("Ewan Ross", "University of Glasgow, Scotland, UK"), ("Xiaozhou (Steve) Li", "Google")],
        ),
    ],
)
def test_author_lists(text: str, expected: list[tuple[str, str | None]]) -> None:
    authors, left = read_authors(text)
    assert authors == [Author(n, a) for n, a in expected] and left == []


def test_long_author_list_without_affiliations() -> None:
    authors, left = read_authors("Joyce Fang, Martin Ellis, Bin Li, Siyao Liu, Van Jacobson, and Johannes Gehrke.")
    assert [a.name for a in authors] == [
        "Joyce Fang",
        "Martin Ellis",
        "Bin Li",
        "Siyao Liu",
        "Van Jacobson",
        "Johannes Gehrke",
    ]
    assert all(a.affiliation is None for a in authors) and left == []


def test_author_list_reports_what_it_cannot_read() -> None:
    authors, left = read_authors("Ana Ruiz (MIT); 42; ???")
    assert authors == [Author("Ana Ruiz", "MIT")] and left == ["42", "???"]


def test_paper_entry_from_a_linked_bold_title() -> None:
    entry = read_paper(
        Inline([Run("Sparse Kernels", "https://x.org/3.pdf", True, "**"), Run(": Ana Ruiz (MIT); Bo Chen (Inria)")])
    )
    assert entry is not None and entry.title == "Sparse Kernels" and entry.links == ["https://x.org/3.pdf"]
    assert entry.authors == [Author("Ana Ruiz", "MIT"), Author("Bo Chen", "Inria")]


def test_paper_entry_with_quoted_title_and_dash() -> None:
    entry = read_paper(
        Inline([Run('"Energy Budgets"', None, True, "**"), Run(" — "), Run("Yiren Zhou (Cambridge)", None, True, "*")])
    )
    assert (
        entry is not None and entry.title == "Energy Budgets" and entry.authors == [Author("Yiren Zhou", "Cambridge")]
    )


def one_line(text: str):
    return read_cell([Line(Inline([Run(text)]))], HERE)


def test_panel_with_panelists() -> None:
    slot = one_line("Panel: Jeff Dean, Natasha Jaques, Tim Kraska")
    (panel,) = slot.contributions
    assert panel.kind.value == "panel" and panel.title == "Panel"
    assert [a.name for a in panel.authors] == ["Jeff Dean", "Natasha Jaques", "Tim Kraska"]


def test_panel_in_parentheses_and_tbd_kept() -> None:
    (panel,) = one_line("Panel Discussion (Ada Byron, Alan Moore and Grace Lee)").contributions
    assert panel.title == "Panel Discussion" and len(panel.authors) == 3
    (tbd,) = one_line("Panel Discussion (TBD)").contributions
    assert tbd.title == "Panel Discussion" and tbd.note == "TBD" and not tbd.authors
    (talk,) = one_line("Invited Talk: TBD").contributions
    assert talk.title == "TBD" and talk.kind.value == "invited-talk"
    (talk,) = one_line("Keynote: The Future of Edge ML, TBD").contributions
    assert (talk.title, talk.authors, talk.note) == ("The Future of Edge ML", [], "Speaker: TBD")


def test_plain_items_are_not_talks() -> None:
    qa = one_line("Q & A")
    assert qa.title == "Q & A" and not qa.contributions and not qa.people
    title = one_line("Don't Transform the Code, Code the Transforms")
    assert not title.people and not any(c.authors for c in title.contributions)
    lunch = one_line("Lunch (Chancery Pavilion Hotel)")
    assert lunch.kind.value == "meal" and not lunch.people and lunch.note == "Chancery Pavilion Hotel"


def test_labelled_talk_keeps_its_speaker() -> None:
    slot = read_cell([Line(Inline([Run("Hardware:", None, True, "**"), Run(" Richard Ho")]))], HERE)
    (talk,) = slot.contributions
    assert talk.title == "Hardware" and [a.name for a in talk.authors] == ["Richard Ho"]


def test_title_speaker_affiliation_line() -> None:
    (talk,) = one_line("Keynote 1: Accelerated Computing, Bryan Ng and Ada Moss, NVIDIA").contributions
    assert talk.kind.value == "keynote" and talk.title == "Accelerated Computing"
    assert [(a.name, a.affiliation) for a in talk.authors] == [("Bryan Ng", "NVIDIA"), ("Ada Moss", "NVIDIA")]


def test_cell_over_several_lines() -> None:
    lines = [
        Line(Inline([Run("Learned Caches", None, True, "**")])),
        Line(Inline([Run("Keynote Speaker", None, True, "*"), Run(": Farah Koury - UCSD")])),
        Line(Inline([Run("Slides", "https://x.org/s.pdf")])),
    ]
    (talk,) = read_cell(lines, HERE).contributions
    assert (talk.title, talk.kind.value, talk.slides) == ("Learned Caches", "keynote", "https://x.org/s.pdf")
    assert [(a.name, a.affiliation) for a in talk.authors] == [("Farah Koury", "UCSD")]


def test_cell_holding_several_talks() -> None:
    lines = [
        Line(Inline([Run("Contributed Talks:")])),
        Line(Inline([Run("Program Graphs", "https://x.org/a.pdf")]), item=True),
        Line(Inline([Run("Learned Indexes at Scale", "https://x.org/b.pdf")]), item=True),
    ]
    slot = read_cell(lines, HERE)
    assert slot.title == "Contributed Talks"
    assert [(c.title, c.pdf) for c in slot.contributions] == [
        ("Program Graphs", "https://x.org/a.pdf"),
        ("Learned Indexes at Scale", "https://x.org/b.pdf"),
    ]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.fixture
def edge_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    pages = sorted(str(p) for p in PAGES.iterdir())
    code, err = run(
        ["import", "site", *pages, "--into", str(tmp_path), "--base-url", "https://edge.example.org/"], capsys
    )
    assert code == 0, err
    result = load_project(tmp_path)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    (event,) = result.proceedings.events
    return event, result.proceedings.people, err


def test_site_papers_posters_and_tables(edge_site) -> None:
    event, people, err = edge_site
    by_title = {c.title: c for c in event.contributions}
    papers = [c for c in event.contributions if c.kind.value in ("paper", "poster")]
    assert len(papers) == 10  # the other three listed papers are talks on the schedule
    learned = by_title["Learned Caches for Model Serving"]  # a numbered heading, its authors on the next line
    assert [(people[a.person].name, a.affiliation) for a in learned.authors] == [
        ("Yuki Tanaka", "Carnegie Mellon University"),
        ("Daniel O'Connor", "Carnegie Mellon University"),
        ("K. R. Iyer", "Carnegie Mellon University"),
    ]
    energy = by_title["Energy Budgets for On-Device Training"]
    assert [a.affiliation for a in energy.authors] == ["University of Glasgow, Scotland, UK", "University of Cambridge"]
    tiny = by_title["TinyRL: Reinforcement Learning in 64 KB"]  # a div per paper
    assert tiny.pdf == "https://example.org/papers/11.pdf" and len(tiny.authors) == 3
    # entries that share a paragraph are papers of their own; wrapped authors stay with theirs
    fusion = by_title["Memory-Aware Operator Fusion"]
    assert [(people[a.person].name, a.affiliation) for a in fusion.authors] == [
        ("Pablo Iglesias", "Universidad de Granada"),
        ("Mei Lin", "Alibaba Group"),
    ]
    assert by_title["Spiking Networks on FPGAs"].pdf == "https://edge.example.org/assets/papers/14.pdf"
    battery = by_title["Battery-Aware Scheduling"]
    assert [people[a.person].name for a in battery.authors] == ["Lena Vogel"] and battery.note == "Best Poster Award"
    assert len(by_title["Sensor Fusion Compilers"].authors) == 1
    names_seen = {p.name for p in people.values()}
    assert not names_seen & {
        "Scotland",
        "UK",
        "Preferred Networks",
        "University of California",
        "Chancery Pavilion Hotel",
    }
    assert [(m.person, m.affiliation) for m in event.event.organizers] == [
        ("hannah-okafor", "University of Edinburgh"),
        ("rafael-ortega", "Preferred Networks"),
    ]
    assert people["hannah-okafor"].email == "h.okafor@example.ac.uk"
    assert [(m.person, m.role) for m in event.event.committee] == [
        ("marco-de-luca", "Program Committee"),
        ("chiara-romano", "Program Committee"),
    ]
    # what fits nowhere is reported where it stands
    assert "accepted_papers.md:21: warning: not placed: '42'" in err
    assert "accepted_papers.md:23: warning: not placed: 'This line is about nothing the importer knows.'" in err
    assert "committee.html:16: warning: not placed: 'University of California, Berkeley | '" in err


def test_site_schedule_and_talk_pages(edge_site) -> None:
    event, people, _ = edge_site
    contributions = {c.id: c for c in event.contributions}
    slots = [sl for d in event.schedule.days for s in d.sessions for sl in s.slots]
    assert len(slots) == 12
    opening = slots[0]
    assert (opening.kind.value, opening.people) == ("opening", ["hannah-okafor"])
    keynote = contributions[slots[1].contributions[0]]
    assert keynote.title == "Don't Transform the Code, Code the Transforms" and keynote.kind.value == "keynote"
    assert keynote.abstract and keynote.abstract.startswith("Program transformations")
    assert people["rafael-ortega"].bio and people["rafael-ortega"].bio.startswith("Rafael Ortega leads")
    paper_talk = contributions[slots[2].contributions[0]]
    assert paper_talk.pdf == "https://edge.example.org/assets/papers/3_camera_ready.pdf"
    # the talk of a listed paper has all the paper's authors, its speaker presenting
    assert [(a.person, a.presenting) for a in paper_talk.authors] == [
        ("hannah-okafor", True),
        ("tomasz-wierzbicki", False),
        ("li-wei", False),
    ]
    assert contributions[slots[3].contributions[0]].title == "TBD"
    panel = contributions[slots[5].contributions[0]]
    assert panel.kind.value == "panel" and len(panel.authors) == 3
    assert (slots[6].title, slots[6].contributions) == ("Q & A", [])
    hardware = contributions[slots[8].contributions[0]]
    assert hardware.title == "Hardware" and [a.person for a in hardware.authors] == ["richard-ho"]
    assert hardware.abstract and [a.affiliation for a in hardware.authors] == ["Lightmatter"]
    lightning = [contributions[c] for c in slots[10].contributions]
    assert [c.kind.value for c in lightning] == ["lightning-talk", "lightning-talk"]
    assert slots[-1].end is None  # an end the page does not give stays unknown


def test_speaker_after_a_dash_or_before_a_colon() -> None:
    (talk,) = one_line("Invited talk: Learned Indexes for Everything — Ada Byron (MIT)").contributions
    assert (talk.title, [(a.name, a.affiliation) for a in talk.authors]) == (
        "Learned Indexes for Everything",
        [("Ada Byron", "MIT")],
    )
    (talk,) = one_line("Jeff Dean (Google): Machine Learning for Systems").contributions
    assert talk.title == "Machine Learning for Systems" and [a.name for a in talk.authors] == ["Jeff Dean"]
    # a title with a colon is not a speaker and a title
    plain = one_line("Learned Indexes: A Survey")
    assert plain.title == "Learned Indexes: A Survey" and not plain.people and not plain.contributions


def test_listed_person_with_a_linked_name() -> None:
    from sphinx_proceedings.importers.page_facts import person_from_parts

    person = person_from_parts(
        "Ada Byron, University of London, @adab",
        [("Ada Byron", "https://ada.example.org/"), ("@adab", "https://twitter.com/adab")],
        HERE,
    )
    assert person is not None and (person.name, person.affiliation) == ("Ada Byron", "University of London")
    assert person.homepage == "https://ada.example.org/" and person.social == {"twitter": "https://twitter.com/adab"}


def test_people_cards_slots_outside_tables_and_speaker_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [str(PAGES.parent / "recognise_cards.html"), str(PAGES.parent / "recognise_speakers.md")]
    code, err = run(
        ["import", "site", *pages, "--into", str(tmp_path), "--base-url", "https://cards.example.org/"], capsys
    )
    assert code == 0, err
    result = load_project(tmp_path)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    (event,) = result.proceedings.events
    people = result.proceedings.people
    assert [(m.person, m.affiliation) for m in event.event.organizers] == [
        ("ada-byron", "University of London"),
        ("alan-moore", "Google DeepMind"),
    ]
    assert people["ada-byron"].homepage == "https://ada.example.org"
    assert people["ada-byron"].photo == "https://cards.example.org/img/ada.jpg"
    slots = [sl for d in event.schedule.days for s in d.sessions for sl in s.slots]
    assert [(str(sl.start)[:5], sl.kind.value) for sl in slots] == [
        ("09:00", "opening"),
        ("09:15", "contribution"),
        ("10:00", "break"),
        ("10:30", "contribution"),
    ]
    by_title = {c.title: c for c in event.contributions}
    assert [a.person for a in by_title["Compilers That Learn"].authors] == ["grace-lee"]
    assert len(by_title["Panel"].authors) == 3
    # a speaker line then a paragraph about them is a bio; 'Title:' and 'Abstract:' make a talk
    assert people["grace-lee"].bio and people["grace-lee"].bio.startswith("Grace Lee is a staff engineer")
    assert (people["tim-berg"].affiliation, people["lena-vogel"].homepage) == (
        "ETH Zurich",
        "https://lena.example.org/",
    )
    learned = by_title["Learned Schedulers in Practice"]
    assert learned.abstract and learned.abstract.startswith("Schedulers tuned by hand")
    assert [a.person for a in learned.authors] == ["jane-roe"]


def test_cell_with_a_talk_per_line() -> None:
    lines = [
        Line(Inline([Run("Sparse Kernels on MCUs, Hannah Okafor, University of Edinburgh")])),
        Line(Inline([Run("Flaky Links, Priya Raman, UC San Diego")])),
    ]
    slot = read_cell(lines, HERE)
    assert [(c.title, [a.name for a in c.authors]) for c in slot.contributions] == [
        ("Sparse Kernels on MCUs", ["Hannah Okafor"]),
        ("Flaky Links", ["Priya Raman"]),
    ]


def test_schedule_as_a_markdown_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "program.md"
    page.write_text(
        "---\nworkshop_name: listsched2023\n---\n# Program\n\n"
        "- 9:00 - 9:10: Welcome\n"
        "- 9:10 - 10:00: Keynote: *Serving Models at Scale*, Grace Lee, Google\n"
        "- 10:00 - 10:30: Q & A\n",
        encoding="utf-8",
    )
    code, err = run(["import", "site", str(page), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    result = load_project(tmp_path / "data")
    (event,) = result.proceedings.events
    slots = [sl for d in event.schedule.days for s in d.sessions for sl in s.slots]
    assert [(str(sl.start)[:5], str(sl.end)[:5], sl.kind.value, sl.title) for sl in slots] == [
        ("09:00", "09:10", "opening", "Welcome"),
        ("09:10", "10:00", "contribution", None),
        ("10:00", "10:30", "other", "Q & A"),
    ]
    (talk,) = event.contributions
    assert (talk.title, talk.kind.value, [a.affiliation for a in talk.authors]) == (
        "Serving Models at Scale",
        "keynote",
        ["Google"],
    )


def test_markdown_heading_per_talk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "keynotes.md"
    page.write_text(
        "---\nworkshop_name: mdtalks2022\n---\n# Keynotes\n\n"
        "### Compilers That Learn [slides](https://x.org/compilers.pdf)\n#### Grace Lee - Google\n\n"
        "Learned cost models now drive the search in production compilers.\n\n"
        "Grace Lee is a staff engineer at Google.\n\n"
        "## Organizers\n\n### Ada Byron - University College London\n",
        encoding="utf-8",
    )
    code, err = run(["import", "site", str(page), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    result = load_project(tmp_path / "data")
    (event,) = result.proceedings.events
    (talk,) = event.contributions
    assert (talk.title, talk.slides, [a.affiliation for a in talk.authors]) == (
        "Compilers That Learn",
        "https://x.org/compilers.pdf",
        ["Google"],
    )
    assert talk.abstract == "Learned cost models now drive the search in production compilers."
    assert result.proceedings.people["grace-lee"].bio == "Grace Lee is a staff engineer at Google."
    assert [(m.person, m.affiliation) for m in event.event.organizers] == [("ada-byron", "University College London")]


def test_markdown_tables_of_papers_and_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "index.md"
    page.write_text(
        "---\nworkshop_name: tables2024\n---\n# Workshop on Tables 2024\n\n## Accepted Papers\n\n"
        "| # | Title | Authors |\n|---|---|---|\n"
        "| 1 | [Tiles All the Way Down](https://x.org/1.pdf) | Ada Byron (UCL); Alan Moore (Inria) |\n"
        "| 2 | Sparse Tables | Grace Lee, Jane Roe, and Tim Berg |\n\n"
        "## Program Committee\n\n"
        "| Name | Affiliation | Role |\n|---|---|---|\n"
        "| Marco de Luca | Politecnico di Milano | Area Chair |\n"
        "| Chiara Romano | ETH Zurich | |\n",
        encoding="utf-8",
    )
    code, err = run(["import", "site", str(page), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    result = load_project(tmp_path / "data")
    (event,) = result.proceedings.events
    by_title = {c.title: c for c in event.contributions}
    tiles = by_title["Tiles All the Way Down"]
    assert tiles.pdf == "https://x.org/1.pdf" and [a.affiliation for a in tiles.authors] == ["UCL", "Inria"]
    assert [a.person for a in by_title["Sparse Tables"].authors] == ["grace-lee", "jane-roe", "tim-berg"]
    assert [(m.person, m.affiliation, m.role) for m in event.event.committee] == [
        ("marco-de-luca", "Politecnico di Milano", "Area Chair"),
        ("chiara-romano", "ETH Zurich", "Program Committee"),
    ]


def test_marked_title_after_a_keynote_label() -> None:
    slot = read_cell(
        [
            Line(
                Inline(
                    [
                        Run("Keynote 2: "),
                        Run("Balancing Efficiency and Flexibility", None, True, "*"),
                        Run(", Ada Sze, MIT"),
                    ]
                )
            )
        ],
        HERE,
    )
    (talk,) = slot.contributions
    assert talk.title == "Balancing Efficiency and Flexibility" and [a.name for a in talk.authors] == ["Ada Sze"]


@pytest.mark.parametrize(
    ("heading", "title", "chairs"),
    [
        ("Session 1, Chair: Aparna Rao, Facebook AI", "Session 1", [("Aparna Rao", "Facebook AI")]),
        ("Session 2: Chair: Sid Sen, Microsoft Research", "Session 2", [("Sid Sen", "Microsoft Research")]),
        (
            "Invited Talks (Chairs: Ada Byron and Alan Moore)",
            "Invited Talks",
            [("Ada Byron", None), ("Alan Moore", None)],
        ),
        ("(Chair: Garth Gibson, CMU/Vector Institute)", None, [("Garth Gibson", "CMU/Vector Institute")]),
    ],
)
def test_session_headings_with_chairs(heading: str, title: str | None, chairs: list[tuple[str, str | None]]) -> None:
    from sphinx_proceedings.importers.recognise.sessions import session_chairs

    found = session_chairs(heading)
    assert found is not None and found[0] == title and [(a.name, a.affiliation) for a in found[1]] == chairs


def test_session_heading_without_chairs() -> None:
    from sphinx_proceedings.importers import textual
    from sphinx_proceedings.importers.recognise.sessions import session_chairs

    assert session_chairs("Session 3: Chairless Design") is None
    assert textual.section_of("ML Systems Updates") is None  # 'updates' holds no 'date'


def test_speaker_with_affiliation_before_a_dash() -> None:
    slot = read_cell(
        [
            Line(
                Inline(
                    [
                        Run("Invited talk", None, True, "**"),
                        Run(": Tri Dao (Princeton) — "),
                        Run("FlashAttention", None, True, "*"),
                    ]
                )
            )
        ],
        HERE,
    )
    (talk,) = slot.contributions
    assert (talk.title, talk.kind.value) == ("FlashAttention", "invited-talk")
    assert [(a.name, a.affiliation) for a in talk.authors] == [("Tri Dao", "Princeton")]
    assert not names.is_person("Hardware-Aware Attention") and names.is_person("Jean-Baptiste Tristan")


def test_malformed_and_overlong_input_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "schedule.md"
    long_cell = "Break " + "word " * 600
    page.write_text(
        "---\nworkshop_name: broken2024\n---\n# Schedule\n\n"
        f"| Time | Event |\n|---|---|\n| 9:00 | {long_cell} |\n"
        "| 10:00 | [Talk](http://[oops/x.pdf), Ada Byron, UCL |\n\n"
        "## Accepted Papers\n\n"
        f"[**{'Very long title ' * 200}**](a.pdf): Ada Byron (UCL)\n",
        encoding="utf-8",
    )
    code, err = run(
        ["import", "site", str(page), "--into", str(tmp_path / "data"), "--base-url", "https://x.org/"], capsys
    )
    assert code == 0, err
    assert "Traceback" not in err
    assert "schedule.md:8: warning: not placed: 'Break word" in err  # a paragraph in a cell
    assert "schedule.md:13: warning: not placed: '**Very long title" in err  # a paragraph for a title
    result = load_project(tmp_path / "data")
    assert not result.problems.errors


def test_a_paper_spelled_differently_on_the_schedule_is_its_talk() -> None:
    from sphinx_proceedings.data.model import ContributionKind
    from sphinx_proceedings.importers.draft import (
        Draft,
        DraftContribution,
        DraftDay,
        DraftSession,
        DraftSlot,
        PersonMention,
    )
    from sphinx_proceedings.importers.recognise.attach import attach

    talk = DraftContribution(
        "Fashionable Modeling with Flux",
        ContributionKind.contributed_talk,
        HERE,
        [PersonMention("Mike J. Innes", HERE)],
    )
    paper = DraftContribution(
        "Fashionable Modelling with Flux",
        ContributionKind.paper,
        HERE,
        [PersonMention("Michael J Innes", HERE), PersonMention("Elliot Saba", HERE)],
        pdf="https://x.org/flux.pdf",
    )
    draft = Draft(
        days=[DraftDay(HERE, sessions=[DraftSession(HERE, slots=[DraftSlot(HERE, contributions=[talk])])])],
        papers=[paper],
    )
    attach(draft)
    assert draft.papers == [] and talk.pdf == "https://x.org/flux.pdf"
    assert [(a.name, a.presenting) for a in talk.authors] == [("Michael J Innes", True), ("Elliot Saba", False)]
    assert talk.note == "Listed among the papers as 'Fashionable Modelling with Flux'"


def test_a_run_of_people_on_one_line() -> None:
    from sphinx_proceedings.importers.recognise.people_list import people_run

    assert people_run("Ada Byron (UCL), Alan Turing (Arts and Sciences) and Grace Hopper (US Navy)") == [
        ("Ada Byron", "UCL", "Ada Byron (UCL)"),
        ("Alan Turing", "Arts and Sciences", "Alan Turing (Arts and Sciences)"),
        ("Grace Hopper", "US Navy", "Grace Hopper (US Navy)"),
    ]
    assert [n for n, _, _ in people_run("Ada Byron, Alan Turing and Grace Hopper") or []] == [
        "Ada Byron",
        "Alan Turing",
        "Grace Hopper",
    ]
    assert people_run("Jane Doe, Carnegie Mellon") is None  # one person and where they work
    assert people_run("Ada Byron (UCL), Alan Turing") is None  # affiliations for some only: not read as a run
    assert people_run("Learned Indexes (Survey), Ada Byron (UCL)") is None
