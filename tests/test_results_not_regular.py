"""A results path that is not a regular file (/dev/zero, a FIFO on a shared drive) is one
located message, quickly: the lines quoted under the messages are read from regular files
only, at most as many bytes as are shown (kpidsl/cli/common.py tell_problems), never until
memory runs out (an "internal error: MemoryError" after every byte of /dev/zero)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: /dev/zero read whole would pass it


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="POSIX devices")
@pytest.mark.parametrize("command", [["score", "rules/2554", "--format", "csv"],
                                     ["render", "rules/2554", "--form", "individual", "-o", "OUT"]])
def test_dev_zero_as_results_is_one_message(tmp_path, command):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    done = subprocess.run([sys.executable, "-m", "kpidsl", *args, "--results", "/dev/zero", "--lang", "en"],
                          cwd=ROOT, capture_output=True, timeout=120, preexec_fn=_limited,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in (1, 2), err
    assert "internal error" not in err and "Traceback" not in err, err
    assert "/dev/zero:" in err
    assert done.stdout == b""


_FIFO_COMMANDS = {
    "score": ["score", "rules/2554", "--format", "csv", "--results", "FIFO"],
    "score --jobs 2": ["score", "rules/2554", "--format", "csv", "--jobs", "2", "--results", "FIFO"],
    "score --engine sql": ["score", "rules/2554", "--format", "csv", "--engine", "sql", "--results", "FIFO"],
    "render --results": ["render", "rules/2554", "--form", "individual", "-o", "OUT", "--results", "FIFO"],
    "diff --rescore": ["diff", "rules/2554", "rules/2555", "--rescore", "FIFO"],
    "sql --columns-from": ["sql", "rules/2554", "--agreement", "janya_2554_r1", "--columns-from", "FIFO"],
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx"])
@pytest.mark.parametrize("name", sorted(_FIFO_COMMANDS))
def test_a_fifo_named_as_results_is_one_message_not_a_wait(tmp_path, name, suffix):
    """A FIFO named as the results file (left on a shared drive, no writer) is told to be
    not a regular file, at once: opening it to read would wait for a writer for ever."""
    if "sql" in name and suffix != ".csv" and not (name == "score --engine sql" and suffix == ".xlsx"):
        pytest.skip("a CSV (or workbook) is all the SQL engine reads: another is a usage error (Z007)")
    if "sql" in name:
        pytest.importorskip("duckdb", reason="the extra `sql`")
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl", reason="the extra `xlsx`")
    fifo = tmp_path / f"results{suffix}"
    os.mkfifo(fifo)
    args = [str(tmp_path / "out") if a == "OUT" else str(fifo) if a == "FIFO" else a for a in _FIFO_COMMANDS[name]]
    try:
        done = subprocess.run([sys.executable, "-m", "kpidsl", *args, "--lang", "en"], cwd=ROOT,
                              capture_output=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"`kpidsl {name}` waited on a FIFO")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err  # I/O trouble, as for a file that cannot be opened, for every command
    assert "internal error" not in err and "Traceback" not in err, err
    assert "Q008" in err and "not a regular file" in err, err
    assert f"results{suffix}" in err
    assert not (tmp_path / "out").exists()
