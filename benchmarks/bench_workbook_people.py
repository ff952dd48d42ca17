"""How long does `kpidsl workbook --people N` take, and how much memory, for a whole unit on
one agreement? A script, not a test.

    python benchmarks/bench_workbook_people.py [--people 1000 10000 50000] [--code DIR ...]
                                               [--timeout 600] [--stdout]

Makes rules/2555 with somchai's agreement naming no person (tests/unnamed_person.py), then,
for each --people count and for each code tree of --code in turn (PYTHONPATH; a tree of
`git archive` of an older commit), runs `kpidsl workbook RULES --agreement somchai_2555_r1
--people N -o unit.xlsx` (one round: N entry rows; `-o -` with --stdout, its standard
output into unit.xlsx) and prints the command's CPU seconds (user + system), its peak
resident memory (ru_maxrss), the most its anonymous in-memory files (memfd) held (memory the
resident size does not show: polled every 0.05 s) and the workbook's bytes, or what it said
when it failed; a command past --timeout seconds is stopped and said so. --people 1
first, for what reading and checking the rules take alone.

Session 33 (peoplefast), 2 cores shared with other work. Before: 555d538 (each entry cell
given its column's data validation one by one, openpyxl's MultiCellRange.add looking through
every range already there for each: quadratic; each cell styled one by one in an ordinary,
in-memory workbook; --people at most 10,000). After: a write-only workbook, each column's
rule given its rows as one range, each entry column's cell styled once and written for every
row, the sheets' rows waiting in a hidden folder beside the output (kpidsl/xlsx/write.py,
kpidsl/cli/workbook.py), --people up to a sheet's rows:

    people     before                              after
    1          0.85 s CPU,  44.0 MB                0.88 s CPU, 43.9 MB   (the rules alone)
    1,000      5.16 s CPU,  53.6 MB                1.04 s CPU, 44.0 MB
    2,000     17.28 s CPU,  65.1 MB                1.20 s CPU, 43.9 MB
    4,000     stopped after 300 s (wall)           1.47 s CPU, 43.9 MB
    10,000    stopped after 300 s (wall)           2.59 s CPU, 43.7 MB   431,843 bytes
    50,000    refused (--people at most 10,000)    9.66 s CPU, 43.7 MB   2,134,819 bytes
    200,000   -                                   36.17 s CPU, 43.1 MB   8,474,678 bytes

The sheet's own part, past the rules' 0.9 s: some 0.17 ms a row (17 columns), the same at
1,000 and at 200,000 people; peak memory that of reading the rules.

Session 35 (printfit), `--stdout`, 2 cores shared with other work. Before: a1cae6b (`-o -`:
the sheets' rows in anonymous in-memory files, the workbook zipped into memory, then written
out whole). After: the sheets' rows wait in a folder made for the run in kpidsl's cache
folder, where the workbook is zipped, then copied out a MiB at a time (kpidsl/cli/workbook.py
_spooled, kpidsl/xlsx/sheet_storage.py SpooledBook), as a scores workbook is:

    people     before                                        after
    1          1.00 s CPU, 43.9 MB, in-memory files 0 MB     0.98 s CPU, 44.4 MB, 0 MB
    10,000     3.22 s CPU, 44.4 MB, in-memory files 10.5 MB  3.45 s CPU, 44.7 MB, 0 MB
    50,000    12.97 s CPU, 46.5 MB, in-memory files 53.7 MB 12.17 s CPU, 46.4 MB, 0 MB
    200,000   43.24 s CPU, 52.4 MB, in-memory files 219 MB  39.27 s CPU, 46.3 MB, 0 MB  (8,394,946 bytes)

Before, the memory grew with the rows: the zip's bytes (8.5 MB at 200,000 people) in the
resident size, and 1.1 kB a row of sheet XML in memory files the resident size does not show
(219 MB at 200,000); after, 46 MB at 50,000 and at 200,000 people, and no memory file.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

AGREEMENT = "somchai_2555_r1"


def _in_memory_files(pid: int) -> int:
    """The bytes of the anonymous in-memory files (memfd) process ``pid`` holds open: memory
    its resident size does not show (kpidsl/xlsx/sheet_storage.py in_memory)."""
    total = 0
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("/memfd:"):
                    total += os.stat(f"/proc/{pid}/fd/{fd}").st_size
            except OSError:
                continue
    except OSError:
        pass
    return total


def run(code: str, rules: Path, people: int, out: Path, timeout: float, stdout: bool = False) -> str:
    """What the command took (CPU, peak memory, the most its in-memory files held) and made,
    or why not; ``stdout``: written to standard output (`-o -`), redirected into ``out``."""
    env = {**os.environ, "PYTHONPATH": code}
    out.unlink(missing_ok=True)
    with open(out, "wb") if stdout else open(os.devnull, "wb") as sink:
        child = subprocess.Popen([sys.executable, "-m", "kpidsl", "workbook", str(rules), "--agreement", AGREEMENT,
                                  "--people", str(people), "-o", "-" if stdout else str(out), "--lang", "en"],
                                 stdout=sink, stderr=subprocess.PIPE, env=env, cwd=out.parent)
        start = time.monotonic()
        memfd = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                child.send_signal(signal.SIGKILL)
                os.wait4(child.pid, 0)
                return f"stopped after {timeout:.0f} s"
            memfd = max(memfd, _in_memory_files(child.pid))
            time.sleep(0.05)
    said = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
    if os.waitstatus_to_exitcode(status) != 0:
        return f"exit {os.waitstatus_to_exitcode(status)}: {said[-1] if said else ''}"
    return (f"{usage.ru_utime + usage.ru_stime:8.2f} s CPU  peak {usage.ru_maxrss / 1024:7.1f} MB  "
            f"in-memory files {memfd / 2**20:6.1f} MB  {out.stat().st_size:,} bytes")


def main() -> None:
    from unnamed_person import unit_rules

    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--code", nargs="+", default=[str(ROOT)], help="code trees to run, in turn")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a command is stopped")
    parser.add_argument("--stdout", action="store_true", help="`-o -`: the workbook to standard output")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rules = unit_rules(Path(tmp))
        for people in [1, *args.people]:
            print(f"--people {people:,}", flush=True)
            for code in args.code:
                made = run(code, rules, people, Path(tmp) / "unit.xlsx", args.timeout, args.stdout)
                print(f"  {code}: {made}", flush=True)


if __name__ == "__main__":
    main()
