"""What reaches `kpidsl lsp` is the editor's, but a broken client or a stray pipe must not
end in a traceback nor an internal error: a message too big to hold (its Content-Length
past kpidsl's bound) is one line (E004) and the server stops, exit 2; a body that is not
JSON is one line and the server reads on."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

ROOT = Path(__file__).resolve().parent.parent


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def lsp(stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpidsl", "lsp", "--lang", "en"], input=stdin, capture_output=True,
                          timeout=120, preexec_fn=_limited, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_content_length_past_the_bound_is_one_line():
    done = lsp(b"Content-Length: 99999999999\r\n\r\n{}")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "internal error" not in err and "Traceback" not in err, err
    assert err.startswith("kpidsl lsp: E004: ") and len(err.strip().splitlines()) == 1, err


def test_a_body_that_is_not_json_is_one_line():
    done = lsp(b"Content-Length: 5\r\n\r\n{\"a\":")
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err
