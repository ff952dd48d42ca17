"""The weighted score (คะแนนถ่วงน้ำหนัก) that forms and the `score` text table print.

Seed 003 (slides 9, 18 and 37) defines it once for every table it draws:
คะแนนถ่วงน้ำหนัก = น้ำหนัก × คะแนนที่ได้ (W × SM), and the score of the table is
Σ(W × SM) ÷ ΣW. A row therefore shows weight × score at every level — 20 × 3.5 =
70 for an indicator of weight 20, 0.6 × 3.5 = 2.1 for a sub-indicator of weight 0.6
— and the total under the table is their sum divided by the sum of the weights
(÷ 100 when the weights are percentages). The engine's own ``weighted`` stays the
share each row adds to its parent's score (weight × score ÷ 100 under a percentage
parent), which the total sums; `score --format json` gives both, as ``weighted`` (W × SM,
the figure the tables print) and ``contribution`` (that share)."""

from __future__ import annotations

from decimal import Decimal

from .numbers import CONTEXT


def weighted_score(weight: Decimal | None, score: Decimal | None) -> Decimal | None:
    """W × SM of one row; None when the row has no weight or no score yet."""
    if weight is None or score is None:
        return None
    return CONTEXT.multiply(weight, score)
