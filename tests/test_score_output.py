"""`kpidsl score` output appears whole or not at all, in every format: a run stopped by
SIGTERM or Ctrl-C, or one that meets a mistake in its last row, leaves nothing where
the user looks (no output, no hidden temporary file) and prints nothing on standard
output; a new output file takes the umask, a rewritten one keeps its mode."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,person,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score")
CELLS = "82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def results(rows: int, last: str | None = None) -> str:
    lines = [HEADER] + [f"dept_example_2555,P{i},{CELLS}" for i in range(rows)]
    if last is not None:
        lines[-1] = last
    Path("r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "r.csv"


# Ctrl-C ends the run as SIGTERM does, by the signal (a shell sees 130), never exit 1, which
# says the input has errors, as click's own Abort would.
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGINT, -signal.SIGINT)])
def test_a_stopped_run_leaves_nothing(work, signum, status):
    results(20_000)
    out = work / "out"
    out.mkdir()
    child = subprocess.Popen([sys.executable, "-m", "kpidsl", "score", "2555", "--results", "r.csv",
                              "--format", "text", "--explain", "-o", str(out / "scores.txt")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # until the hidden file has something in it
    assert [p.name.startswith(".kpidsl-") and p.name.endswith(".tmp") for p in out.iterdir()] == [True]
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == status, stderr
    assert b"Traceback" not in stderr
    assert list(out.iterdir()) == []


def test_a_mistake_in_the_last_row_prints_nothing(work):
    bad = CELLS.replace(",78,", ',"1.000,5",')
    results(300, last=f"dept_example_2555,P299,{bad}")
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--format", "text"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "r.csv:301:" in result.stderr and "Q012" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
def test_standard_output_is_whole(work, fmt):
    results(50)
    to_stdout = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--format", fmt])
    to_file = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--format", fmt, "-o", "s.out"])
    assert to_stdout.exit_code == to_file.exit_code == 0
    bom = "\ufeff".encode() if fmt == "csv" else b""  # a CSV file named by -o is for Excel (score --help)
    assert bom + to_stdout.stdout_bytes == Path("s.out").read_bytes()
    assert to_stdout.stdout.count("dept_example_2555") == 50 if fmt != "text" else 100


def test_a_new_output_takes_the_umask_and_a_rewritten_one_keeps_its_mode(work):
    results(3)
    old = os.umask(0o027)
    try:
        assert CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "-o", "new.txt"]).exit_code == 0
        Path("kept.txt").write_text("old\n")
        os.chmod("kept.txt", 0o604)
        assert CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "-o", "kept.txt"]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat("new.txt").st_mode) == 0o640
    assert stat.S_IMODE(os.stat("kept.txt").st_mode) == 0o604
    assert Path("kept.txt").read_text(encoding="utf-8").startswith("dept_example_2555")
    assert sorted(p.name for p in work.iterdir()) == ["2555", "kept.txt", "new.txt", "r.csv"]


def test_a_symlinked_output_is_refused_and_its_target_kept(work):
    """Written through once; anyone may plant a link on a shared drive (tests/test_output_links.py)."""
    results(2)
    Path("real.csv").write_text("old\n")
    os.symlink("real.csv", "link.csv")
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--format", "csv",
                                       "-o", "link.csv", "--lang", "en"])
    assert result.exit_code == 2 and result.output.startswith("link.csv:1:1: O023"), result.output
    assert os.path.islink("link.csv") and os.readlink("link.csv") == "real.csv"
    assert Path("real.csv").read_text() == "old\n"
