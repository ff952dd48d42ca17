"""How often does MaybeSeenRows (kpidsl/score/seen_rows.py) call a key "maybe seen" that
was not? A script, not a test.

    python benchmarks/seen_rows_rate.py [--simulate 3]

A suspect costs a second pass over the file (kpidsl/score/results/csv_input.py), so the
rate says how often a clean batch of n rows is read twice: about n × rate suspects a
file. Worked out for the filter's layout (a key's bits all in one of W words of 64 bits,
k bit numbers drawn at random, with repeats) and the one it replaced (three bits in each
of two words among 2²¹): a word holding the bits of l other keys, l Poisson with mean
n × words-a-key / W; the chance that the query's d distinct bits are all set there, by
inclusion and exclusion. --simulate checks the formula against the filter itself at a
high load (a small filter, as many keys a word as at 10 million rows): the rate counted
and the rate worked out must agree within a few per cent.
"""

from __future__ import annotations

import argparse
import random
from math import comb, exp, lgamma, log

from kpidsl.score.seen_rows import MaybeSeenRows

ROWS = (100_000, 400_000, 1_600_000, 10_000_000)
WORDS = len(MaybeSeenRows().words)  # the filter's words of 64 bits


def _distinct(k: int, bits: int = 64) -> dict[int, float]:
    """The chance of each number of distinct bit numbers among k drawn at random."""
    dist = {0: 1.0}
    for _ in range(k):
        step: dict[int, float] = {}
        for d, p in dist.items():
            step[d] = step.get(d, 0.0) + p * d / bits
            step[d + 1] = step.get(d + 1, 0.0) + p * (bits - d) / bits
        dist = step
    return dist


def _all_set(d: int, draws: int, bits: int = 64) -> float:
    """The chance that d given bits are all set after ``draws`` bits set at random."""
    return sum((-1) ** j * comb(d, j) * (1 - j / bits) ** draws for j in range(d + 1))


def word_rate(k: int, load: float) -> float:
    """A query's k bits all set in a word holding the k bits of Poisson(load) other keys."""
    query = _distinct(k)
    total = 0.0
    for others in range(0, 400):
        weight = exp(-load + others * log(load) - lgamma(others + 1)) if load > 0 else float(others == 0)
        total += weight * sum(p * _all_set(d, k * others) for d, p in query.items())
    return total


def rate(rows: int, words: int = WORDS) -> float:
    """MaybeSeenRows: twelve bits in one word."""
    return word_rate(12, rows / words)


def old_rate(rows: int, words: int = 1 << 21) -> float:
    """The filter before (16 MiB): three bits in each of two words."""
    return word_rate(3, 2 * rows / words) ** 2


def simulate(rows_like: int, seed: int) -> tuple[float, float]:
    """(rate counted, rate worked out) of a filter of 2¹⁴ words at the load of ``rows_like``
    rows in the real one: fresh random keys added, the suspects counted."""
    words = 1 << 14
    maybe = MaybeSeenRows(words * 64)
    keys = int(rows_like * words / WORDS)
    rng = random.Random(seed)
    maybe.add_all([rng.getrandbits(64) - (1 << 63) for _ in range(keys)], range(keys))
    # the rate at the end: new keys asked of the full filter, a copy for each
    probes = 200_000
    full = bytes(maybe.bits)
    hits = 0
    for _ in range(probes // 1000):
        probe = MaybeSeenRows(words * 64)
        probe.bits[:] = full
        probe.add_all([rng.getrandbits(64) - (1 << 63) for _ in range(1000)], range(1000))
        hits += len(probe.suspects)
    return hits / probes, rate(rows_like)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--simulate", type=int, default=0, help="seeds to simulate the filter with")
    args = ap.parse_args()
    for rows in ROWS:
        new, old = rate(rows), old_rate(rows)
        print(f"{rows:>11,} rows: one in {1 / new:9.3g} (about {rows * new:.2g} suspects a file); "
              f"before: one in {1 / old:9.3g} ({rows * old:.2g})")
    for seed in range(args.simulate):
        counted, worked = simulate(20_000_000, seed)
        print(f"simulated at the load of 20 million rows (seed {seed}): counted {counted:.3g}, "
              f"worked out {worked:.3g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
