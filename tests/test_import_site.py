"""`proceedings import site`: real pages in, data that loads out, and a report of what needs a look."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import bibtexparser
import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project

REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"
FIXTURES = Path(__file__).parent / "fixtures" / "import"
needs_shared = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not there")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def event_of(data: Path, event_id: str):
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    return next(e for e in result.proceedings.events if e.event.id == event_id), result


@needs_shared
def test_seed_schedule_matches_hand_made_nips2017(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = next((SHARED / "seeds").glob("000_*.txt"))
    index = REALDATA / "learningsys.org/nips17/index.md"
    code, _, err = run(
        [
            "import",
            "site",
            str(seed),
            str(index),
            "--into",
            str(tmp_path),
            "--event-id",
            "nips2017",
            "--base-url",
            "https://learningsys.org/nips17/",
        ],
        capsys,
    )
    assert code == 0, err
    imported, _ = event_of(tmp_path, "nips2017")
    hand, _ = event_of(REPO / "proceedings" / "data", "nips2017")

    def sessions(ev):
        return {s.title: s.chairs for d in ev.schedule.days for s in d.sessions if s.title}

    assert sessions(imported) == sessions(hand)

    def times(ev):
        return sorted((sl.start, sl.end) for d in ev.schedule.days for s in d.sessions for sl in s.slots)

    def titles(ev):
        return {c.title.casefold() for c in ev.contributions if c.kind.is_talk}

    assert times(imported) == times(hand)
    assert titles(imported) == titles(hand)
    hand_slides = {c.title: c.slides for c in hand.contributions}
    for c in imported.contributions:
        if c.slides:
            assert hand_slides[c.title] == c.slides
    assert sum(1 for c in imported.contributions if c.slides) == 4
    assert imported.event.start == hand.event.start
    # the seed's typo and short name are read as the organizers, and said so
    assert "'Gartn Gibson' read as 'Garth Gibson'" in err and "'Erran Li' read as 'Li Erran Li'" in err
    assert f"{seed}:48: warning: slot starting 15:30 overlaps" in err


@needs_shared
def test_second_import_changes_nothing_and_no_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [str(p) for p in sorted((REALDATA / "learningsys.org/sosp19").glob("*.md"))]
    argv = ["import", "site", *pages, "--into", str(tmp_path), "--event-id", "sosp2019"]
    assert run(argv, capsys)[0] == 0
    before = {p: p.read_bytes() for p in (tmp_path / "sosp2019").iterdir()}
    code, out, _ = run(argv, capsys)
    assert code == 0 and "wrote" not in out and out.count("unchanged:") == len(before)
    event_yaml = tmp_path / "sosp2019" / "event.yaml"
    imported_title = event_of(tmp_path, "sosp2019")[0].event.title
    event_yaml.write_text("id: sosp2019\n# mine\ntitle: Edited by hand\n", encoding="utf-8")
    # a later import merges: the hand edit is kept and reported as a conflict at its line
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert f"{event_yaml}:3: warning: conflict: 'title' is 'Edited by hand' here" in err and "kept this value" in err
    text = event_yaml.read_text(encoding="utf-8")
    assert "title: Edited by hand" in text and "# mine" in text and "organizers:" in text
    # --dry-run shows the change as a unified diff and writes nothing
    code, out, err = run([*argv, "--dry-run", "--force"], capsys)
    assert code == 0 and "would change: " in out and "-title: Edited by hand" in out
    assert event_yaml.read_text(encoding="utf-8") == text
    assert run([*argv, "--force"], capsys)[0] == 0
    assert event_of(tmp_path, "sosp2019")[0].event.title == imported_title
    assert not list((tmp_path / "sosp2019").glob(".*"))


@needs_shared
@pytest.mark.parametrize(
    "site",
    [
        "learningsys.org/nips17",
        "learningsys.org/sosp17",
        "learningsys.org/nips18",
        "learningsys.org/neurips19",
        "mlforsystems.github.io/neurips2018",
        "mlforsystems.github.io/isca2019",
        "mlforsystems.github.io/neurips2019",
        "mlforsystems.github.io/neurips2020",
    ],
)
def test_real_sites_import_to_loadable_data(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = sorted((REALDATA / site).glob("*.md"))
    code, _, err = run(
        [
            "import",
            "site",
            *map(str, pages),
            "--into",
            str(tmp_path),
            "--event-id",
            "ev",
            "--base-url",
            f"https://{site}/",
        ],
        capsys,
    )
    assert code == 0, err
    event, _ = event_of(tmp_path, "ev")
    assert event.event.title and event.event.start is not None
    assert event.contributions or event.event.organizers
    assert "Traceback" not in err


@needs_shared
def test_html_overview_and_arxiv_references(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = next((SHARED / "seeds").glob("002_*.txt"))
    code, _, err = run(
        [
            "import",
            "site",
            str(seed),
            "--into",
            str(tmp_path),
            "--event-id",
            "neurips2018",
            "--base-url",
            "https://mlforsystems.org/",
        ],
        capsys,
    )
    assert code == 0, err
    event, result = event_of(tmp_path, "neurips2018")
    speakers = {p.name: p for p in result.proceedings.people.values() if p.bio}
    assert (
        "Jeff Dean" in speakers
        and speakers["Jeff Dean"].photo == "https://mlforsystems.org/assets/images/speakers/jeff_dean.jpg"
    )
    assert len(event.event.organizers) == 5 and len(event.event.committee) == 17
    bib = bibtexparser.parse_string((tmp_path / "neurips2018" / "references.bib").read_text(encoding="utf-8"))
    eprints = {e.fields_dict["eprint"].value for e in bib.entries if "eprint" in e.fields_dict}
    assert {"1706.04972", "1711.11165"} <= eprints
    assert event.event.contact == "mlforsystems@googlegroups.com"


def test_fixture_variants(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        [
            "import",
            "site",
            str(FIXTURES / "schedule_variant.md"),
            str(FIXTURES / "overview.html"),
            "--into",
            str(tmp_path),
            "--base-url",
            "https://demo.example.org/",
        ],
        capsys,
    )
    assert code == 0, err
    event, result = event_of(tmp_path, "demo2019")
    slots = [sl for d in event.schedule.days for s in d.sessions for sl in s.slots]
    assert [(str(sl.start)[:5], str(sl.end)[:5]) for sl in slots][-1] == ("12:30", "14:00")
    session = next(s for d in event.schedule.days for s in d.sessions if s.title)
    assert session.chairs == ["ada-lovelace", "alan-turing"]
    titles = {c.title: c for c in event.contributions}
    assert titles["Compilers That Learn"].kind.value == "invited-talk"
    assert {"Tiny Models", "Sparse Things"} <= set(titles)
    assert result.proceedings.people["ada-lovelace"].social == {"twitter": "https://twitter.com/ada"}
    assert "schedule_variant.md:21: warning: not placed: 'c | d'" in err  # a table row that is no slot or person
    assert "overview.html" in err and "'Notification' on 2018-05-01 is far from the event" in err
    assert event.event.title == "Workshop on Demos at DemoConf 2019"
    assert event.event.description is not None and "Learning helps scheduling [1]." in event.event.description
    bib = (tmp_path / "demo2019" / "references.bib").read_text(encoding="utf-8")
    assert "https://demo.example.org/assets/local.pdf" in bib and "1706.04972" in bib


def test_call_page_variant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = FIXTURES / "call_variant.md"
    code, _, err = run(["import", "site", str(page), "--into", str(tmp_path)], capsys)
    assert code == 0, err
    event, _ = event_of(tmp_path, "callfix2021")
    cfp = event.event.call_for_papers
    assert cfp is not None
    # labelled lines of a call fill its fields, not its topics
    assert cfp.submission_url == "https://easychair.org/conferences/?conf=demo2021" and not cfp.topics
    assert cfp.instructions is not None and "Papers can be up to 4 pages" in cfp.instructions
    assert "- Please submit your paper no later than March 1, 2021 using EasyChair." in cfp.instructions
    dates = {(d.label, str(d.date), d.time, d.extended) for d in cfp.important_dates}
    assert dates == {
        ("Workshop", "2021-05-05", None, False),
        ("Workshop", "2021-05-06", None, False),
        ("Submission Deadline", "2021-03-01", None, False),
        ("Paper Submission Deadline", "2021-03-08", "11:59pm AoE", True),
    }
    # the date most of the page gives wins; the other one is reported once
    assert event.event.start == dt.date(2021, 5, 5)
    assert err.count("warning: event date 2021-05-06 disagrees with 2021-05-05") == 1
    assert [(m.person, m.affiliation, m.role) for m in event.event.committee] == [
        ("ada-lovelace", "Analytical Engines", "Program Committee"),
        ("alan-turing", "Bletchley", "Program Committee"),
    ]
    assert event.event.contact == "demo-workshop@example.org"
    assert (event.event.venue, event.event.location) == ("DemoConf 2021", "Lisbon, Portugal")


def test_a_name_like_a_listed_one_is_a_typo_only_when_each_part_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Gartn Gibson' is the listed Garth Gibson misspelt; 'Hao Zhang' is not the listed Cha Zhang."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text(
        "# Systems Workshop 2017\n\nDecember 8, 2017, Long Beach\n\n## Organizers\n\n"
        "- Garth Gibson, Vector Institute\n\n## Invited Speakers\n\n- Cha Zhang, Microsoft\n",
        encoding="utf-8",
    )
    (site / "acceptedpapers.md").write_text(
        "# Accepted Papers\n\n"
        "[**Cavs: A Vertex-centric Interface**](paper.pdf): Hao Zhang, Carnegie Mellon University; "
        "Gartn Gibson, Vector Institute\n",
        encoding="utf-8",
    )
    code, _, err = run(["import", "site", str(site), "--into", str(tmp_path / "data"), "--event-id", "ws2017"], capsys)
    assert code == 0, err
    people = load_project(tmp_path / "data").proceedings.people
    (paper,) = [c for e in load_project(tmp_path / "data").proceedings.events for c in e.contributions]
    assert [a.person for a in paper.authors] == ["hao-zhang", "garth-gibson"]
    assert {"cha-zhang", "hao-zhang", "garth-gibson"} <= set(people)
    assert "'Gartn Gibson' read as 'Garth Gibson'" in err
