"""A results folder's links out of it (kpidsl/score/results links_out), named before any file is
read (tests/test_results_not_regular.py runs the commands on such a folder)."""

from __future__ import annotations

import os

import pytest

from kpidsl.score.results import links_out, results_files

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="POSIX links")


def test_links_out_of_the_folder_are_named_and_links_within_it_are_not(tmp_path, monkeypatch):
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
    assert [p.name for p in links_out(folder, listed)] == ["d.csv", "e.csv", "f.csv"]
    # the folder named relative to where the command runs, or through a link of its own
    monkeypatch.chdir(tmp_path)
    assert [p.name for p in links_out(folder.relative_to(tmp_path), results_files(folder.relative_to(tmp_path)))] \
        == ["d.csv", "e.csv", "f.csv"]
    alias = tmp_path / "alias"
    alias.symlink_to(folder)
    assert [p.name for p in links_out(alias, results_files(alias))] == ["d.csv", "e.csv", "f.csv"]
