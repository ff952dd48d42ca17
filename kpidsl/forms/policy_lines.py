"""The scoring policies a rule set declares, as a form states them under its table.

A signer reads a ladder's five thresholds on the form, but what a result below level 1
scores, whether a result between two levels scores between them, the highest score a
ladder gives, how milestone steps are counted and where figures are rounded are the rule
set's policies (kpidsl/policies.py; docs/scoring.md), not the source documents': each is
said in plain Thai followed by the rule file's own words for it (``“คะแนนต่ำสุด 1”``), so
that a reader can find it in the rule file.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..plan.model import AgreementNode, Composite, Formula, Ladder, Milestones, Policies, WeightedAverage
from ..syntax.keywords import spell
from .figures import figure

_INTERPOLATE = {
    "linear": "ผลระหว่างสองระดับได้คะแนนตามสัดส่วนระหว่างสองระดับนั้น",
    "whole": "ผลระหว่างสองระดับได้คะแนนของระดับที่ผ่าน ไม่เทียบสัดส่วน",
}
_MILESTONE_COUNT = {
    "consecutive": "ขั้นความสำเร็จได้คะแนนเท่าจำนวนขั้นที่ทำต่อเนื่องจากขั้นที่ 1",
    "listed": "ขั้นความสำเร็จได้คะแนนเท่าจำนวนขั้นที่ทำ",
}
_LATE_STEP = {
    "not_counted": "ขั้นที่ทำเสร็จหลังวันที่กำหนดของขั้นไม่นับ",
    "counted": "ขั้นที่ทำเสร็จหลังวันที่กำหนดของขั้นยังนับ",
}
_ROUND_AT = {
    "total": "ครั้งเดียวที่คะแนนรวม",
    "indicator_level": "ที่คะแนนของตัวชี้วัดแต่ละตัว",
}


def _said(key: str, value: str) -> str:
    """A setting as the rule file writes it in Thai: ``“เพดาน 5”``."""
    return f"“{spell(key, 'th')} {value}”"


def _word(value: str) -> str:
    return spell(value, "th")


def scoring_policies(policies: Policies, nodes: Iterable[AgreementNode]) -> list[str]:
    """One line per policy in force that decides a figure of a form over ``nodes``: the
    ladder policies when some indicator is scored on a ladder, the milestone policies when
    some is scored by milestones, and the rounding always."""
    kinds = _kinds(nodes)
    out = []
    if Ladder in kinds:
        out += [f"ผลไม่ถึงเกณฑ์ระดับ 1 ได้ {figure(policies.floor)} คะแนน ({_said('floor', figure(policies.floor))})",
                f"{_INTERPOLATE[policies.interpolate]} ({_said('interpolate', _word(policies.interpolate))})",
                f"คะแนนจากเกณฑ์ไม่เกิน {figure(policies.cap)} ({_said('cap', figure(policies.cap))})"]
    if Milestones in kinds:
        out += [f"{_MILESTONE_COUNT[policies.milestone_count]} "
                f"({_said('milestone_count', _word(policies.milestone_count))})",
                f"{_LATE_STEP[policies.late_step]} ({_said('late_step', _word(policies.late_step))})"]
    rounding = _word(policies.rounding)
    out.append(f"ปัดเศษแบบ{rounding} ทศนิยม {policies.decimals} ตำแหน่ง {_ROUND_AT[policies.round_at]} "
               f"({_said('rounding', rounding)}, {_said('round_at', _word(policies.round_at))})")
    return out


def _kinds(nodes: Iterable[AgreementNode]) -> set[type]:
    """Ladder and/or Milestones: how the indicators present (not omitted) under ``nodes`` are
    scored, a ladder inside a formula, a weighted average or a composite's part counted."""
    found: set[type] = set()
    for node in nodes:
        if node.omitted:
            continue
        scoring = node.scoring
        if isinstance(scoring, Milestones):
            found.add(Milestones)
        inner = [scoring]
        if isinstance(scoring, (Formula, WeightedAverage)):
            inner = [scoring.ladder]
        elif isinstance(scoring, Composite):
            inner = [p.scoring for p in scoring.parts]
        if any(isinstance(s, Ladder) for s in inner):
            found.add(Ladder)
        found |= _kinds(node.children)
    return found


__all__ = ["scoring_policies"]
