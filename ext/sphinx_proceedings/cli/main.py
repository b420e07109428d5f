"""The ``proceedings`` command: check the data, build the book, write schemas."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_proceedings.cli.answers import answer, command_line
from sphinx_proceedings.cli.bib import add_bib_command
from sphinx_proceedings.cli.export import add_export_commands
from sphinx_proceedings.cli.imports import add_import_commands
from sphinx_proceedings.cli.scaffold import add_new_command
from sphinx_proceedings.data.loader import LoadResult, load_project
from sphinx_proceedings.data.project import ProjectError, find_data_dir
from sphinx_proceedings.version import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="proceedings", description="Turn event data into a proceedings book.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="validate a project's data and report every problem")
    check.add_argument(
        "project",
        nargs="?",
        default=".",
        type=Path,
        help="the project folder (with conf.py and data/) or a data folder",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="build the proceedings book with Sphinx")
    build.add_argument("project", nargs="?", default=".", type=Path)
    build.add_argument("--html", action="store_true", help="build HTML (the default)")
    build.add_argument("--pdf", action="store_true", help="also build the PDF: OUT/proceedings.pdf")
    build.add_argument("--epub", action="store_true", help="also build the EPUB: OUT/proceedings.epub")
    build.add_argument(
        "--out", type=Path, default=None, help="build folder; HTML goes to OUT/html (default: PROJECT/_build)"
    )
    build.add_argument("-j", "--jobs", default="1", help="parallel jobs, or 'auto'")
    build.add_argument("--strict", action="store_true", help="fail on Sphinx warnings too (the book is not replaced)")
    build.add_argument("--force", action="store_true", help="run Sphinx even when nothing changed since the last build")
    build.add_argument(
        "--no-wait",
        dest="wait",
        action="store_false",
        help="fail at once when another build of the same folder is running (default: wait for it)",
    )
    build.set_defaults(func=cmd_build)

    add_bib_command(sub)
    add_new_command(sub)
    add_import_commands(sub)
    add_export_commands(sub)

    schema = sub.add_parser("schema", help="write the JSON Schemas of the data files")
    schema.add_argument("out", type=Path, help="folder to write <file>.schema.json into")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ProjectError as exc:
        print(f"proceedings: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def cmd_check(args: argparse.Namespace) -> int:
    data_dir, root = find_data_dir(args.project)
    return answer(root, command_line(args), lambda: _check(args, data_dir, root))


def _check(args: argparse.Namespace, data_dir: Path, root: Path) -> int:
    result = load_project(data_dir, root, cache=True)
    failed = bool(result.problems.errors) or (args.strict and bool(result.problems.warnings))
    if args.format == "json":
        print(json.dumps(_check_report(result, root, failed), indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            print(problem.format(Path.cwd()))
        print(_summary(result), file=sys.stderr)
    return EXIT_ERRORS if failed else EXIT_OK


def _summary(result: LoadResult) -> str:
    proc = result.proceedings
    contributions = sum(len(e.contributions) for e in proc.events)
    return (
        f"{len(proc.events)} events, {contributions} contributions, {len(proc.people)} people; "
        f"{len(result.problems.errors)} errors, {len(result.problems.warnings)} warnings"
        + (f", {len(result.problems.notes)} notes" if result.problems.notes else "")
    )


def _check_report(result: LoadResult, root: Path, failed: bool) -> dict[str, object]:
    proc = result.proceedings
    return {
        "ok": not failed,
        "summary": {
            "events": len(proc.events),
            "contributions": sum(len(e.contributions) for e in proc.events),
            "people": len(proc.people),
            "references": sum(len(e.references) for e in proc.events),
            "errors": len(result.problems.errors),
            "warnings": len(result.problems.warnings),
            "notes": len(result.problems.notes),
        },
        "problems": [p.as_json(root) for p in result.problems],
    }


def cmd_build(args: argparse.Namespace) -> int:
    from sphinx_proceedings.cli.build import build_book

    return build_book(
        args.project,
        out=args.out,
        jobs=args.jobs,
        pdf=args.pdf,
        epub=args.epub,
        strict=args.strict,
        force=args.force,
        wait=args.wait,
    )


def cmd_schema(args: argparse.Namespace) -> int:
    from sphinx_proceedings.data.schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
