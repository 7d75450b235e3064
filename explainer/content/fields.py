"""Read typed fields out of a YAML mapping, reporting every mistake with its position."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence

from ..dates.parse import parse_full_date, parse_partial_date
from ..errors import Collector, Loc
from ..model import MediaRef, PartialDate
from ..text.typography import educate
from . import textchars
from .schema import ID, Keys
from .yamlsrc import Node, YamlError, parse_yaml

ID_PATTERN = re.compile(ID)
_YAML11_BOOLEANS = {"y", "n", "yes", "no", "on", "off"}


def shown(raw: str) -> str:
    """A value as a message quotes it: a very long one cut short, with its length."""
    return raw if len(raw) <= 40 else f"{raw[:20]}… ({len(raw)} characters)"


def describe(node: Node) -> str:
    """Name a value's type the way an editor would."""
    if node.is_map:
        return "a mapping"
    if node.is_list:
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"the boolean {node.raw}"
    if isinstance(node.value, (int, float)):
        return f"the number {shown(node.raw)}"
    return f"the text '{node.raw}'"


class Fields:
    """One YAML mapping, read by its declared keys (explainer/content/schema.py): which are allowed, required, and their defaults.

    A reader's `required` argument overrides the declaration only where it depends on another key's value.
    """

    def __init__(self, node: Node, keys: Keys, errors: Collector, what: str | None = None):
        self.node = node
        self.keys = keys
        self.errors = errors
        self.what = what = what or keys.what
        self.entries = node.mapping
        if not node.is_map:
            errors.error(node.loc, f"{what} must be a mapping of keys to values, not {describe(node)}")
        allowed = keys.names
        for key, entry in self.entries.items():
            if key not in keys.by_name and keys.main is not None and key in keys.main.by_name:
                errors.error(
                    entry.key_loc,
                    f"'{key}' is not wording: set once in {keys.main_file} for every edition; remove it here",
                )
            elif key not in keys.by_name:
                close = closest(key, allowed)
                hint = f"did you mean '{close}'?" if close else "allowed keys: " + ", ".join(allowed)
                errors.error(entry.key_loc, f"unknown key '{key}' in {what} ({hint})")

    @property
    def loc(self) -> Loc:
        return self.node.loc

    def required(self, key: str, required: bool | None) -> bool:
        """Whether `key` must be given: as declared, unless the reader says otherwise."""
        return self.keys[key].required if required is None else required

    def get(self, key: str, required: bool) -> Node | None:
        """The value node for `key`; an error if it is required and missing or empty."""
        entry = self.entries.get(key)
        if entry is not None and entry.node.value is not None:
            return entry.node
        if required and self.node.is_map:
            self.errors.error(self.at(key), f"{self.what} needs '{key}'; add a line '{key}: …'")
        return None

    def at(self, key: str) -> Loc:
        """Where `key`'s value is written, for a message about it; where the mapping is if the value is missing."""
        entry = self.entries.get(key)
        return entry.node.loc if entry is not None else self.node.loc

    def text(self, key: str, required: bool | None = None) -> str:
        """A text value; numbers and booleans are kept as written."""
        declared = self.keys[key]
        default = declared.default if isinstance(declared.default, str) else ""
        required = self.required(key, required)
        node = self.get(key, required)
        if node is None:
            return default
        if node.is_map or node.is_list:
            self.errors.error(node.loc, f"'{key}' must be text, not {describe(node)}")
            return default
        text = textchars.join_surrogates(node.raw.strip())
        if textchars.FORBIDDEN.search(text) or textchars.BIDI.search(text):
            problems = textchars.check(text, lambda index: node.loc, f"'{key}'")
            self.errors.extend([p for p in problems if p.severity == "error"])
            self.errors.warnings.extend(p for p in problems if p.severity == "warning")
            text = textchars.scrub(text)
        if not text and required:
            self.errors.error(node.loc, f"'{key}' must not be empty")
        return text

    def prose(self, key: str, required: bool | None = None) -> str:
        """Text readers see: quotes curled, `--`/`---` as dashes and `...` as an ellipsis, as in Markdown."""
        return educate(self.text(key, required))

    def identifier(self, key: str, required: bool | None = None) -> str:
        """A lower-case id made of letters, digits and hyphens, such as 'new-delhi'."""
        text = self.text(key, required)
        if text and not ID_PATTERN.fullmatch(text):
            self.errors.error(
                self.at(key),
                f"'{text}' is not a valid id; use lower-case letters, digits and hyphens, such as 'new-delhi'",
            )
        return text

    def choice(self, key: str, noun: str = "") -> str:
        """A text from the key's declared choices; its default (if any) when it is left out or wrong."""
        declared = self.keys[key]
        value = self.text(key)
        if value not in declared.choices and (value or declared.default):
            self.errors.error(
                self.at(key), f"unknown {noun or key} '{value}'; use one of: {', '.join(declared.choices)}"
            )
            return str(declared.default or "")
        return value

    def number(self, key: str) -> float:
        """A number within the key's declared range."""
        declared = self.keys[key]
        low, high = declared.low, declared.high
        assert low is not None and high is not None
        default = float(declared.default) if isinstance(declared.default, (int, float)) else 0.0
        node = self.get(key, declared.required)
        if node is None:
            return default
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            self.errors.error(node.loc, f"'{key}' must be a number, not {describe(node)}")
            return default
        if not low <= node.value <= high:
            self.errors.error(node.loc, f"'{key}' is {shown(node.raw)}, outside the range {low:g} to {high:g}")
            return default
        return float(node.value)

    def integer(self, key: str) -> int:
        """A whole number within the key's declared range."""
        declared = self.keys[key]
        low, high, default = int(declared.low or 0), int(declared.high or 0), declared.default
        assert isinstance(default, int)
        node = self.get(key, declared.required)
        if node is None:
            return default
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            self.errors.error(node.loc, f"'{key}' must be a whole number, not {describe(node)}")
            return default
        if not low <= node.value <= high:
            self.errors.error(node.loc, f"'{key}' is {shown(node.raw)}, outside the range {low} to {high}")
            return default
        return node.value

    def boolean(self, key: str) -> bool:
        """true or false, and nothing YAML 1.1 would have guessed."""
        default = bool(self.keys[key].default)
        node = self.get(key, self.keys[key].required)
        if node is None:
            return default
        if isinstance(node.value, bool):
            return node.value
        hint = (
            "; YAML 1.1 words such as yes, no, on and off are not booleans here"
            if node.raw.lower() in _YAML11_BOOLEANS
            else ""
        )
        self.errors.error(node.loc, f"'{key}' must be true or false, not {describe(node)}{hint}")
        return default

    def date(self, key: str) -> dt.date | None:
        """A calendar day written YYYY-MM-DD."""
        node = self.get(key, self.keys[key].required)
        if node is None:
            return None
        try:
            return parse_full_date(node.raw)
        except ValueError as exc:
            self.errors.error(node.loc, f"'{key}': {exc}")
            return None

    def partial_date(self, key: str) -> PartialDate | None:
        """A date of year, month or day precision, or a time of day; EDTF's BCE years, qualifiers and decades too (dates.py)."""
        node = self.get(key, self.keys[key].required)
        if node is None:
            return None
        try:
            return parse_partial_date(node.raw)
        except ValueError as exc:
            self.errors.error(node.loc, f"'{key}': {exc}")
            return None

    def items(self, key: str) -> list[Node]:
        """The items of a list value."""
        node = self.get(key, self.keys[key].required)
        if node is None:
            return []
        if not node.is_list:
            self.errors.error(node.loc, f"'{key}' must be a list, not {describe(node)}")
            return []
        return node.sequence

    def ids(self, key: str) -> list[tuple[str, Loc]]:
        """A list of ids, each with its position, for checking references."""
        node = self.get(key, self.keys[key].required)
        if node is not None and not node.is_map and not node.is_list and isinstance(node.value, str):
            self.errors.error(
                node.loc,
                f"'{key}' must be a list, not {describe(node)}; write it in brackets: {key}: [{node.raw}]",
            )
            return []
        result = []
        for item in self.items(key):
            if item.is_map or item.is_list or item.value is None or not ID_PATTERN.fullmatch(item.raw):
                self.errors.error(item.loc, f"'{key}' must list ids such as 'islamabad', not {describe(item)}")
            else:
                result.append((item.raw, item.loc))
        return result

    def reference(self, key: str, known: set[str], kind: str) -> str:
        """A required id that must name a defined `kind` (theme, place...)."""
        ident = self.identifier(key)
        if ident:
            check_reference(self.errors, known, ident, self.at(key), kind)
        return ident

    def references(self, key: str, known: set[str], kind: str) -> tuple[str, ...]:
        """A list of ids, each of which must name a defined `kind`."""
        refs = self.ids(key)
        for ident, loc in refs:
            check_reference(self.errors, known, ident, loc, kind)
        return tuple(ident for ident, _ in refs)

    def media_ref(self, key: str) -> MediaRef | None:
        """An optional photo id of content/media.yaml, with where it is written; checked once the photos are read."""
        ident = self.identifier(key, required=True) if self.get(key, False) is not None else ""
        return MediaRef(ident, self.at(key)) if ident else None

    def sub(self, key: str) -> Fields | None:
        """A nested mapping, read by its declared keys."""
        declared = self.keys[key]
        assert declared.keys is not None
        node = self.get(key, declared.required)
        if node is None:
            return None
        return Fields(node, declared.keys, self.errors, f"'{key}'")


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice most like `word`, if one is close enough to suggest."""
    close = similar(word, choices, 1)
    return close[0] if close else None


def similar(word: str, choices: Sequence[str], n: int) -> list[str]:
    """Up to `n` choices close enough to `word` to suggest, the closest first."""
    import difflib  # here, not above: only a build with errors suggests, and the import costs every build time

    return difflib.get_close_matches(word, choices, n=n)


# Where each kind of id that content refers to is declared (explainer/content/schema.py).
DECLARED_IN = {
    "theme": "under 'themes:' in site.yaml",
    "place": "under 'places:' in site.yaml",
    "route": "under 'routes:' in site.yaml",
    "person": "under 'people:' in site.yaml",
    "event": "to content/events.yaml",
}


def check_reference(errors: Collector, known: set[str], ref: str, loc: Loc, kind: str, where: str = "") -> None:
    """Report a reference to an id that is not defined: where to declare it (DECLARED_IN's unless `where`), and the ids closest to it."""
    if ref in known:
        return
    close = [repr(c) for c in similar(ref, sorted(known), 3)]
    add = f"add it {where or DECLARED_IN[kind]}"
    if close:
        options = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
        errors.error(loc, f"unknown {kind} '{ref}'; did you mean {options}? If it is a new {kind}, {add}")
    else:
        errors.error(loc, f"unknown {kind} '{ref}'; {add}, or correct the id")


def repeats(items: Iterable[tuple[str, Loc]]) -> Iterator[tuple[str, Loc, Loc]]:
    """Each id met again: the id, where it is met again, and where it was first."""
    first: dict[str, Loc] = {}
    for ident, loc in items:
        if ident in first:
            yield ident, loc, first[ident]
        else:
            first[ident] = loc


def check_unique(errors: Collector, items: Sequence[tuple[str, Loc]], kind: str) -> None:
    """Report ids used twice."""
    for ident, loc, first in repeats(items):
        errors.error(loc, f"duplicate {kind} id '{ident}' (first used at {first}); give each {kind} its own id")


def parse_yaml_list(text: str, rel: str, doc: Keys, errors: Collector) -> list[Node]:
    """The items of the list that is the YAML file `doc`'s one key."""
    try:
        node = parse_yaml(text, rel)
    except YamlError as exc:
        errors.extend(exc.errors)
        return []
    if node is None:
        return []
    name = doc.names[0]
    if not node.is_map or name not in node.mapping:
        found = f"a line '{next(iter(node.mapping))}:'" if node.is_map and node.mapping else describe(node)
        fix = "add that line above the list and indent the list under it" if node.is_list else f"it starts with {found}"
        errors.error(
            node.loc, f"{rel} must start with a line '{name}:', with its items listed under it as '  - …'; {fix}"
        )
        return []
    return Fields(node, doc, errors, rel).items(name)
