"""A results folder's entries that lead out of it (kpidsl/regular_file.py open_beneath), told
before any byte is read, whatever the way the folder or the link is written
(tests/test_results_not_regular.py runs the commands on such a folder;
tests/test_results_link_swapped.py swaps an entry between the check and the open)."""

from __future__ import annotations

import os

import pytest

from kpidsl import regular_file
from kpidsl.regular_file import LinkOut, open_beneath
from kpidsl.score.results import results_files

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="POSIX links")


def _out(folder, listed) -> list[str]:
    """The names of ``listed`` that open_beneath refuses as leading out of ``folder``; the
    others are read, each as the file it leads to."""
    out = []
    for p in listed:
        try:
            with open_beneath(folder, p) as f:
                assert f.read() == b"x\n", p
        except LinkOut:
            out.append(p.name)
    return out


def test_links_out_of_the_folder_are_refused_and_links_within_it_read(tmp_path, monkeypatch):
    folder = tmp_path / "results"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.csv").write_text("x\n", encoding="utf-8")
    (folder / "sub" / "inner.csv").write_text("x\n", encoding="utf-8")
    secret = tmp_path / "secret.csv"
    secret.write_text("key\n", encoding="utf-8")
    (folder / "b.csv").symlink_to(folder / "a.csv")           # within: read as itself
    (folder / "c.csv").symlink_to("sub/inner.csv")            # within, written relative
    (folder / "d.csv").symlink_to(secret)                     # out
    (folder / "e.csv").symlink_to("../secret.csv")            # out, written relative
    (folder / "f.csv").symlink_to(folder / "d.csv")           # a link to a link out: out
    listed = results_files(folder)
    assert [p.name for p in listed] == ["a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "f.csv"]
    assert _out(folder, listed) == ["d.csv", "e.csv", "f.csv"]
    # the folder named relative to where the command runs, or through a link of its own
    monkeypatch.chdir(tmp_path)
    relative = folder.relative_to(tmp_path)
    assert _out(relative, results_files(relative)) == ["d.csv", "e.csv", "f.csv"]
    alias = tmp_path / "alias"
    alias.symlink_to(folder)
    assert _out(alias, results_files(alias)) == ["d.csv", "e.csv", "f.csv"]


@pytest.mark.parametrize("command", ["score", "render", "diff"])
def test_every_link_out_of_the_folder_is_told_in_one_run(tmp_path, monkeypatch, command):
    """require_results (kpidsl/cli/common.py) told the first link out and stopped: an officer
    with three links in a shared folder mended one a run. Each is told, at its entry, in
    the folder's order, and a FIFO beside them too; exit 2, nothing read of any."""
    from pathlib import Path

    from click.testing import CliRunner

    from kpidsl.cli import main

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "a.csv").write_bytes((root / "examples" / "results_2555.csv").read_bytes())
    secret = tmp_path / "secret.csv"
    secret.write_text("agreement,5\nTOP-SECRET-LINE,78\n", encoding="utf-8")
    (folder / "b.csv").symlink_to(secret)
    (folder / "c.json").symlink_to("../secret.csv")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "d.csv")
    (folder / "e.csv").symlink_to(folder / "b.csv")
    out = tmp_path / "out"
    args = {"score": ["score", "rules/2555", "--format", "csv", "-o", str(out), "--results", str(folder)],
            "render": ["render", "rules/2555", "--form", "individual", "-o", str(out), "--results", str(folder)],
            "diff": ["diff", "rules/2555", "rules/2555", "-o", str(out), "--rescore", str(folder)]}[command]
    done = CliRunner().invoke(main, [*args, "--lang", "en"])
    told = [line.split(":")[0] for line in done.output.splitlines() if "Q008" in line]
    odd = ["b.csv", "c.json", *(["d.csv"] if hasattr(os, "mkfifo") else []), "e.csv"]
    assert done.exit_code == 2, done.output
    assert told == [str(folder / name) for name in odd], done.output
    assert "TOP-SECRET" not in done.output and not out.exists()


@pytest.mark.skipif(not regular_file.WALKS, reason="a folder walked name by name (dir_fd)")
def test_each_folder_on_the_way_is_opened_as_a_folder_no_link_followed_none_inherited(tmp_path, monkeypatch):
    """How open_beneath opens what it walks: the folder named, then each folder beneath it as a
    folder (O_DIRECTORY) and not through a link (O_NOFOLLOW), then the entry as open_regular
    opens a file; each descriptor closed on exec (O_CLOEXEC), so a program another thread starts
    meanwhile is handed none of them."""
    folder = tmp_path / "results"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "r.csv").write_text("x\n", encoding="utf-8")
    opened = []
    real = os.open

    def recorded(path, flags, *args, **kwargs):
        opened.append((str(path), flags))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recorded)
    with open_beneath(folder, folder / "a" / "b" / "r.csv") as f:
        assert f.read() == b"x\n"
    assert [path for path, _ in opened] == [os.path.realpath(folder), "a", "b", "r.csv"]
    (_, top), *between, (_, entry) = opened
    assert top & os.O_DIRECTORY and top & os.O_CLOEXEC
    for _, flags in between:
        assert flags & os.O_DIRECTORY and flags & os.O_NOFOLLOW and flags & os.O_CLOEXEC
    for flag in (os.O_NOFOLLOW, os.O_CLOEXEC, os.O_NONBLOCK, os.O_NOCTTY):
        assert entry & flag
    assert not entry & os.O_DIRECTORY
