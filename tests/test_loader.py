"""The loader on the seed data in ``proceedings/``: exact counts and facts that must reach the model."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sphinx_proceedings.data.loader import LoadResult, load_project
from sphinx_proceedings.data.model import EventData, Proceedings
from sphinx_proceedings.data.names import split_name
from sphinx_proceedings.data.problems import Code, Severity

PROJECT = Path(__file__).parent.parent / "proceedings"


@pytest.fixture(scope="module")
def seed() -> LoadResult:
    return load_project(PROJECT / "data", PROJECT)


@pytest.fixture(scope="module")
def proc(seed: LoadResult) -> Proceedings:
    return seed.proceedings


def event(proc: Proceedings, event_id: str) -> EventData:
    (found,) = [e for e in proc.events if e.event.id == event_id]
    return found


# --- counts -----------------------------------------------------------------


def test_events_in_date_order(proc: Proceedings) -> None:
    assert [e.event.id for e in proc.events] == ["sosp2017", "nips2017", "neurips2018", "neurips2020"]


@pytest.mark.parametrize(
    ("event_id", "days", "sessions", "slots"),
    [
        ("nips2017", 1, 10, 16),
        ("sosp2017", 1, 9, 17),
        ("neurips2018", 1, 9, 18),
        ("neurips2020", 1, 9, 15),
    ],
)
def test_schedule_counts(proc: Proceedings, event_id: str, days: int, sessions: int, slots: int) -> None:
    schedule = event(proc, event_id).schedule
    assert len(schedule.days) == days
    assert sum(len(d.sessions) for d in schedule.days) == sessions
    assert sum(len(s.slots) for d in schedule.days for s in d.sessions) == slots


@pytest.mark.parametrize(
    ("event_id", "kinds"),
    [
        ("nips2017", {"invited-talk": 5, "contributed-talk": 4, "update": 9, "panel": 1, "paper": 19}),
        ("sosp2017", {"invited-talk": 6, "update": 4, "panel": 1, "poster": 14}),
        ("neurips2018", {"keynote": 1, "invited-talk": 5, "contributed-talk": 6, "panel": 1, "paper": 13}),
        ("neurips2020", {"invited-talk": 1, "contributed-talk": 17}),
    ],
)
def test_contributions_by_kind(proc: Proceedings, event_id: str, kinds: dict[str, int]) -> None:
    assert dict(Counter(str(c.kind) for c in event(proc, event_id).contributions)) == kinds


def test_contribution_total(proc: Proceedings) -> None:
    assert sum(len(e.contributions) for e in proc.events) == 107


@pytest.mark.parametrize(
    ("event_id", "references"),
    [
        ("nips2017", 0),
        ("sosp2017", 0),
        ("neurips2018", 8),
        ("neurips2020", 16),
    ],
)
def test_references_per_event(proc: Proceedings, event_id: str, references: int) -> None:
    assert len(event(proc, event_id).references) == references


def test_people_total(proc: Proceedings) -> None:
    # 133 + 80 + 99 + 136 = 448 entries in the four people.yaml files, 392 distinct ids
    assert len(proc.people) == 392


def test_every_person_has_a_family_name(proc: Proceedings) -> None:
    assert all(p.family for p in proc.people.values())


# --- facts ------------------------------------------------------------------


def test_nips2017_session_1_chair(proc: Proceedings) -> None:
    sessions = {s.id: s for d in event(proc, "nips2017").schedule.days for s in d.sessions}
    assert sessions["nips2017-s1"].title == "Session 1"
    assert sessions["nips2017-s1"].chairs == ["garth-gibson"]
    assert proc.people["garth-gibson"].name == "Garth Gibson"


def test_nips2017_updates_slot_links_tvm_slides(proc: Proceedings) -> None:
    data = event(proc, "nips2017")
    (slot,) = [
        slot
        for d in data.schedule.days
        for s in d.sessions
        for slot in s.slots
        if slot.title == "Updates from Current ML Systems"
    ]
    assert "tvm-update-nips2017" in slot.contributions
    assert len(slot.contributions) == 9
    tvm = {c.id: c for c in data.contributions}["tvm-update-nips2017"]
    assert tvm.title == "TVM"
    assert str(tvm.kind) == "update"
    assert tvm.slides == "https://learningsys.org/nips17/assets/slides/TVM-MLSys-NIPS17.pdf"


def test_jeff_dean_bio_from_neurips2018(proc: Proceedings) -> None:
    jeff = proc.people["jeff-dean"]
    assert jeff.bio is not None
    assert jeff.bio.startswith("Senior Fellow, Google AI")
    assert proc.affiliations["jeff-dean"]["neurips2018"] == "Google AI"


def test_sosp2017_call_for_papers_topics(proc: Proceedings) -> None:
    cfp = event(proc, "sosp2017").event.call_for_papers
    assert cfp is not None
    assert cfp.title == "Call for Posters"
    assert len(cfp.topics) == 11
    assert cfp.topics[0] == "Systems for training and serving machine learning models at scale"


def test_neurips2020_reference_with_arxiv_eprint(proc: Proceedings) -> None:
    refs = {r.key: r for r in event(proc, "neurips2020").references}
    ref = refs["chip-placement-2004.10746"]
    assert ref.entry_type == "misc"
    assert ref.fields["eprint"] == "2004.10746"
    assert ref.fields["archiveprefix"] == "arXiv"
    assert ref.title == "Chip Placement with Deep Reinforcement Learning"


def test_bart_van_merrienboer_structured_name(proc: Proceedings) -> None:
    bart = proc.people["bart-van-merrienboer"]
    assert bart.name == "Bart van Merriënboer"
    assert (bart.given, bart.particle, bart.family) == ("Bart", "van", "Merriënboer")


def test_split_name_of_bart_van_merrienboer() -> None:
    name = split_name("Bart van Merriënboer")
    assert (name.given, name.particle, name.family, name.suffix) == ("Bart", "van", "Merriënboer", None)
    assert name.index_form == "Merriënboer, Bart van"


def test_structured_name_derived_when_not_given() -> None:
    # tests/roots/test-basic gives only the display name of Bart.
    basic = Path(__file__).parent / "roots" / "test-basic"
    result = load_project(basic / "data", basic)
    bart = result.proceedings.people["bart-van-merrienboer"]
    assert (bart.given, bart.particle, bart.family) == ("Bart", "van", "Merriënboer")


def test_sosp2017_dates(proc: Proceedings) -> None:
    sosp = event(proc, "sosp2017").event
    assert (str(sosp.start), str(sosp.end)) == ("2017-10-28", "2017-10-28")


# --- problems ---------------------------------------------------------------


def test_no_errors(seed: LoadResult) -> None:
    assert [p.format(PROJECT) for p in seed.problems.errors] == []
    assert seed.ok


DATES_HINT = "(hint: keep one date, mark a wrong one 'superseded: true', or mark the later one 'extended: true')"

EXPECTED_WARNINGS = [
    # the two neurips2020 submission deadlines
    "data/neurips2020/event.yaml:139:13: warning: 'Submission Deadline' is dated 2020-10-09 "
    "(realdata mlforsystems.github.io/neurips2020/call_for_papers.md), but also 2020-10-02 at line 136 "
    "(seed 004_4457a034c6860b5a.txt) " + DATES_HINT,
    # the 15:30 overlap
    "data/nips2017/schedule.yaml:107:20: warning: slot 'Posters & Coffee' starts at 15:30, before "
    "'onnx-bird' (line 101) ends at 15:40 "
    "(hint: overlapping slots are fine for parallel tracks; otherwise fix the times)",
    # the year-2016 dates of the sosp2017 call for posters, and the 2017 dates that repeat them
    "data/sosp2017/event.yaml:76:13: warning: 'Acceptance Notifications' is dated 2016-09-20, but the event "
    "is in 2017 (hint: check the year)",
    "data/sosp2017/event.yaml:79:13: warning: 'Acceptance Notifications' is dated 2017-09-20 "
    "(realdata learningsys.org/sosp17/cfp.md), but also 2016-09-20 at line 76 "
    "(seed 003_d66bf2e0fca24423.txt (learningsys.org/sosp17/cfp.md, call for posters)) " + DATES_HINT,
    "data/sosp2017/event.yaml:82:13: warning: 'Final File Upload' is dated 2016-10-10, but the event is in "
    "2017 (hint: check the year)",
    "data/sosp2017/event.yaml:85:13: warning: 'Final File Upload' is dated 2017-10-10 "
    "(realdata learningsys.org/sosp17/cfp.md), but also 2016-10-10 at line 82 "
    "(seed 003_d66bf2e0fca24423.txt (learningsys.org/sosp17/cfp.md, call for posters)) " + DATES_HINT,
    # the two workshop dates
    "data/sosp2017/event.yaml:88:13: warning: 'Workshop' is dated 2017-10-29 "
    "(seed 001_a1cb4203cb4af6fc.txt (learningsys.org/sosp17/index.md, overview)), but the event's dates are "
    "2017-10-28 (hint: make event.yaml and the call for papers agree)",
    "data/sosp2017/event.yaml:91:13: warning: 'Workshop' is dated 2017-10-28 "
    "(seed 003_d66bf2e0fca24423.txt (learningsys.org/sosp17/cfp.md, call for posters)), but also 2017-10-29 "
    "at line 88 (seed 001_a1cb4203cb4af6fc.txt (learningsys.org/sosp17/index.md, overview)) " + DATES_HINT,
]


def test_expected_warnings(seed: LoadResult) -> None:
    lines = [p.format(PROJECT) for p in seed.problems.warnings if p.code is not Code.names]
    assert lines == EXPECTED_WARNINGS


def test_near_duplicate_name_warnings(seed: LoadResult) -> None:
    """Distinct people whose names read alike: reported once each, naming the other place."""
    names = [p for p in seed.problems if p.code is Code.names]
    assert [(p.display_path(PROJECT), p.line, p.column, p.severity) for p in names] == [
        ("data/nips2017/people.yaml", 93, 9, Severity.warning),
        ("data/sosp2017/people.yaml", 90, 9, Severity.warning),
    ]
    assert names[0].message.startswith("'Daniel Lo' (daniel-lo) reads almost like 'Daniel Ho' (daniel-ho) at ")
    assert names[0].message.endswith("sosp2017/people.yaml:53")
    assert names[1].message.startswith("'Hao Zhang' (hao-zhang) reads almost like 'Cha Zhang' (cha-zhang) at ")
    assert names[1].message.endswith("nips2017/people.yaml:49")


def test_warning_total(seed: LoadResult) -> None:
    assert len(seed.problems.warnings) == 10
    assert len(seed.problems) == 10 + len(seed.problems.notes)


def test_authorless_contributions_are_notes(seed: LoadResult) -> None:
    """The nine system updates name no speaker each: a note each, at the record, never a warning or error."""
    notes = seed.problems.notes
    assert {(p.code, p.display_path(PROJECT)) for p in notes} == {(Code.citation, "data/nips2017/contributions.yaml")}
    assert [p.message.split("'")[1] for p in notes] == [
        f"{system}-update-nips2017"
        for system in ("tensorflow", "pytorch", "caffe2", "cntk", "mxnet", "tvm", "clipper", "macrobase", "modeldb")
    ]
    assert notes[0].line == 57 and "no Google Scholar tags" in notes[0].message


def test_loader_reads_every_data_file(seed: LoadResult) -> None:
    assert sorted(str(f.relative_to(PROJECT)) for f in seed.files) == sorted(
        str(p.relative_to(PROJECT)) for p in (PROJECT / "data").glob("*/*") if p.suffix in (".yaml", ".bib")
    )
