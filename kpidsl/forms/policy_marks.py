"""Figures a declared policy decided, not the documents the rules come from: a form
marks each with a sign and says in a footnote which policy of the rule set decided it,
so that a reader does not take a policy's figure for the source's own.

Four such figures:

* a weight raised by the redistribution of an omitted indicator's weight (the rule
  set's ``โอนน้ำหนัก`` policy; the source documents say an indicator is optional, not
  how its weight spreads);
* a score between two levels of a ladder written with ``≤``/``≥`` thresholds
  ("6 หรือน้อยกว่า"), worked out by the ``เทียบสัดส่วน`` policy (read as steps, such a
  ladder gives the level's whole score);
* a score shown rounded to the declared decimals while the figures beside it are of the
  score before rounding (the ``ปัดที่`` policy rounds once, at the total): marked ``≈`` before
  the figure, as a reader writes an approximate figure, so that "70 × ≈3.5829 = 250.8000"
  does not read as a mistake;
* a person's evaluation made of achievement alone, with no competency part, no × 20
  and no rating band, where the individual evaluation (ว 20/2552) has all three.
"""

from __future__ import annotations

from decimal import Decimal

from ..plan.model import AgreementNode, Framework, Ladder
from ..syntax.keywords import spell

REDISTRIBUTED = "†"
INTERPOLATED = "‡"
ACHIEVEMENT_ONLY = "§"
ROUNDED = "≈"

_REDISTRIBUTE_TH = {"proportional": "โอนน้ำหนัก ตามสัดส่วน"}
_INTERPOLATE_TH = {"linear": "เทียบสัดส่วน เชิงเส้น"}


def redistributed(node: AgreementNode) -> bool:
    """A weight that is not the one declared: it took an omitted indicator's share."""
    declared, weight = node.declared_weight, node.weight
    return not node.omitted and declared is not None and weight is not None and declared != weight


def redistributed_note(framework: Framework) -> dict:
    policy = framework.policies.redistribute
    how = _REDISTRIBUTE_TH.get(policy, policy)
    return {"mark": REDISTRIBUTED,
            "text": f"น้ำหนักที่รวมน้ำหนักของตัวชี้วัดที่ไม่มีในคำรับรองนี้ กระจายตามหลักเกณฑ์ “{how}” "
                    f"ที่ {framework.title or ''} ประกาศไว้ (เอกสารต้นทางกำหนดว่าตัวชี้วัดนั้นมี “ถ้ามี” "
                    f"แต่ไม่ได้กำหนดวิธีกระจายน้ำหนัก)"}


def interpolated(node: AgreementNode, score: Decimal | None) -> bool:
    """A score between two levels of a ladder whose thresholds are written ≤ or ≥."""
    scoring = node.scoring
    if not isinstance(scoring, Ladder) or score is None:
        return False
    written = any(t.op in ("<=", ">=") for t in scoring.thresholds)
    return written and Decimal(score) != Decimal(score).to_integral_value()


def interpolated_note(framework: Framework) -> dict:
    policy = framework.policies.interpolate
    how = _INTERPOLATE_TH.get(policy, policy)
    return {"mark": INTERPOLATED,
            "text": f"คะแนนระหว่างระดับของเกณฑ์ที่เขียนเป็น “หรือน้อยกว่า / หรือมากกว่า” คิดตามหลักเกณฑ์ “{how}” "
                    f"ที่ {framework.title or ''} ประกาศไว้ (อ่านเป็นขั้น จะได้คะแนนของระดับนั้นเต็ม)"}


def rounded_sign(shown: bool) -> str:
    """The sign before a score shown rounded (kpidsl/forms/figures.py, Numbers.rounded)."""
    return ROUNDED if shown else ""


def rounded_note(framework: Framework) -> dict:
    policies = framework.policies
    said = f"“{spell('round_at', 'th')} {spell(policies.round_at, 'th')}”"
    return {"mark": ROUNDED,
            "text": f"คะแนนที่แสดงปัดเศษเป็นทศนิยม {policies.decimals} ตำแหน่ง: คะแนนถ่วงน้ำหนักคิดจากคะแนนก่อนปัดเศษ "
                    f"ตามหลักเกณฑ์ {said} ที่ {framework.title or ''} ประกาศไว้ "
                    f"(คะแนนของมิติหรือกลุ่ม = คะแนนถ่วงน้ำหนัก × 100 / น้ำหนัก)"}


def achievement_only(components: list[dict]) -> bool:
    """A person's evaluation with no competency part or no conversion to a 100 base."""
    return bool(components) and (not any(c["kind"] == "competency" for c in components)
                                 or not all(c["multiplier"] for c in components))


def achievement_only_note(framework: Framework, components: list[dict]) -> dict:
    parts = ", ".join(f"{c['title']} สัดส่วน {c['share']}" for c in components)
    return {"mark": ACHIEVEMENT_ONLY,
            "text": f"{framework.title or ''} กำหนดองค์ประกอบการประเมินไว้เพียง {parts}: "
                    f"ไม่มีองค์ประกอบพฤติกรรมการปฏิบัติราชการหรือสมรรถนะ ไม่แปลงคะแนนเป็นฐาน 100 (× 20) "
                    f"และไม่มีระดับผลการประเมิน ซึ่งหลักเกณฑ์ ว 20/2552 กำหนดให้การประเมินรายบุคคลมีผลสัมฤทธิ์ของงาน"
                    f"ไม่น้อยกว่าร้อยละ 70 และพฤติกรรมการปฏิบัติราชการหรือสมรรถนะ"}
