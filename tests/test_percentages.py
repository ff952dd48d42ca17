"""Whether an indicator is a percentage (kpidsl/check/percentages.py), which C005 and L008 read:
its unit says so, else its title's first word. Seeds 003 and 004 title a rate "ร้อยละของ…" and
write its unit "ร้อยละ"; a count "จำนวน…", in ไร่, ราย, บาท."""

from __future__ import annotations

import pytest

from kpidsl.check.percentages import percentage

SATISFACTION = "ร้อยละของระดับความพึงพอใจของผู้รับบริการ"  # seed 003 kpi 5
FARMLAND = "จำนวนพื้นที่ที่ได้รับการพัฒนา"


@pytest.mark.parametrize("unit, title, said", [
    ("ร้อยละ", None, "ร้อยละ"),
    ("  ร้อยละ ", FARMLAND, "ร้อยละ"),  # the unit, stripped, whatever the title
    ("%", None, "%"),
    (" % ", None, "%"),
    ("percent", None, "percent"),
    ("Percent of households", None, "Percent of households"),
    ("PERCENTAGE", None, "PERCENTAGE"),
    (None, SATISFACTION, "ร้อยละ"),
    ("", "  " + SATISFACTION, "ร้อยละ"),  # an empty unit says nothing: the title, stripped
    ("   ", SATISFACTION, "ร้อยละ"),
])
def test_a_percentage_by_its_unit_or_else_its_title(unit, title, said):
    assert percentage(unit, title) == said


@pytest.mark.parametrize("unit, title", [
    ("ไร่", SATISFACTION),  # a unit that is no percentage wins over the title
    ("baht", "ร้อยละของงบประมาณ"),
    ("per cent", None),  # two words: not the spelling it knows
    ("1%", None),  # the unit must start so
    ("ร้อย", None),
    (None, FARMLAND),
    (None, "อัตราร้อยละ"),  # the title's first word only
    (None, None),
    ("", ""),
])
def test_no_percentage(unit, title):
    assert percentage(unit, title) is None
