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


def earliest(rnd: Round) -> dt.date | None:
    """The first day a report of ``rnd`` may be dated (its period's end, or for a round without a
    due date its start); None for a round without a period."""
    if rnd.period is None:
        return None
    return rnd.period.end if rnd.due is not None else rnd.period.start


def too_early(rnd: Round, day: dt.date) -> tuple[dt.date, bool] | None:
    """The end of its period a report of ``rnd`` dated ``day`` is before, and whether that is its
    start (else its end: a round with a due date, the report dated within its period), or None
    when the date may be the report's."""
    first = earliest(rnd)
    if first is None or day >= first:
        return None
    if day < rnd.period.start:
        return rnd.period.start, True
    return rnd.period.end, False
