"""Personal names: splitting a display name, folding to ids, spotting near-duplicates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from sphinx_proceedings.data.model import MAX_ID_LENGTH, PersonName

# Lowercase particles that belong to the family name ("van Merriënboer", "de la Cruz").
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "zu",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d."})


# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSABLE = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
    }
)


def fold(text: str) -> str:
    """ASCII-fold and lowercase: 'Merriënboer' -> 'merrienboer'."""
    if text.isascii():
        return text.casefold()  # NFKD leaves ASCII as it is, and it has no combining marks
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def slugify(text: str) -> str:
    """The id convention for people: 'Bart van Merriënboer' -> 'bart-van-merrienboer'.

    An id longer than ids may be is cut at a word, with room left for the '-2' that tells two apart.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    cut = slug[: MAX_ID_LENGTH - 4]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def split_name(display: str) -> PersonName:
    """Split a display name the way BibTeX does for 'First von Last, Jr'.

    Names in scripts without spaces (CJK) and single names become a family name only.
    """
    suffix = None
    text = display.strip()
    if "," in text:
        head, _, tail = text.partition(",")
        if fold(tail.strip()) in SUFFIXES:
            text, suffix = head.strip(), tail.strip()
    words = text.split()
    if words and fold(words[-1]) in SUFFIXES and len(words) > 2:
        suffix = words.pop()
    if len(words) <= 1:
        return PersonName(family=text, suffix=suffix)
    # The particle run starts at the first lowercase particle after the first word.
    for i in range(1, len(words) - 1):
        if words[i] in PARTICLES:
            j = i
            while j < len(words) - 1 and words[j] in PARTICLES:
                j += 1
            return PersonName(
                given=" ".join(words[:i]),
                particle=" ".join(words[i:j]),
                family=" ".join(words[j:]),
                suffix=suffix,
            )
    return PersonName(given=" ".join(words[:-1]), family=words[-1], suffix=suffix)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", fold(name))


def near_duplicates(names: Iterable[tuple[str, str]], threshold: float = 0.88) -> list[tuple[str, str]]:
    """Pairs of ids whose names read almost alike ('Gartn Gibson' ~ 'Garth Gibson'), or exactly alike.

    ``names`` holds (id, display name). A typo rarely hits both parts of a name, so names are
    compared only with names that share their last word or their first word. The verdict is
    difflib's ratio; rapidfuzz's Indel ratio, which is never below it (difflib's matching blocks
    are a common subsequence, Indel counts the longest), first rules out in C the pairs that
    cannot reach the threshold, so a bucket of hundreds of "Wei …" costs milliseconds.
    """
    entries = sorted({(pid, _key(n)) for pid, n in names})
    buckets: dict[str, list[tuple[str, str]]] = {}
    for pid, key in entries:
        words = key.split()
        if not words:
            continue
        for bucket in {"last:" + words[-1], "first:" + words[0]}:
            buckets.setdefault(bucket, []).append((pid, key))
    pairs: set[tuple[str, str]] = set()
    matcher = SequenceMatcher(autojunk=False)
    # A hair below the threshold, so that rounding in either library never drops a pair difflib keeps.
    cutoff = threshold * 100 - 1e-6
    for members in buckets.values():
        if len(members) < 2:
            continue
        keys = [key for _, key in members]
        for i, (a_id, a) in enumerate(members):
            later = keys[i + 1 :]
            close = process.extract(a, later, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
            for _, _, j in close:
                b_id, b = members[i + 1 + j]
                if a_id == b_id or (a_id, b_id) in pairs:
                    continue
                matcher.set_seqs(b, a)
                if matcher.ratio() >= threshold:
                    pairs.add((a_id, b_id))
    return sorted(pairs)
