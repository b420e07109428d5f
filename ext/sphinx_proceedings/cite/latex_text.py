"""pybtex's ``Text.from_latex`` without the LaTeX decoder for text that holds no LaTeX.

pybtex turns every field and name part it formats into rich text by decoding it with latexcodec (a
tokenizer written in Python, about a third of formatting a reference) and then parsing the braces.
Most titles and names hold no LaTeX at all: no control sequence, no ``~``, ``%``, math (``$-$``), ligature (``--``,
``''``, ````` ``, ``?``` …) and no run of spaces, so decoding returns them unchanged. For those the
decoder is skipped; everything else is decoded as before (tests/test_bibstyle.py compares both).
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.markup import LaTeXParser
from pybtex.richtext import Text

# Text the decoder returns unchanged: no backslash, tilde, percent, dollar, backquote or line break, no
# doubled "-", "'", "," or space (the ligatures and space runs it rewrites), no space at the start.
_PLAIN = re.compile(r"(?!\s)(?:[^\\~%$`\s\-',!?]|-(?!-)|'(?!')|,(?!,)|[!?](?!`)| (?! ))*")
_decode_latex = Text.from_latex.__func__  # pybtex's own, kept for the rest


def is_plain(latex: str) -> bool:
    return _PLAIN.fullmatch(latex) is not None


def from_latex(cls: type[Text], latex: str) -> Any:
    if is_plain(latex):
        return LaTeXParser(latex).parse()
    return _decode_latex(cls, latex)


def skip_decoding_plain_text() -> None:
    """Install the shortcut (once per process; pybtex's classes are shared by every bibliography)."""
    if Text.__dict__["from_latex"].__func__ is not from_latex:
        Text.from_latex = classmethod(from_latex)
