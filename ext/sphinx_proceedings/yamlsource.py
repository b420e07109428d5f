"""Read one YAML data file, keeping the line and column of every value.

Parsed by libyaml (PyYAML's C parser) into nodes, which keep their marks;
values are built from the nodes here, by the YAML 1.2 core schema (so ``no``
stays a string and ``09:00`` a time of day, not a sexagesimal number), with
dates and times left as text for the model to judge.

Never raises on bad user data: syntax errors, duplicate keys, anchors and
aliases (which the data format does not need, and which make alias bombs
possible), deep nesting and bad encodings all become problems.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Code, Problems

MAX_FILE_BYTES = 20 * 1024 * 1024
Where = tuple[int | None, int | None]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema, for plain (unquoted) scalars.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


MAX_DEPTH = 32


class _TooDeep(Exception):
    def __init__(self, node: Node) -> None:
        super().__init__("too deep")
        self.node = node


class _DuplicateKey(Exception):
    def __init__(self, key: str, node: Node, first: Node) -> None:
        super().__init__(key)
        self.key, self.node, self.first = key, node, first


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    root: Path | None = None  # the project folder, for naming places relative to it
    node: Node | None = None

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> Where:
        """1-based (line, column) of the value at ``loc``; the nearest parent if it is absent.

        With ``key=True`` a mapping entry is located at its key (for unknown keys).
        """
        node = self.node
        if node is None:
            return (1, None)
        where: Where = _mark(node)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, MappingNode):
                pair = next((p for p in node.value if isinstance(p[0], ScalarNode) and p[0].value == part), None)
                if pair is None:
                    break
                where = _mark(pair[0] if (key and last) else pair[1])
                node = pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                where = _mark(node)
            else:
                break
        return where


def _mark(node: Node) -> Where:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path, problems: Problems, root: Path | None = None) -> YamlDocument | None:
    """Parse ``path``; on failure record why and return ``None``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, (None, None), Code.file, f"cannot read file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(path, (None, None), Code.file,
                       f"file is {len(raw)} bytes, more than the {MAX_FILE_BYTES} allowed",
                       "split the data or remove what does not belong in it")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, (line, None), Code.file, "file is not valid UTF-8", "save the file as UTF-8")
        return None
    try:
        anchor_at = _first_anchor_or_alias(text) if ("&" in text or "*" in text) else None
        if anchor_at is not None:
            problems.error(path, anchor_at, Code.yaml, "YAML anchors and aliases are not allowed in data files",
                           "write the value out where it is needed")
            return None
        node = yaml.compose(text, Loader=_Loader)
        data = _value(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where: Where = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem = "found a tab character that cannot start any token"
        problems.error(path, where, Code.yaml, f"YAML syntax: {problem}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        problems.error(path, (None, None), Code.yaml, f"YAML syntax: {exc}")
        return None
    except _DuplicateKey as exc:
        problems.error(path, _mark(exc.node), Code.yaml,
                       f"YAML syntax: duplicate key '{exc.key}' (first at line {_mark(exc.first)[0]})",
                       _syntax_hint("duplicate key"))
        return None
    except _TooDeep as exc:
        problems.error(path, _mark(exc.node), Code.yaml, "YAML nesting is too deep",
                       f"data files need at most {MAX_DEPTH} levels of nesting")
        return None
    except RecursionError:
        problems.error(path, (None, None), Code.yaml, "YAML nesting is too deep",
                       "data files need only a few levels of nesting")
        return None
    return YamlDocument(path, data, root, node)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _value(node: Node, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise _TooDeep(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_value(item, depth + 1) for item in node.value]
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        first: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            key = _value(key_node, depth + 1)
            if isinstance(key, list | dict):
                raise yaml.MarkedYAMLError(problem="a mapping key must be a plain value",
                                           problem_mark=key_node.start_mark)
            if key in first:
                raise _DuplicateKey(str(key), key_node, first[key])
            first[key] = key_node
            out[key] = _value(value_node, depth + 1)
        return out
    return None


def _scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.style is not None:
        return text  # quoted or a block scalar: always text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    return text


def _syntax_hint(problem: str) -> str | None:
    if "duplicate key" in problem:
        return "each key may appear once in a mapping; remove or rename the second one"
    if "tab character" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line and the one above"


def _first_anchor_or_alias(text: str) -> Where | None:
    """Where the first alias (``*a``) stands, else the first anchor (``&a``), from the parser's events."""
    anchor: Where | None = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return (event.start_mark.line + 1, event.start_mark.column + 1)
        if anchor is None and isinstance(event, yaml.NodeEvent) and event.anchor:
            anchor = (event.start_mark.line + 1, event.start_mark.column + 1)
    return anchor
