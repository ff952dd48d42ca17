"""Working days for the late-report penalty (seed 002): weekdays that are not
public or government holidays. Thailand's holidays come from the maintained
``holidays`` package; a rule set adds or removes days (special holidays
declared in the year) in its ``holidays`` block."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..plan.model import Dates, Holidays

# Government offices close on public holidays and on government holidays
# (the Royal Ploughing Ceremony is one).
CATEGORIES = ("public", "government")


@lru_cache(maxsize=32)
def _country(country: str, years: tuple[int, ...]) -> frozenset[dt.date]:
    import holidays

    days = holidays.country_holidays(country, years=list(years), categories=CATEGORIES)
    return frozenset(days.keys())


def holiday_set(plan_holidays: Holidays, years: range) -> frozenset[dt.date]:
    country = plan_holidays.country
    days = set(_country(country, tuple(years))) if country else set()
    for change in plan_holidays.add:
        days |= _expand(change.date)
    for change in plan_holidays.remove:
        days -= _expand(change.date)
    return frozenset(days)


def _expand(dates: Dates | None) -> set[dt.date]:
    if not dates:
        return set()
    start, end = dates.start, dates.end
    return {start + dt.timedelta(days=i) for i in range((end - start).days + 1)}


def working_days_late(due: dt.date, submitted: dt.date, plan_holidays: Holidays) -> tuple[int, list[dt.date]]:
    """Working days after ``due`` up to and including ``submitted``."""
    if submitted <= due:
        return 0, []
    off = holiday_set(plan_holidays, range(due.year, submitted.year + 1))
    days = []
    day = due + dt.timedelta(days=1)
    while day <= submitted:
        if day.weekday() < 5 and day not in off:
            days.append(day)
        day += dt.timedelta(days=1)
    return len(days), days


def calendar_days_late(due: dt.date, submitted: dt.date) -> tuple[int, list[dt.date]]:
    """Calendar days after ``due`` up to and including ``submitted`` (a penalty ``per day``)."""
    days = [due + dt.timedelta(days=i) for i in range(1, (submitted - due).days + 1)]
    return len(days), days
