"""A big batch to standard output is scored twice (kpidsl/score/pending_output.py: the
first pass finds whether it is clean, the second prints): a results file that changes in
between would print figures the first pass never checked. The second pass is refused
before it prints anything (Q045); a change during it is told after (Q046). Both exit 2:
trouble with a file, not with its content.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score.pending_output import changed, fingerprint

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score\n")
ROW = "janya_2554_r1,1,P{n},3,3.5,3,4.5,3,4.5,4,3,4,3,3\n"  # seed 001's form: 70.8, ดี
ROWS = 2_000


@pytest.fixture
def batch(tmp_path, monkeypatch):
    import kpidsl.score.pending_output as pending

    monkeypatch.setattr(pending, "SPOOL_CHARS", 10_000)  # 2,000 rows of CSV: far past it
    shutil.copytree(ROOT / "rules" / "2554", tmp_path / "2554")
    path = tmp_path / "results.csv"
    path.write_text(HEADER + "".join(ROW.format(n=n) for n in range(ROWS)), encoding="utf-8")
    return tmp_path, path


def _edit(path: Path) -> None:
    """Someone saves the file again: one more row."""
    with path.open("a", encoding="utf-8") as f:
        f.write(ROW.format(n="late"))


def _score(folder: Path, path: Path, *args: str):
    return CliRunner().invoke(main, ["score", str(folder / "2554"), "--results", str(path), "--lang", "en",
                                     "--format", "csv", "-o", "-", *args])


def _after_pass(monkeypatch, engine: str, path: Path, on: int) -> None:
    """The engine's pass over the results edits ``path`` once pass number ``on`` is over."""
    if engine == "sql":
        pytest.importorskip("duckdb")
        import kpidsl.sql.run as module
        name = "score_into"
    else:
        import kpidsl.score.batch as module
        name = "_write_all"
    original = getattr(module, name)
    calls = []

    def pass_then_edit(*args, **kwargs):
        done = original(*args, **kwargs)
        calls.append(1)
        if len(calls) == on:
            _edit(path)
        return done

    monkeypatch.setattr(module, name, pass_then_edit)


@pytest.mark.parametrize("engine", ["python", "sql"])
def test_a_file_changed_after_the_first_pass_prints_nothing(batch, monkeypatch, engine):
    folder, path = batch
    _after_pass(monkeypatch, engine, path, on=1)
    done = _score(folder, path, "--engine", engine)
    assert done.exit_code == 2, done.output
    assert done.stdout == ""
    assert ": Q045 " in done.stderr


@pytest.mark.parametrize("engine", ["python", "sql"])
def test_a_file_changed_during_the_second_pass_is_told(batch, monkeypatch, engine):
    folder, path = batch
    _after_pass(monkeypatch, engine, path, on=2)
    done = _score(folder, path, "--engine", engine)
    assert done.exit_code == 2, done.output
    assert ": Q046 " in done.stderr
    assert done.stdout.count("janya_2554_r1,P") == ROWS  # printed before the change was seen


def test_an_unchanged_file_prints_every_row_once(batch):
    folder, path = batch
    done = _score(folder, path, "--engine", "python")
    assert done.exit_code == 0, done.output
    assert done.stdout.count("janya_2554_r1,P") == ROWS and done.stderr == ""


def test_a_file_saved_again_with_the_same_size_has_another_fingerprint(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    before = fingerprint([path])
    assert changed([path], before) is None
    path.write_text("a,b\n1,3\n", encoding="utf-8")  # same size, same inode
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000))  # a clock that did not tick is not relied on
    assert changed([path], before) == path
    path.unlink()
    assert changed([path], before) == path  # gone
