"""What every checker pass shares: the rule set, the report, and small helpers
for walking indicator trees, naming nodes and resolving dates."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Iterable, Iterator

import attrs

from ..diagnostics.hints import guess_hint, hint
from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import Span
from ..guesses import Guesses
from ..syntax import ast
from ..syntax.dates import DateError, resolve_range
from ..syntax.keywords import BY_CANONICAL
from ..thai import MAX_YEAR, MIN_YEAR
from ..thai import fiscal_year_bounds
from ..written_dates import day_said, days_said
from .ruleset import RuleSet


def num(value: Decimal | int | None) -> str:
    """A figure as a person writes it: 20, 87.5, 0.05 (never 2E+1)."""
    if value is None:
        return "?"
    if isinstance(value, int):
        return str(value)
    # Normalised at the figure's own precision: the default 28 digits would round
    # 99.99…9 (30 digits) to 100 and make the message untrue.
    exact = decimal.Context(prec=max(28, len(value.as_tuple().digits)))
    return f"{value.normalize(exact):f}"


EXACT = decimal.Context(prec=60)


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of rule figures without rounding (at most 15 + 15 digits each,
    kpidsl/syntax/limits.py, so 60 digits hold any sum of them)."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total


def named(kind: str, ident: str) -> Bi:
    """How a declaration or node is named in messages: "kpi `5`" / "ตัวชี้วัด `5`"."""
    # every kind named is a keyword's canonical spelling (the declarations', and a node's: NODE_KINDS)
    return phrase("the-node", kind=Bi(kind, BY_CANONICAL[kind].th[0]), id=ident)


def node_name(node: ast.Node) -> Bi:
    return named(node.kind, node.id)


@attrs.frozen
class Located:
    node: ast.Node
    parent: ast.Node | None


def walk(nodes: Iterable[ast.Node], parent: ast.Node | None = None) -> Iterator[Located]:
    for node in nodes:
        yield Located(node, parent)
        yield from walk(node.children, node)


@attrs.define
class Checker:
    rs: RuleSet
    diags: list[Diagnostic] = attrs.Factory(list)
    guesses: Guesses = attrs.Factory(Guesses)  # the check's budget of comparisons (kpidsl/guesses.py)
    # (path, line) of the header of each block that lost a line to a syntax error (followons.lost_headers)
    lost_in: frozenset[tuple[str, int]] = frozenset()

    def lost_a_line(self, node) -> bool:
        """Whether the block ``node`` opens (a framework's, an agreement's, an indicator's)
        directly held a line a syntax error dropped: a sum over its children is then short
        of that line's, and told after the syntax error is fixed."""
        if node is None:
            return False
        return any(s is not None and (s.path, s.line) in self.lost_in
                   for s in (getattr(node, "id_span", None), node.span))

    def did_you_mean(self, word: str, candidates: Iterable[str]) -> dict[str, str]:
        """The hint 'did you mean …' for an unknown id, within the check's budget."""
        return guess_hint(self.guesses.closest(word, list(candidates)))

    def report(self, code: str, span: Span | None, **args) -> None:
        self.diags.append(CODES[code].at(span, **args))

    def report_with(self, code: str, span: Span | None, severity: str, **args) -> None:
        self.diags.append(CODES[code].at(span, severity=severity, **args))

    # ---- dates -------------------------------------------------------------------------
    def dates(self, ref: ast.DateRef | None, fiscal_year: int | None) -> tuple[dt.date, dt.date] | None:
        """The first and last day ``ref`` covers, reporting what is wrong with it."""
        if ref is None or not ref.valid:
            return None
        try:
            days = resolve_range(ref.start, ref.end, fiscal_year)
        except DateError as e:
            self.report("D001", ref.span, text=ref.text, reason=e.reason)
            return None
        if days is None:
            self.report("D006", ref.span, text=ref.text)
            return None
        if days[1] < days[0]:
            self.report("D005", ref.span, start=day_said(days[0]), end=day_said(days[1]))
            return None
        return days

    def within_reach(self, ref: ast.DateRef | None, fiscal_year: int | None,
                     strict: bool = True) -> tuple[dt.date, dt.date] | None:
        """Resolve and require the dates to lie in the fiscal year (``strict``;
        D010), or outside it only when written so (``outside_year``; D011 when it
        is not); a date years away is a typo (D002) either way. Periods, which
        have their own check (D003), and examples' results pass ``strict=False``."""
        days = self.dates(ref, fiscal_year)
        # a year outside the range is reported as it is read (K013; D007 for a Christian-era year that becomes one)
        if days is None or fiscal_year is None or not MIN_YEAR <= fiscal_year <= MAX_YEAR:
            return days
        start, end = fiscal_year_bounds(fiscal_year)
        lo = start.replace(year=start.year - 1)
        hi = end.replace(year=end.year + 1)
        shown = days_said(days)
        if days[0] < lo or days[1] > hi:
            self.report("D002", ref.span, date=shown, year=fiscal_year, start=day_said(start),
                        end=day_said(end), **_year_hint(ref, fiscal_year))
            return None
        if strict:
            outside = days[0] < start or days[1] > end
            if outside and not ref.outside_year:
                self.report("D010", ref.span, date=shown, year=fiscal_year, start=day_said(start),
                            end=day_said(end), text=ref.text)
            elif ref.outside_year and not outside:
                self.report("D011", ref.span, date=shown, year=fiscal_year)
        return days


def _year_hint(ref: ast.DateRef, fiscal_year: int) -> dict[str, str]:
    year = ref.start.year
    if year is not None and not ref.start.iso and year < 2400:
        return hint("christian-era-year", year=year, be=year + 543)
    # the reach within_reach allows, a year either side of the fiscal year: in CE for the English reader
    start, end = fiscal_year_bounds(fiscal_year)
    return hint("fiscal-year-dates", year=fiscal_year, first=fiscal_year - 2, last=fiscal_year + 1,
                first_ce=start.replace(year=start.year - 1).isoformat(), last_ce=end.replace(year=end.year + 1).isoformat())


def frameworks_using_calendar(rs: RuleSet, calendar_id: str) -> list[ast.Framework]:
    return [f for f in rs.frameworks.values() if any(r.id == calendar_id for r in f.calendars)]


def frameworks_using_bands(rs: RuleSet, bands_id: str) -> list[ast.Framework]:
    return [f for f in rs.frameworks.values() if f.bands and f.bands.id == bands_id]
