"""What the same results score under OLD and under NEW.

Each results file is read twice, once against each plan, so a column that only
one side knows (an indicator removed in NEW) is that side's problem for that row
alone: the row is listed with the reason it could not be scored there, and every
other row is still compared. Rows are paired by file and line (a workbook's rows by
sheet and row: its problems are at their cells, `book.xlsx › sheet!F12`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain, groupby
from pathlib import Path

import attrs

from ..bilingual import Bi
from ..diagnostics.cli_texts import said
from ..diagnostics.registry import CODES
from ..diagnostics.model import Diagnostic
from ..results_unreadable import stopped_reading
from ..diagnostics.span import SHEET_MARK, Span
from ..score.engine import Report, score_agreement
from ..score.numbers import fixed, plain
from ..raise_words import is_none, raise_range_text
from ..score.results import ReadingAt, Record, read_results, results_files, results_folder
from ..sorted_spill import Sorted, SpillFolder


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
    # The raise typed does not fit the band this rule set gives (Q059): (where its cell is,
    # message, hint). The total and band still count; no amount is worked out from it.
    raise_problem: tuple[str, str, str] | None = None

    @property
    def scored(self) -> bool:
        return self.error is None and self.total is not None

    def as_dict(self) -> dict:
        flag = self.raise_problem
        return {"total": None if self.total is None else fixed(self.total, self.decimals),
                "band": self.band, "band_title": self.band_title, "raise": self.raise_range,
                "amount": None if self.amount is None else plain(self.amount), "error": self.error,
                "raise_problem": None if flag is None else
                {"code": RAISE_MISFIT.code, "at": flag[0], "message": flag[1], "hint": flag[2]}}


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


RAISE_MISFIT = CODES["Q059"]


def _side(plan: dict, record: Record, lang: str, name: str = "") -> Side:
    """``name``: the rule set's, as the review labels its side (the raise's flag says it)."""
    report: Report = score_agreement(plan, record.agreement, record.inputs)
    if report.missing:
        what = "; ".join(report.missing)
        return Side(error=said("diff-missing", lang, what=what))
    # a raise that fits another band than this rule set gives (a weight change moved the row)
    # does not make the row unscorable: its total and band are this rule set's, the raise flagged
    misfit = [p for p in report.problems if p.code == "Q023"]
    if len(misfit) < len(report.problems):
        return Side(error="; ".join(p.message_th if lang == "th" else p.message_en for p in report.problems))
    if report.final is None:
        return Side(error=said("diff-no-total", lang))
    rng = None
    if report.raise_range:
        lo, hi = report.raise_range
        rng = raise_range_text(lo, hi, lang, plain)
        if report.raise_percent is not None and not is_none(lo, hi):
            rng += f" ({plain(report.raise_percent)}%)"
    band = report.band
    flag = _raise_flag(misfit[0], record, report, name, lang) if misfit else None
    return Side(report.final, report.decimals, band.id if band else None, band.title if band else None, rng,
                None if flag else report.amount, raise_problem=flag)


def _raise_flag(problem, record: Record, report: Report, name: str, lang: str) -> tuple[str, str, str]:
    """Q059 at the raise's cell: where, the message and the hint in ``lang``."""
    lo, hi = report.raise_range
    source = problem.source
    rule = f"{name}/{source['path']}:{source['line']}" if source else name
    d = RAISE_MISFIT.at(record.cell_span("raise"), rules=name, rule=rule, percent=problem.fields["percent"],
                        band=problem.fields["band"], band_th=problem.fields["band_th"],
                        range=Bi(raise_range_text(lo, hi, "en", plain), raise_range_text(lo, hi, "th", plain)))
    return _place(d), f"{d.code} {d.severity}: {d.message(lang)}", d.hint(lang)


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


class UnreadResults(Exception):
    """A results file that could not be read on (kpidsl/results_unreadable.py: gone, or made
    a link out of its folder once the command had checked it): trouble with the file, told
    by the command (exit 2), never a row of the review."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message_en)
        self.diagnostic = diagnostic


def _read(path: Path, plan: dict, agreement: str | None, lang: str, index: int, side: int,
          renamed: dict[str, str] | None = None, folder: Path | None = None, name: str = "") -> Iterator[tuple]:
    """Each item of one reading of ``path``, in file order, as the pairing sorts it:
    ``(file index, line, place, side, ("s", scored) | ("d" | "t", problem's text))``; the record
    goes at once, scored as it is read. ``renamed``: old agreement id → its id in ``plan``;
    ``folder``: the results folder named, ``path`` an entry of it (read_results).

    The rows seen are kept as `score` keeps them (seen="maybe": memory flat in the rows,
    benchmarks/bench_results_seen_rows.py): a row given twice is scored as it is read, and its
    Q006 told once the file is read (late) is "t", which unscores its row (_side_of), as
    when it was told at once; the pairing's sort puts it in its row's place."""
    # each row with its own problems; --agreement is that of the files without one (kpidsl diff --help)
    at = ReadingAt()
    for item in read_results(path, plan, agreement, per_row=True, defaults_only=True, renamed=renamed,
                             folder=folder, seen="maybe", at=at):
        span = item.span
        place, line = _row_key(span) if span else (str(path), 0)
        if isinstance(item, Diagnostic):
            if stopped_reading(item):
                raise UnreadResults(item)
            yield index, line, place, side, ("t" if at.late else "d", _problem_text(item, lang))
        else:
            yield index, line, place, side, ("s", _Scored(item.agreement, item.person, item.round,
                                                          _side(plan, item, lang, name)))


def _place(d: Diagnostic) -> str:
    """Where a diagnostic is, as kpidsl's messages name it (a workbook's cell, or file:line:column)."""
    return "" if not d.span else d.span.path if SHEET_MARK in d.span.path else \
        f"{d.span.path}:{d.span.line}:{d.span.column}"


def _problem_text(d: Diagnostic, lang: str) -> str:
    at = _place(d)
    return f"{at}: {d.message(lang)}" if at else d.message(lang)


def _pair_key(item: tuple) -> tuple:
    """A results file's rows in the order of their lines (a workbook's sheets' rows of one
    line in the order of the sheets' names), each row's items the old side's first."""
    return item[:4]


def _encode_item(item: tuple) -> list:
    kind, what = item[4]
    if kind == "s":
        what = [what.agreement, what.person, what.round, _encode_side(what.side)]
    return [*item[:4], kind, what]


def _decode_item(value: list) -> tuple:
    index, line, place, side, kind, what = value
    if kind == "s":
        what = _Scored(what[0], what[1], what[2], _decode_side(what[3]))
    return index, line, place, side, (kind, what)


def _encode_side(side: Side) -> list:
    return [None if side.total is None else str(side.total), side.decimals, side.band, side.band_title,
            side.raise_range, None if side.amount is None else str(side.amount), side.error,
            None if side.raise_problem is None else list(side.raise_problem)]


def _decode_side(value: list) -> Side:
    total, decimals, band, band_title, raise_range, amount, error, flag = value
    return Side(None if total is None else Decimal(total), decimals, band, band_title, raise_range,
                None if amount is None else Decimal(amount), error, None if flag is None else tuple(flag))


def _encode_row(item: tuple[int, Row]) -> list:
    order, r = item
    return [order, r.where, r.agreement, r.person, r.round, _encode_side(r.old), _encode_side(r.new)]


def _decode_row(value: list) -> tuple[int, Row]:
    order, where, agreement, person, rnd, old, new = value
    return order, Row(where, agreement, person, rnd, _decode_side(old), _decode_side(new))


def _review_key(item: tuple[int, Row]) -> tuple:
    """The largest change of total first; rows one side cannot score after, in file order."""
    order, r = item
    delta = r.delta
    return delta is None, -abs(delta) if delta is not None else 0, order


def _side_of(items: list, lang: str) -> _Scored | Side:
    """One side of a row from its items: the row as scored if it was (the last reading of it)
    and not found given twice since ("t", _read), else its problems in the order told."""
    scored = [what for kind, what in items if kind == "s"]
    if scored and not any(kind == "t" for kind, _ in items):
        return scored[-1]
    return Side(error="; ".join(what for kind, what in items if kind != "s"))


def _rows(old_plan: dict, new_plan: dict, results: Path, agreement: str | None, lang: str,
          folder: SpillFolder | None, renamed: dict[str, str] | None = None,
          names: tuple[str, str] = ("", "")) -> Iterator[tuple[int, Row]]:
    """Every row of ``results`` with both sides, in file order, numbered."""
    order = 0
    beneath = results_folder(results)
    for index, path in enumerate(results_files(results)):
        items = Sorted(chain(_read(path, old_plan, agreement, lang, index, 0, folder=beneath, name=names[0]),
                             _read(path, new_plan, agreement, lang, index, 1, renamed, beneath, names[1])),
                       _pair_key, _encode_item, _decode_item, folder)
        for (_, line, place), row in groupby(items, key=lambda item: item[:3]):
            sides: list[list] = [[], []]
            for item in row:
                sides[item[3]].append(item[4])
            o, n = (_side_of(s, lang) for s in sides)
            read = o if isinstance(o, _Scored) else n if isinstance(n, _Scored) else None
            yield order, Row(_row_name((place, line)), read.agreement if read else None,
                             read.person if read else None, read.round if read else None,
                             o.side if isinstance(o, _Scored) else o, n.side if isinstance(n, _Scored) else n)
            order += 1
        items.discard()


class Review:
    """The rows of a rescore in the review's order, read as often as a renderer asks (from
    the sorted runs on disk when there were many: kpidsl/sorted_spill.py), with their counts."""

    def __init__(self, rows: Sorted) -> None:
        self._rows = rows
        self.scored = self.changed = self.neither = self.raise_neither = 0
        for _, r in rows:  # one reading: the counts the summary line and the exit status need
            if r.delta is not None:
                self.scored += 1
                self.changed += r.delta != 0 or r.old.band != r.new.band or r.old.raise_range != r.new.raise_range
                # a raise neither rule set's band allows is the officer's typing, not the change
                self.raise_neither += r.old.raise_problem is not None and r.new.raise_problem is not None
            elif not r.old.scored and not r.new.scored:
                self.neither += 1

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Row]:
        return (r for _, r in self._rows)


def rescore(old_plan: dict, new_plan: dict, results: Path, agreement: str | None = None,
            lang: str = "en", folder: SpillFolder | None = None, renamed: dict[str, str] | None = None,
            names: tuple[str, str] = ("", "")) -> Review:
    """Every row of ``results`` (a file or a folder) scored under both plans, the largest
    change of total first; rows that one side cannot score follow, in file order. With
    ``folder``, what is sorted waits there (memory flat in the rows), else in memory.
    ``renamed``: each agreement id of OLD that NEW renamed (the diff's agreement-renamed), so
    that a row naming the old id is scored under NEW's agreement too. ``names``: OLD's and NEW's
    as the review labels them (a raise's flag, Q059, says which rule set and where its band is)."""
    return Review(Sorted(_rows(old_plan, new_plan, results, agreement, lang, folder, renamed, names), _review_key,
                         _encode_row, _decode_row, folder))
