"""Property-based tests (hypothesis), deterministic for CI: a fixed seed and a bounded number of examples.

1. A random valid series (``tests/strategies.py``: hostile-but-legal text everywhere users write prose)
   loads without errors; ``proceedings bib`` gives BibTeX that bibtexparser and pybtex both parse, one
   entry per contribution and one @proceedings per event, every title decoding to the data's title and
   every author list keeping its length; and a real Sphinx HTML build shows every contribution title,
   person name and reference title as text.
2. Random mutations of real data files (lines deleted, duplicated, swapped, re-indented; tabs, random
   bytes, truncation, scalars replaced by lists, maps, huge numbers, aliases, anchors, tags; invalid
   UTF-8, BOMs) never make ``proceedings check`` crash: exit 0 or 1, every line ``path:line:col:``.

Shrinking is off so that a failure costs no more time than a pass (CI); set ``HYPOTHESIS_SHRINK=1``
to get a minimal example for a new failure, then pin it here with ``@example``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
import pybtex.database
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from sphinx_proceedings.cli.main import main
from sphinx_proceedings.data.loader import load_project

from .conftest import ROOTS, run_build
from .strategies import EventFiles, Reference, SeriesData, series_data

REPO = Path(__file__).parent.parent
SITE = "https://book.example.org"
SHRINK = (Phase.shrink,) if os.environ.get("HYPOTHESIS_SHRINK") else ()
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, *SHRINK)


def deterministic(max_examples: int) -> settings:
    return settings(
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=max_examples,
        phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


@contextlib.contextmanager
def project_of(series: SeriesData) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="prop-") as tmp:
        yield series.write(Path(tmp) / "book")


def run_cli(*args: str) -> tuple[int, str, str]:
    """``proceedings ARGS`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def same_text(text: str) -> str:
    """Text as compared: one space between words, canonically composed (é == e + U+0301)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


# --- 1. valid series ----------------------------------------------------------

# What LaTeX prints for BibTeX text, decoded by pylatexenc (independent of the product), plus the
# text commands pylatexenc does not know or decodes to look-alikes, and math as LaTeX prints it:
# '^' and '_' raise and lower what follows and are never printed themselves.


def _math_as_printed(node: Any, l2tobj: LatexNodes2Text) -> str:
    args = node.nodeargd.argnlist if node.nodeargd else []
    return l2tobj.nodelist_to_text(args[-1:]).replace("^", "").replace("_", "") if args else ""


_latex_context = get_default_latex_context_db()
_latex_context.add_context_category(
    "text-commands-as-latex-prints-them",
    prepend=True,
    macros=[
        MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
        MacroTextSpec("textasciitilde", "~"),
        MacroTextSpec("textperiodcentered", "\N{MIDDLE DOT}"),
        MacroTextSpec("ensuremath", simplify_repl=_math_as_printed),
    ],
)
_latex = LatexNodes2Text(latex_context=_latex_context, math_mode="verbatim")


def printed(latex: str) -> str:
    """The text a BibTeX field prints, compatibility-folded (a ligature 'ﬁ' prints as 'fi')."""
    return unicodedata.normalize("NFKC", same_text(_latex.latex_to_text(latex)))


def printed_original(text: str) -> str:
    """The data's text, folded the same way."""
    return unicodedata.normalize("NFKC", same_text(text))


def bibtex_of(series: SeriesData) -> str:
    """``proceedings bib`` of the series, after checking that it loads without errors."""
    with project_of(series) as root:
        loaded = load_project(root / "data", root)
        assert not loaded.problems.errors, [p.format(root) for p in loaded.problems.errors]
        code, out, err = run_cli("bib", str(root), "--site-url", SITE)
    assert code == 0, err
    return out


def parsed_by_bibtexparser(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    return library


def contribution_url(event_id: str, contribution_id: str) -> str:
    return f"{SITE}/_proceedings/{event_id}/contributions/{contribution_id}.html"


def event_with_talk(event_id: str, title: str, session_id: str | None = None) -> EventFiles:
    """One event with one paper (in a session of its own, if ``session_id`` is given)."""
    event = {"id": event_id, "title": f"Event {event_id}", "start": "2024-05-01", "end": "2024-05-01"}
    paper = {"id": f"{event_id}-paper", "kind": "paper", "title": title}
    schedule = None
    if session_id:
        slot = {"start": "09:00", "end": "09:30", "contributions": [paper["id"]]}
        schedule = {"days": [{"date": "2024-05-01", "sessions": [{"id": session_id, "slots": [slot]}]}]}
    return EventFiles(event_id, event, [], schedule, [paper], [])


def one_talk(title: str, event_id: str = "e") -> SeriesData:
    """The smallest series: one event, one paper with this title (for examples pinned with ``@example``)."""
    return SeriesData(None, None, [event_with_talk(event_id, title)])


def citing(title: str, key: str = "ref") -> SeriesData:
    """One event whose references.bib holds one entry with this title."""
    event = event_with_talk("e", "A paper")
    event.references = [Reference(key, "misc", {"title": title, "year": "2020"})]
    return SeriesData(None, None, [event])


def citing_its_own_talk() -> SeriesData:
    """An event whose references.bib cites its own keynote by the key Google Scholar gives it."""
    series = citing("Engines That Learn", key="lovelace2024engines")
    event = series.events[0]
    event.people = [{"id": "ada", "name": "Ada Lovelace"}]
    event.contributions[0].update(title="Engines That Learn", authors=["ada"])
    return series


def paper_by(*names: str) -> SeriesData:
    """One event with one paper by people of these names."""
    event = event_with_talk("e", "A paper")
    event.people = [{"id": f"p{i}", "name": name} for i, name in enumerate(names)]
    event.contributions[0]["authors"] = [p["id"] for p in event.people]
    return SeriesData(None, None, [event])


@deterministic(max_examples=60)
@given(series_data())
# The word "and" inside a name must not separate two names in BibTeX (one author, not two).
@example(paper_by("Tom and Jerry Smith"))
# A name pasted as "Family, Given, Jr." must not give a BibTeX name pybtex refuses ("Too many commas").
@example(paper_by("Smith, John, Jr."))
def test_valid_series_gives_bibtex_with_every_contribution(series: SeriesData) -> None:
    text = bibtex_of(series)
    library = parsed_by_bibtexparser(text)
    pybtex_data = pybtex.database.parse_string(text, "bibtex")
    kinds = sorted(e.type for e in pybtex_data.entries.values())
    assert kinds.count("proceedings") == len(series.events)
    assert len(kinds) == len(library.entries) == len(series.events) + len(series.contributions)
    by_url = {e.fields.get("url"): e for e in pybtex_data.entries.values()}
    for event_id, c in series.contributions:
        entry = by_url[contribution_url(event_id, str(c["id"]))]
        authors = [str(person) for person in entry.persons.get("author", [])]
        assert len(authors) == len(c.get("authors", [])), f"{authors} from {c.get('authors')}"


@deterministic(max_examples=60)
@given(series_data())
# Letters pylatexenc's default table spells as look-alikes: Greek capital alpha as a Latin "A",
# Hungarian "ű" (double acute) as "\\'{u}" (acute).
@example(one_talk("Α"))
@example(one_talk("Műegyetem"))
# Plain "--" is two hyphens, not the en dash LaTeX prints for it.
@example(one_talk("--help"))
def test_bibtex_titles_print_as_the_data_writes_them(series: SeriesData) -> None:
    library = parsed_by_bibtexparser(bibtex_of(series))
    by_url = {e["url"]: e for e in library.entries}
    for event_id, c in series.contributions:
        title = by_url[contribution_url(event_id, str(c["id"]))]["title"]
        assert printed(title) == printed_original(str(c["title"])), title


# --- HTML -----------------------------------------------------------------------


def main_text(outdir: Path, docname: str) -> str:
    """The text of a page's article (not the theme's navigation), whitespace normalised."""
    tree = lxml_html.fromstring((outdir / f"{docname}.html").read_text(encoding="utf-8"))
    return same_text(tree.xpath('//article[contains(@class, "bd-article")]')[0].text_content())


def assert_shown(expected: str, outdir: Path, docname: str) -> None:
    text = main_text(outdir, docname)
    assert same_text(expected) in text, f"{same_text(expected)!r} is not on {docname}, which reads: {text!r}"


def unexpected_warnings(warnings: str) -> list[str]:
    """Sphinx warnings a valid series should not cause (random names may read alike: that one is fine)."""
    return [line for line in warnings.splitlines() if line.strip() and not line.endswith("[proceedings.names]")]


@deterministic(max_examples=4)
@given(series_data(max_events=2, max_people=3, max_contributions=3, max_references=2))
# Sphinx's SmartQuotes must leave data text alone ("\\" kept, "--" not an en dash).
@example(one_talk("a \\\\ b --help"))
# A name pasted as "Family, Given, Jr." must not stop the build (pybtex reads contributions.bib).
@example(paper_by("Smith, John, Jr."))
# A reference title that starts with a brace group ('"' is written {"}) keeps its case.
@example(citing('"Quoted" Title Case'))
# A reference key that is also the key generated for a contribution ({cite} takes either).
@example(citing_its_own_talk())
def test_valid_series_builds_html_showing_every_title_name_and_reference(series: SeriesData) -> None:
    with project_of(series) as root:
        build = run_build(root, root / "_build")
        assert unexpected_warnings(build.warnings) == []
        people = series.people
        titles = {str(c["id"]): str(c["title"]) for _, c in series.contributions}
        for event_id, c in series.contributions:
            page = f"_proceedings/{event_id}/contributions/{c['id']}"
            assert_shown(str(c["title"]), build.outdir, page)
            for author in c.get("authors", []):
                pid = author if isinstance(author, str) else author["person"]
                assert_shown(people[pid]["name"], build.outdir, page)
        for pid, person in people.items():
            assert_shown(person["name"], build.outdir, f"_proceedings/people/{pid}")
        for event in series.events:
            for ref in event.references:
                assert_shown(ref.fields["title"], build.outdir, f"_proceedings/{event.id}/references")
            for session in (s for day in (event.schedule or {}).get("days", []) for s in day["sessions"]):
                for cid in (cid for slot in session["slots"] for cid in slot.get("contributions", [])):
                    assert_shown(titles[cid], build.outdir, f"_proceedings/{event.id}/sessions/{session['id']}")


def test_series_the_book_cannot_publish_are_refused_at_their_place() -> None:
    """Found by the HTML property: an event id that names a generated page ("people") and a session
    id used by two events both broke pages; check now refuses them."""
    for series, message in (
        (one_talk("A talk", event_id="people"), "event id 'people' is the name of one of the book's own pages"),
        (
            SeriesData(None, None, [event_with_talk("a", "Talk A", "s1"), event_with_talk("b", "Talk B", "s1")]),
            "session id 's1' is also used by event 'a' at data/a/schedule.yaml:",
        ),
    ):
        with project_of(series) as root:
            loaded = load_project(root / "data", root)
            assert [p.format(root) for p in loaded.problems.errors if message in p.message or message in p.format(root)]


# --- 2. mutated real files -----------------------------------------------------

PROJECTS = (REPO / "proceedings", ROOTS / "test-basic")
DATA_FILES = tuple(
    (project, path.relative_to(project))
    for project in PROJECTS
    for path in sorted((project / "data").rglob("*"))
    if path.suffix in (".yaml", ".bib")
)
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?:error|warning|note): \S")


Mutation = Callable[[bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _at(items: list[bytes], i: int) -> int:
    return i % max(len(items), 1)


@dataclass(frozen=True)
class DeleteLine:
    line: int

    def __call__(self, data: bytes) -> bytes:
        lines = _lines(data)
        del lines[_at(lines, self.line)]
        return b"\n".join(lines)


@dataclass(frozen=True)
class DuplicateLine:
    line: int

    def __call__(self, data: bytes) -> bytes:
        lines = _lines(data)
        i = _at(lines, self.line)
        lines.insert(i, lines[i])
        return b"\n".join(lines)


@dataclass(frozen=True)
class SwapLines:
    first: int
    second: int

    def __call__(self, data: bytes) -> bytes:
        lines = _lines(data)
        i, j = _at(lines, self.first), _at(lines, self.second)
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)


@dataclass(frozen=True)
class Reindent:
    line: int
    by: int

    def __call__(self, data: bytes) -> bytes:
        lines = _lines(data)
        i = _at(lines, self.line)
        body = lines[i].lstrip(b" ")
        lines[i] = b" " * max(0, len(lines[i]) - len(body) + self.by) + body
        return b"\n".join(lines)


@dataclass(frozen=True)
class InsertBytes:
    """Bytes at a position: a tab, a NUL, a BOM, half a UTF-8 sequence, or anything at all."""

    at: int
    content: bytes

    def __call__(self, data: bytes) -> bytes:
        i = self.at % (len(data) + 1)
        return data[:i] + self.content + data[i:]


@dataclass(frozen=True)
class Truncate:
    at: int

    def __call__(self, data: bytes) -> bytes:
        return data[: self.at % (len(data) + 1)]


@dataclass(frozen=True)
class ReplaceValue:
    """The value of the n-th ``key: value`` or ``- value`` line replaced by other YAML."""

    line: int
    value: bytes

    def __call__(self, data: bytes) -> bytes:
        lines = _lines(data)
        candidates = [i for i, text in enumerate(lines) if VALUE_LINE.match(text)]
        if not candidates:
            return data
        i = candidates[self.line % len(candidates)]
        lines[i] = VALUE_LINE.sub(lambda m: m.group("head") + self.value, lines[i], count=1)
        return b"\n".join(lines)


@dataclass(frozen=True)
class Reencode:
    """The whole file in another encoding or with other line ends."""

    how: str

    def __call__(self, data: bytes) -> bytes:
        if self.how == "bom":
            return b"\xef\xbb\xbf" + data
        if self.how == "crlf":
            return data.replace(b"\n", b"\r\n")
        if self.how == "cr":
            return data.replace(b"\n", b"\r")
        return data.decode("utf-8", errors="replace").encode(self.how, errors="replace")


VALUE_LINE = re.compile(rb"^(?P<head>\s*(?:- )?(?:[A-Za-z_][\w-]*:\s|- |@\w+\{|\s+\w+ = ))(?P<value>.*)$")
WEIRD_VALUES = (
    b"[1, 2]",
    b"{a: 1}",
    b"[]",
    b"{}",
    b"- a",
    b"? a",
    b"99999999999999999999999999999999999999",
    b"-1",
    b"1e309",
    b"-.inf",
    b".nan",
    b"null",
    b"~",
    b"",
    b"*alias",
    b"&anchor value",
    b"&a [1]",
    b"!!binary aGk=",
    b"!!python/object/apply:os.system ['true']",
    b"!!timestamp 2024-01-01",
    b"!custom x",
    b"2024-02-30",
    b"24:61",
    b"'unterminated",
    b'"bad \\xZZ escape"',
    b"|",
    b">-",
    b"`x",
    b"@x",
    b"%x",
    b"true",
    b"0o17",
    b"0x1F",
    b"+.5",
    b"{a: [b, {c: d}]}",
    b"[" * 60 + b"]" * 60,
    b"x" * 5000,
    b"\xff\xfe",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\x00",
    "\u2028".encode(),
    b"\\input{/etc/passwd}",
    b"{",
    b"}",
    b'"',
    b"@misc{x,",
)
mutation = st.one_of(
    st.builds(DeleteLine, st.integers(0, 10**4)),
    st.builds(DuplicateLine, st.integers(0, 10**4)),
    st.builds(SwapLines, st.integers(0, 10**4), st.integers(0, 10**4)),
    st.builds(Reindent, st.integers(0, 10**4), st.integers(-4, 4)),
    st.builds(
        InsertBytes,
        st.integers(0, 10**6),
        st.sampled_from(
            (
                b"\t",
                b"\x00",
                b"\xef\xbb\xbf",
                b"\xc3",
                b"\xff",
                b"\r",
                b"\n",
                b"\n---\n",
                b"\n...\n",
                b": ",
                b"- ",
                b"#",
                b"&a ",
                b"*a",
                b"\x85",
                "\u2028".encode(),
            )
        )
        | st.binary(min_size=1, max_size=8),
    ),
    st.builds(Truncate, st.integers(0, 10**6)),
    st.builds(ReplaceValue, st.integers(0, 10**4), st.sampled_from(WEIRD_VALUES)),
    st.builds(Reencode, st.sampled_from(("bom", "crlf", "cr", "utf-16", "latin-1", "cp1252"))),
)


def assert_reported_in_place(code: int, out: str, err: str) -> None:
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in out + err
    for line in out.splitlines():
        match = PROBLEM_LINE.match(line)
        assert match, f"not a 'path:line:col: severity: message' line: {line!r}"
        assert Path(match["path"]).is_file(), line


BASIC_PEOPLE = (ROOTS / "test-basic", Path("data/demo2024/people.yaml"))
BASIC_EVENT = (ROOTS / "test-basic", Path("data/demo2024/event.yaml"))


@deterministic(max_examples=150)
@given(st.sampled_from(DATA_FILES), st.lists(mutation, min_size=1, max_size=3))
# A control character (NUL): once reported without a line, over two lines.
@example(BASIC_PEOPLE, [InsertBytes(100, b"\x00")])
# Invalid UTF-8, and an empty event.yaml: reported with a line but no column.
@example(BASIC_PEOPLE, [InsertBytes(100, b"\xff")])
@example(BASIC_EVENT, [Truncate(0)])
def test_mutated_data_never_crashes_check(target: tuple[Path, Path], mutations: list[Mutation]) -> None:
    project, relative = target
    with tempfile.TemporaryDirectory(prefix="mut-") as tmp:
        root = Path(tmp) / "book"
        shutil.copytree(project / "data", root / "data", ignore=shutil.ignore_patterns("_build", "_proceedings"))
        path = root / relative
        data = path.read_bytes()
        for mutate in mutations:
            data = mutate(data)
        path.write_bytes(data)
        assert_reported_in_place(*run_cli("check", str(root)))


def test_very_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Nesting far beyond what the mutations try: the YAML composer recursed once per level and
    overflowed the C stack near 50 000 levels (a 200 kB file; SIGSEGV, no message at all), so this
    one runs ``proceedings check`` in a subprocess."""
    root = tmp_path / "book"
    shutil.copytree(ROOTS / "test-basic" / "data", root / "data")
    depth = 100_000
    (root / "data/demo2024/people.yaml").write_text("- id: x\n  name: " + "[" * depth + "]" * depth + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_proceedings.cli.main", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_reported_in_place(done.returncode, done.stdout, done.stderr)
    assert "nesting is too deep" in done.stdout


# Words, spaces, line breaks, indentation and every character Markdown gives a meaning to.
MARKDOWN_ALPHABET = st.sampled_from(
    [
        "word",
        "Ünïcode",
        "42",
        "1.",
        "2)",
        " ",
        "  ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "\u00a0",
        "\x00",
        "\r\n",
        *"\\`*_[]<>!#&~=-+|().:'\"$%{}",
    ]
)


@deterministic(3000)
@given(st.lists(MARKDOWN_ALPHABET, max_size=40).map("".join))
@example("Title\n===\n\nwords")
@example("a\n- b\n    code")
@example("1) first\n\n&amp; more")
@example("words\n---\t-")
def test_plain_text_of_markdown_without_markup_skips_the_parser_and_agrees_with_it(text: str) -> None:
    from sphinx_proceedings.data.richtext import markdown_plain_text, plain_text

    assert plain_text(text) == markdown_plain_text(text)
