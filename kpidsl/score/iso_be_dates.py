"""A results cell's ISO date written with a Buddhist-era year (`2554-11-03`, `25541103`): a
spreadsheet set to the Thai calendar shows a date so, and saves it so in a CSV. An ISO date's
year is the Common Era's, and none of the years a rule file may name (MIN_YEAR to MAX_YEAR, BE)
is one a report was sent in CE: read as written, 2554-11-03 is 543 years late (a late-report
penalty of 7000.3000 where seed 002 charges 0.1500), a step done in time a late one. Such a cell
is no date to the results reader (kpidsl/score/results/cells.py parse_date) and is told (Q063)
with the day it means."""

from __future__ import annotations

import datetime as dt
import re

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from ..thai import BE_OFFSET, format_date, MAX_YEAR, MIN_YEAR

# the ISO forms date.fromisoformat reads a year-month-day in: extended and basic
_ISO_DAY = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})")


def written_be(text: str) -> bool:
    """Whether ``text`` (stripped) is in an ISO form with a Buddhist-era year, whatever its day."""
    found = _ISO_DAY.fullmatch(text.strip())
    return found is not None and MIN_YEAR <= int(found.group(1)) <= MAX_YEAR


def iso_be_date(text: str) -> dt.date | None:
    """The day an ISO date with a Buddhist-era year means (`2555-02-29` → 2012-02-29, though
    2555 CE has no 29 February); None for any other text, and for no such day."""
    if not written_be(text):
        return None
    year, month, day = (int(part) for part in _ISO_DAY.fullmatch(text.strip()).groups())
    try:
        return dt.date(year - BE_OFFSET, month, day)
    except ValueError:
        return None


def be_year_told(text: str, span: Span) -> Diagnostic | None:
    """Q063 at ``span`` when ``text`` is an ISO date with a Buddhist-era year, else None."""
    day = iso_be_date(text)
    if day is None:
        return None
    return CODES["Q063"].at(span, text=text.strip(), year=text.strip()[:4], iso=day.isoformat(),
                            thai=format_date(day))
