"""Preview: build into a private folder, serve it on loopback, rebuild and reload on every save."""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import BuildFailed

WATCHED = ("site.yaml", "content", "templates", "static")


def error_page(messages: list[str]) -> str:
    """A plain page listing build errors, shown in the browser until they are fixed."""
    items = "\n".join(f"<li><code>{html.escape(m)}</code></li>" for m in messages)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
        f'<body style="font:16px/1.5 system-ui;margin:2rem"><h1>Build failed</h1><ul>{items}</ul>'
        "<p>Fix the file and save: this page reloads by itself.</p></body></html>"
    )


def serve(root: Path, out: Path, host: str, port: int) -> int:
    """Serve a live preview until interrupted; `out` is left alone, the preview has its own folder."""
    from livereload import Server

    from .build import build

    preview = Path(tempfile.mkdtemp(prefix="explainer-preview-")) / "site"

    def rebuild() -> None:
        try:
            build(root, preview)
            print("rebuilt", file=sys.stderr)
        except BuildFailed as exc:
            messages = [str(e) for e in exc.errors]
            print("\n".join(messages), file=sys.stderr)
            preview.mkdir(parents=True, exist_ok=True)
            (preview / "index.html").write_text(error_page(messages), encoding="utf-8")

    rebuild()
    server = Server()
    for name in WATCHED:
        server.watch(str(root / name), rebuild, delay=0.2)
    try:
        server.serve(host=host, port=port, root=str(preview), open_url_delay=None)
    finally:
        shutil.rmtree(preview.parent, ignore_errors=True)
    return 0
