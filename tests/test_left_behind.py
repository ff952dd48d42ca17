"""What a run killed outright (SIGKILL, the OOM killer, a lost session: no `finally` runs)
leaves beside its output, a hidden temporary file (kpidsl/files.py) and the hidden folders
kept beside it (kpidsl/left_behind.py), is removed by the next run that writes into that
folder: only what provably a dead kpidsl run here made, nothing else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl import left_behind
from kpidsl.cli import main
from kpidsl.files import StreamingWriter, write_file

ROOT = Path(__file__).resolve().parent.parent
RULES, NEXT, RESULTS = ROOT / "rules" / "2554", ROOT / "rules" / "2555", ROOT / "examples" / "janya.csv"

# kpidsl, killed by SIGKILL at a known point: as it renames a temporary file in the folder
# KILL_UNDER into place (its temporary file and any hidden folder beside the output are there),
# or (KILL_AT=mkdir) once it has made a folder there.
KILLED = textwrap.dedent("""
    import os, signal, sys
    under = os.environ["KILL_UNDER"] + os.sep
    at = os.environ["KILL_AT"]
    real = getattr(os, at)
    def where(path, kwargs):  # a name in an open folder (kpidsl/folder_fds.py) is where that folder is
        fd = kwargs.get("dst_dir_fd", kwargs.get("dir_fd"))
        return os.path.join(os.readlink(f"/proc/self/fd/{fd}"), path) if fd is not None else os.path.abspath(path)
    def killed(path, *args, **kwargs):
        if not where(path, kwargs).startswith(under):
            return real(path, *args, **kwargs)
        if at == "mkdir":
            real(path, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(os, at, killed)
    if real in os.supports_dir_fd:  # as the call it stands for: kpidsl/folder_fds.py asks
        os.supports_dir_fd.add(killed)
    from kpidsl.cli import main
    main(sys.argv[1:], prog_name="kpidsl")
""")

# each command that writes beside its output, with the hidden folders a kill leaves there
# besides the temporary file
COMMANDS = {
    "score": (lambda o: ["score", str(RULES), "--results", str(RESULTS), "-o", f"{o}/scores.csv"], ()),
    "score-xlsx": (lambda o: ["score", str(RULES), "--results", str(RESULTS), "--format", "xlsx",
                              "-o", f"{o}/scores.xlsx"], (".scores.xlsx.kpidsl-sheets-",)),
    "score-sql": (lambda o: ["score", str(RULES), "--results", str(RESULTS), "--engine", "sql",
                             "-o", f"{o}/scores.csv"], (".scores.csv.kpidsl-sql-",)),
    "rescore": (lambda o: ["diff", str(RULES), str(NEXT), "--rescore", str(RESULTS), "-o", f"{o}/review.txt"],
                (".review.txt.kpidsl-diff-review-",)),
    "build": (lambda o: ["build", str(RULES), "-o", f"{o}/build"], (".build.kpidsl-new-",)),
    "render-results": (lambda o: ["render", str(RULES), "--results", str(RESULTS), "--format", "md",
                                  "-o", f"{o}/forms"], (".forms.kpidsl-render-", ".forms.kpidsl-forms-fills-")),
}


def kill_while_writing(args: list[str], out: Path, at: str = "replace") -> subprocess.CompletedProcess:
    env = {**os.environ, "KILL_UNDER": str(out), "KILL_AT": at, "PYTHONPATH": str(ROOT),
           "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", KILLED, *args, "--lang", "en"], capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_what_a_killed_run_left_beside_its_output_the_next_run_removes(tmp_path, command):
    if command == "score-sql":
        pytest.importorskip("duckdb", reason="the sql extra is not installed")
    if command == "score-xlsx":
        pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    make, folders = COMMANDS[command]
    out = tmp_path / "out"
    out.mkdir()
    # DuckDB's spill folder is gone before the output is renamed into place: killed as it is made
    at = "mkdir" if command == "score-sql" else "replace"
    kill_while_writing(make(out), out, at)
    left = hidden(out)
    temps = [p for p in out.rglob(".kpidsl-*.tmp")]
    assert temps, f"the killed run left its temporary file: {left}"
    for prefix in folders:
        assert any(name.startswith(prefix) for name in left), (prefix, left)
    done = run(*make(out))
    assert done.exit_code == 0, done.output
    assert hidden(out) == []  # the lock a killed render or build held goes as the next one lets it go


def test_any_output_written_into_the_folder_removes_them(tmp_path):
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    out = tmp_path / "out"
    out.mkdir()
    kill_while_writing(COMMANDS["score-xlsx"][0](out), out)
    assert len(hidden(out)) == 2  # the temporary file and the sheets' folder
    done = run("compile", str(RULES), "-o", str(out / "plan.json"))
    assert done.exit_code == 0, done.output
    assert hidden(out) == [] and [p.name for p in out.iterdir()] == ["plan.json"]


@pytest.fixture
def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # a pid no process has now
    return finished.pid


@pytest.fixture
def live_pid():
    sleeping = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield sleeping.pid
    sleeping.kill()
    sleeping.wait()


def _folder(path: Path) -> Path:
    path.mkdir(mode=0o700)
    (path / "run1.jsonl").write_text("[1]\n", encoding="ascii")
    return path


def test_only_what_a_dead_run_here_provably_left_goes(tmp_path, dead_pid, live_pid):
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "elsewhere"
    _folder(target)
    where = left_behind.where_pids_are_counted()
    dead_temp = out / left_behind.temp_name(dead_pid)
    dead_temp.write_bytes(b"half a workbook")
    dead_folder = _folder(out / left_behind.sibling_name("scores.xlsx", "sheets", dead_pid))
    kept = {
        "live temp": out / left_behind.temp_name(live_pid),
        "live folder": _folder(out / left_behind.sibling_name("scores.xlsx", "sheets", live_pid)),
        "own temp": out / left_behind.temp_name(os.getpid()),
        "elsewhere": out / left_behind.temp_name(dead_pid).replace(where, "0" * len(where)),
        "old name": out / ".kpidsl-0123456789ab.tmp",  # before names carried a pid: cannot be proved
        "not the pattern": out / (left_behind.temp_name(dead_pid) + "x"),
        "a user's file": out / "scores.csv",
        "folder named as a file": _folder(out / left_behind.temp_name(dead_pid)),
        "file named as a folder": out / left_behind.sibling_name("review.txt", "diff-review", dead_pid),
        "linked file": out / left_behind.temp_name(dead_pid),
        "linked folder": out / left_behind.sibling_name("forms", "render", dead_pid),
    }
    for name, path in kept.items():
        if name.startswith("linked"):
            path.symlink_to(target / "run1.jsonl" if name == "linked file" else target)
        elif not path.exists():
            path.write_bytes(b"keep")
    write_file(out / "plan.json", "{}")
    assert not dead_temp.exists() and not dead_folder.exists()
    assert {name for name, path in kept.items() if not os.path.lexists(path)} == set()
    assert (target / "run1.jsonl").read_text(encoding="ascii") == "[1]\n"  # no link followed


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_dead_runs_leftover_another_user_owns_stays(tmp_path, dead_pid):
    theirs = tmp_path / left_behind.temp_name(dead_pid)
    theirs.write_bytes(b"theirs")
    folder = _folder(tmp_path / left_behind.sibling_name("scores.xlsx", "sheets", dead_pid))
    for path in (theirs, folder):
        os.chown(path, 54321, 54321)
    write_file(tmp_path / "plan.json", "{}")
    assert theirs.exists() and (folder / "run1.jsonl").exists()


def test_a_name_is_short_whatever_the_output_s_name(dead_pid):
    assert len(left_behind.temp_name(dead_pid)) <= 60
    long = "ก" * 85  # 255 bytes of UTF-8
    assert len(os.fsencode(left_behind.sibling_name(long, "diff-review", dead_pid))) <= 255
    assert left_behind.run_of(left_behind.sibling_name(long, "diff-review", dead_pid)) == dead_pid


def test_the_next_run_scans_an_output_folder_once(tmp_path, monkeypatch, dead_pid):
    # render writes each form through files.write_file: one look into the folder per folder, not per form
    out = tmp_path / "out"
    out.mkdir()
    (out / left_behind.temp_name(dead_pid)).write_bytes(b"x")
    looked: list[str] = []
    real = os.scandir

    def scandir(path="."):
        if not isinstance(path, int):  # rmtree's own, by a descriptor
            looked.append(os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    done = run("render", str(RULES), "--results", str(RESULTS), "--format", "md", "-o", str(out / "forms"))
    assert done.exit_code == 0, done.output
    under = [p for p in looked if p.startswith(str(out))]
    monkeypatch.undo()
    assert hidden(out) == []
    written = sum(1 for p in (out / "forms").rglob("*") if p.is_file())
    assert written > 10 and len(under) == len(set(under)), under


def test_a_streaming_writer_s_temporary_file_carries_its_proof(tmp_path):
    writer = StreamingWriter(tmp_path / "scores.csv")
    try:
        (tmp,) = [p.name for p in tmp_path.iterdir()]
        assert left_behind.run_of(tmp) == os.getpid()
    finally:
        writer.discard()
    assert list(tmp_path.iterdir()) == []
