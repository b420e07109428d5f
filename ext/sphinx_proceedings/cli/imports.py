"""`proceedings import site|csv`: bring an event's data in from a website or a submission export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sphinx_proceedings.data.model import Event, Person
from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems, message_of
from sphinx_proceedings.data.yamlsource import read_yaml
from sphinx_proceedings.importers.assemble import assemble
from sphinx_proceedings.importers.event_files import Imported, event_texts
from sphinx_proceedings.importers.report import EventCounts, ImportReport
from sphinx_proceedings.importers.writer import apply

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_import_commands(subparsers: Any) -> None:
    """Register `import site` and `import csv` on the `proceedings` command."""
    imp = subparsers.add_parser("import", help="import event data from a workshop website or a CSV export")
    sub = imp.add_subparsers(dest="source", required=True, parser_class=type(imp))

    site = sub.add_parser(
        "site", help="import a workshop website (Jekyll, GitHub Pages): its folder, or some of its pages"
    )
    site.add_argument(
        "files", nargs="+", type=Path, metavar="PATH", help="a site folder (one event per edition) or pages"
    )
    site.add_argument("--into", required=True, type=Path, metavar="DATAFOLDER", help="the data folder")
    site.add_argument("--event-id", help="read every page as this one event (default: one event per edition)")
    site.add_argument("--base-url", help="where the site was published (default: url and baseurl of its _config.yml)")
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
    parser.add_argument(
        "--force", action="store_true", help="where a field in the files differs from the import, take the import's"
    )
    parser.add_argument("--dry-run", action="store_true", help="show the changes as a diff; write nothing")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="how the report is printed")


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


def contribution_ids(data_dir: Path, importing: set[str], problems: Problems) -> set[str]:
    """Ids the other events of DATAFOLDER give their contributions: ids are unique across a series."""
    taken: set[str] = set()
    for path in sorted(data_dir.glob("*/contributions.yaml")) if data_dir.is_dir() else []:
        if path.parent.name in importing or path.is_symlink():
            continue
        doc = read_yaml(path, problems)
        for item in doc.data if doc is not None and isinstance(doc.data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                taken.add(item["id"])
    return taken


def cmd_import_site(args: argparse.Namespace) -> int:
    from sphinx_proceedings.importers import tally
    from sphinx_proceedings.importers.site_import import UsageError, read_editions

    report = ImportReport()
    if args.event_id and slugify(args.event_id) != args.event_id:
        print(f"proceedings import site: error: '{args.event_id}' is not a valid id (try '{slugify(args.event_id)}')")
        return EXIT_USAGE
    try:
        editions = read_editions(list(args.files), args.event_id, args.base_url, report.problems)
    except UsageError as exc:
        print(f"proceedings import site: error: {exc}")
        return EXIT_USAGE
    known = known_people(args.into, report.problems)
    files: dict[Path, str | bytes] = {}
    taken = contribution_ids(args.into, {e.event_id for e in editions}, report.problems)
    for edition in editions:
        try:
            records = assemble(
                edition.draft, edition.event_id, edition.year, edition.base_url, report.problems, known, taken
            )
        except ValidationError as exc:  # a fact the pages give past the data format's bounds
            report.problems.error(
                edition.pages[0] if edition.pages else args.into,
                (None, None),
                Code.type,
                f"edition '{edition.event_id}' not imported: {_refusal(exc)}",
                "shorten that text on the page, or enter it by hand",
            )
            continue
        folder = args.into / edition.event_id
        source = ", ".join(dict.fromkeys(p.name for p in [*edition.pages, *edition.data_files])) or "the site"
        imported = Imported(records.event, records.people, records.schedule, records.contributions, records.references)
        texts, merger = event_texts(imported, folder, source, report.problems, args.force)
        files.update(texts)
        for target, original in edition.files.copies.items():
            try:
                files[folder / target] = original.read_bytes()
            except OSError as exc:
                report.problems.warning(original, (None, None), Code.file, f"not copied: {exc.strerror}")
        read = {p.resolve() for p in [*edition.pages, *edition.data_files]}
        placed = [p for p in report.problems if p.message.startswith("not placed") and p.path.resolve() in read]
        report.events.append(
            EventCounts(
                edition.event_id,
                tally.found(edition.draft),
                tally.imported(records),
                [f"{p.location()}: {p.message.removeprefix('not placed: ')}" for p in placed],
                merger.conflicts,
            )
        )
    report.counts = {"events": len(editions)}
    ok = apply(files, args.into, dry_run=args.dry_run, report=report)
    report.print(fmt=args.format)
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
    event = None if (folder / "event.yaml").is_file() else Event(id=args.event, title=args.event)
    texts, _ = event_texts(
        Imported(event, people, None, contributions), folder, args.file.name, report.problems, args.force
    )
    files: dict[Path, str | bytes] = dict(texts)
    report.counts = {"people": len(people), "contributions": len(contributions)}
    ok = apply(files, args.into, dry_run=args.dry_run, report=report)
    report.print(fmt=args.format)
    return EXIT_OK if ok else EXIT_ERRORS


def _refusal(error: ValidationError) -> str:
    """pydantic's first complaint, as one line: where in the record, and what the format refuses."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{error.title} {where}: {message_of(first)}".replace("\n", " ")
