"""The base of every ``proc`` directive: the index, the domain, fingerprints, links."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_proceedings.book.domain import ProceedingsDomain
from sphinx_proceedings.book.render import (
    joined,
    link_node,
    para,
)
from sphinx_proceedings.book.state import get_index
from sphinx_proceedings.data.index import ProceedingsIndex
from sphinx_proceedings.data.model import (
    Contribution,
)

logger = logging.getLogger(__name__)

RecordT = TypeVar("RecordT")

LINK_LABELS = (
    ("slides", "Slides"),
    ("video", "Video"),
    ("pdf", "Paper (PDF)"),
    ("poster", "Poster"),
    ("url", "Web page"),
)
ROLE_LABELS = {
    "author": "Speaker or author",
    "chair": "Session chair",
    "organizer": "Organizer",
    "committee": "Programme committee",
    "slot": "Programme",
}


class ProcDirective(SphinxDirective):
    has_content = False
    optional_arguments = 1
    final_argument_whitespace = False

    def run(self) -> list[nodes.Node]:
        rendered = self.render()
        # Text from the data is shown as written: no smart quotes, which would also eat backslashes.
        for node in rendered:
            if isinstance(node, nodes.Element):
                node["support_smartquotes"] = False
        return rendered

    def render(self) -> list[nodes.Node]:
        raise NotImplementedError

    @property
    def index(self) -> ProceedingsIndex:
        return get_index(self.env)

    @property
    def domain(self) -> ProceedingsDomain:
        return self.env.get_domain("proc")  # type: ignore[return-value]

    def note(self, *keys: str) -> None:
        self.domain.note_records(self.env.docname, {k: self.index.fingerprint(k) for k in keys})

    def define(self, objtype: str, oid: str, anchor: str, display: str) -> None:
        self.domain.note_object(objtype, oid, self.env.docname, anchor, display)

    def unknown(self, kind: str, oid: str) -> list[nodes.Node]:
        logger.warning(
            "unknown %s id '%s'",
            kind,
            oid,
            location=self.get_location(),
            type="proceedings",
            subtype="unknown_ref",
        )
        # Depend on the record so the page is re-read once the data has it.
        self.note(f"{kind}:{oid}")
        return [para(f"[unknown {kind}: {oid}]", classes=["proc-missing"])]

    def generated(self, path: str) -> str:
        """``path`` inside the generated folder, relative to the source folder (as a docname is)."""
        return f"{self.config.proceedings_generated_dir}/{path}"

    def link(self, value: str, text: str, data_file: Path | None) -> nodes.Node:
        return link_node(value, text, data_file, Path(self.env.srcdir))

    def contribution_links(self, c: Contribution) -> nodes.paragraph | None:
        origin = self.index.origins.contributions.get(c.id)
        data_file = origin.path if origin else None
        found: list[nodes.Node] = [
            self.link(getattr(c, name), label, data_file) for name, label in LINK_LABELS if getattr(c, name)
        ]
        if c.doi:
            url = f"https://doi.org/{c.doi}"  # shown as the full link, as Crossref's display guidelines ask
            found.append(nodes.reference(url, url, refuri=url, classes=["proc-doi"]))
        return para(*joined(found, " · "), classes=["proc-links"]) if found else None


class RecordDirective(ProcDirective, Generic[RecordT]):
    """A directive about one record named by its argument: looked up once, or reported as unknown."""

    required_arguments = 1
    optional_arguments = 0
    kind: ClassVar[str]  # the record's kind, as ids are written in fingerprints: "event", "person", ...

    def look_up(self, rid: str) -> RecordT | None:
        raise NotImplementedError

    def render(self) -> list[nodes.Node]:
        rid = self.arguments[0]
        record = self.look_up(rid)
        if record is None:
            return self.unknown(self.kind, rid)
        return self.render_record(rid, record)

    def render_record(self, rid: str, record: RecordT) -> list[nodes.Node]:
        raise NotImplementedError
