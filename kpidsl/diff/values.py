"""How a diff shows the values it compares: plain text, the same on every run
(``<=65 70 75 80 85``, ``2011-10-01 – 2012-03-31``, ``5, optional → 6``)."""

from __future__ import annotations

import datetime as dt

from ..score.formula import render as render_formula


def text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (text(v) for v in value) if t is not None) if value else None
    if isinstance(value, dict):
        return ", ".join(f"{k} {text(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def weight(n: dict) -> str:
    kind = n.get("weight_kind")
    if kind == "agreed":
        shown = "agreed"
    elif kind == "none" or n.get("weight") is None:
        shown = "none"
    else:
        shown = n["weight"]
    opt = n.get("optional")
    if opt:
        to = f" → {opt['to']}" if opt.get("to") else (" → proportional" if opt.get("proportional") else "")
        shown += f", optional{to}"
    return shown


def thresholds(ladder: dict | None) -> str | None:
    if ladder is None:
        return None
    return " ".join(f"{t['op'] or ''}{t['value']}" for t in ladder["thresholds"])


def source(d: dict | None, fallback: dict | None) -> dict | None:
    """Where a date (or a template field, a setting) is written, else where its owner is."""
    return (d or {}).get("source") or fallback


def dates(d: dict | None) -> str | None:
    if d is None:
        return None
    return d["start"] if d["start"] == d["end"] else f"{d['start']} – {d['end']}"


def shift(old: list[dict | None], new: list[dict | None]) -> str | None:
    """'+1 year' when every date moved by the same whole number of years (a new fiscal year)."""
    years = set()
    for a, b in zip(old, new):
        if a is None or b is None:
            return None
        for key in ("start", "end"):
            x, y = dt.date.fromisoformat(a[key]), dt.date.fromisoformat(b[key])
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
    return f"{n:+d} year" + ("s" if abs(n) != 1 else "")


def bound(b: dict | None) -> str | None:
    return None if b is None else f"{b['op']} {b['value']}"


def raise_range(band: dict) -> str | None:
    if band.get("no_raise"):
        return "no raise"
    r = band.get("raise")
    return None if r is None else f"{r['low']}–{r['high']}%"


def formula(expr: dict | None) -> str | None:
    return None if expr is None else render_formula(expr)


def describe_scoring(s: dict | None) -> str:
    if not s:
        return "none"
    kind = s["kind"]
    if kind == "ladder":
        return f"ladder {thresholds(s)}"
    if kind == "formula":
        return f"formula {formula(s['expr'])}"
    if kind == "milestones":
        return f"milestones ({len(s['steps'])} steps)"
    if kind == "composite":
        return "composite of " + ", ".join(f"{p['id']} {p['share']}%" for p in s["parts"])
    return kind.replace("_", " ")
