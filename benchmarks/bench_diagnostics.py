"""How fast are text diagnostics against JSON? A script, not a test.

    python benchmarks/bench_diagnostics.py [--errors 10000] [--runs 5]

A rule file of ``x 1;`` repeated --errors times gives that many K001 errors.
Three shapes: all on one line (each excerpt shows a cut of a 40 KB line), one
statement a line, and a Thai title in each statement, all on one line (the
columns of Thai marks counted for every cut). For each:

1. In-process, the diagnostics checked once: the text renderer printing every
   one of them (no cap) against the JSON renderer, medians of --runs, and the
   ratio (goal <= 2). The text's size is printed too.
2. `kpidsl check FILE` as a subprocess, text (200 shown) against --format json,
   wall time, medians of --runs, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kpidsl.check import check_paths
from kpidsl.diagnostics.render import json_report, text


def _median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _in_process(path: Path, runs: int) -> None:
    result = check_paths([path])
    diags = result.diagnostics
    sources = {p: t for rs in result.rule_sets for p, t in rs.texts.items()}
    summary = (result.files, result.errors, result.warnings)
    t_text, out = _median(lambda: text(diags, sources, "en", summary, limit=None), runs)
    t_json, doc = _median(lambda: json_report(diags, "en", summary), runs)
    print(f"    {len(diags):,} diagnostics")
    print(f"    (a) text, every one printed:  {t_text * 1000:9.1f} ms  {len(out.encode()):>12,} bytes")
    print(f"    (b) json:                     {t_json * 1000:9.1f} ms  {len(doc.encode()):>12,} bytes")
    print(f"        ratio (a) / (b):          {t_text / t_json:9.2f}   (goal <= 2)")


def _cli(path: Path, runs: int) -> None:
    env = {**os.environ, "KPIDSL_NO_CACHE": "1"}

    def check(*extra: str):
        return lambda: subprocess.run([sys.executable, "-m", "kpidsl", "check", str(path), "--lang", "en", *extra],
                                      capture_output=True, env=env)

    t_text, out = _median(check(), runs)
    t_json, doc = _median(check("--format", "json"), runs)
    print(f"    (c) kpidsl check, text:       {t_text * 1000:9.1f} ms  {len(out.stdout):>12,} bytes")
    print(f"    (d) kpidsl check, json:       {t_json * 1000:9.1f} ms  {len(doc.stdout):>12,} bytes")
    print(f"        ratio (c) / (d):          {t_text / t_json:9.2f}   (goal <= 2)")
    print(f"        text closes with: {out.stdout.decode().splitlines()[-1]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shapes = (("one line", "x 1", ";"), ("one a line", "x 1", "\n"),
                  ("Thai, one line", 'x "น้ำหนักของตัวชี้วัด"', ";"))
        for shape, statement, sep in shapes:
            folder = Path(tmp) / shape.replace(" ", "_").replace(",", "")  # a folder is a rule set
            folder.mkdir()
            path = folder / "errors.kpi"
            path.write_text(sep.join([statement] * args.errors) + "\n", encoding="utf-8")
            print(f"{shape}: {path.stat().st_size:,} bytes")
            _in_process(path, args.runs)
            _cli(path, args.runs)
            print()


if __name__ == "__main__":
    main()
