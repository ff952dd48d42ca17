"""Is the memory of reading JSON and workbook results flat in the number of rows? A script,
not a test.

    python benchmarks/bench_seen_rows.py [--rows 100000 1000000] [--kinds json xlsx] [--keep DIR]

A CSV's rows given twice are found with MaybeSeenRows (kpidsl/score/seen_rows.py: 4 bytes a
row, then a Bloom filter of fixed size, and a second pass). A JSON file and a workbook keep
SeenRows, exact: 16 bytes a slot, at most 3/4 full. For each kind and row count this writes
a results file of rules/2555's dept_example_2555 (a person and indicator 5 a row: `distinct`,
every row another person; `same`, every row the same person, so that nothing more is kept
a row and only the rows' own reading is measured) and reads it in a child process with
kpidsl.score.results.read_results (--seen maybe, as `kpidsl score`, `render` and `diff
--rescore` read; exact, as every reader did before), every item taken and dropped, printing the child's peak
resident memory (rusage) and wall seconds. `distinct - same` is what the rows seen keep.

Measured on the session's machine (2 cores shared with other runs: seconds are loose), peak
RSS in MB:

    kind   rows        file MB   same   distinct                   seconds
    json   100,000         4.2     97    111 (exact)                  13.7
    json   1,000,000      42.8     32     32: Q016, past MAX_JSON_BYTES (32 MB), refused by its size
    xlsx   100,000         1.3     43     49 (exact) → 52 (maybe)     39.7 → 36.2
    xlsx   1,000,000      13.0     43     99 (exact) → 54 (maybe)    339.5 → 384.5

A workbook's rows are now kept as a CSV's when `score` reads it (MaybeSeenRows, read_results'
seen="maybe": a set of the first 131,072 keys, then 4 bytes a row, then 16 MiB whatever the
rows; the workbook read again only when a row may be given twice): 1 M rows 99 → 54 MB, where
SeenRows doubled its table (16 bytes a slot, 2²¹ slots and the old table while it grows), and
a workbook may hold millions (MAX_UNPACKED, 256 MB of sheets: some 7 M short rows, 270 MB of
SeenRows). At 100 k rows the set of keys takes a little more than SeenRows' table did.

A JSON file keeps SeenRows: it is parsed whole, so its rows are held anyway, and its size
bounds them. Under MAX_JSON_BYTES a row of a person and one figure (42 bytes) is some 800,000
rows at most: SeenRows' 16–32 MB beside the parsed document's hundreds (100 k rows: 97 MB
read, 14 of them the rows seen), and 1 M rows are past the limit, refused before a byte is
parsed. `render --results` and `diff --rescore` read a CSV or a workbook with MaybeSeenRows
too now, as `score` does (benchmarks/bench_results_seen_rows.py).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = "dept_example_2555"

_CHILD = """
import sys
from pathlib import Path
from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.results import read_results
(rs,) = check_paths([Path(sys.argv[1])]).rule_sets
plan = compile_plan(rs, Path(sys.argv[1]))
records = problems = 0
codes = set()
for item in read_results(Path(sys.argv[2]), plan, sys.argv[3], seen=sys.argv[4]):
    if hasattr(item, "code"):
        problems += 1
        codes.add(item.code)
    else:
        records += 1
print(records, problems, ",".join(sorted(codes)))
"""


def person(n: int, same: bool) -> str:
    return "p" if same else f"p{n}"


def write_json(path: Path, rows: int, same: bool) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("[\n")
        for n in range(rows):
            f.write(("" if n == 0 else ",\n") + json.dumps({"person": person(n, same), "results": {"5": 78}}))
        f.write("\n]\n")


_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="results" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def write_xlsx(path: Path, rows: int, same: bool) -> None:
    """One sheet, written straight as its XML (openpyxl's writer takes minutes a million rows)."""
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            f.write(f'<row r="1">{cell("A1", "agreement")}{cell("B1", "person")}{cell("C1", "5")}</row>'.encode())
            piece = []
            for n in range(rows):
                r = n + 2
                piece.append(f'<row r="{r}">{cell(f"A{r}", AGREEMENT)}{cell(f"B{r}", person(n, same))}'
                             f'<c r="C{r}"><v>78</v></c></row>')
                if len(piece) == 10_000:
                    f.write("".join(piece).encode())
                    piece = []
            f.write("".join(piece).encode())
            f.write(b"</sheetData></worksheet>")


WRITERS = {"json": (write_json, "json"), "xlsx": (write_xlsx, "xlsx")}


def measured(path: Path, seen: str) -> tuple[float, float, str]:
    """(peak RSS in MB, wall seconds, what the child printed) of reading ``path``."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(ROOT / "rules" / "2555"), str(path), AGREEMENT,
                              seen],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    out = child.stdout.read().decode().strip()
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", default=sorted(WRITERS), choices=sorted(WRITERS))
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--distinct-only", action="store_true", help="no `same` run (its column left blank)")
    parser.add_argument("--seen", choices=["exact", "maybe"], default="maybe",
                        help="read_results' rows seen: maybe, as `score` and render read (the default); exact")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'kind':<6}{'rows':>10}{'file MB':>9}{'same MB':>9}{'distinct MB':>13}{'seconds':>9}  read (records problems codes)")
        for kind in args.kinds:
            write, suffix = WRITERS[kind]
            for rows in args.rows:
                peaks = {}
                peaks[True] = (float("nan"), 0.0, "")
                for same in (False,) if args.distinct_only else (True, False):
                    path = folder / f"{kind}-{rows}-{'same' if same else 'distinct'}.{suffix}"
                    write(path, rows, same)
                    size = path.stat().st_size / 1048576
                    peaks[same] = measured(path, args.seen)
                    if args.keep is None:
                        path.unlink()
                (same_mb, _, _), (distinct_mb, seconds, out) = peaks[True], peaks[False]
                print(f"{kind:<6}{rows:>10,}{size:>9.1f}{same_mb:>9.0f}{distinct_mb:>13.0f}{seconds:>9.1f}  {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
