"""Scholarly metadata in the HTML head: Highwire Press tags (Google Scholar) and schema.org JSON-LD.

The description and OpenGraph tags every page has are book/headtags.py's; the JSON-LD items, book/jsonld.py's.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from sphinx_proceedings.book.config import read_config
from sphinx_proceedings.book.jsonld import contribution_json_ld, event_json_ld, json_ld_script
from sphinx_proceedings.book.state import get_index, volume_plans
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import Contribution


def setup_metadata(app: Sphinx) -> None:
    app.connect("html-page-context", _add_metadata)


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(" ".join(content.split()))}" />\n'


def _absolute(base: str, pagename_or_path: str, suffix: str = ".html") -> str | None:
    return f"{base.rstrip('/')}/{pagename_or_path}{suffix}" if base else None


def _add_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    generated = read_config(app.config).generated_dir
    parts = pagename.split("/")
    if len(parts) < 2 or parts[0] != generated:
        return
    index = get_index(app.env)
    base = read_config(app.config).site_url or str(app.config.html_baseurl or "")
    tags = ""
    if len(parts) == 4 and parts[2] == "contributions" and parts[3] in index.contributions:
        c = index.contributions[parts[3]]
        pages = volume_plans(index, app.config)[index.event_of[c.id].event.id].pages.get(c.id)
        pdf: str | None
        if pages and read_config(app.config).paper_pdfs:  # cut from the volume beside this page (cli/build.py)
            pdf = _absolute(base, pagename, ".pdf") or f"{c.id}.pdf"
        else:
            pdf = _shipped_pdf_url(app, index, c, pagename, base)
        tags = contribution_tags(index, c, pagename, base, pdf, pages)
    elif len(parts) == 3 and parts[2] == "index":
        data = index.event(parts[1])
        if data is not None:
            folder = f"{generated}/{data.event.id}/contributions"
            pages_url = (lambda cid: _absolute(base, f"{folder}/{cid}")) if base else None
            tags = json_ld_script(event_json_ld(index, data, _absolute(base, pagename), pages_url))
    context["metatags"] = context.get("metatags", "") + tags


def contribution_tags(
    index: ProceedingsIndex,
    c: Contribution,
    pagename: str,
    base: str,
    shipped_pdf: str | None,
    pages: tuple[int, int] | None = None,
) -> str:
    """Highwire Press tags; ``pages`` are the contribution's pages in its event's volume, when it has them.

    A contribution that names no author (nor a group author) gets no ``citation_*`` tags: Google Scholar
    rejects a citation without one, so the page stays out of Scholar rather than being indexed wrongly.
    """
    data = index.event_of[c.id]
    event = data.event
    tags = [_meta("citation_title", c.title)]
    for author in c.authors:
        person = index.people.get(author.person)
        if person is None:
            continue
        scholar_name = f"{' '.join(p for p in (person.particle, person.family) if p)}, {person.given}"
        tags.append(_meta("citation_author", scholar_name if person.given else person.name))
        affiliation = author.affiliation or index.affiliation(author.person, event.id)
        if affiliation:
            tags.append(_meta("citation_author_institution", affiliation))
    if c.group_author:
        tags.append(_meta("citation_author", c.group_author))
    if event.start:
        tags.append(_meta("citation_publication_date", f"{event.start:%Y/%m/%d}"))
    tags.append(_meta("citation_conference_title", event.title))
    pdf = c.pdf if c.pdf and "://" in c.pdf else shipped_pdf
    if pdf:
        tags.append(_meta("citation_pdf_url", pdf))
    if pages:
        tags.append(_meta("citation_firstpage", str(pages[0])))
        tags.append(_meta("citation_lastpage", str(pages[1])))
    page_url = _absolute(base, pagename)
    if page_url:
        tags.append(_meta("citation_abstract_html_url", page_url))
    if c.doi:
        tags.append(_meta("citation_doi", c.doi))
    for keyword in c.keywords:
        tags.append(_meta("citation_keywords", keyword))
    event_url = _absolute(base, pagename.rsplit("/contributions/", 1)[0] + "/index")  # the event's page
    if not c.has_author:
        tags = [tag for tag in tags if not tag.startswith('<meta name="citation_')]
    return "".join(tags) + json_ld_script(contribution_json_ld(index, c, data, page_url, event_url))


def _shipped_pdf_url(app: Sphinx, index: ProceedingsIndex, c: Contribution, pagename: str, base: str) -> str | None:
    """Where Sphinx copied a project-local PDF (``_downloads/<hash>/name.pdf``), as a URL."""
    if not c.pdf or "://" in c.pdf:
        return None
    origin = index.origins.contributions.get(c.id)
    if origin is None:
        return None
    try:
        rel = (origin.path.parent / c.pdf).resolve().relative_to(Path(app.srcdir).resolve())
    except ValueError:
        return None
    found = app.env.dlfiles.get(rel)  # keyed by the path relative to the source folder
    if not found:
        return None
    target = f"_downloads/{found[1]}"
    if base:
        return f"{base.rstrip('/')}/{target}"
    depth = pagename.count("/")
    return "../" * depth + target
