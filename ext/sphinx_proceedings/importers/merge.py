"""A later import merged into an event's existing files: new records added, hand edits kept.

Records are matched by id, or by their normalised title or name (so a paper imported from a CSV
meets the same paper read from the site). A field the file already has with another value is a
conflict, reported at the file's line; the file's value stays (``take_new`` takes the import's).
Comments and the order of the file survive: it is edited through ruamel.yaml's round trip.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bibtexparser
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from sphinx_proceedings.data.names import fold
from sphinx_proceedings.data.problems import Code, Problems

# Lists whose items are records, and what identifies an item.
RECORD_KEYS: dict[str, Callable[[Any], Any]] = {
    "people": lambda r: r.get("id"),
    "contributions": lambda r: r.get("id"),
    "organizers": lambda r: r.get("person"),
    "committee": lambda r: r.get("person"),
    "authors": lambda r: r.get("person") if isinstance(r, dict) else r,
    "links": lambda r: r.get("url"),
    "important_dates": lambda r: (norm(r.get("label")), str(r.get("date"))),
    "sessions": lambda r: r.get("id") or norm(r.get("title")),
    "slots": lambda r: str(r.get("start")) if r.get("start") else norm(r.get("title")),
}
UNION_LISTS = frozenset(["topics", "keywords"])


def norm(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(str(text or ""))).split())


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return str(a).strip() == str(b).strip() if not isinstance(a, dict | list) else False


class Merger:
    """Merges the plain data of one import into the round-trip data of the files it goes to."""

    def __init__(self, problems: Problems, source: str, take_new: bool) -> None:
        self.problems = problems
        self.source = source
        self.take_new = take_new
        self.conflicts = 0
        self.added = 0

    def load(self, path: Path) -> Any:
        try:
            return _yaml().load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YAMLError) as exc:
            self.problems.error(
                path, (None, None), Code.yaml, f"cannot merge into this file: {str(exc).splitlines()[0]}"
            )
            return None

    @staticmethod
    def dump(data: Any) -> str:
        out = io.StringIO()
        _yaml().dump(data, out)
        return out.getvalue()

    def _conflict(self, path: Path, line: int | None, where: str, old: Any, new: Any) -> None:
        self.conflicts += 1
        kept = "took the import's value" if self.take_new else "kept this value"
        self.problems.warning(
            path,
            (line, None),
            Code.file,
            f"conflict: {where} is {_short(old)} here but {_short(new)} in {self.source}; {kept}",
            None if self.take_new else "edit it by hand if the import is right, or import again with --force",
        )

    def map(self, old: CommentedMap, new: dict[str, Any], path: Path, where: str) -> None:
        for key, value in new.items():
            line = _key_line(old, key)
            if key not in old or old[key] in (None, "", []):
                old[key] = value
                self.added += 1
            elif isinstance(old[key], dict) and isinstance(value, dict):
                self.map(old[key], value, path, f"{where}.{key}" if where else key)
            elif isinstance(old[key], list) and isinstance(value, list):
                self.list(old[key], value, path, key, f"{where}.{key}" if where else key)
            elif not _same(old[key], value):
                self._conflict(path, line, f"'{where}.{key}'" if where else f"'{key}'", old[key], value)
                if self.take_new:
                    old[key] = value

    def list(self, old: CommentedSeq, new: list[Any], path: Path, name: str, where: str) -> None:
        if name in UNION_LISTS:
            have = {norm(v) for v in old}
            for value in new:
                if norm(value) not in have:
                    old.append(value)
                    self.added += 1
            return
        key_of = RECORD_KEYS.get(name)
        if key_of is None or not all(isinstance(v, dict) or name == "authors" for v in [*old, *new]):
            if not _same(list(old), new):
                self._conflict(path, _seq_line(old), f"'{where}'", list(old), new)
                if self.take_new:
                    old[:] = new
            return
        index = {key_of(item): i for i, item in enumerate(old)}
        for item in new:
            i = index.get(key_of(item))
            if i is None:
                old.append(item)
                self.added += 1
            elif isinstance(old[i], dict) and isinstance(item, dict):
                self.map(old[i], item, path, f"{where}[{key_of(item)}]")


def _short(value: Any) -> str:
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _key_line(node: Any, key: str) -> int | None:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return _seq_line(node)


def _seq_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


# -- ids -------------------------------------------------------------------


def match_ids(old: list[Any], new: list[dict[str, Any]], label: str) -> dict[str, str]:
    """New id -> the id of the existing record that is the same one (same id or same title/name)."""
    by_id = {str(r.get("id")): r for r in old if isinstance(r, dict)}
    by_label = {norm(r.get(label)): str(r.get("id")) for r in old if isinstance(r, dict) and r.get(label)}
    mapping: dict[str, str] = {}
    taken = set(by_id)
    for record in new:
        rid, key = str(record["id"]), norm(record.get(label))
        if key and key in by_label:
            mapping[rid] = by_label[key]
        elif rid in by_id and norm(by_id[rid].get(label)) != key:
            fresh, n = f"{rid}-2", 3
            while fresh in taken:
                fresh, n = f"{rid}-{n}", n + 1
            mapping[rid] = fresh
        taken.add(mapping.get(rid, rid))
    return mapping


def rename(data: Any, people: dict[str, str], contributions: dict[str, str], field: str | None = None) -> Any:
    """``data`` with person and contribution ids renamed (in the fields that hold them)."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key == "person" and isinstance(value, str):
                out[key] = people.get(value, value)
            else:
                out[key] = rename(value, people, contributions, key)
        return out
    if isinstance(data, list):
        if field in ("people", "chairs") and all(isinstance(v, str) for v in data):
            return [people.get(v, v) for v in data]
        if field == "contributions" and all(isinstance(v, str) for v in data):
            return [contributions.get(v, v) for v in data]
        if field == "authors":
            return [people.get(v, v) if isinstance(v, str) else rename(v, people, contributions) for v in data]
        return [rename(v, people, contributions, field) for v in data]
    return data


def merged_bib(old_text: str, new_text: str) -> str:
    """The existing entries as they are, then the imported ones whose key or URL is new."""
    old = bibtexparser.parse_string(old_text)
    keys = {e.key.casefold() for e in old.entries}
    urls = {e.fields_dict["url"].value for e in old.entries if "url" in e.fields_dict}
    new = bibtexparser.parse_string(new_text)
    extra = bibtexparser.Library()
    for entry in new.entries:
        url = entry.fields_dict["url"].value if "url" in entry.fields_dict else None
        if entry.key.casefold() not in keys and (url is None or url not in urls):
            extra.add(entry)
    if not extra.entries:
        return old_text
    return old_text.rstrip("\n") + "\n\n" + bibtexparser.write_string(extra)
