"""The only code that touches the output folder: write everything, then swap it in."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import Loc, SourceError

MARKER = ".explainer-build"
MARKER_TEXT = b"Built by the explainer generator; this folder is replaced on every build.\n"
SOURCE_DIRS = ("content", "templates", "static")
SYSTEM_DIRS = (Path("/proc"), Path("/sys"))  # the kernel's views, not storage
AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h: swap two names atomically; both must exist


def check_output(out: Path, root: Path) -> SourceError | None:
    """Refuse an output folder a build could damage: the project, its parents, its sources, or foreign files."""
    out = out.resolve()
    root = root.resolve()
    shown = str(out)
    if out == root or root.is_relative_to(out):
        return SourceError(
            Loc(shown),
            "refusing to build into the project folder or one of its parents; choose an empty folder such as _site",
        )
    for name in SOURCE_DIRS:
        if out.is_relative_to(root / name):
            return SourceError(
                Loc(shown), f"refusing to build into the source folder {name}/; choose an empty folder such as _site"
            )
    if out.exists() and not out.is_dir():
        return SourceError(Loc(shown), "the output path is a file; choose a folder")
    above = next(p for p in out.parents if p.exists())
    if not above.is_dir():
        return SourceError(Loc(shown), f"the output path is below the file {above}; choose a folder")
    if any(out.is_relative_to(system) for system in SYSTEM_DIRS):
        return SourceError(
            Loc(shown),
            f"refusing to build into {next(s for s in SYSTEM_DIRS if out.is_relative_to(s))}, the system's own folder; choose a folder such as _site",
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return SourceError(
            Loc(shown),
            f"refusing to replace a folder this generator did not create (no {MARKER} in it); empty it or choose another",
        )
    return None


@functools.cache
def _renameat2() -> Any:
    """glibc's renameat2 (2.28 and later), or None where there is none."""
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap the names `a` and `b` in one step (renameat2 RENAME_EXCHANGE); False where the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold a lock on the folder holding `out` while writing it: a second build meanwhile says so and waits its turn."""
    fd = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build is writing {out} right now; waiting for it to finish", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def leftovers(out: Path) -> list[Path]:
    """What an interrupted build left beside `out`: its half-written or retired copies."""
    prefixes = (f".{out.name}.new-", f".{out.name}.old-")
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink())


def write_site(out: Path, files: Mapping[str, bytes]) -> None:
    """Write `files` (relative path -> bytes) into a fresh folder beside `out`, then swap it in.

    At every instant `out` is either the previous complete site or the new one: the two folders' names are
    exchanged in one step where the system can (Linux), else `out` is renamed away and the new folder renamed
    in, two steps with an instant between them. Whatever a crash leaves beside `out` the next build removes.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        for stale in leftovers(out):
            shutil.rmtree(stale)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            for rel, data in sorted(files.items()):
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            (staging / MARKER).write_bytes(MARKER_TEXT)
            os.chmod(staging, 0o755)
            if not out.exists():
                staging.rename(out)
            elif exchange(staging, out):
                shutil.rmtree(staging)  # now the previous site
            else:
                retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                out.rename(retired / out.name)
                staging.rename(out)
                shutil.rmtree(retired)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
