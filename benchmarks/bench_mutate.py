"""How long `kpidsl mutate` takes on the shipped rule sets.

    python benchmarks/bench_mutate.py [--jobs 1 2] [--profile] [RULESET ...]

For each rule set (default rules/2555 and rules/2554) and each number of jobs:
the mutants, the time to parse and check the rule set once, the time to run
every mutant, the time per mutant, and the mutation score. The goal is
rules/2555 in at most 60 s on two cores. With --profile, where one job's time
goes (cProfile, top functions by self and cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kpidsl.check.ruleset import discover  # noqa: E402
from kpidsl.mutate import load_baseline, mutants, run_mutants  # noqa: E402
from kpidsl.mutate.report import score_of  # noqa: E402
from listing import print_top  # noqa: E402


def bench(folder: Path, jobs: int) -> None:
    sources, _ = discover([folder])
    started = time.perf_counter()
    base = load_baseline(sources[0])
    found = mutants(base.documents, base.texts)
    loaded = time.perf_counter() - started
    result = run_mutants(base, found, jobs)
    caught, counted, score = score_of(result.outcomes)
    per = result.seconds / len(found) * 1000 if found else 0.0
    print(f"{folder}  jobs {jobs}:  {len(found)} mutants  load {loaded:6.2f} s  run {result.seconds:6.1f} s  "
          f"({per:5.1f} ms per mutant)  score {score} ({caught}/{counted})")


def profile(folder: Path, top: int) -> None:
    sources, _ = discover([folder])
    base = load_baseline(sources[0])
    found = mutants(base.documents, base.texts)
    profiler = cProfile.Profile()
    profiler.enable()
    run_mutants(base, found, 1)
    profiler.disable()
    print_top(pstats.Stats(profiler), top, f"---- {folder}, one job, by {{order}} ----")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rule_sets", nargs="*", type=Path, default=[ROOT / "rules" / "2555", ROOT / "rules" / "2554"])
    ap.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    for folder in args.rule_sets:
        for jobs in args.jobs:
            bench(folder, jobs)
    if args.profile:
        profile(args.rule_sets[0], args.top)


if __name__ == "__main__":
    main()
