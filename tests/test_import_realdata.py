"""Coverage of `proceedings import site` on the real workshop pages of ../shared/realdata, per edition.

The facts (tests/fixtures/realdata_facts.json: paper and talk titles, speakers, organizers, the
event's date) were listed from the pages by reading them, not by the importer. Each edition's
folder is imported on its own and the share of each kind of fact found in the imported data is
printed; it may not fall below what the importer reached when the test was written, and no
edition may fall below 95 % of any kind of fact.

A fact is found in the imported data as the data records it, which is sometimes not one title per
fact (see ``imported_facts``):
- a contribution answers to its title, to the other title the import noted beside it when the
  schedule and the list of papers name one paper two ways ("Listed among the papers as '…'"), and
  to its main title when the page gives it on with a subtitle ('Title: Subtitle');
- a slot that holds several talks under one title ('Updates from Current ML Systems: TensorFlow,
  PyTorch, …') is that talk as the schedule names it: a book lists the slot with its talks in it;
- a person written 'Zhaoxia (Summer) Deng' answers to 'Summer Deng' and 'Zhaoxia Deng', the names
  that whole name itself gives.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import Contribution
from sphinx_proceedings.importers.people_index import nickname_variants

REPO = Path(__file__).parent.parent
# PROCEEDINGS_REALDATA names the folder when the checkout is not beside ../shared (a git worktree).
REALDATA = Path(os.environ.get("PROCEEDINGS_REALDATA") or REPO.parent / "shared" / "realdata")
FACTS = json.loads((Path(__file__).parent / "fixtures" / "realdata_facts.json").read_text(encoding="utf-8"))
# The shares reached (by kind of fact, over all editions) when this test was written: a floor, not a goal.
FLOOR = {"papers": 1.0, "talks": 1.0, "speakers": 0.98, "organizers": 1.0, "dates": 1.0}
# What the issue asks of every edition, for every kind of fact.
EDITION_FLOOR = 0.95
# The other title of a contribution the import noted beside it: "Listed among the papers as '…'".
NOTED_TITLE = re.compile(r"\bas '(.+?)'(?=;|$)")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def titles(c: Contribution) -> set[str]:
    """The titles a contribution answers to: its own, the one noted beside it, their main titles."""
    found = {c.title, *NOTED_TITLE.findall(c.note or "")}
    mains = {t[: m.start()] for t in found for m in re.finditer(r":", t)}  # 'Title: Subtitle' -> 'Title'
    return {norm(t) for t in found | mains if norm(t)}


def names(name: str) -> set[str]:
    """'Zhaoxia (Summer) Deng' -> itself, 'Summer Deng' and 'Zhaoxia Deng'."""
    return {norm(n) for n in [name, *nickname_variants(name)]}


def imported_facts(data: Path) -> dict[str, set[str]]:
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors][:5]
    (ev,) = result.proceedings.events
    people = result.proceedings.people
    talks = [c for c in ev.contributions if c.kind.is_talk]
    talk_ids = {c.id for c in talks}
    slots = [slot for day in ev.schedule.days for session in day.sessions for slot in session.slots]
    grouped = {norm(s.title) for s in slots if s.title and len(talk_ids.intersection(s.contributions)) > 1}
    return {
        "papers": {t for c in ev.contributions for t in titles(c)},
        "talks": {t for c in talks for t in titles(c)} | grouped,
        "speakers": {n for c in talks for a in c.authors for n in names(people[a.person].name)}
        | {n for p in people.values() if p.bio for n in names(p.name)},
        "organizers": {n for m in ev.event.organizers for n in names(people[m.person].name)},
        "dates": {str(ev.event.start)},
    }


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not there")
def test_realdata_coverage_per_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    totals: dict[str, list[int]] = {k: [0, 0] for k in FLOOR}
    lines = []
    low: list[str] = []
    for edition, facts in sorted(FACTS.items()):
        data = tmp_path / edition.replace("/", "_")
        argv = ["import", "site", str(REALDATA / edition), "--into", str(data), "--base-url", f"https://{edition}/"]
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 0, err[-2000:]
        assert "Traceback" not in err
        got = imported_facts(data)
        row = []
        for kind, wanted in facts.items():
            hit = sum(1 for fact in wanted if (norm(fact) if kind != "dates" else fact) in got[kind])
            totals[kind][0] += hit
            totals[kind][1] += len(wanted)
            row.append(f"{kind} {hit}/{len(wanted)}")
            if wanted and hit / len(wanted) < EDITION_FLOOR:
                low.append(f"{edition} {kind} {hit}/{len(wanted)}")
        lines.append(f"{edition}: " + ", ".join(row))
    shares = {k: (hit / n if n else 1.0) for k, (hit, n) in totals.items()}
    with capsys.disabled():
        print("\nimport coverage on ../shared/realdata")
        print("\n".join(lines))
        print("all: " + ", ".join(f"{k} {hit}/{n} ({hit / n:.0%})" for k, (hit, n) in totals.items() if n))
    for kind, floor in FLOOR.items():
        assert shares[kind] >= floor, (kind, shares[kind])
    assert not low, f"editions below {EDITION_FLOOR:.0%} of a kind of fact: {low}"
