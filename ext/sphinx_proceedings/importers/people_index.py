"""Names to person ids for one import: exact names, then variants and near-duplicates of listed people."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from sphinx_proceedings.data.model import Person
from sphinx_proceedings.data.names import fold, near_duplicates, slugify
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.draft import PersonMention, Place


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(name)).split())


# 'Zhaoxia (Summer) Deng', 'Zhaoxia "Summer" Deng': a given name with the name its bearer goes by.
_NICKNAMED = re.compile(r"\s*(?P<given>[^()\"“”]+?)\s*[(\"“](?P<nick>[^()\"“”]+)[)\"”]\s*(?P<rest>[^()\"“”]+)")


def nickname_variants(name: str) -> list[str]:
    """'Zhaoxia (Summer) Deng' -> ['Summer Deng', 'Zhaoxia Deng']: the names the page may also use."""
    m = _NICKNAMED.fullmatch(name)
    if m is None or not m["nick"].strip() or len(m["nick"].split()) > 2:
        return []
    return [f"{m['nick'].strip()} {m['rest'].strip()}", f"{m['given']} {m['rest'].strip()}"]


class PeopleIndex:
    """Names to ids: exact names, then name variants and near-duplicates of listed people."""

    def __init__(self, problems: Problems, known: list[Person] | None = None) -> None:
        self.problems = problems
        self.by_key: dict[str, str] = {}
        self.records: dict[str, dict[str, object]] = {}
        self.places: dict[str, list[Place]] = {}
        self.roster: dict[str, str] = {}  # id -> display name of people the site lists itself
        # Listed people by their first and by their last word: a name is only ever compared with
        # the few listed names that share one of its words, so matching stays linear in the mentions.
        self.roster_words: dict[str, set[str]] = {}
        for person in known or []:
            self.by_key[_key(person.name)] = person.id
            for variant in nickname_variants(person.name):
                self.by_key.setdefault(_key(variant), person.id)
            self._list(person.id, person.name)
            self.records[person.id] = {"id": person.id, "name": person.name, "_known": True}

    def _list(self, pid: str, name: str) -> None:
        if pid in self.roster:
            return
        self.roster[pid] = name
        self._bucket(pid, name)

    def _bucket(self, pid: str, name: str) -> None:
        words = _key(name).split()
        for bucket in {"first:" + words[0], "last:" + words[-1]} if words else ():
            self.roster_words.setdefault(bucket, set()).add(pid)

    def resolve(self, mention: PersonMention) -> str:
        key = _key(mention.name)
        pid = self.by_key.get(key)
        variants = nickname_variants(mention.name)
        if pid is None:
            pid = self._nickname_match(mention, variants)
        if pid is None and not mention.roster:
            pid = self._listed_match(mention)
        if pid is None:
            base = slugify(mention.name) or "person"
            pid, n = base, 2
            while pid in self.records:
                pid, n = f"{base}-{n}", n + 1
            self.records[pid] = {"id": pid, "name": mention.name}
        self.by_key.setdefault(key, pid)
        for variant in variants:
            self.by_key.setdefault(_key(variant), pid)
        if mention.roster:
            self._list(pid, mention.name)
        self.places.setdefault(pid, []).append(mention.place)
        record = self.records[pid]
        for attr in ("affiliation", "bio", "photo", "homepage", "email"):
            value = getattr(mention, attr)
            if value and not record.get(attr):
                record[attr] = value
        if mention.social:
            social = record.setdefault("social", {})
            assert isinstance(social, dict)
            for k, v in mention.social.items():
                social.setdefault(k, v)
        return pid

    def _nickname_match(self, mention: PersonMention, variants: list[str]) -> str | None:
        """'Zhaoxia (Summer) Deng' is the 'Summer Deng' (or 'Zhaoxia Deng') met before; the whole name is kept."""
        pid = next((p for v in variants if (p := self.by_key.get(_key(v)))), None)
        if pid is None:
            return None
        record = self.records[pid]
        if record.get("_known"):
            return pid
        before = str(record["name"])
        record["name"] = mention.name
        if pid in self.roster:
            self.roster[pid] = mention.name
            self._bucket(pid, mention.name)
        self.problems.warning(
            mention.place.path,
            (mention.place.line, None),
            Code.names,
            f"'{before}' ({pid}) is '{mention.name}' here; named '{mention.name}'",
            "if they are different people, fix the page and import again",
        )
        return pid

    def _listed_match(self, mention: PersonMention) -> str | None:
        """A listed person this name is a variant or a near-duplicate of ('Erran Li', 'Gartn Gibson')."""
        key = _key(mention.name)
        words = key.split()
        if not words:
            return None
        candidates = set()
        for pid in self.roster_words.get("last:" + words[-1], ()):
            other = _key(self.roster[pid]).split()
            if len(words) != len(other) and set(words) <= set(other):
                candidates.add(pid)
        if not candidates:
            near = self.roster_words.get("first:" + words[0], set()) | self.roster_words.get("last:" + words[-1], set())
            pairs = near_duplicates([("?new", mention.name), *((pid, self.roster[pid]) for pid in near)])
            candidates = {b if a == "?new" else a for a, b in pairs if "?new" in (a, b)}
            # A typo, not another person: each name part reads almost the same ('Gartn' for 'Garth'), which
            # 'Hao Zhang' and 'Cha Zhang' do not, however alike the whole names look.
            candidates = {pid for pid in candidates if _parts_alike(words, _key(self.roster[pid]).split())}
        if len(candidates) != 1:
            return None
        pid = candidates.pop()
        listed = self.places.get(pid, [None])[0]
        self.problems.warning(
            mention.place.path,
            (mention.place.line, None),
            Code.names,
            f"'{mention.name}' read as '{self.roster[pid]}' ({pid})" + (f", listed at {listed}" if listed else ""),
            "check the spelling; if they are different people, fix the page and import again",
        )
        return pid

    def people(self) -> list[Person]:
        out = []
        for _pid, rec in sorted(self.records.items()):
            if rec.get("_known"):
                continue
            out.append(Person.model_validate({k: v for k, v in rec.items() if v not in (None, {}, "")}))
        return out

    def report_near_duplicates(self) -> None:
        names = [(pid, str(rec["name"])) for pid, rec in self.records.items()]
        for a, b in near_duplicates(names):
            where = ", ".join(str(p) for p in (self.places.get(a, [])[:1] + self.places.get(b, [])[:1]))
            place = next(iter(self.places.get(a) or self.places.get(b) or []), None)
            if place is None:
                continue
            self.problems.warning(
                place.path,
                (place.line, None),
                Code.names,
                f"near-duplicate names: '{self.records[a]['name']}' ({a}) and "
                f"'{self.records[b]['name']}' ({b}) at {where}",
                "if they are one person, use one spelling",
            )


def _parts_alike(words: list[str], other: list[str]) -> bool:
    """Two names of as many parts, each part at least 80 % alike (difflib's ratio)."""
    return len(words) == len(other) and all(
        SequenceMatcher(None, a, b).ratio() >= 0.8 for a, b in zip(words, other, strict=True)
    )
