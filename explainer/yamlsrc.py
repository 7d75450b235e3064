"""Strict YAML: every value keeps its position, and YAML 1.1 surprises are refused.

Only plain `true`/`false`, `null`/`~`, decimal integers and decimal floats are typed; every
other scalar stays text, so `NO`, `on`, `01234` and `1:30` never turn into booleans or numbers
behind an editor's back. Duplicate keys, aliases, merge keys and tags are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

import yaml

from .errors import Loc, SourceError

MAX_DEPTH = 32

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+")
# libyaml's parser, if PyYAML was built with it, from 0.2.5 on: that version stops nesting at 1000 levels.
_FAST_LOADER = yaml.CSafeLoader if yaml.__with_libyaml__ and yaml._yaml.get_version() >= (0, 2, 5) else None
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # the pure-Python reader refuses these; libyaml may not
# The tags PyYAML's resolver gives untagged values; any other tag was written explicitly.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")}

Scalar = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Node:
    """A YAML value with the position where it starts."""

    value: "Scalar | list[Node] | dict[str, KeyedNode]"
    loc: Loc
    raw: str = ""  # a scalar's text as written, before typing
    quoted: bool = False

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


@dataclass(frozen=True)
class KeyedNode:
    """A mapping entry: where its key stands, and its value."""

    key_loc: Loc
    node: Node


class YamlError(Exception):
    """Raised with every problem found in one YAML document."""

    def __init__(self, errors: list[SourceError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


class _AliasRefused(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """Composes nodes but stops at the first alias, so no document can expand itself."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


class _Unsure(Exception):
    """libyaml's composition might not match the pure-Python loader's for this text."""


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when it agrees with the pure-Python loader for sure; else with that loader, for its exact errors."""
    try:
        return _compose_fast(text)
    except _Unsure:
        return yaml.compose(text, Loader=_Loader)


def _compose_fast(text: str) -> yaml.Node | None:
    """libyaml's composition, if PyYAML has it and the text is valid, printable, alias-free and within MAX_DEPTH."""
    if _FAST_LOADER is None or _NON_PRINTABLE.search(text):
        raise _Unsure
    try:
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        raise _Unsure from None
    if root is not None and not _plain_tree(root):
        raise _Unsure
    return root


def _plain_tree(root: yaml.Node) -> bool:
    """True if no node is reached twice (libyaml composes an alias as its anchor's node) and none is too deep."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((item, depth + 1) for pair in node.value for item in pair)
    return True


def _loc(path: str, mark: yaml.Mark | None, line_offset: int) -> Loc:
    if mark is None:
        return Loc(path, line_offset + 1, 1)
    return Loc(path, mark.line + 1 + line_offset, mark.column + 1)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into Nodes; None for an empty document.

    `line_offset` shifts reported lines, for front matter that starts below line 1.
    """
    try:
        root = _compose(text)
    except _AliasRefused as exc:
        raise YamlError([SourceError(_loc(path, exc.mark, line_offset), "anchors and aliases (& and *) are not supported; write the value out in full")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError([SourceError(_loc(path, mark, line_offset), f"YAML syntax: {problem}; check indentation, colons and quotes")]) from None
    except yaml.YAMLError as exc:
        raise YamlError([SourceError(Loc(path, line_offset + 1, 1), f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise YamlError([SourceError(Loc(path, line_offset + 1, 1), f"YAML is nested too deeply; use at most {MAX_DEPTH} levels")]) from None
    if root is None:
        return None
    errors: list[SourceError] = []
    result = _convert(root, path, line_offset, 0, errors)
    if errors:
        raise YamlError(errors)
    return result


def _convert(node: yaml.Node, path: str, offset: int, depth: int, errors: list[SourceError]) -> Node:
    loc = _loc(path, node.start_mark, offset)
    if depth > MAX_DEPTH:
        errors.append(SourceError(loc, f"YAML is nested too deeply; use at most {MAX_DEPTH} levels"))
        return Node(None, loc)
    if node.tag not in _PLAIN_TAGS:
        errors.append(SourceError(loc, f"YAML tags such as '{node.tag}' are not supported; remove the tag"))
    if isinstance(node, yaml.ScalarNode):
        quoted = node.style in ("'", '"', "|", ">")
        return Node(node.value if quoted else _plain_scalar(node.value), loc, node.value, quoted)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, path, offset, depth + 1, errors) for item in node.value], loc)
    entries: dict[str, KeyedNode] = {}
    for key_node, value_node in node.value:
        key_loc = _loc(path, key_node.start_mark, offset)
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(SourceError(key_loc, "a key must be plain text, not a list or mapping"))
            continue
        key = key_node.value
        if key == "<<":
            errors.append(SourceError(key_loc, "merge keys (<<) are not supported; write the keys out in full"))
            continue
        if key in entries:
            first = entries[key].key_loc
            errors.append(SourceError(key_loc, f"duplicate key '{key}' (first set on line {first.line}); remove one of them"))
            continue
        entries[key] = KeyedNode(key_loc, _convert(value_node, path, offset, depth + 1, errors))
    return Node(entries, loc)


def _plain_scalar(text: str) -> Scalar:
    """Type an unquoted scalar the YAML 1.2 way, keeping anything ambiguous as text."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text

