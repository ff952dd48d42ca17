"""Every entry `agreement_requires` takes is checked by something, and a fixture shows it told.

The language takes the entries of kpidsl/vocabulary.py's ``AGREEMENT_REQUIRES`` (kpidsl/syntax/lower/
cursor.py reads that tuple), and the plan model reads the same tuple back. ``REQUIRES_TOLD_BY`` says which codes tell an
agreement without each. An entry the parser took and no pass read (`weight`, until session 34) was
a promise a framework made and nothing kept: these tests fail on one.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from kpidsl.check import check_rule_set
from kpidsl.check.agreements import REQUIRES_TOLD_BY
from kpidsl.check.ruleset import RuleSetSource
from kpidsl.vocabulary import AGREEMENT_REQUIRES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"


def test_every_entry_the_language_takes_is_checked() -> None:
    assert set(REQUIRES_TOLD_BY) == set(AGREEMENT_REQUIRES)
    assert all(REQUIRES_TOLD_BY[item] for item in AGREEMENT_REQUIRES)


def _declared_in_bad_fixtures() -> dict[str, set[str]]:
    """Entry → the codes of the `bad_` fixtures (by their folder) whose framework requires it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(FIXTURES.glob("*/bad_*.kpi")):
        text = path.read_text(encoding="utf-8")
        if "agreement_requires" not in text and "คำรับรองต้องมี" not in text:
            continue
        rs, _ = check_rule_set(RuleSetSource(path.parent, (path,)))
        for fw in rs.frameworks.values():
            for item in fw.agreement_requires:
                found[item].add(path.parent.name)
    return found


@pytest.fixture(scope="module")
def declared() -> dict[str, set[str]]:
    return _declared_in_bad_fixtures()


@pytest.mark.parametrize("item", AGREEMENT_REQUIRES)
def test_each_entry_has_a_fixture_of_its_codes(item: str, declared: dict[str, set[str]]) -> None:
    # the fixture's own expectations (tests/test_check_fixtures.py) pin where and what is told
    assert declared[item] & set(REQUIRES_TOLD_BY[item]), (item, sorted(declared[item]))


def test_weight_is_told_by_each_weights_code(declared: dict[str, set[str]]) -> None:
    """`weight` is told by the weights passes, each with a fixture under `agreement_requires weight`:
    an agreed weight left out (A003), one beside weighted siblings (W004), sub-indicators of a weighted
    average (W008), a framework weighing nothing at its top (W009), a group of unweighted indicators (W011)."""
    assert set(REQUIRES_TOLD_BY["weight"]) <= declared["weight"]
