"""Real headless Chromium for tests: the system's browser, driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import mimetypes
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


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


class ProjectSiteHandler(http.server.BaseHTTPRequestHandler):
    """Serve a folder at `prefix` as GitHub Pages serves a project site; anything else gets its 404.html."""

    folder: Path
    prefix: str

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path and path == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self._resolve(path)
        status = 200 if target else 404
        target = target or self.folder / "404.html"
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("xml") else "")
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _resolve(self, path: str) -> Path | None:
        if not path.startswith(self.prefix):
            return None
        candidate = (self.folder / unquote(path[len(self.prefix) :])).resolve()
        if not candidate.is_relative_to(self.folder):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_project_site(folder: Path, prefix: str) -> Iterator[str]:
    """Serve `folder` under the path `prefix` (such as /repo/) on a free loopback port; yield the origin."""
    with serve_http(type("Handler", (ProjectSiteHandler,), {"folder": folder.resolve(), "prefix": prefix})) as origin:
        yield origin


@contextmanager
def watched_page(browser, origin: str, javascript: bool = True):
    """A page whose off-origin requests are blocked and recorded, as are failed loads and console errors."""
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []

    def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            problems.append(f"off-origin request: {r.request.url}")
            r.abort()

    context.route("**/*", route)
    pages_not_found: set[str] = set()  # a document answered 404 on purpose; the tests check its status

    def response(res):
        if res.status >= 400 and res.request.resource_type == "document":
            pages_not_found.add(res.url)
        elif res.status >= 400:
            problems.append(f"{res.status}: {res.url}")

    def console(msg):
        if msg.type == "error" and msg.location.get("url") not in pages_not_found:
            problems.append(f"console {msg.type}: {msg.text} ({msg.location.get('url')})")

    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
    page.on("response", response)
    page.on("console", console)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    try:
        yield page, problems
    finally:
        context.close()


# Every element that names a URL, as [tag, rel, attribute value, resolved URL] (SVG links included).
COLLECT_URLS = """() => [...document.querySelectorAll('[href], [src], [srcset]')].flatMap(el => {
  const values = [el.getAttribute('href'), el.getAttribute('src'),
                  ...(el.getAttribute('srcset') || '').split(',').map(s => s.trim().split(/\\s+/)[0])];
  return values.filter(Boolean).map(v => [el.localName, el.getAttribute('rel') || '', v, new URL(v, document.baseURI).href]);
})"""


def check_links(page, home: str, base_url: str) -> tuple[list[list[str]], dict[str, int]]:
    """Open `home`; assert that every link, asset and in-page anchor resolves on this origin; return (found, fetched statuses)."""
    origin = home[: home.index("/", len("http://"))]
    assert page.goto(home, wait_until="networkidle").status == 200
    found = page.evaluate(COLLECT_URLS)
    ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(el => el.id)"))
    fetched: dict[str, int] = {}
    for tag, rel, value, url in found:
        if rel == "canonical":
            assert value == base_url
            continue
        if url.startswith("data:"):
            continue
        if not url.startswith(origin + "/"):
            assert tag == "a" and url.startswith(("https://", "http://", "mailto:")), (
                f"<{tag}> loads {value} from outside the site"
            )
            continue  # a source the reader may follow; the page itself never loads it
        assert url.startswith(home), f"<{tag} {value}> leaves the site's path: {url}"
        target, fragment = urldefrag(url)
        if target == home and fragment:
            assert fragment in ids, f"<{tag} href={value}>: no element with id {fragment!r}"
        if target not in fetched:
            fetched[target] = page.request.get(target).status
    assert all(status == 200 for status in fetched.values()), fetched
    return found, fetched


def assert_axe_clean(browser, url: str, width: int) -> None:
    """axe finds no WCAG or best-practice violation at `width`, with the page's script and with it blocked."""
    for scripts in (True, False):
        assert_axe_clean_with(browser, url, width, scripts)


def assert_axe_clean_with(browser, url: str, width: int, scripts: bool) -> None:
    """axe finds no WCAG or best-practice violation at `width`, with the page's script running or blocked.

    axe needs JavaScript (its timers never fire in a context with it off), so the page without scripts is the
    page with its own script blocked.
    """
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    if not scripts:
        page.route("**/assets/site.js*", lambda route: route.abort())
    page.goto(url, wait_until="networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    context.close()
    assert results.violations_count == 0, results.generate_report()
