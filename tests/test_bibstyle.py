"""The book's bibliography style formats an entry once: later builds reuse it until the entry changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pybtex.style.formatting.unsrt import Style as UnsrtStyle

from .conftest import run_build

REFERENCES = "_proceedings/demo2024/references"
TITLE = "The Case for Learned Index Structures"


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The keys pybtex's unsrt style really formats during the test."""
    keys: list[str] = []
    original = UnsrtStyle.format_entry

    def counting(self: UnsrtStyle, label: str, entry: object, bib_data: object = None) -> object:
        keys.append(entry.key)  # type: ignore[attr-defined]
        return original(self, label, entry, bib_data)

    monkeypatch.setattr(UnsrtStyle, "format_entry", counting)
    yield keys


def test_unchanged_entries_are_not_formatted_again(copy_root: Callable[[str], Path], formatted: list[str]) -> None:
    src = copy_root("basic")
    first = run_build(src, src / "_build")
    assert "learned-index-1712.01208" in formatted
    page = first.html(REFERENCES)

    formatted.clear()  # a config change re-reads every page; still nothing is formatted twice
    again = run_build(src, src / "_build", confoverrides={"html_title": "A new title re-writes every page"})
    assert formatted == []
    assert again.html(REFERENCES).count(TITLE) == page.count(TITLE) == 1

    bib = src / "data/demo2024/references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(TITLE, f"{TITLE}, Revisited"), encoding="utf-8")
    edited = run_build(src, src / "_build")
    assert sorted(set(formatted)) == ["learned-index-1712.01208"]
    assert f"{TITLE}, Revisited" in edited.html(REFERENCES)
