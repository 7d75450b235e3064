"""Strict YAML: every value keeps its position, and YAML 1.1 surprises are refused.

Only plain `true`/`false`, `null`/`~`, decimal integers and decimal floats are typed; every
other scalar stays text, so `NO`, `on`, `01234` and `1:30` never turn into booleans or numbers
behind an editor's back. Duplicate keys, aliases, merge keys and tags are errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import yaml

from ..errors import Loc, SourceError

MAX_DEPTH = 32
MAX_INT_DIGITS = 30  # a longer integer is read as a float, to be refused by whichever range it falls outside

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # the pure-Python reader refuses these; libyaml may not
# The tags PyYAML's resolver gives untagged values; any other tag was written explicitly.
_QUOTED_STYLES = ("'", '"', "|", ">")
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")
}

Scalar = str | int | float | bool | None


@dataclass(slots=True)
class Node:
    """A YAML value with the position where it starts (not frozen, only because that makes it four times quicker to create)."""

    value: Scalar | list[Node] | dict[str, KeyedNode]
    path: str
    line: int
    col: int
    raw: str = ""  # a scalar's text as written, before typing
    quoted: bool = False

    @property
    def loc(self) -> Loc:
        return Loc(self.path, self.line, self.col)

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def mapping(self) -> dict[str, KeyedNode]:
        """A mapping's entries; none for any other value."""
        return self.value if isinstance(self.value, dict) else {}

    @property
    def sequence(self) -> list[Node]:
        """A list's items; none for any other value."""
        return self.value if isinstance(self.value, list) else []


@dataclass(slots=True)
class KeyedNode:
    """A mapping entry: where its key stands, and its value."""

    key_line: int
    key_col: int
    node: Node

    @property
    def key_loc(self) -> Loc:
        return Loc(self.node.path, self.key_line, self.key_col)


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

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)  # type: ignore[no-untyped-call]  # PyYAML's stubs leave it untyped
        return super().compose_node(parent, index)


class _Unsure(Exception):
    """The fast path met something the pure-Python loader must look at, for its exact result or errors."""


# libyaml's parser, if PyYAML was built with it, from 0.2.5 on: that version stops nesting at 1000 levels.
_FAST = yaml.__with_libyaml__ and yaml._yaml.get_version() >= (0, 2, 5)
_UNTAGGED = (None, "!")  # no tag, or the non-specific one: the value is typed by its form


def _loc(path: str, mark: yaml.Mark | None, line_offset: int) -> Loc:
    if mark is None:
        return Loc(path, line_offset + 1, 1)
    return Loc(path, mark.line + 1 + line_offset, mark.column + 1)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into Nodes; None for an empty document.

    `line_offset` shifts reported lines, for front matter that starts below line 1.
    """
    try:
        try:
            return _FastParser(text, path, line_offset).document()
        except _Unsure:
            root = yaml.compose(text, Loader=_Loader)
            return None if root is None else _Converter(path, line_offset).document(root)
    except _AliasRefused as exc:
        raise YamlError(
            [
                SourceError(
                    _loc(path, exc.mark, line_offset),
                    "anchors and aliases (& and *) are not supported; write the value out in full",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        slip = _explain_slip(_LINE_BREAK.split(text), exc)
        if slip:
            line, col, message = slip
            raise YamlError(
                [SourceError(Loc(path, line + 1 + line_offset, col + 1), f"YAML syntax: {message}")]
            ) from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(
            [
                SourceError(
                    _loc(path, mark, line_offset), f"YAML syntax: {problem}; check indentation, colons and quotes"
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError([SourceError(Loc(path, line_offset + 1, 1), f"YAML syntax: {exc}")]) from None
    except RecursionError:
        raise YamlError(
            [SourceError(Loc(path, line_offset + 1, 1), f"YAML is nested too deeply; use at most {MAX_DEPTH} levels")]
        ) from None


class _FastParser:
    """Nodes straight from libyaml's parser events, for a clean document only.

    Whatever the pure-Python loader would report or treat apart (a syntax error, an unprintable character, an
    alias, a tag, a key that is not plain text, a merge or duplicate key, nesting beyond MAX_DEPTH, a second
    document) raises _Unsure, and parse_yaml hands the text to that loader.
    """

    def __init__(self, text: str, path: str, line_offset: int) -> None:
        if not _FAST or _NON_PRINTABLE.search(text):
            raise _Unsure
        self.next_event: Callable[[], Any] = yaml.CBaseLoader(text).get_event
        self.path, self.offset = path, line_offset + 1

    def document(self) -> Node | None:
        try:
            self.next_event()  # the stream's start
            if type(self.next_event()) is yaml.StreamEndEvent:
                return None
            root = self.node(self.next_event(), 0)
            self.next_event()  # the document's end
            if type(self.next_event()) is not yaml.StreamEndEvent:
                raise _Unsure
            return root
        except yaml.YAMLError:
            raise _Unsure from None

    def node(self, event: Any, depth: int) -> Node:  # one of PyYAML's event classes, each with its own fields
        kind = type(event)
        if (
            depth > MAX_DEPTH
            or kind is yaml.AliasEvent
            or (event.tag not in _UNTAGGED and event.tag not in _PLAIN_TAGS)
        ):
            raise _Unsure
        mark = event.start_mark
        line, col = mark.line + self.offset, mark.column + 1
        if kind is yaml.ScalarEvent:
            return _scalar(event.value, event.style, self.path, line, col)
        if kind is yaml.SequenceStartEvent:
            items = []
            while type(item := self.next_event()) is not yaml.SequenceEndEvent:
                items.append(self.node(item, depth + 1))
            return Node(items, self.path, line, col)
        entries: dict[str, KeyedNode] = {}
        while type(key := self.next_event()) is not yaml.MappingEndEvent:
            if (
                type(key) is not yaml.ScalarEvent
                or key.tag is not None
                or key.value == "<<"
                or key.value in entries
                or depth + 1 > MAX_DEPTH
            ):
                raise _Unsure
            key_mark = cast("yaml.Mark", key.start_mark)  # libyaml marks every event
            entries[key.value] = KeyedNode(
                key_mark.line + self.offset, key_mark.column + 1, self.node(self.next_event(), depth + 1)
            )
        return Node(entries, self.path, line, col)


class _Converter:
    """The pure-Python loader's nodes to Nodes, collecting every problem."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path, self.offset = path, line_offset + 1
        self.errors: list[SourceError] = []

    def document(self, root: yaml.Node) -> Node:
        result = self.node(root, 0)
        if self.errors:
            raise YamlError(self.errors)
        return result

    def node(self, node: yaml.Node, depth: int) -> Node:
        mark = node.start_mark
        line, col = mark.line + self.offset, mark.column + 1
        if depth > MAX_DEPTH:
            self.errors.append(
                SourceError(Loc(self.path, line, col), f"YAML is nested too deeply; use at most {MAX_DEPTH} levels")
            )
            return Node(None, self.path, line, col)
        if node.tag not in _PLAIN_TAGS:
            self.errors.append(
                SourceError(
                    Loc(self.path, line, col), f"YAML tags such as '{node.tag}' are not supported; remove the tag"
                )
            )
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node.value, node.style, self.path, line, col)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.node(item, depth + 1) for item in node.value], self.path, line, col)
        entries: dict[str, KeyedNode] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_loc = Loc(self.path, key_mark.line + self.offset, key_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.errors.append(SourceError(key_loc, "a key must be plain text, not a list or mapping"))
                continue
            key = key_node.value
            if key == "<<":
                self.errors.append(
                    SourceError(key_loc, "merge keys (<<) are not supported; write the keys out in full")
                )
                continue
            if key in entries:
                first = entries[key].key_line
                self.errors.append(
                    SourceError(key_loc, f"duplicate key '{key}' (first set on line {first}); remove one of them")
                )
                continue
            entries[key] = KeyedNode(key_loc.line, key_loc.col, self.node(value_node, depth + 1))
        return Node(entries, self.path, line, col)


def _scalar(text: str, style: str | None, path: str, line: int, col: int) -> Node:
    """A scalar's Node: quoted or block text stays text; plain text is typed by _plain_scalar."""
    if style in _QUOTED_STYLES:
        return Node(text, path, line, col, text, True)
    return Node(_plain_scalar(text), path, line, col, text)


def _plain_scalar(text: str) -> Scalar:
    """Type an unquoted scalar the YAML 1.2 way, keeping anything ambiguous as text."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return (
            int(text) if len(text) <= MAX_INT_DIGITS else float(text)
        )  # Python refuses to read ints of 4,300 digits and more
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


# An entry's line: its indentation, an optional list dash, the key, then the value.
_ENTRY = re.compile(r"(?P<indent> *)(?:- +)?(?P<key>[^\s:#'\"\[{][^:#]*?):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_CLOSERS = {"[": ("]", "list"), "{": ("}", "mapping")}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # where YAML's marks count a new line


def _explain_slip(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """For the slips editors make most (a colon in a value, an unclosed quote or bracket, an indentation that lines up
    with nothing, a tab), the 0-based line and column where the slip is and what to write; None for anything else."""
    problem, context = exc.problem or "", exc.context or ""
    at, opened = exc.problem_mark, exc.context_mark
    if at is None or at.line >= len(lines):
        return None
    if opened is not None and (opened.line >= len(lines) or opened.column >= len(lines[opened.line])):
        opened = None
    line = lines[at.line]
    if problem.startswith("found character '\\t'"):
        return (
            at.line,
            at.column,
            "a tab here; YAML indents and separates with spaces only: replace the tab with spaces",
        )
    if context == "while scanning a quoted scalar" and opened is not None:
        quote = lines[opened.line][opened.column]
        return (
            opened.line,
            opened.column,
            f"the {quote} opened here is never closed; close it at the end of the text: {lines[opened.line].strip()}{quote}",
        )
    if context.startswith("while parsing a flow") and opened is not None:
        source = lines[opened.line]
        bracket = source[opened.column]
        closer, kind = _CLOSERS.get(bracket, ("", ""))
        if closer and closer not in source[opened.column :]:
            return (
                opened.line,
                opened.column,
                f"the {bracket} opened here is never closed; close the {kind} with {closer}: {source.strip()}{closer}",
            )
        return None
    entry = _ENTRY.match(line)
    if problem == "mapping values are not allowed here" and entry:
        key, value = entry.group("key"), entry.group("value") or ""
        if at.column > entry.end("key"):  # a second ': ' on the line, inside the value
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return (
                at.line,
                at.column,
                f"the ': ' inside the value of '{key}' reads as a new key; put the {key} in quotes: {key}: \"{quoted}\"",
            )
        above = _line_above(lines, at.line)
        if above is not None:
            return (
                at.line,
                entry.start("key"),
                f"'{key}' is indented more than '{_key_of(lines[above])}' on line {above + 1}; give it the same indentation",
            )
    if problem.startswith("expected <block end>") and entry:
        above = _line_above(lines, at.line)
        if above is not None:
            want = _key_column(lines[above])
            got = entry.start("key")
            if want != got:
                return (
                    at.line,
                    got,
                    f"'{entry.group('key')}' is indented {_spaces(got)}, which lines it up with no key above; indent it {_spaces(want)}, as '{_key_of(lines[above])}' on line {above + 1}",
                )
    return None


def _line_above(lines: list[str], number: int) -> int | None:
    """The 0-based number of the closest line above `number` that holds something other than a comment."""
    for above in range(number - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            return above
    return None


def _key_column(line: str) -> int:
    """The column where a line's key starts (after its indentation and any list dash)."""
    entry = _ENTRY.match(line)
    return entry.start("key") if entry else len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _key_of(line: str) -> str:
    entry = _ENTRY.match(line)
    return entry.group("key") if entry else line.strip()
