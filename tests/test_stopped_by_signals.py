"""A signal that arrives while DuckDB runs a query: DuckDB takes the exception the handler
raised and raises its own (``RuntimeError: Query interrupted``), which kpidsl told as an
internal error to report (exit 2). The signal must still end the run as that signal says."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

# what DuckDB does with the exception a signal handler raises while its query runs
SWALLOWED = textwrap.dedent("""
    import os, signal, sys, time
    from kpidsl.score.pending_output import stopped_by_signals
    try:
        with stopped_by_signals():
            try:
                os.kill(os.getpid(), getattr(signal, sys.argv[1]))
                time.sleep(5)
            except BaseException:
                raise RuntimeError("Query interrupted")
    except KeyboardInterrupt:
        sys.exit(130)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name, code", [("SIGTERM", -signal.SIGTERM), ("SIGINT", 130)])
def test_a_signal_an_engine_swallowed_still_stops_the_run(name, code):
    done = subprocess.run([sys.executable, "-c", SWALLOWED, name], capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert "RuntimeError" not in done.stderr


# a signal whose exception something swallowed whole (a finaliser the cyclic collector runs: Python
# prints "Exception ignored in …" and goes on), the run then going on to make its output appear
LOST = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from kpidsl.score.pending_output import PendingOutput, stopped_by_signals
    out = Path(sys.argv[2])
    try:
        with stopped_by_signals():
            pending = PendingOutput(out)
            pending.file.write("agreement,person\\n")
            try:
                os.kill(os.getpid(), getattr(signal, sys.argv[1]))
            except BaseException:
                pass
            pending.file.write("janya_2554_r1,จรรยา\\n")
            pending.commit()
    except KeyboardInterrupt:
        sys.exit(130)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name, code", [("SIGTERM", -signal.SIGTERM), ("SIGINT", 130)])
def test_a_signal_whose_exception_was_lost_still_stops_the_run_before_its_output(tmp_path, name, code):
    # Under load, `score --jobs` once ended 0 with its whole output after a Ctrl-C
    # (tests/test_score_jobs_signals.py): the KeyboardInterrupt was raised where something
    # swallowed it, and the run went on. The signal was kept, but told only with another error.
    out = tmp_path / "scores.csv"
    done = subprocess.run([sys.executable, "-c", LOST, name, str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert list(tmp_path.iterdir()) == [], "nothing appears, nothing is left beside it"
