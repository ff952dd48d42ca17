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


_FOLDER_COMMANDS = {
    "score": ["score", "rules/2555", "--format", "csv", "--results", "FOLDER"],
    "render --results": ["render", "rules/2555", "--form", "individual", "-o", "OUT", "--results", "FOLDER"],
    "diff --rescore": ["diff", "rules/2555", "rules/2555", "--rescore", "FOLDER"],
}


def _folder_with(tmp_path: Path, odd: str) -> Path:
    """A results folder holding the shipped results and ``odd``: a FIFO, or a link to a file
    outside the folder (a colleague's on a shared drive: /etc/passwd, someone's key)."""
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "results_2555.csv").write_bytes((ROOT / "examples" / "results_2555.csv").read_bytes())
    if odd == "fifo":
        os.mkfifo(folder / "later.csv")
    else:
        secret = tmp_path / "elsewhere" / "secret.csv"
        secret.parent.mkdir()
        secret.write_text("agreement,5\nTOP-SECRET-LINE,78\n", encoding="utf-8")
        (folder / "later.csv").symlink_to(secret)
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs and links")
@pytest.mark.parametrize("odd", ["fifo", "link out of the folder"])
@pytest.mark.parametrize("name", sorted(_FOLDER_COMMANDS))
def test_a_results_folder_holding_a_fifo_or_a_link_out_of_it_is_told_not_read(tmp_path, name, odd):
    """A results folder's FIFO was passed over without a word, and a link in it to a file
    elsewhere was read, its lines quoted under the messages: kpidsl follows no link out of a
    folder it was named. Each is Q008 at the entry, exit 2, nothing of the file read."""
    folder = _folder_with(tmp_path, odd)
    args = [str(tmp_path / "out") if a == "OUT" else str(folder) if a == "FOLDER" else a for a in _FOLDER_COMMANDS[name]]
    done = subprocess.run([sys.executable, "-m", "kpidsl", *args, "--lang", "en"], cwd=ROOT, capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Q008" in err and f"{folder / 'later.csv'}:" in err.replace("\\", "/"), err
    assert "TOP-SECRET" not in err + done.stdout.decode("utf-8", "replace")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links")
def test_a_link_to_a_file_inside_the_results_folder_is_read(tmp_path):
    folder = tmp_path / "results"
    (folder / "kept").mkdir(parents=True)
    (folder / "kept" / "r.csv").write_bytes((ROOT / "examples" / "results_2555.csv").read_bytes())
    (folder / "results_2555.csv").symlink_to(Path("kept") / "r.csv")
    def scored(results: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kpidsl", "score", "rules/2555", "--format", "csv", "--results",
                               str(results), "--lang", "en"], cwd=ROOT, capture_output=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    done, direct = scored(folder), scored(folder / "kept" / "r.csv")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == direct.stdout and b"dept_example_2555" in done.stdout
