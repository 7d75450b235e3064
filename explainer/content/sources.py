"""Read the project's source files safely: UTF-8 only, no symlink out of the project."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Collector, Loc
from . import textchars


def resolved(path: Path) -> Path | None:
    """`path` with every symlink resolved; None for a symlink loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop, later ones OSError
        return None


def inside(path: Path, root: Path) -> bool:
    """True if `path`, with every symlink resolved, lies within `root`."""
    target = resolved(path)
    return target is not None and target.is_relative_to(root.resolve())


def loop_message(rel: str) -> str:
    return f"{rel} is a symlink that leads back to itself (a loop); remove it, or point it at a file"


def unreadable_message(rel: str, exc: OSError) -> str:
    return (
        f"{rel} cannot be read ({(exc.strerror or str(exc)).lower()}); make it readable, such as with chmod a+r {rel}"
    )


def read_bytes(root: Path, rel: str, errors: Collector) -> bytes | None:
    """A source file's bytes, or None with an error if it is missing, unreadable or escapes the project."""
    path = root / rel
    if path.is_symlink() and resolved(path) is None:
        errors.error(Loc(rel), loop_message(rel))
        return None
    if not path.exists():
        errors.error(Loc(rel), f"{rel} is missing; create it (see the README for its keys)")
        return None
    if not inside(path, root):
        errors.error(Loc(rel), f"{rel} is a symlink to {path.resolve()}, outside the project; copy the file in instead")
        return None
    if not path.is_file():
        errors.error(Loc(rel), f"{rel} is not a regular file")
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        errors.error(Loc(rel), unreadable_message(rel, exc))
        return None


def read_text(root: Path, rel: str, errors: Collector) -> str | None:
    """A source file decoded as UTF-8, or None with an error pointing at the first bad byte or control character."""
    data = read_bytes(root, rel, errors)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        errors.error(Loc(rel, line, col), f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    problems = textchars.in_file(text, rel)
    errors.extend([p for p in problems if p.severity == "error"])
    errors.warnings.extend(p for p in problems if p.severity == "warning")
    return None if any(p.severity == "error" for p in problems) else text


def list_files(root: Path, folder: str, errors: Collector) -> list[str]:
    """Every regular file under `folder`, as sorted project-relative paths; symlinks that escape are errors."""
    base = root / folder
    if not base.is_dir():
        return []
    top = root.resolve()  # once, not once per file
    found = []
    for unlisted in _unlistable(base):  # rglob leaves out, in silence, what it cannot list
        rel = unlisted.filename and Path(unlisted.filename).relative_to(root).as_posix() or folder
        errors.error(
            Loc(rel),
            f"the folder {rel} cannot be listed ({(unlisted.strerror or str(unlisted)).lower()}); make it readable, such as with chmod a+rx {rel}",
        )
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(root).as_posix()
        target = resolved(path)
        if target is None:
            errors.error(Loc(rel), loop_message(rel))
        elif not target.is_relative_to(top):
            errors.error(Loc(rel), f"{rel} is a symlink to {target}, outside the project; copy the file in instead")
        elif path.is_file() and not any(part.startswith(".") for part in path.relative_to(base).parts):
            found.append(rel)
    return found


def _unlistable(base: Path) -> list[OSError]:
    """The folders below `base` (symlinks not followed) that cannot be listed, as the errors listing them raised."""
    failed: list[OSError] = []
    for _ in os.walk(base, onerror=failed.append):
        pass
    return failed


class Sources:
    """The project's files as a build reads them: listed, checked and read afresh on every call."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def list_files(self, folder: str, errors: Collector) -> list[str]:
        """See list_files."""
        return list_files(self.root, folder, errors)

    def read_bytes(self, rel: str, errors: Collector) -> bytes | None:
        """See read_bytes."""
        return read_bytes(self.root, rel, errors)

    def read_text(self, rel: str, errors: Collector) -> str | None:
        """See read_text."""
        return read_text(self.root, rel, errors)

    def exists(self, rel: str) -> bool:
        """True if the project has something at `rel` (a broken symlink does not count)."""
        return (self.root / rel).exists()
