"""Citations in the book: the generated .bib files and sphinxcontrib-bibtex configured from the data.

Written at config-inited, because sphinxcontrib-bibtex parses ``bibtex_bibfiles``
when the environment is created:

- ``literature.bib``: every event's ``references.bib`` merged (a key listed by
  several events is kept once, under the first event), each entry tagged with
  ``proceedingsevent`` so that each event's references page can select its own;
- ``contributions.bib``: the generated entry of every talk and poster, so that
  ``{cite}`` works for them too;
- per event ``proceedings.bib`` and for the series ``proceedings.bib`` (the
  downloads), and per contribution ``cite/<id>.bib|.ris|.json``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry, Field
from sphinx.application import Sphinx

from .bibstyle import STYLE_NAME
from .citations import CitationEntry, build_entries, write_bibtex
from .config import read_config
from .files import write_if_changed
from .formats import to_csl, to_ris
from .index import ProceedingsIndex
from .pages import CONTRIBUTIONS_BIB, LITERATURE_BIB
from .stamps import Stamp, data_stamp

SERIES_BIB = "proceedings.bib"


def setup_citing(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("build-finished", _publish_volume_files)


def _publish_volume_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the series' and events' proceedings.bib next to the event pages in the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    generated = read_config(app.config).generated_dir
    source, target = Path(app.srcdir) / generated, Path(app.outdir) / generated
    for bib in [source / SERIES_BIB, *source.glob(f"*/{SERIES_BIB}")]:
        destination = target / bib.relative_to(source)
        if destination.parent.is_dir() or destination.parent == target:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bib, destination)


def cite_file(event_id: str, contribution_id: str, suffix: str) -> str:
    """Path of a contribution's citation download, relative to the generated folder."""
    return f"{event_id}/cite/{contribution_id}.{suffix}"


def write_citation_files(app: Sphinx, index: ProceedingsIndex) -> None:
    settings = read_config(app.config)
    folder = Path(app.srcdir) / settings.generated_dir
    site_url = settings.site_url or str(app.config.html_baseurl or "")
    stamp = Stamp(folder, "citations", data_stamp(index, site_url, str(settings.bibtex_abstracts)))
    if not stamp.current(folder / LITERATURE_BIB, folder / CONTRIBUTIONS_BIB):
        _write_bib_files(index, folder, site_url, settings.bibtex_abstracts)
        stamp.record()
    bibfiles = list(app.config.bibtex_bibfiles or [])
    for name in (LITERATURE_BIB, CONTRIBUTIONS_BIB):
        path = f"{settings.generated_dir}/{name}"
        if path not in bibfiles:
            bibfiles.append(path)
    app.config.bibtex_bibfiles = bibfiles
    # Numbered labels in order of appearance: entries without authors (common in workshop pages)
    # would share alpha-style labels.
    if "bibtex_default_style" not in getattr(app.config, "_raw_config", {}):
        app.config.bibtex_default_style = STYLE_NAME  # unsrt, formatting only new entries (bibstyle.py)


def _write_bib_files(index: ProceedingsIndex, folder: Path, site_url: str, abstracts: bool) -> None:
    entries = build_entries(index, site_url, abstracts=True)
    write_if_changed(folder / LITERATURE_BIB, literature_bib(index))
    write_if_changed(folder / CONTRIBUTIONS_BIB, write_bibtex(e for e in entries if e.contribution_id))
    volume = build_entries(index, site_url, abstracts=abstracts)
    write_if_changed(folder / SERIES_BIB, write_bibtex(volume))
    for data in index.proceedings.events:
        eid = data.event.id
        write_if_changed(folder / eid / SERIES_BIB, write_bibtex(e for e in volume if e.event_id == eid))
    for entry in entries:
        if entry.contribution_id:
            write_contribution_files(index, folder, entry)


def write_contribution_files(index: ProceedingsIndex, folder: Path, entry: CitationEntry) -> None:
    assert entry.contribution_id is not None
    write_if_changed(folder / cite_file(entry.event_id, entry.contribution_id, "bib"), write_bibtex([entry]))
    write_if_changed(folder / cite_file(entry.event_id, entry.contribution_id, "ris"), to_ris(index, entry))
    csl = json.dumps([to_csl(index, entry)], indent=2, ensure_ascii=False) + "\n"
    write_if_changed(folder / cite_file(entry.event_id, entry.contribution_id, "json"), csl)


def literature_bib(index: ProceedingsIndex) -> str:
    """Every event's references, each key once, tagged with the first event that lists it."""
    library = bibtexparser.Library()
    seen: set[str] = set()
    for data in index.proceedings.events:
        for ref in data.references:
            if ref.key.casefold() in seen:
                continue
            seen.add(ref.key.casefold())
            # Titles are shown as the data writes them: styles would lowercase unprotected words. Always
            # one more group: "{BERT}: Pre-training" starts with a brace but is not braced as a whole.
            fields = [
                Field(k, f"{{{v}}}" if k == "title" else v) for k, v in ref.fields.items() if k != "proceedingsevent"
            ]
            fields.append(Field("proceedingsevent", data.event.id))
            library.add(Entry(ref.entry_type, ref.key, fields))
    return bibtexparser.write_string(library)


def first_event_of(index: ProceedingsIndex, key: str) -> str | None:
    """The event under which a literature key is listed in the book."""
    return index.first_event_of_reference.get(key.casefold())
