"""`kpidsl score --jobs N` (kpidsl/score/parts.py): the workers hand back the keys of their
parts' rows and the process that made the parts never reads a file again for the rows
given twice, unless its filter has suspects (then a worker confirms them). The same
diagnostics, in the same order, as one process: twice within a part, across parts, a
suspect that is no duplicate, rows naming another agreement or round, several files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score import parts, seen_rows
from kpidsl.score.parts import cut_csv, shared_hash_pool
from kpidsl.score.results import csv_input
from kpidsl.score.seen_rows import identity_key

ROOT = Path(__file__).resolve().parent.parent
HEADER = "agreement,round,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score"
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"


def _probe(_: int) -> tuple:
    return identity_key("a", None, None), identity_key("a", "P1", "1"), os.environ.get("PYTHONHASHSEED")


def test_a_key_is_the_same_in_two_processes_of_one_hash_seed():
    # hash(None) is None's address on Python 3.11: a key must not hash it, or two workers
    # started with one PYTHONHASHSEED would key a row without a person apart.
    code = ("from kpidsl.score.seen_rows import identity_key; "
            "print(identity_key('a', None, None), identity_key('a', 'P', None), identity_key('a', None, '1'))")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    runs = {subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
            for _ in range(3)}
    assert len(runs) == 1


def test_spawned_workers_share_one_hash_and_the_environment_is_put_back():
    before = os.environ.get("PYTHONHASHSEED")
    found = []
    for _ in range(2):  # two pools, two seeds: each pool's workers agree among themselves
        with shared_hash_pool(3) as pool:
            found.append(pool.map(_probe, range(12), chunksize=1))
        assert os.environ.get("PYTHONHASHSEED") == before
    for keys in found:
        assert len({k[:2] for k in keys}) == 1 and keys[0][2] is not None
    assert found[0][0][:2] != found[1][0][:2]  # a seed of each run (1 in 2³² to meet)


def score(*args: str):
    return CliRunner().invoke(main, ["score", "2554", *args, "--lang", "en"])


def write(name: str, rows: int, bad: dict[int, str], person: bool = True) -> str:
    lines = [HEADER]
    for n in range(rows):
        lines.append(bad.get(n) or f"janya_2554_r1,1,{f'P{n}' if person else ''},{SCORES}")
    Path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def same(*args: str, jobs: int = 3):
    one = score(*args)
    many = score(*args, "--jobs", str(jobs))
    assert (many.exit_code, many.stdout_bytes, many.stderr) == (one.exit_code, one.stdout_bytes, one.stderr)
    return one


def twice_file() -> str:
    """6,000 rows in three parts: P10 again in its own part and in the last; a row without
    a person twice (a key that hashes no None); a row naming another round than --round
    (Q032, no evaluation: not keyed) and one naming another agreement (Q031)."""
    return write("r.csv", 6_000, {
        11: f"janya_2554_r1,1,P10,{SCORES}",
        20: f"janya_2554_r1,1,,{SCORES}",
        3_000: f"janya_2554_r1,2,P30,{SCORES}",
        3_500: f"janya_2554_r1,1,P10,{SCORES}",
        4_000: f"other_2554,1,P40,{SCORES}",
        5_999: f"janya_2554_r1,1,,{SCORES}",
    })


def told(out) -> list[str]:
    return [line.split(" error")[0] for line in out.stderr.splitlines() if line.startswith("r.csv:")]


@pytest.mark.parametrize("mode", ["kept", "arrays", "moved", 0, 64])
def test_rows_given_twice_in_and_across_parts(work, monkeypatch, mode):
    name = twice_file()
    assert len(cut_csv(Path(name), 3)) == 3
    # the keys of the process that made the parts: kept in a set, in arrays past 1,500, moved
    # to the filter past 2,500, or the filter from the start (64 bits: every key a suspect)
    if mode == "arrays":
        monkeypatch.setattr(seen_rows, "SET_KEYS", 1500)
    elif mode == "moved":
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 2500)
    elif mode != "kept":
        monkeypatch.setattr(seen_rows, "_BLOOM_BITS", mode or seen_rows._BLOOM_BITS)
        monkeypatch.setattr(seen_rows, "KEPT_KEYS", 0)
    one = same("--results", name, "--round", "1", "--agreement", "janya_2554_r1", "--format", "csv")
    assert [(t.split(":")[1], t.split(": ")[-1]) for t in told(one)] == [
        ("13", "Q006"), ("3002", "Q032"), ("3502", "Q006"), ("4002", "Q031"), ("6001", "Q006")]
    assert one.stderr.count("the first is at line 12") == 2 and "the first is at line 22" in one.stderr


def test_the_parent_reads_no_file_again_without_suspects(work, monkeypatch):
    calls = []
    real = csv_input.csv_identities

    def counted(*args):
        calls.append(args[0].path)
        return real(*args)

    for module in (csv_input, sys.modules["kpidsl.score.results"]):
        monkeypatch.setattr(module, "csv_identities", counted, raising=False)
    name = write("r.csv", 6_000, {})
    one = same("--results", name, "--format", "csv")
    assert one.exit_code == 0 and not calls  # (one process reads it once, the workers read no file twice)


def test_several_files_cut_and_not(work, monkeypatch):
    Path("all").mkdir()
    write("all/a.csv", 5_000, {4_999: f"janya_2554_r1,1,P7,{SCORES}"})
    write("all/b.csv", 5_000, {0: f"janya_2554_r1,1,P4999,{SCORES}", 2: f"janya_2554_r1,1,P1,{SCORES}"})
    scores = dict(zip([f"{k}{n}" for k in "jc" for n in range(1, 6)], map(float, SCORES.split(","))))
    record = {"agreement": "janya_2554_r1", "round": "1", "person": "J",
              "results": {node: {"score": value} for node, value in scores.items()}}
    Path("all/c.json").write_text(json.dumps([record, record]), encoding="utf-8")  # JSON: one part, exact
    monkeypatch.setattr(parts, "PART_BYTES", 64 * 1024)
    assert len(cut_csv(Path("all/b.csv"), parts.parts_of(Path("all/b.csv"), 2))) == 4
    one = same("--results", "all", "--format", "csv", jobs=2)
    assert one.exit_code == 1 and one.stderr.count("Q006") == 4


def test_every_row_the_same_and_every_key_a_suspect(work, monkeypatch):
    name = write("r.csv", 6_000, {}, person=False)  # every row the same (no person): each a duplicate
    monkeypatch.setattr(seen_rows, "_BLOOM_BITS", 64)
    monkeypatch.setattr(seen_rows, "KEPT_KEYS", 0)  # one process too: the filter, not the keys
    one = same("--results", name, "--format", "csv")
    assert one.stderr.count("Q006") > 100


def test_an_interpreter_that_ignores_the_environment_cuts_no_file(work):
    # `python -E`: a worker cannot be given the hash seed, so no CSV is cut; the same bytes still
    name = twice_file()
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from kpidsl.cli import main; main()"
    runs = [subprocess.run([sys.executable, "-E", "-c", code, "score", "2554", "--results", name, "--lang", "en",
                            "--round", "1", *jobs], capture_output=True, cwd=work) for jobs in ([], ["--jobs", "2"])]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert runs[0].stderr.count(b"Q006") == 3
