"""Author lists as sites write them, read into (name, affiliation) pairs.

'A (X); B (Y)', 'A*, X; B, X', 'A, B, and C.', 'A and B (X), C (Y)', 'A, B, C; X' — names are told from
affiliations by what they are (names.is_person / names.is_organisation), separators only group them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx_proceedings.importers.recognise import names


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class _Piece:
    text: str  # the words outside parentheses
    paren: str | None  # what stood in parentheses after them ('' for '()')
    sep: str  # the separator written before this piece


def _pieces(text: str) -> list[_Piece]:
    """Split at top-level ',', ';', ' and ', ' & '; parentheses stay with the piece before them."""
    out: list[_Piece] = []
    depth, buf, paren, sep = 0, "", None, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
            if depth == 1:
                paren = ""
                i += 1
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                i += 1
                rest = text[i:].lstrip()
                if rest[:1].isalpha() and not re.match(r"(?:and|&)\s", rest):  # 'Xiaozhou (Steve) Li': a nickname
                    buf, paren = f"{buf.rstrip()} ({paren}) ", None
                continue
        if depth:
            paren = (paren or "") + ch
            i += 1
            continue
        m = re.match(r"\s*(;|,\s*(?:and|&)\s+|,|\s+(?:and|&)\s+)\s*", text[i:])
        if m and (ch in ",;" or ch.isspace()):
            out.append(_Piece(buf.strip(), paren.strip() if paren is not None else None, sep))
            buf, paren, sep = "", None, ";" if ";" in m[1] else ("and" if "and" in m[1] or "&" in m[1] else ",")
            i += m.end()
            continue
        buf += ch
        i += 1
    out.append(_Piece(buf.strip(), paren.strip() if paren is not None else None, sep))
    return [p for p in out if p.text or p.paren]


def _join(pieces: list[_Piece]) -> str:
    text = ""
    for p in pieces:
        part = p.text + (f" ({p.paren})" if p.paren else "")
        text += part if not text else (" and " if p.sep == "and" else ", ") + part
    return text.strip(" ,")


def _abbreviation_dot(affiliation: str | None) -> str | None:
    """The list's closing '.' was stripped; 'Google Inc' gets its own back."""
    if affiliation and re.search(r"\b(?:Inc|Ltd|Corp|Co|Univ|Dept)$", affiliation):
        return affiliation + "."
    return affiliation


def read_authors(text: str, lenient: bool = True) -> tuple[list[Author], list[str]]:
    """The authors in ``text`` and the pieces that are neither a name nor an affiliation of one."""
    text = re.sub(r"\s+", " ", text).strip(" .:;,-–—")
    if not text:
        return [], []
    pieces = _pieces(text)
    groups: list[list[_Piece]] = [[]]
    for p in pieces:  # ';' separates authors-with-affiliations when the list uses it at all
        if p.sep == ";" and groups[-1]:
            groups.append([])
        groups[-1].append(p)
    entries: list[list[str | None]] = []  # [name, affiliation] in the order written
    pending: list[int] = []  # names still waiting for the affiliation that follows them
    left: list[str] = []
    for group in groups:
        org: list[_Piece] = []
        in_group = 0
        for k, p in enumerate(group):
            name = names.strip_roles(p.text)
            person = bool(name) and (names.is_person(name) or (lenient and k == 0 and names.is_person(name, True)))
            if not org and person:
                if k == 0:
                    pending = []  # an earlier group's names keep no affiliation once new names start
                entries.append([name, None])
                in_group += 1
                pending.append(len(entries) - 1)
                if p.paren is not None and len(p.paren) > names.LONGEST_AFFILIATION:
                    left.append(p.paren)
                    pending = []
                elif p.paren is not None:  # 'A and B (X)': the parenthesis holds the affiliation of both
                    for j in pending:
                        entries[j][1] = p.paren or None
                    pending = []
            elif pending:
                org.append(p)
            else:
                left.append(_join([p]))
        lookalikes = [p for p in org if names.is_person(names.clean(p.text), lenient=True)]
        if len(lookalikes) >= 2 and not any(names.is_organisation(p.text) for p in org):
            # 'A, B, Bin Li, C': pieces after names that name no institution are more names
            for p in org:
                if names.is_person(names.clean(p.text), lenient=True):
                    entries.append([names.clean(p.text), p.paren or None])
                else:
                    left.append(_join([p]))
            pending, org = [], []
        if org and len(_join(org)) > names.LONGEST_AFFILIATION:
            left.append(_join(org))
            pending = []
        elif org:
            for j in pending:
                entries[j][1] = _join(org)
            pending = []
        elif in_group == 1 and len(groups) > 1:
            pending = []  # 'A*; B; C, X' — X is C's only
    authors = [Author(str(n), _abbreviation_dot(a)) for n, a in entries]
    seen: set[str] = set()
    unique = []
    for a in authors:
        if a.name.casefold() not in seen:
            seen.add(a.name.casefold())
            unique.append(a)
    return unique, left
