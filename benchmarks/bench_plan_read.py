"""How long does reading a plan into the typed model take? A script, not a test.

    python benchmarks/bench_plan_read.py [--runs 5]

For each shipped rule set (rules/2554, rules/2555) prints, medians of --runs runs:
(a) json.loads of its plan.json text alone, (b) typed_plan of the compiler's plan
dict (the trusted path), (c) read_plan_text with the built-in check only, and
(d) read_plan_text with plan.schema.json checked by jsonschema (when installed),
and Plan.to_json() against kpidsl.plan.dumps.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from unittest import mock

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan, dumps
from kpidsl.plan import read as plan_read

ROOT = Path(__file__).resolve().parent.parent


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for year in ("2554", "2555"):
        (rs,) = check_paths([ROOT / "rules" / year]).rule_sets
        plan = compile_plan(rs, Path(rs.name))
        text = dumps(plan)
        typed = plan_read.typed_plan(plan)
        loads = _median(lambda: json.loads(text), args.runs)
        trusted = _median(lambda: plan_read.typed_plan(plan), args.runs)
        with mock.patch.object(plan_read, "schema_validator", lambda: None):
            builtin = _median(lambda: plan_read.read_plan_text(text, "plan.json"), args.runs)
        schema = _median(lambda: plan_read.read_plan_text(text, "plan.json"), args.runs) \
            if plan_read.schema_validator() is not None else None
        write = _median(typed.to_json, args.runs)
        dump = _median(lambda: dumps(plan), args.runs)
        print(f"rules/{year}: plan {len(text.encode()) / 1024:.0f} KiB")
        print(f"  (a) json.loads                      {loads * 1000:8.1f} ms")
        print(f"  (b) typed_plan (compiler's dict)    {trusted * 1000:8.1f} ms")
        print(f"  (c) read_plan_text, built-in check  {builtin * 1000:8.1f} ms")
        print("  (d) read_plan_text, jsonschema      " + (f"{schema * 1000:8.1f} ms" if schema is not None
                                                         else "  (jsonschema not installed)"))
        print(f"  Plan.to_json {write * 1000:.1f} ms against dumps {dump * 1000:.1f} ms")


if __name__ == "__main__":
    main()
