"""``schema-reference``: the data format reference, one table per record, from the JSON Schemas.

The schemas come from ``sphinx_proceedings.data.schema.schema_for`` (the model itself), so the
reference cannot drift from what the loader accepts.

    ```{schema-reference} event
    ```
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from sphinx_proceedings.book.render import joined, para, simple_table
from sphinx_proceedings.data.schema import SCHEMA_FILES, schema_for


class SchemaReference(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in SCHEMA_FILES:
            raise self.error(f"unknown data file {name!r}; one of {', '.join(SCHEMA_FILES)}")
        schema = schema_for(name)
        defs: dict[str, Any] = schema.get("$defs", {})
        out: list[nodes.Node] = []
        if schema.get("type") == "array":
            out.append(para(f"{name}.yaml holds a list of ", *type_nodes(name, schema["items"]), " records."))
        else:
            out += record_table(name, f"{name}.yaml", schema, defs)
        for def_name, definition in defs.items():
            if "properties" in definition:
                out += record_table(name, def_name, definition, defs)
            elif "enum" in definition:
                rubric = nodes.rubric(def_name, def_name, ids=[anchor(name, def_name)])
                values = joined([nodes.literal(str(v), str(v)) for v in definition["enum"]])
                out += [rubric, para("One of: ", *values, ".")]
        return out


def anchor(file: str, def_name: str) -> str:
    return nodes.make_id(f"schema-{file}-{def_name}")


def record_table(file: str, title: str, schema: dict[str, Any], defs: dict[str, Any]) -> list[nodes.Node]:
    required = set(schema.get("required", []))
    rows = []
    for field, prop in schema["properties"].items():
        description = prop.get("description") or describe_ref(prop, defs)
        rows.append(
            [
                [nodes.literal(field, field)],
                type_nodes(file, prop),
                [nodes.Text("yes" if field in required else "")],
                inline_markup(description) + default_note(prop),
            ]
        )
    rubric = nodes.rubric(title, title, ids=[anchor(file, title)])
    cells = [[nodes.inline("", "", *cell) for cell in row] for row in rows]
    return [rubric, simple_table(["Key", "Type", "Required", "Meaning"], cells, [18, 22, 8, 52], ["schema-reference"])]


def describe_ref(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    ref = prop.get("$ref")
    if ref:
        return str(defs[ref.rsplit("/", 1)[-1]].get("description", ""))
    return ""


def default_note(prop: dict[str, Any]) -> list[nodes.Node]:
    default = prop.get("default")
    if default in (None, [], {}):
        return []
    text = "true" if default is True else "false" if default is False else str(default)
    return [nodes.Text(" Default: "), nodes.literal(text, text), nodes.Text(".")]


def type_nodes(file: str, prop: dict[str, Any]) -> list[nodes.Node]:
    """'text', 'date', 'list of Membership' (linked), 'id' — the type as a data writer thinks of it."""
    if "$ref" in prop:
        target = prop["$ref"].rsplit("/", 1)[-1]
        ref = nodes.reference("", "", refid=anchor(file, target))
        ref += nodes.Text(target)
        return [ref]
    if "anyOf" in prop:
        options = [p for p in prop["anyOf"] if p.get("type") != "null"]
        parts: list[nodes.Node] = []
        for i, option in enumerate(options):
            if i:
                parts.append(nodes.Text(" or "))
            parts += type_nodes(file, option)
        return parts
    kind = prop.get("type")
    if kind == "array":
        return [nodes.Text("list of "), *type_nodes(file, prop.get("items", {}))]
    if kind == "object":
        values = prop.get("additionalProperties")
        if isinstance(values, dict):
            return [nodes.Text("mapping of name to "), *type_nodes(file, values)]
        return [nodes.Text("mapping")]
    if kind == "string":
        if prop.get("format") == "date":
            return [nodes.Text("date (YYYY-MM-DD)")]
        if prop.get("pattern", "").startswith("^([01]"):
            return [nodes.Text("time (HH:MM)")]
        if prop.get("pattern", "").startswith("^[a-z0-9]"):
            return [nodes.Text("id")]
        if "pattern" in prop:
            return [nodes.Text("text matching "), nodes.literal(prop["pattern"], prop["pattern"])]
        return [nodes.Text("text")]
    return [nodes.Text({"boolean": "true or false", "integer": "whole number"}.get(str(kind), str(kind)))]


def inline_markup(text: str) -> list[nodes.Node]:
    """Plain text with `backticks` as literals (the model's descriptions use nothing else)."""
    out: list[nodes.Node] = []
    for i, part in enumerate(text.split("`")):
        if part:
            out.append(nodes.literal(part, part) if i % 2 else nodes.Text(part))
    return out


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("schema-reference", SchemaReference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
