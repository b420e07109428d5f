"""The seeds imported with `proceedings import site` give the hand-made `proceedings/data` facts they carry.

Each event's seed pages (and only them) are imported into a temporary data folder and compared with the
hand-made folder on what the seed says: text, dates, places, people and their per-event affiliations,
speakers, the call for papers, contact and footnoted references. Where the hand-made data holds more
(facts from other pages of the real site), only the seed's part is compared.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.model import EventData, Person

REPO = Path(__file__).parent.parent
HAND = REPO / "proceedings" / "data"
SEEDS = REPO.parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not there")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def load_event(data: Path, event_id: str) -> tuple[EventData, dict[str, Person]]:
    result = load_project(data)
    assert not result.problems.errors, [p.format() for p in result.problems.errors]
    event = next(e for e in result.proceedings.events if e.event.id == event_id)
    return event, dict(result.proceedings.people)


def imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], event_id: str, base_url: str, *pages: Path
) -> tuple[EventData, dict[str, Person], str]:
    """`proceedings import site PAGES --into TMP` and the event it wrote; also the report on stderr."""
    argv = ["import", "site", *map(str, pages), "--into", str(tmp_path / "imported")]
    code = main([*argv, "--event-id", event_id, "--base-url", base_url])
    err = capsys.readouterr().err
    assert code == 0, err
    return (*load_event(tmp_path / "imported", event_id), err)


def hand_made(tmp_path: Path, event_id: str) -> tuple[EventData, dict[str, Person]]:
    """The hand-made event on its own (people are not merged with the other events)."""
    shutil.copytree(HAND / event_id, tmp_path / "hand" / event_id)
    return load_event(tmp_path / "hand", event_id)


def paragraphs(text: str | None) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def lines(text: str | None) -> set[str]:
    """Blocks and list items of a Markdown text, each as plain words."""
    out = set()
    for line in (text or "").split("\n"):
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        line = re.sub(r"\\([*_%#])", r"\1", line)
        if line.strip():
            out.add(" ".join(line.split()))
    return out


def members(ms) -> list[tuple[str, str | None, str | None]]:
    return [(m.person, m.affiliation, m.role) for m in ms]


def seed_dates(event: EventData, *names: str) -> set[tuple[str, object, str | None, bool]]:
    """Important dates of the hand-made call whose source is one of the seed files ``names``."""
    cfp = event.event.call_for_papers
    return {
        (d.label, d.date, d.time, d.extended)
        for d in (cfp.important_dates if cfp else [])
        if any(n in (d.source or "") for n in names)
    }


def all_dates(event: EventData) -> set[tuple[str, object, str | None, bool]]:
    cfp = event.event.call_for_papers
    return {(d.label, d.date, d.time, d.extended) for d in (cfp.important_dates if cfp else [])}


def references(event: EventData) -> dict[str, tuple[str | None, str | None]]:
    """url -> (title, arXiv eprint); BibTeX keys may differ."""
    unescape = lambda s: s.replace("\\%", "%") if s else s  # noqa: E731
    return {r.fields["url"]: (unescape(r.title), r.fields.get("eprint")) for r in event.references}


def assert_people_agree(mine: dict[str, Person], hand: dict[str, Person], ids: set[str]) -> None:
    """What the seed says about each person is what the hand-made record says."""
    for pid in ids:
        assert pid in hand, f"{pid} is not a hand-made person id"
        got, want = mine[pid], hand[pid]
        assert got.name == want.name
        for attr in ("email", "homepage", "bio", "photo"):
            if getattr(got, attr):
                assert getattr(got, attr) == getattr(want, attr), (pid, attr)
        for network, url in got.social.items():
            assert want.social.get(network) == url, (pid, network)


def test_sosp2017_overview_and_call_for_posters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overview, call = seed("001"), seed("003")
    ev, people, err = imported(tmp_path, capsys, "sosp2017", "https://learningsys.org/sosp17/", overview, call)
    hand, hand_people = hand_made(tmp_path, "sosp2017")
    got, want = ev.event, hand.event

    assert (got.title, got.venue, got.location, got.url) == (want.title, want.venue, want.location, want.url)
    # two pages say October 28, one says October 29: the date most pages give, and the disagreement reported
    assert (got.start, got.end) == (want.start, want.end)
    assert f"{overview}:13: warning: event date 2017-10-29 disagrees with 2017-10-28 at {call}:2" in err
    assert got.description == want.description
    assert members(got.organizers) == members(want.organizers) and not got.committee
    assert_people_agree(people, hand_people, {m.person for m in got.organizers})
    assert people["sarah-bird"].email == "slbird@fb.com"
    assert got.contact == want.contact == "ai-systems-workshop-2017@googlegroups.com"

    cfp, hand_cfp = got.call_for_papers, want.call_for_papers
    assert cfp is not None and hand_cfp is not None
    assert cfp.title == hand_cfp.title == "Call for Posters"
    assert cfp.topics == hand_cfp.topics
    assert cfp.submission_url == hand_cfp.submission_url
    assert lines(cfp.instructions) == lines(hand_cfp.instructions)
    # the seed's call text arrives; the overview page repeats its own (October 29) sentence, which the
    # hand-made intro leaves out
    assert set(paragraphs(hand_cfp.intro)) <= set(paragraphs(cfp.intro))
    assert [p for p in paragraphs(cfp.intro) if p not in paragraphs(hand_cfp.intro)] == [
        "We invite participation in the AI Systems Workshop which will be held in conjunction with SOSP 2017 "
        "on October 29, 2017 in Shanghai, China."
    ]
    assert all_dates(ev) == seed_dates(hand, overview.name, call.name)
    # the seed's 2016 typos arrive as printed, and are reported
    assert f"{call}:30: warning: 'Acceptance Notifications' on 2016-09-20 is far from the event" in err


def test_neurips2018_html_overview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The seed's links are root-relative ('/call_for_papers.html', '#speakers'); the hand-made data resolves
    # them against the site root, so that is the base here (the event's url is not a fact of the seed).
    overview = seed("002")
    ev, people, err = imported(tmp_path, capsys, "neurips2018", "https://mlforsystems.org/", overview)
    hand, hand_people = hand_made(tmp_path, "neurips2018")
    got, want = ev.event, hand.event

    assert got.description == want.description  # footnote markers kept as [1, 2]
    assert members(got.organizers) == members(want.organizers)
    assert members(got.committee) == members(want.committee)  # with the role its heading gives
    assert got.contact == want.contact
    speakers = {pid for pid, p in people.items() if p.bio}
    assert len(speakers) == 7 and all(people[pid].photo for pid in speakers)
    assert_people_agree(people, hand_people, set(people))
    assert references(ev) == references(hand)
    assert {e for _, e in references(ev).values() if e} == {"1706.04972", "1712.01208", "1803.02329", "1711.11165"}
    # the seed has no call for papers; the hand-made call comes from another page of the site
    assert got.call_for_papers is None and not seed_dates(hand, overview.name)
    assert ": warning:" not in err


def test_neurips2020_html_overview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overview = seed("004")
    ev, people, err = imported(tmp_path, capsys, "neurips2020", "https://mlforsystems.org/neurips2020/", overview)
    hand, hand_people = hand_made(tmp_path, "neurips2020")
    got, want = ev.event, hand.event

    # title, short title, venue, date and place come from the front matter's site_description and site_title
    fields = ("title", "short_title", "venue", "location", "start", "end", "url", "contact")
    assert {f: getattr(got, f) for f in fields} == {f: getattr(want, f) for f in fields}
    assert got.description == want.description  # bold link and footnote markers included
    assert members(got.organizers) == members(want.organizers)
    assert_people_agree(people, hand_people, set(people))
    # 'Call for papers open until October 2nd 2020' is the call's submission deadline
    deadline = ("Submission Deadline", dt.date(2020, 10, 2), None, False)
    assert all_dates(ev) == seed_dates(hand, overview.name) == {deadline}
    # footnoted references with the urls as printed (arXiv pdf or abs) and their eprints
    assert references(ev) == references(hand) and len(references(ev)) == 16
    assert references(ev)["https://arxiv.org/pdf/1706.04972.pdf"][1] == "1706.04972"
    assert ": warning:" not in err
