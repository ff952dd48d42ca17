"""Scoring a measured value on a five-level ladder (semantics 1 and 2).

Higher is better: reaching level k's threshold scores k; between levels k and
k+1 the score moves linearly ("±step per 1 point") when the policy says
``interpolate linear``; at or past level 5 it is 5; below level 1 it is the
policy's floor. Lower is better mirrors it. A level written with a comparison
keeps it: ``> 35`` at level 1 of a lower-is-better ladder is "more than 35",
which scores 1 whatever the count; ``<= 65`` at level 1 of a higher-is-better
ladder reads "65 or less scores 1".
"""

from __future__ import annotations

from decimal import Decimal

from .numbers import CONTEXT, D, shown

_TOWARD = {"higher": (">=", ">"), "lower": ("<=", "<")}
# Comparisons as a Thai evaluator writes them in a criteria table (≥ 70, ≤ 35).
SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def _reaches(value: Decimal, threshold: Decimal, op: str | None, direction: str) -> bool:
    if direction == "higher":
        return value > threshold if op == ">" else value >= threshold
    return value < threshold if op == "<" else value <= threshold


def score(ladder: dict, value: Decimal, policy: dict) -> tuple[Decimal, tuple[str, str]]:
    """The score and how it was reached, in English and in Thai."""
    direction = ladder["direction"]
    points = [D(t["value"]) for t in ladder["thresholds"]]
    ops = [t["op"] for t in ladder["thresholds"]]
    floor = D(policy.get("floor", "1"))
    cap = D(policy.get("cap", "5"))
    linear = policy.get("interpolate", "linear") == "linear"
    level1_away = ops[0] is not None and ops[0] not in _TOWARD[direction]
    open1 = bool(ladder.get("open_level_1"))
    reached = 0
    for k in range(5):
        if k == 0 and level1_away:
            continue  # "65 or less" / "more than 35": level 1 is everything below level 2
        if _reaches(value, points[k], ops[k], direction):
            reached = k + 1
    sign = "≥" if direction == "higher" else "≤"
    v = shown(value)
    if reached == 0 and level1_away:
        reached = 1
        if open1 or not linear or not _reaches(value, points[0], None, direction):
            at, at_th = f"{ops[0]} {shown(points[0])}", f"{SIGNS[ops[0]]} {shown(points[0])}"
            return min(Decimal(1), cap), (f"{v} is at level 1 ({at}): 1", f"{v} อยู่ที่ระดับ 1 ({at_th}): 1")
    if reached == 0:
        first, lowest = f"{sign} {shown(points[0])}", shown(floor)
        return floor, (f"{v} does not reach level 1 ({first}): the floor, {lowest}",
                       f"{v} ไม่ถึงระดับ 1 ({first}): ได้คะแนนต่ำสุด {lowest}")
    if reached == 5:
        top = f"{sign} {shown(points[4])}"
        return min(Decimal(5), cap), (f"{v} {top} (level 5): 5", f"{v} {top} (ระดับ 5): 5")
    k = reached
    lo, hi = points[k - 1], points[k]
    if not linear or (k == 1 and open1):
        return Decimal(k), (f"{v} reaches level {k} ({sign} {shown(lo)}), not level {k + 1} ({shown(hi)}): {k}",
                            f"{v} ถึงระดับ {k} ({sign} {shown(lo)}) แต่ไม่ถึงระดับ {k + 1} ({shown(hi)}): {k}")
    fraction = (value - lo).copy_abs() / (hi - lo).copy_abs()
    result = CONTEXT.add(Decimal(k), CONTEXT.multiply(fraction, 1))
    how = f"{k} + |{v} − {shown(lo)}| / |{shown(hi)} − {shown(lo)}| = {shown(result)}"
    return min(result, cap), (f"{v} lies between level {k} ({shown(lo)}) and level {k + 1} ({shown(hi)}): {how}",
                              f"{v} อยู่ระหว่างระดับ {k} ({shown(lo)}) และระดับ {k + 1} ({shown(hi)}): {how}")
