"""How fast is a filled results-entry workbook read back and scored? A script, not a test.

    python benchmarks/bench_workbook.py [--rows 100000] [--runs 3]

1. Makes the entry sheet of rules/2554's janya_2554_r1 (kpidsl.xlsx.layout and
   kpidsl.xlsx.write, as `kpidsl workbook` does) and writes, with openpyxl's write-only
   mode, a workbook of the same title block, reference rows and machine row followed by
   --rows filled entry rows (a person each, round 1, five scores, five competency
   levels, the raise % inside the band's range).
2. Prints, median of --runs:
   (a) openpyxl alone, read-only: every row, every cell's value touched;
   (b) kpidsl.xlsx.read.write_csv: the rows streamed into a results CSV;
   (c) (b), then kpidsl.score.batch.score_records --format csv on that CSV;
   (d) kpidsl.score.batch.score_records --format csv on the workbook itself (what
       `kpidsl score --results filled.xlsx` does: every cell read with its place);
   and the ratios to (a) (issue J's goal for scoring from .xlsx: <= 2);
   (e) kpidsl.xlsx.hidden.hidden_parts, the pass `score`, `render --results` and
       `diff --rescore` make first for hidden sheets, rows and columns (J012-J014), and its
       share of (d) (at 20,000 rows: 0.10 s CPU, 2.8 % of (d)).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records
from kpidsl.xlsx.layout import sheet_of
from kpidsl.xlsx.hidden import hidden_parts
from kpidsl.xlsx.read import write_csv
from kpidsl.xlsx.write import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = "janya_2554_r1"


def entry_sheet(plan: dict):
    """A write-only workbook whose sheet holds the rows `kpidsl workbook` writes above the entry
    rows (bench_workbook_blank.py fills it too): the workbook, the sheet, the header."""
    template = load_workbook(io.BytesIO(workbook_bytes([sheet_of(plan, AGREEMENT)])))[AGREEMENT]
    top = [[c.value for c in row] for row in template.iter_rows()][:-1]  # without the one entry row
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(AGREEMENT)
    for row in top:
        ws.append(row)
    return wb, ws, top[-1]


def make(path: Path, plan: dict, rows: int) -> None:
    wb, ws, header = entry_sheet(plan)
    rng = random.Random(2554)
    for n in range(rows):
        values = {"agreement": AGREEMENT, "person": f"ผู้รับการประเมิน {n}", "round": "1"}
        for h in header:
            if h.endswith(":score") and h.startswith("j"):
                values[h] = rng.choice([3, 3.5, 4, 4.5, 5])
            elif h.startswith("c"):
                values[h] = rng.randint(3, 5)
        ws.append([values.get(h) for h in header])
    wb.save(path)


def openpyxl_alone(path: Path) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                cells += value is not None
    wb.close()
    return cells


def to_csv(path: Path, out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as f:
        diags = write_csv(path, f)
    if diags:
        sys.exit(f"the reader found problems: {diags[0].message_en}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = check_paths([ROOT / "rules" / "2554"])
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    with tempfile.TemporaryDirectory() as tmp:
        book, csv_path, scored = Path(tmp) / "filled.xlsx", Path(tmp) / "filled.csv", Path(tmp) / "scores.csv"
        t = time.perf_counter()
        make(book, plan, args.rows)
        print(f"wrote {args.rows:,} rows in {time.perf_counter() - t:.1f} s ({book.stat().st_size:,} bytes)")
        a, b, c, d, e = [], [], [], [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            openpyxl_alone(book)
            a.append(time.perf_counter() - t)
            t = time.perf_counter()
            to_csv(book, csv_path)
            b.append(time.perf_counter() - t)
            t = time.perf_counter()
            to_csv(book, csv_path)
            outcome = score_records(plan, rs.name, csv_path, None, None, "csv", False, "en", scored)
            c.append(time.perf_counter() - t)
            if outcome.count != args.rows:
                sys.exit(f"scored {outcome.count} of {args.rows} rows")
            t = time.perf_counter()
            outcome = score_records(plan, rs.name, book, None, None, "csv", False, "en", scored)
            d.append(time.perf_counter() - t)
            if outcome.count != args.rows:
                sys.exit(f"scored {outcome.count} of {args.rows} rows from the workbook")
            t = time.perf_counter()
            hidden_parts(book)
            e.append(time.perf_counter() - t)
    ma, mb, mc, md, me = (statistics.median(x) for x in (a, b, c, d, e))
    print(f"(a) openpyxl read-only alone:          {ma:7.2f} s  {args.rows / ma:10,.0f} rows/s")
    print(f"(b) write_csv (streamed):             {mb:7.2f} s  {args.rows / mb:10,.0f} rows/s   (b)/(a) {mb / ma:.2f}")
    print(f"(c) (b) + score_records --format csv:  {mc:7.2f} s  {args.rows / mc:10,.0f} rows/s   (c)/(a) {mc / ma:.2f}"
          "  (goal <= 2)")
    print(f"(d) score_records on the .xlsx:        {md:7.2f} s  {args.rows / md:10,.0f} rows/s   (d)/(a) {md / ma:.2f}"
          "  (goal <= 2)")
    print(f"(e) hidden_parts (J012-J014's pass):   {me:7.2f} s  {me / md:.1%} of (d)")


if __name__ == "__main__":
    main()
