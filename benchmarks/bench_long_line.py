"""How much memory does a results file of one very long line take? A script, not a test.

    python benchmarks/bench_long_line.py [--mb 15 25 100] [--keep DIR]

For each size, writes three results files of rules/2555 (the header of
examples/results_2555.csv, or `agreement,5`) and runs `kpidsl score --format csv` on
each in a child process, printing its peak resident memory (rusage, KB on Linux) and
its wall seconds:

- csv: a row whose cell `5` is MB megabytes of digits, no quote;
- csv-quoted: the same cell in quotes;
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


def write_inputs(folder: Path, mb: int) -> dict[str, Path]:
    digits = "7" * (1 << 20)
    made = {}
    for kind, head, tail in [("csv", "agreement,5\ndept_example_2555,", "\n"),
                             ("csv-quoted", 'agreement,5\ndept_example_2555,"', '"\n'),
                             ("json", '{"agreement": "dept_example_2555", "results": {"5": "', '"}}')]:
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'file':<12}{'MB':>6}{'peak MB':>10}{'seconds':>9}{'exit':>6}")
        for mb in args.mb:
            for kind, path in write_inputs(folder, mb).items():
                peak, seconds, status = measured(path)
                print(f"{kind:<12}{mb:>6}{peak:>10.0f}{seconds:>9.1f}{status:>6}")
                if args.keep is None:
                    path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
