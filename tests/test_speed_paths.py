"""The fast paths of `check` and `bib` (issue 7) give what the slow ones gave, and the cache is never stale.

Each fast path is compared with a plain reference written here the way the code did it before:
YAML places from PyYAML's composed nodes, near-duplicate names from difflib over every pair of a
bucket, BibTeX through pylatexenc's encoder walking every string. Timings are the benchmarks'
business (benchmarks/README.md); nothing here measures seconds.
"""

from __future__ import annotations

import difflib
import os
import random
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pylatexenc.latexencode import UnicodeToLatexEncoder, get_builtin_uni2latex_dict
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_proceedings.cite import entries as citations
from sphinx_proceedings.data.cache import CACHE_DIR, DataCache, project_cache
from sphinx_proceedings.data.loader import LoadResult, load_project
from sphinx_proceedings.data.names import _key, near_duplicates
from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.data.yamlsource import YamlDocument, _scalar, read_yaml

REPO = Path(__file__).parent.parent
BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import write_project  # noqa: E402

DEFAULT_BOOK = REPO / "proceedings"
ANCHOR_MESSAGE = "YAML anchors and aliases are not allowed in data files"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated conference: accents, particles, CJK names, Markdown abstracts, 300 references."""
    out = tmp_path_factory.mktemp("speed") / "conference"
    write_project(out, 150, seed=11)
    return out


def data_files(project: Path) -> list[Path]:
    return sorted((project / "data").rglob("*.yaml"))


# --- YAML: values and places ------------------------------------------------


def reference_value(node: Node) -> Any:
    """Values from composed nodes, by the same YAML 1.2 core schema."""
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [reference_value(item) for item in node.value]
    assert isinstance(node, MappingNode)
    return {reference_value(k): reference_value(v) for k, v in node.value}


def reference_locate(root: Node | None, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int | None]:
    """How places were found before: walking PyYAML's composed nodes."""
    if root is None:
        return (1, None)
    node = root
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MappingNode):
            pair = next((p for p in node.value if isinstance(p[0], ScalarNode) and p[0].value == part), None)
            if pair is None:
                break
            chosen = pair[0] if (key and last) else pair[1]
            where = (chosen.start_mark.line + 1, chosen.start_mark.column + 1)
            node = pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            where = (node.start_mark.line + 1, node.start_mark.column + 1)
        else:
            break
    return where


def paths(value: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path into ``value``, and a missing key and index below each collection."""
    yield prefix
    if isinstance(value, dict):
        yield (*prefix, "no-such-key")
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        yield (*prefix, len(value))
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


def assert_same_as_composed(doc: YamlDocument, text: str) -> int:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert doc.data == (reference_value(node) if node is not None else None)
    checked = 0
    for loc in paths(doc.data):
        assert doc.locate(loc) == reference_locate(node, loc), loc
        assert doc.locate(loc, key=True) == reference_locate(node, loc, key=True), loc
        checked += 1
    return checked


@pytest.mark.parametrize("project", ["default", "generated"])
def test_values_and_places_are_those_of_the_composed_nodes(project: str, generated: Path) -> None:
    root = DEFAULT_BOOK if project == "default" else generated
    checked = 0
    for path in data_files(root):
        problems = Problems()
        doc = read_yaml(path, problems, root)
        assert doc is not None and not problems, path
        checked += assert_same_as_composed(doc, path.read_text(encoding="utf-8-sig"))
    assert checked > 1000


def test_places_of_odd_keys_and_values(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    text = (
        "1: int key\n"
        "~: null key\n"
        "nested:\n  - [a, {b: c}]\n  - ''\n  - |\n    block\n"
        "empty: []\n"
        "tagged: !!str 5\n"
        "'é🙂': wide\n"
        "after: wide\n"
    )
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path, Problems())
    assert doc is not None
    assert assert_same_as_composed(doc, text) > 10
    assert doc.locate(("after",)) == (11, 8)
    assert doc.locate(("nested", 0, 1, "b")) == (4, 13)
    assert doc.locate(("nested", 0, 1, "b"), key=True) == (4, 10)


def test_an_empty_file_is_placed_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    doc = read_yaml(path, Problems())
    assert doc is not None and doc.data is None and doc.locate(("id",)) == (1, None)


# --- YAML: anchors and aliases ---------------------------------------------

ANCHORED = {
    "scalar": "a: &x 1\nb: 2\n",
    "mapping": "a: &m\n  k: v\nb: 2\n",
    "sequence": "- &s\n  - 1\n- 2\n",
    "tag first": "a: !!str &t v\n",
    "flow": "{a: &f [1, 2], b: 3}\n",
    "document": "&top\na: 1\n",
    "mapping key": "- &k key: v\n",
    "after wide characters": "name: 'Zoë 🙂 王芳'\nalso: &a x\n",
    "crlf": "a: 1\r\nb: &c 2\r\n",
    "alias": "a: &x 1\nb: *x\n",
    "undefined alias": "a: 1\nb: *nowhere\n",
    "alias and a duplicate key": "a: &x 1\na: *x\n",
    "alias in broken YAML": "a: &x 1\nb: *x\nc: [unclosed\n",
}


def first_anchor_or_alias(text: str) -> tuple[int, int]:
    """The place the data format reports: the first alias, else the first anchor."""
    anchor = None
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return (event.start_mark.line + 1, event.start_mark.column + 1)
        if anchor is None and isinstance(event, yaml.NodeEvent) and event.anchor:
            anchor = (event.start_mark.line + 1, event.start_mark.column + 1)
    assert anchor is not None
    return anchor


@pytest.mark.parametrize("case", sorted(ANCHORED))
def test_anchors_and_aliases_are_found_wherever_they_are(case: str, tmp_path: Path) -> None:
    text = ANCHORED[case]
    path = tmp_path / "data.yaml"
    path.write_bytes(text.encode())
    problems = Problems()
    assert read_yaml(path, problems) is None
    [problem] = problems
    assert problem.message == ANCHOR_MESSAGE
    assert (problem.line, problem.column) == first_anchor_or_alias(text)


@pytest.mark.parametrize(
    "text",
    [
        "title: Posters & Coffee\naffiliation: AT&T\n",
        "abstract: '*Emphasis* and **strong** & more'\nnote: |\n  * a list\n  * of items\n",
        "value: !!str 5\nother: !!int '7'\n",
        "title: Tags & no anchors\nvalue: !!str 5\nlist: !!seq [a]\n",
        "url: https://example.org/?a=1&b=2\n",
    ],
)
def test_ampersands_stars_and_tags_are_not_anchors(text: str, tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    doc = read_yaml(path, problems)
    assert doc is not None and not problems
    assert_same_as_composed(doc, text)


# --- the cache --------------------------------------------------------------


def summary(result: LoadResult, root: Path) -> tuple[list[str], str]:
    return [p.format(root) for p in result.problems], result.proceedings.model_dump_json()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A copy of the default book whose every kind of data file has a problem."""
    root = tmp_path / "book"
    shutil.copytree(DEFAULT_BOOK, root, ignore=shutil.ignore_patterns("_build", "_proceedings"))
    data = root / "data" / "nips2017"
    with (data / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{pct, title = {100% sure}}\n@misc{pct, title = {twice}}\n")
    with (data / "contributions.yaml").open("a", encoding="utf-8") as contributions:
        contributions.write("- id: extra-talk\n  kind: paper\n  title: Extra\n  authors: [nobody-at-all]\n")
    return root


def test_a_cached_load_gives_what_an_uncached_one_gives(book: Path) -> None:
    data = book / "data"
    uncached = summary(load_project(data, book), book)
    assert any("unknown person 'nobody-at-all'" in p for p in uncached[0])
    assert any("duplicate BibTeX key 'pct'" in p for p in uncached[0])
    assert any("'%' in title starts a LaTeX comment" in p for p in uncached[0])
    assert summary(load_project(data, book, cache=True), book) == uncached  # cold: fills the cache
    cached_files = sorted(p.name for p in (book / CACHE_DIR).iterdir())
    assert len([n for n in cached_files if n.startswith("yaml-")]) == len(data_files(book))
    assert len([n for n in cached_files if n.startswith("bib-")]) == len(list(data.rglob("*.bib")))
    assert summary(load_project(data, book, cache=True), book) == uncached  # warm: from the cache


def test_an_edit_that_keeps_size_and_time_is_seen(book: Path) -> None:
    data = book / "data"
    load_project(data, book, cache=True)
    people = data / "nips2017" / "people.yaml"
    before = people.stat()
    text = people.read_text(encoding="utf-8")
    assert 'name: "Daniel Lo"\n' in text
    people.write_text(text.replace('name: "Daniel Lo"\n', 'name: "Daniel Xo"\n'), encoding="utf-8")
    os.utime(people, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert people.stat().st_size == before.st_size and people.stat().st_mtime_ns == before.st_mtime_ns
    result = load_project(data, book, cache=True)
    assert result.proceedings.people["daniel-lo"].name == "Daniel Xo"
    assert not any("'Daniel Lo'" in p.message for p in result.problems)


def test_checks_across_files_run_on_a_cached_load(generated: Path, tmp_path: Path) -> None:
    root = tmp_path / "conference"
    shutil.copytree(generated, root, ignore=shutil.ignore_patterns("_build"))
    data = root / "data"
    assert not [p for p in load_project(data, root, cache=True).problems if "does not exist" in p.message]
    slides = next(root.rglob("*.pdf"))
    slides.unlink()
    missing = [p for p in load_project(data, root, cache=True).problems if "does not exist" in p.message]
    assert len(missing) == 1 and slides.name in missing[0].message


def test_a_damaged_cache_file_is_a_miss(book: Path) -> None:
    data = book / "data"
    expected = summary(load_project(data, book), book)
    load_project(data, book, cache=True)
    for i, cached in enumerate(sorted((book / CACHE_DIR).iterdir())):
        cached.write_bytes([b"", b"\x00garbage", cached.read_bytes()[:100]][i % 3])
    assert summary(load_project(data, book, cache=True), book) == expected
    assert summary(load_project(data, book, cache=True), book) == expected  # rewritten whole


def test_no_cache_where_it_cannot_be_written(book: Path) -> None:
    (book / "_build").write_text("a file where the build folder would be", encoding="utf-8")
    data = book / "data"
    assert summary(load_project(data, book, cache=True), book) == summary(load_project(data, book), book)


def test_the_cache_stays_in_the_project_and_knows_its_code(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    path = root / "data" / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    cache = project_cache(root)
    assert cache.folder == root.resolve() / "_build" / ".proceedings-cache"
    cache.store("yaml", "code-1", path, b"a: 1\n", ({"a": 1}, (1, 1, {})))
    assert cache.load("yaml", "code-1", path, b"a: 1\n") == ({"a": 1}, (1, 1, {}))
    assert cache.load("yaml", "code-2", path, b"a: 1\n") is None  # other code
    assert cache.load("yaml", "code-1", path, b"a: 2\n") is None  # other bytes
    assert cache.load("bib", "code-1", path, b"a: 1\n") is None  # other kind
    assert sorted(p.relative_to(tmp_path).parts[:3] for p in tmp_path.rglob("*") if p.is_file()) == [
        ("project", "_build", ".proceedings-cache"),
        ("project", "data", "x.yaml"),
    ]
    assert DataCache(cache.folder, cache.root).load("yaml", "code-1", root / "data" / "y.yaml", b"a: 1\n") is None


def test_bib_uses_the_cache_and_prints_the_same(generated: Path) -> None:
    def bib() -> str:
        run = subprocess.run(
            [sys.executable, "-m", "sphinx_proceedings.cli.main", "bib", str(generated)],
            capture_output=True,
            text=True,
            check=True,
        )
        return run.stdout

    shutil.rmtree(generated / "_build", ignore_errors=True)
    cold = bib()
    assert any((generated / CACHE_DIR).iterdir())
    assert bib() == cold


# --- near-duplicate names ---------------------------------------------------


def reference_near_duplicates(names: list[tuple[str, str]], threshold: float = 0.88) -> list[tuple[str, str]]:
    """Every pair in a bucket (same first or last word), judged by difflib alone."""
    entries = sorted({(pid, _key(n)) for pid, n in names})
    buckets: dict[str, list[tuple[str, str]]] = {}
    for pid, key in entries:
        words = key.split()
        if words:
            for bucket in {"last:" + words[-1], "first:" + words[0]}:
                buckets.setdefault(bucket, []).append((pid, key))
    pairs = set()
    for members in buckets.values():
        for i, (a_id, a) in enumerate(members):
            for b_id, b in members[i + 1 :]:
                if a_id != b_id and difflib.SequenceMatcher(None, b, a, autojunk=False).ratio() >= threshold:
                    pairs.add((a_id, b_id))
    return sorted(pairs)


def typo(rng: random.Random, name: str) -> str:
    i = rng.randrange(len(name))
    return rng.choice(
        [
            name[:i] + name[i + 1 :],
            name[:i] + rng.choice("aeiouxyz") + name[i:],
            name[:i] + rng.choice("aeiouxyz") + name[i + 1 :],
        ]
    )


def test_near_duplicates_are_the_pairs_difflib_finds(generated: Path) -> None:
    rng = random.Random(5)
    people = yaml.safe_load((generated / "data" / "synconf2025" / "people.yaml").read_text(encoding="utf-8"))
    names = [(p["id"], p["name"]) for p in people]
    default = [
        (p["id"], p["name"])
        for f in sorted((DEFAULT_BOOK / "data").glob("*/people.yaml"))
        for p in yaml.safe_load(f.read_text(encoding="utf-8"))
    ]
    names += [(f"typo-{i}", typo(rng, name)) for i, (_, name) in enumerate(rng.sample(names, 120))]
    names += [("same-as-first", names[0][1]), ("shouty", names[1][1].upper()), ("empty", "  ")]
    names += default
    found = near_duplicates(names)
    assert found == reference_near_duplicates(names)
    assert len(found) > 60  # most typos are near their originals
    assert ("cha-zhang", "hao-zhang") in found and ("daniel-ho", "daniel-lo") in found


# --- BibTeX output ----------------------------------------------------------

HOSTILE = [
    "Sorting {Braces} & 100% of $O(n)$ #1 in C_1 ~ ^ \\input{/etc/passwd}",
    'Quotes "inside" and a closing } brace',
    "Zoë, Jürgen Müller, Ångström (decomposed: A\u030angstro\u0308m), ﬁ ligature, Kelvin \u212a",
    "王芳 and 🙂, a tab\there, a control \x07 char, a NEL\x85 and a DEL\x7f",
    "Œuvres, ß, ı, ł, ø, đ, þ, æ, — – … ‘’ “” « » ° ± × ÷ € £ ¥ © ® ™ ½ ²",
]


def reference_encoder() -> UnicodeToLatexEncoder:
    e = citations._ENCODER
    return UnicodeToLatexEncoder(
        non_ascii_only=e.non_ascii_only,
        conversion_rules=e.conversion_rules,
        replacement_latex_protection=e.replacement_latex_protection,
        unknown_char_policy=e.unknown_char_policy,
        unknown_char_warning=False,
    )


def test_the_encoder_encodes_ascii_as_pylatexenc_does_and_keeps_every_other_character() -> None:
    reference = reference_encoder()
    fast = citations._ENCODER

    def expected(text: str) -> str:
        return "".join(reference.unicode_to_latex(c) if ord(c) < 128 else c for c in unicodedata.normalize("NFC", text))

    for text in HOSTILE:
        assert fast.unicode_to_latex(text) == expected(text), text
    every_known = "".join(chr(c) for c in sorted(get_builtin_uni2latex_dict()))
    sample = "".join(chr(c) for c in range(0, 0x3000, 7)) + every_known
    assert fast.unicode_to_latex(sample) == expected(sample)
    decomposed = unicodedata.normalize("NFD", HOSTILE[2])
    assert fast.unicode_to_latex(decomposed) == expected(decomposed)
