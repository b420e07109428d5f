"""Checks of links in the data: URLs, and local files that must exist inside the project."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pypdfium2 as pdfium

from sphinx_proceedings.data.media_checks import check_linked_file, check_photo
from sphinx_proceedings.data.model import EventData, Proceedings
from sphinx_proceedings.data.problems import Code, Problems, place
from sphinx_proceedings.data.reading import Kind

if TYPE_CHECKING:
    from sphinx_proceedings.data.origins import Origin, Origins

URL_SCHEMES = ("http", "https")
PREVIEW_SOURCES = ("pdf", "poster", "slides")  # the PDFs the book renders a preview of (book/previews.py)
# BibTeX fields the bibliography style prints as links (pybtex's unsrt makes `url` an href).
BIBTEX_LINK_FIELDS = ("url",)


def is_web_url(value: str) -> bool:
    """The one allow-list for links readers click: an http(s) URL with a host (never javascript: or data:)."""
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in URL_SCHEMES and bool(parts.netloc)


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (following symlinks) stays inside ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def check_all_links(proc: Proceedings, origins: Origins, problems: Problems, root: Path) -> None:
    for key, origin in origins.people.items():
        record = origins.person_records[key]  # each file's own: merging keeps only the first of two photos
        for name in ("photo", "homepage"):
            value = getattr(record, name)
            if value:
                check_link(value, origin, (name,), problems, root)
        if record.photo and (photo := _local_file(record.photo, origin, root)) is not None:
            check_photo(photo, origin, ("photo",), problems)
        for network, value in record.social.items():
            check_link(value, origin, ("social", network), problems, root)
    for data in proc.events:
        event_origin = origins.events[data.event.id]
        if data.event.url:
            check_link(data.event.url, event_origin, ("url",), problems, root)
        for i, link in enumerate(data.event.links):
            check_link(link.url, event_origin, ("links", i, "url"), problems, root)
        cfp = data.event.call_for_papers
        if cfp and cfp.submission_url:
            check_link(cfp.submission_url, event_origin, ("call_for_papers", "submission_url"), problems, root)
        check_reference_links(data, origins, problems)
        for c in data.contributions:
            origin = origins.contributions[c.id]
            for name in ("slides", "video", "pdf", "poster", "url", "abstract_file"):
                value = getattr(c, name)
                if value:
                    check_link(value, origin, (name,), problems, root)
            for name in PREVIEW_SOURCES:
                value = getattr(c, name)
                target = _local_file(value, origin, root) if value and value.lower().endswith(".pdf") else None
                if target is None or not check_linked_file(target, Kind.pdf, origin, (name,), problems):
                    continue
                if name == "pdf":
                    check_printable_pdf(target, origin, problems)


def check_printable_pdf(pdf: Path, origin: Origin, problems: Problems) -> None:
    """A paper's local PDF goes into the printed volume: it must open, unencrypted, with pages."""
    if pdf.suffix.lower() != ".pdf":
        return
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError) as exc:
        reason = "it is encrypted" if "password" in str(exc).lower() else f"it cannot be read ({exc})"
        problems.error(
            origin.path, origin.at("pdf"), Code.link, f"paper PDF '{pdf.name}' cannot go into the volume: {reason}"
        )
        return
    try:
        pages = len(document)
        encrypted = pdfium.raw.FPDF_GetSecurityHandlerRevision(document.raw) != -1  # XeLaTeX cannot include it
    finally:
        document.close()
    if encrypted or not pages:
        reason = "it is encrypted" if encrypted else "it has no pages"
        problems.error(
            origin.path, origin.at("pdf"), Code.link, f"paper PDF '{pdf.name}' cannot go into the volume: {reason}"
        )


def check_link(value: str, origin: Origin, loc: tuple[str | int, ...], problems: Problems, root: Path) -> None:
    """A link is an http(s) URL or a file inside the project (relative to the data file)."""
    if is_web_url(value):
        return  # the common case, before locating the value in its file (for a message) costs anything
    parts = urlsplit(value)
    scheme = parts.scheme
    where = origin.at(*loc)
    if scheme:
        if len(scheme) == 1:  # a Windows drive letter, not a scheme
            scheme = ""
        elif scheme.lower() not in URL_SCHEMES:
            problems.error(
                origin.path,
                where,
                Code.link,
                f"link '{value[:80]}' is not an http(s) URL",
                "use an https:// URL or a path to a file inside the project",
            )
            return
        else:
            problems.error(origin.path, where, Code.link, f"URL '{value[:80]}' has no host")
            return
    target = origin.path.parent / value
    if Path(value).is_absolute() or not inside(target, root):
        problems.error(
            origin.path,
            where,
            Code.link,
            f"path '{value[:80]}' leaves the project",
            "copy the file into the project and link it by a relative path",
        )
    elif not target.exists():
        problems.error(
            origin.path,
            where,
            Code.link,
            f"file '{value[:80]}' does not exist",
            f"paths are relative to {place(origin.path.parent, None, origin.doc.root)}",
        )
    elif not target.is_file():  # a folder, FIFO or device: copying or reading it could block the build
        what = "a folder" if target.is_dir() else "not a regular file (a FIFO, socket or device)"
        problems.error(origin.path, where, Code.link, f"'{value[:80]}' is {what}", "link a plain file")


def _local_file(value: str, origin: Origin, root: Path) -> Path | None:
    """The project file a link names when it is a regular file there (check_link reports the others)."""
    target = link_target(value, origin.path)
    if target is None or Path(value).is_absolute() or not inside(target, root) or not target.is_file():
        return None
    return target


def link_target(value: str, origin_file: Path) -> Path | None:
    """The project file a link names, or ``None`` for a URL."""
    return None if urlsplit(value).scheme else origin_file.parent / value


def check_reference_links(data: EventData, origins: Origins, problems: Problems) -> None:
    """References are cited on every page that cites them: a link in one must be a web URL."""
    for ref in data.references:
        for name in BIBTEX_LINK_FIELDS:
            value = ref.fields.get(name)
            if value and not is_web_url(value):
                path, line = origins.references[(data.event.id, ref.key)]
                problems.error(
                    path,
                    (line, 1),  # the entry's line and column, as the other BibTeX problems
                    Code.link,
                    f"{name} of '{ref.key}' is not an http(s) URL: '{value[:80]}'",
                    "use an https:// URL; other schemes (javascript:, data:, file:) are never linked",
                )
