"""Untrusted Markdown (abstracts, bios, descriptions) to docutils nodes.

A deliberately small CommonMark subset, parsed by markdown-it-py with raw HTML
off: paragraphs, emphasis, code, lists, quotes and http(s)/mailto links. It
never runs directives or roles, never reads files, and every character of text
reaches the writers as a ``Text`` node, which they escape for their format.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pylatexenc.latex2text import LatexNodes2Text

from sphinx_proceedings.data.link_checks import is_web_url

_latex = LatexNodes2Text(math_mode="verbatim")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image", "html_inline", "html_block"])


def safe_url(url: str) -> str | None:
    """``url`` if it is a web URL (the data's one allow-list) or a mailto: address, else ``None``."""
    url = url.strip()
    return url if is_web_url(url) or urlsplit(url).scheme.lower() == "mailto" else None


def render_markdown(text: str) -> list[nodes.Node]:
    """Block-level nodes for ``text``."""
    tokens = _md.parse(text)
    root = nodes.container()
    _blocks(tokens, 0, len(tokens), root)
    return list(root.children)


def render_inline(text: str) -> list[nodes.Node]:
    """Inline nodes for a one-line ``text`` (titles, notes)."""
    tokens = _md.parseInline(text)
    holder = nodes.inline()
    for token in tokens:
        _inline(token.children or [], holder)
    return list(holder.children)


def _blocks(tokens: list[Token], start: int, end: int, parent: nodes.Element) -> None:
    i = start
    while i < end:
        token = tokens[i]
        if token.nesting == 1:
            close = _closing(tokens, i)
            node = _container_for(token)
            _blocks(tokens, i + 1, close, node)
            parent += node
            i = close + 1
            continue
        if token.type == "inline":
            if isinstance(parent, nodes.paragraph | nodes.rubric):
                _inline(token.children or [], parent)
            else:
                para = nodes.paragraph()
                _inline(token.children or [], para)
                parent += para
        elif token.type in ("fence", "code_block"):
            parent += nodes.literal_block(token.content, token.content)
        elif token.type == "hr":
            parent += nodes.transition()
        i += 1


def _closing(tokens: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _container_for(token: Token) -> nodes.Element:
    kind = token.type.removesuffix("_open")
    if kind == "paragraph":
        return nodes.paragraph()
    if kind == "bullet_list":
        return nodes.bullet_list()
    if kind == "ordered_list":
        return nodes.enumerated_list()
    if kind == "list_item":
        return nodes.list_item()
    if kind == "blockquote":
        return nodes.block_quote()
    if kind == "heading":
        return nodes.rubric()
    return nodes.container()


def _inline(tokens: list[Token], parent: nodes.Element) -> None:
    stack: list[nodes.Element] = [parent]
    for token in tokens:
        top = stack[-1]
        if token.type == "text":
            top += nodes.Text(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            top += nodes.Text(" " if token.type == "softbreak" else "\n")
        elif token.type == "code_inline":
            top += nodes.literal(token.content, token.content)
        elif token.type in ("em_open", "strong_open"):
            node: nodes.Element = nodes.emphasis() if token.type == "em_open" else nodes.strong()
            top += node
            stack.append(node)
        elif token.type == "link_open":
            href = safe_url(str(token.attrs.get("href", "")))
            node = nodes.reference(refuri=href) if href else nodes.inline()
            top += node
            stack.append(node)
        elif token.type in ("em_close", "strong_close", "link_close"):
            if len(stack) > 1:
                stack.pop()
        else:
            top += nodes.Text(token.content)


# What can make Markdown text read differently from its words: inline markup, escapes, entities, NUL
# and carriage returns anywhere; list, quote, heading-underline and indented-code lines. Text without
# any of them is its words (tests/test_properties.py compares both ways on 100,000 texts).
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]<>#&~\x00\r]")  # \r: a line break the ^ below does not see
_BLOCK_MARKUP = re.compile(r"^(?: {0,3}(?:[-+>]|\d{1,9}[.)])(?:\s|$)| {0,3}[-=][-= \t]*$| {0,3}\t| {4})", re.MULTILINE)


@functools.lru_cache(maxsize=256)  # a talk page asks twice (meta description, JSON-LD)
def plain_text(text: str) -> str:
    """The words of a Markdown text without its markup (for citation files and meta tags)."""
    if not _INLINE_MARKUP.search(text) and not _BLOCK_MARKUP.search(text):
        return " ".join(text.split())  # most abstracts: no Markdown to parse (a tenth of the time)
    return markdown_plain_text(text)


def markdown_plain_text(text: str) -> str:
    """:func:`plain_text` by parsing the Markdown."""
    words: list[str] = []
    for token in _md.parse(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type in ("paragraph_close", "list_item_close", "heading_close"):
            words.append(" ")
    return " ".join("".join(words).split())


def latex_to_text(value: str) -> str:
    """A BibTeX field's LaTeX ('40\\%', '{GPU}') as the text it prints."""
    return " ".join(_latex.latex_to_text(value).split())
