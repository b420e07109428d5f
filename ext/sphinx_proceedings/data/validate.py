"""Checks that span records: references between them, the schedule's times, links, names, dates."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_proceedings.data.doi_checks import check_unique_dois
from sphinx_proceedings.data.link_checks import check_all_links
from sphinx_proceedings.data.model import Contribution, EventData, ImportantDate, Person, Proceedings
from sphinx_proceedings.data.names import near_duplicates
from sphinx_proceedings.data.origins import report_unknown
from sphinx_proceedings.data.problems import Code, Problems, place
from sphinx_proceedings.data.schedule_checks import check_schedule, check_session_ids_across_events, check_timezone

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin, Origins

EVENT_DAY_LABELS = ("workshop", "conference", "symposium", "event")
# Names the book gives to pages and files beside the events' folders in the generated folder (pages.py,
# citing.py); an event with one of these ids would overwrite them.
RESERVED_EVENT_IDS = frozenset(
    {"people", "cited", "speakers", "volume", "ebook", "proceedings.bib", "literature.bib", "contributions.bib"}
)


# --- people -----------------------------------------------------------------


def merge_people(
    people_by_scope: dict[str, list[Person]], origins: Origins, problems: Problems
) -> tuple[dict[str, Person], dict[str, dict[str, str]]]:
    """One record per id across events; per-event affiliations kept; conflicts reported."""
    merged: dict[str, Person] = {}
    first_scope: dict[str, str] = {}
    affiliations: dict[str, dict[str, str]] = {}
    for scope, people in people_by_scope.items():
        for person in people:
            if person.affiliation and scope:
                affiliations.setdefault(person.id, {})[scope] = person.affiliation
            known = merged.get(person.id)
            if known is None:
                merged[person.id] = person
                first_scope[person.id] = scope
                continue
            here = origins.people[(scope, person.id)]
            there = origins.people[(first_scope[person.id], person.id)]
            updates = {}
            for name in ("name", "given", "family", "particle", "suffix", "bio", "photo", "homepage", "orcid"):
                mine, theirs = getattr(person, name), getattr(known, name)
                if mine and theirs and mine != theirs:
                    problems.warning(
                        here.path,
                        here.at(name),
                        Code.person_conflict,
                        f"person '{person.id}': {name} differs from {there.place(name)}; the first is kept",
                        "use the same value in every file, or give the records different ids",
                    )
                elif mine and not theirs:
                    updates[name] = mine
            if person.social:
                updates["social"] = {**person.social, **known.social}
            if updates:
                merged[person.id] = known.model_copy(update=updates)
    return merged, affiliations


# --- the whole --------------------------------------------------------------


def check_proceedings(proc: Proceedings, origins: Origins, problems: Problems, root: Path) -> None:
    contributions = {c.id: c for e in proc.events for c in e.contributions}
    check_session_ids_across_events(proc, origins, problems)
    for data in proc.events:
        origin = origins.events[data.event.id]
        _check_event(data, origin, proc, problems)
        schedule_origin = origins.schedules.get(data.event.id)
        if schedule_origin is not None:
            check_schedule(data, schedule_origin, proc, contributions, problems)
        for c in data.contributions:
            _check_contribution(c, origins.contributions[c.id], proc, problems)
    _check_people_names(proc, origins, problems)
    _check_duplicate_references(proc, origins, problems)
    _check_bibtex_keys(proc, origins, problems)
    check_all_links(proc, origins, problems, root)
    check_unique_dois(proc, origins, problems)


def _check_event(data: EventData, origin: Origin, proc: Proceedings, problems: Problems) -> None:
    event = data.event
    if event.id in RESERVED_EVENT_IDS:
        problems.error(
            origin.path,
            origin.at("id"),
            Code.duplicate_id,
            f"event id '{event.id}' is the name of one of the book's own pages",
            f"choose another id (not one of {', '.join(sorted(RESERVED_EVENT_IDS))})",
        )
    for group in ("organizers", "committee"):
        for i, member in enumerate(getattr(event, group)):
            if member.person not in proc.people:
                report_unknown(problems, origin, (group, i, "person"), "person", member.person, proc.people)
    if event.start and event.end and event.end < event.start:
        problems.error(
            origin.path, origin.at("end"), Code.dates, f"event ends ({event.end}) before it starts ({event.start})"
        )
    if event.timezone:
        check_timezone(event.timezone, origin, problems)
    cfp = event.call_for_papers
    if cfp is None:
        return
    first_by_label: dict[str, int] = {}
    for i, date in enumerate(cfp.important_dates):
        if date.superseded:
            continue
        where = origin.at("call_for_papers", "important_dates", i, "date")
        label = " ".join(date.label.casefold().split())
        if label in first_by_label:
            other = cfp.important_dates[first_by_label[label]]
            if other.date != date.date and not date.extended:
                problems.warning(
                    origin.path,
                    where,
                    Code.dates,
                    f"{_dated(date)}, but also {other.date} at line "
                    f"{origin.at('call_for_papers', 'important_dates', first_by_label[label], 'date')[0]}"
                    + (f" ({other.source})" if other.source else ""),
                    "keep one date, mark a wrong one 'superseded: true', or mark the later one 'extended: true'",
                )
        else:
            first_by_label[label] = i
        # Deadlines may fall in the year before, but only in the months just before the event.
        if event.start and date.date.year != event.start.year and not 0 <= (event.start - date.date).days <= 200:
            problems.warning(
                origin.path,
                where,
                Code.dates,
                f"'{date.label}' is dated {date.date}, but the event is in {event.start.year}",
                "check the year",
            )
        is_event_day = any(w in date.label.casefold() for w in EVENT_DAY_LABELS)
        if is_event_day and event.start:
            last = event.end or event.start
            if not event.start <= date.date <= last:
                problems.warning(
                    origin.path,
                    where,
                    Code.dates,
                    f"{_dated(date)}, but the event's dates are {event.start}"
                    + (f" to {event.end}" if event.end and event.end != event.start else ""),
                    "make event.yaml and the call for papers agree",
                )


def _dated(date: ImportantDate) -> str:
    """ "'Workshop' is dated 2017-10-29 (seed 001)" — a date with the page that states it."""
    return f"'{date.label}' is dated {date.date}" + (f" ({date.source})" if date.source else "")


def _check_contribution(c: Contribution, origin: Origin, proc: Proceedings, problems: Problems) -> None:
    for i, pid in enumerate(c.person_ids):
        if pid not in proc.people:
            report_unknown(problems, origin, ("authors", i), "person", pid, proc.people)
    if not c.has_author:
        problems.note(
            origin.path,
            origin.at("id"),
            Code.citation,
            f"contribution '{c.id}' names no author: its BibTeX, RIS and CSL entries have none, "
            "and its page has no Google Scholar tags (Scholar rejects a citation without one)",
            "add 'authors:', or 'group_author:' for an organisation or team that the sources name",
        )


# --- names and references ---------------------------------------------------


def _check_people_names(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    places = {pid: origin for (_, pid), origin in origins.people.items()}
    for a, b in near_duplicates((pid, p.name) for pid, p in proc.people.items()):
        here, there = places[b], places[a]
        problems.warning(
            here.path,
            here.at("name"),
            Code.names,
            f"'{proc.people[b].name}' ({b}) reads almost like '{proc.people[a].name}' ({a}) at {there.place('name')}",
            "if they are one person, use one id; otherwise ignore this warning",
        )


def _check_duplicate_references(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    first: dict[str, tuple[str, object]] = {}
    for data in proc.events:
        for ref in data.references:
            seen = first.get(ref.key)
            if seen is None:
                first[ref.key] = (data.event.id, ref)
                continue
            if seen[1] != ref:
                path, line = origins.references[(data.event.id, ref.key)]
                other_path, other_line = origins.references[(seen[0], ref.key)]
                problems.warning(
                    path,
                    (line, 1),
                    Code.bibtex,
                    f"BibTeX key '{ref.key}' is also used for a different entry at "
                    f"{place(other_path, other_line, origins.root)}",
                    "rename one of the keys",
                )


def _check_bibtex_keys(proc: Proceedings, origins: Origins, problems: Problems) -> None:
    """A ``bibtex_key`` names one entry: no other contribution's, no reference's (BibTeX ignores case)."""
    references = {
        ref.key.casefold(): origins.references[(data.event.id, ref.key)]
        for data in reversed(proc.events)
        for ref in data.references
    }
    given: dict[str, str] = {}
    for c in (c for data in proc.events for c in data.contributions if c.bibtex_key):
        assert c.bibtex_key is not None
        origin = origins.contributions[c.id]
        folded = c.bibtex_key.casefold()
        if folded in given:
            other = origins.contributions[given[folded]]
            problems.error(
                origin.path,
                origin.at("bibtex_key"),
                Code.duplicate_id,
                f"bibtex_key '{c.bibtex_key}' is also the key of '{given[folded]}' at {other.place('bibtex_key')}",
                "give each contribution its own key, or leave it out to have one made",
            )
        elif folded in references:
            path, line = references[folded]
            problems.error(
                origin.path,
                origin.at("bibtex_key"),
                Code.duplicate_id,
                f"bibtex_key '{c.bibtex_key}' is also the key of a reference at {place(path, line, origins.root)}",
                "{cite} could not tell them apart: rename one of them",
            )
        given.setdefault(folded, c.id)
