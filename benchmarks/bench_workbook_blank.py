"""How long does a filled workbook's blank cells take to read? A script, not a test.

    python benchmarks/bench_workbook_blank.py [--rows 20000] [--filled 0.3] [--mb 20] [--runs 3]
                                              [--code DIR ...] [--only NAME ...]

Staff fill a sheet in part: Excel and LibreOffice write a cell formatted but left empty as a
cell without a value (``<c r="F9" s="3"/>``), one for each entry cell of each row the sheet
was made or formatted for. Builds:

- ``partly``: rules/2554's janya_2554_r1 entry sheet (kpidsl.xlsx.layout, as `kpidsl
  workbook` makes it) with --rows rows, each with its agreement, person and round, the first
  --filled of them with their scores and levels, every other entry cell formatted and blank;
- ``sheet-blank``: bench_workbook_hostile.py's --mb MB of rows of ten cells without a value;
- ``sheet-filled``: bench_workbook_hostile.py's --mb MB of filled rows (what must not get slower);

and reads each, in a child process from each code tree of --code (PYTHONPATH; a tree of `git
archive` of an older commit) in turn, with kpidsl.xlsx.read.write_csv (the rows as a results
CSV) and kpidsl.xlsx.results.located_rows (each cell with its place, as `kpidsl score
--results book.xlsx` reads it). Prints the CPU seconds of each (process_time, the least of
--runs) and what came of it (the bytes of CSV, the rows read), which must agree between trees.

Session 30 (xlsxblank), 2 cores shared with other work, the tree of b5d3104 (before) and
of 377ab69 (after: a cell without a child only placed, kpidsl/xlsx/read.py SheetParser
blank_column; a sheet's elements through one generator, only its rows to the parser, read.py
ended); least CPU of 3 runs, the same CSV and rows from both:

    workbook                                   write_csv           located_rows
    partly (20,000 rows, 30% filled, 1.2 MB)   2.10 s -> 1.71 s    2.18 s -> 1.75 s   (-20%)
    sheet-blank (20 MB)                        3.63 s -> 2.18 s    3.65 s -> 2.15 s   (-41%)
    sheet-filled (20 MB)                       4.09 s -> 4.30 s    4.65 s -> 4.86 s   (noise: below)

sheet-filled run apart, 10 MB, write_csv three times each in turn: 2.15, 2.15, 2.16 s before,
2.09, 2.10, 2.11 s after. What is left of a blank cell is expat's (ElementTree's feed and
read_events: some half of the time) and the place of each. The rest of `partly` is openpyxl's
reading of the text typed in each cell (agreement, person, round: an inline string each).
bench_workbook_hostile.py, --mb 30, the same trees: sheet-blank 5.63 -> 3.36 s, sheet-empty
2.58 -> 2.21 s, sheet-heights 2.30 -> 2.04 s, sheet-filled (the dearest) 6.35 -> 6.26 s.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

AGREEMENT = "janya_2554_r1"

CHILD = """
import io, sys, time
from pathlib import Path
from kpidsl.xlsx.read import write_csv
from kpidsl.xlsx.results import SheetRow, located_rows
path, runs = Path(sys.argv[1]), int(sys.argv[2])
best_csv = best_rows = None
for _ in range(runs):
    cpu = time.process_time()
    out = io.StringIO()
    diags = write_csv(path, out)
    cpu = time.process_time() - cpu
    best_csv = cpu if best_csv is None else min(best_csv, cpu)
    cpu = time.process_time()
    got = list(located_rows(path))
    cpu = time.process_time() - cpu
    best_rows = cpu if best_rows is None else min(best_rows, cpu)
told = diags[0].code if diags else f"{len(out.getvalue()):,} bytes of CSV"
rows = sum(type(r) is SheetRow for r in got)
print(f"write_csv {best_csv:6.2f} s CPU ({told})   located_rows {best_rows:6.2f} s CPU ({rows:,} rows)")
"""


def partly(path: Path, rows: int, filled: float) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill, Protection

    from bench_workbook import entry_sheet
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan

    (rs,) = check_paths([ROOT / "rules" / "2554"]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    wb, ws, header = entry_sheet(plan)
    rng = random.Random(2554)
    font, fill, unlocked = Font(name="Sarabun", size=14), PatternFill("solid", fgColor="FFF9E5"), Protection(locked=False)

    def cell(value):
        c = WriteOnlyCell(ws, value)
        c.font, c.fill, c.protection = font, fill, unlocked  # an entry cell: written even when empty
        return c

    for n in range(rows):
        values = {"agreement": AGREEMENT, "person": f"ผู้รับการประเมิน {n}", "round": "1"}
        if n < rows * filled:
            for h in header:
                if h.endswith(":score") and h.startswith("j"):
                    values[h] = rng.choice([3, 3.5, 4, 4.5, 5])
                elif h.startswith("c"):
                    values[h] = rng.randint(3, 5)
        ws.append([cell(values.get(h)) for h in header])
    wb.save(path)


def main() -> None:
    import bench_workbook_hostile as hostile

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--filled", type=float, default=0.3, help="the part of the rows filled")
    parser.add_argument("--mb", type=int, default=20, help="the size of the hostile sheets")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", nargs="+", default=[str(ROOT)], help="code trees to run, in turn")
    parser.add_argument("--only", nargs="+", help="names of the workbooks to run")
    args = parser.parse_args()
    makers = {
        "partly": lambda p: partly(p, args.rows, args.filled),
        "sheet-blank": lambda p: hostile.sheet_book(p, args.mb, "blank"),
        "sheet-filled": lambda p: hostile.sheet_book(p, args.mb, "filled"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, book in hostile.made_books(makers, args.only, tmp):
            print(f"{name}: {book.stat().st_size:,} bytes", flush=True)
            for code in args.code:
                env = {**os.environ, "PYTHONPATH": code}
                got = subprocess.run([sys.executable, "-c", CHILD, str(book), str(args.runs)], capture_output=True,
                                     text=True, env=env, cwd=tmp)
                print(f"  {code}: {got.stdout.strip() or got.stderr.strip()[-300:]}", flush=True)
            book.unlink()


if __name__ == "__main__":
    main()
