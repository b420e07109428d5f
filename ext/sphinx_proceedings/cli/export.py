"""``proceedings export …`` and ``proceedings import-frab …`` (Crossref and Zenodo deposits: deposits.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sphinx_proceedings.cli.deposits import add_deposit_options, deposit_event, export_crossref, export_zenodo
from sphinx_proceedings.data.files import write_if_changed
from sphinx_proceedings.data.loader import LoadResult, load_project
from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.data.project import find_data_dir
from sphinx_proceedings.exporters.timeline import Timeline, build_timeline

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
FORMATS = ("frab-xml", "frab-json", "ics", "json", "crossref", "zenodo")


def add_export_commands(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export",
        help="export the programme (frab XML/JSON, iCalendar), the whole model (JSON) or archive deposits",
        description=(
            "Write one export to stdout or --out. Schedule exports need the event's timezone and dated days; "
            "crossref writes a DOI deposit of one event, zenodo one metadata file per slides or poster (into --out). "
            "The same data gives the same file: the iCalendar DTSTAMP is SOURCE_DATE_EPOCH when it is set, "
            "else 00:00 UTC of the event's first day, never the time of the export."
        ),
    )
    export.add_argument("format", choices=FORMATS)
    export.add_argument("project", nargs="?", default=".", type=Path, help="the project or data folder")
    export.add_argument("--event", help="the event's id (needed for frab exports when there are several)")
    export.add_argument("--out", type=Path, help="write here instead of stdout")
    add_deposit_options(export)
    export.set_defaults(func=cmd_export)

    frab = subparsers.add_parser(
        "import-frab",
        help="import a frab/pretalx schedule JSON as an event folder",
        description="Writes DATAFOLDER/<event>/{event,people,schedule,contributions}.yaml.",
    )
    frab.add_argument("file", type=Path, help="a frab or pretalx schedule.json")
    frab.add_argument("--into", type=Path, required=True, help="the data folder to write the event folder into")
    frab.add_argument("--force", action="store_true", help="overwrite files that differ")
    frab.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    frab.set_defaults(func=cmd_import_frab)


def _print_problems(problems: Problems) -> None:
    for problem in problems:
        print(problem.format(Path.cwd()), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    data_dir, root = find_data_dir(args.project)
    result = load_project(data_dir, root)
    if result.problems.errors:
        _print_problems(result.problems)
        print(f"proceedings: {len(result.problems.errors)} errors in the data; nothing was exported", file=sys.stderr)
        return EXIT_ERRORS
    events = result.proceedings.events
    if args.event:
        events = tuple(e for e in events if e.event.id == args.event)
        if not events:
            known = ", ".join(e.event.id for e in result.proceedings.events)
            print(f"proceedings: error: no event '{args.event}' (events: {known})", file=sys.stderr)
            return EXIT_USAGE
    if args.format in ("crossref", "zenodo"):
        data = deposit_event(events, result.proceedings.events)
        if data is None:
            return EXIT_USAGE
        export = export_crossref if args.format == "crossref" else export_zenodo
        return export(args, result, root, data)
    if args.format == "json":
        from sphinx_proceedings.exporters.model_json import model_json, one_event

        proceedings = one_event(result.proceedings, events[0]) if args.event else result.proceedings
        return _emit(model_json(proceedings), args.out)
    if args.format != "ics" and len(events) > 1:
        known = ", ".join(e.event.id for e in events)
        print(
            f"proceedings: error: a frab schedule holds one event; choose one with --event ({known})", file=sys.stderr
        )
        return EXIT_USAGE

    problems = Problems()
    timelines = [t for data in events if (t := build_timeline(result.proceedings, data, result.origins, problems))]
    _print_problems(problems)
    if problems.errors:
        return EXIT_ERRORS
    return _emit(_render(args.format, timelines), args.out)


def _render(fmt: str, timelines: list[Timeline]) -> str:
    if fmt == "ics":
        from sphinx_proceedings.exporters.ical import ics

        return ics(timelines)
    from sphinx_proceedings.exporters.frab import frab_json, frab_xml

    return frab_xml(timelines[0]) if fmt == "frab-xml" else frab_json(timelines[0])


def _emit(text: str, out: Path | None) -> int:
    if out is None:
        sys.stdout.write(text)
    else:
        write_if_changed(out, text)
        print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def cmd_import_frab(args: argparse.Namespace) -> int:
    from sphinx_proceedings.exporters.frab_import import read_frab_json

    problems = Problems()
    imported = read_frab_json(args.file, problems)
    _print_problems(problems)
    if imported is None:
        return EXIT_ERRORS
    folder = args.into / imported.event_id
    texts = {folder / name: text for name, text in imported.texts().items()}
    conflicts = [p for p, text in texts.items() if p.is_file() and p.read_text(encoding="utf-8") != text]
    if args.dry_run:
        for path, text in texts.items():
            state = (
                "unchanged" if path.is_file() and path not in conflicts else "overwrite" if path.is_file() else "new"
            )
            print(f"--- {path} ({state})\n{text}")
        return EXIT_OK
    if conflicts and not args.force:
        for path in conflicts:
            print(f"{path}: error: exists and differs; pass --force to overwrite it", file=sys.stderr)
        print("proceedings: nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    for path, text in texts.items():
        changed = write_if_changed(path, text)
        print(f"{'wrote' if changed else 'unchanged'} {path}", file=sys.stderr)
    return _report_loaded(load_project(args.into), folder)


def _report_loaded(result: LoadResult, folder: Path) -> int:
    """Check the imported folder the way `proceedings check` would."""
    mine = Problems(p for p in result.problems if folder.resolve() in p.path.resolve().parents)
    _print_problems(mine)
    return EXIT_ERRORS if mine.errors else EXIT_OK
