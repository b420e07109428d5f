"""Read one YAML data file, keeping the line and column of every value.

Never raises on bad user data: syntax errors, duplicate keys, anchors and
aliases (which the data format does not need, and which make alias bombs
possible), bad encodings all become problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, NodeEvent

from .problems import Code, Problems

MAX_FILE_BYTES = 20 * 1024 * 1024
Where = tuple[int | None, int | None]


class _DataConstructor(RoundTripConstructor):
    """Dates and times stay text, so the model (not the YAML library) judges them, with a location."""


_DataConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    root: Path | None = None  # the project folder, for naming places relative to it

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> Where:
        """1-based (line, column) of the value at ``loc``; the nearest parent if it is absent.

        With ``key=True`` a mapping entry is located at its key (for unknown keys).
        """
        node = self.data
        where: Where = (node.lc.line + 1, node.lc.col + 1) if hasattr(node, "lc") else (1, None)
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.key(part) if (key and last) else node.lc.value(part)
                where = (line + 1, col + 1)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.lc.item(part)
                where = (line + 1, col + 1)
                node = node[part]
            else:
                break
        return where


def read_yaml(path: Path, problems: Problems, root: Path | None = None) -> YamlDocument | None:
    """Parse ``path``; on failure record why and return ``None``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(path, (None, None), Code.file, f"cannot read file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(
            path,
            (None, None),
            Code.file,
            f"file is {len(raw)} bytes, more than the {MAX_FILE_BYTES} allowed",
            "split the data or remove what does not belong in it",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, (line, None), Code.file, "file is not valid UTF-8", "save the file as UTF-8")
        return None
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)  # type: ignore[assignment]
    yaml.Constructor = _DataConstructor
    try:
        anchor_at = _first_anchor_or_alias(yaml, text) if ("&" in text or "*" in text) else None
        if anchor_at is not None:
            problems.error(path, anchor_at, Code.yaml, "YAML anchors and aliases are not allowed in data files",
                           "write the value out where it is needed")
            return None
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where: Where = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = _syntax_hint(problem)
        problems.error(path, where, Code.yaml, f"YAML syntax: {problem}", hint)
        return None
    except YAMLError as exc:
        problems.error(path, (None, None), Code.yaml, f"YAML syntax: {exc}")
        return None
    except RecursionError:
        problems.error(path, (None, None), Code.yaml, "YAML nesting is too deep",
                       "data files need only a few levels of nesting")
        return None
    return YamlDocument(path, data, root)


def _syntax_hint(problem: str) -> str | None:
    if "duplicate key" in problem:
        return "each key may appear once in a mapping; remove or rename the second one"
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line and the one above"


def _first_anchor_or_alias(yaml: YAML, text: str) -> Where | None:
    """Where the first alias (``*a``) stands, else the first anchor (``&a``), from the parser's events."""
    anchor: Where | None = None
    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            return (event.start_mark.line + 1, event.start_mark.column + 1)
        if anchor is None and isinstance(event, NodeEvent) and event.anchor:
            anchor = (event.start_mark.line + 1, event.start_mark.column + 1)
    return anchor
