"""Names and titles from the data as isolated runs of text: HTML's ``<bdi>``.

A name may hold right-to-left text, or an unterminated override (U+202E) pasted with it; printed
inline, it would turn the rest of the author line around. Inside ``<bdi>`` its direction is found from
its own letters and ends where the element ends. Other writers treat the node as a plain inline
(Sphinx's translators look up visitors along the node's classes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class isolated(nodes.inline):
    """Text from the data whose direction does not leak into the text around it."""


def text_run(text: str, classes: list[str] | None = None) -> isolated:
    return isolated(text, text, classes=classes or [])


def _visit_html(self: HTML5Translator, node: isolated) -> None:
    self.body.append(self.starttag(node, "bdi", ""))


def _depart_html(self: HTML5Translator, node: isolated) -> None:
    self.body.append("</bdi>")


def setup_isolation(app: Sphinx) -> None:
    app.add_node(isolated, html=(_visit_html, _depart_html))
