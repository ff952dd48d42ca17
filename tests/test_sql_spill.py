"""Where `score --engine sql` lets DuckDB spill the duplicates' count (kpidsl/sql/run.py
_spill_folder) when the output is standard output: a folder made for the run inside kpidsl's
cache folder, 0700, removed after the run, whether it ends well, is declined or fails midway;
with the cache off (KPIDSL_NO_CACHE=1), nowhere, as before (the count held in memory up to
NO_SPILL_MEMORY)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.cli import main  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl import left_behind, run_folders  # noqa: E402
from kpidsl.sql import run  # noqa: E402
from kpidsl.syntax import cache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "examples/results_2555.csv"
PREFIX = run_folders.SQL_SPILL + "-"


def spill_name(pid: int) -> str:
    return run_folders.run_folder_name(run_folders.SQL_SPILL, pid)


@pytest.fixture
def told(tmp_path, monkeypatch):
    """Each (temp_directory, memory_limit) DuckDB is told, with whether the folder was then a
    real folder of mode 0700; the cache in a folder of the test's own."""
    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KPIDSL_NO_CACHE", raising=False)
    seen: list = []
    real = duckdb.connect

    class Watched:
        def __init__(self, con):
            self.con = con

        def execute(self, query, *args):
            if query.startswith("SET temp_directory"):
                folder = query.split("'")[1]
                made = bool(folder) and os.path.isdir(folder) and not os.path.islink(folder) \
                    and os.stat(folder).st_mode & 0o777 == 0o700
                seen.append(["temp_directory", folder, made])
            elif query.startswith("SET memory_limit"):
                seen.append(["memory_limit", query.split("'")[1]])
            return self.con.execute(query, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Watched(real(*a, **k)))
    return seen


def plan_2555() -> dict:
    (rs,) = check_paths([ROOT / "rules/2555"]).rule_sets
    return compile_plan(rs, Path(rs.name))


def spill_folder(seen: list) -> Path:
    """The one folder DuckDB was told to spill into: in kpidsl's cache folder, made for the run."""
    (folder,) = [s[1] for s in seen if s[0] == "temp_directory"]
    assert folder, "standard output with the cache on: DuckDB is given a folder to spill into"
    where = Path(folder)
    assert where.parent == cache.own_folder(create=False) and where.name.startswith(PREFIX)
    assert [s[2] for s in seen if s[0] == "temp_directory"] == [True]  # there, 0700, as DuckDB was told
    assert ["memory_limit", run.PASS_MEMORY] in seen  # the count spills past PASS_MEMORY, not NO_SPILL_MEMORY
    return where


def score(*args: str):
    return CliRunner().invoke(main, ["score", str(ROOT / "rules/2555"), "--results", str(RESULTS), "--format", "csv",
                                     "--lang", "en", "-o", "-", *args])


def test_standard_output_spills_into_the_cache_and_removes_it(told):
    by_sql = score("--engine", "sql")
    where = spill_folder(told)
    assert not where.exists()
    assert [p.name for p in where.parent.iterdir() if p.name.startswith(PREFIX)] == []
    by_python = score("--engine", "python")
    assert by_sql.exit_code == by_python.exit_code == 0, by_sql.output
    assert by_sql.stdout_bytes == by_python.stdout_bytes
    assert by_sql.stdout.count("\n") == RESULTS.read_text(encoding="utf-8").count("\n")  # a line a row, the header


def test_the_spill_folder_is_removed_when_the_run_fails_midway(told):
    class Full(io.StringIO):
        """A sink whose disk fills after the header."""

        def write(self, text: str) -> int:
            if self.tell():
                raise OSError(28, "No space left on device")
            return super().write(text)

    with pytest.raises(OSError):
        run.score_into(plan_2555(), RESULTS, None, None, Full())
    assert not spill_folder(told).exists()


def test_the_spill_folder_is_removed_when_the_run_is_declined(told, tmp_path):
    lines = RESULTS.read_text(encoding="utf-8").splitlines(keepends=True)
    twice = tmp_path / "twice.csv"
    twice.write_text("".join(lines + lines[1:2]), encoding="utf-8")  # the first evaluation given again
    done = run.score_into(plan_2555(), twice, None, None, io.StringIO())
    assert done == run.Declined(phrase("sql-declined-twice"))
    assert not spill_folder(told).exists()


def test_with_the_cache_off_duckdb_does_not_spill(told, monkeypatch):
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    out = io.StringIO()
    assert isinstance(run.score_into(plan_2555(), RESULTS, None, None, out), int)
    assert ["temp_directory", "", False] in told and ["memory_limit", run.NO_SPILL_MEMORY] in told


def test_a_cache_not_the_users_alone_is_not_spilled_into(told, tmp_path, monkeypatch):
    """A cache folder others may write into (kpidsl/syntax/cache.py passes it over): no spill."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(shared))
    (shared / cache.FOLDER_NAME).mkdir(mode=0o700)
    os.chmod(shared / cache.FOLDER_NAME, 0o777)
    assert isinstance(run.score_into(plan_2555(), RESULTS, None, None, io.StringIO()), int)
    assert ["temp_directory", "", False] in told and ["memory_limit", run.NO_SPILL_MEMORY] in told
    assert [p.name for p in (shared / cache.FOLDER_NAME).iterdir()] == []


def test_a_spill_folder_left_by_a_killed_run_is_removed_by_the_next(told, tmp_path):
    # A run killed (SIGKILL) left its folder in the cache for ever. A folder's name now says
    # which process made it (its pid, and where that pid is counted: the machine, its boot
    # and pid namespace); the next run that spills removes the ones whose process is gone,
    # only those: its own pattern, a real folder (not a link), the user's, counted here.
    root = cache.own_folder(create=True)
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # a pid no process has now
    dead, alive = spill_name(finished.pid), spill_name(os.getpid())
    for name in (dead, alive):
        (root / name).mkdir(mode=0o700)
        (root / name / "duckdb_temp_storage-0.tmp").write_bytes(b"x" * 100)
    here = left_behind.where_pids_are_counted()
    elsewhere = dead.replace(here, "0" * len(here))
    (root / elsewhere).mkdir(mode=0o700)  # another machine's, or another container's
    odd = root / f"{dead}x"
    odd.mkdir(mode=0o700)  # not the pattern
    target = tmp_path / "not-the-cache"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    linked = dead[:-16] + "0" * 16  # the same dead pid, another run's token
    (root / linked).symlink_to(target, target_is_directory=True)  # a link named as one: never followed
    assert score("--engine", "sql").exit_code == 0
    left = {p.name for p in root.iterdir() if p.name.startswith(PREFIX)}
    assert left == {alive, elsewhere, odd.name, linked}
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a folder away needs root")
def test_a_dead_runs_spill_folder_another_user_owns_is_left_alone(told):
    root = cache.own_folder(create=True)
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    theirs = root / spill_name(finished.pid)
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    assert score("--engine", "sql").exit_code == 0
    assert theirs.is_dir()
