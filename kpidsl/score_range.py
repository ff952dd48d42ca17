"""The range every score runs in, 0 to 5, written once.

Seed 003 scores an indicator on five levels (ระดับคะแนน 1–5; สไลด์ 29: milestone steps 1–5 are
levels 1–5), with 0 for a result below level 1 where the floor policy allows it; seed 001 rates
competencies 1–5. So a ladder's top level scores 5, the cap policy defaults to 5, a score given
outright (an owner's score, a composite's part) and a count of milestone steps done are read as
0–5, and the checker's best total is worked from 5. The evaluator, the results reader, the SQL
engine, the checker, the workbooks and the forms all take the range from here; a scale's own
levels (kpidsl/scale_scores.py) are the scale's.
"""

from __future__ import annotations

from decimal import Decimal

LOWEST_SCORE = Decimal(0)
HIGHEST_SCORE = Decimal(5)
# as forms, workbooks and messages write it
SCORE_RANGE = f"{LOWEST_SCORE}–{HIGHEST_SCORE}"
