"""A site checkout read as editions: its pages grouped into one event each, its `_config.yml` and `_data`.

A folder is walked without following symbolic links; a linked file is read only when it resolves
inside the site. An edition is the nearest folder holding an index page or a year in its name (or
the edition a page's front matter names); pages of one folder whose file names carry different
years are editions of their own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from sphinx_proceedings.data.names import slugify
from sphinx_proceedings.data.problems import Code, Problems

PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
# Jekyll's own folders hold templates and build output, not the event's pages.
SKIPPED_DIRS = frozenset(
    ["_site", "_includes", "_layouts", "_sass", "_plugins", "_drafts", "_data", "node_modules", "vendor"]
)
ASSET_DIRS = frozenset(["assets", "css", "js", "fonts", "images", "img", "static", "scss"])
NOT_PAGES = re.compile(r"^(readme|license|licence|changelog|contributing|code_of_conduct|404|security)\b", re.I)
INDEX_NAMES = frozenset(["index.md", "index.markdown", "index.html", "index.htm"])
EDITION_KEYS = ("edition", "event_id", "event", "year")
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class Edition:
    """The pages of one event's site, and where the site lives."""

    key: str
    pages: list[Path] = field(default_factory=list)
    root: Path | None = None  # the site folder, when a folder was given
    data_files: list[Path] = field(default_factory=list)


@dataclass
class Site:
    editions: list[Edition]
    base_url: str | None = None
    title: str | None = None


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    return True


def read_config(root: Path, problems: Problems) -> tuple[str | None, str | None]:
    """`url` + `baseurl` and `title` of a Jekyll `_config.yml`."""
    path = root / "_config.yml"
    if not path.is_file() or (path.is_symlink() and not inside(path, root)):
        return None, None
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        problems.warning(path, (None, None), Code.yaml, f"cannot read the site's configuration: {exc}")
        return None, None
    if not isinstance(data, dict):
        return None, None
    url, baseurl = data.get("url"), data.get("baseurl")
    base = None
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        base = url.rstrip("/") + "/"
        if isinstance(baseurl, str) and baseurl.strip("/"):
            base += baseurl.strip("/") + "/"
    title = data.get("title")
    return base, title.strip() if isinstance(title, str) and title.strip() else None


def walk_pages(root: Path, problems: Problems) -> list[Path]:
    """The site's pages, never through a link that leaves the site."""
    pages = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS and d.lower() not in ASSET_DIRS
        )
        for name in sorted(files):
            path = here / name
            if not name.lower().endswith(PAGE_SUFFIXES) or NOT_PAGES.match(name) or name.startswith("."):
                continue
            if path.is_symlink() and not inside(path, root):
                problems.warning(path, (None, None), Code.file, "skipped: a link to a file outside the site")
                continue
            if not path.is_file():  # a FIFO or a device would block the reader
                problems.warning(path, (None, None), Code.file, "skipped: not a regular file")
                continue
            pages.append(path)
    return pages


def data_files(root: Path, problems: Problems) -> list[Path]:
    folder = root / "_data"
    if not folder.is_dir() or (folder.is_symlink() and not inside(folder, root)):
        return []
    out = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(here) / name
            if name.lower().endswith((".yml", ".yaml", ".csv")):
                if (path.is_symlink() and not inside(path, root)) or not path.is_file():
                    problems.warning(path, (None, None), Code.file, "skipped: a link out of the site or not a file")
                    continue
                out.append(path)
    return out


def front_edition(path: Path) -> str | None:
    """An edition named by the page's front matter (`edition: 2019`), read without the page's body."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            if handle.readline().strip() != "---":
                return None
            for _ in range(200):
                line = handle.readline()
                if not line or line.strip() in ("---", "..."):
                    return None
                key, sep, value = line.partition(":")
                if sep and key.strip().lower() in EDITION_KEYS and value.strip().strip("'\""):
                    return value.strip().strip("'\"")
    except OSError:
        return None
    return None


def edition_folder(page: Path, root: Path) -> Path:
    """The nearest folder (up to the site root) holding an index page or a year in its name."""
    # walked resolved: a relative page's parent '.' is its own parent and would never reach the root
    top = root.resolve()
    folder = page.resolve().parent
    while folder != top and folder != folder.parent and inside(folder, top):
        if YEAR_RE.search(folder.name) or any((folder / n).is_file() for n in INDEX_NAMES):
            return root / folder.relative_to(top)
        folder = folder.parent
    return root


def group_editions(root: Path, pages: list[Path]) -> list[Edition]:
    groups: dict[str, Edition] = {}
    by_folder: dict[Path, list[Path]] = {}
    for page in pages:
        named = front_edition(page)
        if named:
            groups.setdefault(named, Edition(named, root=root)).pages.append(page)
        else:
            by_folder.setdefault(edition_folder(page, root), []).append(page)
    for folder, members in by_folder.items():
        key = "" if folder == root else folder.relative_to(root).as_posix()
        years = {p: YEAR_RE.findall(p.stem) for p in members}
        distinct = {y[-1] for y in years.values() if y}
        for page in members:
            sub = key
            if len(distinct) > 1 and years[page]:
                sub = f"{key}/{years[page][-1]}" if key else years[page][-1]
            groups.setdefault(sub, Edition(sub, root=root)).pages.append(page)
    return list(groups.values())


def read_folder(root: Path, problems: Problems) -> Site:
    base, title = read_config(root, problems)
    editions = group_editions(root, walk_pages(root, problems))
    files = data_files(root, problems)
    for edition in editions:
        edition.data_files = files
    return Site(editions, base, title)


def edition_id(edition: Edition, site_title: str | None, root_name: str) -> str:
    """An event id from an edition's folder: 'nips18', or 'mlsys-2019' for a folder named '2019'."""
    last = edition.key.rstrip("/").split("/")[-1] if edition.key else ""
    slug = slugify(last)
    if slug and not slug.isdigit():
        return slug
    site = slugify(site_title or "") or slugify(root_name) or "event"
    site = "-".join(site.split("-")[:3])
    return f"{site}-{slug}" if slug else site
