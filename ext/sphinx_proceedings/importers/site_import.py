"""From the paths given to `import site` to one draft per edition: pages, data files and local files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers import site_data
from sphinx_proceedings.importers.draft import Draft
from sphinx_proceedings.importers.local_files import LocalFiles
from sphinx_proceedings.importers.site import guess_event_id, guess_year, includes, read_page, read_site
from sphinx_proceedings.importers.site_folder import Edition, edition_id, group_editions, inside, read_folder


class UsageError(Exception):
    """The paths or options cannot be read as the editions of a site."""


@dataclass
class EditionDraft:
    event_id: str
    year: int | None
    draft: Draft
    base_url: str | None
    files: LocalFiles
    pages: list[Path] = field(default_factory=list)
    data_files: list[Path] = field(default_factory=list)


def gather(paths: list[Path], event_id: str | None, problems: Problems) -> tuple[list[Edition], str | None, str | None]:
    """Editions of the given files and folders, and the base URL and title of a folder's `_config.yml`."""
    editions: list[Edition] = []
    loose: list[Path] = []
    base_url = title = None
    for path in paths:
        if path.is_dir():
            site = read_folder(path, problems)
            editions += site.editions
            base_url, title = base_url or site.base_url, title or site.title
        elif path.is_file():
            loose.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if loose:
        if event_id:
            editions.append(Edition("", pages=loose, root=_common_folder(loose)))
        else:
            by_folder: dict[Path, list[Path]] = {}
            for page in loose:
                by_folder.setdefault(page.parent.resolve(), []).append(page)
            for folder, pages in by_folder.items():
                for edition in group_editions(folder, pages):
                    edition.key = edition.key or folder.name
                    editions.append(edition)
    editions = [e for e in editions if e.pages or e.data_files]
    if event_id and len(editions) > 1:
        if all(not e.data_files for e in editions):
            pages = [p for e in editions for p in e.pages]
            editions = [Edition("", pages=pages, root=_common_folder(pages))]
        else:
            names = ", ".join(e.key or "(top folder)" for e in editions)
            raise UsageError(f"the site holds {len(editions)} editions ({names}); --event-id names one event")
    return editions, base_url, title


def _common_folder(pages: list[Path]) -> Path:
    parents = [p.resolve().parent for p in pages]
    common = parents[0]
    while not all(p.is_relative_to(common) for p in parents):
        common = common.parent
    return common


def edition_base(base_url: str | None, edition: Edition) -> str | None:
    if not base_url:
        return None
    folder = edition.pages[0].parent if edition.pages else None
    if edition.root and folder is not None and folder.resolve().is_relative_to(edition.root.resolve()):
        rel = folder.resolve().relative_to(edition.root.resolve()).as_posix()
        if rel != ".":
            return base_url.rstrip("/") + "/" + rel.strip("/") + "/"
    return base_url


def read_editions(
    paths: list[Path], event_id: str | None, base_url: str | None, problems: Problems
) -> list[EditionDraft]:
    editions, config_base, site_title = gather(paths, event_id, problems)
    base = base_url or config_base
    keys = [e.key for e in editions]
    out: list[EditionDraft] = []
    taken: set[str] = set()
    for edition in editions:
        root = edition.root or (edition.pages[0].parent if edition.pages else Path.cwd())
        eid = event_id or _event_id(edition, site_title, root, len(editions) > 1)
        n, unique = 2, eid
        while unique in taken:
            unique, n = f"{eid}-{n}", n + 1
        taken.add(unique)
        ebase = edition_base(base, edition) if base_url is None or len(editions) > 1 else base_url
        draft, _, year = read_site(_with_includes(edition), unique, ebase, problems)
        read = _read_data(edition, keys, draft, problems, year, single=len(editions) == 1)
        files = LocalFiles(root, ebase, problems, site_url=base)
        files.localise(draft)
        if not _has_facts(draft):
            where = edition.pages[0] if edition.pages else root
            problems.warning(where, (None, None), Code.file, "skipped: these pages state no event facts")
            continue
        out.append(EditionDraft(unique, year, draft, ebase, files, edition.pages, read))
    return out


def _with_includes(edition: Edition) -> list[Path]:
    """The edition's pages and the `_includes/` files they pull in (organizers, speakers as HTML)."""
    pages = list(edition.pages)
    if edition.root is None:
        return pages
    folder = edition.root / "_includes"
    for page in edition.pages:
        for name in includes(page):
            target = folder / name
            if target not in pages and target.is_file() and inside(target, edition.root):
                pages.append(target)
    return pages


def _event_id(edition: Edition, site_title: str | None, root: Path, several: bool) -> str:
    pages = [p for p in (read_page(page, Problems()) for page in edition.pages[:3]) if p is not None]
    if not several:
        return guess_event_id(pages) if pages else slugify(root.name) or "event"
    ident = edition_id(edition, site_title, root.name)
    year = guess_year(pages, ident)
    return ident if not ident.isdigit() or year is None else f"event-{ident}"


def _read_data(
    edition: Edition, keys: list[str], draft: Draft, problems: Problems, year: int | None, single: bool
) -> list[Path]:
    """Read the data files that are this edition's; return them."""
    read: list[Path] = []
    if not edition.data_files or edition.root is None:
        return read
    data_root = edition.root / "_data"
    reader = site_data.DataReader(draft, problems, year)
    for path in edition.data_files:
        owner = site_data.edition_of(path, data_root, keys)
        if owner is not None and owner != edition.key:
            continue
        node = site_data.load(path, problems)
        if node is None:
            continue
        name = site_data.data_name(path, data_root)
        if owner is None and isinstance(node, dict) and not single:
            mine = [k for k in node if site_data.edition_of(data_root / f"{k}.yml", data_root, [edition.key])]
            if mine:
                for key in mine:
                    reader.read(path, node[key], f"{name}/{key}")
                read.append(path)
                continue
            if any(site_data.edition_of(data_root / f"{k}.yml", data_root, keys) for k in node):
                continue  # keyed by the other editions
        if owner is None and not single:
            if edition.key == keys[0]:  # said once, not per edition
                problems.warning(path, (None, None), Code.file, f"not placed: data '{name}' names no edition")
            continue
        reader.read(path, node, name)
        read.append(path)
    return read


def _has_facts(draft: Draft) -> bool:
    return bool(
        draft.papers or draft.days or draft.organizers or draft.speakers or draft.committee or draft.event_dates
    )
