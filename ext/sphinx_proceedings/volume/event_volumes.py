"""Each event's volume as a PDF of its own, cut from the built book.

Every event's part of the book is a whole volume (title page, front matter
numbered from i, contributions from 1, references, author index), so its pages
are the event's volume. :func:`cut_events` writes them beside the event's page,
``<generated>/<event>/<event>.pdf``, keeping the page labels (i, ii, … 1, 2, …)
and the bookmarks that fall inside them. pypdf does it: pdfium, which cuts the
papers, writes neither labels nor bookmarks.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle

from sphinx_proceedings.data.files import replace_atomically
from sphinx_proceedings.volume.papers import CutError, absolute_pages
from sphinx_proceedings.volume.tex import label

_ROMAN = re.compile(r"[ivxlcdm]+")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def event_pdf(generated: str, event_id: str) -> str:
    """Where an event's volume is published, relative to the HTML output (and to the event page: ``<id>.pdf``)."""
    return f"{generated}/{event_id}/{event_id}.pdf"


def cut_events(volume_pdf: Path, html_dir: Path, generated: str, events: dict[str, str]) -> list[Path]:
    """Write each event's pages of ``volume_pdf`` as ``event_pdf`` in ``html_dir``, titled as the event.

    ``events`` maps each event's id to its title, in the book's order.
    """
    event_ids = list(events)
    starts = absolute_pages(volume_pdf.with_suffix(".aux"))
    reader = PdfReader(volume_pdf)
    first_pages = []
    for eid in event_ids:
        start = starts.get(label("event", eid))
        if start is None:
            raise CutError(f"the volume does not hold event '{eid}'")
        first_pages.append(start - 1)
    ends = [*first_pages[1:], len(reader.pages)]
    labels = reader.page_labels
    written = []
    for eid, first, end in zip(event_ids, first_pages, ends, strict=True):
        if not first < end:
            raise CutError(f"the volume's pages of event '{eid}' are out of order")
        writer = PdfWriter()
        writer.append(reader, pages=(first, end), import_outline=True)
        for run_from, run_to, style, start in label_runs(labels[first:end]):
            writer.set_page_label(run_from, run_to, style=style, start=start)
        writer.add_metadata({**(reader.metadata or {}), "/Title": events[eid]})
        buffer = io.BytesIO()
        writer.write(buffer)
        target = html_dir / event_pdf(generated, eid)
        replace_atomically(target, buffer.getvalue())
        written.append(target)
    return written


def label_runs(labels: list[str]) -> list[tuple[int, int, PageLabelStyle, int]]:
    """Page labels as runs (first index, last index, style, first number): ['i', 'ii', '1'] -> roman 0–1, decimal 2."""
    runs: list[tuple[int, int, PageLabelStyle, int]] = []
    previous: tuple[PageLabelStyle, int] | None = None
    for i, text in enumerate(labels):
        style, number = _parse(text)
        if runs and previous is not None and previous == (style, number - 1):
            runs[-1] = (runs[-1][0], i, style, runs[-1][3])
        else:
            runs.append((i, i, style, number))
        previous = (style, number)
    return runs


def _parse(text: str) -> tuple[PageLabelStyle, int]:
    if text.isdigit():
        return PageLabelStyle.DECIMAL, int(text)
    if _ROMAN.fullmatch(text):
        return PageLabelStyle.LOWERCASE_ROMAN, _roman(text)
    return PageLabelStyle.DECIMAL, 1  # a page without a label of ours (none is made): numbered afresh


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
