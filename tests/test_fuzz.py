"""Random but plausible explainers: every build exits 0 or 1 with messages, never a traceback, and a failed build
leaves the last good output as it was.

The title, byline and places stay those of the test site, so that the map and the sharing image are drawn once and
reused from .cache/ (each drawing takes seconds); everything else varies: keys, values, nesting, Markdown, files.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.cli import main

from .sites import SITE_YAML, write_site

KNOWN_KEYS = (
    "id",
    "title",
    "label",
    "date",
    "end",
    "text",
    "theme",
    "places",
    "people",
    "source",
    "name",
    "url",
    "summary",
    "note",
    "approximate",
    "kind",
    "role",
)
MARKS = (
    "[",
    "]",
    "](",
    ")",
    "<x",
    "<abbr>",
    "</q>",
    "# ",
    "### ",
    "- ",
    "1. ",
    "> ",
    "`",
    "```\n",
    "**",
    "_",
    "&#1;",
    "&#x202E;",
    "[^1]",
    "[^1]: n",
    "\n",
    "\n\n",
    "    ",
    "\\",
    "---",
    "![a](b)",
    "[a](javascript:x)",
)

# Text with what editors type and what they should not: control characters and bidi controls; in YAML, whose JSON
# escapes can write anything, lone surrogates too.
plain = st.text(st.characters(codec="utf-8") | st.sampled_from("\x00\x01\x1b\x7f\x85\u202e\u2066\ufeff"), max_size=40)
texts = plain | st.sampled_from(["\ud800", "a\udfffb"])
markdown = st.lists(st.sampled_from(MARKS) | plain, max_size=30).map("".join)
scalars = st.one_of(
    texts,
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "alpha",
            "beta",
            "islamabad",
            "kabul",
            "2021-04-06",
            "0000",
            "9999-12-31T23:59-14:00",
            "2021-13",
            "https://example.org/",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KNOWN_KEYS) | texts, inner, max_size=5),
    max_leaves=12,
)
mappings = st.dictionaries(st.sampled_from(KNOWN_KEYS) | texts, values | markdown, max_size=8)


def yaml_value(value: object) -> str:
    """A value as YAML: JSON, which YAML's flow style reads (strings escaped, surrogates too)."""
    return json.dumps(value, allow_nan=True)


def section(front: dict, body: str) -> str:
    return f"---\n{yaml_value(front)}\n---\n{body}\n"


@st.composite
def explainers(draw) -> dict[str, str | bytes | None]:
    """A dict of files on top of the test site, each change made one time in three."""
    files: dict[str, str | bytes | None] = {}
    sometimes = st.integers(0, 2).map(lambda n: n == 0)
    site = SITE_YAML
    if draw(sometimes):
        site = site.replace("dek: A small explainer for tests.", f"dek: {yaml_value(draw(values))}")
    if draw(sometimes):
        site = site.replace(
            "https://example.org/test/",
            yaml_value(
                draw(texts | st.sampled_from(["https://a.org//b/", "http://a.org/x/\nDisallow: /", "https://a.org"]))
            ),
        )
    if draw(sometimes):
        site += f"{draw(st.sampled_from(['updated', 'people', 'map', 'brand', 'routes', 'source', 'themes']))}: {yaml_value(draw(values))}\n"
    if draw(sometimes):
        site = site.replace(
            "id: beta",
            f"id: {yaml_value(draw(st.sampled_from(['main', 'timeline', 'event-x', 'beta', 'Beta', '']) | texts))}",
        )
    files["site.yaml"] = site
    for name in ("alpha", "beta"):
        if draw(sometimes):
            front = {"theme": name, "title": "T", **draw(mappings)}  # a JSON object is YAML front matter
            files[f"content/{name}.md"] = section(front, draw(markdown))
    if draw(sometimes):
        events = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "id": st.sampled_from(["one", "two"]) | texts,
                        "title": texts,
                        "date": scalars,
                        "theme": st.sampled_from(["alpha", "beta"]),
                    },
                    optional={"text": markdown, "end": scalars, "places": values, "source": values},
                ),
                max_size=4,
            )
        )
        files["content/events.yaml"] = yaml_value({"events": events})
    if draw(sometimes):
        files["content/updates.yaml"] = yaml_value(
            {"updates": draw(st.lists(st.fixed_dictionaries({"date": scalars, "text": markdown}), max_size=3))}
        )
    if draw(sometimes):
        name = draw(
            st.sampled_from(
                [
                    "static/css/extra.css",
                    "static/js/extra.js",
                    "static/images/x.png",
                    "content/extra.md",
                    "content/notes.txt",
                    "templates/_extra.html",
                ]
            )
        )
        files[name] = draw(st.binary(max_size=64) | plain)
    return files


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_random_explainers_exit_0_or_1_with_messages_and_keep_the_last_good_output(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    root = write_site(base / "site", {})
    out = base / "out"
    assert main(["--project", str(root), "--out", str(out)]) == 0  # draws the map and image once
    good = {"files": snapshot(out)}

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(explainers())
    def build(files: dict[str, str | bytes | None]) -> None:
        for folder in ("content", "static", "templates"):
            shutil.rmtree(root / folder)
        write_site(root, files)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            status = main(["--project", str(root), "--out", str(out)])
        err = stderr.getvalue()
        assert status in (0, 1), err
        assert "Traceback" not in err and "internal error" not in err, err
        if status == 1:
            assert err.endswith("nothing was written\n"), err
            assert snapshot(out) == good["files"]
        else:
            good["files"] = snapshot(out)

    build()
