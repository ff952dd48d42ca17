"""Mutants shown equivalent by argument (kpidsl/mutate/equivalence.py): a survey sample
size's rounding moved between the half-way modes, decided by scoring every population
whose Yamane n is exactly x.5 (seed 003 slide 52: e = 5 %)."""

from __future__ import annotations

import copy
import re
from fractions import Fraction
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.mutate.equivalence import sample_rounding_equivalent, tie_populations
from kpidsl.plan import compile_plan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan():
    result = check_paths([ROOT / "rules" / "2555"])
    assert not result.errors
    return compile_plan(result.rule_sets[0], ROOT / "rules" / "2555")


def _with(plan: dict, rounding: str) -> dict:
    out = copy.deepcopy(plan)
    next(f for f in out["frameworks"] if f.get("sample_size"))["sample_size"]["rounding"] = rounding
    return out


def test_the_ties_of_yamane_at_5_percent():
    # n = N / (1 + N × 0.0025) = k + ½ only at these N: 112 → 87.5, 2,160 → 337.5, …, 319,600 → 399.5
    assert tie_populations(Fraction("0.05")) == [112, 2160, 12400, 63600, 319600]


def test_half_even_is_equivalent_to_half_up_at_5_percent(plan):
    why = sample_rounding_equivalent(plan, _with(plan, "half_even"))
    # 112, 12,400 and 63,600 fall in the slide's table rows; 2,160 and 319,600 are worked by the formula
    assert why == ("sample-size-ties", "N=112 n=222", "N=2160 n=338", "N=12400 n=400", "N=63600 n=400",
                   "N=319600 n=400")


@pytest.mark.parametrize("rounding", ["down", "up"])
def test_rounding_down_or_up_is_not_argued_equivalent(plan, rounding):
    assert sample_rounding_equivalent(plan, _with(plan, rounding)) is None


def test_another_change_besides_the_rounding_is_not_argued_equivalent(plan):
    changed = _with(plan, "half_even")
    next(f for f in changed["frameworks"] if f.get("sample_size"))["sample_size"]["error"] = "0.04"
    assert sample_rounding_equivalent(plan, changed) is None


def test_the_mutate_report_says_how_it_decided(monkeypatch):
    from click.testing import CliRunner

    from kpidsl.cli import main

    monkeypatch.chdir(ROOT)
    out = CliRunner().invoke(main, ["mutate", "rules/2555", "--only", "policy-value", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert re.search(r"rules/2555/department\.kpi:\d+:\d+  policy-value  ปัดครึ่งขึ้น → ปัดครึ่งคู่", out.output)
    assert "both give the same n: N=112 n=222, N=2160 n=338" in out.output
