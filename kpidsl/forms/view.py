"""View data shared by the forms: a typed plan's indicator tree as table rows, and an
indicator's scoring criteria as a form shows them. Plain dicts holding values of the
typed plan (kpidsl/plan/model), no formatting of figures (the templates do that with
the filters of kpidsl/forms/env.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterator, Union

from ..plan.model import (AgreementNode, ComponentSum, Composite, Expr, Formula, FrameworkNode, Input, Ladder,
                          Milestones, Optional, Policies, Scoring, ScaleScoring, Source, Step, Threshold,
                          WeightedAverage)
from ..score.weighted import weight_shown
from .figures import figure
from .policy_marks import REDISTRIBUTED, redistributed

Node = Union[FrameworkNode, AgreementNode]

KIND_TH = {
    "perspective": "มุมมอง",
    "dimension": "มิติ",
    "kpi": "ตัวชี้วัด",
    "component": "องค์ประกอบ",
    "competency": "สมรรถนะ",
}

LEVEL_TH = {
    "department": "ระดับส่วนราชการ (กรม)",
    "province": "ระดับจังหวัด",
    "province_group": "ระดับกลุ่มจังหวัด",
    "provincial_agency": "ระดับส่วนราชการประจำจังหวัด",
    "work_group": "ระดับกลุ่มงาน",
    "individual": "ระดับบุคคล",
}

SCORING_TH = {
    "ladder": "เกณฑ์การให้คะแนน 5 ระดับ",
    "milestones": "ระดับขั้นของความสำเร็จ (Milestone)",
    "weighted_average": "ร้อยละเฉลี่ยถ่วงน้ำหนัก",
    "formula": "สูตรการคำนวณ",
    "composite": "องค์ประกอบย่อย",
    "owner_score": "คะแนนจากเจ้าภาพตัวชี้วัด",
    "scale": "มาตรวัดสมรรถนะ",
    "sum": "ผลรวมถ่วงน้ำหนัก",
    "given": "คะแนนที่ให้",
    "component": "องค์ประกอบการประเมิน",
}

DIRECTION_TH = {"higher": "ค่ามากดี", "lower": "ค่าน้อยดี"}


def walk(nodes: tuple[Node, ...], depth: int = 0, parent: Node | None = None
         ) -> Iterator[tuple[Node, int, Node | None]]:
    """Every node of a tree, depth first, with its depth and parent."""
    for node in nodes:
        yield node, depth, parent
        yield from walk(node.children, depth + 1, node)


def is_indicator(node: Node) -> bool:
    return node.kind in ("kpi", "competency")


def unit_of(scoring: Scoring | None) -> str | None:
    """The unit a ladder states (a form takes an indicator's own unit first)."""
    return scoring.unit if isinstance(scoring, Ladder) else None


@dataclass(frozen=True)
class LadderView:
    """A 5-level ladder as the slide tables show it: levels 1..5 with their thresholds."""

    thresholds: tuple[Threshold, ...]
    direction: str
    direction_th: str
    unit: str | None
    target: Decimal | None
    step: Decimal | None
    open_level_1: bool
    source: Source
    # The level the target sits at: 3 by convention (L004 warns otherwise, and a rule set may keep
    # it), None for a target between two levels or beyond them.
    target_level: int | None = 3

    @property
    def target_at(self) -> str:
        """``ระดับ 3``, or ``ไม่ตรงกับระดับใด`` for a target at no level's threshold."""
        return f"ระดับ {self.target_level}" if self.target_level is not None else "ไม่ตรงกับระดับใด"


def ladder_view(ladder: Ladder | None) -> LadderView | None:
    if ladder is None or not ladder.thresholds:
        return None
    return LadderView(ladder.thresholds, ladder.direction, DIRECTION_TH.get(ladder.direction, ""), ladder.unit,
                      ladder.target, ladder.step, ladder.open_level_1, ladder.source)


@dataclass(frozen=True)
class ScoringView:
    """What a form shows of how an indicator is scored: its kind in Thai, and what the kind
    has (a ladder, milestone steps, a formula and its inputs, parts, a scale)."""

    kind: str
    kind_th: str
    ladder: LadderView | None = None
    steps: tuple[Step, ...] = ()
    expr: Expr | None = None
    inputs: tuple[Input, ...] = ()
    parts: tuple[dict, ...] = ()
    scale: str | None = None
    source: Source | None = None


def scoring_view(scoring: Scoring | None) -> ScoringView | None:
    """What a form shows of how an indicator is scored, by kind."""
    if scoring is None:
        return None
    kind = scoring.KIND
    view = ScoringView(kind, SCORING_TH.get(kind, kind), source=getattr(scoring, "source", None))
    if isinstance(scoring, Ladder):
        return replace(view, ladder=ladder_view(scoring))
    if isinstance(scoring, Milestones):
        return replace(view, steps=scoring.steps)
    if isinstance(scoring, Formula):
        return replace(view, expr=scoring.expr, inputs=scoring.inputs, ladder=ladder_view(scoring.ladder))
    if isinstance(scoring, WeightedAverage):
        return replace(view, ladder=ladder_view(scoring.ladder))
    if isinstance(scoring, Composite):
        return replace(view, parts=tuple({"id": p.id, "title": p.title, "share": p.share,
                                          "scoring": scoring_view(p.scoring)} for p in scoring.parts))
    if isinstance(scoring, ScaleScoring):
        return replace(view, scale=scoring.scale)
    return view


def weight_text(node: Node, policies: Policies) -> dict:
    """A node's weight as a form states it.

    ``value``: the figure to print (None for none; a redistributed one to ``policies``'
    decimals, kpidsl/score/weighted.py weight_shown); ``was``: the declared figure a
    redistributed weight replaced, printed with it as one phrase, "18† (เดิม 15)" (the
    templates' ``weight`` macro, HTML and Markdown alike); ``note``: why there is no figure
    (set by each agreement, omitted); ``optional``: the indicator may be left out."""
    optional = _optional_note(node.optional)
    if isinstance(node, FrameworkNode):
        if node.weight_kind == "agreed":
            return {"value": None, "was": None, "note": "ตามที่ตกลง", "optional": optional, "mark": ""}
        return {"value": node.weight if node.weight_kind == "fixed" else None, "was": None, "note": "",
                "optional": optional, "mark": ""}
    if node.omitted:
        return {"value": None, "was": None, "note": "ไม่มี (ยกเว้น)", "optional": optional, "mark": ""}
    declared = node.declared_weight
    # the declared figure only: the mark (†) and its footnote say why the weight moved
    was = declared if declared is not None and node.weight is not None and declared != node.weight else None
    return {"value": weight_shown(node, policies.decimals, policies.rounding), "was": was, "note": "",
            "optional": optional, "mark": REDISTRIBUTED if redistributed(node) else ""}


def _optional_note(optional: Optional | None) -> str:
    if optional is None:
        return ""
    if optional.to:
        return f"ถ้ามี (ถ้าไม่มี น้ำหนักไปที่ {optional.to})"
    if optional.proportional:
        return "ถ้ามี (ถ้าไม่มี น้ำหนักกระจายตามสัดส่วน)"
    return "ถ้ามี"


def rows(nodes: tuple[Node, ...], policies: Policies) -> list[dict]:
    """The indicator tree (a framework's or an agreement's) as table rows (perspective,
    dimension, indicator, sub-indicator); ``policies``, its framework's (a weight worked out
    is written to their decimals)."""
    out = []
    for node, depth, parent in walk(nodes):
        scoring = scoring_view(node.scoring)
        if isinstance(node.scoring, ComponentSum) and node.share is not None:
            # what a component brings to the total: its share (ผลสัมฤทธิ์ของงาน 70%)
            scoring = replace(scoring, kind_th=f"{SCORING_TH['component']} สัดส่วนร้อยละ {figure(node.share)}")
        ladder = scoring.ladder if scoring else None
        target = node.target if node.target is not None else (ladder.target if ladder else None)
        if ladder is not None and target is not None:
            # the target the form states is the node's, at the level it sits at (not level 3's value)
            ladder = replace(ladder, target=target, target_level=_level_of(ladder, target))
            scoring = replace(scoring, ladder=ladder)
        in_agreement = isinstance(node, AgreementNode)
        out.append({
            "id": node.id,
            "kind": node.kind,
            "kind_th": KIND_TH.get(node.kind, node.kind),
            "title": node.title or "",
            "heading": _heading(node),
            "depth": depth,
            "group": not is_indicator(node),
            "weight": weight_text(node, policies),
            # A sub-indicator of a weighted average carries a relative weight W, not a % of the total.
            "relative": bool(parent and isinstance(parent.scoring, WeightedAverage)),
            "share": node.share,
            "unit": node.unit or (ladder.unit if ladder else None),
            "target": target,
            "target_off": _target_off(ladder),
            "scoring": scoring,
            "ladder": ladder,
            "omitted": in_agreement and node.omitted,
            "added": in_agreement and node.added,
            "cascade": node.cascade if in_agreement else None,
            "citation": node.citation,
            "source": node.source,
            "template": node.template,
            "notes": () if in_agreement else node.notes,
            "node": node,  # the typed node itself, for a builder's own questions
        })
    return out


def _level_of(ladder: LadderView, target: Decimal) -> int | None:
    """The level whose threshold is ``target`` (1..5), or None."""
    return next((k for k, t in enumerate(ladder.thresholds, start=1) if t.value == target), None)


def _target_off(ladder: LadderView | None) -> str:
    """``ค่าเป้าหมาย 80 (ระดับ 4)`` for a target not at level 3 (a form's table otherwise says once
    that level 3 is the target); "" else."""
    if ladder is None or ladder.target is None or ladder.target_level == 3:
        return ""
    return f"ค่าเป้าหมาย {figure(ladder.target)} ({ladder.target_at})"


def targets_at_level_3(rows: list[dict]) -> bool:
    """Every ladder of a table has its target at level 3: the table may say so once."""
    return not any(r["target_off"] for r in rows)


def _heading(node: Node) -> str:
    """A row's label: its title alone, as the seed tables print it (no rule keyword such
    as มุมมอง or มิติ before it)."""
    return node.title or ""


def where(source: Source | None, root: str = "") -> str:
    """``rules/2555/department.kpi:98`` for a plan node's source."""
    if source is None:
        return ""
    prefix = f"{root}/" if root else ""
    return f"{prefix}{source.path}:{source.line}"
