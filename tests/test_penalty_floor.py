"""How far a late report's penalty takes a total down (kpidsl/penalty_floor.py), figure by figure:
rules/2554's total of 3.7300 and penalty of 5.0500 (seed 002: 0.0500 a working day, 101 days),
the floor at 0 (the default), 1 and none (tests/test_score_semantics.py scores such rows)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from kpidsl.penalty_floor import DEFAULT, floored, net


@pytest.mark.parametrize("total, penalty, floor, published, by_floor", [
    ("3.73", "5.05", "0", "0", True),         # the penalty past the total: stopped at 0
    ("3.73", "5.05", None, "-1.32", False),   # penalty_floor none: the note taken at its word
    ("3.73", "0.05", "0", "3.68", False),     # one day late
    ("3.73", None, "0", "3.73", False),       # on time: no penalty
    ("3.73", "2.73", "1", "1", False),        # exactly at the floor: the penalty's own figure
    ("3.73", "2.74", "1", "1", True),         # 0.01 below it: the floor's
    ("0.5", "0", "1", "0.5", False),          # below the floor before any penalty: kept
    ("0.5", "0.25", "1", "0.5", True),        # and a penalty takes nothing from it
    ("1", "0.25", "1", "1", True),            # a total at the floor is held there
])
def test_the_published_total_and_whether_the_floor_made_it(total, penalty, floor, published, by_floor):
    penalty, floor = (D(penalty) if penalty is not None else None), (D(floor) if floor is not None else None)
    assert net(D(total), penalty, floor) == D(published)
    assert floored(D(total), penalty, floor) is by_floor


def test_the_default_floor_is_0():
    assert DEFAULT == 0 and net(D("4"), D("4.05"), DEFAULT) == 0
