"""Figures, dates and ladders as a Thai office writes them on a form.

Everything here returns plain text (Arabic digits); the template environments
turn digits into Thai ones when asked (kpidsl/forms/env.py), so that a form is
written once for both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from ..plan.model import Dates, Expr, Ladder, Period, Threshold
from ..score.formula import render as render_formula
from ..score.numbers import D, plain, quantize
from ..syntax.keywords import spell
from ..thai import BE_OFFSET, MONTHS, format_date, to_arabic

DASH = "–"

# An indicator number as the seeds write them (5, 1.1, 1.1.2). An id made of letters
# (p4, ag1, c1, achievement) is a name in a rule file that the form's reader does not
# know: forms show such an indicator by its title alone.
NUMBERED = re.compile(r"[0-9๐-๙]+(?:\.[0-9๐-๙]+)*")


def kpi_number(ident: str | None) -> str:
    """``ident`` when it is an indicator number, else ``""``."""
    return ident if ident and NUMBERED.fullmatch(ident) else ""


def kpi_no(ident: str | None) -> str:
    """`` 1.1`` after the word ตัวชี้วัด for a numbered indicator, nothing for a named one."""
    number = kpi_number(ident)
    return f" {number}" if number else ""


# ---- numbers --------------------------------------------------------------------------------
def figure(value: str | Decimal | None) -> str:
    """A declared figure as its author wrote it, without trailing zeros: 20, 0.6, 87.5."""
    if value is None or value == "":
        return ""
    return plain(D(value))


def fixed(value: Decimal | None, decimals: int, rounding: str = "half_up") -> str:
    """A computed figure at the published number of decimals: 3.5282, 70.8000."""
    if value is None:
        return ""
    return f"{quantize(value, decimals, rounding):.{decimals}f}"


class Numbers:
    """Computed figures at a rule set's declared decimals and rounding (3.5282); blank for none."""

    def __init__(self, decimals: int, rounding: str):
        self.decimals = decimals
        self.rounding = rounding

    def __call__(self, value: Decimal | None) -> str:
        return fixed(value, self.decimals, self.rounding)

    def rounded(self, value: Decimal | None) -> bool:
        """Whether the figure shown is not the figure itself (250.8 / 70 = 3.582857… shown 3.5829):
        the rule set rounds once, at the total (docs/scoring.md rules 4, 7), so a product printed
        beside such a figure is of the figure before rounding, not of the one shown."""
        return value is not None and D(value) != D(self(value))


# The declared roundings in the words a form says them: the rule file's own keywords (a form had
# said "ปัดครึ่งเป็นคู่" for the keyword ปัดครึ่งคู่, a word no rule file can hold).
ROUNDING_TH = {name: spell(name, "th") for name in ("up", "down", "half_up", "half_even")}


def percent(value: str | Decimal | None) -> str:
    return f"{figure(value)}%" if value not in (None, "") else ""


# ---- dates ----------------------------------------------------------------------------------
def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _month(day: dt.date, short: bool) -> str:
    full, abbr = MONTHS[day.month - 1]
    return abbr if short else full


def thai_date(day: dt.date | str | None, short: bool = False) -> str:
    """A date (or its ISO text ``2011-10-31``) → ``31 ตุลาคม 2554`` (``31 ต.ค. 2554`` when short)."""
    if not day:
        return ""
    return format_date(_day(day) if isinstance(day, str) else day, short=short)


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


_WEEKS = re.compile(r"สัปดาห์ที่\s*(?P<w1>[0-9๐-๙])(?:\s*[-–]\s*(?P<w2>[0-9๐-๙]))?")



def span_of(dates: Dates | Period | None, short: bool = True) -> str:
    """A resolved date or range of the typed plan (or a fiscal year's Period) as staff write
    it: ``31 ต.ค. 2554``, ``15–30 พ.ย. 2554``, ``ก.ย. 2554``, ``มิ.ย. – ส.ค. 2554``,
    ``1 ต.ค. 2553 – 31 มี.ค. 2554``."""
    if not dates:
        return ""
    return _span(dates.start, dates.end, dates.text if isinstance(dates, Dates) else None, short)


def _span(start: dt.date, end: dt.date, text: str | None, short: bool) -> str:
    y1, y2 = start.year + BE_OFFSET, end.year + BE_OFFSET
    week = _WEEKS.match(text or "")
    if week:
        # Weeks of a month stay weeks, as the source writes them (seed 001: "สัปดาห์ที่ 1-2
        # ของ มี.ค."); the days they resolve to are for the chart, not for the reader.
        weeks = to_arabic(week["w1"] + (f"{DASH}{week['w2']}" if week["w2"] else ""))
        return f"สัปดาห์ที่ {weeks} ของ {_month(end, short)} {y2}"
    if start == end:
        return thai_date(start.isoformat(), short)
    if _whole_months(start, end):
        if (start.year, start.month) == (end.year, end.month):
            return f"{_month(start, short)} {y1}"
        if start.year == end.year:
            return f"{_month(start, short)} {DASH} {_month(end, short)} {y2}"
        return f"{_month(start, short)} {y1} {DASH} {_month(end, short)} {y2}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{end.day} {_month(end, short)} {y2}"
    if start.year == end.year:
        return f"{start.day} {_month(start, short)} {DASH} {end.day} {_month(end, short)} {y2}"
    return f"{thai_date(start.isoformat(), short)} {DASH} {thai_date(end.isoformat(), short)}"


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from the month of ``first`` to the month of ``last``."""
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_label(year: int, month: int) -> str:
    return MONTHS[month - 1][1]


# ---- ladders and formulas -------------------------------------------------------------------
_OP_WORDS = {"<=": "{} หรือน้อยกว่า", ">=": "{} หรือมากกว่า", "<": "น้อยกว่า {}", ">": "มากกว่า {}"}


def threshold(t: Threshold) -> str:
    """One level of a ladder: ``65``, ``65 หรือน้อยกว่า``, ``มากกว่า 35``."""
    value = figure(t.value)
    return _OP_WORDS[t.op].format(value) if t.op in _OP_WORDS else value


def ladder_cells(ladder: Ladder | None) -> list[str] | None:
    """The five levels of a ladder (of the plan, or as a form's view holds it — view.py's
    LadderView, which this module does not import: anything with its ``thresholds``), None unless it has five."""
    if ladder is None or len(ladder.thresholds) != 5:
        return None
    return [threshold(t) for t in ladder.thresholds]


_FUNCTIONS_TH = {"mean": "เฉลี่ย", "sum": "ผลรวม", "min": "ต่ำสุด", "max": "สูงสุด"}


def formula(expr: Expr | None) -> str:
    """A formula of the plan in Thai: ``เฉลี่ย(X1 / Y1, …) × 100``."""
    if expr is None:
        return ""
    text = render_formula(expr.to_json())  # kpidsl/score/formula.py renders the plan's JSON form
    return re.sub(r"\b(mean|sum|min|max)\(", lambda m: _FUNCTIONS_TH[m.group(1)] + "(", text)
