"""Working days for the late-report penalty (seed 002): weekdays that are not
public or government holidays. Thailand's holidays come from the maintained
``holidays`` package; a rule set adds or removes days (special holidays
declared in the year) in its ``holidays`` block. The rule itself is
kpidsl/days_off.py's, which the SQL backend's calendar shares."""

from __future__ import annotations

import datetime as dt

from ..days_off import CATEGORIES, holidays_off, is_working_day
from ..plan.model import Holidays

__all__ = ["CATEGORIES", "calendar_days_late", "holiday_set", "working_days_late"]


def holiday_set(plan_holidays: Holidays, years: range) -> frozenset[dt.date]:
    """The holidays of a plan's ``holidays`` block over ``years`` (kpidsl/days_off.py)."""
    return holidays_off(plan_holidays.country, _spans(plan_holidays.add), _spans(plan_holidays.remove), years)


def _spans(changes) -> list[tuple[dt.date, dt.date]]:
    return [(c.date.start, c.date.end) for c in changes if c.date]


def working_days_late(due: dt.date, submitted: dt.date, plan_holidays: Holidays) -> tuple[int, list[dt.date]]:
    """Working days after ``due`` up to and including ``submitted``."""
    if submitted <= due:
        return 0, []
    off = holiday_set(plan_holidays, range(due.year, submitted.year + 1))
    days = []
    day = due + dt.timedelta(days=1)
    while day <= submitted:
        if is_working_day(day, off):
            days.append(day)
        day += dt.timedelta(days=1)
    return len(days), days


def calendar_days_late(due: dt.date, submitted: dt.date) -> tuple[int, list[dt.date]]:
    """Calendar days after ``due`` up to and including ``submitted`` (a penalty ``per day``)."""
    days = [due + dt.timedelta(days=i) for i in range(1, (submitted - due).days + 1)]
    return len(days), days
