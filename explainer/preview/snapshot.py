"""The preview's view of the sources: a stat of every file a build reads, and reading again only what changed since."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..content.sources import Sources
from ..errors import Collector, SourceError

WATCHED_FILES = ("site.yaml",)
WATCHED_DIRS = ("content", "templates", "static")
SETTLE_NS = 2_000_000_000  # a file changed this recently may change again within one timestamp tick (2 s on FAT)

T = TypeVar("T")


class Stamp(NamedTuple):
    """One source path as a stat saw it; if any field changes, the build must look at the path again."""

    mtime_ns: int
    ctime_ns: int  # set by the system on every change, even when a tool sets the mtime back
    size: int
    inode: int
    plain: bool  # a regular file reached through real folders; False for a symlink or a folder that cannot be listed


Snapshot = dict[str, Stamp]


def scan(root: Path) -> Snapshot:
    """The watched sources as project-relative path -> Stamp.

    Hidden files are left out, as the build leaves them out, but symlinks are kept wherever they are,
    in hidden folders too: the build checks every symlink (see sources.list_files).
    """
    found: Snapshot = {}
    for rel in WATCHED_FILES:
        _add(found, root, rel, linked=False)
    for rel in WATCHED_DIRS:
        linked = os.path.islink(root / rel)
        if linked:
            _add(found, root, rel, linked)
        _walk(found, root, rel, hidden=False, linked=linked)
    return found


def _add(found: Snapshot, root: Path, rel: str, linked: bool) -> None:
    """Stamp `rel` by what it leads to; only a regular file reached through no symlink is plain."""
    try:
        st = os.lstat(root / rel)
    except OSError:
        return  # removed meanwhile: simply absent
    plain = stat.S_ISREG(st.st_mode) and not linked
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(root / rel)
        except OSError:  # a broken symlink: the build reports it if it leaves the project
            found[rel] = Stamp(0, 0, 0, 0, False)
            return
    found[rel] = Stamp(st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, plain)


def _walk(found: Snapshot, root: Path, rel: str, hidden: bool, linked: bool) -> None:
    """Stamp the files below `rel`; symlinked folders are not entered, as the build does not enter them."""
    try:
        entries = list(os.scandir(root / rel))
    except FileNotFoundError:
        return
    except OSError:  # the build's listing fails here too: make it list this folder itself
        found[rel] = Stamp(0, 0, 0, 0, False)
        return
    for entry in entries:
        path = f"{rel}/{entry.name}"
        quiet = hidden or entry.name.startswith(".")
        if entry.is_symlink():
            _add(found, root, path, linked)
        elif entry.is_dir(follow_symlinks=False):
            _walk(found, root, path, quiet, linked)
        elif not quiet and entry.is_file(follow_symlinks=False):
            try:
                st = entry.stat(follow_symlinks=False)  # half the cost of _add's stat by path
            except OSError:
                continue
            found[path] = Stamp(
                st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, stat.S_ISREG(st.st_mode) and not linked
            )


def describe_changes(before: Snapshot, after: Snapshot) -> str:
    """The paths that were added, changed or removed (three at most), for the log."""
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "") + " changed"


class SeenSources(Sources):
    """The sources as the latest scan saw them: a plain file whose Stamp is unchanged since it was read is not read again.

    Folders holding a symlink, symlinks, files not in the scan and files changed too recently to trust
    their Stamp are listed, checked and read as a build does, every time. Kept for the whole preview: `look`
    hands it each new scan.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.seen: Snapshot = {}
        self.settled = 0
        self._kept: dict[str, tuple[Stamp, object, tuple[SourceError, ...], tuple[SourceError, ...]]] = {}

    def look(self, seen: Snapshot) -> None:
        """Read from now on as the scan `seen` (taken after the last change) saw the sources."""
        self.seen = seen
        self.settled = time.time_ns() - SETTLE_NS  # taken before any read: a later write gets a later ctime

    def list_files(self, folder: str, errors: Collector) -> list[str]:
        """The scan's plain files below `folder`, ordered as sources.list_files orders them."""
        below = [(rel, stamp) for rel, stamp in self.seen.items() if rel.startswith(folder + "/")]
        if folder in self.seen or not all(stamp.plain for _, stamp in below):
            return super().list_files(folder, errors)
        return sorted((rel for rel, _ in below), key=lambda rel: rel.split("/"))

    def read_bytes(self, rel: str, errors: Collector) -> bytes | None:
        return self._read(rel, errors, super().read_bytes)

    def read_text(self, rel: str, errors: Collector) -> str | None:
        return self._read(rel, errors, super().read_text)

    def _read(self, rel: str, errors: Collector, read: Callable[[str, Collector], T]) -> T:
        """`read(rel, errors)`, or what it gave the last time if the file's Stamp is the same and settled; its problems either way."""
        stamp = self.seen.get(rel)
        if stamp is None or not stamp.plain or stamp.ctime_ns > self.settled:
            return read(rel, errors)
        key = f"{read.__name__}:{rel}"
        kept = self._kept.get(key)
        if kept is None or kept[0] != stamp:
            found = Collector()
            kept = self._kept[key] = (stamp, read(rel, found), tuple(found.errors), tuple(found.warnings))
        errors.errors.extend(kept[2])
        errors.warnings.extend(kept[3])
        return kept[1]  # type: ignore[return-value]  # what `read` gave
