"""How fast is `kpidsl score --format xlsx`? A script, not a test.

    python benchmarks/bench_score_xlsx.py [--rows 2000 40000] [--runs 1] [--seed 2554]
                                          [--code DIR ...] [--to file stdout] [--profile] [--keep DIR]

Builds the synthetic rule set and results CSV of benchmarks/bench_score.py (one individual
agreement, 10 ladders and 5 competencies: 17 rows of scores and some 45 lines of explanation
an evaluation), then runs the whole command in a child process at each row count:
`--format xlsx -o FILE` (or to standard output, a pipe read and thrown away), and for
comparison `--format text --explain -o FILE` (the same explaining path, without the
workbook) and `--format csv -o FILE` (the batch path). Prints, the least of --runs, the wall
seconds, the CPU seconds (user + system, from the child's rusage), the peak resident memory
(VmHWM: ru_maxrss) and the CPU milliseconds per 1,000 evaluations. --code runs the command
from each code tree given (PYTHONPATH; a tree of `git archive` of an older commit) in turn,
to compare before and after on the same data and load. --profile: cProfile of the workbook
in-process at the smallest row count, self time by function.

Session 26 (kpidsl/xlsx/sheet_xml.py, package.py: the rows written by kpidsl, not openpyxl's
write-only cells), `--code` the tree of 529b73a and the new one in turn, 2 cores shared with
other work (load 6-9: wall times are long; CPU is what compares):

    rows    format         before (529b73a)                    after
    2,000   xlsx -o FILE   7.71 s CPU (16.1 s wall), 67.6 MB   2.79 s CPU (5.8 s wall), 69.1 MB
    2,000   xlsx to pipe   7.80 s CPU (15.8 s wall), 68.6 MB   2.70 s CPU (5.5 s wall), 69.3 MB
    2,000   text --explain 2.11 s CPU, 59.2 MB                 1.92 s CPU, 59.0 MB (cell_width)
    2,000   csv            0.47 s CPU, 38.8 MB                 0.53 s CPU, 38.9 MB
    40,000  xlsx -o FILE   166.5 s CPU (729 s wall), 73.6 MB   50.1 s CPU (123 s wall), 73.6 MB

CPU per 1,000 evaluations at 40,000: 4,162 ms before, 1,253 ms after (3.3x); peak memory flat
(73.6 MB at 40,000, 69 at 2,000). The workbook's own part, ScoresBook.add and the zip on an
evaluation's document and explanation (45 lines) added 4,000 times: 2,577 us an evaluation
before, 224 us after (149 to write the rows, 75 to deflate them). A cProfile of 2,000
evaluations before: openpyxl's style per cell (hashing each Font) and its XML writer 18 of
41 s; after, the rows 2.3 of 13.3 s, report.text (the explanation, which `--explain` pays as
well) 6.1 s, as_dict 1.9 s, zlib 0.5 s. Deflating at level 1 instead of 6 would save 60 us an
evaluation for sheets 40 % bigger (2.88 against 2.05 MB at 2,000): not done.

Session 27 (kpidsl/score/report.py, explanations.py: a row's words, indicator labels, ladders'
thresholds and rounder made once, not once a row; the report's tree walked by a stack, not a
nested function calling itself, a reference cycle that held each row's lines until the cyclic
collector ran), `--code` the tree of 09fcbc7 and the new one in turn, load 6-9:

    rows    format         before (09fcbc7)                    after
    2,000   xlsx -o FILE   2.86 s CPU, 69.7 MB                 2.13 s CPU, 49.8 MB
    2,000   text --explain 2.01 s CPU, 59.1 MB                 1.38 s CPU, 38.0 MB
    20,000  xlsx -o FILE   24.35 s CPU, 71.4 MB                15.07 s CPU, 57.0 MB
    20,000  text --explain 14.21 s CPU, 62.2 MB                7.85 s CPU, 40.8 MB
    20,000  csv            0.67 s CPU, 41.9 MB                 0.63 s CPU, 41.7 MB

CPU per 1,000 evaluations at 20,000: xlsx 1,218 -> 754 ms, text --explain 710 -> 392 ms. The
same bytes (the workbook's but for its time of writing). In one process, each report made,
written and dropped as the batch does, over the evaluation's own 0.05 ms: the text report
0.213 -> 0.076 ms a row, with --explain 0.48 -> 0.25, JSON 0.107 -> 0.070; `score --format
text` without --explain, 20,000 rows: 9.9 -> 3.8 s CPU.

Session 33 (kpidsl/xlsx/scores.py: a weight column beside each node's score and weighted score
on its agreement's sheet, 17 more cells an evaluation), `--code` main and the new tree in turn,
the least of 3 runs, cores shared with six other sessions:

    rows    format         before (main)                       after
    2,000   xlsx -o FILE   2.68 s CPU, 50.9 MB                 2.65 s CPU, 50.7 MB
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_score import write_inputs  # beside this script

ROOT = Path(__file__).resolve().parent.parent


def measured(cmd: list[str], code: Path, to_stdout: bool) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit status) of one child process running
    kpidsl from the tree ``code`` (its folder first on the path: `python -m` puts the
    working folder there before PYTHONPATH)."""
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE if to_stdout else subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env, cwd=code)
    if to_stdout:  # read the output as a reader of the pipe would, keeping none of it
        while child.stdout.read(1 << 20):
            pass
        child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status))


def profile(rules: Path, results: Path, out: Path) -> None:
    from kpidsl.cli import main as cli

    argv = ["score", str(rules), "--results", str(results), "--format", "xlsx", "-o", str(out)]
    prof = cProfile.Profile()
    prof.enable()
    try:
        cli.main(argv, standalone_mode=False)
    finally:
        prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, nargs="+", default=[2_000, 40_000])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--code", type=Path, nargs="+", default=[ROOT], help="code trees to run the command from")
    ap.add_argument("--to", nargs="+", choices=["file", "stdout"], default=["file"])
    ap.add_argument("--formats", nargs="+", choices=["xlsx", "text+explain", "csv"],
                    default=["xlsx", "text+explain", "csv"])
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--keep", type=Path, help="write the rule set, the CSVs and the outputs here and keep them")
    args = ap.parse_args()
    rows = sorted(args.rows)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules, csvs = write_inputs(folder, rows, args.seed)
        print(f"{'code':<24} {'format':<13} {'to':<7} {'rows':>7} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}"
              f" {'CPU ms/1,000':>13}")
        for n in rows:
            for fmt in args.formats:
                for to in args.to if fmt == "xlsx" else ["file"]:
                    for code in args.code:
                        name, explain = fmt.split("+")[0], fmt.endswith("+explain")
                        cmd = [sys.executable, "-m", "kpidsl", "score", str(rules), "--results", str(csvs[n]),
                               "--format", name, *(["--explain"] if explain else [])]
                        cmd += ["-o", str(folder / f"out_{n}.{name}")] if to == "file" else []
                        best = None
                        for _ in range(args.runs):
                            got = measured(cmd, code.resolve(), to == "stdout")
                            failed |= bool(got[3])
                            best = got if best is None or got[1] < best[1] else best
                        wall, cpu, mb, status = best
                        print(f"{str(code)[-24:]:<24} {fmt:<13} {to:<7} {n:>7,} {wall:8.2f} {cpu:8.2f} {mb:8.1f}"
                              f" {cpu / n * 1e6:13,.0f}" + (f"  exit {status}" if status else ""), flush=True)
        if args.profile:
            profile(rules, csvs[rows[0]], folder / "profiled.xlsx")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
