"""The weighted score (คะแนนถ่วงน้ำหนัก): one figure, everywhere kpidsl prints or reads it.

A row's weighted score is the share it adds to its parent's score, the evaluator's own
figure (kpidsl/score/evaluate/agreement.py _weigher), which the parent's score and the total
are summed from:
- under a parent whose children's weights are percentages (a framework's dimensions and
  indicators, an individual's components): weight × score / 100. Seed 001's individual form
  says so (คะแนนรวม ค = ก × ข, 4 × 50% = 2.0) and DOMAIN.md's glossary too; 18 × 3.5 / 100 = 0.63;
- under a weighted average (ร้อยละเฉลี่ยถ่วงน้ำหนัก, seed 003 slides 9, 18 and 37): W × SM,
  the sub-indicators' weights W adding up to 1 (slide 10: "ผลรวมของน้ำหนักของทุกตัวชี้วัด
  เท่ากับ 1"); 0.6 × 3.5 = 2.1, and the indicator's score is Σ(W × SM) / ΣW.
The forms' tables, the `score` table, its workbook, JSON's ``weighted`` and an example's
``คะแนนถ่วงน้ำหนัก`` are all this figure, and the total is the sum of the top rows'.

A row's weight (น้ำหนัก), printed beside it, is the figure its weighted score is weighed by
(weight_in_parent): a framework node's weight as written (an indicator's % of the total, a
sub-indicator's W), an individual's component its share (seed 001's summary form prints
น้ำหนัก (ข) 70% and 30% beside ก × ข = 50.4 and 20.4), so every row reads weight × score / 100
= weighted score, or W × SM. A weight the plan worked out rather than read (an omitted
optional indicator's weight redistributed over its siblings, 10 × 100 / 30 = 33.33…) is a
computed figure: every output writes it to the rule set's decimals (weight_shown)."""

from __future__ import annotations

from decimal import Decimal

from .numbers import CONTEXT, quantize


def weight_in_parent(node) -> Decimal | None:
    """The weight ``node`` (a plan's AgreementNode) is weighed by in its parent: a component's
    share (70), any other node's weight in force (None for a node without one). The evaluator
    weighs by it (kpidsl/score/evaluate/agreement.py _compile) and every output prints it in its
    weight column (weight_shown): the score table, JSON's ``weight``, the workbook and the forms."""
    return node.share if node.kind == "component" else node.weight


def weight_shown(node, decimals: int, rounding: str) -> Decimal | None:
    """The weight a row prints (weight_in_parent): as written, or, for a weight the plan worked
    out (an omitted optional indicator's redistributed over its siblings: 10 × 100 / 30 =
    33.33…, to 40 digits), to the rule set's ``decimals`` by its ``rounding``, as any computed
    figure is printed (33.3333). The evaluator weighs by the exact figure."""
    weight = weight_in_parent(node)
    if weight is None or node.kind == "component" or weight == node.declared_weight \
            or -weight.as_tuple().exponent <= decimals:
        return weight
    return quantize(weight, decimals, rounding)


def weight_times_score(weight: Decimal | None, score: Decimal | None) -> Decimal | None:
    """The weight as written × the score, before any / 100 (18 × 3.5 = 63): not the weighted
    score of a row under percentage weights, but what one reading seed 003's W × SM with the
    weight as written would expect (kpidsl/score/examples.py says so when an example does)."""
    if weight is None or score is None:
        return None
    return CONTEXT.multiply(weight, score)
