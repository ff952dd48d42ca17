"""`kpidsl score --jobs N` stopped by SIGTERM or Ctrl-C while its workers score: the run
ends by the signal as one process does, leaves nothing, and leaves no semaphore of its pool behind for
Python's resource tracker to warn of ("leaked semaphore objects to clean up at shutdown")."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEADER = "agreement,round,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score"
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_run_of_jobs_leaves_no_semaphore(work, signum):
    lines = [HEADER] + [f"janya_2554_r1,1,P{n},{SCORES}" for n in range(150_000)]
    Path("r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = work / "out"
    out.mkdir()
    child = subprocess.Popen([sys.executable, "-m", "kpidsl", "score", "2554", "--results", "r.csv", "--jobs", "2",
                              "--format", "csv", "-o", str(out / "scores.csv")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.stat().st_size for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)  # until a worker's first part is copied out: the pool is at work
    assert child.poll() is None, "the run ended before it could be stopped"
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == -signum, stderr
    assert b"leaked" not in stderr and b"Traceback" not in stderr, stderr
    assert list(out.iterdir()) == []
