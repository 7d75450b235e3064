"""The base of the model's frozen dataclasses: equality, hashing and repr written once, not generated per class.

`@dataclass(frozen=True)` compiles six methods for every class when its module is imported (Python 3.11 runs
`exec` once per method), about 0.45 ms a class. Declared `@dataclass(frozen=True, eq=False, repr=False)` on
top of Record, a class compiles only `__init__`, `__setattr__` and `__delattr__`, and takes the three below,
which behave as the generated ones: fields compared and hashed in order, only with the same class.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any


@functools.cache
def field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, found once per class; None for any other type."""
    return tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None


class Record:
    """Value semantics for a frozen dataclass declared with eq=False and repr=False."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in field_names(type(self)) or ()])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in field_names(type(self)) or ())
        return f"{type(self).__qualname__}({fields})"
