"""What the EPUB leaves out of the book's pages: the parts only the web has.

The EPUB is built from the same doctrees as the HTML book (``proceedings build`` and Read the Docs
share one environment, so no page is read again for it). The parts a reader of the volume has no
use for, a contribution's citation box with its downloads and the links to the next talk, are taken
out as each page is written, as the printed volume leaves them out.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

WEB_ONLY_CLASSES = frozenset({"proc-cite", "proc-neighbours"})


def setup_ebook(app: Sphinx) -> None:
    app.connect("doctree-resolved", _leave_out_web_parts)


def _leave_out_web_parts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not app.builder.name.startswith("epub"):
        return
    for node in list(doctree.findall(nodes.Element)):
        if WEB_ONLY_CLASSES.intersection(node.get("classes", ())) and node.parent is not None:
            node.parent.remove(node)
