"""`proceedings import site|csv`: bring an event's data in from a website or a submission export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sphinx_proceedings.data.model import Person
from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Problems
from sphinx_proceedings.data.yamlsource import read_yaml
from sphinx_proceedings.importers.assemble import Records, assemble
from sphinx_proceedings.importers.report import ImportReport
from sphinx_proceedings.importers.writer import apply, bib_text, yaml_text

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_import_commands(subparsers: Any) -> None:
    """Register `import site` and `import csv` on the `proceedings` command."""
    imp = subparsers.add_parser("import", help="import event data from a workshop website or a CSV export")
    sub = imp.add_subparsers(dest="source", required=True, parser_class=type(imp))

    site = sub.add_parser("site", help="import the Markdown/HTML pages of a workshop website (Jekyll, GitHub Pages)")
    site.add_argument("files", nargs="+", type=Path, metavar="FILE", help="pages of one event's site")
    site.add_argument("--into", required=True, type=Path, metavar="DATAFOLDER", help="the data folder")
    site.add_argument("--event-id", help="id of the event (default: from the pages' front matter or folder)")
    site.add_argument("--base-url", help="where the site was published; relative links resolve against it")
    _safety(site)
    site.set_defaults(func=cmd_import_site)

    csv = sub.add_parser("csv", help="import accepted papers from a CMT, OpenReview or EasyChair CSV export")
    csv.add_argument("file", type=Path, metavar="FILE")
    csv.add_argument("--into", required=True, type=Path, metavar="DATAFOLDER")
    csv.add_argument("--event", required=True, help="id of the event the papers belong to")
    csv.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (id, title, authors, affiliations, emails, abstract, track, "
        "decision, pdf, keywords); repeatable",
    )
    csv.add_argument("--all-decisions", action="store_true", help="import every submission, not only accepted ones")
    _safety(csv)
    csv.set_defaults(func=cmd_import_csv)


def _safety(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace existing files that would change")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")


def known_people(data_dir: Path, problems: Problems) -> list[Person]:
    """People the series already lists in DATAFOLDER/people.yaml; names resolve to their ids."""
    path = data_dir / "people.yaml"
    if not path.is_file():
        return []
    doc = read_yaml(path, problems)
    people = []
    for item in doc.data if doc is not None and isinstance(doc.data, list) else []:
        try:
            people.append(Person.model_validate(item))
        except ValueError:
            continue
    return people


def event_files(records: Records, folder: Path, source: str) -> dict[Path, str]:
    files = {folder / "event.yaml": yaml_text(records.event, source)}
    if records.people:
        files[folder / "people.yaml"] = yaml_text(records.people, source)
    if records.schedule.days:
        files[folder / "schedule.yaml"] = yaml_text(records.schedule, source)
    if records.contributions:
        files[folder / "contributions.yaml"] = yaml_text(records.contributions, source)
    if records.references:
        files[folder / "references.bib"] = bib_text(records.references)
    return files


def cmd_import_site(args: argparse.Namespace) -> int:
    from sphinx_proceedings.importers.site import read_site

    report = ImportReport()
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"proceedings import site: error: no such file: {missing[0]}")
        return EXIT_USAGE
    if args.event_id and slugify(args.event_id) != args.event_id:
        print(f"proceedings import site: error: '{args.event_id}' is not a valid id (try '{slugify(args.event_id)}')")
        return EXIT_USAGE
    draft, event_id, year = read_site(list(args.files), args.event_id, args.base_url, report.problems)
    records = assemble(draft, event_id, year, args.base_url, report.problems, known_people(args.into, report.problems))
    report.counts = {
        "people": len(records.people),
        "contributions": len(records.contributions),
        "sessions": sum(len(d.sessions) for d in records.schedule.days),
        "references": len(records.references),
    }
    source = ", ".join(f.name for f in args.files)
    ok = apply(
        event_files(records, args.into / event_id, source),
        args.into,
        force=args.force,
        dry_run=args.dry_run,
        report=report,
    )
    report.print()
    return EXIT_OK if ok else EXIT_ERRORS


def cmd_import_csv(args: argparse.Namespace) -> int:
    from sphinx_proceedings.importers.csv_papers import MappingError, read_papers

    report = ImportReport()
    if not args.file.exists():  # a folder or a FIFO is there: the reader says what is wrong with it
        print(f"proceedings import csv: error: no such file: {args.file}")
        return EXIT_USAGE
    if slugify(args.event) != args.event:
        print(f"proceedings import csv: error: '{args.event}' is not a valid id (try '{slugify(args.event)}')")
        return EXIT_USAGE
    try:
        people, contributions = read_papers(args.file, args.event, args.map, args.all_decisions, report)
    except MappingError as exc:
        print(f"proceedings import csv: error: {exc}")
        return EXIT_USAGE
    folder = args.into / args.event
    source = args.file.name
    files = {
        folder / "people.yaml": yaml_text(people, source),
        folder / "contributions.yaml": yaml_text(contributions, source),
    }
    if not (folder / "event.yaml").is_file():
        from sphinx_proceedings.data.model import Event

        files[folder / "event.yaml"] = yaml_text(Event(id=args.event, title=args.event), source)
    report.counts = {"people": len(people), "contributions": len(contributions)}
    ok = apply(files, args.into, force=args.force, dry_run=args.dry_run, report=report)
    report.print()
    return EXIT_OK if ok else EXIT_ERRORS
