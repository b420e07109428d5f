"""LaTeX building blocks of the printed volume: escaped text, labels, bookmarks and the volume's macros.

Every piece of data text reaches LaTeX through :func:`tex` (Sphinx's own
escaping); ids are slugs (checked by the model), so labels built from them
need no escaping. Rich text (abstracts, bios, the preface) is not written here
at all: it stays docutils nodes, which Sphinx's LaTeX writer escapes.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.util import texescape

ENGINE = "xelatex"

# The volume's own macros (in the preamble). \proctocline is a table-of-contents line in the manner of
# LaTeX's \@dottedtocline (title, dotted leaders, page), with an optional second line for the authors.
PREAMBLE = r"""
\usepackage{pdfpages}
\usepackage{multicol}
\usepackage{refcount}
\usepackage[user,abspage]{zref}
\usepackage{hyperxmp}
\setcounter{secnumdepth}{-1}
\newcommand{\proctocline}[4]{%
  \par\noindent{\leftskip=#1\relax\rightskip=2.5em plus 1fil\parfillskip=-\rightskip\hyphenpenalty=10000
  \hangindent=1.5em\relax
  \hyperref[#4]{#2}\nobreak\leaders\hbox{\,.\,}\hfill\nobreak\hbox to 2.5em{\hss\pageref{#4}}\par}\nobreak%
  % the authors stay with their title
  \ifx\relax#3\relax\else{\leftskip=#1\relax\advance\leftskip by 1.5em\rightskip=2.5em plus 1fil\noindent
  \small\itshape #3\par}\fi
  \smallskip}
% \procpagelist{label,label,...}: their pages, each page once (two papers on one page are one entry).
\makeatletter
\newcommand{\procpagelist}[1]{\def\proc@last{}\def\proc@sep{}%
  \@for\proc@l:=#1\do{\edef\proc@p{\getpagerefnumber{\proc@l}}%
    \ifx\proc@p\proc@last\else\proc@sep\edef\proc@do{\noexpand\hyperref[\proc@l]{\proc@p}}\proc@do
      \def\proc@sep{, }\let\proc@last\proc@p\fi}}
\makeatother
\newcommand{\proctocgroup}[1]{\par\medskip\noindent{\bfseries #1}\par\smallskip}
\newcommand{\procentrytitle}[1]{\par\bigskip\noindent{\raggedright\hyphenpenalty=10000%
  \large\bfseries #1\par}\nobreak\smallskip}
\newcommand{\procentryline}[1]{\noindent #1\par\nobreak}
\newcommand{\procentrymeta}[1]{\noindent{\small\itshape #1}\par\nobreak\smallskip}
"""


def tex(text: str) -> str:
    """``text`` as LaTeX that typesets it literally."""
    return texescape.escape(text, ENGINE)


def raw(*lines: str) -> nodes.raw:
    text = "\n".join(lines) + "\n"
    return nodes.raw(text, text, format="latex")


def label(kind: str, oid: str) -> str:
    return f"proc-{kind}-{oid}"


def anchor(kind: str, oid: str, bookmark: str | None, level: int = 0) -> str:
    """A place \\pageref, \\hyperref and zref reach, bookmarked (``bookmark`` is plain text) unless ``None``."""
    name = label(kind, oid)
    text = rf"\phantomsection\label{{{name}}}\zlabel{{{name}}}"
    if bookmark is not None:
        text += rf"\pdfbookmark[{level}]{{{tex(bookmark)}}}{{bm-{name}}}"
    return text


def heading(title: str, kind: str, oid: str, level: int = 0) -> str:
    """An unnumbered chapter (level 0) or section (1) heading with its label and bookmark."""
    command = "chapter" if level == 0 else "section"
    return rf"\{command}*{{{tex(title)}}}" + "\n" + anchor(kind, oid, title, level)


def joined_names(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(names)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
