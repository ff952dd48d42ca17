"""Checks `kpidsl test` runs on every ladder and band table, with no example
needed: the scorer must agree with what the rule file declares.

A ladder scores monotonically in its declared direction, stays within its
floor and 5, gives level k (or its cap, if lower) at each threshold and less just before it (one unit
of the last published decimal: 89.9999 against 90). A band table puts each
boundary on the side its comparison says, and the values just around it on
either side.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import attrs

from . import ladder as ladders
from ..plan.model import BandsTable, Composite, Formula, Ladder, Plan, Policies, Source, WeightedAverage
from ..plan.read import plan_of
from ..score_range import HIGHEST_SCORE
from .evaluate import within
from .numbers import plain


@attrs.frozen
class PropertyResult:
    what: str
    source: Source | None
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def _ladders_in(nodes, owner: str) -> Iterator[tuple[str, Ladder]]:
    """The ladders written in a tree of framework or agreement nodes (an agreement's node
    that inherits its framework's scoring is its framework's to check)."""
    for n in nodes:
        scoring = n.scoring
        where = f"{owner} {n.kind} {n.id}"
        if isinstance(scoring, Ladder) and not getattr(n, "scoring_inherited", False):
            yield where, scoring
        elif isinstance(scoring, (Formula, WeightedAverage)) and scoring.ladder:
            yield where, scoring.ladder
        elif isinstance(scoring, Composite):
            for part in scoring.parts:
                if isinstance(part.scoring, Ladder):
                    yield f"{where} part {part.id}", part.scoring
        yield from _ladders_in(n.children, owner)


def check_ladder(ladder: Ladder, policy: Policies) -> list[str]:
    decimals = policy.decimals
    eps = Decimal(1).scaleb(-decimals)
    higher = ladder.direction == "higher"
    points = [t.value for t in ladder.thresholds]
    ops = [t.op for t in ladder.thresholds]
    floor = policy.floor
    failures = []
    lo, hi = min(points), max(points)
    span = (hi - lo) or Decimal(1)
    samples = sorted({lo - span, hi + span, *points, *(p - eps for p in points), *(p + eps for p in points),
                      *((a + b) / 2 for a, b in zip(sorted(points), sorted(points)[1:]))})
    if not higher:
        samples.reverse()  # walk from worst to best
    previous = None
    for value in samples:
        score, _ = ladders.score(ladder, value, policy)
        if not min(floor, Decimal(1)) <= score <= HIGHEST_SCORE:
            failures.append(f"{plain(value)} scores {plain(score)}, outside {plain(floor)}–{HIGHEST_SCORE}")
        if previous is not None and score < previous[1]:
            failures.append(f"not monotone: {plain(previous[0])} scores {plain(previous[1])}, "
                            f"{plain(value)} scores {plain(score)}")
        previous = (value, score)
    toward = (">=", ">") if higher else ("<=", "<")
    for k, (point, op) in enumerate(zip(points, ops), start=1):
        if k == 1 and op is not None and op not in toward:
            continue  # "65 or less" / "more than 35": level 1 has no lower edge
        inclusive = op in (None, ">=", "<=")
        at, _ = ladders.score(ladder, point, policy)
        before = point - eps if higher else point + eps
        just_before, _ = ladders.score(ladder, before, policy)
        # level k scores k, or the cap where it is lower (P014: the most a ladder gives)
        if inclusive and at < min(Decimal(k), policy.cap):
            failures.append(f"level {k}: {plain(point)} scores {plain(at)}, not {plain(min(Decimal(k), policy.cap))}")
        # Just short of level 1 is the floor (which may itself be 1); of level k, less than k.
        short_ok = just_before == floor if k == 1 else just_before < k
        if not short_ok:
            failures.append(f"level {k}: {plain(before)} (just short of {plain(point)}) scores {plain(just_before)}")
    return failures


def check_bands(table: BandsTable, decimals: int) -> list[str]:
    eps = Decimal(1).scaleb(-decimals)
    bands = [b for b in table.bands if b.lower and b.upper]
    low, high = table.low, table.high
    ends = {low, high}
    if bands:
        ends |= {min(b.lower.value for b in bands), max(b.upper.value for b in bands)}
    failures = []
    for band in bands:
        for bound in (band.lower, band.upper):
            value = bound.value
            inclusive = bound.op in (">=", "<=")
            home = [b.id for b in bands if within(value, b)]
            if inclusive and home != [band.id]:
                failures.append(f"{plain(value)} falls in {home or 'no band'}, declared in {band.id}")
            if not inclusive and band.id in home:
                failures.append(f"{plain(value)} falls in {band.id}, declared outside it")
            # Left out of this band, the boundary belongs to the band on its other side
            # (the ends of the range are checked below).
            if not inclusive and not home and value not in ends:
                failures.append(f"{plain(value)} falls in no band: {band.id} leaves it out and no band takes it")
        inner_low = band.lower.value + (0 if band.lower.op == ">=" else eps)
        inner_high = band.upper.value - (0 if band.upper.op == "<=" else eps)
        for value in (inner_low, inner_high):
            home = [b.id for b in bands if within(value, b)]
            if home != [band.id]:
                failures.append(f"{plain(value)} falls in {home or 'no band'}, expected {band.id}")
    if low is not None and high is not None:
        for value in (low, high):
            home = [b.id for b in bands if within(value, b)]
            if len(home) != 1:
                failures.append(f"{plain(value)} (end of the range) falls in {home or 'no band'}")
    return failures


def run(plan: Plan | dict) -> list[PropertyResult]:
    """The checks of every ladder and band table of ``plan`` (typed, or the compiler's dict)."""
    plan = plan_of(plan)
    results = []
    seen: set[Source] = set()
    owners = [(f"framework {f.id}", f.nodes, f.policies) for f in plan.frameworks]
    owners += [(f"agreement {a.id}", a.nodes, a.framework.policies) for a in plan.agreements]
    for owner, nodes, policy in owners:
        for where, ladder in _ladders_in(nodes, owner):
            if ladder.source in seen:
                continue
            seen.add(ladder.source)
            results.append(PropertyResult(f"ladder of {where}", ladder.source, tuple(check_ladder(ladder, policy))))
    decimals = plan.policies.decimals
    for table in plan.bands:
        results.append(PropertyResult(f"bands {table.id}", table.source, tuple(check_bands(table, decimals))))
    return results
