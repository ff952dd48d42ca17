"""The folders runs keep their working files in inside kpidsl's cache folder
(kpidsl/run_folders.py): DuckDB's spill (tests/test_sql_spill.py) and a scores workbook's
sheets for standard output. A folder a killed run left is removed by the next run that makes
one, of either kind; nothing else is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl import run_folders
from kpidsl.cli import main
from kpidsl.syntax import cache

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KPIDSL_NO_CACHE", raising=False)
    return cache.own_folder(create=True)


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # a pid no process has now
    return finished.pid


def test_a_workbook_run_removes_what_a_killed_run_of_either_kind_left(root):
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    pid = dead_pid()
    left = [run_folders.run_folder_name(kind, pid) for kind in run_folders.KINDS]
    alive = run_folders.run_folder_name(run_folders.XLSX_SHEETS, os.getpid())
    for name in (*left, alive):
        (root / name).mkdir(mode=0o700)
        (root / name / "sheet1.xml").write_bytes(b"<x/>")
    done = CliRunner().invoke(main, ["score", str(ROOT / "rules/2555"), "--results", str(ROOT / "examples/results_2555.csv"),
                                     "--format", "xlsx", "-o", "-", "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert done.stdout_bytes[:2] == b"PK"  # the workbook, copied out of the cache
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(run_folders.KINDS)) == [alive]


def test_a_folder_is_made_only_of_a_known_kind(root):
    with pytest.raises(ValueError):
        run_folders.run_folder(root, "sheets")
    made = run_folders.run_folder(root, run_folders.XLSX_SHEETS)
    assert made.parent == root and made.name.startswith(run_folders.XLSX_SHEETS + "-")
    assert os.stat(made).st_mode & 0o777 == 0o700
    made.rmdir()
