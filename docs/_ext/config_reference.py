"""``config-reference`` (in a MyST page): every ``proceedings_*`` setting, from ``ProceedingsConfig``."""

from __future__ import annotations

from dataclasses import fields

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from sphinx_proceedings.book.config import ProceedingsConfig


class ConfigReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        for f in fields(ProceedingsConfig):
            # Our own trusted source (the dataclass), parsed as MyST (the page that uses this directive
            # is Markdown) to get Sphinx's confval entries, which {confval} roles link to.
            lines += [
                f"```{{confval}} proceedings_{f.name}",
                f":type: `{type(f.default).__name__}`",
                f":default: `{f.default!r}`",
                "",
                f.metadata["help"],
                "```",
                "",
            ]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source="ProceedingsConfig"), 0, container)
        return list(container.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("config-reference", ConfigReference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
