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
