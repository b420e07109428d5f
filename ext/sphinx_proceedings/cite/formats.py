"""The same citation as RIS (EndNote, Zotero) and CSL-JSON (citeproc, Pandoc, Zotero)."""

from __future__ import annotations

import json
from typing import Any

from sphinx_proceedings.cite.entries import CitationEntry
from sphinx_proceedings.data.index import ProceedingsIndex

RIS_TYPES = {"inproceedings": "CPAPER", "misc": "GEN", "proceedings": "CONF"}
CSL_TYPES = {"inproceedings": "paper-conference", "misc": "speech", "proceedings": "book"}


def _people(index: ProceedingsIndex, entry: CitationEntry) -> list[tuple[str, str | None]]:
    """(family with particle, given) of the entry's contribution authors."""
    if entry.contribution_id is None:
        data = index.event(entry.event_id)
        ids = [m.person for m in data.event.organizers] if data else []
    else:
        ids = index.contributions[entry.contribution_id].person_ids
    out = []
    for pid in ids:
        p = index.people.get(pid)
        if p is not None:
            out.append((" ".join(x for x in (p.particle, p.family) if x) or p.name, p.given))
    return out


def _group_author(index: ProceedingsIndex, entry: CitationEntry) -> str | None:
    """An organisation or team credited after the people (RIS: an AU with no comma; CSL: a literal name)."""
    return index.contributions[entry.contribution_id].group_author if entry.contribution_id else None


def _line(value: str) -> str:
    return " ".join(value.split())


def to_ris(index: ProceedingsIndex, entry: CitationEntry) -> str:
    f = entry.fields
    lines = [f"TY  - {RIS_TYPES[entry.entry_type]}"]
    tag = "A2" if entry.contribution_id is None else "AU"
    for family, given in _people(index, entry):
        lines.append(f"{tag}  - {_line(family)}" + (f", {_line(given)}" if given else ""))
    if group := _group_author(index, entry):
        lines.append(f"{tag}  - {_line(group.replace(',', ' '))}")  # a comma would split it into family, given
    lines.append(f"TI  - {_line(f['title'])}")
    for field, ris in (
        ("booktitle", "T2"),
        ("year", "PY"),
        ("address", "CY"),
        ("url", "UR"),
        ("pdf", "L1"),
        ("doi", "DO"),
        ("abstract", "AB"),
        ("howpublished", "N1"),
    ):
        if field in f:
            lines.append(f"{ris}  - {_line(f[field])}")
    if "pages" in f:
        first, _, last = f["pages"].partition("--")
        lines.append(f"SP  - {first}")
        lines.append(f"EP  - {last or first}")
    if "keywords" in f:
        lines.extend(f"KW  - {_line(k)}" for k in f["keywords"].split(", "))
    lines.append(f"ID  - {entry.key}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def to_csl(index: ProceedingsIndex, entry: CitationEntry) -> dict[str, Any]:
    f = entry.fields
    item: dict[str, Any] = {"id": entry.key, "type": CSL_TYPES[entry.entry_type], "title": f["title"]}
    names: list[dict[str, str]] = [
        {"family": family, **({"given": given} if given else {})} for family, given in _people(index, entry)
    ]
    if group := _group_author(index, entry):
        names.append({"literal": group})
    if names:
        item["author" if entry.contribution_id else "editor"] = names
    data = index.event(entry.event_id)
    if data and data.event.start:
        item["issued"] = {"date-parts": [[data.event.start.year, data.event.start.month, data.event.start.day]]}
        item["event-date"] = item["issued"]
    if data:
        item["event-title"] = data.event.title
        if entry.contribution_id:
            item["container-title"] = data.event.title
    for field, csl in (
        ("address", "event-place"),
        ("url", "URL"),
        ("doi", "DOI"),
        ("abstract", "abstract"),
        ("howpublished", "genre"),
    ):
        if field in f:
            item[csl] = f[field]
    if "pages" in f:
        item["page"] = f["pages"].replace("--", "-")
    return item


def to_csl_json(index: ProceedingsIndex, entries: list[CitationEntry]) -> str:
    return json.dumps([to_csl(index, e) for e in entries], indent=2, ensure_ascii=False) + "\n"
