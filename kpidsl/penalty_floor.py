"""How far a late-report penalty can take a total down: the one rule every route holds it to.

Seed 002 (หมายเหตุ * of its calendar) takes a late 12-month report's penalty out of the total:
"จะถูกปรับลดคะแนนลงวันละ 0.0500 ของคะแนนรวม (นับวันทำการ)", and sets no limit on the days.
Taken at its word, 81 working days late take 4.0500 off a total of 4 and publish −0.0500: a
figure no scale of the seeds has (a score runs 0–5, a total 0–5 or 0–100). A penalty "of the
total" takes at most the whole total, so the rule set's ``penalty_floor`` policy
(kpidsl/policies.py) defaults to 0: the total less its penalty is published, but never below
the floor. ``penalty_floor 1`` keeps a late report at the scale's lowest level; ``none`` lets
the penalty run on, as the note alone reads. A total that is below the floor before any
penalty keeps its figure (the floor bounds what a penalty takes, it adds nothing).

Read by the evaluator (kpidsl/score/evaluate/agreement.py), the SQL engine
(kpidsl/sql/compiler.py, the same rule as a CASE), and the forms that say the penalty's rule
(kpidsl/forms/sar.py, kpidsl/forms/score_report.py).
"""

from __future__ import annotations

from decimal import Decimal

ZERO = Decimal(0)

# The policy's default (kpidsl/policies.py DEFAULTS): a penalty takes at most the whole total.
DEFAULT = ZERO


def net(total: Decimal, penalty: Decimal | None, floor: Decimal | None) -> Decimal:
    """The total less its late-report penalty (none: 0), never below ``floor`` (None: no
    floor) unless the total already is: 4 − 4.05 → 0; 0.5 − 0 under a floor of 1 → 0.5."""
    less = total - (penalty or ZERO)
    if floor is None or less >= floor:
        return less
    return total if total < floor else floor


def floored(total: Decimal, penalty: Decimal | None, floor: Decimal | None) -> bool:
    """Whether the floor, not the penalty, made the published figure (a form says so)."""
    return net(total, penalty, floor) != total - (penalty or ZERO)
