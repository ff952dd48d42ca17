"""What a score on a scale may be: the one rule every route holds it to.

A competency scored on a framework's scale (``มาตรวัด``, ScaleScoring) takes a score that
lies within the scale's lowest and highest level, always: seed 001's competency form
defines "คะแนน นิยาม 1 … 5" and nothing below its first level, so a 0 on a 1–5 scale is a
slip (a blank typed as 0), never a score. Whether the score must be one of the levels or may
lie between them is the rule set's ``scale_score`` policy (kpidsl/policies.py), whose
default, ``whole``, is what the seed's worked form gives (whole levels 2, 3, 4 → 3.4 → 68).

Read by the results reader (kpidsl/score/results/cells.py), the evaluator of a score given
directly (kpidsl/score/evaluate/agreement.py: examples and every row), the SQL engine's
unsure test (kpidsl/sql/compiler.py), the checker of examples (kpidsl/check/examples.py),
the workbook's validation (kpidsl/xlsx/layout.py) and the forms (kpidsl/forms/individual.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import attrs

from .bilingual import Bi
from .diagnostics.phrases import phrase
from .syntax.keywords import spell


@attrs.frozen
class ScaleRange:
    """The scores a scale takes: its levels (ascending, as numbers) and whether a score may
    lie between two of them (the ``scale_score between`` policy)."""

    scale: str
    levels: tuple[Decimal, ...]
    between: bool

    @property
    def low(self) -> Decimal:
        return self.levels[0]

    @property
    def high(self) -> Decimal:
        return self.levels[-1]

    @property
    def whole(self) -> bool:
        """Every whole number from the lowest level to the highest is a level: a spreadsheet's
        whole-number rule says exactly the levels."""
        return len(self.levels) == int(self.high - self.low) + 1

    @property
    def policy(self) -> str:
        """The ``scale_score`` policy in force: whole | between."""
        return "between" if self.between else "whole"

    def policy_words(self) -> Bi:
        """The policy as a rule file writes it: ``scale_score whole`` / ``คะแนนมาตรวัด เต็มระดับ``."""
        return Bi(*(f"{spell('scale_score', lang)} {spell(self.policy, lang)}" for lang in ("en", "th")))

    def policy_said(self) -> Bi:
        """``policy `scale_score whole``` / ``หลักเกณฑ์ `คะแนนมาตรวัด เต็มระดับ```."""
        return phrase("scale-policy", words=self.policy_words())

    def off_scale(self, score: str, node_id: str) -> dict:
        """The fields of Q035 for ``score`` (as shown) given to ``node_id``."""
        return {"score": score, "id": node_id, "scale": self.scale, "allowed": self.allowed(),
                "policy": self.policy_said()}

    def admits(self, value: Decimal) -> bool:
        if self.between:
            return self.low <= value <= self.high
        return value in self.levels

    def allowed(self) -> Bi:
        """``1, 2, 3, 4 or 5`` (its levels) or ``any figure from 1 to 5``, in both languages."""
        if self.between:
            return phrase("scale-between", low=_text(self.low), high=_text(self.high))
        *first, last = [_text(v) for v in self.levels]
        if not first:
            return phrase("scale-one-level", level=last)
        return phrase("scale-levels", levels=", ".join(first), last=last)


def _text(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def scale_range(framework, scale_id: str, policy: str) -> ScaleRange | None:
    """The scores scale ``scale_id`` of ``framework`` (a typed plan's) takes under the
    ``scale_score`` policy ``policy`` (whole | between); None when the framework has no such
    scale (the checker tells it)."""
    scale = framework.scales_by_id.get(scale_id) if framework is not None else None
    return of_levels(scale_id, [lv.number for lv in scale.levels], policy) if scale is not None else None


def of_levels(scale_id: str, numbers: Iterable[int], policy: str) -> ScaleRange | None:
    """The scores a scale of levels ``numbers`` takes under ``policy``: the one constructor of
    the plan's readers and of the checker, which reads the rule file's scale (kpidsl/check/
    examples.py); None for a scale without levels."""
    levels = tuple(sorted({Decimal(n) for n in numbers}))
    return ScaleRange(scale_id, levels, policy == "between") if levels else None


__all__ = ["ScaleRange", "of_levels", "scale_range"]
