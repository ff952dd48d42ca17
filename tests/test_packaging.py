"""The project installs as a real package (not editable) and the installed
`kpidsl check` works from any directory: the grammar ships inside the wheel.

Slow (a fresh virtualenv and a pip install from the package index, about
half a minute), but part of the default run: `pytest -m "not slow"` skips it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""

WEIGHTS = 'framework f "กรอบ" {\n  fiscal_year 2555\n  dimension a "ก" weight 60\n  dimension b "ข" weight 30\n}\n'
CLEAN = WEIGHTS.replace("weight 30", "weight 40")


def _env() -> dict[str, str]:
    """The environment without anything that would find the checkout's kpidsl."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(cmd: list[str | Path], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=_env(), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def test_wheel_contains_the_grammar(tmp_path):
    out = tmp_path / "wheel"
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = out.glob("kpidsl-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        assert "kpidsl/grammar/kpi.lark" in zf.namelist()
        shipped = zf.read("kpidsl/grammar/kpi.lark")
        metadata = next(zf.read(n) for n in zf.namelist() if n.endswith(".dist-info/METADATA")).decode("utf-8")
    assert shipped == (ROOT / "grammar" / "kpi.lark").read_bytes()
    # the version is written once, in kpidsl/version.py: the wheel's is read from there
    from kpidsl.version import __version__

    assert f"\nVersion: {__version__}\n" in metadata
    assert wheel.name == f"kpidsl-{__version__}-py3-none-any.whl"


def test_installed_command_checks_rules_from_another_directory(tmp_path):
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", venv], cwd=tmp_path).returncode == 0
    python = venv / BIN / f"python{EXE}"
    kpidsl = venv / BIN / f"kpidsl{EXE}"
    proc = _run([python, "-m", "pip", "install", "--quiet", ROOT], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed package, not the checkout: its grammar comes from site-packages.
    proc = _run([python, "-c", "import kpidsl.syntax.parser as p; print(p.grammar_path())"], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    grammar = Path(proc.stdout.strip())
    assert grammar.is_relative_to(venv) and grammar.parts[-3:] == ("kpidsl", "grammar", "kpi.lark")

    for name, text in (("broken", WEIGHTS), ("good", CLEAN)):
        (tmp_path / "rules" / name).mkdir(parents=True)
        (tmp_path / "rules" / name / "a.kpi").write_text(text, encoding="utf-8")

    proc = _run([kpidsl, "check", "../rules/broken", "--lang", "en"], cwd=elsewhere)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("../rules/broken/a.kpi:1:11: W001 error: ")
    assert proc.stdout.endswith("checked 1 file: 1 error, 0 warnings\n")
    assert proc.stderr == ""

    proc = _run([kpidsl, "check", tmp_path / "rules" / "good", "--format", "json"], cwd=elsewhere)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '"errors": 0' in proc.stdout

    proc = _run([kpidsl, "check", "nowhere"], cwd=elsewhere)
    assert proc.returncode == 2 and "F001" in proc.stdout
