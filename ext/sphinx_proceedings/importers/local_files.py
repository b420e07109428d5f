"""Links of an imported site made to work in the project: local files copied in, the rest resolved or reported.

A link to a file of the site (slides, a paper's PDF, a photo) is copied into the event's `files/`
folder and linked from there; only regular files inside the site are read, never through a link
that leaves it. A relative link to no file becomes a URL under the site's published address, and
without one it is reported and left out: everything else is still imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pypdfium2 as pdfium

from sphinx_proceedings.data.link_checks import is_web_url
from sphinx_proceedings.data.problems import Code, Problems
from sphinx_proceedings.importers.draft import Draft, Place
from sphinx_proceedings.importers.site_folder import inside

MAX_COPIED_BYTES = 50 * 1024 * 1024
FILES = "files"


@dataclass
class LocalFiles:
    root: Path | None  # the site folder (or the folder of the given pages)
    base_url: str | None  # where this edition was published
    problems: Problems
    site_url: str | None = None  # where the site's root folder was published
    copies: dict[str, Path] = field(default_factory=dict)  # 'files/slides/a.pdf' -> the site's file
    unresolved: int = 0

    def link(self, value: str | None, place: Place, what: str = "link") -> str | None:
        if not value:
            return value
        value = value.strip()
        if value in self.copies:  # resolved already (one mention can be reached twice)
            return value
        if value.startswith("mailto:") or value.startswith("#"):
            return value if value.startswith("mailto:") else None
        if urlsplit(value).scheme:
            if not is_web_url(value):
                self._report(place, f"{what} '{value[:80]}' is not an http(s) URL; not placed")
                return None
            local = self._under_base(value)
            return self._copy(local, value) if local is not None and self._usable(local, what, place) else value
        local = self._local(value, place)
        if local is not None and self._usable(local, what, place):
            return self._copy(local, value)
        if self.base_url:
            return urljoin(self.base_url, value)  # a root-relative link keeps the host, as a browser reads it
        self.unresolved += 1
        self._report(
            place,
            f"{what} '{value[:80]}' is relative and names no file of the site; not placed",
            "pass --base-url with the address the site was published at, or copy the file into the project",
        )
        return None

    def _usable(self, path: Path, what: str, place: Place) -> bool:
        """A paper's PDF goes into the printed volume: one that does not open is linked, not copied."""
        if what != "pdf" or path.suffix.lower() != ".pdf":
            return True
        try:
            document = pdfium.PdfDocument(path)
        except (pdfium.PdfiumError, OSError):
            self._report(place, f"pdf '{path.name}' does not open; not copied")
            return False
        try:
            pages = len(document)
            encrypted = pdfium.raw.FPDF_GetSecurityHandlerRevision(document.raw) != -1
        finally:
            document.close()
        if encrypted or not pages:
            self._report(place, f"pdf '{path.name}' is encrypted or has no pages; not copied")
        return bool(pages) and not encrypted

    def _report(self, place: Place, message: str, hint: str | None = None) -> None:
        self.problems.warning(place.path, (place.line, None), Code.link, message, hint)

    def _under_base(self, url: str) -> Path | None:
        site = self.site_url or self.base_url
        if not (site and self.root and url.startswith(site)):
            return None
        return self._file(self.root / unquote(urlsplit(url[len(site) :]).path))

    def _local(self, value: str, place: Place) -> Path | None:
        if self.root is None:
            return None
        path = unquote(urlsplit(value).path)
        candidates = []
        if path.startswith("/"):
            rel = path.lstrip("/")
            candidates.append(self.root / rel)
            prefix = urlsplit(self.site_url or self.base_url or "").path.strip("/")
            if prefix and rel.startswith(prefix + "/"):
                candidates.append(self.root / rel[len(prefix) + 1 :])
        else:
            candidates += [place.path.parent / path, self.root / path]
        for candidate in candidates:
            found = self._file(candidate)
            if found is not None:
                return found
        return None

    def _file(self, path: Path) -> Path | None:
        assert self.root is not None
        try:
            if not inside(path, self.root) or not path.is_file():
                return None
            if path.stat().st_size > MAX_COPIED_BYTES:
                self.problems.warning(path, (None, None), Code.file, "not copied: larger than 50 MiB")
                return None
        except OSError:
            return None
        return path.resolve()

    def _copy(self, source: Path, value: str) -> str:
        assert self.root is not None
        rel = PurePosixPath(source.relative_to(self.root.resolve()).as_posix())
        parts = [re.sub(r"[^A-Za-z0-9._-]+", "-", p).strip("-.") or "file" for p in rel.parts]
        target = "/".join([FILES, *parts])
        while target in self.copies and self.copies[target] != source:
            target = re.sub(r"(\.[^./]*)?$", lambda m: "-2" + (m[1] or ""), target, count=1)
        self.copies[target] = source
        return target

    def localise(self, draft: Draft) -> None:
        """Every link the draft holds, resolved (or dropped and reported) in place."""
        people = draft.organizers + draft.committee + draft.speakers
        contributions = list(draft.papers)
        for day in draft.days:
            for session in day.sessions:
                people += session.chairs
                for slot in session.slots:
                    people += slot.people
                    contributions += slot.contributions
        for c in contributions:
            people += c.authors
            for attr in ("slides", "pdf", "video", "url"):
                setattr(c, attr, self.link(getattr(c, attr), c.place, attr))
        for p in people:
            p.photo = self.link(p.photo, p.place, "photo")
            p.homepage = self.link(p.homepage, p.place, "homepage")
            p.social = {k: v for k, v in ((k, self.link(v, p.place, k)) for k, v in p.social.items()) if v}
        for ref in draft.references:
            ref.url = self.link(ref.url, ref.place, "link") or ""
        if draft.submission_url and not is_web_url(draft.submission_url):
            draft.submission_url = None
        draft.links = [(t, u) for t, u in draft.links if is_web_url(u)]
