"""Reading dates as staff write them.

A DATE token (see grammar/kpi.lark) is read into a ``DateParts``: what the text
says, with the year possibly missing. ``resolve`` turns it into the first and
last calendar day it covers, taking a missing year from the fiscal year
(ต.ค.–ธ.ค. belong to the year before the fiscal year's number).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from ..bilingual import Bi
from ..diagnostics.phrases import phrase
from ..thai import BE_OFFSET, MONTH_BY_NAME, be_year, to_arabic

_DIGIT = r"[0-9\u0E50-\u0E59]"
_MONTH = "|".join(sorted((re.escape(m) for m in MONTH_BY_NAME), key=len, reverse=True))
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SP = r"[ \t\u00A0\u200B]"
_THAI = re.compile(
    rf"^(?:(?P<week>สัปดาห์ที่){_SP}*(?P<w1>{_DIGIT})(?:{_SP}*[-–]{_SP}*(?P<w2>{_DIGIT}))?{_SP}*(?:ของ)?{_SP}*"
    rf"|(?:วันที่{_SP}*)?(?P<d1>{_DIGIT}{{1,2}})(?:{_SP}*[-–]{_SP}*(?P<d2>{_DIGIT}{{1,2}}))?{_SP}*)?"
    rf"(?:เดือน{_SP}*)?(?P<month>{_MONTH})\.?"
    rf"(?:{_SP}*(?:พ\.ศ\.{_SP}*)?(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}}))?$"
)


@attrs.frozen
class DateParts:
    """What a date token says. Years are Buddhist era unless ``iso``."""

    month: int
    year: int | None = None  # BE (or CE when iso)
    day: int | None = None  # None: the whole month
    day_end: int | None = None  # "15-30 พ.ย." and weeks
    iso: bool = False
    to_month_end: bool = False  # the fourth or fifth week runs to the month's end

    @property
    def has_year(self) -> bool:
        return self.year is not None


class DateError(ValueError):
    """A date that cannot exist; ``reason`` (a phrase, kpidsl/diagnostics/phrases.py) says why."""

    def __init__(self, reason: Bi):
        super().__init__(reason.en)
        self.reason = reason
        self.reason_en = reason.en
        self.reason_th = reason.th


def read(text: str) -> DateParts:
    """Read a DATE token. Raises DateError for text the grammar let through but
    that is not a date (the grammar only fixes the shape)."""
    iso = _ISO.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return DateParts(month=month, year=year, day=day, iso=True)
    m = _THAI.match(text.strip(" \t\u00a0\u200b"))
    if not m:
        raise DateError(phrase("unrecognised-date"))
    month_name = m.group("month")
    month = MONTH_BY_NAME.get(month_name) or MONTH_BY_NAME[month_name + "."]
    year = be_year(m.group("year")) if m.group("year") else None
    if m.group("week"):
        w1 = int(to_arabic(m.group("w1")))
        w2 = int(to_arabic(m.group("w2") or m.group("w1")))
        if not 1 <= w1 <= w2 <= 5:
            raise DateError(phrase("weeks-of-a-month", first=w1, last=w2))
        # Week k of a month is days 7k−6 … 7k; the last week runs to month end.
        return DateParts(month=month, year=year, day=7 * w1 - 6, day_end=7 * w2, to_month_end=w2 >= 4)
    day = int(to_arabic(m.group("d1"))) if m.group("d1") else None
    day_end = int(to_arabic(m.group("d2"))) if m.group("d2") else None
    return DateParts(month=month, year=year, day=day, day_end=day_end)


def _ce(parts: DateParts, fiscal_year: int | None) -> int | None:
    if parts.iso:
        return parts.year
    if parts.year is not None:
        return parts.year - BE_OFFSET
    if fiscal_year is None:
        return None
    ce = fiscal_year - BE_OFFSET
    return ce - 1 if parts.month >= 10 else ce


def resolve(parts: DateParts, fiscal_year: int | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day the text covers, or None when the year is
    missing and no fiscal year is known. Raises DateError for impossible days."""
    year = _ce(parts, fiscal_year)
    if year is None:
        return None
    if not 1 <= year <= 9999 or not 1 <= parts.month <= 12:
        raise DateError(phrase("no-such-month-or-year"))
    last_day = calendar.monthrange(year, parts.month)[1]
    if parts.day is None:
        return dt.date(year, parts.month, 1), dt.date(year, parts.month, last_day)
    end = parts.day_end if parts.day_end is not None else parts.day
    if parts.to_month_end:
        end = last_day
    for d in (parts.day, end):
        if not 1 <= d <= last_day:
            # the year in the era the text wrote it in: 2011-02-30's month is of 2011, not 2554
            said = year if parts.iso else year + BE_OFFSET
            raise DateError(phrase("days-in-month", month=parts.month, year=said, days=last_day))
    if end < parts.day:
        raise DateError(phrase("day-before-day", end=end, start=parts.day))
    return dt.date(year, parts.month, parts.day), dt.date(year, parts.month, end)


def resolve_range(start: DateParts, end: DateParts | None, fiscal_year: int | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a date or a range of dates. The start of a range
    written without a year ("มิถุนายน – สิงหาคม 2554") takes the end's year."""
    first = resolve(start, fiscal_year)
    last = resolve(end, fiscal_year) if end is not None else first
    if end is not None and first is None and last is not None and start.year is None:
        first = resolve(attrs.evolve(start, year=end.year, iso=end.iso), fiscal_year)
    if first is None or last is None:
        return None
    return first[0], last[1]


# A day, month and year written inside free text (a title, a note, a condition):
# "ภายในวันที่ 29 กุมภาพันธ์ 2555", "(1 ตุลาคม 2553 – 31 มีนาคม 2554)". The end of a span of
# days ("15-30 พ.ย. 54") is not a date of its own.
_IN_TEXT_DAY = (
    rf"(?P<within>ภายใน{_SP}*)?(?:วันที่{_SP}*)?(?<!{_DIGIT})(?P<day>{_DIGIT}{{1,2}}){_SP}*"
    rf"(?:เดือน{_SP}*)?(?P<month>{_MONTH})\.?"
)
_IN_TEXT_YEAR = rf"{_SP}*(?:พ\.ศ\.{_SP}*)?(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})"
_IN_TEXT = re.compile(_IN_TEXT_DAY + _IN_TEXT_YEAR)
# What comes before a day that ends a span of days: "15-" (not a year, "ต.ค.2552-31 มี.ค.").
_SPAN_START = re.compile(rf"(?<!{_DIGIT}){_DIGIT}{{1,2}}[-–]$")
# The same with the year left out: "ของเงินเดือนที่ครองอยู่ (1 มี.ค.) รอบที่ 1" (seed 001).
_IN_TEXT_ANY_YEAR = re.compile(_IN_TEXT_DAY + f"(?:{_IN_TEXT_YEAR})?")


@attrs.frozen
class StatedDate:
    """A whole date found in free text; ``within``: written after ภายใน (a deadline)."""

    parts: DateParts
    within: bool


def dates_in_text(text: str | None, *, without_year: bool = False) -> list[StatedDate]:
    """The dates with day, month and year that ``text`` states, in order; with
    ``without_year`` also those with a day and a month only (their year unknown)."""
    found: list[StatedDate] = []
    for m in (_IN_TEXT_ANY_YEAR if without_year else _IN_TEXT).finditer(text or ""):
        # the span's start ends at the day: its three characters at most are looked at (the
        # lookbehind sees the one before), not the whole text before each date found
        day = m.start("day")
        if _SPAN_START.search(text, max(0, day - 3), day):
            continue  # "15-30 พ.ย.": the end of a span of days, not a date of its own
        month = MONTH_BY_NAME.get(m.group("month")) or MONTH_BY_NAME.get(m.group("month") + ".")
        if month is None:
            continue
        year = be_year(m.group("year")) if m.group("year") else None
        found.append(StatedDate(DateParts(month=month, year=year, day=int(to_arabic(m.group("day")))),
                                bool(m.group("within"))))
    return found
