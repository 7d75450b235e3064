"""The command line, driven in-process, and the README that documents it."""

from __future__ import annotations

import re

import pytest

from explainer.writer import MARKER

from .sites import PROJECT


def test_build_writes_the_site_with_a_marker(make_site, run_cli):
    root = make_site()
    status, out, err = run_cli("--project", str(root))
    assert (status, err) == (0, "")
    assert re.fullmatch(rf"built \d+ files into {re.escape(str(root / '_site'))} \(\d+ ms\)\n", out)
    assert (root / "_site" / "index.html").is_file()
    assert (root / "_site" / MARKER).is_file()


def project_files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_check_validates_and_writes_nothing(make_site, run_cli):
    root = make_site()
    before = project_files(root)
    status, out, err = run_cli("--project", str(root), "check")
    assert status == 0 and err == ""
    assert out.startswith("check passed: ")
    assert project_files(root) == before
    assert not (root / ".cache").exists()


def test_check_reads_an_existing_cache_and_adds_nothing_to_it(make_site, run_cli, tmp_path):
    root = make_site()
    assert run_cli("--project", str(root), "--out", str(tmp_path / "out"))[0] == 0
    cached = project_files(root / ".cache")
    assert any(name.startswith("map-") for name in cached) and any(name.startswith("templates/") for name in cached)
    assert run_cli("--project", str(root), "check")[0] == 0
    (root / "site.yaml").write_text((root / "site.yaml").read_text().replace("lat: 33.6844", "lat: 33.7"))  # a new map
    (root / "templates" / "_footer.html").write_text(
        (root / "templates" / "_footer.html").read_text() + "\n"
    )  # a template to compile again
    assert run_cli("--project", str(root), "check")[0] == 0
    assert project_files(root / ".cache") == cached


def test_warnings_pass_unless_strict(make_site, run_cli):
    root = make_site({"content/beta.md": "---\ntheme: beta\ntitle: Beta\n---\nText\n"})
    status, _, err = run_cli("--project", str(root), "check")
    assert status == 0
    assert (
        err
        == "site.yaml:19:5: warning: place 'kabul' is not used by any section, event or route; remove it or refer to it\n"
    )
    status, _, err = run_cli("--project", str(root), "check", "--strict")
    assert status == 1
    assert (
        err.splitlines()[0]
        == "site.yaml:19:5: error: place 'kabul' is not used by any section, event or route; remove it or refer to it"
    )


def test_help_has_examples(run_cli):
    with pytest.raises(SystemExit) as info:
        run_cli("--help")
    assert info.value.code == 0


def test_unknown_command_is_a_usage_error(run_cli, capsys):
    with pytest.raises(SystemExit) as info:
        run_cli("publish")
    assert info.value.code == 2


def test_readme_quick_start_commands_exist():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", readme, flags=re.MULTILINE):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    assert "make test" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
