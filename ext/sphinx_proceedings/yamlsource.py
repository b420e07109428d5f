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
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Code, Problems

MAX_FILE_BYTES = 20 * 1024 * 1024
Where = tuple[int | None, int | None]


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any

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


def read_yaml(path: Path, problems: Problems) -> YamlDocument | None:
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
    try:
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
    alias_at = _first_alias(data)
    if alias_at is not None:
        problems.error(
            path,
            alias_at,
            Code.yaml,
            "YAML anchors and aliases are not allowed in data files",
            "write the value out where it is needed",
        )
        return None
    return YamlDocument(path, data)


def _syntax_hint(problem: str) -> str | None:
    if "duplicate key" in problem:
        return "each key may appear once in a mapping; remove or rename the second one"
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and quoting on this line and the one above"


def _first_alias(data: Any) -> Where | None:
    """Where the first node reached twice (an alias) is used, or ``None``."""
    seen: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            items = list(node.items())
            for k, v in items:
                if isinstance(v, CommentedMap | CommentedSeq):
                    if id(v) in seen:
                        line, col = node.lc.value(k)
                        return (line + 1, col + 1)
                    seen.add(id(v))
                    stack.append(v)
        elif isinstance(node, CommentedSeq):
            for i, v in enumerate(node):
                if isinstance(v, CommentedMap | CommentedSeq):
                    if id(v) in seen:
                        line, col = node.lc.item(i)
                        return (line + 1, col + 1)
                    seen.add(id(v))
                    stack.append(v)
    return None
