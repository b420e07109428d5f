"""The ``proc`` domain: events, sessions, contributions and people as cross-referencable objects.

Read-phase data is keyed by docname (``clear_doc``/``merge_domaindata`` keep
parallel reads exact): where each object is defined, and which records each
document rendered, with their fingerprints, for incremental rebuilds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_proceedings.book.isolation import text_run
from sphinx_proceedings.book.state import get_index

logger = logging.getLogger(__name__)

# role name -> object type it points at
ROLE_TYPES = {
    "talk": "contribution",
    "contribution": "contribution",
    "paper": "contribution",
    "poster": "contribution",
    "person": "person",
    "session": "session",
    "event": "event",
}
OBJECT_LABELS = {"event": "event", "session": "session", "contribution": "contribution", "person": "person"}


class ProceedingsDomain(Domain):
    name = "proc"
    label = "Proceedings"
    object_types = {
        "event": ObjType("event", "event"),
        "session": ObjType("session", "session"),
        "contribution": ObjType("contribution", "talk", "contribution", "paper", "poster"),
        "person": ObjType("person", "person"),
    }
    roles = {name: XRefRole(warn_dangling=True) for name in ROLE_TYPES}
    initial_data: ClassVar[dict[str, Any]] = {
        # (object type, id) -> (docname, anchor, display name)
        "objects": {},
        # docname -> the (object type, id) keys it defines, so clearing a document is not a scan of all objects
        "defined": {},
        # docname -> {record key: fingerprint}
        "records": {},
        # docname -> {"objtype:id": text shown}, for links whose text the domain fills in
        "titles": {},
    }
    dangling_warnings = {name: f"unknown {ROLE_TYPES[name]} id '%(target)s'" for name in ROLE_TYPES}

    @property
    def objects(self) -> dict[tuple[str, str], tuple[str, str, str]]:
        return self.data["objects"]  # type: ignore[no-any-return]

    @property
    def records(self) -> dict[str, dict[str, str]]:
        return self.data["records"]  # type: ignore[no-any-return]

    @property
    def titles(self) -> dict[str, dict[str, str]]:
        return self.data["titles"]  # type: ignore[no-any-return]

    @property
    def defined(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["defined"]  # type: ignore[no-any-return]

    def note_object(self, objtype: str, oid: str, docname: str, anchor: str, display: str) -> None:
        self.objects[(objtype, oid)] = (docname, anchor, display)
        self.defined.setdefault(docname, []).append((objtype, oid))

    def note_records(self, docname: str, prints: dict[str, str]) -> None:
        self.records.setdefault(docname, {}).update(prints)

    def note_titles(self, docname: str, shown: dict[str, str]) -> None:
        self.titles.setdefault(docname, {}).update(shown)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Remember the text of every link whose title the domain fills in (generated pages' and authors' roles)."""
        index = get_index(env)
        shown = {}
        for node in document.findall(pending_xref):
            if node.get("refdomain") == self.name and not node.get("refexplicit"):
                objtype = ROLE_TYPES.get(node["reftype"], node["reftype"])
                shown[f"{objtype}:{node['reftarget']}"] = index.display(objtype, node["reftarget"])
        if shown:
            self.note_titles(docname, shown)

    def clear_doc(self, docname: str) -> None:
        for key in self.defined.pop(docname, []):
            if key in self.objects and self.objects[key][0] == docname:
                del self.objects[key]
        self.records.pop(docname, None)
        self.titles.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        wanted = set(docnames)
        for docname, keys in otherdata["defined"].items():
            if docname in wanted:
                self.defined[docname] = keys
                for key in keys:
                    self.objects[key] = otherdata["objects"][key]
        for docname, prints in otherdata["records"].items():
            if docname in wanted:
                self.records[docname] = prints
        for docname, shown in otherdata["titles"].items():
            if docname in wanted:
                self.titles[docname] = shown

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        objtype = ROLE_TYPES.get(typ, typ)
        found = self.objects.get((objtype, target))
        if found is None:
            return None
        docname, anchor, display = found
        if not node.get("refexplicit") and isinstance(contnode, nodes.literal | nodes.inline):
            # A role's literal gets the domain's class; a generated link keeps its own.
            classes = [f"proc-{objtype}-ref"] if "xref" in contnode["classes"] else contnode["classes"]
            contnode = text_run(display, classes)
        return make_refnode(builder, fromdocname, docname, anchor, contnode, display)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for objtype in self.object_types:
            found = self.objects.get((objtype, target))
            if found is not None:
                docname, anchor, display = found
                results.append(
                    (f"proc:{objtype}", make_refnode(builder, fromdocname, docname, anchor, contnode, display))
                )
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for (objtype, oid), (docname, anchor, display) in self.objects.items():
            yield oid, display, objtype, docname, anchor, 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None
