"""A date as each of kpidsl's languages writes it in a sentence: Thai as the rule files
and the seeds write it (``1 ต.ค. 2554``, kpidsl/thai.py format_date), English as the
English outputs write it, ISO and Christian era (``2011-10-01``: the English diff,
kpidsl/diff/values.py, and the English pool lines, kpidsl/score/pool.py).

A diagnostic fills ``{date}`` with the English and ``{date_th}`` with the Thai
(kpidsl/diagnostics/registry.py Code.at)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from .bilingual import Bi
from .thai import BE_OFFSET, MIN_YEAR, MONTHS, fiscal_year_bounds, format_date

# The first day of fiscal year MIN_YEAR, the least a rule file names (1 ต.ค. 2399, 1856-10-01):
# a day before it lies in no fiscal year kpidsl knows, and was read from a Christian-era year
# typed where a Buddhist-era one is read (`30 ธ.ค. 2011` for 2554). Its ISO form, 1468-12-30, is
# a year no one typed, so English writes it as it was typed, its year BE (``30 Dec 2011 BE``);
# the message's hint says the year looks Christian-era (D002, kpidsl/check/context.py _year_hint).
_FIRST_KNOWN_DAY = fiscal_year_bounds(MIN_YEAR)[0]


def day_said(day: dt.date) -> Bi:
    """``Bi("2011-10-01", "1 ต.ค. 2554")``; a day before any fiscal year a rule file names,
    ``Bi("30 Dec 2011 BE", "30 ธ.ค. 2011")``."""
    if day < _FIRST_KNOWN_DAY:
        return Bi(f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year + BE_OFFSET} BE", format_date(day))
    return Bi(day.isoformat(), format_date(day))


def days_said(days: tuple[dt.date, dt.date]) -> Bi:
    """One day, or the days from one to another: ``2011-10-01 – 2012-03-31``."""
    if days[0] == days[1]:
        return day_said(days[0])
    first, last = day_said(days[0]), day_said(days[1])
    return Bi(f"{first.en} – {last.en}", f"{first.th} – {last.th}")


def each_day_said(days: Iterable[dt.date]) -> Bi:
    """Several days, each once, in the order given, joined by commas."""
    said = [day_said(d) for d in dict.fromkeys(days)]
    return Bi(", ".join(s.en for s in said), ", ".join(s.th for s in said))


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month_said(days: Iterable[tuple[int, int]]) -> Bi:
    """Days by (month, day), with no year to put them in (a seed's deadline that recurs each
    round): ``20 Oct, 20 Apr`` and ``20 ต.ค., 20 เม.ย.``; ISO has no form without a year."""
    days = list(days)
    return Bi(", ".join(f"{d} {_MONTHS_EN[m - 1]}" for m, d in days),
              ", ".join(f"{d} {MONTHS[m - 1][1]}" for m, d in days))
