"""Calendar of activities (ปฏิทินการดำเนินงาน): a dated table (activity, dates in
Thai BE, responsible and related units) and a month-by-month chart with the
months each activity runs filled in and the month of its due date marked."""

from __future__ import annotations

import datetime as dt
import re

from . import Document, Request
from .figures import month_label, months_between
from ..plan.model import Activity, Calendar
from ..plan.read import plan_of
from ..thai import BE_OFFSET, fiscal_year_bounds


def _ranges(activity: Activity) -> list[tuple[dt.date, dt.date]]:
    return [(w.start, w.end) for w in activity.when if w is not None]


def _due(activity: Activity) -> tuple[dt.date, dt.date] | None:
    due = activity.due
    return (due.start, due.end) if due else None


def _months(calendar: Calendar) -> list[tuple[int, int]]:
    period = calendar.period
    if period:
        # The months the plan itself covers (its chart's columns in the source).
        return months_between(period.start, period.end)
    days = []
    for a in calendar.activities:
        for start, end in _ranges(a) + ([_due(a)] if a.due else []):
            days += [start, end]
    if not days:
        # Nothing dated (e.g. month bars lost from the source): the fiscal year's months.
        first, last = fiscal_year_bounds(calendar.fiscal_year)
        return months_between(first, last)
    return months_between(min(days), max(days))


def _touches(ranges: list[tuple[dt.date, dt.date]], year: int, month: int) -> bool:
    return any((s.year, s.month) <= (year, month) <= (e.year, e.month) for s, e in ranges)


def _chart_row(activity: Activity, months: list[tuple[int, int]]) -> list[str]:
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


# A note that opens by citing its source ("สไลด์ 44: “…”", "003 สไลด์ 53 …", "002 ข้อ 1.5.2 …",
# "แผนภาพที่ 2: …") quotes the seed for the checker's date checks (kpidsl/check/stated_dates.py):
# a footnote for a reviewer who asks for sources (--sources), not text of the form.
CITES_SOURCE = re.compile(r"(?:[0-9]{3} )?(?:สไลด์|ข้อ|แผนภาพที่) ?[0-9]")


def said(notes: tuple[str, ...]) -> list[str]:
    """The notes a form prints: those that do not quote the source."""
    return [n for n in notes if not CITES_SOURCE.match(n)]


def quoted(notes: tuple[str, ...]) -> list[str]:
    return [n for n in notes if CITES_SOURCE.match(n)]


def _activity_view(activity: Activity, number: str, months: list[tuple[int, int]]) -> dict:
    """An activity as the templates read it: its fields (dates typed: the ``span`` filter
    writes them), its number and its chart row."""
    return {"id": activity.id, "title": activity.title, "when": activity.when, "due": activity.due,
            "responsible": activity.responsible, "related": activity.related, "notes": said(activity.notes), "quotes": quoted(activity.notes),
            "chart": _chart_row(activity, months), "number": number}


def build(request: Request) -> list[Document]:
    plan = plan_of(request.plan)
    calendars = []
    for c in plan.calendars:
        months = _months(c)
        calendars.append({
            "calendar": c,
            "notes": said(c.notes),
            "quotes": quoted(c.notes),
            # Numbered as the source numbers them (5.1); a named activity (sar6) by its place.
            "activities": [_activity_view(a, a.id if re.fullmatch(r"\d+(\.\d+)*", a.id) else str(i), months)
                           for i, a in enumerate(c.activities, start=1)],
            "months": [{"year": y + BE_OFFSET, "month": m, "label": month_label(y, m),
                        "label_year": f"{month_label(y, m)} {str(y + BE_OFFSET)[-2:]}"} for y, m in months],
            "years": _years(months),
            "dated": any(a.when or a.due for a in c.activities),
        })
    if not calendars:
        return []
    return [Document("calendar", {"calendars": calendars, "fiscal_year": plan.fiscal_year},
                     title="ปฏิทินการดำเนินงาน")]
