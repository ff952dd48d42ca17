"""The checks of a results row that depend on its agreement alone (AgreementRows)."""

from __future__ import annotations

import datetime as dt

from ...plan.model import Agreement
from ...early_reports import too_early
from .cells import parse_date, round_given


# One reading of "no round" (seeds 001, 002: every evaluation is of a round, twice a year for a
# person, at 6, 9 and 12 months for a province): an agreement naming none may be evaluated in any
# of its framework's rounds, and its row names which (kpidsl/check/milestones.py M003 holds its
# steps to the last of them). What is per round cannot be read for a row naming none: a late
# report's penalty (Q055) and, where no pool serves every round, the raise pool (Q056). The
# readers of rows and the SQL engine's query (kpidsl/sql/query.py) ask these two alike.
def penalised_rounds(agreement: Agreement) -> tuple[str, ...]:
    """The rounds whose late report is penalised, when the agreement names no round of its own."""
    if agreement.round_id:
        return ()
    return tuple(r.id for r in agreement.framework.rounds if r.late_penalty is not None)


def pooled_rounds(agreement: Agreement) -> tuple[str, ...]:
    """The rounds the raise pools are for, when the agreement names no round of its own and no
    pool serves every round (kpidsl/score/pool.py pool_rule)."""
    salary = agreement.framework.salary
    pools = salary.pools if salary is not None else ()
    if agreement.round_id or any(p.round is None for p in pools):
        return ()
    return tuple(p.round for p in pools)


class AgreementRows:
    """The checks of a row that depend on its agreement alone, written once for every
    reader of rows (build(), the row path FastRows, a workbook's, a JSON record's): the
    rounds it may be scored in, the dates of its fiscal year. Each distinct text is read
    once (a batch's cells repeat), up to TEXTS_KEPT texts."""

    __slots__ = ("id", "agreement", "framework", "rounds", "fiscal_year", "dates", "round_texts", "said_round",
                 "penalised", "pooled")

    TEXTS_KEPT = 10_000

    def __init__(self, agreement: Agreement, said_round: str | None = None):
        self.id = agreement.id
        # --round as the reader holds a round cell to it (Reader.said_round): a cell naming
        # another round is the reader's to tell (Q032), so not known here.
        self.said_round = said_round
        self.agreement = agreement
        self.framework = framework = agreement.framework
        fixed = agreement.round_id
        self.rounds = frozenset(r.id for r in framework.rounds if not fixed or r.id == fixed)
        self.penalised = penalised_rounds(agreement)  # Q055
        self.pooled = pooled_rounds(agreement)  # Q056
        self.fiscal_year = agreement.fiscal_year
        self.dates: dict[str, dt.date | None] = {}
        self.round_texts: dict[str, str | None] = {}

    def round_known(self, rnd: str | None) -> bool:
        """Whether a row may name ``rnd`` (None, no round: always)."""
        return rnd is None or rnd in self.rounds

    def contradicts(self, text: str, rnd: str | None) -> bool:
        """Whether a round cell (``text``, read as ``rnd``) names another round than --round."""
        return self.said_round is not None and rnd != self.said_round and bool(text.strip())

    def date(self, text: str) -> dt.date | None:
        """A non-blank cell as a date (parse_date in the agreement's fiscal year), or None."""
        day = self.dates.get(text, UNREAD)
        if day is UNREAD:
            day = parse_date(text, self.fiscal_year)
            if len(self.dates) < self.TEXTS_KEPT:
                self.dates[text] = day
        return day

    def early(self, day: dt.date | None, rnd: str | None) -> tuple[dt.date, str] | None:
        """The end of the round (``rnd``, else the agreement's) a report dated ``day`` is before
        (kpidsl/early_reports.py): a mistyped date, Q058; None when it may be the round's."""
        if day is None:
            return None
        found = self.framework.rounds_by_id.get(rnd or self.agreement.round_id)
        return None if found is None else too_early(found, day)

    def round_of(self, rnd: str | None):
        """The round a row is scored in (``rnd``, else the agreement's), or None."""
        return self.framework.rounds_by_id.get(rnd or self.agreement.round_id)

    def known_round(self, text: str, default: str | None) -> str | None | bool:
        """The round a cell names (round_given) when the agreement may be scored in it and
        --round does not say another (said_round), else False."""
        rnd = self.round_texts.get(text, UNREAD)
        if rnd is UNREAD:
            rnd = round_given(text, default)
            if not self.round_known(rnd) or self.contradicts(text, rnd):
                rnd = False
            if len(self.round_texts) < self.TEXTS_KEPT:
                self.round_texts[text] = rnd
        return rnd


UNREAD = object()  # a text not read yet (None is a reading: blank, or not a date)
