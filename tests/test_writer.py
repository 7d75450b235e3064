"""The output folder: atomic swaps, and refusal of any folder a build could damage."""

from __future__ import annotations

import os
import pathlib
import shutil
import threading
from pathlib import Path

import pytest

from explainer import writer
from explainer.writer import MARKER, check_output, leftovers, locked, write_site

OLD = {"index.html": b"old", "assets/site.css": b"old css", "feed.xml": b"<feed/>"}
NEW = {"index.html": b"new", "assets/site.css": b"new css", "data/events.json": b"[]"}


def files_in(out: Path) -> dict[str, bytes] | None:
    """The folder's files (the marker left out), or None if there is nothing at `out`."""
    if not out.is_dir():
        return None
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != MARKER}


def crash_after(calls: int, out: Path) -> int:
    """Run write_site(out, NEW) in a forked child killed right after its `calls`-th file-system step; its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: count every step that changes the file system, and die without cleaning up
        done = 0

        def counted(function):
            def step(*args, **kwargs):
                nonlocal done
                result = function(*args, **kwargs)
                done += 1
                if done == calls:
                    os._exit(17)
                return result

            return step

        writer.exchange = counted(writer.exchange)
        shutil.rmtree = counted(shutil.rmtree)
        os.chmod = counted(os.chmod)
        for name in ("rename", "write_bytes", "mkdir"):
            setattr(pathlib.Path, name, counted(getattr(pathlib.Path, name)))
        try:
            write_site(out, NEW)
        finally:
            os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_a_crash_at_any_step_leaves_the_old_or_the_new_site_and_the_next_build_cleans_up(tmp_path):
    out = tmp_path / "_site"
    calls = 0
    while True:
        calls += 1
        shutil.rmtree(tmp_path)
        tmp_path.mkdir()
        write_site(out, OLD)
        status = crash_after(calls, out)
        assert files_in(out) in (OLD, NEW), f"after step {calls} of the swap there is no complete site at {out}"
        write_site(out, NEW)
        assert files_in(out) == NEW
        assert leftovers(out) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["_site"]
        if status == 0:  # the build ran to its end: every step has been a crash point
            break
        assert status == 17
    assert calls > 5


def test_the_swap_exchanges_the_two_names_in_one_step_on_linux(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("in a")
    assert writer.exchange(a, b)
    assert (b / "x").read_text() == "in a" and not (a / "x").exists()
    out = tmp_path / "_site"
    write_site(out, OLD)
    renames = []
    monkeypatch.setattr(pathlib.Path, "rename", lambda self, target: renames.append(self))
    write_site(out, NEW)
    assert renames == [] and files_in(out) == NEW


def test_the_swap_falls_back_to_two_renames_where_names_cannot_be_exchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "exchange", lambda a, b: False)
    out = tmp_path / "_site"
    write_site(out, OLD)
    write_site(out, NEW)
    assert files_in(out) == NEW and sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_a_second_build_at_the_same_time_says_so_and_waits(tmp_path, capsys):
    out = tmp_path / "_site"
    write_site(out, OLD)
    second = threading.Thread(target=write_site, args=(out, NEW))
    with locked(out):
        second.start()
        second.join(2)
        assert second.is_alive() and files_in(out) == OLD
    second.join(60)
    assert not second.is_alive() and files_in(out) == NEW
    assert capsys.readouterr().err == f"another build is writing {out} right now; waiting for it to finish\n"


def test_write_site_swaps_in_a_complete_folder(tmp_path):
    out = tmp_path / "_site"
    write_site(out, {"index.html": b"one", "assets/a.css": b"x"})
    write_site(out, {"index.html": b"two"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [MARKER, "index.html"]
    assert (out / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


def test_write_site_failure_keeps_the_old_output(tmp_path):
    out = tmp_path / "_site"
    write_site(out, {"index.html": b"good"})
    with pytest.raises(OSError):
        write_site(out, {"a": b"file", "a/b": b"cannot be both file and folder"})
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_site"]


@pytest.mark.parametrize(
    "target, message",
    [
        (".", "refusing to build into the project folder or one of its parents; choose an empty folder such as _site"),
        ("..", "refusing to build into the project folder or one of its parents; choose an empty folder such as _site"),
        ("content", "refusing to build into the source folder content/; choose an empty folder such as _site"),
        ("templates/out", "refusing to build into the source folder templates/; choose an empty folder such as _site"),
        ("static", "refusing to build into the source folder static/; choose an empty folder such as _site"),
        ("site.yaml", "the output path is a file; choose a folder"),
        (
            "docs",
            f"refusing to replace a folder this generator did not create (no {MARKER} in it); empty it or choose another",
        ),
    ],
)
def test_check_output_refuses_dangerous_folders(tmp_path, target, message):
    root = tmp_path / "project"
    for folder in ("content", "templates", "static", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "site.yaml").write_text("title: x\n")
    (root / "docs" / "notes.txt").write_text("mine")
    error = check_output(root / target, root)
    assert error is not None and error.message == message


def test_check_output_accepts_new_empty_and_own_folders(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "empty").mkdir()
    write_site(root / "_site", {"index.html": b""})
    for target in ("_site", "empty", "new", "../elsewhere"):
        assert check_output(root / target, root) is None


def test_cli_refuses_out_and_writes_nothing(make_site, run_cli):
    root = make_site()
    before = sorted(str(p) for p in Path(root).rglob("*"))
    status, _, err = run_cli("--project", str(root), "--out", str(root / "content"))
    assert status == 1
    assert (
        err.splitlines()[0]
        == f"{root / 'content'}: error: refusing to build into the source folder content/; choose an empty folder such as _site"
    )
    assert sorted(str(p) for p in Path(root).rglob("*")) == before
