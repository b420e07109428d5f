"""Schedules in and out: frab XML against the XSD, iCalendar across DST, frab JSON round trip, model JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import jsonschema
import pytest
from icalendar import Calendar
from lxml import etree

from sphinx_proceedings.cli.export import add_export_commands
from sphinx_proceedings.cli.main import _Parser
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import MAX_ID_LENGTH

from .conftest import REPO, ROOTS, run_build

# The frab schedule XSD (c3voc), vendored: tests/schemas/README.md names its source.
XSD = Path(__file__).parent / "schemas" / "schedule.xml.xsd"
BASIC = ROOTS / "test-basic"
DEFAULT = REPO / "proceedings"


def proceedings(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``proceedings export|import-frab …`` in-process; (exit code, stdout, stderr)."""
    parser = _Parser(prog="proceedings")
    add_export_commands(parser.add_subparsers(dest="command", required=True, parser_class=_Parser))
    ns: argparse.Namespace = parser.parse_args(list(args))
    code = ns.func(ns)
    out, err = capsys.readouterr()
    return code, out, err


def exportable_events(project: Path) -> list[str]:
    result = load_project(project / "data", project)
    return [e.event.id for e in result.proceedings.events if e.event.timezone]


def write_data(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def berlin(tmp_path: Path) -> Path:
    """An event in Europe/Berlin over the night clocks go back (Sunday 27 October 2024, 03:00 CEST -> 02:00 CET)."""
    return write_data(
        tmp_path / "data",
        {
            "autumn/event.yaml": """\
                id: autumn2024
                title: Autumn Workshop
                location: Berlin
                start: 2024-10-26
                end: 2024-10-27
                timezone: Europe/Berlin
                url: https://autumn.example.org/
            """,
            "autumn/people.yaml": """\
                - id: grace-hopper
                  name: Grace Hopper
                  affiliation: US Navy
                  email: grace@example.org
                - id: alan-turing
                  name: Alan Turing
                  email: alan@example.org
            """,
            "autumn/contributions.yaml": """\
                - id: compilers-hopper
                  kind: keynote
                  title: Compilers for Everyone
                  authors: [grace-hopper]
                  slides: https://autumn.example.org/slides/hopper.pdf
                - id: night-turing
                  kind: contributed-talk
                  title: Computing Through the Night
                  authors: [alan-turing]
            """,
            "autumn/schedule.yaml": """\
                days:
                  - date: 2024-10-26
                    sessions:
                      - id: sat
                        title: Saturday
                        slots:
                          - {start: "09:00", end: "10:00", contributions: [compilers-hopper]}
                  - date: 2024-10-27
                    sessions:
                      - id: night
                        slots:
                          - {start: "01:30", end: "03:30", contributions: [night-turing]}
                      - id: sun
                        slots:
                          - {start: "09:00", end: "10:00", kind: meal, title: Breakfast}
            """,
        },
    )


# --- frab XML -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "event"),
    [(BASIC, e) for e in exportable_events(BASIC)] + [(DEFAULT, e) for e in exportable_events(DEFAULT)],
)
def test_frab_xml_validates_against_the_xsd(project: Path, event: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings("export", "frab-xml", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(out.encode())
    assert schema.validate(doc), schema.error_log
    assert re.fullmatch(r"[a-z0-9_-]{4,}", doc.findtext("conference/acronym"))
    for element in doc.iter("event"):
        assert uuid.UUID(element.get("guid")).version == 5
        assert re.fullmatch(r"\d\d:\d\d", element.findtext("duration"))
        assert re.search(r"[+-]\d\d:\d\d$", element.findtext("date"))


# The C3VOC frab JSON schema that the export names in "$schema", vendored (tests/schemas/README.md). Upstream
# keeps two // comments in it, which JSON does not allow: they are dropped before parsing.
FRAB_JSON_SCHEMA = Path(__file__).parent / "schemas" / "frab-schedule.schema.json"


def frab_json_schema() -> dict[str, object]:
    text = FRAB_JSON_SCHEMA.read_text(encoding="utf-8")
    return json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("project", "event"),
    [(BASIC, e) for e in exportable_events(BASIC)] + [(DEFAULT, e) for e in exportable_events(DEFAULT)],
)
def test_frab_json_validates_against_the_schema_it_names(
    project: Path, event: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = proceedings("export", "frab-json", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    data = json.loads(out)
    schema = frab_json_schema()
    assert data["$schema"] == schema["$id"]
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    events = [e for day in data["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room]
    assert events and {e["language"] for e in events} == {"en"}


def _overlaps(events: list[tuple[str, dt.datetime, dt.timedelta, str]]) -> list[str]:
    """Pairs of (room, start, duration, title) that share a room and run at the same time."""
    found = []
    by_room: dict[str, list[tuple[dt.datetime, dt.datetime, str]]] = {}
    for room, start, duration, title in events:
        by_room.setdefault(room, []).append((start, start + duration, title))
    for room, placed in by_room.items():
        placed.sort()
        for n, (_start, end, title) in enumerate(placed):
            found += [f"{room}: {title} / {other}" for s, _, other in placed[n + 1 :] if s < end]
    return found


def _duration(text: str) -> dt.timedelta:
    hours, minutes = text.split(":")[:2]
    return dt.timedelta(hours=int(hours), minutes=int(minutes))


@pytest.mark.parametrize(
    ("project", "event"),
    [(BASIC, e) for e in exportable_events(BASIC)] + [(DEFAULT, e) for e in exportable_events(DEFAULT)],
)
def test_no_two_frab_events_of_one_room_overlap(project: Path, event: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings("export", "frab-json", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    days = json.loads(out)["schedule"]["conference"]["days"]
    events = [e for day in days for room in day["rooms"].values() for e in room]
    assert events
    placed = [(e["room"], dt.datetime.fromisoformat(e["date"]), _duration(e["duration"]), e["title"]) for e in events]
    assert _overlaps(placed) == []
    code, out, err = proceedings("export", "frab-xml", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    xml_events = [
        (
            room.get("name"),
            dt.datetime.fromisoformat(e.findtext("date")),
            _duration(e.findtext("duration")),
            e.findtext("title"),
        )
        for room in etree.fromstring(out.encode()).iter("room")
        for e in room.iter("event")
    ]
    assert sorted(xml_events) == sorted(placed)
    assert _overlaps(xml_events) == []


def test_a_shared_slot_is_one_frab_event_like_the_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    """Nine system updates share one slot: one frab event and one VEVENT, with every speaker and update."""
    _, out, _ = proceedings("export", "frab-json", str(DEFAULT), "--event", "nips2017", capsys=capsys)
    days = json.loads(out)["schedule"]["conference"]["days"]
    at_1320 = [e for day in days for room in day["rooms"].values() for e in room if e["start"] == "13:20"]
    assert len(at_1320) == 1
    (updates,) = at_1320
    assert updates["title"] == "Updates from Current ML Systems"
    assert len(updates["persons"]) == 8
    assert [link["title"] for link in updates["links"]][:2] == ["Slides: TensorFlow", "Slides: PyTorch"]
    _, ics_text, _ = proceedings("export", "ics", str(DEFAULT), "--event", "nips2017", capsys=capsys)
    vevents = Calendar.from_ical(ics_text).walk("VEVENT")
    (vevent,) = [e for e in vevents if e.decoded("DTSTART").strftime("%H:%M") == "13:20"]
    assert str(vevent["SUMMARY"]) == updates["title"]
    assert str(vevent["UID"]) == updates["guid"]
    for system in ("TensorFlow", "PyTorch", "Caffe2", "CNTK", "MXNet", "TVM", "Clipper", "MacroBase", "ModelDB"):
        assert f"System update: {system}\n" in updates["description"]
        assert f"System update: {system}\n" in str(vevent["DESCRIPTION"])


def test_frab_language_comes_from_the_event(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(BASIC, project, ignore=shutil.ignore_patterns("_build", "_proceedings"))
    event_yaml = project / "data" / "demo2024" / "event.yaml"
    event_yaml.write_text(event_yaml.read_text(encoding="utf-8") + "language: de\n", encoding="utf-8")
    code, out, err = proceedings("export", "frab-json", str(project), "--event", "demo2024", capsys=capsys)
    assert code == 0, err
    days = json.loads(out)["schedule"]["conference"]["days"]
    assert {e["language"] for day in days for room in day["rooms"].values() for e in room} == {"de"}
    code, out, err = proceedings("export", "frab-xml", str(project), "--event", "demo2024", capsys=capsys)
    assert code == 0, err
    assert {e.text for e in etree.fromstring(out.encode()).iter("language")} == {"de"}


def test_the_default_book_exports_two_events() -> None:
    assert sorted(exportable_events(DEFAULT)) == ["nips2017", "sosp2017"]


def test_an_event_without_timezone_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings("export", "frab-xml", str(DEFAULT), "--event", "neurips2018", capsys=capsys)
    assert code == 1
    assert out == ""
    assert "proceedings/data/neurips2018/event.yaml:" in err
    assert "has no timezone; schedule exports (frab, iCalendar) need one" in err
    assert "Traceback" not in err


def test_a_day_without_date_is_refused(berlin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schedule = berlin / "autumn/schedule.yaml"
    schedule.write_text(schedule.read_text().replace("  - date: 2024-10-27\n", "  - title: Sunday\n"))
    code, _out, err = proceedings("export", "ics", str(berlin), capsys=capsys)
    assert code == 1
    assert re.search(r"autumn/schedule\.yaml:\d+:\d+: error: day 2 of event 'autumn2024' has no date", err)
    assert "autumn/event.yaml" in err


def test_guids_are_stable_across_exports(berlin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def guids() -> list[str]:
        code, out, _ = proceedings("export", "frab-xml", str(berlin), capsys=capsys)
        assert code == 0
        return [e.get("guid") for e in etree.fromstring(out.encode()).iter("event")]

    first = guids()
    # Editing a title changes the schedule, not the identity of its events.
    contributions = berlin / "autumn/contributions.yaml"
    contributions.write_text(contributions.read_text().replace("Compilers for Everyone", "Compilers for All"))
    assert guids() == first
    assert len(set(first)) == 3


# --- iCalendar ------------------------------------------------------------------


def test_ics_has_utc_times_right_across_the_dst_change(berlin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings("export", "ics", str(berlin), capsys=capsys)
    assert code == 0, err
    cal = Calendar.from_ical(out)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    utc = {
        name: (e.decoded("DTSTART").astimezone(dt.UTC), e.decoded("DTEND").astimezone(dt.UTC))
        for name, e in events.items()
    }
    assert utc["Compilers for Everyone"] == (
        dt.datetime(2024, 10, 26, 7, 0, tzinfo=dt.UTC),
        dt.datetime(2024, 10, 26, 8, 0, tzinfo=dt.UTC),
    )
    assert utc["Breakfast"] == (
        dt.datetime(2024, 10, 27, 8, 0, tzinfo=dt.UTC),
        dt.datetime(2024, 10, 27, 9, 0, tzinfo=dt.UTC),
    )
    # 01:30 CEST to 03:30 CET: three hours, not two.
    assert utc["Computing Through the Night"] == (
        dt.datetime(2024, 10, 26, 23, 30, tzinfo=dt.UTC),
        dt.datetime(2024, 10, 27, 2, 30, tzinfo=dt.UTC),
    )
    keynote = str(events["Compilers for Everyone"]["DESCRIPTION"])
    assert "Speakers: Grace Hopper (US Navy)" in keynote
    assert "Slides: https://autumn.example.org/slides/hopper.pdf" in keynote
    assert "Saturday" in keynote
    assert "grace@example.org" not in out

    _, again, _ = proceedings("export", "ics", str(berlin), capsys=capsys)
    assert [e["UID"] for e in Calendar.from_ical(again).walk("VEVENT")] == [e["UID"] for e in cal.walk("VEVENT")]


def test_ics_is_the_same_file_from_the_same_data(
    berlin: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    for out in (first, second):
        code, _, err = proceedings("export", "ics", str(berlin), "--out", str(out), capsys=capsys)
        assert code == 0, err
    assert first.read_bytes() == second.read_bytes()
    stamps = {e.decoded("DTSTAMP") for e in Calendar.from_ical(first.read_text(encoding="utf-8")).walk("VEVENT")}
    assert stamps == {dt.datetime(2024, 10, 26, tzinfo=dt.UTC)}  # the event's first day, not the time of export
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, out, _ = proceedings("export", "ics", str(berlin), capsys=capsys)
    stamps = {e.decoded("DTSTAMP") for e in Calendar.from_ical(out).walk("VEVENT")}
    assert stamps == {dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)}


def test_frab_duration_is_elapsed_time(berlin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = proceedings("export", "frab-json", str(berlin), capsys=capsys)
    days = json.loads(out)["schedule"]["conference"]["days"]
    night = next(e for e in days[1]["rooms"]["Berlin"] if e["title"] == "Computing Through the Night")
    assert (night["date"], night["start"], night["duration"]) == ("2024-10-27T01:30:00+02:00", "01:30", "03:00")


# --- frab JSON in and out ---------------------------------------------------------


@pytest.mark.parametrize(("project", "event"), [(BASIC, "demo2024"), (DEFAULT, "nips2017"), (DEFAULT, "sosp2017")])
def test_frab_json_round_trip(project: Path, event: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, exported, err = proceedings("export", "frab-json", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    source = tmp_path / "schedule.json"
    source.write_text(exported, encoding="utf-8")
    into = tmp_path / "data"
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 0, err
    assert not load_project(into).problems.errors
    code, again, err = proceedings("export", "frab-json", str(into), capsys=capsys)
    assert code == 0, err
    assert json.loads(again) == json.loads(exported)


def test_import_is_safe_to_repeat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, exported, _ = proceedings("export", "frab-json", str(BASIC), capsys=capsys)
    source = tmp_path / "schedule.json"
    source.write_text(exported, encoding="utf-8")
    into = tmp_path / "data"
    code, out, _ = proceedings("import-frab", str(source), "--into", str(into), "--dry-run", capsys=capsys)
    assert code == 0 and not into.exists()
    assert "demo2024/schedule.yaml (new)" in out
    proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 0 and "unchanged" in err and "wrote" not in err
    event = into / "demo2024/event.yaml"
    event.write_text(event.read_text().replace("Demo Workshop", "My Workshop"))
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 1
    assert "event.yaml: error: exists and differs; pass --force to overwrite it" in err
    assert "My Workshop" in event.read_text()
    code, _, _ = proceedings("import-frab", str(source), "--into", str(into), "--force", capsys=capsys)
    assert code == 0 and "My Workshop" not in event.read_text()


PRETALX = {
    "$schema": "https://c3voc.de/schedule/schema.json",
    "schedule": {
        "version": "0.3",
        "conference": {
            "acronym": "fossconf-2025",
            "title": "FOSS Conf 2025",
            "start": "2025-03-29",
            "end": "2025-03-30",
            "daysCount": 2,
            "timeslot_duration": "00:05",
            "time_zone_name": "Europe/Berlin",
            "rooms": [{"name": "Hall A", "guid": "0f8a5b5e-7a39-4f7c-9d0a-6b2d2c1b1e11"}],
            "days": [
                {
                    "index": 1,
                    "date": "2025-03-29",
                    "day_start": "2025-03-29T04:00:00+01:00",
                    "day_end": "2025-03-30T03:59:00+01:00",
                    "rooms": {
                        "Hall A": [
                            {
                                "guid": "5d7a4c2e-4b1f-5f7e-9a0c-1c2b3d4e5f60",
                                "id": 101,
                                "code": "ABC123",
                                "date": "2025-03-29T10:00:00+01:00",
                                "start": "10:00",
                                "duration": "00:40",
                                "room": "Hall A",
                                "slug": "fossconf-2025-101-rust-everywhere",
                                "title": "Rust Everywhere",
                                "subtitle": "",
                                "track": "Systems",
                                "type": "Talk",
                                "language": "en",
                                "abstract": "Why *Rust*.",
                                "description": "",
                                "persons": [{"code": "XYZ789", "name": "Ferris Crab", "biography": "A crab."}],
                                "links": [],
                                "url": "https://pretalx.example.org/fossconf-2025/talk/ABC123/",
                            },
                            {
                                "guid": "6e8b5d3f-5c2a-5a8f-8b1d-2d3c4e5f6a71",
                                "id": 102,
                                "date": "2025-03-29T12:00:00+01:00",
                                "start": "12:00",
                                "duration": "01:00",
                                "room": "Hall A",
                                "slug": "fossconf-2025-102-lunch",
                                "title": "Lunch",
                                "subtitle": "",
                                "track": None,
                                "type": "Lunch",
                                "abstract": "",
                                "persons": [],
                                "links": [],
                            },
                            {
                                "guid": "7f9c6e4a-6d3b-5b9a-9c2e-3e4f5a6b7c82",
                                "id": 103,
                                "date": "2025-03-29T14:00:00+01:00",
                                "start": "14:00",
                                "duration": "00:30",
                                "room": "Hall A",
                                "slug": "fossconf-2025-103-unconf",
                                "title": "Unconference",
                                "subtitle": "",
                                "track": None,
                                "type": "Barcamp",
                                "abstract": "",
                                "persons": [{"name": "Ferris Crab"}],
                                "links": [],
                            },
                        ]
                    },
                },
                {
                    "index": 2,
                    "date": "2025-03-30",
                    "day_start": "2025-03-30T04:00:00+02:00",
                    "day_end": "2025-03-31T03:59:00+02:00",
                    "rooms": {},
                },
            ],
        },
    },
}


def test_import_of_a_pretalx_schedule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "pretalx.json"
    source.write_text(json.dumps(PRETALX), encoding="utf-8")
    into = tmp_path / "data"
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 0, err
    assert "unknown event type 'Barcamp' (\"Unconference\"); imported as 'contributed-talk'" in err
    result = load_project(into)
    assert not result.problems.errors, [p.format() for p in result.problems]
    (data,) = result.proceedings.events
    assert (data.event.id, data.event.timezone, data.event.start, data.event.end) == (
        "fossconf-2025",
        "Europe/Berlin",
        dt.date(2025, 3, 29),
        dt.date(2025, 3, 30),
    )
    talk = next(c for c in data.contributions if c.title == "Rust Everywhere")
    assert (talk.id, talk.kind.value, talk.person_ids, talk.abstract) == (
        "101-rust-everywhere",
        "contributed-talk",
        ["ferris-crab"],
        "Why *Rust*.",
    )
    assert result.proceedings.people["ferris-crab"].bio == "A crab."
    slots = [slot for day in data.schedule.days for s in day.sessions for slot in s.slots]
    assert [(str(s.start), str(s.end), s.kind.value, s.title) for s in slots][:2] == [
        ("10:00:00", "10:40:00", "contribution", None),
        ("12:00:00", "13:00:00", "meal", "Lunch"),
    ]


def test_import_reports_broken_json_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"schedule": {\n  "conference": {"title": "x",}\n}}\n', encoding="utf-8")
    code, _, err = proceedings("import-frab", str(source), "--into", str(tmp_path / "data"), capsys=capsys)
    assert code == 1
    assert re.search(r"broken\.json:2:\d+: error: not valid JSON", err)
    assert "Traceback" not in err


# --- model JSON -----------------------------------------------------------------


def test_model_json_has_everything_but_emails(berlin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = proceedings("export", "json", str(berlin), capsys=capsys)
    assert code == 0, err
    data = json.loads(out)
    assert "@example.org" not in out
    assert all("email" not in person for person in data["people"].values())
    assert data["people"]["grace-hopper"]["affiliation"] == "US Navy"
    assert data["events"][0]["schedule"]["days"][1]["sessions"][0]["slots"][0]["start"] == "01:30:00"


def test_model_json_for_one_event_holds_that_event_and_its_people(capsys: pytest.CaptureFixture[str]) -> None:
    project = REPO / "proceedings"
    everything = json.loads(proceedings("export", "json", str(project), capsys=capsys)[1])
    assert len(everything["events"]) > 1
    event = everything["events"][0]["event"]["id"]
    code, out, err = proceedings("export", "json", str(project), "--event", event, capsys=capsys)
    assert code == 0, err
    alone = json.loads(out)
    assert [e["event"]["id"] for e in alone["events"]] == [event]
    named = {m["person"] for m in alone["events"][0]["event"]["organizers"]}
    named |= {a["person"] for c in alone["events"][0]["contributions"] for a in c["authors"]}
    assert named and named <= set(alone["people"])
    assert len(alone["people"]) < len(everything["people"])


def test_model_json_refuses_an_unknown_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = proceedings("export", "json", str(REPO / "proceedings"), "--event", "nosuch", capsys=capsys)
    assert code == 2 and "no event 'nosuch'" in err


# --- the HTML book ----------------------------------------------------------------


def test_html_build_writes_schedule_files(copy_root: Callable[[str], Path]) -> None:
    src = copy_root("basic")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text() + "\n\ndef setup(app):\n"
        "    from sphinx_proceedings.book.schedule_files import setup_exports\n"
        "    setup_exports(app)\n"
    )
    build = run_build(src, src / "_build")
    folder = build.outdir / "_proceedings/demo2024"
    cal = Calendar.from_ical((folder / "schedule.ics").read_text(encoding="utf-8"))
    assert len(cal.walk("VEVENT")) == 3
    frab = json.loads((folder / "schedule.json").read_text(encoding="utf-8"))
    assert frab["schedule"]["conference"]["acronym"] == "demo2024"


def test_import_of_long_slugs_and_names_gives_ids_check_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pretalx slugs carry the whole title; ids are at most MAX_ID_LENGTH characters (data/model.py)."""
    data = json.loads(json.dumps(PRETALX))
    talk = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    long_title = " ".join(["Everything"] * 30)
    talk.update(slug=f"fossconf-2025-101-{'-'.join(['everything'] * 30)}", title=long_title, track=long_title)
    talk["persons"][0]["name"] = "Ferris " + "Crabbington-" * 12 + "Crab"
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    into = tmp_path / "data"
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 0, err
    result = load_project(into)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    ids = [c.id for e in result.proceedings.events for c in e.contributions] + list(result.proceedings.people)
    ids += [s.id for e in result.proceedings.events for d in e.schedule.days for s in d.sessions]
    assert ids and max(len(i) for i in ids) <= MAX_ID_LENGTH, ids


def test_import_of_control_characters_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(json.dumps(PRETALX))
    talk = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    talk["title"] = "Rust \x1b[31mEverywhere"
    source = tmp_path / "schedule.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    into = tmp_path / "data"
    code, _, err = proceedings("import-frab", str(source), "--into", str(into), capsys=capsys)
    assert code == 1
    assert "Hall A[0].title: control characters are not allowed: U+001B" in err, err
    assert not into.exists()
