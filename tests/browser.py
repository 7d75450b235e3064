"""Real headless Chromium for tests: the system's browser, driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


def chromium_path() -> str:
    """The system Chromium; the tests fail (never skip) without it."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Chromium is missing: run `make test`, which installs it (or `apt-get install chromium`)")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_http(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server with `handler` on a free loopback port; yield its origin (no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` at the root of a free loopback port; yield its base URL."""
    with serve_http(functools.partial(_QuietHandler, directory=str(folder))) as origin:
        yield origin + "/"


@contextmanager
def serve_build(site: Path | None, project: Path) -> Iterator[str]:
    """Serve the built `site`, or else a fresh build of `project` in a temporary folder; yield the base URL."""
    from explainer.cli import main as build_main

    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            if build_main(["--project", str(project), "--out", str(site)]) != 0:
                raise SystemExit(1)
        with serve_folder(site) as url:
            yield url
