"""Inline Markdown as the readers use it: markdown-it's inline tokens to runs, a table cell to its lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

from sphinx_proceedings.importers.draft import Place
from sphinx_proceedings.importers.inline import Inline, Run, join_url
from sphinx_proceedings.importers.recognise.schedule_cell import Line
from sphinx_proceedings.importers.recognise.tables import Row, Table

BREAK = re.compile(r"<br\s*/?>", re.I)


def runs_of(children: list[Token], base: str | None) -> list[Run]:
    runs: list[Run] = []
    href: str | None = None
    marks: list[str] = []  # open emphasis, innermost last
    for tok in children:
        mark = "**" if "**" in marks else ("*" if marks else "")
        if tok.type == "link_open":
            raw = str(tok.attrs.get("href", ""))
            href = join_url(base, raw)
            runs.append(Run("", href, bool(mark), mark))
        elif tok.type == "link_close":
            href = None
        elif tok.type in ("em_open", "strong_open"):
            marks.append("**" if tok.type == "strong_open" else "*")
        elif tok.type in ("em_close", "strong_close"):
            if marks:
                marks.pop()
        elif tok.type == "html_inline" and BREAK.match(tok.content) and href is None:
            runs.append(Run("\n"))  # 'Title<br>Authors': a line break, which separates what it stands between
        elif tok.type in ("text", "code_inline", "html_inline"):
            content = tok.content if tok.type != "html_inline" else ""
            if href is not None:
                last = runs[-1]
                runs[-1] = Run(last.text + content, href, last.emphasis or bool(mark), last.mark or mark)
            else:
                runs.append(Run(content, None, bool(mark), mark))
        elif tok.type in ("softbreak", "hardbreak"):
            runs.append(Run(" "))
    return [r for r in runs if r.text or r.href]


def cell_lines(children: list[Token], base: str | None) -> list[Line]:
    """A cell's lines: Markdown tables break lines in a cell with '<br>'."""
    parts: list[list[Token]] = [[]]
    for child in children:
        if child.type == "html_inline" and BREAK.match(child.content):
            parts.append([])
        else:
            parts[-1].append(child)
    lines = [Line(Inline(runs_of(part, base))) for part in parts]
    return [ln for ln in lines if ln.inline.text]


def markdown_table(tokens: list[Token], base: str | None, place_of: Callable[[int], Place]) -> Table:
    """The header and rows of a Markdown table's tokens."""
    table = Table([], place=place_of((tokens[0].map or [0])[0]))
    row: Row | None = None
    for k, tok in enumerate(tokens):
        if tok.type == "tr_open":
            row = Row(place_of((tok.map or [0])[0]), [])
        elif tok.type == "tr_close" and row is not None:
            if tokens[k - 1].type == "th_close":
                table.header = [" ".join(ln.inline.text for ln in c) for c in row.cells]
            else:
                table.rows.append(row)
            row = None
        elif tok.type == "inline" and row is not None:
            row.cells.append(cell_lines(tok.children or [], base))
    return table
