"""A BibTeX entry for every contribution and for each event's volume, written through bibtexparser.

Keys are readable, unique and stable across builds: the first author's family
name, the year and the first significant title word, with more title words or
a letter suffix until unique; a ``bibtex_key`` given in the data wins. All text
is encoded by bibtexparser's LaTeX middleware (pylatexenc) with math *off*, so
``$``, ``\\``, braces and the other specials arrive in the output as text,
never as commands.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import bibtexparser
from bibtexparser.middlewares import LatexEncodingMiddleware, default_unparse_stack
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import (
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
    get_builtin_conversion_rules,
)

from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.link_checks import is_web_url
from sphinx_proceedings.data.model import Contribution, ContributionKind, EventData, Person
from sphinx_proceedings.data.names import fold
from sphinx_proceedings.data.richtext import plain_text

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "for",
        "and",
        "in",
        "to",
        "with",
        "from",
        "at",
        "by",
        "towards",
        "toward",
        "via",
        "using",
        "is",
        "are",
        "do",
        "does",
        "how",
        "what",
        "why",
    ]
)
INPROCEEDINGS_KINDS = (
    ContributionKind.paper,
    ContributionKind.poster,
    ContributionKind.contributed_talk,
    ContributionKind.lightning_talk,
    ContributionKind.demo,
)


@dataclass(frozen=True)
class CitationEntry:
    """One generated entry: its key, BibTeX type and plain-text fields (encoded on writing)."""

    key: str
    entry_type: str
    fields: dict[str, str]
    contribution_id: str | None
    event_id: str


def _bibtex_name(person: Person | None, fallback: str) -> str:
    """'von Last, Jr, First', already encoded — the form BibTeX and biber parse without guessing.

    Each part is encoded on its own, then braced where BibTeX would split it: a part holding a comma or
    the word "and", and a name with no given part (a group or a one-word name).
    """
    if person is None:
        return _name_part(fallback, always=True)
    family = " ".join(p for p in (person.particle, person.family) if p) or person.name
    if person.suffix:
        parts = [_name_part(family), _name_part(person.suffix), _name_part(person.given or "")]
        return ", ".join(p for p in parts if p)
    if person.given:
        return f"{_name_part(family)}, {_name_part(person.given)}"
    return _name_part(family, always=True)


def _name_part(text: str, always: bool = False) -> str:
    encoded = _ENCODER.unicode_to_latex(text)
    if encoded and (always or "," in encoded or _AND_WORD.search(encoded)):
        return "{" + encoded + "}"
    return encoded


_AND_WORD = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)


def _author_base(person: Person) -> str:
    """The first author's family name in ASCII; the person id where it has none (CJK names)."""
    family = "".join(_words(person.family or person.name)[-1:])
    return family or re.sub(r"[^a-z0-9]", "", person.id)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOP_WORDS]


class KeyMaker:
    """Hands out unique keys in a fixed order, so the same data gives the same keys."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.used: set[str] = {k.casefold() for k in reserved}

    def make(self, base: str, title_words: list[str]) -> str:
        candidates = [base + "".join(title_words[:n]) for n in range(1, len(title_words) + 1)] or [base]
        for key in candidates:
            if key and key.casefold() not in self.used:
                return self.claim(key)
        key = candidates[-1] or "entry"
        for suffix in "abcdefghijklmnopqrstuvwxyz":
            if (key + suffix).casefold() not in self.used:
                return self.claim(key + suffix)
        n = 2
        while f"{key}{n}".casefold() in self.used:
            n += 1
        return self.claim(f"{key}{n}")

    def claim(self, key: str) -> str:
        self.used.add(key.casefold())
        return key


def build_entries(
    index: ProceedingsIndex,
    site_url: str = "",
    abstracts: bool = True,
    pages: Mapping[str, tuple[int, int]] | None = None,
) -> list[CitationEntry]:
    """Entries for every event volume and contribution, in programme order.

    ``pages`` names the pages of the contributions printed in their event's volume (data/volume_plan.py);
    the others state none.
    """
    events = index.proceedings.events
    given_keys = [c.bibtex_key for e in events for c in e.contributions if c.bibtex_key]
    # Made keys never equal a reference's: {cite} and the bibliographies could not tell them apart.
    reference_keys = [ref.key for e in events for ref in e.references]
    keys = KeyMaker([*given_keys, *reference_keys])
    entries: list[CitationEntry] = []
    for data in events:
        event_fields = _event_fields(index, data)  # the same for every entry of the event
        entries.append(_volume_entry(data, event_fields, keys, site_url))
        for c in data.contributions:
            entry = _contribution_entry(index, data, event_fields, c, keys, site_url, abstracts)
            if pages and c.id in pages:
                first, last = pages[c.id]
                entry.fields["pages"] = f"{first}--{last}" if last > first else str(first)
            entries.append(entry)
    return entries


def _event_fields(index: ProceedingsIndex, data: EventData) -> dict[str, str]:
    event = data.event
    fields: dict[str, str] = {}
    if event.start:
        fields["year"] = str(event.start.year)
        fields["month"] = MONTHS[event.start.month - 1]
    if event.location:
        fields["address"] = event.location
    if event.venue:
        fields["organization"] = event.venue
    editors = [_bibtex_name(index.people.get(m.person), m.person) for m in event.organizers]
    if editors:
        fields["editor"] = " and ".join(editors)
    return fields


def _page_url(site_url: str, docname: str) -> str | None:
    return f"{site_url.rstrip('/')}/{docname}.html" if site_url else None


def _own_link(c: Contribution) -> str | None:
    """Where the contribution itself is on the web when the book's site URL is unknown: its page, paper or slides."""
    return next((link for link in (c.url, c.pdf, c.slides, c.poster) if link and is_web_url(link)), None)


def _volume_entry(data: EventData, event_fields: dict[str, str], keys: KeyMaker, site_url: str) -> CitationEntry:
    event = data.event
    key = keys.make(re.sub(r"[^a-z0-9]", "", fold(event.id)) or "proceedings", [])
    fields = {"title": event.title, **event_fields}
    url = _page_url(site_url, f"_proceedings/{event.id}/index") or event.url
    if url:
        fields["url"] = url
    if event.doi:
        fields["doi"] = event.doi
    return CitationEntry(key, "proceedings", fields, None, event.id)


def _contribution_entry(
    index: ProceedingsIndex,
    data: EventData,
    event_fields: dict[str, str],
    c: Contribution,
    keys: KeyMaker,
    site_url: str,
    abstracts: bool,
) -> CitationEntry:
    event = data.event
    first = index.people.get(c.authors[0].person) if c.authors else None
    year = str(event.start.year) if event.start else ""
    # Without a person, a group author's first word, else the event id (which carries the year), stands in.
    group = "".join(_words(c.group_author or "")[:1])
    base = _author_base(first) + year if first else group + year if group else re.sub(r"[^a-z0-9]", "", event.id)
    key = c.bibtex_key or keys.make(base, _words(c.title))
    fields: dict[str, str] = {}
    authors = [_bibtex_name(index.people.get(a.person), a.person) for a in c.authors]
    if c.group_author:
        authors.append(_name_part(c.group_author, always=True))  # braced: one name, never split
    if authors:
        fields["author"] = " and ".join(authors)
    fields["title"] = c.title
    if c.kind in INPROCEEDINGS_KINDS:
        entry_type = "inproceedings"
        fields["booktitle"] = event.title
        fields.update(event_fields)
    else:
        entry_type = "misc"
        where = ", ".join(p for p in (event.title, event.location) if p)
        fields["howpublished"] = f"{c.kind.label} at {where}"
        fields.update({k: v for k, v in event_fields.items() if k in ("year", "month")})
    url = _page_url(site_url, f"_proceedings/{event.id}/contributions/{c.id}") or _own_link(c)
    if url:
        fields["url"] = url
    if c.pdf and is_web_url(c.pdf):
        fields["pdf"] = c.pdf
    if c.doi:
        fields["doi"] = c.doi
    if c.keywords:
        fields["keywords"] = ", ".join(c.keywords)
    if abstracts and c.abstract:
        fields["abstract"] = plain_text(c.abstract)
    return CitationEntry(key, entry_type, fields, c.id, event.id)


# --- writing ----------------------------------------------------------------


class _CharwiseEncoder(UnicodeToLatexEncoder):  # type: ignore[misc]  # pylatexenc has no type information
    """pylatexenc's encoder, asked once per distinct character instead of walked over every string.

    When every rule is a one-character dictionary rule (checked here), pylatexenc encodes a string
    by NFC-normalizing it and replacing each character on its own; so the encoding of a string is
    its characters' encodings, each got from pylatexenc once and remembered. Characters that
    pylatexenc leaves as they are (most of ASCII, found by asking it) are not looked at.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        rules = [
            rule
            for given in self.conversion_rules
            for rule in (get_builtin_conversion_rules(given) if isinstance(given, str) else [given])
        ]
        self._charwise = all(rule.rule_type == RULE_DICT for rule in rules)
        self._known: dict[str, str] = {}
        changed = "".join(c for c in map(chr, range(128)) if self._pylatexenc(c) != c)
        # Only ASCII's specials: pylatexenc's table spells some letters as look-alikes (Greek capital
        # alpha as A, u with double acute as u with acute), so every other character stays UTF-8,
        # which biber, BibTeX 0.99 and XeLaTeX read as it is.
        self._to_encode = re.compile(f"[{re.escape(changed)}]")

    def unicode_to_latex(self, s: str) -> str:
        if not self._charwise:
            return self._pylatexenc(s)
        return self._to_encode.sub(self._encode, unicodedata.normalize("NFC", str(s)))

    def _encode(self, match: re.Match[str]) -> str:
        char = match.group()
        encoded = self._known.get(char)
        if encoded is None:
            encoded = self._known[char] = self._pylatexenc(char)
        return encoded

    def _pylatexenc(self, s: str) -> str:
        return str(super().unicode_to_latex(s))


# Every character as text; a straight double quote stays one (pylatexenc's default makes it '').
# Characters with no LaTeX form (CJK) pass through as UTF-8, which biber and XeLaTeX read.
_ENCODER = _CharwiseEncoder(
    non_ascii_only=False,
    # BibTeX counts \{ and \} as braces, so a lone brace in a title needs a command, not an escape.
    conversion_rules=[
        UnicodeToLatexConversionRule(
            RULE_DICT, {ord('"'): '{"}', ord("{"): "{\\textbraceleft}", ord("}"): "{\\textbraceright}"}
        ),
        "defaults",
    ],
    unknown_char_policy="keep",
    unknown_char_warning=False,
)

# TeX fonts turn these pairs into other characters ("--" into a dash, "<<" into a guillemet); an empty
# group between the two keeps the text as written.
_LIGATURE_PAIR = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=,)(?=,)|(?<=<)(?=<)|(?<=>)(?=>)|(?<=[!?])(?=`)")

LIGATURE_PAIRS = ("--", "``", "''", ",,", "<<", ">>", "!`", "?`")  # what _LIGATURE_PAIR separates

# Fields whose case BibTeX styles would change: an extra brace group keeps it.
PROTECTED_FIELDS = ("title", "booktitle")
URL_FIELDS = ("url", "pdf", "doi")
NAME_FIELDS = ("author", "editor")  # encoded part by part when the entry is built (_bibtex_name)


def write_bibtex(entries: Iterable[CitationEntry]) -> str:
    """Entries as BibTeX text; every value LaTeX-encoded as text, titles case-protected."""
    by_key = {e.key: e for e in entries}
    library = bibtexparser.Library()
    for e in by_key.values():
        library.add(Entry(e.entry_type, e.key, [Field(name, value) for name, value in e.fields.items()]))
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    # The library is this function's own: the middlewares change it in place instead of copying it.
    encoded = LatexEncodingMiddleware(encoder=_ENCODER, allow_inplace_modification=True).transform(library)
    for entry in encoded.entries:
        for field in entry.fields:
            if field.key in URL_FIELDS:
                field.value = _safe_url(by_key[entry.key].fields[field.key])
                continue
            if field.key in NAME_FIELDS:
                field.value = by_key[entry.key].fields[field.key]
            if field.key == "pages":
                field.value = by_key[entry.key].fields["pages"]  # numbers and the en dash "--" of a range
                continue
            if field.key == "month":
                field.enclosing = "no-enclosing"  # the month macro (jul), as BibTeX and biber expect
                continue
            if any(pair in field.value for pair in LIGATURE_PAIRS):  # the regex is slow on long abstracts
                field.value = _LIGATURE_PAIR.sub("{}", field.value)
            if field.key in PROTECTED_FIELDS:
                field.value = "{" + field.value + "}"
    return bibtexparser.write_string(encoded, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


def _safe_url(url: str) -> str:
    """URLs stay verbatim for the url package, but cannot close the field's braces."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
