"""`kpidsl lsp` without the lsp extra: one line saying what to install, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_without_pygls_lsp_says_what_to_install(tmp_path: Path):
    # A stand-in `pygls` that cannot be imported, ahead of the real one on the path.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('no pygls here')\n")
    env = {"PYTHONPATH": str(tmp_path), "KPIDSL_LANG": "en", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "kpidsl", "lsp"], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60, cwd=REPO)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "pip install 'kpidsl[lsp]'" in done.stderr
