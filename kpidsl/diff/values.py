"""How a diff shows the values it compares: plain text, the same on every run
(``<=65 70 75 80 85``, ``2011-10-01 – 2012-03-31``, ``5, optional → 6``).

Values are the typed plan's (kpidsl/plan/model): a figure is shown as the plan writes
it, a table row or other part of the model by the fields its plan JSON holds."""

from __future__ import annotations

from decimal import Decimal

from ..diagnostics.cli_texts import said
from ..plan.model import Composite, Formula, Ladder, Milestones
from ..plan.model.fields import dec_text
from ..score.formula import render as render_formula


def text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return dec_text(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (text(v) for v in value) if t is not None) if value else None
    if hasattr(value, "to_json"):  # a part of the typed plan: the fields its plan JSON holds
        value = value.to_json()
    if isinstance(value, dict):
        return ", ".join(f"{k} {text(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def weight(n) -> str:
    kind = getattr(n, "weight_kind", None)
    if kind == "agreed":
        shown = "agreed"
    elif kind == "none" or n.weight is None:
        shown = "none"
    else:
        shown = dec_text(n.weight)
    opt = n.optional
    if opt:
        to = f" → {opt.to}" if opt.to else (" → proportional" if opt.proportional else "")
        shown += f", optional{to}"
    return shown


def thresholds(ladder: Ladder | None) -> str | None:
    if ladder is None:
        return None
    return " ".join(f"{t.op or ''}{dec_text(t.value)}" for t in ladder.thresholds)


def source(d, fallback):
    """Where a date (or a template field, a setting) is written, else where its owner is."""
    return getattr(d, "source", None) or fallback


def dates(d) -> str | None:
    if d is None:
        return None
    start, end = d.start.isoformat(), d.end.isoformat()
    return start if start == end else f"{start} – {end}"


def shift(old: list, new: list) -> str | None:
    """'+1 year' when every date moved by the same whole number of years (a new fiscal year)."""
    years = set()
    for a, b in zip(old, new):
        if a is None or b is None:
            return None
        for x, y in ((a.start, b.start), (a.end, b.end)):
            delta = y.year - x.year
            try:
                if x.replace(year=y.year) != y:
                    return None
            except ValueError:  # 29 February
                return None
            years.add(delta)
    if len(years) != 1 or len(old) != len(new):
        return None
    (n,) = years
    if n == 0:
        return None
    return said("diff-years", "en", abs(n), years=f"{n:+d}")


def bound(b) -> str | None:
    return None if b is None else f"{b.op} {dec_text(b.value)}"


def raise_range(band) -> str | None:
    if band.no_raise:
        return "no raise"
    r = band.raise_range
    return None if r is None else f"{dec_text(r.low)}–{dec_text(r.high)}%"


def formula(expr) -> str | None:
    return None if expr is None else render_formula(expr.to_json())


def kind(s) -> str | None:
    """A scoring's kind as the plan names it (its type's KIND), or None for no scoring."""
    return None if s is None else s.KIND


def describe_scoring(s) -> str:
    if not s:
        return "none"
    if isinstance(s, Ladder):
        return f"ladder {thresholds(s)}"
    if isinstance(s, Formula):
        return f"formula {formula(s.expr)}"
    if isinstance(s, Milestones):
        return said("diff-steps", "en", len(s.steps), milestones="milestones")
    if isinstance(s, Composite):
        return "composite of " + ", ".join(f"{p.id} {dec_text(p.share)}%" for p in s.parts)
    return s.KIND.replace("_", " ")
