"""The head of every HTML page: a plain-text description, OpenGraph tags for link previews, and a favicon.

Descriptions come from the data: a talk's abstract, a person's biography, an event's description, else a
sentence made of their facts; pages of the book as a whole describe the series or its events. All of it is
plain text, escaped into attributes. ``og:url`` and ``og:image`` are absolute URLs, so they need the site's
URL (``proceedings_site_url``, Read the Docs' canonical URL or ``html_baseurl``).
"""

from __future__ import annotations

import re
import shutil
from html import escape, unescape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_proceedings.book.builders import is_volume_builder
from sphinx_proceedings.book.config import read_config, site_url
from sphinx_proceedings.book.jsonld import excerpt
from sphinx_proceedings.book.state import get_index
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution, EventData
from sphinx_proceedings.data.richtext import plain_text

STATIC = Path(__file__).parent.parent / "static"
SITE_ROOT = Path(__file__).parent.parent / "site"  # files for the root of the HTML output (favicon.ico)
ICON = "proceedings-icon.png"
CARD = "proceedings-card.png"  # the sharing image when the project has no logo (1200×630)
DESCRIPTION_CHARS = 200  # search engines show about this much
SPHINX_PAGES = {"genindex": "Index", "search": "Search"}  # their titles are set in the theme's templates


def setup_head_tags(app: Sphinx) -> None:
    app.connect("config-inited", _default_favicon, priority=500)
    app.connect("html-page-context", _add_head_tags, priority=800)  # after other extensions' tags
    app.connect("build-finished", _copy_root_files)


def _default_favicon(app: Sphinx, config: Config) -> None:
    if "html_favicon" not in getattr(config, "_raw_config", {}):
        config.html_favicon = str(STATIC / ICON)


def _copy_root_files(app: Sphinx, exception: Exception | None) -> None:
    """favicon.ico at the top of the site, for the readers and crawlers that ask for it there."""
    if exception is None and app.builder.format == "html" and not is_volume_builder(app):
        for source in SITE_ROOT.iterdir():
            target = Path(app.outdir) / source.name
            if not target.exists():
                shutil.copyfile(source, target)


def _meta(key: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{key}" content="{escape(" ".join(content.split()))}" />\n'


def _add_head_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if is_volume_builder(app):
        return
    index = get_index(app.env)
    title = _page_title(app, pagename, context)
    site_name = str(app.config.html_title or app.config.project)
    description, og_type = describe(index, pagename, read_config(app.config).generated_dir, site_name)
    tags = {
        "description": description,
        "og:title": title or site_name,
        "og:type": og_type,
        "og:description": description,
        "og:site_name": site_name,
    }
    if context.get("pageurl"):  # Sphinx's canonical URL (html_baseurl)
        tags["og:url"] = str(context["pageurl"])
    image = _image_url(app)
    if image:
        tags["og:image"] = image
        tags["og:image:alt"] = site_name
    existing = str(context.get("metatags", ""))
    # Tags a page's own meta directive or another extension (sphinxext-opengraph) wrote are kept, not repeated.
    context["metatags"] = existing + "".join(
        _meta(key, value, "property" if key.startswith("og:") else "name")
        for key, value in tags.items()
        if not re.search(rf'<meta\b[^>]*\b(name|property)="{re.escape(key)}"', existing)
    )


def _page_title(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    node = app.env.titles.get(pagename)
    if node is not None:
        return str(node.astext())
    title = unescape(re.sub(r"<[^>]*>", "", str(context.get("title", ""))))
    return title or SPHINX_PAGES.get(pagename, "")


def _image_url(app: Sphinx) -> str | None:
    base = site_url(app.config)
    logo = str(app.config.html_logo or "")
    if "://" in logo:
        return logo
    if not base:
        return None  # OpenGraph wants an absolute URL
    return f"{base}_static/{Path(logo).name if logo else CARD}"


def describe(index: ProceedingsIndex, pagename: str, generated: str, site_name: str) -> tuple[str, str]:
    """The page's plain-text description and its OpenGraph type."""
    parts = pagename.split("/")
    if parts[0] == generated and len(parts) >= 2:
        if parts[1] == "people" and len(parts) == 3 and parts[2] in index.people:
            return _person(index, parts[2]), "profile"
        data = index.event(parts[1])
        if data is not None:
            if len(parts) == 4 and parts[2] == "contributions" and parts[3] in index.contributions:
                return _contribution(index, index.contributions[parts[3]], data), "article"
            return _event(data), "website"
    return _book(index, site_name), "website"


def _contribution(index: ProceedingsIndex, c: Contribution, data: EventData) -> str:
    if c.abstract:
        return excerpt(plain_text(c.abstract), DESCRIPTION_CHARS)
    names = [index.people[a.person].name for a in c.authors if a.person in index.people]
    by = f" by {', '.join(names)}" if names else ""
    return f"{c.kind.label}{by} at {data.event.label}."


def _person(index: ProceedingsIndex, pid: str) -> str:
    person = index.people[pid]
    if person.bio:
        return excerpt(plain_text(person.bio), DESCRIPTION_CHARS)
    events = dict.fromkeys(
        data.event.label
        for role in index.roles.get(pid, [])
        for data in [index.event(role.event_id)]
        if data is not None
    )
    at = f" at {', '.join(events)}" if events else ""
    return excerpt(f"{person.name}: talks, papers and roles{at}.", DESCRIPTION_CHARS)


def _event(data: EventData) -> str:
    event = data.event
    if event.description:
        return excerpt(plain_text(event.description), DESCRIPTION_CHARS)
    facts = ", ".join(str(f) for f in (event.venue, event.location, event.start and event.start.isoformat()) if f)
    return f"Proceedings of {event.title}" + (f" ({facts})." if facts else ".")


def _book(index: ProceedingsIndex, site_name: str) -> str:
    series = index.proceedings.series
    if series and series.description:
        return excerpt(plain_text(series.description), DESCRIPTION_CHARS)
    events = [data.event.label for data in index.proceedings.events]
    if not events:
        return site_name
    return excerpt(f"{site_name}: the proceedings of {', '.join(events)}.", DESCRIPTION_CHARS)
