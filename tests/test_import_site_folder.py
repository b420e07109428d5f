"""`proceedings import site FOLDER`: a Jekyll checkout of two editions becomes two events.

The fixture (tests/fixtures/site) is a small site written for these tests: `_config.yml` with url and
baseurl, Markdown pages per edition, `_data/` with speakers, organizers, a programme, papers and
committees keyed by edition, an `_includes/` fragment, local photos, slides and papers. The facts it
states are listed below by hand, and the import's coverage of them is measured and printed.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project

SITE = Path(__file__).parent / "fixtures" / "site"
E23, E24 = "workshop-on-learned-2023", "workshop-on-learned-2024"

FACTS = {
    E23: {
        "papers": [
            "Phase Ordering with Bandits",
            "Learned Vectorisation Hints",
            "Register Allocation as Graph Learning",
        ],
        "talks": ["Learning to Inline", "Cost Models That Generalise", "Register Allocation as Graph Learning"],
        "speakers": ["Ada Lovelace", "Alan Turing", "Kathleen Booth"],
        "organizers": ["Frances Allen", "John Backus", "Grace Hopper"],
        "committee": ["Edsger Dijkstra", "Tony Hoare"],
        "dates": ["2023-06-19", "Submission Deadline 2023-04-07", "Author Notification 2023-05-05"],
        "abstracts": ["Learning to Inline", "Cost Models That Generalise"],
    },
    E24: {
        "papers": [
            "Superoptimisation at Scale",
            "Learned Loop Tiling for Tensor Programs",
            "Profile-Guided Models Without Profiles",
        ],
        "talks": ["Compilers That Learn From Their Mistakes", "TBD", "Superoptimisation at Scale"],
        "speakers": ["Grace Hopper", "Edsger Dijkstra", "Donald Knuth", "Niklaus Wirth"],
        "organizers": ["Barbara Liskov", "Kathleen Booth", "John Cocke"],
        "committee": ["Tony Hoare", "Leslie Lamport", "Robin Milner"],
        "dates": ["2024-06-24", "Submission Deadline 2024-03-29", "Notification 2024-04-26"],
        "abstracts": [],
    },
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def stated(data: Path) -> dict[str, dict[str, set[str]]]:
    """The facts of each imported event, in the terms of FACTS."""
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    people = result.proceedings.people
    out = {}
    for ev in result.proceedings.events:
        talks = [c for c in ev.contributions if c.kind.is_talk]
        cfp = ev.event.call_for_papers
        out[ev.event.id] = {
            "papers": {c.title for c in ev.contributions},
            "talks": {c.title for c in talks},
            "speakers": {people[a.person].name for c in talks for a in c.authors},
            "organizers": {people[m.person].name for m in ev.event.organizers},
            "committee": {people[m.person].name for m in ev.event.committee},
            "dates": {str(ev.event.start)} | {f"{d.label} {d.date}" for d in (cfp.important_dates if cfp else [])},
            "abstracts": {c.title for c in ev.contributions if c.abstract},
        }
    return out


def coverage(facts: dict[str, list[str]], got: dict[str, set[str]]) -> dict[str, float]:
    return {k: sum(1 for f in v if f in got[k]) / len(v) for k, v in facts.items() if v}


def test_folder_of_two_editions_imports_as_two_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, out, err = run(["import", "site", str(SITE), "--into", str(data)], capsys)
    assert code == 0, err
    assert "Traceback" not in err
    got = stated(data)
    assert set(got) == {E23, E24}  # the landing page states no event and is skipped, said so
    assert "fixtures/site/index.md: warning: skipped: these pages state no event facts" in err
    for event, facts in FACTS.items():
        measured = coverage(facts, got[event])
        print(event, {k: f"{v:.0%}" for k, v in measured.items()})
        assert measured == {k: 1.0 for k in measured}, (event, got[event])
    # the url and baseurl of _config.yml; local files copied into the event and linked from there
    e23 = (data / E23 / "contributions.yaml").read_text(encoding="utf-8")
    assert "pdf: files/assets/papers/2023/phase-allen.pdf" in e23
    assert "https://lcw-workshop.example.org/site/assets/papers/2023/vector-liskov.pdf" in e23  # no such file
    assert (data / E23 / "files/assets/img/speakers/ada.png").read_bytes() == (
        SITE / "assets/img/speakers/ada.png"
    ).read_bytes()
    assert (data / E24 / "files/assets/slides/2024/hopper.pdf").is_file()
    # Liquid comments and includes are not text; front matter is not the description
    event = (data / E23 / "event.yaml").read_text(encoding="utf-8")
    assert "Old announcement" not in event and "layout" not in event and "{%" not in event
    # the report: per event, found against imported
    assert f"{E24}: found/imported papers 2/2, talks 3/3, slots 6/6" in err
    # a second import changes nothing
    code, out, _ = run(["import", "site", str(SITE), "--into", str(data)], capsys)
    assert code == 0 and "wrote" not in out and "copied" not in out


def test_report_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["import", "site", str(SITE), "--into", str(tmp_path), "--format", "json"], capsys)
    assert code == 0, err
    report = json.loads(out)
    by_event = {e["event"]: e for e in report["events"]}
    assert by_event[E23]["imported"]["abstracts"] == 2 and by_event[E23]["found"]["abstracts"] == 2
    assert by_event[E24]["imported"]["talks"] == 3
    assert report["errors"] == 0 and any(a["action"] == "copied" for a in report["actions"])


def site_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy)
    return copy


def test_without_base_url_unresolved_links_are_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_copy(tmp_path)
    (site / "_config.yml").unlink()
    code, _, err = run(["import", "site", str(site), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    assert "'/site/assets/papers/2023/vector-liskov.pdf' is relative and names no file of the site; not placed" in err
    assert "(hint: pass --base-url" in err
    got = stated(tmp_path / "data")
    # the events are named after the folder; everything else is still written
    assert {"Learned Vectorisation Hints", "Phase Ordering with Bandits"} <= got["site-2023"]["papers"]
    assert "Grace Hopper" in got["site-2024"]["organizers"] | got["site-2024"]["speakers"]


def test_links_leaving_the_site_are_never_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    (outside / "docs").mkdir(parents=True)
    (outside / "docs" / "secret.pdf").write_bytes(b"%PDF-1.4 not yours")
    (outside / "page.md").write_text("# Accepted Papers\n\n- Stolen Paper\n", encoding="utf-8")
    site = site_copy(tmp_path)
    (site / "assets" / "shared").symlink_to(outside / "docs")
    (site / "2023" / "elsewhere.md").symlink_to(outside / "page.md")
    (site / "_data" / "2023" / "talks.yml").write_text(
        "- title: Linked Out\n  speaker: Ada Lovelace\n  slides: /site/assets/shared/secret.pdf\n", encoding="utf-8"
    )
    for dry in ([], ["--dry-run"]):
        code, out, err = run(["import", "site", str(site), "--into", str(tmp_path / "data"), *dry], capsys)
        assert code == 0, err
        assert "elsewhere.md: warning: skipped: a link to a file outside the site" in err
        assert "secret" not in out and "Stolen Paper" not in out
    assert not list((tmp_path / "data").rglob("secret.pdf"))
    assert "Stolen Paper" not in (tmp_path / "data" / E23 / "contributions.yaml").read_text(encoding="utf-8")


def test_never_writes_through_a_link_out_of_the_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    (data / E23).symlink_to(out_dir)
    code, _, err = run(["import", "site", str(SITE), "--into", str(data)], capsys)
    assert code == 1
    assert f"{data / E23 / 'event.yaml'}: error: refused: writing here goes through a link" in err
    assert list(out_dir.iterdir()) == [] and not (data / E24).exists()  # nothing half-written


def test_merge_keeps_hand_edits_and_dry_run_shows_a_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(["import", "site", str(SITE), "--into", str(data)], capsys)[0] == 0
    people = data / E23 / "people.yaml"
    edited = people.read_text(encoding="utf-8").replace(
        "affiliation: University of Manchester", "affiliation: Bletchley Park"
    )
    people.write_text(edited, encoding="utf-8")
    line = edited.splitlines().index("    affiliation: Bletchley Park") + 1
    code, out, err = run(["import", "site", str(SITE), "--into", str(data), "--dry-run"], capsys)
    assert code == 0, err
    assert f"{people}:{line}: warning: conflict: 'people[alan-turing].affiliation' is 'Bletchley Park' here" in err
    assert "unchanged: " in out and "would change" not in out  # the file's value is kept: nothing to write
    code, out, err = run(["import", "site", str(SITE), "--into", str(data), "--dry-run", "--force"], capsys)
    assert "would change: " in out and "-    affiliation: Bletchley Park" in out
    assert "+    affiliation: University of Manchester" in out
    assert people.read_text(encoding="utf-8") == edited


CSV = textwrap.dedent(
    """\
    id,title,authors,abstract,decision
    11,Superoptimisation at Scale,"Donald Knuth, Niklaus Wirth",Search finds the shortest program.,Accept (Oral)
    12,Learned Loop Tiling for Tensor Programs,"Margaret Hamilton, Dennis Ritchie",Tiles chosen by a model.,Accept
    13,Autotuning Without Tears,Frances Allen,A tuner that explains itself.,Accept (Poster)
    14,Rejected Work,Alan Turing,No.,Reject
    """
)


def test_site_then_csv_merge_into_one_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run(["import", "site", str(SITE), "--into", str(data)], capsys)[0] == 0
    csv = tmp_path / "openreview.csv"
    csv.write_text(CSV, encoding="utf-8")
    code, _, err = run(["import", "csv", str(csv), "--into", str(data), "--event", E24], capsys)
    assert code == 0, err
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    ev = next(e for e in result.proceedings.events if e.event.id == E24)
    titles = [c.title for c in ev.contributions]
    assert len(titles) == len(set(titles)) == 6  # five from the site, one new from the CSV
    by_title = {c.title: c for c in ev.contributions}
    assert by_title["Superoptimisation at Scale"].abstract == "Search finds the shortest program."
    assert by_title["Superoptimisation at Scale"].kind.value == "contributed-talk"  # the site's, kept
    assert by_title["Autotuning Without Tears"].authors[0].person == "frances-allen"
    slots = [sl for d in ev.schedule.days for s in d.sessions for sl in s.slots]
    assert any(by_title["Superoptimisation at Scale"].id in sl.contributions for sl in slots)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_the_site_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_copy(tmp_path)
    os.mkfifo(site / "2023" / "talks.md")
    code, _, err = run(["import", "site", str(site), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    assert "2023/talks.md: warning: skipped: not a regular file" in err


def test_a_paper_pdf_that_does_not_open_is_linked_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = site_copy(tmp_path)
    (site / "assets/papers/2023/phase-allen.pdf").write_bytes(b"<html>not a pdf</html>")
    code, _, err = run(["import", "site", str(site), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    assert "accepted.md:10: warning: pdf 'phase-allen.pdf' does not open; not copied" in err
    contributions = (tmp_path / "data" / E23 / "contributions.yaml").read_text(encoding="utf-8")
    assert "pdf: https://lcw-workshop.example.org/site/assets/papers/2023/phase-allen.pdf" in contributions
    assert "pdf: files/assets/papers/2023/graph-booth.pdf" in contributions


def test_data_nested_too_deep_is_reported_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = site_copy(tmp_path)
    (site / "_data" / "2023" / "deep.yml").write_text(
        "a:\n" + "".join("  " * i + f" k{i}:\n" for i in range(1, 9)) + "  " * 9 + " x: 1\n", encoding="utf-8"
    )
    (site / "_data" / "2023" / "bomb.yml").write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = run(["import", "site", str(site), "--into", str(tmp_path / "data")], capsys)
    assert code == 0, err
    assert "Traceback" not in err and "deep.yml" in err and "bomb.yml" in err
