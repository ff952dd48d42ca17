"""An output the disk cannot hold (full, or over the user's quota on a shared drive) is
told as one located O001 naming the output, exit 2, and nothing is left of it: not an
"internal error" after scoring every row.

The disk is made full for one child process by the file size it may write
(RLIMIT_FSIZE, SIGXFSZ ignored: a write past it fails with EFBIG, as one past a full
disk fails with ENOSPC), and by /dev/full, a device whose every write is ENOSPC."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADER = "agreement,round,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score\n"
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8


def _small_files(limit: int):
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limited


@pytest.fixture
def many(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "".join(f"janya_2554_r1,1,P{n},{SCORES}\n" for n in range(3_000)), encoding="utf-8")
    return path


def _score(results: Path, out: str, *args: str, limit: int | None = None):
    env = {**os.environ, "KPIDSL_LANG": "en", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kpidsl", "score", str(ROOT / "rules" / "2554"), "--results",
                           str(results), "-o", out, *args], capture_output=True, text=True, env=env,
                          preexec_fn=_small_files(limit) if limit else None, timeout=300)


CASES = [("csv", "python"), ("csv", "sql"), ("json", "python"), ("text", "python"), ("xlsx", "python")]


@pytest.mark.parametrize("fmt, engine", CASES)
def test_an_output_past_what_the_disk_holds_is_told_at_the_output(many, tmp_path, fmt, engine):
    if engine == "sql":
        pytest.importorskip("duckdb", reason="the sql extra is not installed")
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"scores.{fmt if fmt != 'text' else 'txt'}"
    done = _score(many, str(target), "--format", fmt, "--engine", engine, limit=64 * 1024)
    assert done.returncode == 2, done.stderr
    assert f"{target}:1:1: O001 error: cannot write" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt, engine", CASES)
def test_a_device_that_is_full_is_told_as_the_output(many, fmt, engine):
    if engine == "sql":
        pytest.importorskip("duckdb", reason="the sql extra is not installed")
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    done = _score(many, "/dev/full", "--format", fmt, "--engine", engine)
    assert done.returncode == 2, done.stderr
    assert "/dev/full:1:1: O001 error: cannot write" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["build", "render"])
def test_a_form_past_what_the_disk_holds_is_told_by_the_name_it_would_have(tmp_path, command):
    """Forms are written into a hidden folder beside the output folder, then swapped in: the
    file that failed is told as OUT/…, the name the user would find it by, not the hidden
    folder's, and no folder is left beside."""
    out = tmp_path / "out"
    env = {**os.environ, "KPIDSL_LANG": "en", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "kpidsl", command, str(ROOT / "rules" / "2555"), "-o", str(out)],
                          capture_output=True, text=True, env=env, preexec_fn=_small_files(4096), timeout=300)
    assert done.returncode == 2, done.stderr
    assert f"{out}/" in done.stderr and ": O001 error: cannot write `" + f"{out}/" in done.stderr, done.stderr
    assert f".{out.name}.kpidsl-" not in done.stderr and "internal error" not in done.stderr  # the hidden folder
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_standard_output_to_a_file_the_disk_cannot_hold_is_told_and_cut_back(many, tmp_path, fmt):
    """`kpidsl score … > scores.csv` on a disk that fills: the system took part of a write and
    refused the rest. Python's standard output hands back a short count there without a word
    (nothing told, exit 0, a file cut off at 64 kB taken for the scores); the rest is written
    again, whose refusal is told (O001 at `-`, exit 2), and the file is cut back to where it
    stood before the run."""
    if fmt == "xlsx":
        pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    target = tmp_path / f"scores.{fmt}"
    env = {**os.environ, "KPIDSL_LANG": "en", "PYTHONPATH": str(ROOT)}
    with open(target, "wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "kpidsl", "score", str(ROOT / "rules" / "2554"), "--results",
                               str(many), "--format", fmt, "--engine", "python", "-o", "-"], stdout=stdout,
                              stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_small_files(64 * 1024),
                              timeout=300)
    assert done.returncode == 2, done.stderr
    assert "-:1:1: O001 error: cannot write `-`" in done.stderr and "internal error" not in done.stderr
    assert target.stat().st_size == 0


@pytest.mark.parametrize("words", [["--help"], ["--version"], ["score", "--help"], ["check", "--help"]])
def test_what_click_prints_to_a_full_disk_is_told_too(tmp_path, words):
    """Help and the version are printed by click, before or around a command: a full disk was
    a traceback (`kpidsl --help`, `--version`) or an internal error (`kpidsl score --help`)."""
    target = tmp_path / "help.txt"
    env = {**os.environ, "KPIDSL_LANG": "en", "PYTHONPATH": str(ROOT)}
    with open(target, "wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "kpidsl", *words], stdout=stdout, stderr=subprocess.PIPE,
                              text=True, env=env, preexec_fn=_small_files(8), timeout=120)
    assert done.returncode == 2, done.stderr
    assert "-:1:1: O001 error: cannot write `-`" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


# A file of several hard links is rewritten in its one inode, so that every name sees the
# new text (kpidsl/files.py): that write was made after cutting the file to nothing, so a
# disk that filled part-way left a rule file `fmt` tidied cut short, and `score -o` the
# output the user kept. The new text is written beside first, and room made in the file
# for it before a byte of it is touched.

UNTIDY = 'framework f "x" {\n  fiscal_year   2555 # year\n}\n'
TIDY = 'framework f "x" {\n    fiscal_year 2555  # year\n}\n'


def _kpidsl(*args: str, limit: int | None = None, cwd: Path | None = None):
    env = {**os.environ, "KPIDSL_LANG": "en", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kpidsl", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          preexec_fn=_small_files(limit) if limit else None, timeout=300)


def test_fmt_of_a_hard_linked_file_the_disk_cannot_hold_leaves_it_whole(tmp_path):
    a, b = tmp_path / "a.kpi", tmp_path / "b.kpi"
    a.write_text(UNTIDY, encoding="utf-8")
    os.link(a, b)
    assert len(TIDY.encode()) > len(UNTIDY.encode())  # the tidy text needs room the file has not
    done = _kpidsl("fmt", str(a), limit=len(UNTIDY.encode()))
    assert done.returncode == 2, done.stderr
    assert "O001" in done.stderr and f"{a}:" in done.stderr, done.stderr
    assert a.read_text(encoding="utf-8") == UNTIDY and os.path.samefile(a, b)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.kpi", "b.kpi"]  # no temporary file left
    assert _kpidsl("fmt", str(a)).returncode == 0 and b.read_text(encoding="utf-8") == TIDY  # room: tidied


@pytest.mark.parametrize("command", ["fmt", "score -o"])
def test_a_hard_linked_output_the_file_cannot_grow_into_is_left_as_it_was(tmp_path, monkeypatch, command):
    """The new text written beside (the disk held it), then no room in the shared file for
    more than it had (posix_fallocate: ENOSPC): the file as it was, O001, exit 2."""
    import errno

    from click.testing import CliRunner

    from kpidsl import files
    from kpidsl.cli import main

    if not hasattr(os, "posix_fallocate"):
        pytest.skip("no posix_fallocate")
    a, b = tmp_path / "a.out", tmp_path / "b.out"
    old = UNTIDY if command == "fmt" else "x\n"
    if command == "fmt":
        a, b = tmp_path / "a.kpi", tmp_path / "b.kpi"
    a.write_text(old, encoding="utf-8")
    os.link(a, b)

    def full(fd, offset, length):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "posix_fallocate", full)
    monkeypatch.chdir(ROOT)
    args = ["fmt", str(a)] if command == "fmt" else \
        ["score", "rules/2555", "--results", "examples/results_2555.csv", "--format", "csv", "-o", str(a)]
    done = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert done.exit_code == 2, done.output
    assert "O001" in done.output and str(a) in done.output, done.output
    assert a.read_text(encoding="utf-8") == old and os.path.samefile(a, b)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([a.name, b.name])
