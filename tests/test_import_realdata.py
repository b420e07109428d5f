"""Coverage of `proceedings import site` on the real workshop pages of ../shared/realdata, per edition.

The facts (tests/fixtures/realdata_facts.json: paper and talk titles, speakers, organizers, the
event's date) were listed from the pages by reading them, not by the importer. Each edition's
folder is imported on its own and the share of each kind of fact found in the imported data is
printed; it may not fall below what the importer reached when the test was written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project

REPO = Path(__file__).parent.parent
REALDATA = REPO.parent / "shared" / "realdata"
FACTS = json.loads((Path(__file__).parent / "fixtures" / "realdata_facts.json").read_text(encoding="utf-8"))
# The shares reached (by kind of fact, over all editions) when this test was written: a floor, not a goal.
FLOOR = {"papers": 0.97, "talks": 0.99, "speakers": 0.97, "organizers": 1.0, "dates": 0.88}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def imported_facts(data: Path) -> dict[str, set[str]]:
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors][:5]
    (ev,) = result.proceedings.events
    people = result.proceedings.people
    talks = [c for c in ev.contributions if c.kind.is_talk]
    return {
        "papers": {norm(c.title) for c in ev.contributions},
        "talks": {norm(c.title) for c in talks},
        "speakers": {norm(people[a.person].name) for c in talks for a in c.authors}
        | {norm(p.name) for p in people.values() if p.bio},
        "organizers": {norm(people[m.person].name) for m in ev.event.organizers},
        "dates": {str(ev.event.start)},
    }


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not there")
def test_realdata_coverage_per_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    totals: dict[str, list[int]] = {k: [0, 0] for k in FLOOR}
    lines = []
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
        lines.append(f"{edition}: " + ", ".join(row))
    shares = {k: (hit / n if n else 1.0) for k, (hit, n) in totals.items()}
    with capsys.disabled():
        print("\nimport coverage on ../shared/realdata")
        print("\n".join(lines))
        print("all: " + ", ".join(f"{k} {hit}/{n} ({hit / n:.0%})" for k, (hit, n) in totals.items() if n))
    for kind, floor in FLOOR.items():
        assert shares[kind] >= floor, (kind, shares[kind])
