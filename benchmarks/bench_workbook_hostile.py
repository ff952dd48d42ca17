"""How long does a hostile or oversized filled workbook take to be refused or read? A script,
not a test (tests/test_workbook_hostile.py tests each limit, patched smaller).

    python benchmarks/bench_workbook_hostile.py [--mb 100] [--strings-mb 15 60] [--code DIR ...]
                                                [--only NAME ...]

Builds, with zipfile, Janya's and Somsak's results (tests/data/score/individuals_2554.csv) as
openpyxl saves them, then one part made big:

- ``strings-<n>``: a shared-strings part of n MB of one-letter strings (``<si><t>a</t></si>``,
  a million in 16 MB), and ``strings-empty-<n>`` of ``<si/>`` (the most strings a MB holds);
- ``sheet-empty``: --mb MB of rows without cells (``<row r="n"/>``);
- ``sheet-heights``: --mb MB of rows of a height (``<row r="n" ht="15" customHeight="1"/>``, as
  Excel writes a row made taller);
- ``sheet-blank``: --mb MB of rows of ten cells without a value (``<c r="A5"/>``);
- ``sheet-filled``: --mb MB of filled rows (an agreement, a person, a round, a figure).

Each is read by kpidsl.xlsx.read.write_csv in a child process, from each code tree of --code
(PYTHONPATH; a tree of `git archive` of an older commit) in turn. Prints the CPU seconds of the
read (process_time), the wall seconds, the peak resident memory and what came
of it (the diagnostic's code, or the bytes of CSV written).

Session 29 (xlsxlimits), the tree of b45106d (before) and after, 2 cores shared with other
work (wall times long; CPU is what compares):

    workbook                 before                              after
    strings-60  (60 MB)      25.2 s CPU, 61 s wall, 371 MB, read  0.00 s, 31 MB: J003 (past 16 MB)
    strings-16  (16 MB)       7.1 s CPU, 20 s wall, 122 MB, read  0.00 s, 31 MB: J003
    strings-15  (15 MB)       6.9 s CPU, 18 s wall, 116 MB        2.0 s CPU, 39 MB
    strings `_x0041_` (15 MB) 8.2 s CPU, 20 s wall, 149 MB        2.2 s CPU, 37 MB (read once, not twice)
    strings-empty-15          15.2 s CPU, 45 s wall, 320 MB       4.2 s CPU, 55 MB
    sheet-empty (100 MB)     24.4 s CPU, 75 s wall                3.0 s CPU: J003 at row 1,048,577 (past the last)
    1,000,000 rows of a height 7.0 s CPU, 428 MB                 3.4 s CPU, 31 MB (openpyxl's row_dimensions not kept)
    sheet-blank (100 MB)     20.0 s CPU, 58 s wall                19.0 s CPU (0.19 s a MB: what a real sheet costs)
    sheet-filled (100 MB)    22.9 s CPU, 62 s wall                21.9 s CPU (0.22 s a MB)
    (the `_x0041_` strings, the million rows of a height and bench_workbook.py's 10,000 rows
    saved again by LibreOffice were measured apart, as this script's child reads them)
    10,000 rows saved by LibreOffice (7.0 MB, shared strings 905 kB): 0.89 s CPU before, 0.88 after

A sheet costs some 0.2 s of CPU a MB whatever its cells hold, real or not, so the bound on a
sheet is its size: kpidsl/xlsx/read.py MAX_UNPACKED, 1 GB before (some 200 s, 0.2 s a MB), 256 MB after
(some 50 s, what 400,000 real rows cost).

Then (the lead) MAX_SHARED_STRINGS went from 16 to 40 MB, so that the two limits agree: the
400,000 evaluations a 256 MB sheet holds carry some 36 MB of shared strings (90 bytes a row,
as LibreOffice saves them), which 16 MB refused. strings-16 is now read (some 2.1 s of CPU by
strings-15's figure); the dearest part under the limit, 40 MB of ``<si/>``, some 11 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SHEET = "xl/worksheets/sheet1.xml"

# the CPU and wall seconds of the read alone (not the imports); the peak memory from VmHWM
# (ru_maxrss counts the parent's, which made the workbook, across the fork)
CHILD = """
import io, re, sys, time
from pathlib import Path
from kpidsl.xlsx.read import write_csv
wall, cpu = time.perf_counter(), time.process_time()
out = io.StringIO()
diags = write_csv(Path(sys.argv[1]), out)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024
told = diags[0].code if diags else f"{len(out.getvalue()):,} bytes of CSV"
print(f"{cpu:7.2f} s CPU {wall:7.1f} s wall {peak:5d} MB  {told}")
"""


def base() -> dict[str, bytes]:
    import openpyxl

    with (ROOT / "tests" / "data" / "score" / "individuals_2554.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    for row in rows:
        wb.active.append(row)
    data = io.BytesIO()
    wb.save(data)
    with zipfile.ZipFile(data) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def strings_book(path: Path, mb: int, unit: str) -> None:
    items = base()
    items["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{unit * ((mb << 20) // len(unit))}</sst>'.encode()
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/></Types>'.encode())
    items["xl/_rels/workbook.xml.rels"] = items["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdS" Type="{STRINGS_REL}" Target="sharedStrings.xml"/>'
                             "</Relationships>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


def _row(kind: str, n: int) -> str:
    if kind == "empty":
        return f'<row r="{n}"/>'
    if kind == "heights":
        return f'<row r="{n}" ht="15" customHeight="1"/>'
    if kind == "blank":
        return f'<row r="{n}">' + "".join(f'<c r="{c}{n}"/>' for c in "ABCDEFGHIJ") + "</row>"
    return (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>janya_2554_r1</t></is></c><c r="B{n}" '
            f't="inlineStr"><is><t>p{n}</t></is></c><c r="C{n}"><v>1</v></c><c r="E{n}"><v>3.5</v></c></row>')


def sheet_book(path: Path, mb: int, kind: str) -> None:
    items = base()
    head, tail = items[SHEET].decode("utf-8").split("</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        for name, data in items.items():
            if name != SHEET:
                z.writestr(name, data)
                continue
            with z.open(name, "w", force_zip64=True) as w:
                w.write(head.encode())
                written, n = 0, 4
                while written < mb << 20:
                    block = "".join(_row(kind, n + i) for i in range(1000)).encode()
                    w.write(block)
                    written, n = written + len(block), n + 1000
                w.write(("</sheetData>" + tail).encode())


def made_books(makers: dict, only: list[str] | None, folder: str):
    """(name, path) of each workbook ``makers`` makes (those in ``only``, when given), made in
    ``folder`` one at a time (bench_workbook_blank.py times its own in the same way)."""
    for name, make in makers.items():
        if only and name not in only:
            continue
        book = Path(folder) / f"{name}.xlsx"
        make(book)
        yield name, book


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100, help="the size of each big sheet")
    parser.add_argument("--strings-mb", type=int, nargs="+", default=[15, 60])
    parser.add_argument("--code", nargs="+", default=[str(ROOT)], help="code trees to run, in turn")
    parser.add_argument("--only", nargs="+", help="names of the workbooks to run")
    args = parser.parse_args()
    makers = {}
    for mb in args.strings_mb:
        makers[f"strings-{mb}"] = lambda p, mb=mb: strings_book(p, mb, "<si><t>a</t></si>")
        makers[f"strings-empty-{mb}"] = lambda p, mb=mb: strings_book(p, mb, "<si/>")
    for kind in ("empty", "heights", "blank", "filled"):
        makers[f"sheet-{kind}"] = lambda p, kind=kind: sheet_book(p, args.mb, kind)
    with tempfile.TemporaryDirectory() as tmp:
        for name, book in made_books(makers, args.only, tmp):
            for code in args.code:
                env = {**os.environ, "PYTHONPATH": code}
                got = subprocess.run([sys.executable, "-c", CHILD, str(book)], capture_output=True, text=True,
                                     env=env, cwd=tmp)
                print(f"{name:18} {code}: {got.stdout.strip() or got.stderr.strip()[-300:]}", flush=True)
            book.unlink()


if __name__ == "__main__":
    main()
