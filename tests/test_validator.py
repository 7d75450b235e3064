"""Every built HTML file passes the current W3C Nu HTML checker."""

from __future__ import annotations

from .nu import assert_valid_html


def test_built_html_is_valid(story_site):
    assert_valid_html(sorted(story_site.rglob("*.html")))
