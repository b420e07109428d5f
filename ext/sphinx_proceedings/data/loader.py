"""Load a project's data folder into the model, collecting every problem with its place.

Layout (one folder per event, people merged across events by id)::

    data/series.yaml                 optional: the series' title and description
    data/people.yaml                 optional: people shared by the whole series
    data/<event>/event.yaml          required for a folder to count as an event
    data/<event>/people.yaml
    data/<event>/schedule.yaml
    data/<event>/contributions.yaml
    data/<event>/references.bib

The loader never raises on bad user data; ``load_project`` returns the model
(what could be read) and the list of problems.
"""

from __future__ import annotations

import difflib
import os
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sphinx_proceedings.data import validate
from sphinx_proceedings.data.abstract_files import with_abstract_file
from sphinx_proceedings.data.bibliography import read_bibtex
from sphinx_proceedings.data.cache import DataCache, project_cache
from sphinx_proceedings.data.gcpause import collector_paused
from sphinx_proceedings.data.link_checks import inside
from sphinx_proceedings.data.model import (
    SLUG_PATTERN,
    Contribution,
    Event,
    EventData,
    Person,
    Proceedings,
    Reference,
    Schedule,
    Series,
)
from sphinx_proceedings.data.names import slugify, split_name
from sphinx_proceedings.data.origins import Origin, Origins
from sphinx_proceedings.data.problems import Code, Problems, message_of
from sphinx_proceedings.data.yamlsource import YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)
DATA_FILES = ("event.yaml", "people.yaml", "schedule.yaml", "contributions.yaml", "references.bib")


@dataclass
class LoadResult:
    proceedings: Proceedings
    problems: Problems
    origins: Origins
    files: list[Path]

    @property
    def ok(self) -> bool:
        return not self.problems.errors


SERIES_SCOPE = ""  # the "event id" of people listed in data/people.yaml


def event_folders(data_dir: Path) -> list[Path]:
    return sorted(p.parent for p in data_dir.glob("*/event.yaml") if _present(p))


def load_project(data_dir: Path, project_root: Path | None = None, *, cache: bool = False) -> LoadResult:
    """Load every event under ``data_dir``; paths in the data may not leave ``project_root``.

    With ``cache``, files parsed by an earlier load are not parsed again (see ``cache.py``);
    everything that spans files is checked on every load.
    """
    with collector_paused():
        return _load_project(data_dir, project_root, cache)


def _load_project(data_dir: Path, project_root: Path | None, cache: bool) -> LoadResult:
    root = (project_root or data_dir).resolve()
    problems = Problems()
    origins = Origins(root=root)
    data_cache = project_cache(root) if cache else None
    files: list[Path] = []
    if not data_dir.is_dir():
        problems.error(
            data_dir,
            (None, None),
            Code.file,
            "data folder does not exist",
            "set proceedings_data in conf.py or pass the project folder",
        )
        return LoadResult(Proceedings(), problems, origins, files)

    series = None
    series_file = data_dir / "series.yaml"
    if _present(series_file) and _inside(series_file, root, problems):
        files.append(series_file)
        doc = read_yaml(series_file, problems, root, data_cache)
        if doc is not None:
            series = _validate(Series, doc, (), problems)

    people_by_scope: dict[str, list[Person]] = {}
    shared_people = data_dir / "people.yaml"
    if _present(shared_people) and _inside(shared_people, root, problems):
        files.append(shared_people)
        people_by_scope[SERIES_SCOPE] = _load_people(shared_people, SERIES_SCOPE, origins, problems, data_cache)

    events: list[EventData] = []
    folders = event_folders(data_dir)
    if not folders:
        problems.error(
            data_dir,
            (None, None),
            Code.file,
            "no event found in the data folder",
            "each event needs a folder with an event.yaml, e.g. data/myevent/event.yaml",
        )
    for folder in folders:
        present = [folder / name for name in DATA_FILES if _present(folder / name)]
        if not all([_inside(path, root, problems) for path in (folder, *present)]):
            continue  # nothing is read from outside the project
        files.extend(present)
        loaded = _load_event(folder, root, origins, problems, people_by_scope, data_cache)
        if loaded is not None:
            events.append(loaded)
    events.sort(key=lambda e: (e.event.start is None, e.event.start or 0, e.event.id))

    people, affiliations = validate.merge_people(people_by_scope, origins, problems)
    people = {pid: _with_structured_name(person) for pid, person in people.items()}
    proceedings = Proceedings(
        series=series,
        events=tuple(events),
        people=people,
        affiliations=affiliations,
    )
    validate.check_proceedings(proceedings, origins, problems, root)
    problems[:] = [p for p in problems if not _follows_from_broken(p.ref, origins.broken)]
    problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0))
    return LoadResult(proceedings, problems, origins, files)


def _present(path: Path) -> bool:
    """Whether a data file is there, as anything: a folder, a FIFO, a device or a dangling symlink by
    its name is read (and refused with a reason by ``reading.py``), never skipped in silence."""
    return os.path.lexists(path)


def _inside(path: Path, root: Path, problems: Problems) -> bool:
    """Whether a data file or folder, symlinks followed, stays in the project; report it if not."""
    if inside(path, root):
        return True
    problems.error(
        path,
        (None, None),
        Code.file,
        "leaves the project (a symlink to a place outside it); nothing was read from it",
        "copy the file into the project instead of linking it",
    )
    return False


def _load_event(
    folder: Path,
    root: Path,
    origins: Origins,
    problems: Problems,
    people_by_scope: dict[str, list[Person]],
    cache: DataCache | None = None,
) -> EventData | None:
    doc = read_yaml(folder / "event.yaml", problems, root, cache)
    if doc is not None and doc.data is None:
        problems.error(doc.path, (1, 1), Code.file, "event.yaml is empty", "an event needs at least an id and a title")
        doc = None
    event = _validate(Event, doc, (), problems) if doc is not None else None
    # A broken event.yaml still lets the other files be checked, under the folder's name.
    event_id = event.id if event is not None else folder.name
    if event is not None and doc is not None:
        if event.id in origins.events:
            other = origins.events[event.id]
            problems.error(
                doc.path,
                doc.locate(("id",)),
                Code.duplicate_id,
                f"event id '{event.id}' is also used by {other.place('id')}",
                "give each event its own id",
            )
            event = None
        else:
            origins.events[event.id] = Origin(doc, ())

    people_file = folder / "people.yaml"
    if _present(people_file):
        people_by_scope[event_id] = _load_people(people_file, event_id, origins, problems, cache)

    schedule = Schedule()
    schedule_file = folder / "schedule.yaml"
    if _present(schedule_file):
        sdoc = read_yaml(schedule_file, problems, root, cache)
        if sdoc is not None and sdoc.data is not None:
            schedule = _validate(Schedule, sdoc, (), problems) or Schedule()
            origins.schedules[event_id] = Origin(sdoc, ())

    contributions: list[Contribution] = []
    contributions_file = folder / "contributions.yaml"
    if _present(contributions_file):
        cdoc = read_yaml(contributions_file, problems, root, cache)
        if cdoc is None:
            origins.broken.add("contribution:*")
        for item, loc in _items(cdoc, problems):
            assert cdoc is not None  # _items yields nothing from a file that could not be read
            contribution = _validate(Contribution, cdoc, loc, problems, item)
            if contribution is None:
                origins.broken.add(_broken_id("contribution", item))
                continue
            if contribution.id in origins.contributions:
                other = origins.contributions[contribution.id]
                problems.error(
                    cdoc.path,
                    cdoc.locate((*loc, "id")),
                    Code.duplicate_id,
                    f"contribution id '{contribution.id}' is already used at {other.place('id')}",
                    "give each contribution its own id",
                )
                continue
            origin = Origin(cdoc, loc)
            origins.contributions[contribution.id] = origin
            contributions.append(with_abstract_file(contribution, origin, root, problems))

    references: tuple[Reference, ...] = ()
    bib = folder / "references.bib"
    if _present(bib):
        entries = read_bibtex(bib, problems, cache)
        references = tuple(ref for ref, _ in entries)
        for ref, line in entries:
            origins.references[(event_id, ref.key)] = (bib, line)
    if event is None:
        return None
    return EventData(event=event, schedule=schedule, contributions=tuple(contributions), references=references)


def _follows_from_broken(ref: str | None, broken: set[str]) -> bool:
    return ref is not None and (ref in broken or f"{ref.split(':')[0]}:*" in broken)


def _broken_id(kind: str, item: Any) -> str:
    value = item.get("id") if isinstance(item, dict) else None
    return f"{kind}:{value}" if isinstance(value, str) else f"{kind}:*"


def _load_people(
    path: Path, scope: str, origins: Origins, problems: Problems, cache: DataCache | None = None
) -> list[Person]:
    doc = read_yaml(path, problems, origins.root, cache)
    if doc is None:
        origins.broken.add("person:*")
    people: list[Person] = []
    for item, loc in _items(doc, problems):
        assert doc is not None  # _items yields nothing from a file that could not be read
        person = _validate(Person, doc, loc, problems, item)
        if person is None:
            origins.broken.add(_broken_id("person", item))
            continue
        if (scope, person.id) in origins.people:
            other = origins.people[(scope, person.id)]
            problems.error(
                path,
                doc.locate((*loc, "id")),
                Code.duplicate_id,
                f"person id '{person.id}' is listed twice in this file (first at line {other.at('id')[0]})",
                "merge the two entries",
            )
            continue
        origins.people[(scope, person.id)] = Origin(doc, loc)
        origins.person_records[(scope, person.id)] = person
        people.append(person)
    return people


def _items(doc: YamlDocument | None, problems: Problems) -> list[tuple[Any, tuple[int]]]:
    """The entries of a file that holds a list of records."""
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.error(
            doc.path, (1, 1), Code.type, "this file must hold a list of records", "start each record with '- id: …'"
        )
        return []
    return [(item, (i,)) for i, item in enumerate(doc.data)]


def _validate(
    model: type[M], doc: YamlDocument, loc: tuple[str | int, ...], problems: Problems, data: Any = None
) -> M | None:
    value = doc.data if data is None else data
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors():
            _report(model, doc, (*loc, *error["loc"]), error, problems)
        return None


def _report(
    model: type[BaseModel], doc: YamlDocument, loc: tuple[str | int, ...], error: Any, problems: Problems
) -> None:
    inner = _strip_prefix(doc, loc)
    dotted = _dotted(inner)
    if error["type"] == "extra_forbidden":
        key = str(loc[-1])
        known = _fields_at(model, inner[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(sorted(known))}"
        problems.error(doc.path, doc.locate(loc, key=True), Code.unknown_key, f"unknown key '{key}'", hint)
        return
    if error["type"] == "missing":
        problems.error(
            doc.path,
            doc.locate(loc[:-1]),
            Code.type,
            f"missing required key '{loc[-1]}'" + (f" in {_dotted(inner[:-1])}" if inner[:-1] else ""),
            f"add '{loc[-1]}: …'",
        )
        return
    value = error.get("input")
    if error["type"] == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        problems.error(
            doc.path,
            doc.locate(loc),
            Code.type,
            f"{dotted}: '{value}' is not a valid id",
            f"use lowercase letters, digits and '-', e.g. '{slugify(str(value))}'",
        )
        return
    shown = repr(value) if isinstance(value, str | int | float | bool) else type(value).__name__
    if isinstance(value, str) and len(shown) > 60:
        shown = shown[:57] + "…'"
    problems.error(doc.path, doc.locate(loc), Code.type, f"{dotted or 'value'}: {message_of(error)} (got {shown})")


def _strip_prefix(doc: YamlDocument, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the leading list index of list-of-records files for model-relative paths."""
    if isinstance(doc.data, list) and loc and isinstance(loc[0], int):
        return loc[1:]
    return loc


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names of the record reached by following ``loc`` from ``model``."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int) or part not in current.model_fields:
            continue
        nested = _model_in(current.model_fields[part].annotation)
        if nested is None:
            break
        current = nested
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _with_structured_name(person: Person) -> Person:
    """Fill given/family/particle from the display name when the data does not give them."""
    if person.family:
        return person
    parts = split_name(person.name)
    return person.model_copy(
        update={
            "given": person.given or parts.given,
            "particle": person.particle or parts.particle,
            "family": parts.family,
            "suffix": person.suffix or parts.suffix,
        }
    )
