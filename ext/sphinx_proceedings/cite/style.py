"""The book's bibliography style: pybtex's ``unsrt``, with every formatted entry remembered across builds.

sphinxcontrib-bibtex formats every entry of every bibliography again on each build (twice with tooltips), even
when nothing changed; for thousands of references that is most of a no-op rebuild. The formatted entries are
kept in a pickle beside the environment's (not in it: parallel readers pickle the environment back and forth)
under a key of everything that can change them: the label and the entry's type, key, fields and names.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pybtex.plugin
from pybtex.database import Entry
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .latex_text import skip_decoding_plain_text

STYLE_NAME = "proceedings"
CACHE_FILE = "proceedings-bibliography.pickle"
EntryKey = tuple[Any, ...]

# This build's formatted entries; filled from and saved to the environment around sphinxcontrib-bibtex's work.
_remembered: dict[EntryKey, FormattedEntry] = {}
_used: dict[EntryKey, FormattedEntry] = {}
_loaded: set[EntryKey] = set()


class RememberingStyle(UnsrtStyle):  # type: ignore[misc]  # pybtex has no type information
    """``unsrt``, formatting an entry only when its label or content is new."""

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        if bib_data is not None:  # cross-references make the result depend on other entries
            return super().format_entry(label, entry, bib_data)
        key = _entry_key(label, entry)
        formatted = _remembered.get(key)
        if formatted is None:
            formatted = _remembered[key] = super().format_entry(label, entry, bib_data)
        _used[key] = formatted
        return formatted


def _entry_key(label: str, entry: Entry) -> EntryKey:
    fields = tuple(sorted((name.lower(), value) for name, value in entry.fields.items()))
    names = tuple((role.lower(), tuple(str(p) for p in people)) for role, people in entry.persons.items())
    return (label, entry.type, entry.key, fields, names)


def setup_bibstyle(app: Sphinx) -> None:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, RememberingStyle)
    skip_decoding_plain_text()
    app.connect("builder-inited", _restore)
    # After sphinxcontrib-bibtex's own env-updated handler (priority 500) has formatted everything.
    app.connect("env-updated", _save, priority=900)


def _restore(app: Sphinx) -> None:
    _remembered.clear()
    _used.clear()
    _loaded.clear()
    try:
        with (Path(app.doctreedir) / CACHE_FILE).open("rb") as handle:
            _remembered.update(pickle.load(handle))
    except Exception:  # missing, or written by other versions: format again
        _remembered.clear()
    _loaded.update(_remembered)


def _save(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Only what this build used, so entries of removed or edited references do not pile up.
    if _used.keys() != _loaded:
        path = Path(app.doctreedir) / CACHE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(_used, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    return []
