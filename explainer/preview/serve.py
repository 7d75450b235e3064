"""Live preview: rebuild in memory on every save, serve the result on loopback, reload the browser once per rebuild.

Built on tornado directly, speaking livereload's protocol to livereload's own browser script
(`livereload/vendors/livereload.js`), rather than on `livereload.Server`, which accepts WebSockets
from any origin, sends absolute file paths to the browser, polls every 800 ms, drops reloads by
wall-clock throttling, keeps its state in class attributes and serves a folder from disk.

Here every rebuild renders the site in memory (a PreviewPipeline, kept for the session, runs the build's stages
from the scan that noticed the change: files whose stat is unchanged are not read again, and what each stage made
from unchanged inputs is reused; see explainer/preview/pipeline.py) and the server answers only paths that are keys of the last good build's
files: no output is written (never into `_site/`; only the build's own `.cache/` is updated), and no
URL, however encoded, and no symlink can reach a file the build did not produce. Every request, the WebSocket's too, must name
the preview by a loopback name, an IP address or the --host value in its Host header, so that a page on another
site whose name is made to resolve to 127.0.0.1 (DNS rebinding) is refused. The live-reload script and the error panel are
added to HTML responses as they are sent, never to the built files. Each page's script carries the
number of the build it came from, so a browser that connects after a rebuild is reloaded at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import json
import mimetypes
import re
import secrets
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import livereload
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler
from tornado.websocket import WebSocketClosedError, WebSocketHandler

from ..content.edition import edition_folder
from ..content.load import CONTENT_DIR
from ..errors import BuildFailed
from ..language.interface import Interface
from ..language.tags import resolve
from .pipeline import PreviewPipeline
from .snapshot import WATCHED_DIRS, WATCHED_FILES, Snapshot, describe_changes, scan

POLL_SECONDS = 0.02  # how often the sources are checked for changes
QUIET_SECONDS = 0.15  # how long the sources must stay unchanged before a rebuild: an editor that truncates, then writes, is done by then
LIVERELOAD_JS = Path(livereload.__file__).parent / "vendors" / "livereload.js"
PROTOCOL = "http://livereload.com/protocols/official-7"
PAGE_LANGUAGE = re.compile(rb'<html lang="([A-Za-z0-9-]{1,35})"')
PANEL_STYLE = (
    "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;padding:1rem 1.5rem;"
    "background:#fff;color:#111;border-bottom:4px solid #b00020;font:16px/1.5 system-ui,sans-serif;text-align:left"
)
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/[^\s'\",;)]+")
LINES_STYLE = "margin:.5rem 0;white-space:pre-wrap;font:15px/1.5 ui-monospace,monospace;color:#111;background:#fff3f3;padding:.5rem"


@dataclass(frozen=True)
class Outcome:
    """One rebuild: the site's files and warnings, or the error lines that stopped it."""

    files: Mapping[str, bytes] | None
    problems: tuple[str, ...]
    ms: float


@dataclass(frozen=True)
class State:
    """What the preview serves: the last good files, the latest rebuild's errors, and that rebuild's version."""

    version: str
    files: Mapping[str, bytes]
    errors: tuple[str, ...]


def is_loopback(host: str) -> bool:
    """True if every address `host` resolves to is a loopback address."""
    try:
        infos = socket.getaddrinfo(host or None, None, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE)
    except OSError:
        return False
    return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def host_name(header: str) -> str:
    """The name in a Host header, without its port, brackets or final dot, lower-cased."""
    header = header.strip().lower()
    if header.startswith("["):
        name = header[1 : header.find("]")] if "]" in header else header[1:]
    else:
        name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


def allowed_host(header: str, host: str) -> bool:
    """True if a request's Host header names this preview: a loopback name, an IP address, or the --host value.

    An IP address cannot be rebound to another machine; a name can, by whoever runs its DNS.
    """
    name = host_name(header)
    if not name:
        return False
    if name in LOOPBACK_NAMES or name == host_name(host):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def project_relative(lines: tuple[str, ...], root: Path) -> tuple[str, ...]:
    """Error lines as the browser may see them: paths relative to the project, any other absolute path hidden."""
    prefix = str(root.resolve()) + "/"
    return tuple(ABSOLUTE_PATH.sub("(a path outside the project)", line.replace(prefix, "")) for line in lines)


def rebuild(pipeline: PreviewPipeline, seen: Snapshot, strict: bool, debug: bool) -> Outcome:
    """Render the site in memory from the sources as `seen` (a fresh scan); never raises: every failure becomes error lines like the command line's."""
    started = time.perf_counter()
    try:
        result = pipeline.rebuild(seen, strict)
        return Outcome(result.files, tuple(str(w) for w in result.warnings), elapsed_ms(started))
    except BuildFailed as exc:
        return Outcome(None, tuple(str(e) for e in exc.errors), elapsed_ms(started))
    except (Exception, SystemExit) as exc:  # a bug, not bad input: the preview stays up and says so
        if debug:
            traceback.print_exc()
        message = f"error: internal error: {type(exc).__name__}: {exc}; rerun with --debug and report it"
        return Outcome(None, (message,), elapsed_ms(started))


def elapsed_ms(started: float) -> float:
    """Milliseconds since `started` (a perf_counter reading)."""
    return (time.perf_counter() - started) * 1000


def error_panel(errors: tuple[str, ...], kept: bool, language: str = "en") -> str:
    """The build's error lines in a plain panel on top of the page; `kept` if the last good build is below it.

    The panel speaks the language of the page below it; the error lines themselves are the command line's (English).
    """
    words = Interface(language)
    heading = panel_heading(errors, language)
    below = (
        words.gettext("Below this panel: the last good build.")
        if kept
        else words.gettext("There is no good build yet.")
    )
    advice = words.gettext("Fix the file and save: this page reloads by itself.")
    return (
        f'<section id="preview-errors" role="alert" lang="{html.escape(language)}" dir="{words.direction}" style="{PANEL_STYLE}">'
        f'<h1 style="margin:0;font-size:1.25rem;color:#b00020">{html.escape(heading)}</h1>'
        f'<pre lang="en" dir="ltr" style="{LINES_STYLE}">{html.escape(chr(10).join(errors))}</pre>'
        f'<p style="margin:0">{html.escape(advice)} {html.escape(below)}</p>'
        "</section>"
    )


def panel_heading(errors: tuple[str, ...], language: str) -> str:
    """The panel's heading, "Build failed: 2 errors", in `language`."""
    words = Interface(language)
    return words.ngettext("Build failed: {n} error", "Build failed: {n} errors", len(errors)).replace(
        "{n}", words.number(len(errors))
    )


def page_language(page: bytes | None, language: str = "en") -> str:
    """The language the page below the panel declares (`<html lang>`), else `language`, if CLDR knows it; else English."""
    found = PAGE_LANGUAGE.search(page or b"")
    language = found.group(1).decode("ascii", "replace") if found else language
    try:
        resolve(language)
    except ValueError:
        return "en"
    return language


def edition_page(root: Path, name: str) -> str | None:
    """The folder's name (`fr`) if `name` is the page of an edition (`fr/index.html`): content/ has that folder."""
    tag, _, rest = name.partition("/")
    content = root / CONTENT_DIR
    if rest != "index.html" or edition_folder(f"{CONTENT_DIR}/{name}") is None or not content.is_dir():
        return None
    return tag if tag in {p.name for p in content.iterdir() if p.is_dir()} else None


def preview_page(page: bytes | None, state: State, language: str = "en") -> bytes:
    """A page as previewed: the live-reload script and, while the build is broken, the error panel, before </body>.

    Without a good build of the page, the panel is the page, in `language` (an edition's page: its own)."""
    script = (
        "<script>(function(){var s=document.createElement('script');"
        "s.src='/livereload.js?port='+(location.port||(location.protocol=='https:'?443:80))"
        f"+'&snipver={state.version}&mindelay=250&maxdelay=2000';document.head.appendChild(s)}})();</script>"
    )
    language = page_language(page, language)
    extra = (error_panel(state.errors, page is not None, language) if state.errors else "") + script
    if page is None:
        title = html.escape(panel_heading(state.errors, language))
        page = f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8"><title>{title}</title></head><body></body></html>'.encode()
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + extra.encode("utf-8") + page[at:]


class Preview:
    """The preview's live state: the latest build, the connected browsers, and the rebuild loop."""

    def __init__(self, root: Path, strict: bool = False, debug: bool = False, host: str = "127.0.0.1") -> None:
        self.root = root
        self.host = host
        self.strict = strict
        self.debug = debug
        self.pipeline = PreviewPipeline(root)
        self.session = secrets.token_hex(4)
        self.count = 0
        self.state = State(self.version(), {}, ())
        self.browsers: set[LiveReloadSocket] = set()

    def version(self) -> str:
        """The current rebuild's version, never mistaken for a number by livereload.js."""
        return f"b{self.count}-{self.session}"

    def application(self) -> Application:
        """The preview's routes: livereload's script and socket, then the built files."""
        return Application(
            [
                (r"/livereload\.js", ScriptHandler, {"preview": self, "script": LIVERELOAD_JS.read_bytes()}),
                (r"/livereload", LiveReloadSocket, {"preview": self}),
                (r"/(.*)", FileHandler, {"preview": self}),
            ],
            log_function=lambda handler: None,  # requests are not logged: the log is one line per rebuild
        )

    async def build(self, seen: Snapshot) -> Outcome:
        """Rebuild from the sources as `seen` in a worker thread, so that the server keeps answering meanwhile."""
        return await asyncio.get_running_loop().run_in_executor(
            None, rebuild, self.pipeline, seen, self.strict, self.debug
        )

    def publish(self, outcome: Outcome, reason: str) -> None:
        """Swap in a rebuild's result, reload the browsers once, log one line and the problems."""
        errors = () if outcome.files is not None else outcome.problems
        files = outcome.files if outcome.files is not None else self.state.files
        stamp = f"{time.strftime('%H:%M:%S')} {reason}:"
        if files == self.state.files and errors == self.state.errors:
            print(f"{stamp} rebuilt in {outcome.ms:.0f} ms with the same result; no reload", flush=True)
            return
        self.count += 1
        self.state = State(self.version(), files, project_relative(errors, self.root))
        browsers = self.reload_all()
        if errors:
            print(
                f"{stamp} build failed in {outcome.ms:.0f} ms with {len(errors)} error(s), the last good build is kept; reloaded {browsers} browser(s)",
                file=sys.stderr,
                flush=True,
            )
        else:
            print(
                f"{stamp} built {len(files)} files in {outcome.ms:.0f} ms; reloaded {browsers} browser(s)", flush=True
            )
        if outcome.problems:
            print("\n".join(outcome.problems), file=sys.stderr, flush=True)

    async def settled(self, now: Snapshot) -> Snapshot:
        """The sources once a scan has stayed the same for QUIET_SECONDS, starting from the scan `now`."""
        while True:
            await asyncio.sleep(QUIET_SECONDS)
            again = scan(self.root)
            if again == now:
                return now
            now = again

    def reload_all(self) -> int:
        """Tell every connected browser to reload; return how many were told."""
        for browser in list(self.browsers):
            browser.reload()
        return len(self.browsers)

    async def watch(self, seen: Snapshot) -> None:
        """Rebuild whenever the sources differ from `seen`, forever.

        A rebuild starts once the sources have stayed unchanged for QUIET_SECONDS, so that a file saved by
        truncating it and then writing it is not built half-written; a rebuild during which the sources changed
        again is dropped and redone, so a burst of saves is published, and reloads the browsers, once.
        """
        while True:
            await asyncio.sleep(POLL_SECONDS)
            now = scan(self.root)
            if now == seen:
                continue
            now = await self.settled(now)
            outcome = await self.build(now)
            if scan(self.root) == now:
                self.publish(outcome, describe_changes(seen, now))
                seen = now


class HostChecked(RequestHandler):
    """A handler that refuses, before anything else, a request whose Host header does not name the preview."""

    preview: Preview

    def prepare(self) -> None:
        if not allowed_host(self.request.headers.get("Host", ""), self.preview.host):
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(
                "this preview answers only at its own address, such as http://127.0.0.1/ or http://localhost/\n"
            )


class FileHandler(HostChecked):
    """Answers only paths the last good build produced; the live-reload script goes into HTML pages."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def get(self, path: str) -> None:
        state = self.preview.state
        name = path + "index.html" if path == "" or path.endswith("/") else path
        data = state.files.get(name)
        is_page = name.endswith(".html")
        edition = edition_page(self.preview.root, name) if data is None and state.errors else None
        if data is None and not (state.errors and (name == "index.html" or edition)):
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("not found in the built site\n")
            return
        if is_page:
            data = preview_page(data, state, edition or "en")
            self.set_status(500 if state.errors else 200)
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self.set_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(data)


class ScriptHandler(HostChecked):
    """livereload's browser script, from the installed livereload package."""

    def initialize(self, preview: Preview, script: bytes) -> None:
        self.preview = preview
        self.script = script

    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.finish(self.script)


class LiveReloadSocket(HostChecked, WebSocketHandler):
    """livereload's protocol, same origin only; a browser showing an older build is reloaded as soon as it says hello."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def check_origin(self, origin: str) -> bool:
        return False  # tornado asks only about cross-origin requests: refuse them all

    def on_message(self, message: str | bytes) -> None:
        try:
            hello = json.loads(message)
        except ValueError:
            return
        if not isinstance(hello, dict) or hello.get("command") != "hello":
            return
        self.write_message({"command": "hello", "protocols": [PROTOCOL], "serverName": "explainer-preview"})
        self.preview.browsers.add(self)
        if str(hello.get("snipver")) != self.preview.state.version:
            self.reload()

    def reload(self) -> None:
        """Reload the whole page; no file path is sent."""
        with contextlib.suppress(WebSocketClosedError):  # the browser left meanwhile
            self.write_message({"command": "reload", "path": "/", "liveCSS": False, "liveImg": False})

    def on_close(self) -> None:
        self.preview.browsers.discard(self)


async def run_preview(
    root: Path,
    sockets: list[socket.socket],
    strict: bool = False,
    debug: bool = False,
    ready: Callable[[], None] | None = None,
    host: str = "127.0.0.1",
) -> None:
    """Build, serve on `sockets` and rebuild on every save, until cancelled; call `ready` once the server answers.

    `host` is the --host value: requests may name the preview by it, besides loopback names and IP addresses.
    """
    preview = Preview(root, strict, debug, host)
    seen = scan(root)
    preview.publish(await preview.build(seen), "first build")
    server = HTTPServer(preview.application())
    server.add_sockets(sockets)
    if ready:
        ready()
    try:
        await preview.watch(seen)
    finally:
        server.stop()
        for browser in list(preview.browsers):
            browser.close()
        await server.close_all_connections()


def serve(root: Path, host: str, port: int, strict: bool = False, debug: bool = False) -> int:
    """Serve a live preview on host:port until interrupted (Ctrl+C) or terminated (SIGTERM); return the exit status.

    The address is printed once the first build is in and the server answers, so it can be opened at once.
    """
    try:
        sockets = bind_sockets(port, host)
    except OSError as exc:
        other = port + 1 if 0 < port < 65535 else 8001
        print(
            f"error: cannot listen on {host}:{port}: {exc.strerror or exc}; choose another port, "
            f"such as `make serve PORT={other}` or `build.py serve --port {other}` (or another --host)",
            file=sys.stderr,
        )
        return 1
    bound = sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host

    def announce() -> None:
        print(
            f"previewing http://{shown}:{bound}/ (press Ctrl+C to stop); watching {', '.join(WATCHED_FILES + WATCHED_DIRS)}",
            flush=True,
        )

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # stop as Ctrl+C does: a background job may have SIGINT ignored

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        asyncio.run(run_preview(root, sockets, strict, debug, announce, host))
    except KeyboardInterrupt:
        print("preview stopped", flush=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
