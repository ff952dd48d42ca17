"""Which keys may appear in which block: the shape of the language as data.

Lowering reads a block through its context here: a key that is not allowed is
reported as unknown (with "did you mean") or as misplaced (with where it
belongs), so nothing a rule author writes is ever silently ignored.
"""

from __future__ import annotations

import attrs

from ..vocabulary import NODE_KINDS
from .keywords import BY_CANONICAL


@attrs.frozen
class Context:
    name: str
    en: str  # "in {en}" in messages
    th: str
    keys: frozenset[str]
    numbered: bool = False  # statements may start with a number (steps, levels)


_TEMPLATE = {
    "description", "definition", "formula", "condition", "baseline", "owner",
    "supervisor", "collector", "evidence", "reason", "kind", "importance", "task", "key_result",
}
_NODE_KINDS = set(NODE_KINDS)
_SCORING = {"ladder", "milestones", "weighted_average", "input", "value", "part", "owner_score"}
_DOC = {"source", "note"}

CONTEXTS: dict[str, Context] = {
    c.name: c
    for c in (
        Context("file", "the top level of a file", "ระดับบนสุดของไฟล์",
                frozenset({"framework", "agreement", "bands", "calendar", "example", "policy", "holidays"})),
        Context("framework", "a framework", "กรอบ",
                frozenset({"level", "fiscal_year", "policy", "round", "bands", "calendar", "limit", "salary",
                           "scale", "strategy", "sample_size", "evidence", "agreement_requires", "description"}
                          | _NODE_KINDS - {"competency"} | _DOC)),
        Context("node", "an indicator or dimension", "ตัวชี้วัดหรือมิติ",
                frozenset({"weight", "optional", "share", "multiplier", "scale", "unit", "target", "agreed_kpis",
                           "cascade", "limit", "group"} | _SCORING | _TEMPLATE | _NODE_KINDS | _DOC)),
        Context("part", "a part of a composite indicator", "ส่วนของตัวชี้วัดแบบผสม",
                frozenset({"share", "unit", "ladder", "milestones", "input", "value", "owner_score", "description"} | _DOC)),
        Context("milestones", "a milestone ladder", "ขั้นความสำเร็จ", frozenset(_DOC), numbered=True),
        Context("milestone", "a milestone step", "ขั้นความสำเร็จขั้นหนึ่ง", frozenset({"due", "evidence"} | _DOC)),
        Context("weighted_average", "a weighted average", "ค่าเฉลี่ยถ่วงน้ำหนัก", frozenset({"ladder", "unit"} | _DOC)),
        Context("policy", "a policy block", "หลักเกณฑ์",
                frozenset({"interpolate", "floor", "cap", "decimals", "rounding", "round_at", "redistribute",
                           "milestone_count", "late_step", "scale_score", "penalty_floor", "agreement_ladder"} | _DOC)),
        Context("round", "a round", "รอบ", frozenset({"period", "due", "late_penalty"} | _DOC)),
        Context("bands", "a bands table", "ระดับผลการประเมิน", frozenset({"range", "band"} | _DOC)),
        Context("band", "a band", "ระดับผล", frozenset({"raise"} | _DOC)),
        Context("calendar", "a calendar", "ปฏิทิน", frozenset({"fiscal_year", "period", "activity"} | _DOC)),
        Context("activity", "an activity", "กิจกรรม", frozenset({"when", "due", "responsible", "related"} | _DOC)),
        Context("salary", "salary rules", "การเลื่อนเงินเดือน",
                frozenset({"pool", "cap", "base", "rounding", "grade", "pool_group", "leftover"} | _DOC)),
        Context("grade", "a salary range", "ระดับตำแหน่ง",
                frozenset({"min", "lower_mid", "split_at", "upper_mid", "max"} | _DOC)),
        Context("scale", "a scale", "มาตรวัด", frozenset(_DOC), numbered=True),
        Context("sample_size", "a sample-size rule", "ขนาดตัวอย่าง", frozenset({"rounding", "population"} | _DOC)),
        Context("agreement", "an agreement", "คำรับรอง",
                frozenset({"framework", "fiscal_year", "organisation", "person", "assessor", "signatory", "period",
                           "plan", "round", "omit", "salary", "grade", "population", "description"} | _NODE_KINDS | _DOC)),
        Context("example", "an example", "ตัวอย่าง", frozenset({"agreement", "round", "given", "expect"} | _DOC)),
        Context("given", "an example's results", "ผลการดำเนินงานของตัวอย่าง",
                frozenset(_NODE_KINDS | {"part", "submitted", "raise", "population", "note"})),
        Context("expect", "an example's expected figures", "ผลที่คาดของตัวอย่าง",
                frozenset(_NODE_KINDS | {"part", "total", "band", "raise", "amount", "penalty", "score",
                                         "sample_size", "note"})),
        Context("holidays", "a holidays block", "วันหยุด", frozenset({"country", "add", "remove"} | _DOC)),
    )
}

# `review "…"` (kpidsl new-year marks the figures staff must confirm) may stand
# in every block: lowering records it wherever it is (lower/base.py), the
# checker lists it (Y001), and staff delete the line once confirmed.
CONTEXTS = {name: attrs.evolve(c, keys=c.keys | {"review"}) if name != "file" else c for name, c in CONTEXTS.items()}

for _ctx in CONTEXTS.values():
    for _key in _ctx.keys:
        assert _key in BY_CANONICAL, f"context {_ctx.name} names unknown keyword {_key}"


def places(key: str) -> tuple[str, str]:
    """Where a key may appear, for the "belongs in" hint."""
    found = [c for c in CONTEXTS.values() if key in c.keys]
    return ", ".join(c.en for c in found), ", ".join(c.th for c in found)
