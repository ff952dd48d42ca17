"""Dates agree with what the seed's own words, copied into the file, say about them
(D014–D020, R004).

A seed states most deadlines twice — in a table and in a sentence (seed 003
slide 32: "ระดับคะแนนที่ 1–3 … ภายในวันที่ 29 กุมภาพันธ์ 2555"; slide 53: "ส่งแบบฟอร์ม…
ภายใน 31 ม.ค. 55") — and rule files copy both: the date into ``due``, the sentence
into a condition or a note. A due date that none of its own deadline sentences
states is a typo in one of the two (D014).

Reporting rounds are whole months (seed 001: 1 ต.ค.–31 มี.ค. and 1 เม.ย.–30 ก.ย.;
seed 002: SAR reports of 6, 9 and 12 months, all from 1 ต.ค.): a round that starts
on the first of a month ends on the last day of one (D015), and a round named for
its length in months ("รอบ 6 เดือน") lasts that many (D016); one whose own text states
its period runs that period (D020).

A round's salary pool is counted on a day of that round (D017), and on a day the
salary block's quoted source gives, when it quotes one (D019).

A calendar may quote its source table in a note (the seed's text as extracted):
then every day its activities give is one the quote gives (D018), and every day
the quote gives is one an activity gives (D022).

An activity may quote, in its own notes, the seed's line for its step as the seed
writes it, by day and month only, one deadline per round (seed 001 slides 44–53:
"ขั้นตอนที่ 2 : … ภายใน 20 ต.ค. ภายใน 20 เม.ย."): then each day the activity gives
falls on one of those days and months (D021).

A framework's calendar may list, under a round's own id, the activity that
reports it (seed 002 section 1.5.2 gives the SAR rounds and their due dates in
the calendar table); the two must give the same due date and, when the
activity's title states the period, the same period (R004).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

from ..diagnostics.phrases import phrase
from ..diagnostics.registry import Bi
from ..syntax import ast
from ..syntax.dates import DateError, StatedDate, dates_in_text, resolve
from ..thai import fiscal_year_bounds, to_arabic
from ..written_dates import day_month_said, day_said, days_said, each_day_said
from .context import Checker, frameworks_using_calendar, node_name, walk
from .milestones import milestones_of

# "รอบ 6 เดือน", "รอบ ๖ เดือน", "6-month"
_ORDINAL = re.compile(r"((?<!วัน)ที่[ \t\u00A0]*)[0-9\u0E50-\u0E59]+")
_MONTHS_IN_TITLE = re.compile(r"([0-9\u0E50-\u0E59]{1,2})[ \t\u00A0]*(?:เดือน|-?months?\b)")


def run(ck: Checker) -> None:
    rs = ck.rs
    for fw in rs.frameworks.values():
        _milestone_nodes(ck, fw.nodes, fw.fiscal_year)
        for rnd in fw.rounds:
            _whole_months(ck, rnd, fw.fiscal_year)
            _period_as_stated(ck, rnd, fw.fiscal_year)
            _as_stated(ck, rnd.due, [rnd.title] + [n.text for n in rnd.notes], fw.fiscal_year,
                       phrase("the-round", id=rnd.id))
        if fw.salary:
            _pools_in_rounds(ck, fw)
            _pools_as_quoted(ck, fw)
        for ref in fw.calendars:
            cal = rs.calendars.get(ref.id)
            if cal is not None:
                _rounds_in_calendar(ck, fw, cal)
    for agreement in rs.agreements.values():
        fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        _milestone_nodes(ck, agreement.nodes, agreement.fiscal_year or (fw.fiscal_year if fw else None))
    for cal in rs.calendars.values():
        years = {f.fiscal_year for f in frameworks_using_calendar(rs, cal.id)} - {None}
        year = cal.fiscal_year or (years.pop() if len(years) == 1 else None)
        for act in cal.activities:
            _as_stated(ck, act.due, [act.title] + [n.text for n in act.notes], year,
                       phrase("the-activity", id=act.id))
        _quoted_source(ck, cal, year)
        for act in cal.activities:
            _days_as_quoted_without_year(ck, act, year)


def _days(ref: ast.DateRef | None, year: int | None) -> tuple[dt.date, dt.date] | None:
    """The days ``ref`` covers, or None (what is wrong with a date is reported elsewhere)."""
    return ref.days(year) if ref is not None else None


def _stated(dates: list[StatedDate]) -> list[dt.date] | None:
    """The days the texts state; None when one of them is no day at all (a 29
    กุมภาพันธ์ moved by `kpidsl new-year` into a year without one): the texts
    then cannot say which deadline was meant."""
    out = []
    for d in dates:
        try:
            days = resolve(d.parts, None)
        except DateError:
            return None
        if days is not None:
            out.append(days[0])
    return out


def _as_stated(ck: Checker, due: ast.DateRef | None, texts, year: int | None, what: Bi) -> None:
    """A one-day due date is among the deadlines (ภายใน …) its own texts state, if they state any."""
    days = _days(due, year)
    if days is None or days[0] != days[1]:
        return
    stated = _stated([d for t in texts for d in dates_in_text(t) if d.within])
    if stated and days[1] not in stated:
        ck.report("D014", due.span, what=what, due=day_said(days[1]),
                  stated=each_day_said(stated))


def _milestone_nodes(ck: Checker, nodes, year: int | None) -> None:
    for loc in walk(nodes):
        node = loc.node
        around = list(node.template.conditions) + [n.text for n in node.notes]
        for ms in milestones_of(node.scoring):
            for step in ms.steps:
                name = node_name(node)
                what = phrase("step-of", step=step.number, node=name)
                _as_stated(ck, step.due, [step.text] + [n.text for n in step.notes] + around, year, what)


def _period_as_stated(ck: Checker, rnd: ast.Round, year: int | None) -> None:
    """A round whose own text states its period ("รอบการประเมินที่ 1 (1 ต.ค.2552-31 มี.ค.2553)",
    seed 004 slide 24) runs exactly that period."""
    period = _days(rnd.period, year)
    stated = _stated([d for t in [rnd.title] + [n.text for n in rnd.notes] for d in dates_in_text(t) if not d.within])
    if period and stated and len(stated) == 2 and tuple(stated) != period:
        ck.report("D020", rnd.period.span, round=rnd.id, period=days_said(period), stated=days_said(tuple(stated)))


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=_calendar.monthrange(day.year, day.month)[1])


def _whole_months(ck: Checker, rnd: ast.Round, year: int | None) -> None:
    period = _days(rnd.period, year)
    if period is None:
        return
    start, end = period
    if start.day != 1:
        return
    if year is not None:
        first, last = fiscal_year_bounds(year)
        if start < first or end > last:
            return  # D003 has said it
        if (end.year, end.month) == (last.year, last.month) and end != last:
            return  # ends in the year's last month, not on its last day: D013's to say
    if end != _month_end(end):
        ck.report("D015", rnd.period.span, round=rnd.id, start=day_said(start), end=day_said(end))
        return
    named = _MONTHS_IN_TITLE.search(rnd.title or "")
    if named:
        months = int(to_arabic(named.group(1)))
        length = (end.year - start.year) * 12 + end.month - start.month + 1
        if length != months:
            ck.report("D016", rnd.period.span, round=rnd.id, title=rnd.title, months=months,
                      start=day_said(start), end=day_said(end), length=length)


def _pools_in_rounds(ck: Checker, fw: ast.Framework) -> None:
    """A round's salary pool is counted on salaries held on a day of that round (seed 001:
    round 1, 1 ต.ค.–31 มี.ค., on 1 มี.ค.; round 2, 1 เม.ย.–30 ก.ย., on 1 ก.ย.)."""
    rounds = {r.id: r for r in fw.rounds}
    for pool in fw.salary.pools:
        rnd = rounds.get(pool.round) if pool.round else None
        on, period = _days(pool.on, fw.fiscal_year), _days(rnd.period, fw.fiscal_year) if rnd else None
        if on and period and not (period[0] <= on[0] and on[1] <= period[1]):
            ck.report("D017", pool.on.span, date=days_said(on), round=rnd.id, start=day_said(period[0]),
                      end=day_said(period[1]))


def _quoted_source(ck: Checker, cal: ast.Calendar, year: int | None) -> None:
    """A calendar whose own notes quote its source table (seed 003 slide 53 as the
    text extraction gives it) dates each activity with days that table gives: a
    day typed into an activity that the quote does not have is a transcription slip."""
    quoted = _stated([d for n in cal.notes for d in dates_in_text(n.text)])
    if not quoted:
        return
    for act in cal.activities:
        own = _stated([d for t in [act.title] + [n.text for n in act.notes] for d in dates_in_text(t)]) or []
        known = set(quoted) | set(own)
        what = phrase("the-activity", id=act.id)
        for ref in list(act.when) + ([act.due] if act.due else []):
            if not ref.valid:
                continue
            for parts in (ref.start, ref.end):
                if parts is None or parts.day is None or parts.day_end is not None:
                    continue  # a month, a span of days or a week: the quote writes those apart
                try:
                    days = resolve(parts, year)
                except DateError:
                    continue
                if days is not None and days[0] not in known:
                    ck.report("D018", ref.span, what=what, date=day_said(days[0]), calendar=cal.id)
    _quoted_days_given(ck, cal, year)


def _quoted_days_given(ck: Checker, cal: ast.Calendar, year: int | None) -> None:
    """The other way round: each day the quoted table gives is a day some activity gives (its
    first or last day). An activity moved onto a neighbour's day (seed 002 section 1.5.2:
    31 มีนาคม 2554 typed as the 30 เมษายน 2554 of the next row) is still a quoted day, so D018
    cannot see it; the day it left behind, given by no activity, can."""
    given: set[dt.date] = set()
    for act in cal.activities:
        for ref in list(act.when) + ([act.due] if act.due else []):
            days = _days(ref, year)
            if days is not None:
                given.update(days)
    for note in cal.notes:
        # "รอบที่ 2 ก.ย. 55" (seed 003 slide 53: round 2, in September) is an ordinal and a month, not
        # a day: a number after ที่ is an ordinal unless the word is วันที่ ("day number").
        for stated in dates_in_text(_ORDINAL.sub(r"\1#", note.text)):
            try:
                days = resolve(stated.parts, None)
            except DateError:
                continue
            if days is not None and days[0] == days[1] and days[0] not in given:
                ck.report("D022", note.span, date=day_said(days[0]), calendar=cal.id)


def _pools_as_quoted(ck: Checker, fw: ast.Framework) -> None:
    """A salary block whose notes quote its source (seed 001: "… ที่ครองอัตราอยู่ (1 มี.ค.)
    รอบที่ 1 …") counts each pool on a day that quote gives (a day without a year there
    is in the framework's fiscal year)."""
    quoted: set[dt.date] = set()
    for note in fw.salary.notes:
        for d in dates_in_text(note.text, without_year=True):
            try:
                days = resolve(d.parts, fw.fiscal_year)
            except DateError:
                return  # a quote naming no real day cannot say which was meant
            if days is not None:
                quoted.add(days[0])
    if not quoted:
        return
    for pool in fw.salary.pools:
        on = _days(pool.on, fw.fiscal_year)
        if on and on[0] == on[1] and on[0] not in quoted:
            ck.report("D019", pool.on.span, date=day_said(on[0]),
                      quoted=each_day_said(sorted(quoted)))


def _rounds_in_calendar(ck: Checker, fw: ast.Framework, cal: ast.Calendar) -> None:
    activities = {a.id: a for a in cal.activities}
    year = cal.fiscal_year or fw.fiscal_year
    for rnd in fw.rounds:
        act = activities.get(rnd.id)
        if act is None:
            continue
        due, act_due = _days(rnd.due, fw.fiscal_year), _days(act.due, year)
        if due and act_due and due != act_due:
            ck.report("R004", rnd.due.span, round=rnd.id, calendar=cal.id,
                      what=phrase("is-due"), date=days_said(due), other=days_said(act_due))
        period = _days(rnd.period, fw.fiscal_year)
        stated = _stated([d for d in dates_in_text(act.title) if not d.within]) or []
        if period and len(stated) == 2 and tuple(stated) != period:
            ck.report("R004", rnd.period.span, round=rnd.id, calendar=cal.id,
                      what=phrase("runs"), date=days_said(period), other=days_said(tuple(stated)))


def _days_as_quoted_without_year(ck: Checker, act: ast.Activity, year: int | None) -> None:
    """An activity whose notes quote the seed's line for its step, deadlines written by
    day and month only ("ภายใน 30 ต.ค. ภายใน 30 เม.ย.", one per round), falls due on one
    of those days and months; its year is the calendar's to say (D003 and D013). A period
    is not compared: the line gives the day a step is due, not when it starts."""
    stated = [d.parts for n in act.notes for d in dates_in_text(n.text, without_year=True)]
    if not any(p.year is None for p in stated):
        return  # a quote with years is D014's and D018's to compare
    own = [d.parts for d in dates_in_text(act.title, without_year=True)]
    known = {(p.month, p.day) for p in stated + own}
    shown = day_month_said(dict.fromkeys((p.month, p.day) for p in stated))
    what = phrase("the-activity", id=act.id)
    for ref in list(act.when) + ([act.due] if act.due else []):
        parts = ref.start
        if not ref.valid or ref.end is not None or parts is None or parts.day is None or parts.day_end is not None:
            continue  # a period, a month, a span of days or a week: the line states days, not spans
        try:
            days = resolve(parts, year)
        except DateError:
            continue
        if days is not None and (days[0].month, days[0].day) not in known:
            ck.report("D021", ref.span, what=what, date=day_said(days[0]), stated=shown)
