"""Thai conventions: digits, month names, Buddhist-era years, fiscal years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

BE_OFFSET = 543
# The fiscal years a rule file may name (Buddhist era: 1857–2257 CE): the parser reads no year
# outside them (kpidsl/syntax/lower/base.py), and a message's date before the first lies in none.
MIN_YEAR, MAX_YEAR = 2400, 2800

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"  # what to_arabic reads as 0-9 (the SQL engine too, kpidsl/sql/run.py)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# (full name, abbreviation) per month, January first.
MONTHS: tuple[tuple[str, str], ...] = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)

MONTH_BY_NAME: dict[str, int] = {}
for _i, (_full, _abbr) in enumerate(MONTHS, start=1):
    MONTH_BY_NAME[_full] = _i
    MONTH_BY_NAME[_abbr] = _i
    MONTH_BY_NAME[_abbr.rstrip(".")] = _i  # "มิ.ย" as the slides write it


def to_arabic(text: str) -> str:
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def parse_decimal(text: str) -> Decimal:
    """A number as written: Thai or Arabic digits, thousands commas allowed."""
    return Decimal(to_arabic(text).replace(",", "").replace(" ", ""))


def be_year(year_text: str) -> int:
    """A Buddhist-era year from 2 or 4 digits (``54`` → 2554)."""
    year = int(to_arabic(year_text))
    return year + 2500 if year < 100 else year


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """พ.ศ. N runs from 1 ต.ค. N−1 to 30 ก.ย. N (returned as CE dates)."""
    ce = fiscal_year_be - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def fiscal_year_of(day: dt.date) -> int:
    """The BE fiscal year a CE date falls in."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def format_date(day: dt.date, *, short: bool = True, thai_digits: bool = False) -> str:
    """``31 ต.ค. 2554`` (or ``31 ตุลาคม 2554`` with ``short=False``)."""
    full, abbr = MONTHS[day.month - 1]
    text = f"{day.day} {abbr if short else full} {day.year + BE_OFFSET}"
    return to_thai_digits(text) if thai_digits else text


def format_month(year: int, month: int, *, short: bool = True) -> str:
    full, abbr = MONTHS[month - 1]
    return f"{abbr if short else full} {year + BE_OFFSET}"
