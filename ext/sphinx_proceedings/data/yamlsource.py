"""Read one YAML data file, keeping the line and column of every value.

Parsed by libyaml (PyYAML's C parser) into nodes, which keep their marks;
values are built from the nodes here, by the YAML 1.2 core schema (so ``no``
stays a string and ``09:00`` a time of day, not a sexagesimal number), with
dates and times left as text for the model to judge. The nodes' tags are not
resolved (the values do not need them), and the marks are kept as plain
tuples beside the values (``Marks``), so a parsed file can be cached.

Never raises on bad user data: syntax errors, duplicate keys, anchors and
aliases (which the data format does not need, and which make alias bombs
possible), deep nesting and bad encodings all become problems.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sphinx_proceedings.data.cache import code_id
from sphinx_proceedings.data.gcpause import collector_paused
from sphinx_proceedings.data.problems import Code, Problems, byte_place
from sphinx_proceedings.data.reading import LIMITS, Kind, read_or_report

if TYPE_CHECKING:
    from sphinx_proceedings.data.cache import DataCache

MAX_FILE_BYTES = LIMITS[Kind.yaml]
Where = tuple[int | None, int | None]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Where a value was written, beside the value: (line, column) of a scalar, (line, column, [items])
# of a sequence, (line, column, {key as written: (key line, key column, value's marks)}) of a mapping.
Marks = tuple[Any, ...]


class _Unresolved:
    """Leaves the nodes' tags unresolved: values are built from a scalar's style, not its tag."""

    def resolve(self, kind: type[Node], value: str | None, implicit: object) -> str:
        return ""

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser as _Parser
else:  # pragma: no cover - PyYAML built without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _NodeLoader(_Unresolved, _Parser):
    """Composes a document's nodes (with their marks), nothing more."""


# YAML 1.2 core schema, for plain (unquoted) scalars.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


MAX_DEPTH = 32


class _TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH, found composing (a node) or scanning ahead (a flow token)."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _DuplicateKey(Exception):
    def __init__(self, key: str, node: Node, first: Node) -> None:
        super().__init__(key)
        self.key, self.node, self.first = key, node, first


class _HasProperties(Exception):
    """A node starts with an anchor (``&a``) or a tag (``!t``): look closer."""


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    root: Path | None = None  # the project folder, for naming places relative to it
    marks: Marks | None = None

    def locate(self, loc: Sequence[str | int], *, key: bool = False) -> Where:
        """1-based (line, column) of the value at ``loc``; the nearest parent if it is absent.

        With ``key=True`` a mapping entry is located at its key (for unknown keys).
        """
        marks = self.marks
        if marks is None:
            return (1, None)
        where: Where = (marks[0], marks[1])
        for i, part in enumerate(loc):
            children = marks[2] if len(marks) == 3 else None
            if isinstance(children, dict):
                entry = children.get(part) if isinstance(part, str) else None
                if entry is None:
                    break
                marks = entry[2]
                where = (entry[0], entry[1]) if (key and i == len(loc) - 1) else (marks[0], marks[1])
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                marks = children[part]
                where = (marks[0], marks[1])
            else:
                break
        return where


def _mark(node: Node) -> Where:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(
    path: Path, problems: Problems, root: Path | None = None, cache: DataCache | None = None
) -> YamlDocument | None:
    """Parse ``path``; on failure record why and return ``None``.

    With a ``cache``, a file whose bytes were parsed before is not parsed again.
    """
    raw = read_or_report(path, Kind.yaml, problems)
    if raw is None:
        return None
    code = code_id(__name__, "yaml") if cache is not None else ""
    cached = cache.load("yaml", code, path, raw) if cache is not None else None
    if isinstance(cached, tuple) and len(cached) == 2:
        return YamlDocument(path, cached[0], root, cached[1])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = byte_place(raw, exc.start)
        problems.error(path, where, Code.file, "file is not valid UTF-8", "save the file as UTF-8")
        return None
    parsed = _values(path, text, problems, anchors_possible="&" in text)
    if parsed is None:
        return None
    if cache is not None:
        cache.store("yaml", code, path, raw, parsed)
    return YamlDocument(path, parsed[0], root, parsed[1])


_FLOW_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


_Failure = (yaml.YAMLError, _DuplicateKey, _TooDeep, RecursionError, _HasProperties)


def _values(path: Path, text: str, problems: Problems, *, anchors_possible: bool) -> tuple[Any, Marks | None] | None:
    """The values and marks of ``text``, or ``None`` when a problem was recorded."""
    try:
        with collector_paused():
            return _parse(text, anchors_possible=anchors_possible)
    except _Failure as exc:
        # Anchors and aliases are reported before anything else, even where the YAML is also
        # broken (an alias the composer cannot resolve is an alias all the same).
        if _reported_anchor_or_alias(text, problems, path):
            return None
        if isinstance(exc, _HasProperties):  # only tags, which the values ignore
            return _values(path, text, problems, anchors_possible=False)
        _report_failure(path, text, exc, problems)
        return None


def _report_failure(path: Path, text: str, exc: BaseException, problems: Problems) -> None:
    if isinstance(exc, yaml.MarkedYAMLError):
        _report_syntax(path, text, exc, problems)
    elif isinstance(exc, yaml.reader.ReaderError):  # a control character: located by its offset
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        problems.error(
            path,
            (line, column),
            Code.yaml,
            f"character {exc.character!r} is not allowed: control characters are not allowed in YAML",
            "remove it; it was probably pasted with the text",
        )
    elif isinstance(exc, yaml.YAMLError):
        problems.error(path, (None, None), Code.yaml, f"YAML syntax: {exc}")
    elif isinstance(exc, _DuplicateKey):
        problems.error(
            path,
            _mark(exc.node),
            Code.yaml,
            f"YAML syntax: duplicate key '{exc.key}' (first at line {_mark(exc.first)[0]})",
            _syntax_hint("duplicate key"),
        )
    elif isinstance(exc, _TooDeep):
        _report_too_deep(path, (exc.mark.line + 1, exc.mark.column + 1), problems)
    else:  # RecursionError
        _report_too_deep(path, (None, None), problems)


def _report_too_deep(path: Path, where: Where, problems: Problems) -> None:
    problems.error(
        path, where, Code.yaml, "YAML nesting is too deep", f"data files need at most {MAX_DEPTH} levels of nesting"
    )


# PyYAML 6.0.4's libyaml stops at its own depth (1,000 levels) with this problem text; older releases
# have no limit, and MAX_DEPTH refuses far less than either. Both give the same error.
_LIBRARY_TOO_DEEP = "maximum nesting depth"


def _parse(text: str, *, anchors_possible: bool) -> tuple[Any, Marks | None]:
    """The document's values and marks; raises on YAML errors, and on an anchor or a tag
    (``_HasProperties``) when ``anchors_possible``."""
    _check_flow_depth(text)
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        return None, None
    # A node that starts at '&' has an anchor (an alias puts the anchored node in the tree again),
    # so without an '&' in the text there is none to look for.
    return _Builder(text if anchors_possible else None).build(node, 0)


def _check_flow_depth(text: str) -> None:
    """Refuse ``[[[[…`` deeper than MAX_DEPTH before composing: the composer recurses per level in C
    and would overflow the stack (the process dies) near 50,000 levels. Libyaml's scanner does not recurse."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, _FLOW_OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep(token.start_mark)
        elif isinstance(token, _FLOW_CLOSE):
            depth -= 1


def _reported_anchor_or_alias(text: str, problems: Problems, path: Path) -> bool:
    """Report the first alias (else anchor) of ``text``, or the syntax error met looking for one."""
    if "&" not in text and "*" not in text:
        return False
    try:
        where = _first_anchor_or_alias(text)
    except yaml.MarkedYAMLError as exc:
        _report_syntax(path, text, exc, problems)
        return True
    except yaml.YAMLError as exc:
        problems.error(path, (None, None), Code.yaml, f"YAML syntax: {exc}")
        return True
    if where is None:
        return False
    problems.error(
        path,
        where,
        Code.yaml,
        "YAML anchors and aliases are not allowed in data files",
        "write the value out where it is needed",
    )
    return True


def _report_syntax(path: Path, text: str, exc: yaml.MarkedYAMLError, problems: Problems) -> None:
    mark = exc.problem_mark or exc.context_mark
    where: Where = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if _LIBRARY_TOO_DEEP in problem:
        _report_too_deep(path, where, problems)
        return
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        problem = "found a tab character that cannot start any token"
    problems.error(path, where, Code.yaml, f"YAML syntax: {problem}", _syntax_hint(problem))


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


class _Builder:
    """Builds values and their marks from composed nodes."""

    def __init__(self, text: str | None) -> None:
        self.text = text  # set when the text may hold anchors: nodes that start at '&' are looked at

    def build(self, node: Node, depth: int) -> tuple[Any, Marks]:
        if depth > MAX_DEPTH:
            raise _TooDeep(node.start_mark)
        mark = node.start_mark
        if self.text is not None and self.text[mark.index : mark.index + 1] in ("&", "!"):
            raise _HasProperties
        line, column = mark.line + 1, mark.column + 1
        if isinstance(node, ScalarNode):
            return _scalar(node), (line, column)
        if isinstance(node, SequenceNode):
            values: list[Any] = []
            item_marks: list[Marks] = []
            for item in node.value:
                value, marks = self.build(item, depth + 1)
                values.append(value)
                item_marks.append(marks)
            return values, (line, column, item_marks)
        if isinstance(node, MappingNode):
            out: dict[Any, Any] = {}
            entries: dict[str, tuple[int, int, Marks]] = {}
            first: dict[Any, Node] = {}
            for key_node, value_node in node.value:
                key, key_marks = self.build(key_node, depth + 1)
                if isinstance(key, list | dict):
                    raise yaml.MarkedYAMLError(
                        problem="a mapping key must be a plain value", problem_mark=key_node.start_mark
                    )
                if key in first:
                    raise _DuplicateKey(str(key), key_node, first[key])
                first[key] = key_node
                out[key], marks = self.build(value_node, depth + 1)
                # Located by the key as written; the first of two keys that read alike ('1', "1") wins.
                entries.setdefault(key_node.value, (key_marks[0], key_marks[1], marks))
            return out, (line, column, entries)
        return None, (line, column)


def _scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.style:
        return text  # quoted or a block scalar: always text (libyaml gives plain scalars the style "")
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
        mark = event.start_mark
        if mark is None:
            continue
        if isinstance(event, yaml.AliasEvent):
            return (mark.line + 1, mark.column + 1)
        if anchor is None and isinstance(event, yaml.NodeEvent) and event.anchor:
            anchor = (mark.line + 1, mark.column + 1)
    return anchor
