"""Same input, same bytes: the plan does not depend on the run, the working
directory, the path spelling, hash seeds, or whether it went to stdout or -o;
and scoring the same results twice gives the same report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.plan import compile_plan, dumps

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "score"
YEARS = ["2554", "2555"]


def compile_in(cwd: Path, ruleset: str, monkeypatch, *extra: str) -> bytes:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["compile", ruleset, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def kpidsl_command() -> list[str]:
    script = Path(sys.executable).with_name("kpidsl.exe" if os.name == "nt" else "kpidsl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kpidsl"]


@pytest.mark.parametrize("year", YEARS)
def test_compiling_twice_in_process_gives_the_same_text(year):
    texts = []
    for _ in range(2):
        result = check_paths([ROOT / "rules" / year])
        (rs,) = result.rule_sets
        texts.append(dumps(compile_plan(rs, Path(rs.name))).encode("utf-8"))
    assert texts[0] == texts[1]


@pytest.mark.parametrize("year", YEARS)
def test_the_working_directory_and_path_spelling_do_not_matter(year, tmp_path, monkeypatch):
    reference = compile_in(ROOT, f"rules/{year}", monkeypatch)
    assert reference.startswith(b'{\n  "kpidsl_plan": 1,\n  "rule_set": "' + year.encode() + b'",')
    assert compile_in(ROOT, f"./rules/{year}/", monkeypatch) == reference
    assert compile_in(ROOT / "rules", year, monkeypatch) == reference
    assert compile_in(ROOT / "rules" / year, ".", monkeypatch) == reference
    assert compile_in(ROOT / "rules" / year / "agreements", "..", monkeypatch) == reference
    assert compile_in(tmp_path, str(ROOT / "rules" / year), monkeypatch) == reference
    assert compile_in(tmp_path, os.path.relpath(ROOT / "rules" / year, tmp_path), monkeypatch) == reference


@pytest.mark.parametrize("year", YEARS)
def test_a_copy_elsewhere_compiles_to_the_same_bytes(year, tmp_path, monkeypatch):
    reference = compile_in(ROOT, f"rules/{year}", monkeypatch)
    shutil.copytree(ROOT / "rules" / year, tmp_path / "copy" / year)
    assert compile_in(tmp_path, f"copy/{year}", monkeypatch) == reference
    text = reference.decode("utf-8")
    for leak in (str(ROOT), str(tmp_path), os.getcwd()):
        assert leak not in text


@pytest.mark.parametrize("year", YEARS)
def test_output_file_equals_stdout(year, tmp_path, monkeypatch):
    stdout = compile_in(ROOT, f"rules/{year}", monkeypatch)
    out = tmp_path / "plans" / f"{year}.json"
    result = CliRunner().invoke(main, ["compile", f"rules/{year}", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}\n"
    assert out.read_bytes() == stdout
    assert [p.name for p in out.parent.iterdir()] == [f"{year}.json"]  # no temporary file left


@pytest.mark.parametrize("year", YEARS)
def test_separate_processes_with_different_hash_seeds_agree(year, tmp_path):
    outputs = []
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([*kpidsl_command(), "compile", str(ROOT / "rules" / year)], cwd=tmp_path, env=env,
                              capture_output=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == compile_in_process(year)


def compile_in_process(year: str) -> bytes:
    (rs,) = check_paths([ROOT / "rules" / year]).rule_sets
    return dumps(compile_plan(rs, Path(rs.name))).encode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_scoring_is_deterministic(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    explain = ["--explain"] if fmt != "csv" else []  # a CSV holds figures, no explanations (O018)
    args = ["score", "rules/2555", "--results", "tests/data/score/dept_example_2555.csv", "--format", fmt,
            *explain, "--lang", "en"]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    out = tmp_path / f"scores.{fmt}"
    third = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert third.exit_code == 0
    bom = "\ufeff".encode() if fmt == "csv" else b""  # a CSV file named by -o is for Excel (score --help)
    assert out.read_bytes() == bom + first.stdout_bytes
