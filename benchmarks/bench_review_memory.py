"""Is the memory of `kpidsl diff --rescore` and `kpidsl render --results` flat in the
number of rows? A script, not a test.

    python benchmarks/bench_review_memory.py [--rows 10000 100000 400000]
                                             [--render-rows 2000 10000 40000]
                                             [--commands diff render] [--seed 2554] [--keep DIR]

Builds the synthetic rule set and results CSV of benchmarks/bench_score.py (one
individual agreement, 10 ladders and 5 competencies, every row scoring) and a copy of
the rule set whose weights differ (k1 5% -> 10%, k10 15% -> 10%: most totals move), then
runs each command in a child process at each row count:

- `kpidsl diff RULES NEW --rescore RESULTS --format F -o FILE` for F in text, json
  (md is text's shape: one line a row) and `--format text` to standard output;
- `kpidsl render RULES --form individual --format md --results RESULTS -o DIR`, at the
  smaller --render-rows (every row is a person's form: 40,000 of them take minutes).

The peak resident memory of each child (its VmHWM, from os.wait4's rusage: Linux gives
it in KB), its wall seconds, and per command the ratio of the largest row count's peak
to the smallest's (goal <= 1.3). PYTHONPATH picks the kpidsl measured.

Measured in session 26 (2 cores, load 2-6: the seconds are noisy), before (529b73a) and
after kpidsl/sorted_spill.py, peak MiB and wall seconds:

    diff --format text -o FILE  10 k: 66.5 MiB 5.9 s   100 k: 269.8 MiB 50.1 s  400 k: 928.6 MiB 322.7 s
                       after    10 k: 51.5 MiB 13.1 s  100 k:  54.9 MiB 85.8 s  400 k:  78.5 MiB 168.4 s
    diff --format json -o FILE  10 k: 109.7 MiB 11.8 s 100 k: 704.6 MiB 41.8 s  400 k: 2695.7 MiB 173.5 s
                       after    10 k: 54.8 MiB 3.4 s   100 k:  56.4 MiB 28.3 s  400 k:  68.2 MiB 119.2 s
    diff --format text, stdout  10 k: 67.0 MiB 5.4 s   100 k: 270.4 MiB 46.3 s  400 k: 928.4 MiB 363.8 s
                       after    10 k: 50.6 MiB 4.7 s   100 k:  54.4 MiB 43.1 s  400 k:  76.3 MiB 352.4 s
    render individual md         2 k: 59.8 MiB 49.9 s   10 k: 137.1 MiB 222.9 s  40 k: 422.2 MiB 774.6 s
                       after     2 k: 42.2 MiB 9.3 s    10 k:  49.7 MiB 58.9 s   40 k:  51.2 MiB 270.3 s

What still grows with the rows: the results reader's keys of the rows it has seen, to tell
a row given twice at the row (kpidsl/score/seen_rows.py SeenRows: 16 bytes a slot, at most
3/4 full, doubling: 400 k rows take 8-16 MiB, 24 while the table doubles), and in render
each agreement's people's file names while its forms are made, to number a name given
twice (kpidsl/forms/fills.py from_records). Time: at 10 k rows the review's runs cost
some 20 % (each row encoded and decoded as a JSON line); at 400 k the held review's
garbage collection cost more.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench_score import kpidsl_command, write_inputs  # beside this script
from bench_score_memory import measured

GOAL = 1.3


def write_new_rule_set(rules: Path, new: Path) -> None:
    """``rules`` copied to ``new`` with two weights moved (k1 5% -> 10%, k10 15% -> 10%)."""
    shutil.copytree(rules, new)
    path = new / "agreements" / "bench.kpi"
    text = path.read_text(encoding="utf-8")
    k1 = 'ตัวชี้วัด k1 "ตัวชี้วัดที่ 1" น้ำหนัก 5%'
    k10 = 'ตัวชี้วัด k10 "ตัวชี้วัดที่ 10" น้ำหนัก 15%'
    assert k1 in text and k10 in text, "bench_score.py's agreement changed: update the weights moved here"
    path.write_text(text.replace(k1, k1.replace("5%", "10%")).replace(k10, k10.replace("15%", "10%")),
                    encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 400_000])
    ap.add_argument("--render-rows", type=int, nargs="+", default=[2_000, 10_000, 40_000])
    ap.add_argument("--commands", nargs="+", choices=["diff", "render"], default=["diff", "render"])
    ap.add_argument("--seed", type=int, default=2554)
    ap.add_argument("--keep", type=Path, help="write the rule sets, the CSVs and the outputs here and keep them")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        rules, csvs = write_inputs(folder, sorted(set(args.rows) | set(args.render_rows)), args.seed)
        new = folder / "new"
        if not new.exists():
            write_new_rule_set(rules, new)
        runs = []
        if "diff" in args.commands:
            for fmt, to in (("text", "file"), ("json", "file"), ("text", "stdout")):
                runs.append((f"diff --format {fmt} {to}", sorted(args.rows),
                             lambda n, fmt=fmt, to=to: [*kpidsl_command(), "diff", str(rules), str(new), "--rescore",
                                                        str(csvs[n]), "--format", fmt, "--lang", "en"]
                             + (["-o", str(folder / f"diff_{n}.{fmt}")] if to == "file" else []), to))
        if "render" in args.commands:
            runs.append(("render individual md", sorted(args.render_rows),
                         lambda n: [*kpidsl_command(), "render", str(rules), "--form", "individual", "--format", "md",
                                    "--results", str(csvs[n]), "-o", str(folder / f"forms_{n}"), "--lang", "en"],
                         "file"))
        failed = False
        for label, counts, command, to in runs:
            cells, peaks = [], []  # measured() gives KB / 1024: MiB
            for n in counts:
                shutil.rmtree(folder / f"forms_{n}", ignore_errors=True)
                mb, seconds, _, status = measured(command(n), to == "stdout")
                failed |= bool(status)
                peaks.append(mb)
                cells.append(f"{n:>7,}: {mb:7.1f} MiB {seconds:6.1f} s" + (f" exit {status}" if status else ""))
            ratio = peaks[-1] / peaks[0]
            mark = "" if ratio <= GOAL else f"  over the goal ({GOAL})"
            print(f"{label:<24} " + "  ".join(cells) + f"   ratio {ratio:4.2f}{mark}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
