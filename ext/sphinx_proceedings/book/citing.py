"""Citations in the book: the generated .bib files and sphinxcontrib-bibtex configured from the data.

Written at config-inited, because sphinxcontrib-bibtex parses ``bibtex_bibfiles``
when the environment is created:

- ``literature.bib``: every event's ``references.bib`` merged (a key listed by
  several events is kept once, under the first event), each entry tagged with
  ``proceedingsevent`` so that each event's references page can select its own;
- ``contributions.bib``: the generated entry of every talk and poster, so that
  ``{cite}`` works for them too;
- per event ``proceedings.bib`` and for the series ``proceedings.bib``, and per
  contribution ``<event>/cite/<id>.bib|.ris|.json``: copied to the same places in
  the HTML output at build-finished and linked from the pages as plain links.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry, Field
from sphinx.application import Sphinx

from sphinx_proceedings.book.builders import is_volume_builder
from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.pages import CONTRIBUTIONS_BIB, LITERATURE_BIB
from sphinx_proceedings.book.stamps import Stamp, data_stamp
from sphinx_proceedings.book.state import volume_plans
from sphinx_proceedings.cite.entries import CitationEntry, build_entries, write_bibtex
from sphinx_proceedings.cite.formats import to_csl, to_ris
from sphinx_proceedings.cite.style import STYLE_NAME
from sphinx_proceedings.data.bibliography import UNESCAPED_PERCENT, VERBATIM_FIELDS
from sphinx_proceedings.data.files import mirror, mirror_file, write_if_changed
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.link_checks import BIBTEX_LINK_FIELDS, is_web_url
from sphinx_proceedings.data.volume_plan import paper_pages

SERIES_BIB = "proceedings.bib"
CITE_DIR = "cite"


def setup_citing(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("build-finished", _publish_citation_files)


def _publish_citation_files(app: Sphinx, exception: Exception | None) -> None:
    """Copy the proceedings.bib files and each event's ``cite/`` folder to the same places in the HTML output.

    The pages link them as plain relative links rather than as Sphinx downloads: thousands of downloads
    would be re-checked and logged on every build, and a new talk would make every page that links a
    volume .bib a reader of it. Only files that changed are copied (:func:`mirror`).
    """
    if exception is not None or app.builder.format != "html" or is_volume_builder(app):
        return
    generated = read_config(app.config).generated_dir
    source, target = Path(app.srcdir) / generated, Path(app.outdir) / generated
    if (source / SERIES_BIB).is_file():
        mirror_file(source / SERIES_BIB, target / SERIES_BIB)
    for event in sorted(path.parent for path in source.glob(f"*/{SERIES_BIB}")):
        if (target / event.name).is_dir():  # an event the book has pages for
            mirror_file(event / SERIES_BIB, target / event.name / SERIES_BIB)
            if (event / CITE_DIR).is_dir():
                mirror(event / CITE_DIR, target / event.name / CITE_DIR)


def cite_file(event_id: str, contribution_id: str, suffix: str) -> str:
    """Path of a contribution's citation file, relative to the generated folder."""
    return f"{event_id}/{CITE_DIR}/{contribution_id}.{suffix}"


def write_citation_files(app: Sphinx, index: ProceedingsIndex) -> None:
    settings = read_config(app.config)
    folder = Path(app.srcdir) / settings.generated_dir
    site_url = settings.site_url or str(app.config.html_baseurl or "")
    pages = paper_pages(volume_plans(index, app.config))
    stamp = Stamp(
        folder, "citations", data_stamp(index, site_url, str(settings.bibtex_abstracts), repr(sorted(pages.items())))
    )
    if not stamp.current(folder / LITERATURE_BIB, folder / CONTRIBUTIONS_BIB):
        _write_bib_files(index, folder, site_url, settings.bibtex_abstracts, pages)
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
        app.config.bibtex_default_style = STYLE_NAME  # unsrt, formatting only new entries (cite/style.py)


def _write_bib_files(
    index: ProceedingsIndex, folder: Path, site_url: str, abstracts: bool, pages: dict[str, tuple[int, int]]
) -> None:
    entries = build_entries(index, site_url, abstracts=True, pages=pages)
    write_if_changed(folder / LITERATURE_BIB, literature_bib(index))
    write_if_changed(folder / CONTRIBUTIONS_BIB, write_bibtex(e for e in entries if e.contribution_id))
    volume = build_entries(index, site_url, abstracts=abstracts, pages=pages)
    write_if_changed(folder / SERIES_BIB, write_bibtex(volume))
    for data in index.proceedings.events:
        eid = data.event.id
        write_if_changed(folder / eid / SERIES_BIB, write_bibtex(e for e in volume if e.event_id == eid))
    written: set[Path] = set()
    for entry in entries:
        if entry.contribution_id:
            written.update(write_contribution_files(index, folder, entry))
    for stale in {path for path in folder.glob(f"*/{CITE_DIR}/*") if path.is_file()} - written:
        stale.unlink()  # a contribution that is gone


def write_contribution_files(index: ProceedingsIndex, folder: Path, entry: CitationEntry) -> list[Path]:
    """Write a contribution's .bib, .ris and CSL .json; their paths."""
    assert entry.contribution_id is not None
    bib, ris, csl = (folder / cite_file(entry.event_id, entry.contribution_id, s) for s in ("bib", "ris", "json"))
    write_if_changed(bib, write_bibtex([entry]))
    write_if_changed(ris, to_ris(index, entry))
    write_if_changed(csl, json.dumps([to_csl(index, entry)], indent=2, ensure_ascii=False) + "\n")
    return [bib, ris, csl]


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
            # A '%' check warns about would start a comment in pybtex's LaTeX and eat the closing brace.
            fields = [
                Field(k, f"{{{_percent(v)}}}" if k == "title" else v if k in VERBATIM_FIELDS else _percent(v))
                for k, v in ref.fields.items()
                if k != "proceedingsevent" and (k not in BIBTEX_LINK_FIELDS or is_web_url(v))  # check reports it
            ]
            fields.append(Field("proceedingsevent", data.event.id))
            library.add(Entry(ref.entry_type, ref.key, fields))
    return bibtexparser.write_string(library)


def _percent(value: str) -> str:
    return UNESCAPED_PERCENT.sub(r"\\%", value)


def first_event_of(index: ProceedingsIndex, key: str) -> str | None:
    """The event under which a literature key is listed in the book."""
    return index.first_event_of_reference.get(key.casefold())
