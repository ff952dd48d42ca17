"""Running every mutant of a rule set, in one process or a pool of forked ones.

Results come back in the mutants' order whatever the number of jobs, so the
report is the same bytes with ``--jobs 1`` and ``--jobs N``.
"""

from __future__ import annotations

import multiprocessing
import time
from typing import Callable

import attrs

from .apply import Baseline
from .classify import Outcome, classify
from .operators import Mutant

# The baseline a forked worker inherits from its parent (set just before the
# pool forks; never pickled).
_WORKER_BASE: list[Baseline] = []


def _work(mutant: Mutant) -> Outcome:
    return classify(_WORKER_BASE[0], mutant)


@attrs.frozen
class RunResult:
    outcomes: tuple[Outcome, ...]
    seconds: float


def run_mutants(base: Baseline, mutants: list[Mutant], jobs: int = 1,
                progress: Callable[[int, int], None] | None = None) -> RunResult:
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    total = len(mutants)
    # The cyclic collector stays on: each mutant's ASTs, plan and example reports are garbage
    # once it is classified (with it off, rules/2554 peaked at 99 MB instead of 49 MB, no faster).
    if jobs <= 1 or total < 2:
        for m in mutants:
            outcomes.append(classify(base, m))
            if progress:
                progress(len(outcomes), total)
    else:
        _WORKER_BASE[:] = [base]
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for outcome in pool.imap(_work, mutants, chunksize=max(1, min(16, total // (jobs * 8) or 1))):
                    outcomes.append(outcome)
                    if progress:
                        progress(len(outcomes), total)
        finally:
            _WORKER_BASE.clear()
    return RunResult(tuple(outcomes), time.perf_counter() - started)
