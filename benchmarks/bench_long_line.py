"""How much memory does a results file of one very long line take? A script, not a test.

    python benchmarks/bench_long_line.py [--mb 15 25 100] [--keep DIR]

For each size, writes three results files of rules/2555 (the header of
examples/results_2555.csv, or `agreement,5`) and runs `kpidsl score --format csv` on
each in a child process, printing its peak resident memory (rusage, KB on Linux) and
its wall seconds:

- csv: a row whose cell `5` is MB megabytes of digits, no quote;
- csv-quoted: the same cell in quotes;
- csv-lines: the same cell in quotes, made of short lines (`7777777` and a line end): each
  line is short, the record (the row, its cell running on over lines) is not;
- json: one line, `{"agreement": …, "results": {"5": "<MB of digits>"}}` (past
  MAX_JSON_BYTES, 32 MB, a JSON file is refused by its size before it is read).

Measured on the session's machine (2 cores, shared), peak RSS in MB (a run reading a
two-line file takes 37), before → after (MAX_LINE_BYTES = 16 MiB, csv_input.LineBounded):

    file          MB   before   after
    csv           15      126     125   (under the limit: read as before, a number too long, Q014)
    csv-quoted    15      140     140   (the most a line may now take)
    csv           25      186      89
    csv-quoted    25      210      89
    csv          100      635     103
    csv-quoted   100      736     102
    csv          200   internal error (MemoryError) under 1 GiB of address space → Q008 at line 2
    json          25      110     109   (a JSON file is parsed whole: held to MAX_JSON_BYTES, 32 MB;
    json         100       99      99    past it, refused by its size before it is read)

A line was held six to seven times over: the line, the run of lines joined
(csv_input.read_rows), the csv module's cell buffer (4 bytes a character), the cell; a
quoted one once more. Now its bytes are looked at as they come, before a line is made of
them, and a line past MAX_LINE_BYTES is Q008 at its line: memory bounded by the limit
(some 6 bytes a byte of the longest line taken), not by the line. What is left after is the
quoting of the message's line: kpidsl/cli/common.py quoted_text reads the file whole up to
SHOWN_SOURCE_BYTES (64 MB) to quote the lines the messages are at (25 MB: its bytes and
its text; 100 MB: 64 MB read, then not quoted).

A record (a row whose quoted cell holds line ends, or a quote left open) was bounded only by
the csv module's field limit, set to MAX_CSV_BYTES (1 GB): each line short, the record not
(csv-lines). Now its bytes are counted as its lines come (csv_input._Lines, the same
MAX_LINE_BYTES) and it is Q008 at the line it begins on; the lines after its first are kept
as bytes, not as a str each. Peak RSS in MB, wall seconds (`--kinds csv-lines csv-quoted`):

    file          MB   before          after
    csv-lines     25    411  8.4 s      286  4.5 s  (of which some 170: the quoting above,
    csv-lines    100   1538 23.6 s      115  3.4 s   the file's 3 million lines split)
    csv-quoted    25     86  1.9 s       91  1.7 s  (a line: as before)
    csv-quoted   100     99  1.8 s      106  1.8 s
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
RULES = ROOT / "rules" / "2555"


KINDS = [("csv", "agreement,5\ndept_example_2555,", "\n"),
         ("csv-quoted", 'agreement,5\ndept_example_2555,"', '"\n'),
         ("csv-lines", 'agreement,5\ndept_example_2555,"', '"\n'),
         ("json", '{"agreement": "dept_example_2555", "results": {"5": "', '"}}')]


def write_inputs(folder: Path, mb: int, kinds: list[str]) -> dict[str, Path]:
    made = {}
    for kind, head, tail in KINDS:
        if kind not in kinds:
            continue
        # csv-lines: the quoted cell's megabytes are short lines (7 digits and a line end)
        digits = ("7777777\n" if kind == "csv-lines" else "7") * ((1 << 20) // (8 if kind == "csv-lines" else 1))
        path = folder / f"{kind}-{mb}.{'json' if kind == 'json' else 'csv'}"
        with path.open("w", encoding="utf-8") as f:
            f.write(head)
            for _ in range(mb):
                f.write(digits)
            f.write(tail)
        made[kind] = path
    return made


def measured(path: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit status) of `kpidsl score` on ``path``."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "kpidsl", "score", str(RULES), "--results", str(path),
                              "--format", "csv", "--lang", "en"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, nargs="+", default=[15, 25, 100])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--kinds", nargs="+", default=[k for k, _, _ in KINDS], choices=[k for k, _, _ in KINDS])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'file':<12}{'MB':>6}{'peak MB':>10}{'seconds':>9}{'exit':>6}")
        for mb in args.mb:
            for kind, path in write_inputs(folder, mb, args.kinds).items():
                peak, seconds, status = measured(path)
                print(f"{kind:<12}{mb:>6}{peak:>10.0f}{seconds:>9.1f}{status:>6}")
                if args.keep is None:
                    path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
