"""The texts of an event's data files after an import: new files written whole, existing ones merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sphinx_proceedings.data.model import Contribution, Event, Person, Reference, Schedule
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.merge import RECORD_KEYS, Merger, match_ids, merged_bib, rename
from sphinx_proceedings.importers.writer import bib_text, plain, yaml_text

RECORD_KEYS.setdefault("days", lambda r: str(r.get("date")) if r.get("date") else "undated")


@dataclass
class Imported:
    """What one import brings to one event."""

    event: Event | None = None
    people: list[Person] = field(default_factory=list)
    schedule: Schedule | None = None
    contributions: list[Contribution] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def event_texts(
    imported: Imported, folder: Path, source: str, problems: Problems, take_new: bool
) -> tuple[dict[Path, str], Merger]:
    merger = Merger(problems, source, take_new)
    paths = {name: folder / f"{name}.yaml" for name in ("event", "people", "schedule", "contributions")}
    old = {name: merger.load(p) if p.is_file() else None for name, p in paths.items()}
    people = plain(imported.people)
    contributions = plain(imported.contributions)
    pmap = match_ids(_list(old["people"]), people, "name")
    cmap = match_ids(_list(old["contributions"]), contributions, "title")
    new: dict[str, Any] = {
        "event": rename(plain(imported.event), pmap, cmap) if imported.event else None,
        "people": [dict(rename(p, pmap, cmap), id=pmap.get(p["id"], p["id"])) for p in people],
        "schedule": rename(plain(imported.schedule), pmap, cmap) if imported.schedule else None,
        "contributions": [dict(rename(c, pmap, cmap), id=cmap.get(c["id"], c["id"])) for c in contributions],
    }
    texts: dict[Path, str] = {}
    for name, path in paths.items():
        data = new[name]
        if not data or (name == "schedule" and not data.get("days")):
            continue
        if not path.exists():
            texts[path] = yaml_text(data, source)
            continue
        current = old[name]
        if current is None:
            continue  # reported: the file does not load
        if isinstance(data, list) and isinstance(current, CommentedSeq):
            merger.list(current, data, path, name, name)
        elif isinstance(data, dict) and isinstance(current, CommentedMap):
            merger.map(current, data, path, "")
        else:
            problems.error(path, (1, None), Code.yaml, "cannot merge into this file: it is not a list or mapping")
            continue
        texts[path] = merger.dump(current)
    if imported.references:
        bib = folder / "references.bib"
        text = bib_text(imported.references)
        if bib.is_file():
            try:
                text = merged_bib(bib.read_text(encoding="utf-8-sig"), text)
            except (OSError, UnicodeDecodeError):
                text = None  # type: ignore[assignment]
        if text is not None:
            texts[bib] = text
    return texts, merger


def _list(data: Any) -> list[Any]:
    return list(data) if isinstance(data, list) else []
