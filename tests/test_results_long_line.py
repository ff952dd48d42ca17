"""A CSV results file whose line runs on past MAX_LINE_BYTES is one located Q008 at that
line, read in memory bounded by the limit, not by the line: a one-line file of 100 MB once
took 650 MB (the line, the run of lines joined, the csv module's cell buffer of 4 bytes a
character, the cell), over a shared drive anyone's file. The bytes are looked at as they
come (csv_input.LineBounded), before any line is made of them."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.results import read_results
from kpidsl.score.results.csv_input import LineBounded, LineTooLong, MAX_LINE_BYTES

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2555"
GOOD = (ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").splitlines()


def _codes(path: Path) -> list[tuple[str, int, int]]:
    (rs,) = check_paths([RULES]).rule_sets
    plan = compile_plan(rs, RULES)
    return [(d.code, d.span.line, d.span.column) for d in read_results(path, plan) if hasattr(d, "code")]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_a_line_past_the_limit_is_q008_at_it(tmp_path, line_end):
    path = tmp_path / "r.csv"
    rows = [GOOD[0], GOOD[1], "dept_example_2555," + "7" * MAX_LINE_BYTES, GOOD[1]]
    path.write_text(line_end.join(rows) + line_end, encoding="utf-8", newline="")
    assert _codes(path) == [("Q008", 3, 1)]


def test_a_line_of_the_limit_is_read_as_any_line(tmp_path):
    # the longest line taken: MAX_LINE_BYTES bytes before its line end (a CR LF split by a chunk too)
    path = tmp_path / "r.csv"
    cell = "7" * (MAX_LINE_BYTES - len("dept_example_2555,"))
    path.write_text("\r\n".join(["agreement,5", "dept_example_2555," + cell]) + "\r\n", encoding="utf-8",
                    newline="")
    assert _codes(path) == [("Q014", 2, 19)]  # a number of too many digits, at its cell


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_the_bytes_pass_unchanged_and_each_line_end_is_counted_once(chunk):
    data = b"ab\r\ncd\ref\n\r\n" + b"x" * 20 + b"\n"

    class Dribble(io.RawIOBase):  # a few bytes a read: CR LF split between two
        def __init__(self) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            n = min(chunk, len(buffer), len(self.data))
            buffer[:n], self.data = self.data[:n], self.data[n:]
            return n

    assert LineBounded(io.BufferedReader(Dribble()), 20).read() == data
    with pytest.raises(LineTooLong) as e:
        LineBounded(io.BufferedReader(Dribble()), 19).read()
    assert e.value.line == 5  # ab, cd, ef, "", then the 20 x's


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="POSIX limits")
def test_a_one_line_file_of_200_mb_is_told_within_a_bounded_memory(tmp_path):
    """1 GiB of address space for the whole command: the line read whole took 6 times it."""
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(GOOD[0] + "\n" + "dept_example_2555,")
        for _ in range(200):
            f.write("7" * (1 << 20))
        f.write("\n")
    done = subprocess.run([sys.executable, "-m", "kpidsl", "score", str(RULES), "--results", str(path), "--format",
                           "csv", "--lang", "en"], cwd=ROOT, capture_output=True, timeout=300, preexec_fn=_limited,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert f"{path}:2:1: Q008 error" in err and "Traceback" not in err, err


# A record is bounded as a line is: a quoted cell whose short lines run on (a quote left
# open on a shared drive's file) was held to the csv module's field limit alone, a gigabyte
# (benchmarks/bench_long_line.py, csv-lines: 100 MB took 1.5 GB).

_SHORT = "7777777\n"


def _reasons(path: Path, fast: bool = False) -> list[tuple[str, int, int, str]]:
    from kpidsl.score.evaluate import PlanEvaluator

    (rs,) = check_paths([RULES]).rule_sets
    plan = compile_plan(rs, RULES)
    items = read_results(path, plan, evaluators=PlanEvaluator(plan) if fast else None)
    return [(d.code, d.span.line, d.span.column, d.message_en) for d in items if hasattr(d, "code")]


@pytest.mark.parametrize("fast", [False, True], ids=["reader", "row path"])
@pytest.mark.parametrize("closed", [True, False], ids=["quoted cell", "quote left open"])
def test_a_record_past_the_limit_over_short_lines_is_q008_at_its_first_line(tmp_path, fast, closed):
    path = tmp_path / "r.csv"
    cell = _SHORT * (MAX_LINE_BYTES // len(_SHORT) + 1)
    path.write_text("\n".join([GOOD[0], GOOD[1]]) + "\n" + 'dept_example_2555,"' + cell
                    + ('"\n' + GOOD[1] + "\n" if closed else ""), encoding="utf-8")
    found = _reasons(path, fast)
    assert [f[:3] for f in found] == [("Q008", 3, 1)], found
    assert "begins on line 3" in found[0][3] and f"{MAX_LINE_BYTES:,}" in found[0][3]


def test_a_record_of_the_limit_over_lines_is_read_as_any_row(tmp_path):
    """The row's bytes, its line ends counted, exactly MAX_LINE_BYTES: read, its cell told as a
    cell (no number), at its place."""
    path = tmp_path / "r.csv"
    head = 'dept_example_2555,"'
    lines = (MAX_LINE_BYTES - len(head) - 2) // len(_SHORT)
    tail = "7" * (MAX_LINE_BYTES - len(head) - 2 - lines * len(_SHORT))
    row = head + _SHORT * lines + tail + '"\n'
    assert len(row.encode()) == MAX_LINE_BYTES
    path.write_text("agreement,5\n" + row, encoding="utf-8")
    assert [f[:3] for f in _reasons(path)] == [("Q003", 2, 19)]  # not a number (its line ends), at its cell
