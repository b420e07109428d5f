"""``proceedings export crossref`` and ``proceedings export zenodo``: archival metadata of one event.

Both need the published site's address (the talk pages are what DOIs resolve to): ``--site-url``, else
``proceedings_site_url`` or ``html_baseurl`` in conf.py. Nothing is written when the data lacks what the
archive needs; every such gap is reported with its file and line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_proceedings.data.identifiers import DOI_PREFIX_PATTERN
from sphinx_proceedings.data.loader import LoadResult
from sphinx_proceedings.data.model import EventData
from sphinx_proceedings.data.problems import Problems

if TYPE_CHECKING:
    from sphinx_proceedings.book.config import ProceedingsConfig

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_deposit_options(export: argparse.ArgumentParser) -> None:
    group = export.add_argument_group("crossref and zenodo")
    group.add_argument("--site-url", help="the published book's base URL (default: proceedings_site_url in conf.py)")
    group.add_argument("--doi-prefix", help="crossref: your DOI prefix, e.g. 10.5555")
    group.add_argument("--depositor", help="crossref: the depositing organisation's name")
    group.add_argument("--email", help="crossref: where Crossref sends the deposit's report")
    group.add_argument("--registrant", help="crossref: who is responsible for the metadata (default: the publisher)")
    group.add_argument(
        "--mint-dois",
        action="store_true",
        help="crossref: give each contribution without a doi {prefix}/{event}.{contribution} "
        "(and the volume {prefix}/{event})",
    )


def _usage(message: str) -> int:
    print(f"proceedings: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _report(problems: Problems) -> int:
    for problem in problems:
        print(problem.format(Path.cwd()), file=sys.stderr)
    if problems.errors:
        print(f"proceedings: {len(problems.errors)} errors; nothing was exported", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def book_settings(root: Path) -> ProceedingsConfig:
    """The extension's settings in conf.py (run as Sphinx runs it); the site URL falls back to html_baseurl."""
    from dataclasses import replace

    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    from sphinx_proceedings.book.config import ProceedingsConfig, settings_of

    conf = (root / "conf.py").resolve()  # Sphinx reads it from inside its folder
    if not conf.is_file():
        return ProceedingsConfig()
    try:
        values = eval_config_file(conf, Tags())
    except Exception as exc:  # conf.py is user code; say what failed instead of a traceback
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]  # Sphinx's message ends in the cause
        print(f"proceedings: warning: {conf} could not be read ({reason}); its settings are not used", file=sys.stderr)
        return ProceedingsConfig()
    settings = settings_of(values)
    return replace(settings, site_url=settings.site_url or str(values.get("html_baseurl") or ""))


def _site_url(args: argparse.Namespace, settings: ProceedingsConfig) -> str | None:
    from sphinx_proceedings.data.link_checks import is_web_url

    site = str(args.site_url or settings.site_url)
    return site if site and is_web_url(site) else None


def _site_url_unknown(why: str) -> int:
    return _usage(
        f"the site's URL is unknown, and {why}: pass --site-url https://… or set proceedings_site_url in conf.py"
    )


def deposit_event(events: tuple[EventData, ...], all_events: tuple[EventData, ...]) -> EventData | None:
    if len(events) == 1:
        return events[0]
    known = ", ".join(e.event.id for e in all_events)
    print(f"proceedings: error: an archive deposit holds one event; choose one with --event ({known})", file=sys.stderr)
    return None


def export_crossref(args: argparse.Namespace, result: LoadResult, root: Path, data: EventData) -> int:
    from sphinx_proceedings.data.index import ProceedingsIndex
    from sphinx_proceedings.data.volume_plan import LAYOUTS, plan_event
    from sphinx_proceedings.exporters.archive import deposit_timestamp, event_dois
    from sphinx_proceedings.exporters.crossref import Deposit, crossref_xml, deposit_problems

    if not args.doi_prefix or not DOI_PREFIX_PATTERN.match(args.doi_prefix):
        return _usage("--doi-prefix 10.NNNN is needed (your Crossref prefix, e.g. 10.5555)")
    if not args.depositor or len(args.depositor) > 130:
        return _usage("--depositor NAME is needed (the organisation that deposits, at most 130 characters)")
    if args.registrant is not None and not 1 <= len(args.registrant) <= 255:
        return _usage("--registrant takes 1 to 255 characters")
    if not args.email or "@" not in args.email or not 6 <= len(args.email) <= 200:
        return _usage("--email ADDRESS is needed (Crossref mails the deposit's report there)")
    settings = book_settings(root)
    site_url = _site_url(args, settings)
    if site_url is None:
        return _site_url_unknown("each DOI must resolve to its talk page")
    problems = deposit_problems(data, result.origins)
    dois = event_dois(data, args.doi_prefix, args.mint_dois, result.origins, problems)
    if _report(problems):
        return EXIT_ERRORS
    index = ProceedingsIndex(result.proceedings, result.origins, root)
    plan = plan_event(index, data, settings.volume_layout if settings.volume_layout in LAYOUTS else "auto")
    deposit = Deposit(
        depositor=args.depositor,
        email=args.email,
        registrant=args.registrant or data.event.publisher or args.depositor,
        site_url=site_url,
        generated=settings.generated_dir,
        timestamp=deposit_timestamp(result.files),
        pages=plan.pages,
    )
    return _write_bytes(crossref_xml(result.proceedings, data, dois, deposit), args.out)


def export_zenodo(args: argparse.Namespace, result: LoadResult, root: Path, data: EventData) -> int:
    from sphinx_proceedings.exporters.crossref import deposit_problems
    from sphinx_proceedings.exporters.zenodo import zenodo_uploads

    dated = Problems(p for p in deposit_problems(data, result.origins) if "start date" in p.message)
    if _report(dated):  # Zenodo's publication_date is the event's first day
        return EXIT_ERRORS
    settings = book_settings(root)
    site_url = _site_url(args, settings)
    if site_url is None:
        return _site_url_unknown("each upload links its talk page")
    generated = settings.generated_dir
    uploads, authorless = zenodo_uploads(result.proceedings, data, site_url, generated)
    for name in authorless:
        print(f"proceedings: note: {name} is left out: Zenodo needs a creator and it has no author", file=sys.stderr)
    if not uploads:
        print(f"proceedings: event '{data.event.id}' has no slides or posters to deposit", file=sys.stderr)
    if args.out is None:
        listing = [{"file": u.file, "metadata": u.metadata} for u in uploads]
        sys.stdout.write(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from sphinx_proceedings.data.files import write_if_changed

    if args.out.exists() and not args.out.is_dir():
        return _usage(f"{args.out} is not a folder; zenodo writes one JSON file per upload into --out")
    for upload in uploads:
        path = args.out / f"{upload.name}.json"
        write_if_changed(path, json.dumps({"metadata": upload.metadata}, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _write_bytes(content: bytes, out: Path | None) -> int:
    if out is None:
        sys.stdout.buffer.write(content)
        return EXIT_OK
    from sphinx_proceedings.data.files import replace_atomically

    if not out.is_file() or out.read_bytes() != content:
        replace_atomically(out, content)  # never a half-written deposit
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK
