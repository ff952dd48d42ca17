"""A results file's header: each column's meaning (split_header, kpidsl/results_columns.py), where each cell of a
raw CSV line starts, what is wrong with a header as a whole, the header expected."""

from __future__ import annotations

import re

from ...diagnostics.hints import hint
from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import SHEET_MARK, Span
from ...plan.model import Plan
from ...results_columns import split_header
from ...results_layout import long_layout_column
from .cells import accepted_fields
from .reader import Reader


# The most columns a results file's header may have: a spreadsheet's (16,384, column XFD),
# so a table a person keeps in one always fits. A header past it is told once (Q029) and
# no row is read: each unknown column would otherwise be a diagnostic and a "did you
# mean" lookup of its own (10⁶ of them took 220 s and 1.4 GB).
MAX_COLUMNS = 16_384


def field_columns(line: str) -> list[int]:
    """1-based start column of each CSV field in a raw line."""
    return [column for _, column in field_places(line)]


# What field_places stops at: a quote, a comma, a line end. Everything else is skipped in
# one step of the regular-expression engine, so a long cell costs no Python step per character.
_MARKS = re.compile(r'[",\r\n]')


def field_places(record: str, upto: int | None = None) -> list[tuple[int, int]]:
    """Where each CSV field of a raw record starts: (its line within the record, 0 for the
    first; its 1-based column). A record runs over several lines when a quoted cell holds a
    line end (Alt+Enter in a spreadsheet's cell). With ``upto``, the places of fields 0 to
    ``upto`` only: a row of a million empty cells is told at the first one too many, without
    a place for each of the others."""
    places = [(0, 1)]
    quoted = False
    line = start = 0  # the line within the record, and where it starts in ``record``
    for mark in _MARKS.finditer(record):
        ch, i = mark.group(), mark.start()
        if ch == '"':
            quoted = not quoted
        elif ch == ",":
            if not quoted:
                if upto is not None and len(places) > upto:
                    break
                places.append((line, i + 2 - start))
        elif ch == "\n" or record[i + 1:i + 2] != "\n":  # LF, CR LF or a CR alone
            line, start = line + 1, i + 1
    return places


def line_ends(text: str) -> int:
    """The line ends in ``text`` as the results reader splits lines: LF, CR LF, a CR alone."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def line_ends_in_bytes(data: bytes) -> int:
    """``line_ends`` of a file's bytes (UTF-8: a CR or a LF is never part of a character);
    a CR ending ``data`` is one, whatever follows it."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def field_start(line: str, index: int) -> int:
    """1-based start column of CSV field ``index`` (from 0) of a raw line; 1 when the line
    has fewer fields. Stops there (field_columns lists every field's)."""
    if index == 0:
        return 1
    quoted = False
    count = 0
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            count += 1
            if count == index:
                return i + 2
    return 1


def too_many_columns(reader: Reader, header: list[str], line: str) -> Diagnostic | None:
    """Q029 at the first column past MAX_COLUMNS of a CSV header (``line``: its raw text),
    None for a header within the limit."""
    if len(header) <= MAX_COLUMNS:
        return None
    return CODES["Q029"].at(reader.span(1, field_start(line, MAX_COLUMNS), len(header[MAX_COLUMNS])),
                            count=f"{len(header):,}", limit=f"{MAX_COLUMNS:,}")


def header_problems(reader: Reader, header: list[str], spans: list[Span]) -> list[Diagnostic]:
    """What is wrong with a header as a whole: a column named twice (Q006), a table with a
    row per indicator (Q050, which shows the header expected). Each column's place is kept
    in ``reader`` for the problems its cells may have."""
    layout = long_layout_column(header)
    if layout is not None:
        ident = reader.default_agreement or next(iter(reader.agreements), "")
        return [CODES["Q050"].at(spans[layout], column=header[layout].strip(),
                                 expected=expected_header(reader.plan, ident))]
    whole = separated_otherwise(header, spans) or agreement_missing(reader, header, spans)
    if whole is not None:
        return [whole]
    diags = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        key = h.strip()
        # a blank header names no column (Excel saves the empty columns a person once
        # formatted as `,,,`): any number of them, each cell under one still told if filled
        if key in seen and key:
            first = spans[seen[key]]
            cell = first.path.rpartition(SHEET_MARK)[2] if SHEET_MARK in first.path else None
            diags.append(CODES["Q006"].at(spans[i], what=phrase("column", column=key),
                                          first=phrase("as-code", text=cell) if cell else reader.first_at(first.line)))
        seen.setdefault(key, i)
        reader.header_spans.setdefault(key, spans[i])
    return diags


# What a header cell holding several names is split by: Excel saves a CSV with `;` between its
# cells where the list separator is set so, and a "text" export with tabs. No column's name
# holds either (an id is a name of the rule files; a field one of its words).
_OTHER_SEPARATORS = (";", "\t")

# The header problems after which no row is read: every row would be told the same.
NO_ROWS_READ = frozenset({"Q050", "Q064", "Q065"})


def separated_otherwise(header: list[str], spans: list[Span]) -> Diagnostic | None:
    """Q065 at the first header cell holding two names or more separated by `;` or a tab: the
    file's cells are, and each row is one cell too (with --agreement each row was told
    `agreement … has no indicator `agreement;round;p1…``, without it Q001 at every row)."""
    for i, h in enumerate(header):
        for separator in _OTHER_SEPARATORS:
            if sum(1 for part in h.split(separator) if part.strip()) >= 2:
                return CODES["Q065"].at(spans[i], separator="`\\t`" if separator == "\t" else f"`{separator}`")
    return None


def agreement_missing(reader: Reader, header: list[str], spans: list[Span]) -> Diagnostic | None:
    """Q064 when no column names the agreement (`agreement`, `คำรับรอง`) and --agreement gives
    none: no row can say whose it is, and each was Q001 at its own first cell. At a column
    headed `Agreement`, saying so; else at the header's first cell with the header expected
    (a title line above the header reads so)."""
    if reader.default_agreement or any(split_header(h)[0] == "agreement" for h in header):
        return None
    for i, h in enumerate(header):
        if split_header(h.casefold())[0] == "agreement":
            return CODES["Q064"].at(spans[i], **hint("header-agreement-spelled", column=h.strip()))
    return CODES["Q064"].at(spans[0], **hint("header-agreement-column", expected=expected_header(reader.plan, "")))


def expected_header(plan: Plan, agreement: str, most: int = 8) -> str:
    """The results-file header of ``agreement``, as `kpidsl workbook` writes it: `agreement`,
    the round, then its indicators' columns (the first ``most`` of them)."""
    if not agreement:
        return "`agreement,round,…`"
    columns: list[str] = []
    for node_id, node in accepted_fields(plan.agreement(agreement)).items():
        if node.scoring == "formula":
            columns += [f"{node_id}:{f}" for f in node.fields if f != "score"]
        elif node.scoring == "composite":
            columns += [f"{node_id}:{f}" for f in node.fields if f != "score"]
        elif node.default:
            columns.append(node_id)
    more = ",…" if len(columns) > most else ""
    return f"`agreement,round,{','.join(columns[:most])}{more}` ({agreement})"
