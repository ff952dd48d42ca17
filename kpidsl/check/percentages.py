"""Whether an indicator is a percentage: its unit says so, else its title's first word.

Seeds 003 and 004 title a rate "ร้อยละของ…" and write its unit "ร้อยละ"; a count "จำนวน…", in
ไร่, ราย, บาท. A percentage is never split among subordinates (C005, kpidsl/check/cascades.py),
and a formula giving one is read on a ladder in percent (L008, kpidsl/check/formulas.py)."""

from __future__ import annotations


def percentage(unit: str | None, title: str | None) -> str | None:
    """What says it is a percentage (the unit, or "ร้อยละ" from the title), or None."""
    unit = (unit or "").strip()
    if unit:
        return unit if unit.startswith("ร้อยละ") or unit == "%" or unit.lower().startswith("percent") else None
    return "ร้อยละ" if (title or "").strip().startswith("ร้อยละ") else None
