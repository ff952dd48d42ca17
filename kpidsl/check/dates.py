"""Dates fall where they belong: round periods inside the fiscal year, due
dates after the period they report on, every other date inside its fiscal year
unless written ``outside_year`` (and then within a year of it) (D001–D011, R001,
R003).

A date written without a year takes it from the fiscal year in context:
ต.ค.–ธ.ค. belong to the calendar year before the fiscal year's number.
"""

from __future__ import annotations

import datetime as dt

from ..diagnostics.hints import hint
from ..diagnostics.phrases import phrase
from ..syntax import ast
from ..thai import fiscal_year_bounds, format_date
from ..written_dates import day_said, days_said
from ..days_off import country_holidays
from .context import Checker, frameworks_using_calendar


def run(ck: Checker) -> None:
    rs = ck.rs
    for fw in rs.frameworks.values():
        if fw.fiscal_year is None and not fw.fiscal_year_written:
            ck.report("R003", fw.id_span or fw.span, framework=fw.id)
        periods = [(rnd, _round(ck, rnd, fw.fiscal_year)) for rnd in fw.rounds]
        _overlaps(ck, [(r, p) for r, p in periods if p is not None])
        _tiled(ck, [(r, p) for r, p in periods if p is not None], fw.fiscal_year)
        if fw.salary:
            for pool in fw.salary.pools:
                ck.within_reach(pool.on, fw.fiscal_year)
    for cal in rs.calendars.values():
        years = {f.fiscal_year for f in frameworks_using_calendar(rs, cal.id)} - {None}
        year = cal.fiscal_year or (years.pop() if len(years) == 1 else None)
        ck.within_reach(cal.period, year)
        for act in cal.activities:
            for when in act.when:
                ck.within_reach(when, year)
            ck.within_reach(act.due, year)
    for agreement in rs.agreements.values():
        fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        year = agreement.fiscal_year or (fw.fiscal_year if fw else None)
        days = ck.within_reach(agreement.period, year, strict=False)
        if days and year:
            start, end = fiscal_year_bounds(year)
            if days[0] < start or days[1] > end:
                ck.report("D003", agreement.period.span, start=day_said(days[0]), end=day_said(days[1]),
                          year=year, **_year_bounds(year))
            elif days != (start, end):
                ck.report("A012", agreement.period.span, agreement=agreement.id, start=day_said(days[0]),
                          end=day_said(days[1]), year=year, year_start=day_said(start),
                          year_end=day_said(end))
    for example in rs.examples.values():
        agreement = rs.agreements.get(example.agreement.id) if example.agreement else None
        fw = rs.frameworks.get(agreement.framework.id) if agreement and agreement.framework else None
        year = (agreement.fiscal_year if agreement else None) or (fw.fiscal_year if fw else None)
        for fact in example.given + example.expect:
            if isinstance(fact.value, ast.DateRef):
                ck.within_reach(fact.value, year, strict=False)
            elif isinstance(fact.value, ast.StepDone):
                ck.within_reach(fact.value.date, year, strict=False)
    for holidays in rs.holidays:
        added = [(change, ck.dates(change.date, None)) for change in holidays.add]
        removed = [(change, ck.dates(change.date, None)) for change in holidays.remove]
        if holidays.country is not None:
            _country(ck, holidays)
        _changes_nothing(ck, holidays, added, removed)


def _round(ck: Checker, rnd: ast.Round, fiscal_year: int | None):
    if rnd.late_penalty is not None and rnd.due is None:
        # lateness is counted from the due date (kpidsl/score/workdays.py): with none, no report is
        # late and the penalty never applies (seed 002's 12-month SAR 3 working days late lost nothing)
        ck.report("R005", rnd.late_penalty.span or rnd.span, round=rnd.id)
    if rnd.period is None:
        ck.report("R001", ast.header_span(rnd), round=rnd.id)
        period = None
    else:
        period = ck.within_reach(rnd.period, fiscal_year, strict=False)
        if period and fiscal_year:
            start, end = fiscal_year_bounds(fiscal_year)
            if period[0] < start or period[1] > end:
                ck.report("D003", rnd.period.span, start=day_said(period[0]), end=day_said(period[1]),
                          year=fiscal_year, **_year_bounds(fiscal_year))
    due = ck.within_reach(rnd.due, fiscal_year)
    if due and period and due[1] < period[1]:
        ck.report("D004", rnd.due.span, due=day_said(due[1]), end=day_said(period[1]))
    return period


def _year_bounds(year: int) -> dict[str, str]:
    first, last = fiscal_year_bounds(year)
    return hint("fiscal-year-bounds", year=year, first=format_date(first), last=format_date(last),
                first_ce=first.isoformat(), last_ce=last.isoformat())


def _tiled(ck: Checker, rounds, fiscal_year: int | None) -> None:
    """Rounds cover the fiscal year without a gap: each starts on its first day
    or the day after another round ends (D012), and the last ends on its last
    day when there are several (D013). Seed 001 rounds: 1 ต.ค.–31 มี.ค. and 1 เม.ย.–30 ก.ย.; seed 002
    reports: 6, 9 and 12 months, all from 1 ต.ค."""
    if not rounds or fiscal_year is None:
        return
    start, end = fiscal_year_bounds(fiscal_year)
    if any(p[0] < start or p[1] > end for _, p in rounds):
        return  # D003 has said it
    for rnd, p in rounds:
        before = p[0] - dt.timedelta(days=1)
        # The day before it lies in no round: a gap (inside another round is R002's overlap).
        if p[0] != start and not any(q[0] <= before <= q[1] for other, q in rounds if other is not rnd):
            ck.report("D012", rnd.period.span, round=rnd.id, start=day_said(p[0]), year=fiscal_year,
                      year_start=day_said(start))
    # A single round may be the one round a seed gives (seed 004: round 1 only).
    last_round, last = max(rounds, key=lambda rp: rp[1][1])
    if len(rounds) > 1 and last[1] != end:
        ck.report("D013", last_round.period.span, round=last_round.id, end=day_said(last[1]), year=fiscal_year,
                  year_end=day_said(end))


def _overlaps(ck: Checker, rounds) -> None:
    """Rounds either follow one another (evaluation rounds: 1 ต.ค.–31 มี.ค., then
    1 เม.ย.–30 ก.ย.) or grow from the same start (reports of 6, 9 and 12
    months, all from 1 ต.ค.). Two that overlap from different starts are a mistake."""
    for i, (a, pa) in enumerate(rounds):
        for b, pb in rounds[i + 1:]:
            if pa[0] != pb[0] and pa[0] <= pb[1] and pb[0] <= pa[1]:
                ck.report("R002", b.period.span, first=a.id, second=b.id)


def _changes_nothing(ck: Checker, block: ast.Holidays, added: list, removed: list) -> None:
    """D023: a day added that is a weekend, never a working day, or a day removed that is no
    holiday (the country's or one the block adds) or a weekend, which stays off: the working
    days the late-report penalty counts (kpidsl/days_off.py) are the same as without the line,
    so the date meant was another (a holiday moved to the Monday after, a typo of the day)."""
    for change, days in added:
        if days is not None and all(day.weekday() >= 5 for day in _each_day(days)):
            ck.report("D023", change.date.span or change.span, change="add", change_th="เพิ่ม",
                      date=days_said(days), reason=phrase("holiday-added-on-a-weekend"))
    if not any(days for _, days in removed):
        return
    off = {day for _, days in added if days is not None for day in _each_day(days)}
    if block.country is not None and block.country in _known_countries():
        years = {day.year for _, days in removed if days is not None for day in days}
        off |= country_holidays(block.country, tuple(range(min(years), max(years) + 1)))
    for change, days in removed:
        if days is not None and not any(day.weekday() < 5 and day in off for day in _each_day(days)):
            ck.report("D023", change.date.span or change.span, change="remove", change_th="ลบ",
                      date=days_said(days), reason=phrase("holiday-removed-not-off",
                                                          country=block.country or "-"))


def _each_day(days: tuple[dt.date, dt.date]):
    return (days[0] + dt.timedelta(days=i) for i in range((days[1] - days[0]).days + 1))


def _known_countries() -> set[str]:
    """The country codes of the holidays package, read from its registry (a table of
    names) rather than from list_supported_countries(), which imports every one of its
    ~350 country modules: a quarter of a second added to every `kpidsl check`."""
    try:
        from holidays.registry import COUNTRIES

        # each entry: (class name, alpha-2 code, alpha-3 code, aliases: UK, or class names)
        codes = {code for entry in COUNTRIES.values() for code in entry[1:]
                 if isinstance(code, str) and code.isupper() and len(code) <= 3}
        if codes:
            return codes
    except (ImportError, AttributeError, TypeError):
        pass
    import holidays

    return set(holidays.list_supported_countries())


def _country(ck: Checker, block: ast.Holidays) -> None:
    """The country must be one the holidays package knows (TH for Thailand)."""
    if block.country in ("TH", "THA"):
        # Thailand, the country of every Thai rule set, is in the package's list (a test
        # says so): no need to load the package (about 50 ms) for every `kpidsl check`.
        return
    known = _known_countries()
    if block.country.upper() in known and block.country not in known:
        advice = hint("country-upper-case", code=block.country.upper())
    elif block.country not in known:
        advice = hint("thailand-is-th")
    else:
        return
    ck.report("K007", block.country_span or block.span, word=block.country, what=phrase("country-code"),
              choices="TH, …", **advice)
