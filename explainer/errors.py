"""Source errors that point editors at a path, line and column."""

from __future__ import annotations

import re
import sys
import traceback
from dataclasses import dataclass, field
from typing import NamedTuple


class Loc(NamedTuple):
    """A position in a source file: path relative to the project, 1-based line and column; sorts by path, line, column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        if not self.col:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"


class SourceError(NamedTuple):
    """One problem in the sources, printed as `path:line:col: error: message`; sorts by position, then message."""

    loc: Loc
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return _printable(f"{self.loc}: {self.severity}: {self.message}")


_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _printable(line: str) -> str:
    """`line` with control characters, lone surrogates and bidi controls written as \\uXXXX, so that it prints as it reads."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", line)


class BuildFailed(Exception):
    """Raised when a stage found errors; carries all of them."""

    def __init__(self, errors: list[SourceError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Collector:
    """Collects errors from a stage so that all of them are reported together."""

    errors: list[SourceError] = field(default_factory=list)
    warnings: list[SourceError] = field(default_factory=list)

    def error(self, loc: Loc, message: str) -> None:
        self.errors.append(SourceError(loc, message))

    def warn(self, loc: Loc, message: str) -> None:
        self.warnings.append(SourceError(loc, message, "warning"))

    def extend(self, errors: list[SourceError]) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BuildFailed(sorted(set(self.errors)))


def internal_error(exc: Exception, debug: bool) -> int:
    """Report a bug, not bad input: plainly on stderr, the traceback only with --debug; the exit status is 1."""
    if debug:
        traceback.print_exc()
    else:
        print(f"error: internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it", file=sys.stderr)
    return 1
