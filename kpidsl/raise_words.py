"""A band's raise range as a table or form shows it: ``2.5–3%``, or, for a band whose raise is
none (ต้องปรับปรุง: seed 001 ขั้นตอนที่ 9 "ไม่ได้เลื่อนเงินเดือน"), the words for no raise, never
``0–0%``. The scorer keeps such a range as (0, 0) (kpidsl/score/evaluate/agreement.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .diagnostics.cli_texts import said


def is_none(low: Decimal, high: Decimal) -> bool:
    """A range that allows no raise: 0 to 0."""
    return low == 0 and high == 0


def raise_range_text(low: Decimal, high: Decimal, lang: str, figure: Callable[[Decimal], str]) -> str:
    """``2.5–3%`` (each bound as ``figure`` writes it: kpidsl/score/numbers.py ``plain`` in the
    score table, the form's own figure on a form), or ``no raise`` / ``ไม่ได้เลื่อนเงินเดือน``."""
    if is_none(low, high):
        return said("raise-none", lang)
    return f"{figure(low)}–{figure(high)}%"
