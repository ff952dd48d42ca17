"""Calendar of activities (ปฏิทินการดำเนินงาน): a dated table (activity, dates in
Thai BE, responsible and related units) and a month-by-month chart with the
months each activity runs filled in and the month of its due date marked."""

from __future__ import annotations

import datetime as dt
import re

from . import Document, Request
from .figures import month_label, months_between
from ..plan.read import plan_of
from ..thai import BE_OFFSET, fiscal_year_bounds


def _ranges(activity: dict) -> list[tuple[dt.date, dt.date]]:
    return [(dt.date.fromisoformat(w["start"]), dt.date.fromisoformat(w["end"])) for w in activity.get("when") or []]


def _due(activity: dict) -> tuple[dt.date, dt.date] | None:
    due = activity.get("due")
    return (dt.date.fromisoformat(due["start"]), dt.date.fromisoformat(due["end"])) if due else None


def _months(calendar: dict) -> list[tuple[int, int]]:
    period = calendar.get("period")
    if period:
        # The months the plan itself covers (its chart's columns in the source).
        return months_between(dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"]))
    days = []
    for a in calendar.get("activities") or []:
        for start, end in _ranges(a) + ([_due(a)] if a.get("due") else []):
            days += [start, end]
    if not days:
        # Nothing dated (e.g. month bars lost from the source): the fiscal year's months.
        first, last = fiscal_year_bounds(calendar["fiscal_year"])
        return months_between(first, last)
    return months_between(min(days), max(days))


def _touches(ranges: list[tuple[dt.date, dt.date]], year: int, month: int) -> bool:
    return any((s.year, s.month) <= (year, month) <= (e.year, e.month) for s, e in ranges)


def _chart_row(activity: dict, months: list[tuple[int, int]]) -> list[str]:
    """Per month: ``on`` (the activity runs), ``due`` (its due date), ``both`` or ``""``."""
    ranges, due = _ranges(activity), _due(activity)
    cells = []
    for y, m in months:
        on = _touches(ranges, y, m)
        is_due = bool(due) and _touches([due], y, m)
        cells.append("both" if on and is_due else "on" if on else "due" if is_due else "")
    return cells


def _years(months: list[tuple[int, int]]) -> list[dict]:
    out: list[dict] = []
    for y, _ in months:
        if out and out[-1]["year"] == y + BE_OFFSET:
            out[-1]["span"] += 1
        else:
            out.append({"year": y + BE_OFFSET, "span": 1})
    return out


def build(request: Request) -> list[Document]:
    calendars = []
    for c in request.plan.get("calendar") or []:
        months = _months(c)
        calendars.append({
            "calendar": c,
            # Numbered as the source numbers them (5.1); a named activity (sar6) by its place.
            "activities": [dict(a, chart=_chart_row(a, months),
                                number=a["id"] if re.fullmatch(r"\d+(\.\d+)*", a["id"]) else str(i))
                           for i, a in enumerate(c.get("activities") or [], start=1)],
            "months": [{"year": y + BE_OFFSET, "month": m, "label": month_label(y, m),
                        "label_year": f"{month_label(y, m)} {str(y + BE_OFFSET)[-2:]}"} for y, m in months],
            "years": _years(months),
            "dated": any(a.get("when") or a.get("due") for a in c.get("activities") or []),
        })
    if not calendars:
        return []
    return [Document("calendar", {"calendars": calendars, "fiscal_year": plan_of(request.plan).fiscal_year},
                     title="ปฏิทินการดำเนินงาน")]
