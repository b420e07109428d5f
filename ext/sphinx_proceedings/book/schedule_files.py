"""Write each event's ``schedule.ics`` and ``schedule.json`` (frab) next to its HTML schedule page.

Only for HTML builders, only for events that have a timezone and dated days
(the others are simply not exported; ``proceedings export`` says why).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.stamps import Stamp, data_stamp
from sphinx_proceedings.book.state import get_index
from sphinx_proceedings.data.files import write_if_changed
from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.exporters.frab import frab_json
from sphinx_proceedings.exporters.ical import ics
from sphinx_proceedings.exporters.timeline import build_timeline

logger = logging.getLogger(__name__)
ICS_NAME, JSON_NAME = "schedule.ics", "schedule.json"


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", _write_exports)


def export_paths(outdir: Path, generated_dir: str, event_id: str) -> tuple[Path, Path]:
    folder = outdir / generated_dir / event_id
    return folder / ICS_NAME, folder / JSON_NAME


def _write_exports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    try:
        index = get_index(app.env)
    except KeyError:
        return
    settings = read_config(app.config)
    # The stamp lives with the doctrees, not in the published folder; a wiped output folder still rewrites.
    stamp = Stamp(Path(app.doctreedir), "exports", data_stamp(index))
    timed = [data.event.id for data in index.proceedings.events if data.event.timezone]
    if stamp.current(*(export_paths(Path(app.outdir), settings.generated_dir, eid)[0] for eid in timed)):
        return
    for data in index.proceedings.events:
        if not data.event.timezone:
            continue
        problems = Problems()
        timeline = build_timeline(index.proceedings, data, index.origins, problems)
        if timeline is None:
            continue
        ics_path, json_path = export_paths(Path(app.outdir), settings.generated_dir, data.event.id)
        write_if_changed(ics_path, ics([timeline]))
        write_if_changed(json_path, frab_json(timeline))
        logger.verbose("proceedings: wrote %s and %s", ics_path, json_path)
    stamp.record()
