"""Hypothesis strategies: a random *valid* series as Python data, and the project folder it makes.

The data has the shapes of ``ext/sphinx_proceedings/data/model.py`` (the YAML format users write) and
carries hostile-but-legal text wherever users write prose: titles, names, affiliations, bios,
abstracts. Hostile means what submission systems paste in: CJK, right-to-left scripts, combining
marks, LaTeX specials and commands, braces, quotes, ``%``, Markdown/MyST/reST syntax, HTML tags.

``SeriesData.write(folder)`` writes a project folder (``conf.py``, ``index.md``, ``data/…``): YAML
through PyYAML with every string quoted (the loader reads YAML 1.2 core scalars, so a title like
``1e5`` or ``null`` must not be left plain) and ``references.bib`` through bibtexparser, its text
LaTeX-encoded by pylatexenc. Nothing is escaped by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
import yaml
from bibtexparser.model import Entry, Field
from hypothesis import strategies as st
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from sphinx_proceedings.data.identifiers import orcid_check_digit
from sphinx_proceedings.data.model import WINDOWS_RESERVED
from sphinx_proceedings.data.validate import RESERVED_EVENT_IDS

# --- text -------------------------------------------------------------------

# Pieces of text that break naive escaping somewhere: LaTeX, BibTeX, HTML, Markdown, MyST, reST, YAML.
HOSTILE_PIECES = (
    # scripts and marks
    "深度学习系统",
    "機械学習",
    "تعلم الآلة",
    "שלום עולם",
    "e\u0301t\u0301e\u0301",
    "n\u0303",
    "Ἀθῆναι",
    "Zoë",
    "Ærøskøbing",
    "İstanbul",
    "Straße",
    "😀",
    # LaTeX and BibTeX
    "\\",
    "{",
    "}",
    "{}",
    "{GPU}",
    "$x^2$",
    "$",
    "&",
    "#1",
    "^",
    "_",
    "~",
    "%",
    "50%",
    "\\textbf{bold}",
    "\\input{/etc/passwd}",
    "\\\\",
    "@misc{x,",
    "title = {x}",
    "=",
    ",",
    " and ",
    "AND",
    # quotes
    '"',
    "'",
    "``quoted''",
    '"double"',
    "'single'",
    "--",
    "...",
    # Markdown, MyST, reST
    "*em*",
    "**strong**",
    "_under_",
    "`tick`",
    "[link](https://example.org/)",
    "<https://example.org/>",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "```",
    "{cite}`key`",
    "{ref}`target`",
    ":::",
    "```{raw} html",
    ":ref:`x`",
    ".. raw:: html",
    "|sub|",
    "``literal``",
    "`x`_",
    "[#]_",
    # HTML
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "&amp;",
    "&lt;",
    "<!-- c -->",
    "</div>",
    # YAML
    "- ",
    ": ",
    "null",
    "true",
    "1e5",
    "09:00",
    "2024-05-01",
    "*alias",
    "&anchor",
    "!tag",
)

# Letters, marks, digits, punctuation and symbols of any script; no whitespace, controls,
# format characters (BOM, bidi controls), surrogates or unassigned code points.
word = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S")), min_size=1, max_size=8)
plain_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=9)


# Words that mean something inside a BibTeX name list: a separator, name parts, a brace group.
NAME_PIECES = ("and", "AND", ",", "Jr.", "von", "de la", "{", "}", "{Team}", "-", "Smith,", "O'Neil", "al-Hasan")


def hostile_line(max_pieces: int = 6, extra: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """One line of text, no leading or trailing space, single spaces inside (the model strips)."""
    pieces = [plain_word, st.sampled_from(HOSTILE_PIECES), word] + ([st.sampled_from(extra)] if extra else [])
    return (
        st.lists(st.one_of(pieces), min_size=1, max_size=max_pieces)
        .map(lambda ps: " ".join(" ".join(ps).split()))
        .filter(bool)
    )


def hostile_name(max_pieces: int = 4) -> st.SearchStrategy[str]:
    return hostile_line(max_pieces, NAME_PIECES)


def hostile_markdown() -> st.SearchStrategy[str]:
    """A few paragraphs or list items of hostile lines (abstracts, bios, descriptions)."""
    block = st.lists(hostile_line(), min_size=1, max_size=3)
    joiner = st.sampled_from(("\n\n", "\n", "\n- ", "\n\n1. ", "\n> "))
    return st.tuples(block, joiner).map(lambda bj: bj[1].join(bj[0]))


# pybtex, which prints references in the HTML book (sphinxcontrib-bibtex), shows "\\$",
# "{\\textbraceleft}", "{\\textbraceright}" and "{\\textasciicircum}" as written: no LaTeX a user can
# write puts these characters into a reference's title on the page, so reference text leaves them out.
NOT_PRINTABLE_BY_PYBTEX = str.maketrans("", "", "{}$^")


def reference_line(max_pieces: int = 6) -> st.SearchStrategy[str]:
    return hostile_line(max_pieces).map(lambda s: " ".join(s.translate(NOT_PRINTABLE_BY_PYBTEX).split())).filter(bool)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# --- ids, links and dates ---------------------------------------------------

# Ids that are also names of generated pages or folders: collisions there are bugs worth finding.
PAGE_NAMES = (
    "index",
    "people",
    "schedule",
    "accepted",
    "references",
    "sessions",
    "contributions",
    "cite",
    "cited",
    "volume",
    "ebook",
    "speakers",
    "search",
    "genindex",
    "proceedings",
)
slug = st.one_of(
    st.sampled_from(PAGE_NAMES),
    st.from_regex(r"[a-z0-9](?:[a-z0-9._-]{0,10}[a-z0-9])?", fullmatch=True).filter(
        lambda s: s.split(".")[0] not in WINDOWS_RESERVED  # device names are no valid ids
    ),
)
bibtex_key = st.from_regex(r"[A-Za-z][A-Za-z0-9_:.-]{0,14}", fullmatch=True)
TIMEZONES = (
    "Europe/Vienna",
    "America/Los_Angeles",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "UTC",
    "Australia/Adelaide",
    "America/St_Johns",
)
url = st.builds(
    lambda host, path: f"https://{host}.example.org/{path}",
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.text(alphabet="abcxyz0123456789-._~!$&'()*+,;=:@/?#%{}|^`\"<>[]", max_size=20),
)
doi = st.from_regex(r"10\.[0-9]{4,9}/[!-~]{1,20}", fullmatch=True)
# Valid iDs only: the last character is the ISO 7064 MOD 11-2 check digit of the first fifteen.
orcid = st.from_regex(r"[0-9]{15}", fullmatch=True).map(
    lambda base: "-".join((base + orcid_check_digit(base))[i : i + 4] for i in range(0, 16, 4))
)
event_start = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 1))


# --- records ----------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """One entry of a references.bib, its fields as the text a reader should see."""

    key: str
    entry_type: str
    fields: dict[str, str]
    authors: tuple[str, ...] = ()


@dataclass
class EventFiles:
    """The files of one event folder, as data."""

    id: str
    event: dict[str, Any]
    people: list[dict[str, Any]]
    schedule: dict[str, Any] | None
    contributions: list[dict[str, Any]]
    references: list[Reference]
    abstract_files: dict[str, str] = field(default_factory=dict)  # path in the folder -> Markdown


@dataclass
class SeriesData:
    """A valid series: optional series.yaml and shared people.yaml, and the event folders."""

    series: dict[str, Any] | None
    shared_people: list[dict[str, Any]] | None
    events: list[EventFiles]

    @property
    def people(self) -> dict[str, dict[str, Any]]:
        """Person id -> the record that defines them (the first one listed)."""
        found: dict[str, dict[str, Any]] = {}
        for records in [self.shared_people or [], *(e.people for e in self.events)]:
            for p in records:
                found.setdefault(p["id"], p)
        return found

    @property
    def contributions(self) -> list[tuple[str, dict[str, Any]]]:
        """(event id, contribution record) in file order."""
        return [(e.id, c) for e in self.events for c in e.contributions]

    def write(self, root: Path) -> Path:
        """Write the project into ``root`` (created); return it."""
        data = root / "data"
        data.mkdir(parents=True)
        (root / "conf.py").write_text(
            'project = "Property Proceedings"\nextensions = ["sphinx_proceedings"]\n', encoding="utf-8"
        )
        (root / "index.md").write_text(
            "# Property Proceedings\n\n```{proc:event-list}\n```\n\n```{proc:toctree}\n```\n", encoding="utf-8"
        )
        if self.series is not None:
            write_yaml(data / "series.yaml", self.series)
        if self.shared_people is not None:
            write_yaml(data / "people.yaml", self.shared_people)
        for e in self.events:
            folder = data / e.id
            folder.mkdir()
            write_yaml(folder / "event.yaml", e.event)
            if e.people:
                write_yaml(folder / "people.yaml", e.people)
            if e.schedule is not None:
                write_yaml(folder / "schedule.yaml", e.schedule)
            write_yaml(folder / "contributions.yaml", e.contributions)
            for name, text in e.abstract_files.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text + "\n", encoding="utf-8")
            if e.references:
                (folder / "references.bib").write_text(write_references(e.references), encoding="utf-8")
        return root


# --- writing ----------------------------------------------------------------


class _QuotingDumper(yaml.SafeDumper):
    """Every string double-quoted: no text is read back as a number, a boolean or null."""


_QuotingDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)


def write_yaml(path: Path, data: Any) -> None:
    text = yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=10**6)
    path.write_text(text, encoding="utf-8")


# LaTeX text as a user writes it in a references.bib: the ASCII specials as commands (a brace as
# \\textbraceleft, since BibTeX counts "\\{" as a brace), every other character as UTF-8.
LATEX_SPECIALS = UnicodeToLatexEncoder(
    non_ascii_only=False,
    conversion_rules=[
        UnicodeToLatexConversionRule(
            RULE_DICT,
            {
                ord("\\"): "{\\textbackslash}",
                ord("{"): "{\\textbraceleft}",
                ord("}"): "{\\textbraceright}",
                ord("$"): "\\$",
                ord("&"): "\\&",
                ord("%"): "\\%",
                ord("#"): "\\#",
                ord("_"): "\\_",
                ord("^"): "{\\textasciicircum}",
                ord("~"): "{\\textasciitilde}",
                ord('"'): '{"}',
            },
        )
    ],
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
# Character pairs LaTeX (and pybtex) print as one glyph: "--" is an en dash, "``" an opening quote.
LIGATURES = ("--", "``", "''", "!`", "?`", ",,", "<<", ">>")


def latex_text(text: str) -> str:
    """``text`` as LaTeX that prints it: specials as commands, ligatures broken with ``{}``."""
    encoded = LATEX_SPECIALS.unicode_to_latex(text)
    for pair in LIGATURES:
        while pair in encoded:
            encoded = encoded.replace(pair, pair[0] + "{}" + pair[1])
    return encoded


VERBATIM = ("url", "doi")


def write_references(references: Iterable[Reference]) -> str:
    """A references.bib as a user writes one: LaTeX text, each author's name in one brace group."""
    library = bibtexparser.Library()
    for ref in references:
        fields = []
        if ref.authors:
            fields.append(Field("author", " and ".join("{" + latex_text(a) + "}" for a in ref.authors)))
        for name, value in ref.fields.items():
            fields.append(Field(name, value if name in VERBATIM else latex_text(value)))
        library.add(Entry(ref.entry_type, ref.key, fields))
    return bibtexparser.write_string(library)


# --- the series -------------------------------------------------------------

CONTRIBUTION_KINDS = (
    "keynote",
    "invited-talk",
    "contributed-talk",
    "lightning-talk",
    "panel",
    "tutorial",
    "poster",
    "paper",
    "demo",
    "update",
)
PLAIN_SLOT_KINDS = ("opening", "closing", "break", "meal", "posters", "social", "other")


@st.composite
def person(draw: st.DrawFn, pid: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": pid}
    style = draw(st.sampled_from(("display", "structured", "single")))
    if style == "structured":
        given, family = draw(hostile_name(3)), draw(hostile_name(2))
        particle = draw(optional(st.sampled_from(("van", "de la", "von", "al"))))
        record["name"] = " ".join(p for p in (given, particle, family) if p)
        record.update(given=given, family=family)
        if particle:
            record["particle"] = particle
    elif style == "single":
        record["name"] = draw(st.sampled_from(("张伟", "Prince", "محمد", "Ἀριστοτέλης")) | word)
    else:
        record["name"] = draw(hostile_name())
    extras = {
        "affiliation": hostile_line(),
        "bio": hostile_markdown(),
        "homepage": url,
        "orcid": orcid,
        "social": st.dictionaries(st.sampled_from(("twitter", "github", "mastodon")), url, min_size=1, max_size=2),
    }
    for key, strategy in extras.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    return record


@st.composite
def author(draw: st.DrawFn, pid: str) -> str | dict[str, Any]:
    """A person id, or the long form with this contribution's affiliation and the presenting flag."""
    if draw(st.booleans()):
        return pid
    record: dict[str, Any] = {"person": pid}
    if draw(st.booleans()):
        record["affiliation"] = draw(hostile_line())
    if draw(st.booleans()):
        record["presenting"] = draw(st.booleans())
    return record


@st.composite
def contribution(draw: st.DrawFn, cid: str, people: list[str], bibtex_keys: set[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": cid, "kind": draw(st.sampled_from(CONTRIBUTION_KINDS))}
    record["title"] = draw(hostile_line())
    authors = draw(st.lists(st.sampled_from(people), unique=True, max_size=3)) if people else []
    if authors:
        record["authors"] = [draw(author(pid)) for pid in authors]
    extras = {
        "abstract": hostile_markdown(),
        "slides": url,
        "video": url,
        "pdf": url,
        "url": url,
        "doi": doi,
        "keywords": st.lists(hostile_line(3), min_size=1, max_size=3),
        "note": hostile_markdown(),
    }
    for key, strategy in extras.items():
        if draw(st.integers(0, 3)) == 0:
            record[key] = draw(strategy)
    if "doi" in record:  # a DOI names one work (check reports a second use); after the last '#', the id
        record["doi"] += f"#{cid}"  # (no '#' in ids) keeps it unique
    if draw(st.integers(0, 4)) == 0:
        key = draw(bibtex_key.filter(lambda k: k.casefold() not in bibtex_keys))
        bibtex_keys.add(key.casefold())
        record["bibtex_key"] = key
    return record


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def schedule(
    draw: st.DrawFn, day: dt.date, contributions: list[str], people: list[str], event_id: str
) -> dict[str, Any]:
    """One day of back-to-back sessions; some contributions stay unscheduled (accepted papers).

    Session ids are unique in the series (pages and links name a session by its id alone): each is
    prefixed with its event's id."""
    queue = list(contributions)
    scheduled = draw(st.integers(0, len(queue)))
    queue = queue[:scheduled]
    session_ids = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    now = draw(st.integers(7 * 60, 10 * 60))
    sessions = []
    for sid in session_ids:
        session: dict[str, Any] = {"id": f"{event_id}-{sid}"}
        if draw(st.booleans()):
            session["title"] = draw(hostile_line())
        if people and draw(st.booleans()):
            session["chairs"] = draw(st.lists(st.sampled_from(people), unique=True, min_size=1, max_size=2))
        start = now
        slots = []
        for _ in range(draw(st.integers(1, 3))):
            length = draw(st.sampled_from((10, 15, 30, 45, 60)))
            slot: dict[str, Any] = {"start": _clock(now), "end": _clock(now + length)}
            take = draw(st.integers(0, min(2, len(queue))))
            if take:
                slot["contributions"] = [queue.pop(0) for _ in range(take)]
                if draw(st.booleans()):
                    slot["kind"] = "posters" if take > 1 else "contribution"
            else:
                slot["kind"] = draw(st.sampled_from(PLAIN_SLOT_KINDS))
                slot["title"] = draw(hostile_line())
                if people and draw(st.booleans()):
                    slot["people"] = [draw(st.sampled_from(people))]
            if draw(st.integers(0, 4)) == 0:
                slot["note"] = draw(hostile_markdown())
            slots.append(slot)
            now += length
        session.update(start=_clock(start), end=_clock(now), slots=slots)
        sessions.append(session)
        now += draw(st.sampled_from((0, 15, 30)))
    return {"days": [{"date": day.isoformat(), "sessions": sessions}]}


# The fields the book's bibliography style (unsrt) needs for each entry type; without them it prints
# "missing journal in <key>" instead of the entry.
REQUIRED_FIELDS = {"misc": (), "article": ("journal",), "inproceedings": ("booktitle",), "book": ("publisher",)}


@st.composite
def references(draw: st.DrawFn, keys: set[str], max_size: int) -> list[Reference]:
    found = []
    for _ in range(draw(st.integers(0, max_size))):
        key = draw(bibtex_key.filter(lambda k: k.casefold() not in keys))
        keys.add(key.casefold())
        authors = tuple(draw(st.lists(reference_line(3), max_size=2)))
        entry_type = draw(st.sampled_from(tuple(REQUIRED_FIELDS))) if authors else "misc"
        fields = {"title": draw(reference_line())}
        for name in REQUIRED_FIELDS[entry_type]:
            fields[name] = draw(reference_line(3))
        fields["year"] = str(draw(st.integers(1950, 2035)))
        if draw(st.booleans()):
            fields["url"] = draw(st.from_regex(r"https://arxiv\.org/abs/[0-9]{4}\.[0-9]{5}", fullmatch=True))
        if draw(st.booleans()):
            fields["note"] = draw(reference_line())
        found.append(Reference(key, entry_type, fields, authors))
    return found


def _membership(draw: st.DrawFn, people: list[str]) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(people), unique=True, max_size=2)) if people else []
    out = []
    for pid in chosen:
        m: dict[str, Any] = {"person": pid}
        if draw(st.booleans()):
            m["affiliation"] = draw(hostile_line())
        if draw(st.booleans()):
            m["role"] = draw(hostile_line(3))
        out.append(m)
    return out


@st.composite
def event(draw: st.DrawFn, eid: str, people: list[str]) -> dict[str, Any]:
    start = draw(event_start)
    end = start + dt.timedelta(days=draw(st.integers(0, 2)))
    record: dict[str, Any] = {"id": eid, "title": draw(hostile_line())}
    extras = {
        "short_title": hostile_line(3),
        "series": hostile_line(3),
        "venue": hostile_line(3),
        "location": hostile_line(3),
        "timezone": st.sampled_from(TIMEZONES),
        "url": url,
        "description": hostile_markdown(),
        "contact": hostile_line(),
    }
    for key, strategy in extras.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    record.update(start=start.isoformat(), end=end.isoformat())
    organizers, committee = _membership(draw, people), _membership(draw, people)
    if organizers:
        record["organizers"] = organizers
    if committee:
        record["committee"] = committee
    if draw(st.booleans()):
        record["links"] = [{"title": draw(hostile_line(3)), "url": draw(url)}]
    if draw(st.booleans()):
        deadline = start - dt.timedelta(days=draw(st.integers(20, 150)))
        cfp: dict[str, Any] = {
            "intro": draw(hostile_markdown()),
            "topics": draw(st.lists(hostile_line(), max_size=3)),
            "submission_url": draw(url),
            "important_dates": [
                {"label": "Submission deadline", "date": deadline.isoformat(), "time": "23:59 AoE"},
                {"label": draw(hostile_line(3)), "date": deadline.isoformat(), "extended": True},
                {"label": "Workshop", "date": start.isoformat()},
            ],
        }
        if draw(st.booleans()):
            cfp["title"] = draw(hostile_line(3))
        record["call_for_papers"] = cfp
    return record


@st.composite
def series_data(
    draw: st.DrawFn,
    max_events: int = 2,
    max_people: int = 5,
    max_contributions: int = 5,
    max_references: int = 3,
) -> SeriesData:
    """A valid series: ids unique where the format says so, every reference resolvable."""
    n_events = draw(st.integers(1, max_events))
    # Event ids the book uses for its own pages are refused by check (RESERVED_EVENT_IDS).
    event_slug = slug.filter(lambda s: s not in RESERVED_EVENT_IDS)
    event_ids = draw(st.lists(event_slug, min_size=n_events, max_size=n_events, unique=True))
    person_ids = draw(st.lists(slug, max_size=max_people, unique=True))
    contribution_ids = draw(st.lists(slug, max_size=max_contributions * n_events, unique=True))
    people = {pid: draw(person(pid)) for pid in person_ids}

    shared = draw(st.booleans())
    homes = {pid: draw(st.integers(0, n_events - 1)) for pid in person_ids}
    # Contribution keys and reference keys share one namespace ({cite} takes either).
    bibtex_keys: set[str] = set()
    events = []
    for i, eid in enumerate(event_ids):
        mine = contribution_ids[i::n_events]
        contributions = [draw(contribution(cid, person_ids, bibtex_keys)) for cid in mine]
        abstract_files = {}
        for c in contributions:
            if "abstract" in c and draw(st.integers(0, 3)) == 0:
                name = f"abstracts/{c['id']}.md"
                abstract_files[name] = c.pop("abstract")
                c["abstract_file"] = name
        local_people = [] if shared else [people[p] for p in person_ids if homes[p] == i]
        # A person may also be listed by another event, with the affiliation they had there.
        for pid in person_ids:
            if not shared and homes[pid] != i and draw(st.integers(0, 3)) == 0:
                local_people.append({"id": pid, "name": people[pid]["name"], "affiliation": draw(hostile_line(3))})
        record = draw(event(eid, person_ids))
        start = dt.date.fromisoformat(record["start"])
        has_schedule = draw(st.booleans())
        events.append(
            EventFiles(
                id=eid,
                event=record,
                people=local_people,
                schedule=draw(schedule(start, mine, person_ids, eid)) if has_schedule else None,
                contributions=contributions,
                references=draw(references(bibtex_keys, max_references)),
                abstract_files=abstract_files,
            )
        )
    # An event may list an earlier event's reference again (the book shows it once).
    if len(events) > 1 and events[0].references and draw(st.booleans()):
        events[1].references.append(events[0].references[0])
    series = None
    if draw(st.booleans()):
        series = {"title": draw(hostile_line())}
        if draw(st.booleans()):
            series["description"] = draw(hostile_markdown())
    return SeriesData(series=series, shared_people=list(people.values()) if shared else None, events=events)
