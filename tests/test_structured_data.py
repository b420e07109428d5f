"""The head of every page, as search engines and link previews read it.

Every JSON-LD block of the default book is checked against the schema.org vocabulary (tests/schemas/, see its
README): each @type is a class, each property belongs to that class or a superclass (domainIncludes), and each
value is of a type in the property's rangeIncludes. Every kind of page has a description and OpenGraph tags.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from sphinx_proceedings.book.jsonld import excerpt
from sphinx_proceedings.data.loader import load_project
from sphinx_proceedings.data.richtext import plain_text

from .conftest import DEFAULT_SITE, Build
from .test_html_validity import page_sample

VOCABULARY = Path(__file__).parent / "schemas" / "schemaorg-current-https.jsonld.gz"
SCHEMA = "schema:"
OG_TAGS = ("og:title", "og:type", "og:description", "og:site_name", "og:url", "og:image")
# How each of schema.org's data types is written in JSON; a string in a Text slot can be any text.
LITERALS = {
    "Text": lambda v: isinstance(v, str),
    "URL": lambda v: isinstance(v, str) and re.fullmatch(r"https?://[^\s/]+/\S*", v) is not None,
    "Date": lambda v: isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v) is not None,
    "DateTime": lambda v: (
        isinstance(v, str)
        and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?", v) is not None
    ),
    "Time": lambda v: isinstance(v, str) and re.fullmatch(r"\d\d:\d\d(:\d\d)?", v) is not None,
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
}


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [item["@id"].removeprefix(SCHEMA) for item in items]


@cache
def vocabulary() -> tuple[dict[str, list[str]], dict[str, tuple[list[str], list[str]]]]:
    """Classes with their direct superclasses; properties with their domains and ranges."""
    graph = json.loads(gzip.decompress(VOCABULARY.read_bytes()))["@graph"]
    classes: dict[str, list[str]] = {}
    properties: dict[str, tuple[list[str], list[str]]] = {}
    for node in graph:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix(SCHEMA)
        if "rdfs:Class" in kinds:
            classes[name] = _ids(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = (_ids(node.get("schema:domainIncludes")), _ids(node.get("schema:rangeIncludes")))
    return classes, properties


def ancestors(name: str) -> set[str]:
    classes = vocabulary()[0]
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(classes.get(current, []))
    return found


def vocabulary_errors(item: Any, where: str = "$") -> list[str]:
    """Every use of a type or property outside schema.org's vocabulary, with its JSON path."""
    classes, properties = vocabulary()
    if not isinstance(item, dict) or "@type" not in item:
        return [f"{where}: an item without @type"]
    kind = item["@type"]
    if kind not in classes:
        return [f"{where}: {kind} is not a schema.org type"]
    errors = []
    if "@id" in item and not LITERALS["URL"](item["@id"]):
        errors.append(f"{where}.@id: {item['@id']!r} is not an absolute URL")
    for key, value in item.items():
        if key.startswith("@"):
            continue
        if key not in properties:
            errors.append(f"{where}.{key}: not a schema.org property")
            continue
        domains, ranges = properties[key]
        if not ancestors(kind) & set(domains):
            errors.append(f"{where}.{key}: not a property of {kind} (domains: {', '.join(domains)})")
        for i, one in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{key}[{i}]" if isinstance(value, list) else f"{where}.{key}"
            if isinstance(one, dict):
                if "@type" in one and not ancestors(one["@type"]) & set(ranges):
                    errors.append(f"{at}: a {one['@type']} where {key} takes {', '.join(sorted(ranges))}")
                errors += vocabulary_errors(one, at)
            elif not any(t in LITERALS and LITERALS[t](one) for r in ranges for t in ancestors(r)):
                errors.append(f"{at}: {one!r} is none of {', '.join(sorted(ranges))}")
    return errors


def json_ld_blocks(page: Path) -> list[dict[str, Any]]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [json.loads(text) for text in tree.xpath('//script[@type="application/ld+json"]/text()')]


def test_every_json_ld_block_keeps_to_the_vocabulary(default_book: Build, basic_html: Build, doi_html: Build) -> None:
    pages = sorted(default_book.outdir.rglob("*.html"))
    blocks = [(page, block) for page in pages for block in json_ld_blocks(page)]
    kinds = {block["@type"] for _, block in blocks}
    assert kinds == {"ScholarlyArticle", "Event"}
    assert len(blocks) > 100
    errors = [f"{p.relative_to(default_book.outdir)}: {e}" for p, b in blocks for e in vocabulary_errors(b)]
    assert errors == []
    # The test root adds abstracts (with Markdown), keywords and a site without a known URL.
    basic = [b for page in sorted(basic_html.outdir.rglob("*.html")) for b in json_ld_blocks(page)]
    assert any("abstract" in b for b in basic)
    assert [e for b in basic for e in vocabulary_errors(b)] == []
    # The root with DOIs, ORCID iDs and ROR ids.
    identified = [b for page in sorted(doi_html.outdir.rglob("*.html")) for b in json_ld_blocks(page)]
    assert any(b["@type"] == "ScholarlyArticle" for b in identified)
    assert [e for b in identified for e in vocabulary_errors(b)] == []
    for _, block in blocks:
        assert block["@context"] == "https://schema.org"
        if block["@type"] == "ScholarlyArticle":
            assert block["@id"] == block["url"] and block["url"].startswith(DEFAULT_SITE)


def test_the_vocabulary_check_finds_misuse() -> None:
    article = {
        "@type": "ScholarlyArticle",
        "name": "A talk",
        "isPartOf": {"@type": "Event", "name": "A workshop"},  # isPartOf takes a CreativeWork
        "startDate": "2017-12-08",  # a property of events
        "datePublished": "December 2017",
        "author": [{"@type": "Persn", "name": "X"}],
    }
    errors = vocabulary_errors(article)
    assert errors[0] == "$.isPartOf: a Event where isPartOf takes CreativeWork, URL"
    assert errors[1].startswith("$.startDate: not a property of ScholarlyArticle (domains: ")
    assert errors[2:] == [
        "$.datePublished: 'December 2017' is none of Date, DateTime",
        "$.author[0]: a Persn where author takes Organization, Person",
        "$.author[0]: Persn is not a schema.org type",
    ]


def test_event_descriptions_are_plain_text(default_book: Build) -> None:
    data = load_project(default_book.srcdir / "data", default_book.srcdir).proceedings
    for event in data.events:
        page = default_book.outdir / "_proceedings" / event.event.id / "index.html"
        [block] = json_ld_blocks(page)
        if event.event.description:
            assert block["description"] == excerpt(plain_text(event.event.description), 500)
            assert not re.search(r"\*\*|\]\(|^#", block["description"])


def _head(page: Path) -> dict[str, str]:
    tree = lxml_html.fromstring(page.read_bytes())
    return {(m.get("name") or m.get("property")): m.get("content") for m in tree.iter("meta")} | {
        f"link:{link.get('rel')}": link.get("href") for link in tree.iter("link")
    }


def test_every_kind_of_page_describes_itself(default_book: Build) -> None:
    for page in page_sample(default_book):
        head = _head(page)
        relative = page.relative_to(default_book.outdir).as_posix()
        assert head.get("description"), relative
        for tag in OG_TAGS:
            assert head.get(tag), (relative, tag)
        assert head["og:url"] == head["link:canonical"] == DEFAULT_SITE + relative
        assert head["og:image"] == DEFAULT_SITE + "_static/proceedings-card.png"
        assert (default_book.outdir / "_static/proceedings-card.png").is_file()
        assert head["link:icon"].endswith("_static/proceedings-icon.png")
    assert (default_book.outdir / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"


def test_a_talk_page_is_described_by_its_abstract(basic_html: Build) -> None:
    data = load_project(basic_html.srcdir / "data", basic_html.srcdir).proceedings
    event = next(e for e in data.events if any(c.abstract for c in e.contributions))
    talk = next(c for c in event.contributions if c.abstract)
    head = _head(basic_html.outdir / "_proceedings" / event.event.id / "contributions" / f"{talk.id}.html")
    assert talk.abstract is not None
    summary = excerpt(plain_text(talk.abstract), 200)
    assert head["description"] == head["og:description"] == summary and len(summary) <= 201
    assert head["og:type"] == "article" and head["og:title"] == talk.title


@pytest.mark.parametrize("page", ["index.html", "_proceedings/people/index.html"])
def test_book_pages_describe_the_proceedings(default_book: Build, page: str) -> None:
    head = _head(default_book.outdir / page)
    assert head["og:site_name"] == "ML Systems Workshops 2017–2020"
    assert head["description"].startswith("ML Systems Workshops 2017–2020: the proceedings of ")


def test_a_page_keeps_its_own_description_and_no_site_url_means_no_absolute_tags(basic_html: Build) -> None:
    tree = lxml_html.fromstring((basic_html.outdir / "index.html").read_bytes())
    described = [m.get("content") for m in tree.iter("meta") if m.get("name") == "description"]
    assert described == ["Demo proceedings, described by their own front page."]
    head = _head(basic_html.outdir / "index.html")
    assert head["og:title"] == "Demo Proceedings" and "og:url" not in head and "og:image" not in head
