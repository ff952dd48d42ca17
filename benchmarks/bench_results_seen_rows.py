"""What do `render --results` and `diff --rescore` keep of the rows they have seen? A script,
not a test.

    python benchmarks/bench_results_seen_rows.py [--rows 100000 1000000] [--modes none exact maybe] [--keep DIR]

Both read a results file with kpidsl.score.results.read_results and, to tell a row given
twice, keep each row's key. They kept SeenRows (exact: 16 bytes a slot, at most 3/4 full,
the old table beside the new while it doubles); they keep MaybeSeenRows now, as `score`
does (kpidsl/score/seen_rows.py: a set of the first 131,072 keys, then 4 bytes a row, then
a Bloom filter of 16 MiB whatever the rows; a second pass over the file only when a row may
be given twice). For each row count this writes a CSV of rules/2555's dept_example_2555 (a
person and indicator 5 a row, every row another person) and reads it in a child process as
render reads it (read_results(file, plan, None, defaults_only=True, seen=...); diff
--rescore adds per_row=True, which keeps nothing more), every item taken and dropped, and
prints the child's peak resident memory (rusage) and wall seconds, for each mode:

    none   no row kept (SeenRows replaced by a stand-in that keeps nothing): the reading alone
    exact  SeenRows, as both commands read before
    maybe  MaybeSeenRows, as both read now

`mode - none` is what the rows seen keep.

Measured on the session's machine (2 cores shared with other runs and test suites: seconds
are loose), peak RSS in MB (seconds):

    rows        file MB   none         exact          maybe
    100,000         2.7   34 (15.0)    40 (18.2)      43 (15.5)
    1,000,000      27.6   33 (80.6)    90 (105.8)     45 (134.7)
    3,000,000      84.8   33 (70.8)   146 (118.0)     61 (115.7)

What the rows seen keep (mode - none): SeenRows +6, +57, +113 MB, growing with the rows (16
bytes a slot, the table doubled at 3/4 full, the old one beside it while it grows);
MaybeSeenRows +9, +12, +28 MB, bounded: the set of the first 131,072 keys (the +9 at 100 k
rows, more than SeenRows there), then 4 bytes a row up to 2 M rows, then the 16 MiB filter
whatever the rows (the +28 at 3 M is the moment the arrays pour into the filter). No row
was given twice, so no second pass was read.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = "dept_example_2555"

_CHILD = """
import sys
from pathlib import Path
import kpidsl.score.results.reader as reader
from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.results import read_results
from kpidsl.score.seen_rows import identity_key

rules, path, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if mode == "none":
    class Nothing:
        key = staticmethod(identity_key)
        def get(self, key):
            return None
        def add(self, key, line):
            pass
    reader.SeenRows = Nothing  # what Reader keeps by default: now nothing
(rs,) = check_paths([rules]).rule_sets
plan = compile_plan(rs, rules)
records = problems = 0
codes = set()
for item in read_results(path, plan, None, defaults_only=True, seen="maybe" if mode == "maybe" else "exact"):
    if hasattr(item, "code"):
        problems += 1
        codes.add(item.code)
    else:
        records += 1
print(records, problems, ",".join(sorted(codes)))
"""


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("agreement,person,5\n")
        piece = []
        for n in range(rows):
            piece.append(f"{AGREEMENT},p{n},78\n")
            if len(piece) == 10_000:
                f.write("".join(piece))
                piece = []
        f.write("".join(piece))


def measured(path: Path, mode: str) -> tuple[float, float, str]:
    """(peak RSS in MB, wall seconds, what the child printed) of reading ``path``."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(ROOT / "rules" / "2555"), str(path), mode],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = child.stdout.read().decode().strip()
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--modes", nargs="+", default=["none", "exact", "maybe"], choices=["none", "exact", "maybe"])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'rows':>10}{'file MB':>9}" + "".join(f"{m + ' MB':>10}{'s':>7}" for m in args.modes)
              + "  read (records problems codes)")
        for rows in args.rows:
            path = folder / f"csv-{rows}.csv"
            write_csv(path, rows)
            size = path.stat().st_size / 1048576
            cells, said = "", set()
            for mode in args.modes:
                peak, seconds, out = measured(path, mode)
                cells += f"{peak:>10.0f}{seconds:>7.1f}"
                said.add(out)
            if args.keep is None:
                path.unlink()
            print(f"{rows:>10,}{size:>9.1f}{cells}  {' | '.join(sorted(said))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
