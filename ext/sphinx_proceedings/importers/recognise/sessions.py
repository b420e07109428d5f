"""Session headings with their chairs: 'Session 1 (Chair: A)', 'Session 1, Chair: A, Affil', '(Chairs: A and B)'."""

from __future__ import annotations

import re

from sphinx_proceedings.importers.recognise.authors import Author, read_authors

_CHAIR = re.compile(
    r"^(?P<title>.*?)[\s,;:(–—-]*\b(?:session\s+)?(?:co-)?chair(?:s|ed by)?\b\s*:?\s*(?P<who>[^()]*?)\)?\s*$", re.I
)


def session_chairs(text: str) -> tuple[str | None, list[Author]] | None:
    """(session title, chairs) when ``text`` names the session's chairs, else None."""
    m = _CHAIR.match(text.strip())
    if m is None or not m["who"].strip():
        return None
    chairs, left = read_authors(m["who"])
    if not chairs or left:
        return None
    title = m["title"].strip(" ,;:(–—-")
    return title or None, chairs
