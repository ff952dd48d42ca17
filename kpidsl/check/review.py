"""Figures to review (Y001): every ``review "…"`` line is listed as a warning.

``kpidsl new-year`` writes a ``review`` line beside each figure staff must
confirm for the new year (weights, ladder thresholds, targets, due dates,
salary figures, examples' expected figures, a due date on a weekend). The
warning stays until the line is deleted.
"""

from __future__ import annotations

from ..diagnostics.phrases import phrase
from ..diagnostics.registry import Bi
from .context import Checker


def run(ck: Checker) -> None:
    for rule_file in ck.rs.files:
        for review in rule_file.reviews:
            ck.report("Y001", review.span, where=Bi(*review.where), text=review.text or phrase("no-reason-given"))
