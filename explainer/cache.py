"""What the last build loaded and computed, kept by its inputs so that the preview's next rebuild redoes only what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from .errors import Collector, SourceError

T = TypeVar("T")


class Kept(NamedTuple):
    """A value, the inputs it was made from, and the problems found on the way (reported again on every use)."""

    inputs: tuple[object, ...]
    value: Any
    errors: tuple[SourceError, ...] = ()
    warnings: tuple[SourceError, ...] = ()


class BuildCache:
    """One entry per key (a source path, or a part of the page), replaced as soon as any of its inputs changes."""

    def __init__(self) -> None:
        self._entries: dict[str, Kept] = {}

    def holds(self, key: str, inputs: tuple[object, ...]) -> bool:
        """True if the entry for `key` was made from these very inputs."""
        entry = self._entries.get(key)
        return entry is not None and entry.inputs == inputs

    def keep(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """`make()`, run only if the inputs changed since the last call for `key`."""
        if not self.holds(key, inputs):
            self._entries[key] = Kept(inputs, make())
        return self._entries[key].value

    def load(self, path: str, inputs: tuple[object, ...], errors: Collector, read: Callable[[Collector], T]) -> T:
        """`read(errors)` for a source file, run only if its inputs changed; its errors and warnings go to `errors` either way."""
        if not self.holds(path, inputs):
            found = Collector()
            self._entries[path] = Kept(inputs, read(found), tuple(found.errors), tuple(found.warnings))
        entry = self._entries[path]
        errors.errors.extend(entry.errors)
        errors.warnings.extend(entry.warnings)
        return entry.value
