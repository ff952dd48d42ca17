"""What a person's cells and a rule file's titles do on a terminal: nothing.

Every command that prints user data to standard output shows control characters and
bidi overrides escaped when that output is a terminal (as ``ls`` shows odd file names),
and writes the bytes unchanged into a file or a pipe, where a program reads them. JSON on
a terminal stays JSON of the same values: a hidden character is written as its JSON
escape (``\\u202e``). Each command runs here in a process of its own on a pseudo-terminal.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_output_escapes import hostile_rule_set

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
PERSON = "x\x1b]0;pwn\x07\u202ey"


def kpidsl(args: list, cwd: Path, terminal: bool) -> tuple[int, str, str]:
    """Run kpidsl with standard output a pseudo-terminal (``terminal``) or a pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KPIDSL_LANG": "en"}
    command = [sys.executable, "-m", "kpidsl", *map(str, args)]
    if not terminal:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8")
    main, child = pty.openpty()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=child, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(child)
    out = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed its side
            break
        if not data:
            break
        out += data
    os.close(main)
    err = proc.stderr.read()
    proc.stderr.close()
    proc.wait(timeout=120)
    # the terminal turns each newline into CR LF
    return proc.returncode, out.decode("utf-8").replace("\r\n", "\n"), err.decode("utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    here = tmp_path_factory.mktemp("terminal")
    hostile_rule_set(here / "rules")
    old = here / "old"
    old.mkdir()
    (old / "r.kpi").write_text((here / "rules" / "r.kpi").read_text(encoding="utf-8").replace("\u202eevil", "ok"),
                               encoding="utf-8")
    (here / "r.csv").write_text(f"agreement,person,5\na,{PERSON},78\n", encoding="utf-8")
    return here


def _sql() -> bool:
    from importlib.util import find_spec

    return find_spec("duckdb") is not None and find_spec("sqlglot") is not None


COMMANDS = {
    "score-csv": ["score", "rules", "--results", "r.csv", "--format", "csv"],
    "score-json": ["score", "rules", "--results", "r.csv", "--format", "json"],
    "score-csv-sql": ["score", "rules", "--results", "r.csv", "--format", "csv", "--engine", "sql"],
    "score-json-sql": ["score", "rules", "--results", "r.csv", "--format", "json", "--engine", "sql"],
    "render-md": ["render", "rules", "--form", "overview", "--format", "md", "-o", "-"],
    "render-html": ["render", "rules", "--form", "overview", "--format", "html", "-o", "-"],
    "compile": ["compile", "rules"],
    "diff-json": ["diff", "old", "rules", "--format", "json"],
    "diff-md": ["diff", "old", "rules", "--format", "md"],
    "sql": ["sql", "rules", "--agreement", "a"],
}
JSON = {"score-json", "score-json-sql", "compile", "diff-json"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_terminal_is_shown_no_control_character(folder, name):
    if name.endswith("sql") and not _sql():
        pytest.skip("needs the extra `sql`")
    status, out, err = kpidsl(COMMANDS[name], folder, terminal=True)
    assert status == 0, err
    assert out and not HIDDEN.findall(out), sorted(set(HIDDEN.findall(out)))
    if name in JSON:
        piped = kpidsl(COMMANDS[name], folder, terminal=False)[1]
        assert json.loads(out) == json.loads(piped)  # the same values, hidden characters as JSON escapes


@pytest.mark.parametrize("name", ["score-csv", "score-csv-sql"])
def test_a_terminal_reads_the_escapes_a_pipe_gets_the_bytes(folder, name):
    if name.endswith("sql") and not _sql():
        pytest.skip("needs the extra `sql`")
    shown = kpidsl(COMMANDS[name], folder, terminal=True)[1]
    assert "a,x\\x1b]0;pwn\\x07\\u202ey,," in shown
    piped = kpidsl(COMMANDS[name], folder, terminal=False)[1]
    assert f"a,{PERSON},," in piped


# ---- names of files: a shared folder's, or typed ------------------------------------------------------------

ODD_NAME = "x\x1b]0;pwn\x07\u202e\ny.kpi"


def test_a_file_name_found_in_a_folder_is_told_escaped(tmp_path):
    """`fmt` walks a shared folder: a file another user named with an ESC sequence, a bidi
    override or a newline is told on one line, escaped, wherever standard error goes."""
    from click.testing import CliRunner

    from kpidsl.cli import main

    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / ODD_NAME).write_text("กรอบ f \"x\" {\n      ปีงบประมาณ 2555\n}\n", encoding="utf-8")
    for args in (["fmt", "--check", str(folder)], ["fmt", str(folder)]):
        result = CliRunner().invoke(main, [*args, "--lang", "en"])
        assert result.exit_code in (0, 1), result.output
        assert not HIDDEN.findall(result.stderr), result.stderr
        assert "x\\x1b]0;pwn\\x07\\u202e\\ny.kpi" in result.stderr


@pytest.mark.parametrize("args", [["compile", "RULES", "-o", "p\x1b[2J\n.json"],
                                  ["render", "RULES", "--form", "overview", "-o", "f\x1b[2J\n.md"],
                                  ["render", "RULES", "--form", "overview", "-o", "d\x1b[2J\nir"],
                                  ["score", "RULES", "--results", "RESULTS", "-o", "s\x1b[2J\n.csv"]])
def test_an_output_name_is_told_escaped(folder, tmp_path, monkeypatch, args):
    from click.testing import CliRunner

    from kpidsl.cli import main

    monkeypatch.chdir(tmp_path)
    args = [str(folder / "rules") if a == "RULES" else str(folder / "r.csv") if a == "RESULTS" else a for a in args]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert not HIDDEN.findall(result.output), result.output
    assert "\\x1b[2J\\n" in result.output


@pytest.mark.parametrize("args", [["score", "RULES", "--results", "RESULTS", "--agreement", "a\x1b]0;x\x07"],
                                  ["render", "RULES", "--form", "f\x1b]0;x\x07"],
                                  ["score", "RULES", "--results", "RESULTS", "--format", "c\x1b]0;x\x07"],
                                  ["score", "RULES", "--bogus\x1b]0;x\x07"],
                                  ["--bogus\x1b]0;x\x07"]])
def test_a_usage_error_shows_what_was_given_escaped(folder, args):
    """A value given on the command line (from a script's variable, a pasted id) is quoted in
    the usage error as any other text from outside: escaped."""
    from click.testing import CliRunner

    from kpidsl.cli import main

    args = [str(folder / "rules") if a == "RULES" else str(folder / "r.csv") if a == "RESULTS" else a for a in args]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert not HIDDEN.findall(result.output), result.output
    assert "\\x1b]0;x\\x07" in result.output


# ---- binary outputs ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, code", [("workbook", "J010"), ("pdf", "O019")])
def test_binary_output_is_not_written_to_a_terminal(folder, name, code):
    """A workbook or a PDF on a terminal is garbage that may drive it: refused as `score
    --format xlsx` refuses it (J010), one line, exit 2; a pipe or a file gets the bytes."""
    from importlib.util import find_spec

    if find_spec("openpyxl" if name == "workbook" else "weasyprint") is None:
        pytest.skip(f"needs the extra for {name}")
    args = (["workbook", "rules", "--agreement", "a", "-o", "-"] if name == "workbook"
            else ["render", "rules", "--form", "overview", "--pdf", "-o", "-"])
    status, out, err = kpidsl(args, folder, terminal=True)
    assert (status, out) == (2, ""), err
    assert err.startswith(f"kpidsl: {code}: ") and len(err.strip().splitlines()) == 1, err
    status, out, err = kpidsl(args, folder, terminal=False)
    assert status == 0 and out, err


# ---- standard output that cannot be written ------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["score", "rules", "--results", "r.csv", "--format", "csv"],
                                  ["check", "rules"], ["compile", "rules"], ["sql", "rules", "--agreement", "a"],
                                  ["render", "rules", "--form", "overview", "-o", "-"]])
def test_a_full_disk_under_standard_output_is_o001_not_an_internal_error(folder, args):
    """`kpidsl … > scores.csv` on a full shared drive: one located O001, exit 2."""
    if args[0] == "sql" and not _sql():
        pytest.skip("needs the extra `sql`")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "kpidsl", *args, "--lang", "en"], cwd=folder, stdout=full,
                              stderr=subprocess.PIPE, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err, err
    assert ": O001 " in err and "No space left on device" in err, err


def test_a_closed_standard_output_is_o001_not_an_internal_error(folder):
    """`kpidsl check rules >&-`: no standard output at all."""
    done = subprocess.run([sys.executable, "-m", "kpidsl", "check", "rules", "--lang", "en"], cwd=folder,
                          stderr=subprocess.PIPE, timeout=120, preexec_fn=lambda: os.close(1),
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "internal error" not in err and ": O001 " in err, err
