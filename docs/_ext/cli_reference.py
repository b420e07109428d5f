"""``cli-reference``: every ``proceedings`` subcommand with its usage and options, from ``cli.build_parser()``."""

from __future__ import annotations

import argparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from sphinx_proceedings.cli.main import build_parser


class CliReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for name, parser, help_text in commands(build_parser(), "proceedings"):
            out += command_nodes(name, parser, help_text)
        return out


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            found += [(name, sub, helps.get(name, "")) for name, sub in action.choices.items()]
    return found


def commands(parser: argparse.ArgumentParser, prefix: str) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """Leaf commands ('proceedings import csv'), depth first, in the order the parser declares them."""
    found = []
    for name, sub, help_text in subcommands(parser):
        nested = commands(sub, f"{prefix} {name}")
        found += nested or [(f"{prefix} {name}", sub, help_text)]
    return found


def command_nodes(name: str, parser: argparse.ArgumentParser, help_text: str) -> list[nodes.Node]:
    ident = nodes.make_id(f"cli-{name}")
    rubric = nodes.rubric(name, name, ids=[ident])
    usage = parser.format_usage().removeprefix("usage: ").strip()
    usage = " ".join(usage.split())
    items = nodes.definition_list()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        term = ", ".join(action.option_strings) or (action.metavar or action.dest)
        if action.option_strings and action.nargs != 0:
            term += f" {action.metavar or action.dest.upper()}"
        description = action.help or ""
        extra = []
        if action.choices:
            extra.append("one of " + ", ".join(str(c) for c in action.choices))
        if action.option_strings and action.default not in (None, False, [], argparse.SUPPRESS):
            extra.append(f"default: {action.default}")
        if extra:
            description = f"{description} ({'; '.join(extra)})" if description else "; ".join(extra).capitalize()
        item = nodes.definition_list_item()
        item += nodes.term(term, "", nodes.literal(term, term))
        item += nodes.definition("", nodes.paragraph(description, description))
        items += item
    result: list[nodes.Node] = [rubric, nodes.paragraph(help_text, help_text.capitalize() + ".")]
    result.append(nodes.literal_block(usage, usage, language="none"))
    if items.children:
        result.append(items)
    return result


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("cli-reference", CliReference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
