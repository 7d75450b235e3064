"""Every kind of bad input gives exact `path:line:col: error:` messages, exit 1, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .sites import SITE_YAML, write_site

DEEP = "[" * 200 + "]" * 200

CASES = {
    "site.yaml syntax": (
        {"site.yaml": "title: [unclosed\n"},
        ["site.yaml:2:1: error: YAML syntax: expected ',' or ']', but got '<stream end>'; check indentation, colons and quotes"],
    ),
    "site.yaml missing": (
        {"site.yaml": None},
        ["site.yaml: error: site.yaml is missing; create it (see the README for its keys)"],
    ),
    "site.yaml empty": (
        {"site.yaml": "# nothing yet\n"},
        ["site.yaml:1:1: error: site.yaml is empty; it needs at least title, dek, language, published, themes and places"],
    ),
    "front matter missing": (
        {"content/alpha.md": "theme: alpha\n"},
        ["content/alpha.md:1:1: error: the file must start with front matter: a line '---', the keys, then another '---'"],
    ),
    "front matter unterminated": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\n"},
        ["content/alpha.md:1:1: error: the front matter opened here is never closed; add a line '---' after its keys"],
    ),
    "front matter empty": (
        {"content/alpha.md": "---\n---\nText\n"},
        ["content/alpha.md:1:1: error: the front matter is empty; add at least 'theme' and 'title'"],
    ),
    "front matter syntax": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: [x\n---\nText\n"},
        ["content/alpha.md:3:10: error: YAML syntax: expected ',' or ']', but got '<stream end>'; check indentation, colons and quotes"],
    ),
    "not UTF-8": (
        {"content/alpha.md": b"---\ntheme: alpha\ntitle: A\n---\nCaf\xe9\n"},
        ["content/alpha.md:5:4: error: byte 0xe9 is not UTF-8; save the file as UTF-8"],
    ),
    "missing required key": (
        {"content/alpha.md": "---\ntheme: alpha\n---\nText\n"},
        ["content/alpha.md:2:1: error: the front matter needs 'title'; add a line 'title: …'"],
    ),
    "unknown key": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\ntitel: B\n---\nText\n"},
        ["content/alpha.md:4:1: error: unknown key 'titel' in the front matter (did you mean 'title'?)"],
    ),
    "unknown key in site.yaml": (
        {"site.yaml": SITE_YAML.replace("dek:", "dke:")},
        [
            "site.yaml:1:1: error: site.yaml needs 'dek'; add a line 'dek: …'",
            "site.yaml:2:1: error: unknown key 'dke' in site.yaml (did you mean 'dek'?)",
        ],
    ),
    "wrong type": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: [a, b]\n---\nText\n"},
        ["content/alpha.md:3:8: error: 'title' must be text, not a list"],
    ),
    "wrong type for a number": (
        {"site.yaml": SITE_YAML.replace("lat: 33.6844", "lat: north")},
        ["site.yaml:17:10: error: 'lat' must be a number, not the text 'north'"],
    ),
    "coordinate out of range": (
        {"site.yaml": SITE_YAML.replace("lon: 73.0479", "lon: 273.0479")},
        ["site.yaml:18:10: error: 'lon' is 273.0479, outside the range -180 to 180"],
    ),
    "impossible date": (
        {"site.yaml": SITE_YAML.replace("2021-04-07", "2021-02-30")},
        ["site.yaml:4:12: error: 'published': '2021-02-30' is not a day on the calendar; check the month and day"],
    ),
    "impossible event date": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-13\n    theme: alpha\n"},
        ["content/events.yaml:4:11: error: 'date': '2021-13' has no month 13; months run from 01 to 12"],
    ),
    "bad date precision": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-4\n    theme: alpha\n"},
        ["content/events.yaml:4:11: error: 'date': '2021-4' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM, such as 2021-04-06"],
    ),
    "end before start": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021-04-06\n    end: 2021-04-01\n    theme: alpha\n"},
        ["content/events.yaml:5:10: error: 'end' (2021-04-01) is not after 'date' (2021-04-06); fix the dates or remove 'end'"],
    ),
    "unknown place": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: [islamabd]\n---\nText\n"},
        ["content/alpha.md:4:10: error: unknown place 'islamabd' (did you mean 'islamabad'?)"],
    ),
    "unknown theme": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alfa\n"},
        ["content/events.yaml:5:12: error: unknown theme 'alfa' (did you mean 'alpha'?)"],
    ),
    "theme without a section": (
        {"content/beta.md": None},
        ["site.yaml:12:5: error: theme 'beta' has no section; add content/beta.md with 'theme: beta'"],
    ),
    "two sections for one theme": (
        {"content/gamma.md": "---\ntheme: alpha\ntitle: Again\n---\nText\n"},
        ["content/gamma.md:2:8: error: duplicate section for theme id 'alpha' (first used at content/alpha.md:2:8); give each section for theme its own id"],
    ),
    "duplicate event id": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alpha\n  - id: one\n    title: B\n    date: 2021\n    theme: alpha\n"},
        ["content/events.yaml:6:5: error: duplicate event id 'one' (first used at content/events.yaml:2:5); give each event its own id"],
    ),
    "duplicate place id": (
        {"site.yaml": SITE_YAML.replace("id: kabul", "id: islamabad")},
        [
            "content/beta.md:4:10: error: unknown place 'kabul' (define it in places first)",
            "site.yaml:19:5: error: duplicate place id 'islamabad' (first used at site.yaml:15:5); give each place its own id",
        ],
    ),
    "duplicate YAML key": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\ntitle: B\n---\nText\n"},
        ["content/alpha.md:4:1: error: duplicate key 'title' (first set on line 3); remove one of them"],
    ),
    "YAML 1.1 boolean": (
        {"content/events.yaml": "events:\n  - id: one\n    title: A\n    date: 2021\n    theme: alpha\n    approximate: yes\n"},
        ["content/events.yaml:6:18: error: 'approximate' must be true or false, not the text 'yes'; YAML 1.1 words such as yes, no, on and off are not booleans here"],
    ),
    "YAML anchors": (
        {"content/alpha.md": "---\ntheme: &t alpha\ntitle: *t\n---\nText\n"},
        ["content/alpha.md:3:8: error: anchors and aliases (& and *) are not supported; write the value out in full"],
    ),
    "absurd nesting": (
        {"content/alpha.md": f"---\ntheme: alpha\ntitle: A\nplaces: {DEEP}\n---\nText\n"},
        ["content/alpha.md:4:41: error: YAML is nested too deeply; use at most 32 levels"],
    ),
    "nesting deeper than the parser's stack": (
        {"content/alpha.md": "---\ntheme: alpha\ntitle: A\nplaces: " + "[" * 5000 + "\n---\nText\n"},
        ["content/alpha.md:2:1: error: YAML is nested too deeply; use at most 32 levels"],
    ),
    "updated before published": (
        {"site.yaml": SITE_YAML.replace("published: 2021-04-07", "published: 2021-04-07\nupdated: 2021-04-01")},
        ["site.yaml:5:10: error: 'updated' (2021-04-01) is before 'published' (2021-04-07); fix one of the dates"],
    ),
    "unsupported language": (
        {"site.yaml": SITE_YAML.replace("language: en", "language: xx")},
        ["site.yaml:3:11: error: language 'xx' is not supported; use one of: en, en-GB, en-US"],
    ),
    "unknown source kind": (
        {"site.yaml": SITE_YAML.replace("  name: A test article\n", "  name: A test article\n  kind: blog\n")},
        ["site.yaml:8:9: error: unknown source kind 'blog'; use one of: opinion, news report, analysis, interview, official statement, press release, speech, report, document, data"],
    ),
    "unknown person": (
        {
            "site.yaml": SITE_YAML + "people:\n  - id: ann-lee\n    name: Ann Lee\n    role: Mayor\n",
            "content/alpha.md": "---\ntheme: alpha\ntitle: A\npeople: [ann-le]\n---\nText\n",
        },
        ["content/alpha.md:4:10: error: unknown person 'ann-le' (did you mean 'ann-lee'?)"],
    ),
    "template syntax": (
        {"templates/_footer.html": "<footer>\n{% if %}\n</footer>\n"},
        ["templates/_footer.html:2: error: template syntax: Expected an expression, got 'end of statement block'"],
    ),
    "template undefined variable": (
        {"templates/_footer.html": "<footer>\n{{ site.titel }}\n</footer>\n"},
        ["templates/_footer.html:2: error: template: 'dict object' has no attribute 'titel'; check the variable names the README lists"],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_input_is_reported_exactly(name, make_site, run_cli):
    files, expected = CASES[name]
    root = make_site(files)
    status, out, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines()[:-1] == expected
    assert err.splitlines()[-1] == f"build failed: {len(expected)} error(s); nothing was written"
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A test site built once; each case breaks it, builds again, and restores it."""
    root = write_site(tmp_path_factory.mktemp("untouched") / "site", {})
    out = root.parent / "out"
    from explainer.cli import main

    assert main(["--project", str(root), "--out", str(out)]) == 0
    return root, out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", CASES)
def test_failed_build_leaves_output_untouched(name, good_build, run_cli):
    root, out = good_build
    before = snapshot(out)
    files, _ = CASES[name]
    saved = {rel: (root / rel).read_bytes() if (root / rel).exists() else None for rel in files}
    try:
        write_site(root, files)
        for rel, data in files.items():
            if data is None:
                (root / rel).unlink()
        status, _, _ = run_cli("--project", str(root), "--out", str(out))
    finally:
        for rel, data in saved.items():
            if data is None:
                (root / rel).unlink(missing_ok=True)
            else:
                (root / rel).write_bytes(data)
    assert status == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "site"]


def test_symlink_out_of_the_project_is_refused(make_site, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publishing")
    root = make_site()
    for folder in ("content", "static", "templates"):
        os.symlink(secret, root / folder / "leak.md")
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 1
    assert err.splitlines()[:3] == [
        f"{folder}/leak.md: error: {folder}/leak.md is a symlink to {secret}, outside the project; copy the file in instead"
        for folder in ("content", "static", "templates")
    ]


def test_debug_shows_a_traceback_for_internal_errors(make_site, run_cli, monkeypatch):
    import explainer.build

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(explainer.build, "write_site", broken)
    root = make_site()
    status, _, err = run_cli("--project", str(root), "--out", str(root / "_site"))
    assert (status, err) == (1, "error: internal error: RuntimeError: boom; rerun with --debug and report it\n")
    status, _, err = run_cli("--project", str(root), "--out", str(root / "_site"), "--debug")
    assert status == 1 and "Traceback" in err and "RuntimeError: boom" in err
