"""One small bad fixture per class of problem, with the exact line the user is shown.

Each test copies ``tests/roots/test-basic`` into ``tmp_path``, makes one edit and
compares ``Problem.format(project)`` lines — place, severity, message and hint.
Tests marked ``xfail(strict=True)`` describe behaviour as it should be and fail today.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_proceedings.data.loader import LoadResult, load_project
from sphinx_proceedings.data.problems import Code, Severity, one_line

BASIC = Path(__file__).parent / "roots" / "test-basic"

EVENT = "data/demo2024/event.yaml"
PEOPLE = "data/demo2024/people.yaml"
CONTRIBUTIONS = "data/demo2024/contributions.yaml"
SCHEDULE = "data/demo2024/schedule.yaml"
BIB = "data/demo2024/references.bib"

Edit = str | bytes | Callable[[bytes], bytes]


def replace(old: str | bytes, new: str | bytes) -> Callable[[bytes], bytes]:
    """An edit that replaces ``old`` (which must occur exactly once) by ``new``."""
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new

    def edit(content: bytes) -> bytes:
        assert content.count(old_b) == 1, f"fixture text not found exactly once: {old!r}"
        return content.replace(old_b, new_b)

    return edit


def append(text: str | bytes) -> Callable[[bytes], bytes]:
    extra = text.encode() if isinstance(text, str) else text
    return lambda content: content + extra


def project(tmp_path: Path, edits: dict[str, Edit] | None = None) -> Path:
    """A copy of test-basic with ``edits`` applied: path -> new content or a function of the old."""
    root = tmp_path / "proj"
    shutil.copytree(BASIC, root, ignore=shutil.ignore_patterns("_proceedings", "_build"))
    for rel, edit in (edits or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(edit):
            path.write_bytes(edit(path.read_bytes()))
        else:
            path.write_bytes(edit.encode() if isinstance(edit, str) else edit)
    return root


def load(root: Path) -> LoadResult:
    return load_project(root / "data", root)


def lines(root: Path) -> list[str]:
    return [p.format(root) for p in load(root).problems]


def check(tmp_path: Path, edits: dict[str, Edit]) -> list[str]:
    return lines(project(tmp_path, edits))


# --- the baseline -----------------------------------------------------------


def test_unmodified_copy_is_clean(tmp_path: Path) -> None:
    result = load(project(tmp_path))
    assert [p.format() for p in result.problems] == []
    assert result.ok
    assert [e.event.id for e in result.proceedings.events] == ["demo2024"]


# --- YAML -------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("location: Vienna, Austria", "location: Vienna: Austria")})
    assert out == [
        "data/demo2024/event.yaml:6:17: error: YAML syntax: mapping values are not allowed in this context "
        "(hint: check the indentation and quoting on this line and the one above)"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("  title: Call for Papers", "\ttitle: Call for Papers")})
    assert out == [
        r"data/demo2024/event.yaml:23:1: error: YAML syntax: found a tab character that cannot start "
        r"any token (hint: indent with spaces, not tabs)"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("venue: DemoConf 2024\n", "venue: DemoConf 2024\nvenue: Other\n")})
    assert out == [
        "data/demo2024/event.yaml:6:1: error: YAML syntax: duplicate key 'venue' (first at line 5) "
        "(hint: each key may appear once in a mapping; remove or rename the second one)"
    ]


ALIASED_COMMITTEE = (
    "committee:\n  - &member\n    person: zhang-wei\n    affiliation: Tsinghua University\n  - *member\n"
)
ORIGINAL_COMMITTEE = "committee:\n  - person: zhang-wei\n    affiliation: Tsinghua University\n"


def test_yaml_alias_is_rejected(tmp_path: Path) -> None:
    result = load(project(tmp_path, {EVENT: replace(ORIGINAL_COMMITTEE, ALIASED_COMMITTEE)}))
    assert [(p.path.name, p.severity, p.code, p.message, p.hint) for p in result.problems] == [
        (
            "event.yaml",
            Severity.error,
            Code.yaml,
            "YAML anchors and aliases are not allowed in data files",
            "write the value out where it is needed",
        )
    ]
    assert result.proceedings.events == ()


def test_yaml_alias_is_reported_where_it_is_used(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace(ORIGINAL_COMMITTEE, ALIASED_COMMITTEE)})
    assert out == [
        "data/demo2024/event.yaml:23:5: error: YAML anchors and aliases are not allowed in data files "
        "(hint: write the value out where it is needed)"
    ]


def test_yaml_scalar_alias_is_rejected(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("short_title: Demo 2024", "short_title: &short Demo 2024\ncontact: *short")})
    assert out == [
        "data/demo2024/event.yaml:5:10: error: YAML anchors and aliases are not allowed in data files "
        "(hint: write the value out where it is needed)"
    ]


def test_yaml_anchor_is_rejected(tmp_path: Path) -> None:
    result = load(project(tmp_path, {EVENT: replace("short_title: Demo 2024", "short_title: &short Demo 2024")}))
    assert [(p.path.name, p.line, p.code, p.message) for p in result.problems] == [
        ("event.yaml", 4, Code.yaml, "YAML anchors and aliases are not allowed in data files")
    ]


def test_deeply_nested_yaml_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    nested = "[" * 300 + "]" * 300
    root = project(tmp_path, {EVENT: append(f"contact: {nested}\n")})
    try:
        result = load(root)
    except RecursionError:  # fail fast: pytest's report of a deep traceback takes seconds
        pytest.fail("load_project raised RecursionError", pytrace=False)
    assert [(p.path.name, p.severity, p.code) for p in result.problems] == [("event.yaml", Severity.error, Code.yaml)]


# --- encodings --------------------------------------------------------------


def test_invalid_utf8(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace(b"learned systems", b"learned syst\xe8mes")})
    assert out == ["data/demo2024/event.yaml:12:63: error: file is not valid UTF-8 (hint: save the file as UTF-8)"]


def test_utf8_bom_loads_fine(tmp_path: Path) -> None:
    bom = b"\xef\xbb\xbf"
    root = project(
        tmp_path, {name: (lambda content: bom + content) for name in (EVENT, PEOPLE, CONTRIBUTIONS, SCHEDULE, BIB)}
    )
    result = load(root)
    assert [p.format(root) for p in result.problems] == []
    (event,) = result.proceedings.events
    assert event.event.id == "demo2024"
    assert [c.id for c in event.contributions] == ["keynote-lovelace", "tangent-van-merrienboer", "indexes-zhang"]
    assert [r.key for r in event.references] == ["learned-index-1712.01208"]
    assert result.proceedings.people["bart-van-merrienboer"].name == "Bart van Merriënboer"
    assert len(event.schedule.days[0].sessions) == 2


def test_utf8_bom_keeps_columns(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: lambda content: b"\xef\xbb\xbf" + content.replace(b"location:", b"locaton:")})
    assert out == ["data/demo2024/event.yaml:6:1: error: unknown key 'locaton' (hint: did you mean 'location'?)"]


# --- types and keys ---------------------------------------------------------


def test_wrong_type(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("start: 2024-07-26", "start: next summer")})
    assert out == [
        "data/demo2024/event.yaml:7:8: error: start: Input should be a valid date or datetime, "
        "invalid character in year (got 'next summer')"
    ]


def test_wrong_type_deep_in_the_schedule(tmp_path: Path) -> None:
    out = check(tmp_path, {SCHEDULE: replace('start: "09:45"', 'start: "9.45am"')})
    assert out == [
        "data/demo2024/schedule.yaml:14:20: error: days[0].sessions[0].slots[1].start: Input should be in "
        "a valid time format, invalid character in hour (got '9.45am')"
    ]


def test_impossible_date_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = load(project(tmp_path, {EVENT: replace("start: 2024-07-26", "start: 2024-02-30")}))
    assert [(p.path.name, p.line, p.severity) for p in result.problems] == [("event.yaml", 7, Severity.error)]
    assert "2024-02-30" in result.problems[0].message


def test_invalid_record_is_not_also_reported_as_unknown(tmp_path: Path) -> None:
    out = check(tmp_path, {CONTRIBUTIONS: replace("  keywords: [autodiff, compilers]", "  keywords: autodiff")})
    assert out == [
        "data/demo2024/contributions.yaml:17:13: error: keywords: Input should be a valid list (got 'autodiff')"
    ]


def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("location:", "locaton:")})
    assert out == ["data/demo2024/event.yaml:6:1: error: unknown key 'locaton' (hint: did you mean 'location'?)"]


def test_unknown_nested_key_did_you_mean(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("    role: General chair", "    rol: General chair")})
    assert out == ["data/demo2024/event.yaml:16:5: error: unknown key 'rol' (hint: did you mean 'role'?)"]


# --- ids and references -----------------------------------------------------


def test_duplicate_person_id(tmp_path: Path) -> None:
    out = check(tmp_path, {PEOPLE: append("- id: ada-lovelace\n  name: Ada King\n")})
    assert out == [
        "data/demo2024/people.yaml:20:7: error: person id 'ada-lovelace' is listed twice in this file "
        "(first at line 7) (hint: merge the two entries)"
    ]


SECOND_EVENT = {
    "data/other2024/event.yaml": "id: other2024\ntitle: Other Workshop 2024\n",
    "data/other2024/contributions.yaml": "- id: indexes-zhang\n  kind: poster\n  title: Learned Indexes Again\n",
}


def test_duplicate_contribution_id_across_events(tmp_path: Path) -> None:
    root = project(tmp_path, SECOND_EVENT)
    (line,) = lines(root)
    assert line.startswith(
        "data/other2024/contributions.yaml:1:7: error: contribution id 'indexes-zhang' is already used at "
    )
    assert line.endswith("data/demo2024/contributions.yaml:18 (hint: give each contribution its own id)")


def test_duplicate_contribution_id_names_the_other_place_relative(tmp_path: Path) -> None:
    assert check(tmp_path, SECOND_EVENT) == [
        "data/other2024/contributions.yaml:1:7: error: contribution id 'indexes-zhang' is already used at "
        "data/demo2024/contributions.yaml:18 (hint: give each contribution its own id)"
    ]


def test_unknown_person_did_you_mean(tmp_path: Path) -> None:
    out = check(tmp_path, {CONTRIBUTIONS: replace("authors: [ada-lovelace]", "authors: [ada-lovelac]")})
    assert out == [
        "data/demo2024/contributions.yaml:5:13: error: unknown person 'ada-lovelac' "
        "(hint: did you mean 'ada-lovelace'?)"
    ]


def test_unknown_contribution_did_you_mean(tmp_path: Path) -> None:
    out = check(tmp_path, {SCHEDULE: replace("contributions: [keynote-lovelace]", "contributions: [keynote-lovelase]")})
    assert out == [
        "data/demo2024/schedule.yaml:13:29: error: unknown contribution 'keynote-lovelase' "
        "(hint: did you mean 'keynote-lovelace'?)"
    ]


def test_unreadable_people_file_does_not_cascade(tmp_path: Path) -> None:
    out = check(tmp_path, {PEOPLE: replace("José".encode(), b"Jos\xe9")})
    assert out == ["data/demo2024/people.yaml:18:12: error: file is not valid UTF-8 (hint: save the file as UTF-8)"]


# --- schedule ---------------------------------------------------------------


def test_slot_outside_its_session(tmp_path: Path) -> None:
    out = check(tmp_path, {SCHEDULE: replace('end: "10:30"\n        slots', 'end: "10:15"\n        slots')})
    assert out == [
        "data/demo2024/schedule.yaml:14:20: error: slot 09:45–10:30 lies outside its session 'demo2024-s1' "
        "(09:00–10:15) (hint: fix the slot's times or the session's start/end)"
    ]


def test_slot_ends_before_it_starts(tmp_path: Path) -> None:
    out = check(tmp_path, {SCHEDULE: replace('end: "09:45"', 'end: "08:45"')})
    assert out == [
        "data/demo2024/schedule.yaml:12:18: error: slot ends at 08:45, not after it starts at 09:00 "
        "(hint: a session or slot cannot run past midnight: end it at 23:59 and go on in the next day's schedule)"
    ]


def test_session_past_midnight(tmp_path: Path) -> None:
    late = replace('start: "09:00"\n        end: "10:30"', 'start: "23:00"\n        end: "01:00"')
    out = check(tmp_path, {SCHEDULE: late})
    assert out[0] == (
        "data/demo2024/schedule.yaml:9:14: error: session 'demo2024-s1' ends at 01:00, not after it starts at 23:00 "
        "(hint: a session or slot cannot run past midnight: end it at 23:59 and go on in the next day's schedule)"
    )


def test_time_the_clocks_skip_is_an_error(tmp_path: Path) -> None:
    # Vienna moved its clocks from 02:00 to 03:00 on 31 March 2024.
    day = replace("date: 2024-07-26", "date: 2024-03-31")
    times = replace('- start: "09:00"\n            end: "09:45"', '- start: "02:30"\n            end: "09:45"')
    out = check(tmp_path, {SCHEDULE: lambda text: times(day(text))})
    assert (
        "data/demo2024/schedule.yaml:11:20: error: 02:30 does not exist on 2024-03-31 in Europe/Vienna: "
        "the clocks jump over it (UTC+01:00 → UTC+02:00) (hint: move it to a time after the change)" in out
    )


def test_time_the_clocks_pass_twice_is_a_warning(tmp_path: Path) -> None:
    day = replace("date: 2024-07-26", "date: 2024-10-27")
    times = replace('- start: "09:00"\n            end: "09:45"', '- start: "02:30"\n            end: "09:45"')
    result = load(project(tmp_path, {SCHEDULE: lambda text: times(day(text))}))
    messages = [p.format(tmp_path / "proj") for p in result.problems]
    assert (
        "data/demo2024/schedule.yaml:11:20: warning: 02:30 happens twice on 2024-10-27 in Europe/Vienna "
        "(the clocks go back); the book means the first, at UTC+02:00" in messages
    )


def test_overlapping_slots_warn(tmp_path: Path) -> None:
    result = load(project(tmp_path, {SCHEDULE: replace('end: "09:45"', 'end: "09:50"')}))
    assert [p.format(tmp_path / "proj") for p in result.problems] == [
        "data/demo2024/schedule.yaml:14:20: warning: slot 'tangent-van-merrienboer' starts at 09:45, before "
        "'keynote-lovelace' (line 11) ends at 09:50 "
        "(hint: overlapping slots are fine for parallel tracks; otherwise fix the times)"
    ]
    assert result.ok  # a warning only


def test_invalid_timezone_with_suggestion(tmp_path: Path) -> None:
    out = check(tmp_path, {EVENT: replace("timezone: Europe/Vienna", "timezone: Europe/Viena")})
    assert out == [
        "data/demo2024/event.yaml:9:11: error: unknown timezone 'Europe/Viena' (hint: did you mean 'Europe/Vienna'?)"
    ]


# --- links and files --------------------------------------------------------

LEAVES = "(hint: copy the file into the project and link it by a relative path)"


@pytest.mark.parametrize("target", ["../../../secret.pdf", "/etc/passwd"])
def test_path_leaving_the_project(tmp_path: Path, target: str) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF")
    out = check(tmp_path, {CONTRIBUTIONS: replace("slides: slides/keynote.pdf", f"slides: {target}")})
    assert out == [f"data/demo2024/contributions.yaml:7:11: error: path '{target}' leaves the project {LEAVES}"]


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs symlinks")
def test_symlink_leaving_the_project(tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_bytes(b"%PDF")
    root = project(tmp_path, {CONTRIBUTIONS: replace("slides: slides/keynote.pdf", "slides: slides/evil.pdf")})
    (root / "data/demo2024/slides/evil.pdf").symlink_to(tmp_path / "secret.pdf")
    assert lines(root) == [
        f"data/demo2024/contributions.yaml:7:11: error: path 'slides/evil.pdf' leaves the project {LEAVES}"
    ]


def test_missing_file(tmp_path: Path) -> None:
    root = project(tmp_path, {CONTRIBUTIONS: replace("slides: slides/keynote.pdf", "slides: slides/nope.pdf")})
    (line,) = lines(root)
    assert line.startswith(
        "data/demo2024/contributions.yaml:7:11: error: file 'slides/nope.pdf' does not exist "
        "(hint: paths are relative to "
    )
    assert line.endswith("data/demo2024)")


def test_missing_file_hint_is_project_relative(tmp_path: Path) -> None:
    out = check(tmp_path, {CONTRIBUTIONS: replace("slides: slides/keynote.pdf", "slides: slides/nope.pdf")})
    assert out == [
        "data/demo2024/contributions.yaml:7:11: error: file 'slides/nope.pdf' does not exist "
        "(hint: paths are relative to data/demo2024)"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "JavaScript:alert(1)"])
def test_non_http_urls(tmp_path: Path, url: str) -> None:
    out = check(tmp_path, {CONTRIBUTIONS: replace("slides: slides/keynote.pdf", f'slides: "{url}"')})
    assert out == [
        f"data/demo2024/contributions.yaml:7:11: error: link '{url}' is not an http(s) URL "
        "(hint: use an https:// URL or a path to a file inside the project)"
    ]


# --- BibTeX -----------------------------------------------------------------

BIB_WITH_BAD_MIDDLE = (
    "@misc{first,\n  title = {First},\n}\n"
    "\n"
    "@misc{broken\n  title = {No comma after the key},\n}\n"
    "\n"
    "@misc{last,\n  title = {Last},\n}\n"
)


def test_malformed_bibtex_entry_with_its_line(tmp_path: Path) -> None:
    root = project(tmp_path, {BIB: BIB_WITH_BAD_MIDDLE})
    result = load(root)
    assert [p.format(root) for p in result.problems] == [
        "data/demo2024/references.bib:5:1: error: malformed BibTeX entry: Expected comma after entry key, "
        "but found = (hint: check the braces and commas of this entry)"
    ]
    # the entries around the broken one are still read
    assert [r.key for r in result.proceedings.events[0].references] == ["first", "last"]


def test_duplicate_bibtex_key(tmp_path: Path) -> None:
    out = check(tmp_path, {BIB: append("\n@misc{learned-index-1712.01208,\n  title = {Another},\n}\n")})
    assert out == [
        "data/demo2024/references.bib:8:1: error: duplicate BibTeX key 'learned-index-1712.01208' "
        "(hint: rename or remove one of the entries)"
    ]


# --- names ------------------------------------------------------------------

NEAR_DUPLICATE = {PEOPLE: append("- id: jose-garcia-2\n  name: Jose Garcia\n")}


def test_near_duplicate_person_names_warn(tmp_path: Path) -> None:
    root = project(tmp_path, NEAR_DUPLICATE)
    result = load(root)
    assert result.ok
    (line,) = [p.format(root) for p in result.problems]
    assert line.startswith(
        "data/demo2024/people.yaml:21:9: warning: 'Jose Garcia' (jose-garcia-2) reads almost "
        "like 'José García' (jose-garcia) at "
    )
    assert line.endswith(
        "data/demo2024/people.yaml:18 (hint: if they are one person, use one id; otherwise ignore this warning)"
    )


def test_near_duplicate_names_both_places_relative(tmp_path: Path) -> None:
    assert check(tmp_path, NEAR_DUPLICATE) == [
        "data/demo2024/people.yaml:21:9: warning: 'Jose Garcia' (jose-garcia-2) reads almost like "
        "'José García' (jose-garcia) at data/demo2024/people.yaml:18 "
        "(hint: if they are one person, use one id; otherwise ignore this warning)"
    ]


# --- collecting, not stopping at the first error ----------------------------

BROKEN_EVENT_AND_MORE: dict[str, Edit] = {
    EVENT: replace("location: Vienna, Austria", "location: Vienna: Austria"),
    PEOPLE: replace("  name: Ada Lovelace\n", "  name: Ada Lovelace\n  nmae: Ada\n"),
    CONTRIBUTIONS: replace("  keywords: [autodiff, compilers]", "  keywords: autodiff"),
    SCHEDULE: replace("chairs: [ada-lovelace]", "chairs: ada-lovelace"),
    BIB: append("\n@misc{broken\n  title = {y},\n}\n"),
}


def test_broken_event_yaml_still_reports_the_other_files(tmp_path: Path) -> None:
    out = check(tmp_path, BROKEN_EVENT_AND_MORE)
    assert out == [
        "data/demo2024/contributions.yaml:17:13: error: keywords: Input should be a valid list (got 'autodiff')",
        "data/demo2024/event.yaml:6:17: error: YAML syntax: mapping values are not allowed in this context "
        "(hint: check the indentation and quoting on this line and the one above)",
        "data/demo2024/people.yaml:9:3: error: unknown key 'nmae' (hint: did you mean 'name'?)",
        "data/demo2024/references.bib:8:1: error: malformed BibTeX entry: Expected comma after entry key, "
        "but found = (hint: check the braces and commas of this entry)",
        "data/demo2024/schedule.yaml:7:17: error: days[0].sessions[0].chairs: Input should be a valid list "
        "(got 'ada-lovelace')",
    ]


@pytest.mark.xfail(
    strict=True,
    reason="when event.yaml is broken the event is dropped before "
    "check_proceedings, so references and links in its other files "
    "are never checked",
)
def test_broken_event_yaml_still_checks_references_of_the_folder(tmp_path: Path) -> None:
    out = check(
        tmp_path,
        {
            EVENT: replace("location: Vienna, Austria", "location: Vienna: Austria"),
            CONTRIBUTIONS: replace("authors: [ada-lovelace]", "authors: [ada-lovelac]"),
            SCHEDULE: replace("contributions: [keynote-lovelace]", "contributions: [keynote-lovelase]"),
        },
    )
    assert out == [
        "data/demo2024/contributions.yaml:5:13: error: unknown person 'ada-lovelac' "
        "(hint: did you mean 'ada-lovelace'?)",
        "data/demo2024/event.yaml:6:17: error: YAML syntax: mapping values are not allowed in this context "
        "(hint: check the indentation and quoting on this line and the one above)",
        "data/demo2024/schedule.yaml:13:29: error: unknown contribution 'keynote-lovelase' "
        "(hint: did you mean 'keynote-lovelace'?)",
    ]


def test_errors_in_several_files_are_all_collected(tmp_path: Path) -> None:
    out = check(
        tmp_path,
        {
            EVENT: replace("timezone: Europe/Vienna", "timezone: Europe/Viena"),
            CONTRIBUTIONS: replace("authors: [ada-lovelace]", "authors: [ada-lovelac]"),
            SCHEDULE: replace('end: "09:45"', 'end: "08:45"'),
        },
    )
    assert [line.split(": error: ")[0] for line in out] == [
        "data/demo2024/contributions.yaml:5:13",
        "data/demo2024/event.yaml:9:11",
        "data/demo2024/schedule.yaml:12:18",
    ]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])  # YAML itself refuses or folds the others
def test_a_quoted_line_separator_keeps_the_report_on_one_line(tmp_path: Path, separator: str) -> None:
    """An id with a Unicode line break (which str.splitlines and many terminals break at) is quoted escaped."""
    lines = (BASIC / CONTRIBUTIONS).read_text(encoding="utf-8").splitlines(keepends=True)
    (first,) = [line for line in lines if line.startswith("- id: ")][:1]
    old_id = first.removeprefix("- id: ").strip()
    edited = f"{old_id[:2]}{separator}{old_id[2:]}"
    reported = [
        line
        for line in check(tmp_path, {CONTRIBUTIONS: replace(first, f'- id: "{edited}"\n')})
        if "is not a valid id" in line
    ]
    assert reported, "the broken id is reported"
    for line in reported:
        assert line.splitlines() == [line]
        assert f"\\u{ord(separator):04x}" in line


def test_one_line_escapes_every_break_splitlines_knows() -> None:
    breaks = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    assert len(f"a{breaks}b".splitlines()) > 1
    assert one_line(f"a{breaks}b").splitlines() == [one_line(f"a{breaks}b")]
    assert one_line("plain – text é") == "plain – text é"
