"""The book's bibliography style formats an entry once: later builds reuse it until the entry changes, and
text without LaTeX skips the decoder with the same result."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle

from sphinx_proceedings.cite import latex_text

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


# Every character the decoder's ligatures, spacing and control sequences start with, beside plain ones.
TRICKY = st.text(st.sampled_from(list("aZ09é.:;-'`,!?~%\\{}$&#_^ \t\n\u00a0")), max_size=12)


@settings(derandomize=True, database=None, deadline=None, max_examples=3000)
@given(TRICKY)
def test_plain_text_is_what_the_decoder_returns(latex: str) -> None:
    if latex_text.is_plain(latex):
        assert codecs.decode(latex, "ulatex") == latex
    latex_text.skip_decoding_plain_text()
    assert outcome(Text.from_latex, latex) == outcome(decoded_then_parsed, latex)


def decoded_then_parsed(latex: str) -> Text:
    """pybtex's own ``Text.from_latex``."""
    return LaTeXParser(codecs.decode(latex, "ulatex")).parse()


def outcome(parse: Callable[[str], Text], latex: str) -> object:
    """The rich text, or the error (unbalanced braces) as its message: both ways must agree on either."""
    try:
        return parse(latex)
    except Exception as error:
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("latex", ["Deep Learning", "O'Neil, J. and Smith", "{TPU}s: a 1-pass {C}ompiler"])
def test_titles_and_names_without_latex_are_plain(latex: str) -> None:
    assert latex_text.is_plain(latex)


@pytest.mark.parametrize("latex", ["Caf\\'e", "$-$", "a--b", "``quoted''", "50\\%", "x~y", "two  spaces", " lead"])
def test_text_the_decoder_rewrites_is_not_plain(latex: str) -> None:
    assert not latex_text.is_plain(latex)
