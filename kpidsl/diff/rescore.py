"""What the same results score under OLD and under NEW.

Each results file is read twice, once against each plan, so a column that only
one side knows (an indicator removed in NEW) is that side's problem for that row
alone: the row is listed with the reason it could not be scored there, and every
other row is still compared. Rows are paired by file and line (a workbook's rows by
sheet and row: its problems are at their cells, `book.xlsx › sheet!F12`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

from ..diagnostics.cli_texts import said
from ..diagnostics.model import Diagnostic
from ..diagnostics.span import SHEET_MARK, Span
from ..score.engine import Report, score_agreement
from ..score.numbers import fixed, plain
from ..score.results import Record, read_results, results_files


@attrs.frozen
class Side:
    """One row scored under one rule set, or why it could not be."""

    total: Decimal | None = None  # published: after any late penalty, rounded as the policy says
    decimals: int = 4
    band: str | None = None
    band_title: str | None = None
    raise_range: str | None = None
    amount: Decimal | None = None
    error: str | None = None

    @property
    def scored(self) -> bool:
        return self.error is None and self.total is not None

    def as_dict(self) -> dict:
        return {"total": None if self.total is None else fixed(self.total, self.decimals),
                "band": self.band, "band_title": self.band_title, "raise": self.raise_range,
                "amount": None if self.amount is None else plain(self.amount), "error": self.error}


@attrs.frozen
class Row:
    where: str  # results file:line
    agreement: str | None
    person: str | None
    round: str | None
    old: Side
    new: Side

    @property
    def delta(self) -> Decimal | None:
        if self.old.scored and self.new.scored:
            return self.new.total - self.old.total
        return None

    def as_dict(self) -> dict:
        delta = self.delta
        places = max(self.old.decimals, self.new.decimals)
        return {"row": self.where, "agreement": self.agreement, "person": self.person, "round": self.round,
                "old": self.old.as_dict(), "new": self.new.as_dict(),
                "change": None if delta is None else _signed(delta, places)}


def _signed(value: Decimal, decimals: int) -> str:
    text = fixed(value, decimals)
    return text if value == 0 or text.startswith("-") else f"+{text}"


def _side(plan: dict, record: Record, lang: str) -> Side:
    report: Report = score_agreement(plan, record.agreement, record.inputs)
    if report.missing:
        what = "; ".join(report.missing)
        return Side(error=said("diff-missing", lang, what=what))
    if report.problems:
        return Side(error="; ".join(p.message_th if lang == "th" else p.message_en for p in report.problems))
    if report.final is None:
        return Side(error=said("diff-no-total", lang))
    rng = None
    if report.raise_range:
        lo, hi = report.raise_range
        rng = f"{plain(lo)}–{plain(hi)}%"
        if report.raise_percent is not None:
            rng += f" ({plain(report.raise_percent)}%)"
    band = report.band
    return Side(report.final, report.decimals, band.id if band else None, band.title if band else None, rng,
                report.amount)


def _problem(diags: list[Diagnostic], lang: str) -> Side:
    said = []
    for d in diags:
        at = "" if not d.span else f"{d.span.path}: " if SHEET_MARK in d.span.path else \
            f"{d.span.path}:{d.span.line}:{d.span.column}: "
        said.append(f"{at}{d.message(lang)}")
    return Side(error="; ".join(said))


def _row_key(span: Span) -> tuple[str, int]:
    """The file (a workbook's sheet, `book.xlsx › sheet`) and line a place is in."""
    if SHEET_MARK in span.path:
        sheet, bang, cell = span.path.rpartition("!")
        if bang and cell[:1].isalpha():
            return sheet, span.line
    return span.path, span.line


def _row_name(key: tuple[str, int]) -> str:
    """A row as its messages name places: `file:12`, or a sheet's row by its first cell."""
    if not key[1]:
        return key[0]
    return f"{key[0]}!A{key[1]}" if SHEET_MARK in key[0] else f"{key[0]}:{key[1]}"


@attrs.frozen
class _Scored:
    """A row read and scored under one plan: what the review shows of it, without the
    record (its cells and their places, some 20 kB a row: 100,000 rows held two ways
    took 2 GB)."""

    agreement: str
    person: str | None
    round: str | None
    side: Side


def _read(path: Path, plan: dict, agreement: str | None,
          lang: str) -> dict[tuple[str, int], _Scored | list[Diagnostic]]:
    rows: dict[tuple[str, int], _Scored | list[Diagnostic]] = {}
    # each row with its own problems; --agreement is that of the files without one (kpidsl diff --help)
    for item in read_results(path, plan, agreement, per_row=True, defaults_only=True):
        span = item.span
        key = _row_key(span) if span else (str(path), 0)
        if isinstance(item, Diagnostic):
            found = rows.setdefault(key, [])
            if isinstance(found, list):
                found.append(item)
        else:  # scored as it is read: the record goes at once
            rows[key] = _Scored(item.agreement, item.person, item.round, _side(plan, item, lang))
    return rows


def rescore(old_plan: dict, new_plan: dict, results: Path, agreement: str | None = None,
            lang: str = "en") -> list[Row]:
    """Every row of ``results`` (a file or a folder) scored under both plans, the largest
    change of total first; rows that one side cannot score follow, in file order."""
    rows: list[Row] = []
    for path in results_files(results):
        old, new = _read(path, old_plan, agreement, lang), _read(path, new_plan, agreement, lang)
        for key in sorted(set(old) | set(new), key=lambda k: k[1]):
            o, n = old.pop(key, None), new.pop(key, None)
            read = o if isinstance(o, _Scored) else n if isinstance(n, _Scored) else None
            sides = [item.side if isinstance(item, _Scored) else _problem(item or [], lang) for item in (o, n)]
            rows.append(Row(_row_name(key), read.agreement if read else None, read.person if read else None,
                            read.round if read else None, sides[0], sides[1]))
    order = {id(r): k for k, r in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.delta is None, -abs(r.delta) if r.delta is not None else 0, order[id(r)]))
