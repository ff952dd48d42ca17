"""`.pre-commit-hooks.yaml`: each hook's entry runs as pre-commit runs it
(the entry, then the staged .kpi files' names)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def hooks() -> dict[str, dict[str, str]]:
    """The hooks file read as the flat list of `key: value` maps it is."""
    out: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^(- |  )(\w+): (.*)$", line)
        assert m, line
        if m.group(1) == "- ":
            current = {}
        current[m.group(2)] = m.group(3)
        if m.group(2) == "id":
            out[m.group(3)] = current
    return out


def _run(hook: dict[str, str], files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    entry = shlex.split(hook["entry"])
    assert entry[0] == "kpidsl"
    return subprocess.run([sys.executable, "-m", "kpidsl", *entry[1:], *map(str, files)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_hooks_are_check_and_fmt_on_kpi_files():
    found = hooks()
    assert set(found) == {"kpidsl-check", "kpidsl-fmt"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert re.search(hook["files"], "rules/2555/department.kpi")
        assert not re.search(hook["files"], "README.md")


def test_check_hook_fails_a_commit_with_a_broken_weight(tmp_path: Path):
    shutil.copytree(REPO / "rules" / "2555", tmp_path / "2555")
    dept = tmp_path / "2555" / "department.kpi"
    hook = hooks()["kpidsl-check"]
    assert _run(hook, [dept], tmp_path).returncode == 0
    dept.write_text(dept.read_text(encoding="utf-8").replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"), encoding="utf-8")
    done = _run(hook, [dept], tmp_path)
    assert done.returncode == 1
    assert "W001" in done.stdout


def test_fmt_hook_rewrites_a_file_out_of_layout(tmp_path: Path):
    shutil.copytree(REPO / "rules" / "2555", tmp_path / "2555")
    bands = tmp_path / "2555" / "bands.kpi"
    canonical = bands.read_text(encoding="utf-8")
    bands.write_text(canonical.replace('ระดับผล good        "ดี"', 'ระดับผล   good "ดี"'), encoding="utf-8")
    done = _run(hooks()["kpidsl-fmt"], [bands], tmp_path)
    assert done.returncode == 0, done.stderr
    assert bands.read_text(encoding="utf-8") == canonical
