"""The scoring policies in force (kpidsl/policies.py), said in Thai for the people who print,
sign and fill in what kpidsl writes: each in plain words, then in the rule file's own words
(``“คะแนนต่ำสุด 1”``), so that a reader can find where it is declared.

Written once here for the forms (kpidsl/forms/policy_lines.py) and the workbook's guide
(kpidsl/xlsx/write.py), which must say the same.
"""

from __future__ import annotations

from .plan.model import Policies
from .syntax.keywords import spell

_INTERPOLATE = {
    "linear": "ผลระหว่างสองระดับได้คะแนนตามสัดส่วนระหว่างสองระดับนั้น",
    "whole": "ผลระหว่างสองระดับได้คะแนนของระดับที่ผ่าน ไม่เทียบสัดส่วน",
}
_MILESTONE_COUNT = {
    "consecutive": "ขั้นความสำเร็จได้คะแนนเท่าจำนวนขั้นที่ทำต่อเนื่องจากขั้นที่ 1",
    "listed": "ขั้นความสำเร็จได้คะแนนเท่าจำนวนขั้นที่ทำ",
}
# The seeds' reading of steps 1, 2, 3 and 5 done (seed 003 slide 29), under each policy.
_MILESTONE_EXAMPLE = {"consecutive": "ทำขั้น 1, 2, 3, 5 ได้ 3", "listed": "ทำขั้น 1, 2, 3, 5 ได้ 4"}
_LATE_STEP = {
    "not_counted": "ขั้นที่ทำเสร็จหลังวันที่กำหนดของขั้นไม่นับ",
    "counted": "ขั้นที่ทำเสร็จหลังวันที่กำหนดของขั้นยังนับ",
}
_ROUND_AT = {
    "total": "ครั้งเดียวที่คะแนนรวม",
    "indicator_level": "ที่คะแนนของตัวชี้วัดแต่ละตัว",
}


def _said(key: str, value: str) -> str:
    """A setting as a rule file writes it in Thai: ``“เพดาน 5”``."""
    return f"“{spell(key, 'th')} {value}”"


def _figure(value) -> str:
    """1, 0.5: a policy's figure as people write it."""
    return format(value.normalize() if value == value.to_integral_value() else value, "f")


def ladder_sentences(policies: Policies) -> list[str]:
    """What a result below level 1 scores, between two levels, and the most a ladder gives."""
    floor, cap = _figure(policies.floor), _figure(policies.cap)
    how = policies.interpolate
    return [f"ผลไม่ถึงเกณฑ์ระดับ 1 ได้ {floor} คะแนน ({_said('floor', floor)})",
            f"{_INTERPOLATE[how]} ({_said('interpolate', spell(how, 'th'))})",
            f"คะแนนจากเกณฑ์ไม่เกิน {cap} ({_said('cap', cap)})"]


def milestone_count_sentence(policies: Policies, example: bool = False) -> str:
    """Which steps done make the score; ``example``: with the seeds' steps 1, 2, 3, 5."""
    how = policies.milestone_count
    shown = f" ({_MILESTONE_EXAMPLE[how]})" if example else ""
    return f"{_MILESTONE_COUNT[how]}{shown} ({_said('milestone_count', spell(how, 'th'))})"


def late_step_sentence(policies: Policies) -> str:
    """Whether a step done after its due date counts."""
    how = policies.late_step
    return f"{_LATE_STEP[how]} ({_said('late_step', spell(how, 'th'))})"


def rounding_sentence(policies: Policies) -> str:
    """How, to how many places and where figures are rounded."""
    rounding = spell(policies.rounding, "th")
    return (f"ปัดเศษแบบ{rounding} ทศนิยม {policies.decimals} ตำแหน่ง {_ROUND_AT[policies.round_at]} "
            f"({_said('rounding', rounding)}, {_said('round_at', spell(policies.round_at, 'th'))})")


__all__ = ["ladder_sentences", "late_step_sentence", "milestone_count_sentence", "rounding_sentence"]
