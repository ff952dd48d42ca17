"""Reading results files: what each organisation or person achieved.

CSV — one row per evaluation, a header naming the columns:

    agreement,person,round,submitted,raise,5,7,8:X1,8:Y1,11:survey,10:score

``agreement`` names the agreement (it may be left out when ``--agreement`` is
given); ``person``, ``round``, ``submitted`` (the date the report was sent),
``raise`` (the raise % decided) are optional. Every other column is an
indicator id, alone for its usual figure (a ladder's result, a milestone's
steps done, an owner's score) or ``id:field`` for a formula input, a part's
score, or ``id:score`` to give a score directly. Field names may be Thai
(ผล, ขั้นที่ผ่าน, คะแนน). Numbers may use Thai digits, 1,000 separators and %.
For the seeds' rules (docs/scoring.md, rules 3, 12 and 14): a milestone's steps listed (``7:steps`` = ``1 2 3 5``)
or one column per step (``7:1`` … with a date or a mark, step_cells.py); ``population``
(ประชากร, sample_size.py); ``salary``, ``grade``, ``group`` (เงินเดือน, ระดับตำแหน่ง,
กลุ่มวงเงิน: the raise base and the raise pool, pool.py).

JSON — one object, or a list of them:

    {"agreement": "dept_example_2555", "round": "1", "submitted": "2011-11-03",
     "results": {"5": 78, "7": {"steps": 3}, "8": {"X1": 90, "Y1": 100}}}

Every problem is a located diagnostic (file, line, column); nothing is scored
from a file that has one. A CSV file is read line by line (memory flat in its rows);
a JSON file is read whole, so it is held to a smaller size (MAX_JSON_BYTES) and its
nesting depth is looked at before it is parsed (MAX_JSON_DEPTH); a key written twice
in one object is an error, since which one is meant cannot be known.

The package, each module reading only those before it: cells.py (what a column and a cell
mean, the checks of one cell), agreement_rows.py (the checks of a row that depend on its
agreement), reader.py (a reading and a row's record, located problems), header.py,
fast_rows.py (the batch's row path), csv_input.py, json_input.py, located.py (workbooks).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Iterable, Iterator

from ...diagnostics.model import Diagnostic
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...plan.model import Plan
from ...regular_file import NotRegular, open_regular, open_results
from ...results_layout import RESULTS_SUFFIXES, WORKBOOK_SUFFIXES
from ...source import decode
from ..evaluate import PlanEvaluator
from ..seen_rows import confirmed, identity_key, MaybeSeenRows, PartKeys
from .cells import accepted_fields
from ...results_unreadable import cannot_read
from .csv_input import (csv_identities, decode_head, HEAD_BYTES, MAX_CSV_BYTES, read_csv_file, read_part,
                        why_unreadable)
from .fast_rows import Scored
from .json_input import MAX_JSON_BYTES, MAX_JSON_DEPTH, read_json
from .located import located_identities, read_located, told_twice
from .one_person import person_key
from .reader import OthersRow, Part, Reader, ReadingAt, Record


__all__ = ["MAX_CSV_BYTES", "MAX_JSON_BYTES", "MAX_JSON_DEPTH", "WORKBOOK_SUFFIXES", "OthersRow", "Part", "ReadingAt", "Record",
           "Scored", "accepted_fields", "collect", "confirm_twice", "given_twice", "read_results", "results_files",
           "results_folder",
           "results_header"]


def read_results(path: Path, plan: "dict | Plan", agreement: str | None = None, round_: str | None = None,
                 evaluators: PlanEvaluator | None = None, *, per_row: bool = False, seen: str = "exact",
                 at: ReadingAt | None = None, part: Part | None = None, keys: PartKeys | None = None,
                 defaults_only: bool = False, renamed: dict[str, str] | None = None,
                 folder: Path | None = None, person: str | None = None) -> Iterator:
    """Records and diagnostics, in file order; with ``evaluators`` (a PlanEvaluator of
    ``plan``), the CSV rows that need no word are evaluated as they are read: their
    Evaluations come instead of their records. A wrong column is told once, at its header;
    with ``per_row``, in every row it spoils (`diff --rescore` tells each row's fate).
    ``seen``: how a CSV's rows given twice are told — "exact" (SeenRows: at the row),
    "maybe" (MaybeSeenRows: memory flat in the rows; told at the end, ``at.late``). ``at``
    follows the reading (ReadingAt). ``part``: only those rows of a CSV file, whose head
    kpidsl/score/parts.py has read, their keys kept in ``keys`` (the whole file is checked
    by the process that made the parts).
    ``agreement`` and ``round_`` say what the results are for: a cell naming another is told
    (Q031, Q032); with ``defaults_only`` they are only those of rows without one (Reader).
    ``renamed``: old agreement id → its id in ``plan`` (Reader.also_named). ``folder``: the
    results folder named, ``path`` one of its entries (results_folder), each opening of it
    beneath the folder (kpidsl/regular_file.py open_beneath). ``person`` (`--person`): each
    other person's row's problems come as one OthersRow, counted, not told (record_of)."""
    reader = Reader(plan, path, agreement, round_, defaults_only)
    reader.folder = folder
    reader.pick = person_key(person) if person is not None else None
    reader.per_row = per_row
    if renamed:
        reader.also_named(renamed)
    if at is not None:
        reader.at = at
    if part is not None:
        yield from read_part(reader, part, evaluators, PartKeys() if keys is None else keys)
        return
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from ...xlsx.results import located_rows  # the optional extra `xlsx`: score checks it is there

        if seen != "maybe":
            yield from read_located(reader, located_rows(path, folder))
            return
        # As a CSV's: the rows' keys kept flat in the rows (a workbook of 256 MB unpacked may
        # hold millions: SeenRows took 16 bytes a slot, benchmarks/bench_seen_rows.py), a row
        # given twice confirmed by reading the workbook again, only when one may be.
        reader.seen_rows = maybe = MaybeSeenRows()
        yield from read_located(reader, located_rows(path, folder))
        if maybe.suspects:
            again = Reader(plan, path, agreement, round_, defaults_only)
            again.folder = folder
            if renamed:
                again.also_named(renamed)
            yield from told_twice(reader, maybe.confirm(located_identities(again, located_rows(path, folder),
                                                                           maybe.key)))
        return
    try:
        with reader.open() as f:  # a FIFO is not waited on: opened without waiting, told what it is
            size = os.fstat(f.fileno()).st_size
            head = f.read(HEAD_BYTES)
            text, diags = decode_head(reader, head, size)
            if text is None:
                yield from diags
                return
            if not text.strip() and len(head) == size:
                yield CODES["Q025"].at(Span.whole_file(reader.shown))
                return
            kind = "JSON" if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")) else "CSV"
            limit = MAX_JSON_BYTES if kind == "JSON" else MAX_CSV_BYTES
            if size > limit:
                yield CODES["Q016"].at(reader.span(1), size=f"{size / 1048576:.1f}", kind=kind,
                                       limit=f"{limit / 1048576:g}")
                return
            f.seek(0)
            if kind == "JSON":  # read whole: its rows given twice are told exactly (SeenRows)
                text, diags = decode(f.read(limit + 1), reader.shown)
                if text is None:
                    yield from diags
                    return
                yield from read_json(reader, text)
                return
            if seen == "maybe":
                reader.seen_rows = MaybeSeenRows()
            yield from read_csv_file(reader, f, evaluators)
    except (OSError, NotRegular) as e:
        yield cannot_read(reader.shown, e)


def confirm_twice(path: Path, plan: "dict | Plan", agreement: str | None, round_: str | None, keys: set[int],
                  lines: set[int] | None, folder: Path | None = None) -> list[tuple[int, int, tuple]]:
    """The rows of a CSV file given twice among the suspects of its MaybeSeenRows (``keys``
    and ``lines``, as seen_rows.confirmed takes them), as (line, first line, identity): the
    second pass of read_results(seen="maybe"), for a file whose parts were read apart
    (kpidsl/score/parts.py: in a worker, whose hash made the keys). A file that cannot be
    read to its end gives none (its reader tells why and stops there). ``folder``: as read_results."""
    reader = Reader(plan, path, agreement, round_)
    try:
        with open_results(path, folder) as f:
            return confirmed(keys, lines, csv_identities(reader, f, identity_key))
    except (OSError, NotRegular, UnicodeDecodeError, csv.Error):
        return []


def given_twice(path: Path, plan: "dict | Plan", twice: list[tuple[int, int, tuple]]) -> list[tuple[int, Diagnostic]]:
    """Q006 at each row of confirm_twice's (line, first line, identity), with its line
    (Reader.given_twice)."""
    reader = Reader(plan, path, None, None)
    return [(line, reader.given_twice(line, first, tuple(identity))) for line, first, identity in twice]


def results_header(path: Path, plan: "dict | Plan") -> tuple[list[str] | None, list[Diagnostic]]:
    """The column names of a CSV results file: its first line, decoded as read_results
    decodes it (a byte-order mark dropped, UTF-16 and the old Thai encoding told), or
    None and why it cannot be read (`kpidsl sql --columns-from`)."""
    reader = Reader(plan, path, None, None)
    try:
        with open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            text, diags = decode_head(reader, f.read(HEAD_BYTES), size)
    except (OSError, NotRegular) as e:
        return None, [CODES["Q008"].at(Span.whole_file(reader.shown), reason=why_unreadable(e), hint="", hint_th="")]
    if text is None:
        return None, diags
    text = text.lstrip("\ufeff")  # a mark decode left (a file saved with two): nothing after it is empty too
    if not text.strip():
        return None, [CODES["Q025"].at(Span.whole_file(reader.shown))]
    try:
        # the first record, as read_csv reads it: a quoted cell may hold a line end
        return next(csv.reader(io.StringIO(text))), []
    except csv.Error as e:
        return None, [CODES["Q008"].at(reader.span(1), reason=why_unreadable(e), hint="", hint_th="")]


# Read by kpidsl/xlsx (an .xls is told to be saved as .xlsx there).


def results_files(path: Path) -> list[Path]:
    """The results files of a folder (CSV, JSON, workbooks), or the one file named. The
    lock file Excel keeps beside an open workbook (`~$name.xlsx`) is not one. A FIFO or a
    link out of the folder so named is listed, for the command to tell (kpidsl/cli/common.py
    require_results: never waited on, nor followed: results_folder)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix.lower() in RESULTS_SUFFIXES and not p.is_dir()
                      and not p.name.startswith("~$"))
    return [path]


def results_folder(path: Path) -> Path | None:
    """The folder of results named, whose entries (results_files) are each opened beneath it
    (kpidsl/regular_file.py open_beneath: on a shared drive, anyone's link to someone's key
    or /etc/passwd, whose lines the messages would quote, is refused, however late it is
    made); None for a file named, opened as it is, a link followed."""
    return path if path.is_dir() else None


def collect(items: Iterable[Record | Diagnostic]) -> tuple[list[Record], list[Diagnostic]]:
    records, diags = [], []
    for item in items:
        (diags if isinstance(item, Diagnostic) else records).append(item)
    return records, diags
