"""``proceedings bib``: print citations of a project (or one event, or one contribution) to stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx_proceedings.cli.answers import answer
from sphinx_proceedings.data.project import find_data_dir


def add_bib_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bib = sub.add_parser("bib", help="print BibTeX, RIS or CSL-JSON for the series, an event or a contribution")
    bib.add_argument("project", nargs="?", default=".", type=Path)
    bib.add_argument("--event", help="only this event (its volume and contributions)")
    bib.add_argument("--id", dest="contribution", help="only this contribution")
    bib.add_argument("--format", choices=("bibtex", "ris", "csl-json"), default="bibtex")
    bib.add_argument("--no-abstracts", action="store_true", help="leave abstracts out")
    bib.add_argument("--site-url", default="", help="the published book's base URL, for the url fields")
    bib.set_defaults(func=cmd_bib)


def cmd_bib(args: argparse.Namespace) -> int:
    from sphinx_proceedings.cli.answers import command_line

    data_dir, root = find_data_dir(args.project)
    return answer(root, command_line(args), lambda: _bib(args, data_dir, root))


def _bib(args: argparse.Namespace, data_dir: Path, root: Path) -> int:
    # Imported here: every `proceedings` command registers this one, and most never run it.
    from sphinx_proceedings.cite.entries import build_entries, write_bibtex
    from sphinx_proceedings.cite.formats import to_csl_json, to_ris
    from sphinx_proceedings.data.index import ProceedingsIndex
    from sphinx_proceedings.data.loader import load_project

    result = load_project(data_dir, root, cache=True)
    if result.problems.errors:
        for problem in result.problems.errors:
            print(problem.format(Path.cwd()), file=sys.stderr)
        print("proceedings: the data has errors; run 'proceedings check' first", file=sys.stderr)
        return 1
    index = ProceedingsIndex(result.proceedings, result.origins, root)
    entries = build_entries(index, args.site_url, abstracts=not args.no_abstracts)
    if args.event:
        if index.event(args.event) is None:
            print(f"proceedings: no event '{args.event}'", file=sys.stderr)
            return 2
        entries = [e for e in entries if e.event_id == args.event]
    if args.contribution:
        entries = [e for e in entries if e.contribution_id == args.contribution]
        if not entries:
            print(f"proceedings: no contribution '{args.contribution}'", file=sys.stderr)
            return 2
    if args.format == "bibtex":
        sys.stdout.write(write_bibtex(entries))
    elif args.format == "ris":
        sys.stdout.write("\n".join(to_ris(index, e) for e in entries))
    else:
        sys.stdout.write(to_csl_json(index, entries))
    return 0
