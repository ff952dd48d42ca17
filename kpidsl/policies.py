"""Scoring policies: the knobs a rule set declares, with the defaults the seeds imply.

Every default here is a policy the seeds imply, used only when a rule set is
silent; each is declared explicitly in the shipped rule files anyway.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from . import penalty_floor
from .score_range import HIGHEST_SCORE
from .syntax import ast

DEFAULTS: dict[str, object] = {
    # "±step per 1 point" (seed 003, slides 11, 24, 35): linear between levels.
    "interpolate": "linear",
    # Seed 001's forms read "65 or less" as level 1: below level 1 scores 1.
    "floor": Decimal(1),
    # a ladder's top level scores 5 (kpidsl/score_range.py)
    "cap": HIGHEST_SCORE,
    # Published figures have 4 decimals (seed 002: 0.0500 per day).
    "decimals": 4,
    "rounding": "half_up",
    # Round once, at the end (docs/scoring.md, rule 4).
    "round_at": "total",
    # An omitted optional indicator's weight goes to its siblings proportionally.
    "redistribute": "proportional",
    # A milestone scores the steps done in a row from step 1 (docs/scoring.md, rule 3;
    # seed 003 slide 29: "ระดับขั้นของความสำเร็จ" — step k is level k): 1, 2, 3, 5 → 3.
    "milestone_count": "consecutive",
    # Seed 003 slide 32 writes each step's due date as a condition of the step
    # ("ให้ส่วนราชการส่งผลการดำเนินงานในระดับคะแนนที่ 1 และ 2 … ภายในวันที่ 29 กุมภาพันธ์ 2555"):
    # a step done after it is not counted as done.
    "late_step": "not_counted",
    # Seed 001's competency form ("คะแนน นิยาม 1 … 5") defines a score per level and its worked
    # form gives whole levels (2, 3, 4 → 3.4 → 68): a score on a scale is one of its levels
    # (kpidsl/scale_scores.py); `between` takes any figure from its lowest level to its highest.
    "scale_score": "whole",
    # Seed 002's late-report penalty is "ของคะแนนรวม", of the total: it takes at most the whole
    # total, so the total less its penalty is published no lower than 0 (kpidsl/penalty_floor.py);
    # a number 0–5 is another floor, `none` none.
    "penalty_floor": penalty_floor.DEFAULT,
    # Seed 003 fixes the criteria of the indicators every department is held to ("กำหนดเกณฑ์การให้
    # คะแนน ดังนี้ 65 70 75 80 85", slide 24; kpi 7's five steps, slides 29–32): an agreement restates
    # a framework's ladder or steps or leaves them be (kpidsl/check/agreements.py A027). `agreed` is a
    # framework whose agreements set their own (seed 002's provinces write เกณฑ์ in the agreement).
    "agreement_ladder": "fixed",
}

# Policies only the checker reads: not in the compiled plan, whose scorer has no use for them.
CHECK_ONLY = frozenset({"agreement_ladder"})


# Seed 001 (ว 20/52): raises run from 0% to 6% for everyone. In force for every
# band table whose frameworks declare no salary block with its own cap.
RAISE_CAP = Decimal(6)

# Seed 001 (ว 28/52 ข้อ 3): "ใช้วงเงินในแต่ละกลุ่มก่อน หากมีเหลือค่อยเกลี่ย" — each pool group
# spends its own pool first; what is left may be spread to the others. In force for a salary
# block that declares no `leftover` of its own.
POOL_LEFTOVER = "spread"

# Seed 003 slide 52 reads 222 people for 500 staff, where Yamane's n is 222.22: n is
# rounded half up to whole people (rounding up, the statisticians' habit, would give 223).
# In force for a `sample_size` that declares no `rounding` of its own.
SAMPLE_SIZE_ROUNDING = "half_up"


def resolve(*layers: ast.Policy | None) -> dict[str, object]:
    """Defaults, then each policy block in order (later wins)."""
    out = dict(DEFAULTS)
    for layer in layers:
        if layer is None:
            continue
        for setting in layer.settings:
            out[setting.key] = setting.value
    return out


def rule_set_policy(policies: Iterable[ast.Policy]) -> ast.Policy | None:
    settings = tuple(s for p in policies for s in p.settings)
    return ast.Policy(settings) if settings else None


def to_json(policy: dict[str, object]) -> dict[str, object]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in sorted(policy.items()) if k not in CHECK_ONLY}
