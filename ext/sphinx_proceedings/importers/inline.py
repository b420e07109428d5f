"""Inline text as the page readers hand it on: runs of plain text and links, and which field a link fills."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import groupby
from urllib.parse import ParseResult, urljoin, urlparse


@dataclass(frozen=True)
class Run:
    """A piece of inline text: plain, or a link."""

    text: str
    href: str | None = None
    emphasis: bool = False
    mark: str = ""  # the Markdown emphasis it had: "**" (strong), "*" (em) or ""


def _marked(text: str, mark: str) -> str:
    """'**' around the words of ``text``, whitespace kept outside: ' a b ' -> ' **a b** '."""
    core = text.strip()
    if not mark or not core:
        return text
    start = text.find(core)
    return f"{text[:start]}{mark}{core}{mark}{text[start + len(core) :]}"


class Inline:
    """One line of inline text as runs of text and links."""

    def __init__(self, runs: list[Run]) -> None:
        self.runs = [replace(r, text=r.text.replace("\xa0", " ")) for r in runs]

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(r.text for r in self.runs)).strip()

    def markdown(self) -> str:
        out = "".join(  # neighbouring runs of one emphasis are marked once: '**[a](b): c**'
            _marked("".join(self._link(r) if r.href and r.text.strip() else r.text for r in group), mark)
            for mark, group in groupby(self.runs, key=lambda r: r.mark)
        )
        return re.sub(r"\s+", " ", out).strip()

    @staticmethod
    def _link(run: Run) -> str:
        label = run.text.strip()
        return f"<{run.href}>" if label == run.href else f"[{label}]({run.href})"

    @property
    def links(self) -> list[Run]:
        return [r for r in self.runs if r.href]

    def split_at(self, sep: str) -> tuple[Inline, Inline] | None:
        """Split at the first ``sep`` in plain (not linked) text."""
        for i, r in enumerate(self.runs):
            if r.href is None and sep in r.text:
                head, _, tail = r.text.partition(sep)
                return Inline([*self.runs[:i], replace(r, text=head)]), Inline(
                    [replace(r, text=tail), *self.runs[i + 1 :]]
                )
        return None


def link_role(href: str) -> str:
    """Which field a link fills: slides, pdf, video or url."""
    low = href.lower()
    host = parse_url(low).netloc
    if any(h in host for h in ("youtube.", "youtu.be", "vimeo.", "slideslive.")):
        return "video"
    if "slide" in low or low.endswith((".pptx", ".ppt", ".key")):
        return "slides"
    if low.endswith(".pdf") or "/papers/" in low or "openreview.net/pdf" in low:
        return "pdf"
    return "url"


def parse_url(href: str) -> ParseResult:
    """A link's parts; a malformed one ('http://[oops') has none rather than stopping the import."""
    try:
        return urlparse(href)
    except ValueError:
        return urlparse("")


def join_url(base: str | None, href: str) -> str:
    """``href`` resolved against the site's address; a malformed one is kept as written."""
    if not base or href.startswith("mailto:"):
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href
