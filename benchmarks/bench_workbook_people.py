"""How long does `kpidsl workbook --people N` take, and how much memory, for a whole unit on
one agreement? A script, not a test.

    python benchmarks/bench_workbook_people.py [--people 1000 10000 50000] [--code DIR ...]
                                               [--timeout 600]

Makes rules/2555 with somchai's agreement naming no person (tests/unnamed_person.py), then,
for each --people count and in a child process for each code tree of --code in turn
(PYTHONPATH; a tree of `git archive` of an older commit), the entry workbook of both its
rounds (kpidsl.xlsx.layout.sheet_of and kpidsl.xlsx.write.workbook_bytes, what `kpidsl
workbook --agreement somchai_2555_r1 --people N` does after checking the rules; sheet_of
itself does not hold the command's --people limit, so 50,000 is measured too). Prints the
CPU seconds (process_time), the child's peak resident memory (ru_maxrss) and the workbook's
bytes; a child past --timeout seconds is stopped and said so.

Session 33 (peoplefast), 2 cores shared with other work, before (555d538: a data validation
given each entry cell one by one, openpyxl's MultiCellRange.add looking through every range
already there for each; each cell styled one by one in an ordinary, in-memory workbook) and
after (a write-only workbook, each column's rule given its rows as one range, each entry
column's blank cell styled once and written for every row):

    people    before                          after
    1,000     see the report below            see the report below
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

AGREEMENT = "somchai_2555_r1"

CHILD = """
import resource, sys, time
from pathlib import Path
from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.xlsx.layout import sheet_of
from kpidsl.xlsx.write import workbook_bytes
rules, agreement, people = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
(rs,) = check_paths([rules]).rule_sets
plan = compile_plan(rs, Path(rs.name))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu = time.process_time()
sheet = sheet_of(plan, agreement, None, people)
data = workbook_bytes([sheet])
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{cpu:8.2f} s CPU  peak {peak / 1024:7.1f} MB (rules read: {before / 1024:.1f} MB)  "
      f"{len(sheet.rows):,} rows  {len(data):,} bytes")
"""


def main() -> None:
    from unnamed_person import unit_rules

    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--code", nargs="+", default=[str(ROOT)], help="code trees to run, in turn")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a child is stopped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rules = unit_rules(Path(tmp))
        for people in args.people:
            print(f"--people {people:,}", flush=True)
            for code in args.code:
                env = {**os.environ, "PYTHONPATH": code}
                try:
                    got = subprocess.run([sys.executable, "-c", CHILD, str(rules), AGREEMENT, str(people)],
                                         capture_output=True, text=True, env=env, cwd=tmp, timeout=args.timeout)
                    said = got.stdout.strip() or got.stderr.strip()[-300:]
                except subprocess.TimeoutExpired:
                    said = f"stopped after {args.timeout:.0f} s"
                print(f"  {code}: {said}", flush=True)


if __name__ == "__main__":
    main()
