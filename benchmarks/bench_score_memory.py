"""Is the memory of `kpidsl score` flat in the number of rows? A script, not a test.

    python benchmarks/bench_score_memory.py [--rows 10000 100000] [--seed 2554]
                                            [--to file stdout] [--keep DIR]

Builds the synthetic rule set and results CSV of benchmarks/bench_score.py (one
individual agreement, 10 ladders and 5 competencies, every row scoring), then runs
the whole command in a child process for each output format — `--format text`,
`--format text --explain`, `--format csv`, `--format json`, `--format json --explain` —
at each row count (`--formats` picks some: csv json text text+explain json+explain),
written with `-o FILE` and to standard output (a pipe read and
thrown away). The peak resident memory of each child is its rusage from os.wait4
(Linux reports it in KB). Prints the peaks and, per format and destination, the ratio
of the largest row count's peak to the smallest's (goal <= 1.3).

--jobs 1 2: then `--format csv -o FILE --jobs N` at the largest row count, for each N:
wall seconds, CPU seconds (user + system of the command and the workers it waited for,
from the same rusage) and the peak of the largest process; the outputs are compared
byte for byte with the first N's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_score import kpidsl_command, write_inputs  # beside this script

# The batch path without a trace first (seconds), then the explained one (minutes at 100,000 rows).
FORMATS = [("csv", False), ("json", False), ("text", False), ("text", True), ("json", True)]
GOAL = 1.3


def peak_rss(cmd: list[str], to_stdout: bool) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit status) of one child process."""
    mb, seconds, _, status = measured(cmd, to_stdout)
    return mb, seconds, status


def measured(cmd: list[str], to_stdout: bool) -> tuple[float, float, float, int]:
    """(peak RSS in MB, wall seconds, CPU seconds, exit status) of one child process (its
    workers included: Linux adds the children it waited for to its rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE if to_stdout else subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    if to_stdout:  # read the output as a reader of the pipe would, keeping none of it
        while child.stdout.read(1 << 20):
            pass
        child.stdout.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, usage.ru_utime + usage.ru_stime, child.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--to", nargs="+", choices=["file", "stdout"], default=["file", "stdout"])
    ap.add_argument("--formats", nargs="+", choices=[f + ("+explain" if e else "") for f, e in FORMATS] + ["none"],
                    help="only these formats (none: only --jobs)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[], help="also time --jobs N at the largest row count")
    ap.add_argument("--keep", type=Path, help="write the rule set, the CSVs and the outputs here and keep them")
    args = ap.parse_args()
    rows = sorted(args.rows)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules, csvs = write_inputs(folder, rows, args.seed)
        for n in rows:
            print(f"results: {n:,} rows, {csvs[n].stat().st_size / 1e6:.1f} MB")
        peaks: dict[tuple, float] = {}
        failed = False
        print(f"{'format':<16} {'to':<7} " + " ".join(f"{f'{n:,} rows':>22}" for n in rows) + "   ratio")
        chosen = [(f, e) for f, e in FORMATS if not args.formats or f + ("+explain" if e else "") in args.formats]
        for fmt, explain in chosen:
            label = fmt + (" --explain" if explain else "")
            for to in args.to:
                cells = []
                for n in rows:
                    cmd = [*kpidsl_command(), "score", str(rules), "--results", str(csvs[n]), "--format", fmt]
                    cmd += ["--explain"] if explain else []
                    cmd += ["-o", str(folder / f"out_{n}.{fmt}")] if to == "file" else []
                    mb, seconds, status = peak_rss(cmd, to == "stdout")
                    if status:
                        print(f"{label} {to} {n} rows: exit {status}")
                        failed = True
                    peaks[label, to, n] = mb
                    cells.append(f"{mb:8.1f} MB {seconds:7.1f} s")
                ratio = peaks[label, to, rows[-1]] / peaks[label, to, rows[0]]
                mark = "" if ratio <= GOAL else f"  over the goal ({GOAL})"
                print(f"{label:<16} {to:<7} " + " ".join(f"{c:>22}" for c in cells) + f"   {ratio:5.2f}{mark}",
                      flush=True)
        first = None
        for jobs in args.jobs:
            out = folder / f"out_jobs{jobs}.csv"
            cmd = [*kpidsl_command(), "score", str(rules), "--results", str(csvs[rows[-1]]), "--format", "csv",
                   "-o", str(out), "--jobs", str(jobs)]
            mb, seconds, cpu, status = measured(cmd, False)
            same = "" if first is None else (" same bytes" if out.read_bytes() == first.read_bytes() else " DIFFERENT")
            failed |= bool(status) or same == " DIFFERENT"
            first = first or out
            print(f"--jobs {jobs:<3} {rows[-1]:,} rows: {seconds:7.1f} s wall, {cpu:7.1f} s CPU, "
                  f"peak {mb:6.1f} MB{same}" + (f", exit {status}" if status else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
