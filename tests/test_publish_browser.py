"""The built site served as a GitHub project site (/some-repo/) in real Chromium: every link resolves, nothing leaves the origin."""

from __future__ import annotations

import http.server
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.cli import main

from .browser import serve_http
from .sites import PROJECT, copy_tree

PREFIX = "/some-repo/"
BASE_URL = "https://example.github.io/some-repo/"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

# Every element that names a URL, as [tag, rel, attribute value, resolved URL] (SVG links included).
COLLECT_URLS = """() => [...document.querySelectorAll('[href], [src], [srcset]')].flatMap(el => {
  const values = [el.getAttribute('href'), el.getAttribute('src'),
                  ...(el.getAttribute('srcset') || '').split(',').map(s => s.trim().split(/\\s+/)[0])];
  return values.filter(Boolean).map(v => [el.localName, el.getAttribute('rel') || '', v, new URL(v, document.baseURI).href]);
})"""


class ProjectSiteHandler(http.server.BaseHTTPRequestHandler):
    """Serve a folder at PREFIX as GitHub Pages serves a project site; anything else gets its 404.html."""

    folder: Path

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == PREFIX.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", PREFIX)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self._resolve(path)
        status = 200 if target else 404
        target = target or self.folder / "404.html"
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith("xml") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _resolve(self, path: str) -> Path | None:
        if not path.startswith(PREFIX):
            return None
        candidate = (self.folder / unquote(path[len(PREFIX):])).resolve()
        if not candidate.is_relative_to(self.folder):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_project_site(folder: Path) -> Iterator[str]:
    """Serve `folder` under PREFIX on a free loopback port; yield the origin."""
    with serve_http(type("Handler", (ProjectSiteHandler,), {"folder": folder.resolve()})) as origin:
        yield origin


@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    """The shipped explainer with base_url set to a project site at /some-repo/, built."""
    root = tmp_path_factory.mktemp("repo")
    site_yaml = (PROJECT / "site.yaml").read_text(encoding="utf-8")
    lines = [f"base_url: {BASE_URL}" if line.startswith("base_url:") else line for line in site_yaml.splitlines()]
    (root / "site.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for folder in ("content", "templates", "static", ".cache"):
        if (PROJECT / folder).is_dir():
            copy_tree(PROJECT / folder, root / folder)
    assert main(["--project", str(root), "--out", str(root / "_site")]) == 0
    return root / "_site"


@pytest.fixture(scope="module")
def origin(project_site) -> Iterator[str]:
    with serve_project_site(project_site) as url:
        yield url


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


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_every_link_asset_and_anchor_resolves_under_the_project_path(browser, origin, javascript):
    home = origin + PREFIX
    with watched_page(browser, origin, javascript) as (page, problems):
        assert page.goto(home, wait_until="networkidle").status == 200
        found = page.evaluate(COLLECT_URLS)
        ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(el => el.id)"))
        fetched: dict[str, int] = {}
        for tag, rel, value, url in found:
            if rel == "canonical":
                assert value == BASE_URL
                continue
            if url.startswith("data:"):
                continue
            if not url.startswith(origin + "/"):
                assert tag == "a" and url.startswith("https://"), f"<{tag}> loads {value} from outside the site"
                continue  # a source the reader may follow; the page itself never loads it
            assert url.startswith(home), f"<{tag} {value}> leaves the project path: {url}"
            target, fragment = urldefrag(url)
            if target == home and fragment:
                assert fragment in ids, f"<{tag} href={value}>: no element with id {fragment!r}"
            if target not in fetched:
                fetched[target] = page.request.get(target).status
        assert problems == []
    assert all(status == 200 for status in fetched.values()), fetched
    assert {home, home + "feed.xml"} <= set(fetched)
    assert any("/assets/site.css" in url for url in fetched) and any("/assets/site.js" in url for url in fetched)
    assert sum(value.startswith("#") for _, _, value, _ in found) > 50


def test_published_extras_are_served(browser, origin):
    with watched_page(browser, origin) as (page, problems):
        for name, kind in (("og.png", "image/png"), ("sitemap.xml", "xml"), ("feed.xml", "xml"), ("robots.txt", "text/plain"), (".nojekyll", "")):
            response = page.request.get(origin + PREFIX + name)
            assert response.status == 200 and kind in response.headers["content-type"], name
        assert problems == []


@pytest.mark.parametrize("path", ["a/b/c", "missing.html", "a/b/"])
def test_the_404_page_renders_with_its_styles_at_any_depth(browser, origin, path):
    with watched_page(browser, origin) as (page, problems):
        response = page.goto(origin + PREFIX + path, wait_until="networkidle")
        assert response.status == 404
        assert page.title() == "Page not found: Lavrov in Islamabad"
        assert page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform") == "uppercase"
        assert page.evaluate("document.styleSheets.length") == 1
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("link", name="Lavrov in Islamabad").click()
        page.wait_for_load_state("networkidle")
        assert page.url == origin + PREFIX
        assert page.title() == "Lavrov in Islamabad"
        assert problems == []


def test_the_404_page_also_answers_outside_the_project_path(browser, origin):
    with watched_page(browser, origin) as (page, problems):
        assert page.goto(origin + "/elsewhere", wait_until="networkidle").status == 404
        assert page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform") == "uppercase"
        assert problems == []


def test_the_same_folder_works_opened_from_disk(browser, project_site):
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on("request", lambda req: failed.append(f"not a file: {req.url}") if not req.url.startswith(("file://", "data:")) else None)
    page.goto((project_site / "index.html").as_uri(), wait_until="networkidle")
    styled = page.evaluate("getComputedStyle(document.querySelector('.ex-kicker')).textTransform")
    context.close()
    assert failed == []
    assert styled == "uppercase"
