"""The days government offices are closed, for the late-report penalty (seed 002): the
country's public and government holidays (the maintained ``holidays`` package), with
the days a rule set's ``holidays`` block adds and removes, and every weekend.

One rule for the evaluator (kpidsl/score/workdays.py) and the SQL backend's calendar
table (kpidsl/sql/calendar.py), so that both count the same working days."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable

# Government offices close on public holidays and on government holidays
# (the Royal Ploughing Ceremony is one).
CATEGORIES = ("public", "government")

Span = tuple[dt.date, dt.date]  # first and last day, both included


@lru_cache(maxsize=32)
def categories_of(country: str) -> tuple[str, ...]:
    """The CATEGORIES ``country`` has: Japan's holidays have no government category, and the
    holidays package refuses a category a country lacks (`country JP` was an internal error)."""
    import holidays

    supported = holidays.country_holidays(country).supported_categories
    return tuple(c for c in CATEGORIES if c in supported)


@lru_cache(maxsize=32)
def country_holidays(country: str, years: tuple[int, ...]) -> frozenset[dt.date]:
    import holidays

    days = holidays.country_holidays(country, years=list(years), categories=categories_of(country))
    return frozenset(days.keys())


def holidays_off(country: str | None, added: Iterable[Span], removed: Iterable[Span], years: range) -> frozenset[dt.date]:
    """The holidays over ``years``: the country's, then the days added, less the days removed."""
    days = set(country_holidays(country, tuple(years))) if country else set()
    for span in added:
        days |= _expand(span)
    for span in removed:
        days -= _expand(span)
    return frozenset(days)


def is_working_day(day: dt.date, off: frozenset[dt.date]) -> bool:
    return day.weekday() < 5 and day not in off


def _expand(span: Span) -> set[dt.date]:
    start, end = span
    return {start + dt.timedelta(days=i) for i in range((end - start).days + 1)}
