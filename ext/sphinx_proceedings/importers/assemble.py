"""Turn a draft into records: people resolved to ids, contributions, schedule, references; checks."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from sphinx_proceedings.data.model import (
    CallForPapers,
    Contribution,
    ContributionKind,
    Day,
    Event,
    ExternalLink,
    ImportantDate,
    Membership,
    Person,
    Reference,
    Schedule,
    Session,
    Slot,
)
from sphinx_proceedings.data.names import slugify, split_name
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.draft import Draft, DraftContribution, DraftDay, Place
from sphinx_proceedings.importers.people_index import PeopleIndex, _key

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "for",
        "and",
        "to",
        "in",
        "towards",
        "toward",
        "with",
        "from",
        "via",
        "is",
        "are",
        "how",
        "what",
        "why",
    ]
)


@dataclass
class Records:
    event: Event
    people: list[Person] = field(default_factory=list)
    schedule: Schedule = field(default_factory=Schedule)
    contributions: list[Contribution] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


PLACEHOLDER_TITLES = frozenset(["", "tbd", "tba", "to be announced", "to be determined", "title tbd", "title tba"])

# Draft contribution (by id()) -> its record id; None when it was merged into a talk or left out.
Ids = dict[int, str | None]


def is_placeholder(title: str) -> bool:
    return _key(title) in PLACEHOLDER_TITLES


def _complete(talk: DraftContribution, other: DraftContribution) -> None:
    """Fill what the scheduled talk lacks from the same talk read elsewhere; nothing it has is replaced."""
    if not talk.authors:
        talk.authors = other.authors
    affiliations = {_key(a.name): a.affiliation for a in other.authors if a.affiliation}
    for author in talk.authors:
        author.affiliation = author.affiliation or affiliations.get(_key(author.name))
    if is_placeholder(talk.title) and not is_placeholder(other.title):
        talk.title = other.title
    for attr in ("abstract", "pdf", "slides", "video", "url"):
        if not getattr(talk, attr) and getattr(other, attr):
            setattr(talk, attr, getattr(other, attr))


def _contribution_id(c: DraftContribution, family: str | None, event_id: str, taken: set[str]) -> str:
    if c.id_hint and not c.authors:
        base = (
            f"{slugify(c.id_hint)}-update-{event_id}"
            if c.kind is ContributionKind.update
            else f"{slugify(c.id_hint)}-{event_id}"
        )
    else:
        words = [w for w in slugify(c.title).split("-") if w and w not in STOP] or ["talk"]
        base = "-".join([words[0], slugify(family) if family else event_id])
        if base in taken and len(words) > 1:
            base = "-".join([words[0], words[1], slugify(family) if family else event_id])
    base = base[:100].strip("-")
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    return cid


def assemble(
    draft: Draft,
    event_id: str,
    year: int | None,
    base_url: str | None,
    problems: Problems,
    known_people: list[Person] | None = None,
    taken_ids: set[str] | None = None,
) -> Records:
    """``taken_ids``: contribution ids other events use; the ids given here are added to it."""
    people = PeopleIndex(problems, known_people)
    for person in draft.organizers + draft.committee + draft.speakers:
        people.resolve(person)
    organizers = [Membership(person=people.resolve(p), affiliation=p.affiliation) for p in draft.organizers]
    committee = [Membership(person=people.resolve(p), affiliation=p.affiliation, role=p.role) for p in draft.committee]
    organizers = list({m.person: m for m in reversed(organizers)}.values())[::-1]
    committee = list({m.person: m for m in reversed(committee)}.values())[::-1]

    # Contributions: schedule entries first, accepted papers merged into talks of the same title.
    taken: set[str] = taken_ids if taken_ids is not None else set()
    by_title: dict[str, DraftContribution] = {}
    ids: Ids = {}
    ordered: list[DraftContribution] = []
    for day in draft.days:
        for session in day.sessions:
            for slot in session.slots:
                for c in slot.contributions:
                    by_title.setdefault(_key(c.title), c)
                    ordered.append(c)
    for paper in draft.papers:
        talk = None if is_placeholder(paper.title) else by_title.get(_key(paper.title))
        if talk is not None and talk is not paper:
            _complete(talk, paper)
            ids[id(paper)] = None
            continue
        by_title.setdefault(_key(paper.title), paper)
        ordered.append(paper)
    contributions: list[Contribution] = []
    for c in ordered:
        if id(c) in ids:
            continue
        if not c.title.strip():
            ids[id(c)] = None
            problems.warning(
                c.place.path,
                (c.place.line, None),
                Code.file,
                "not placed: an entry without a title",
                "add it to the data by hand if it matters",
            )
            continue
        authors = [
            {"person": people.resolve(a), **{k: getattr(a, k) for k in ("affiliation", "presenting") if getattr(a, k)}}
            for a in c.authors
        ]
        family = split_name(c.authors[0].name).family if c.authors else None
        cid = _contribution_id(c, family, event_id, taken)
        ids[id(c)] = cid
        data: dict[str, object] = {"id": cid, "kind": c.kind.value, "title": c.title, "authors": authors}
        for attr in ("abstract", "slides", "pdf", "video", "url", "note"):
            if getattr(c, attr):
                data[attr] = getattr(c, attr)
        contributions.append(Contribution.model_validate(data))

    # Event facts and dates.
    start = _event_date(draft, problems)
    schedule = _schedule(draft, event_id, start, people, ids, problems)
    title = draft.title[0][0] if draft.title else event_id
    cfp = None
    if draft.topics or draft.important_dates or draft.cfp_intro or draft.instructions:
        cfp = CallForPapers(
            title=draft.cfp_title or "Call for papers",
            intro="\n\n".join(draft.cfp_intro) or None,
            topics=list(dict.fromkeys(draft.topics)),
            instructions=_blocks(draft.instructions),
            submission_url=draft.submission_url,
            important_dates=_important_dates(draft, start, problems),
        )
    links = [ExternalLink(title=t, url=u) for t, u in dict.fromkeys(draft.links)]
    event = Event(
        id=event_id,
        title=title,
        short_title=draft.short_title if draft.short_title != title else None,
        venue=draft.venue,
        location=draft.location,
        start=start,
        end=start,
        url=base_url,
        description="\n\n".join(dict.fromkeys(draft.description)) or None,
        organizers=organizers,
        committee=committee,
        call_for_papers=cfp,
        contact=draft.contact,
        links=links,
    )
    people.report_near_duplicates()
    return Records(event, people.people(), schedule, contributions, _references(draft))


def _blocks(texts: list[str]) -> str | None:
    """Markdown blocks joined: list items of one list line by line, anything else as its own paragraph."""
    out = ""
    for i, text in enumerate(texts):
        if i:
            out += "\n" if text.startswith("- ") and texts[i - 1].startswith("- ") else "\n\n"
        out += text
    return out or None


HOME_PAGES = frozenset(["index", "home", "default"])


def _event_date(draft: Draft, problems: Problems) -> dt.date | None:
    """The date the site's home page gives, else the one the pages give most often (the first one on a
    tie); the others are reported. A site's front matter is copied from page to page and the home page
    is the one kept current, so where pages disagree a date said twice on stale pages does not outvote it."""
    if not draft.event_dates:
        return None
    home = [date for date, place in draft.event_dates if place.path.stem.lower() in HOME_PAGES]
    counts = Counter(home or [date for date, _ in draft.event_dates])
    chosen = max(counts, key=lambda d: counts[d])  # max keeps the first of equals: the order of the pages
    chosen_place = next(place for date, place in draft.event_dates if date == chosen)
    for date, place in draft.event_dates:
        if date != chosen:
            problems.warning(
                place.path,
                (place.line, None),
                Code.dates,
                f"event date {date} disagrees with {chosen} at {chosen_place}",
                "check which date is right and fix the other page",
            )
    return chosen


def _important_dates(draft: Draft, start: dt.date | None, problems: Problems) -> list[ImportantDate]:
    out: list[ImportantDate] = []
    seen: dict[str, tuple[dt.date, Place, bool]] = {}
    listed: set[tuple[str, dt.date]] = set()
    event_dates = {date for date, _ in draft.event_dates}  # disagreeing event dates are reported once, above
    for d in draft.important_dates:
        if start and (d.date > start + dt.timedelta(days=60) or d.date < start - dt.timedelta(days=330)):
            problems.warning(
                d.place.path,
                (d.place.line, None),
                Code.dates,
                f"'{d.label}' on {d.date} is far from the event ({start}); is the year {d.date.year} right?",
                f"the event is in {start.year}",
            )
        key = _key(d.label)
        if (
            key in seen
            and seen[key][0] != d.date
            and not (d.extended or seen[key][2])
            and not {d.date, seen[key][0]} <= event_dates
        ):
            problems.warning(
                d.place.path,
                (d.place.line, None),
                Code.dates,
                f"'{d.label}' is {d.date} here but {seen[key][0]} at {seen[key][1]}",
                "mark one of them as extended or fix it",
            )
        if (key, d.date) in listed:
            continue
        listed.add((key, d.date))
        seen.setdefault(key, (d.date, d.place, d.extended))
        out.append(
            ImportantDate(label=d.label, date=d.date, time=d.time, extended=d.extended, source=d.place.path.name)
        )
    return out


def _schedule(
    draft: Draft, event_id: str, start: dt.date | None, people: PeopleIndex, ids: Ids, problems: Problems
) -> Schedule:
    days: list[Day] = []
    session_ids: set[str] = set()
    unread: dict[Path, list[int]] = {}
    for problem in problems:
        if problem.message.startswith("not placed") and problem.line:
            unread.setdefault(problem.path, []).append(problem.line)
    for day in _repeated_days(draft.days):
        problems.warning(
            day.place.path,
            (day.place.line, None),
            Code.schedule,
            "this undated schedule repeats one read from another page; read once",
        )
        day.sessions = []
    for day in draft.days:
        sessions: list[Session] = []
        timed: list[tuple[dt.time, dt.time | None, Place]] = []
        flat = [s for session in day.sessions for s in session.slots]
        # A slot without an end ends when the next one starts, when nothing left unread lies between
        # them: with lines lost in between, the end stays unknown rather than stretched over them.
        for slot, after in pairwise(flat):
            known = slot.start and not slot.end and after.start and after.start > slot.start
            if known and not _unread_between(slot.place, after.place, unread):
                slot.end = after.start
        for session in day.sessions:
            if not session.slots and not session.title:
                continue
            if session.number:
                base = f"{event_id}-s{slugify(session.number)}"
            else:
                label = (
                    session.title
                    or session.slots[0].title
                    or (session.slots[0].contributions[0].title if session.slots[0].contributions else "slot")
                )
                base = f"{event_id}-{'-'.join(slugify(label).split('-')[:3]) or 'session'}"
            sid, n = base, 2
            while sid in session_ids:
                sid, n = f"{base}-{n}", n + 1
            session_ids.add(sid)
            slots = []
            for slot in session.slots:
                data: dict[str, object] = {
                    "start": slot.start,
                    "end": slot.end,
                    "kind": slot.kind.value,
                    "title": slot.title,
                    "contributions": [cid for c in slot.contributions if (cid := ids.get(id(c)))],
                    "people": [people.resolve(p) for p in slot.people],
                    "note": slot.note,
                }
                slots.append(Slot.model_validate({k: v for k, v in data.items() if v not in (None, [])}))
                if slot.start:
                    timed.append((slot.start, slot.end, slot.place))
            sessions.append(
                Session(id=sid, title=session.title, chairs=[people.resolve(c) for c in session.chairs], slots=slots)
            )
        timed.sort(key=lambda t: t[0])
        for (s1, e1, p1), (s2, _, p2) in pairwise(timed):
            if e1 and s2 < e1:
                problems.warning(
                    p2.path,
                    (p2.line, None),
                    Code.schedule,
                    f"slot starting {s2:%H:%M} overlaps the slot {s1:%H:%M}-{e1:%H:%M} at {p1}",
                    "check the times",
                )
        days.append(Day(date=day.date or (start if len(draft.days) == 1 else None), title=None, sessions=sessions))
    return Schedule(days=[d for d in days if d.sessions])


def _slot_keys(day: DraftDay) -> set[tuple[object, str]]:
    return {
        (slot.start, _key(slot.title or (slot.contributions[0].title if slot.contributions else "")))
        for session in day.sessions
        for slot in session.slots
    }


def _repeated_days(days: list[DraftDay]) -> list[DraftDay]:
    """Undated days whose every slot another day holds too (one schedule on two pages)."""
    keys = [_slot_keys(day) for day in days]
    repeated = []
    for i, day in enumerate(days):
        if day.date is not None or not keys[i]:
            continue
        if any(
            j != i and keys[i] <= keys[j] and (j < i or keys[i] != keys[j] or days[j].date) for j in range(len(days))
        ):
            repeated.append(day)
    return repeated


def _unread_between(a: Place, b: Place, unread: dict[Path, list[int]]) -> bool:
    if a.path != b.path or a.line is None or b.line is None:
        return a.path != b.path
    return any(a.line < line < b.line for line in unread.get(a.path, ()))


def _references(draft: Draft) -> list[Reference]:
    out: dict[str, Reference] = {}
    for ref in draft.references:
        if not ref.url.startswith("http"):
            continue
        if ref.arxiv:
            key = "arxiv-" + re.sub(r"[^A-Za-z0-9]+", "-", ref.arxiv)
            fields = {
                "title": ref.title,
                "eprint": ref.arxiv,
                "archiveprefix": "arXiv",
                "url": ref.url,
            }
        else:
            words = [w for w in slugify(ref.title).split("-") if w and w not in STOP][:3] or ["ref"]
            key = "-".join(words)
            fields = {"title": ref.title, "url": ref.url}
        if ref.number:
            fields["note"] = f"Footnote {ref.number}"
        base, n = key, 2
        while key in out and out[key].fields.get("url") != fields["url"]:
            key, n = f"{base}-{n}", n + 1
        out.setdefault(key, Reference(key=key, entry_type="misc", fields=fields))
    return list(out.values())
