"""A report dated before its round: seed 002 ข้อ 1.5.2 gives each SAR round the period its report
covers and the date it is due by ("รอบ 12 เดือน (1 ตุลาคม 2553 – 30 กันยายน 2554) … ภายใน 31
ตุลาคม 2554"), so the report of a round with a due date is sent once the period has ended; a
round without one (an individual's evaluation round, seed 001, evaluated in its last weeks) takes
a date from its start on. Earlier is no report of the round but a mistyped date (Q058). The one
rule, read by every reader of results rows (kpidsl/score/results/agreement_rows.py) and by the
SQL engine, which leaves such a row to them (kpidsl/sql/compiler.py)."""

from __future__ import annotations

import datetime as dt

from .plan.model import Round


def earliest(rnd: Round) -> tuple[dt.date, str] | None:
    """The first day a report of ``rnd`` may be dated, and which end of its period that is
    (``start``, ``end``); None for a round without a period."""
    if rnd.period is None:
        return None
    if rnd.due is not None:
        return rnd.period.end, "end"
    return rnd.period.start, "start"


def too_early(rnd: Round, day: dt.date) -> tuple[dt.date, str] | None:
    """The end of its period (day, ``start`` or ``end``) a report of ``rnd`` dated ``day`` is
    before, or None when the date may be the report's."""
    first = earliest(rnd)
    if first is None or day >= first[0]:
        return None
    start = rnd.period.start
    return (start, "start") if day < start else first
