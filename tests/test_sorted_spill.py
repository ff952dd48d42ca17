"""kpidsl/sorted_spill.py: an external merge sort gives sorted()'s order, stable, whatever
the size of its runs and however many are merged at once."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

import kpidsl.sorted_spill as spill


def _items(n: int) -> list[tuple[int, str]]:
    rng = random.Random(2554)
    return [(rng.randrange(7), f"row {k} \ud800 ก\n\u2028") for k in range(n)]  # a lone surrogate, newlines


@pytest.mark.parametrize("run_rows, fan_in", [(1, 2), (3, 4), (10, 64), (1_000, 64)])
def test_the_order_is_sorted_s_stable_one(tmp_path, monkeypatch, run_rows, fan_in):
    monkeypatch.setattr(spill, "RUN_ROWS", run_rows)
    monkeypatch.setattr(spill, "FAN_IN", fan_in)
    items = _items(200)
    with spill.SpillFolder(tmp_path / "runs") as folder:
        folder.path.mkdir()
        done = spill.Sorted(items, lambda item: item[0], list, tuple, folder)
        assert done.spilled == (run_rows < 200)
        assert len(done) == 200
        assert list(done) == list(done) == sorted(items, key=lambda item: item[0])  # read twice, the same
        runs = list(folder.path.iterdir())
        assert len(runs) <= max(fan_in - 1, 1)  # merged into one when FAN_IN were written
        assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in runs)
    assert not (tmp_path / "runs").exists()


def test_without_a_folder_everything_is_held(tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "RUN_ROWS", 1)
    items = _items(50)
    done = spill.Sorted(items, lambda item: item[0], list, tuple, spill.SpillFolder(None))
    assert not done.spilled and list(done) == sorted(items, key=lambda item: item[0])


def test_the_folder_beside_an_output_is_hidden_and_its_own(tmp_path):
    out = tmp_path / "review.txt"
    folder = spill.SpillFolder.for_output(out, "diff-review")
    assert folder.made.parent == tmp_path and folder.made.name.startswith(".review.txt.kpidsl-diff-review-")
    assert os.stat(folder.made).st_mode & 0o777 == 0o700
    assert os.path.samefile(folder.path, folder.made)  # its files reached through the folder opened (kpidsl/working_folders.py)
    folder.remove()
    assert list(tmp_path.iterdir()) == []
    # a folder that cannot be made: none, and the items are held
    assert spill.SpillFolder.for_output(tmp_path / "no" / "such" / "out.txt", "diff-review").path is None


def test_the_cache_off_gives_no_folder_for_standard_output(monkeypatch):
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    assert spill.SpillFolder.for_output(None, "diff-review").path is None
    monkeypatch.delenv("KPIDSL_NO_CACHE")
    folder = spill.SpillFolder.for_output(None, "diff-review")
    try:
        assert folder.path.name.startswith("diff-review-")
        assert Path(os.environ["KPIDSL_CACHE_DIR"]).resolve() in folder.path.resolve().parents
    finally:
        folder.remove()
