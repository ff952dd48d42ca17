"""A CSV results file read line by line (or one Part of it, `score --jobs`): its rows
through the row path (fast_rows.py) or the reader (reader.py), in file order.

The text is split into lines at LF, CR LF and a CR alone, and handed to the csv module as
written (``newline=""``, as the csv module asks): a line end outside quotes ends a row, one
inside a quoted cell is the cell's, kept as written. Universal newlines had made a quoted
CR an LF: a workbook's name `a\rb` (`_x000D_`), written to a CSV by CsvRows
(kpidsl/outputs/cells.py), came back as another person, `a\nb`, than the workbook and a
JSON file give."""

from __future__ import annotations

import csv
import io
import re
from itertools import chain, islice
from typing import Iterable, Iterator

from ...bilingual import Bi
from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...results_columns import SEED_META, split_header
from ...results_layout import long_layout_column
from ...regular_file import NotRegular
from ...results_unreadable import cannot_read
from ...source import decode, reason, text_errors
from ..evaluate import PlanEvaluator
from ..seen_rows import MaybeSeenRows, PartKeys
from .cells import person_given, round_given
from .fast_rows import FastRows, Scored, SCORED_RUN
from .header import (field_columns, field_places, header_problems, line_ends, line_ends_in_bytes, MAX_COLUMNS,
                     NO_ROWS_READ, too_many_columns)
from .reader import Part, Reader, Record, record_of


# A CSV streams, so its limit only bounds the time a run takes; a JSON file is parsed whole.
MAX_CSV_BYTES = 1024 * 1024 * 1024
# Bytes read to tell the encoding and the format before the rest is streamed.
HEAD_BYTES = 64 * 1024
# The longest line a CSV results file may have, in bytes before its line end: a row of
# MAX_COLUMNS cells of a number or a name each is far shorter, and a header of a million
# columns (some 10 MB) is still read, to be told where it passes MAX_COLUMNS (Q029). A line
# is held six times over as it is read (the line, a run of lines joined, the csv module's
# cell buffer of 4 bytes a character, the cells): past this a line is refused as its bytes
# come (LineBounded), so memory is bounded by the limit, not by the line
# (benchmarks/bench_long_line.py).
MAX_LINE_BYTES = 16 * 1024 * 1024
# Bytes LineBounded reads at a time when not told how many.
_READ_BYTES = 64 * 1024


class LineTooLong(csv.Error):
    """A line past the limit: ``line``, its number in the text read (1: the first). A csv.Error,
    so that every reading of rows stops on it as on the csv module's own."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line} too long")
        self.line = line


class RecordTooLong(LineTooLong):
    """A record (a row whose quoted cell holds line ends, or a quote never closed) past the
    limit over its lines: ``line``, the line it begins on. Each line is bounded as it comes
    (LineBounded); its record by _Lines, which holds its lines, as the csv module holds its
    cell (up to its own field limit, set to MAX_CSV_BYTES: a gigabyte)."""


class LineBounded(io.BufferedIOBase):
    """The bytes of ``f`` (a buffered file: its read1) unchanged, and LineTooLong as soon as
    more than ``limit`` bytes have come since the last line end (LF, CR LF, a CR alone, as
    csv_input reads them). What TextIOWrapper reads through (read1): no buffer of its own,
    no copy."""

    def __init__(self, f, limit: int = MAX_LINE_BYTES) -> None:
        super().__init__()
        self.f, self.limit = f, limit
        self.run = 0  # bytes since the last line end
        self.ends = 0  # line ends before the line being read
        self.cr = False  # the last byte read was a CR: a LF after it ends no other line

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        return self._looked(self.f.read1(size if size is not None and size > 0 else _READ_BYTES))

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            return self._looked(self.f.read(size))
        return b"".join(iter(lambda: self.read1(_READ_BYTES), b""))

    def _looked(self, data: bytes) -> bytes:
        n = len(data)
        if not n:
            return data
        last = max(data.rfind(b"\n"), data.rfind(b"\r"))
        if n > self.limit:  # more than a line may hold at once (a read past the limit): line by line
            self._each_line(data)
        elif last < 0:
            self.run += n
        else:
            lf, cr = data.find(b"\n"), data.find(b"\r")
            if self.run + (min(lf, cr) if lf >= 0 and cr >= 0 else max(lf, cr)) > self.limit:
                raise LineTooLong(self.ends + 1)
            # a file of LF alone (the usual): one count, not line_ends_in_bytes' three
            self.ends += (data.count(b"\n") if cr < 0 else line_ends_in_bytes(data)) - (self.cr and data[:1] == b"\n")
            self.run = n - last - 1
        self.cr = data[-1:] == b"\r"
        if self.run > self.limit:
            raise LineTooLong(self.ends + 1)
        return data

    def _each_line(self, data: bytes) -> None:
        at = 1 if self.cr and data[:1] == b"\n" else 0  # the LF of a CR LF the last read ended in
        for end in _LINE_END.finditer(data, at):
            if self.run + end.start() - at > self.limit:
                raise LineTooLong(self.ends + 1)
            self.ends += 1
            self.run, at = 0, end.end()
        self.run += len(data) - at


_LINE_END = re.compile(rb"\r\n|\r|\n")


class _Lines:
    """The lines of a text, one at a time, keeping those given since the last ``take()``: the
    raw text of the CSV record just read (several lines when a quoted cell holds a line end),
    for its cells' places. A line with a NUL stops the reading (NotText): the csv module would
    take it for a character. A record of several lines past ``limit`` bytes in all stops it
    too (RecordTooLong, at the line it begins on: ``before``, the lines of the text before
    the first given here): memory bounded by the limit, not by a quote left open."""

    __slots__ = ("lines", "given", "before", "more", "held", "extra", "limit")

    def __init__(self, lines: Iterable[str], before: int = 0, limit: int = MAX_LINE_BYTES):
        self.lines = iter(lines)
        self.given: list[str] = []  # the record's first line (none yet: empty)
        self.before, self.limit = before, limit
        # The lines after a record's first, as bytes (None: it has one line), how many, and
        # the record's bytes: a cell's line ends of 16 MiB held as a few million str objects
        # took 65 bytes a line of 8 (benchmarks/bench_long_line.py, csv-lines).
        self.more: bytearray | None = None
        self.held = self.extra = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if "\x00" in line:
            raise NotText("NUL")
        given = self.given
        if not given:  # a record's first line: the usual, and the only one
            given.append(line)
            return line
        more = self.more
        if more is None:
            more = self.more = bytearray()
            self.held = len(given[0].encode("utf-8", "surrogatepass"))
        data = line.encode("utf-8", "surrogatepass")
        more += data
        self.held += len(data)
        self.extra += 1
        if self.held > self.limit:
            raise RecordTooLong(self.before + 1)
        return line

    def take(self) -> str:
        """The raw text of the record just read (the lines given since the last take)."""
        given, self.given = self.given, []
        if not given:
            return ""
        self.before += 1
        if self.more is None:
            return given[0]
        more, self.more = self.more, None
        self.before += self.extra
        self.held = self.extra = 0
        return given[0] + more.decode("utf-8", "surrogatepass")


def read_csv(reader: Reader, text: str | Iterable[str], evaluators: PlanEvaluator | None = None) -> Iterator:
    """Records and diagnostics, row by row, from a text or its lines. With ``evaluators`` (a
    kpidsl.score.evaluate.PlanEvaluator of the plan), the rows that need no word are
    evaluated on the spot and come out, a run of them at a time, as a ``Scored`` list of
    Evaluations; any other row is read as always. The order is kept."""
    lines = _Lines(io.StringIO(text, newline="") if isinstance(text, str) else text)
    rows = csv.reader(lines)
    # A cell is held to the digits a number may have and the file to MAX_CSV_BYTES, not to
    # the csv module's own field limit (which would stop the reading without a location).
    if csv.field_size_limit() < MAX_CSV_BYTES:
        csv.field_size_limit(MAX_CSV_BYTES)
    try:
        header = next(rows)
    except StopIteration:
        yield CODES["Q025"].at(reader.span(1))
        return
    reader.at.line = 1
    header_text = lines.take().rstrip("\r\n")
    too_many = too_many_columns(reader, header, header_text)
    if too_many is not None:
        if reader.part is None or reader.part.start == reader.part.header_end:
            yield too_many  # told once, by the part that starts the file
        return
    columns = field_columns(header_text)
    parsed = [split_header(h) for h in header]
    problems = header_problems(reader, header, [reader.span(1, columns[i] if i < len(columns) else 1, len(h))
                                                for i, h in enumerate(header)])
    if reader.part is None or reader.part.start == reader.part.header_end:
        yield from problems  # told once, by the part that starts the file
    if any(d.code in NO_ROWS_READ for d in problems):
        return
    clean = not problems
    yield from read_rows(reader, header, parsed, rows, lines, evaluators, clean)
    seen = reader.seen_rows
    if isinstance(seen, MaybeSeenRows) and seen.suspects:
        # The keys the filter may have met before: a second pass over the file says which
        # were, and where first. They come last, marked late, in the order of their lines.
        reader.at.late = True
        with reader.open() as f:
            twice = seen.confirm(csv_identities(reader, f, seen.key))
        for line, first, identity in twice:
            reader.at.line = line
            yield reader.told_late_twice(line, first, identity)


def read_rows(reader: Reader, header: list[str], parsed: list, rows, lines: "_Lines",
               evaluators: PlanEvaluator | None, clean: bool) -> Iterator:
    at, shift = reader.at, reader.shift
    # The seeds' columns (SEED_META, a step per column) are read by the reader and evaluated
    # with a trace (kpidsl/score/batch.py), not by the row path.
    if any(name in SEED_META or (field.isdigit() and not name) for name, _, field in parsed):
        evaluators = None
    layout = RowLayout(header, parsed)
    if evaluators is None or not clean:
        for row in rows:
            at.line = line = rows.line_num + shift
            yield from read_row(reader, layout, row, line, lines.take())
        return
    fast = FastRows(reader, parsed, evaluators)
    # Rows are taken SCORED_RUN lines at a time: evaluated together when they all can be
    # (FastRows.rows), else one by one, in file order either way. A run of lines with no
    # quote, NUL or carriage return is a run of rows, a row a line (csv's excel dialect
    # starts a new record at each line end outside quotes, and every CR ends a line: the
    # module docstring): it is read by one csv.reader
    # call over the list, each row's line counted from the run's first. Any other run goes
    # through ``rows`` line by line (_rows_of), as the whole file once did.
    after, count = lines.lines, rows.line_num  # the lines after the header, the lines read so far
    source = after
    while True:
        block: list[str] = []
        try:
            # in C; the lines read stay in the block when one stops the reading (list.extend
            # keeps what it took before the error: tests/test_score_row_runs.py)
            block.extend(islice(source, SCORED_RUN))
        except (UnicodeDecodeError, csv.Error) as stopped:
            # the lines read, then the line that stops the reading, where csv.reader meets it
            counted = _Lines(chain(block, _raising(stopped)), count)
            yield from _rows_of(reader, layout, fast, csv.reader(counted), counted, count + shift)
            raise
        if not block:
            return
        joined = "".join(block)
        parsed_block = None
        if '"' not in joined and "\x00" not in joined:
            try:
                parsed_block = list(csv.reader(block))
            except csv.Error:  # the run is whole (no quote): read line by line, it is told there
                source = chain(block, source)
        else:
            source = chain(block, source)
        if parsed_block is None:
            counted = _Lines(source, count)
            taken = csv.reader(counted)
            yield from _rows_of(reader, layout, fast, taken, counted, count + shift, len(block))
            count += taken.line_num
            source = after  # the run's lines all read (and any a quoted cell ran on into)
            continue
        first = count + shift + 1
        count += len(block)
        yield from _taken(reader, layout, fast, parsed_block, list(range(first, first + len(block))), block)


def _raising(error: Exception) -> Iterator[str]:
    """No line: ``error`` where the next line would be."""
    raise error
    yield  # a generator


def _rows_of(reader: Reader, layout: "RowLayout", fast: FastRows, rows, lines, before: int,
             upto: int | None = None) -> Iterator:
    """The rows of ``rows`` (a csv.reader over ``lines``; ``before``: the file's line before
    its first) taken as one run, up to the first row that ends at or past line ``upto`` of
    the reader's own (a quoted cell may run on past it), all of them when None. A line that
    stops the reading stops it after the rows before it are taken."""
    batch: list[list[str]] = []
    numbers: list[int] = []
    raws: list[str] = []
    try:
        for row in rows:
            batch.append(row)
            numbers.append(rows.line_num + before)
            raws.append(lines.take())
            if upto is not None and rows.line_num >= upto:
                break
    except (UnicodeDecodeError, csv.Error, NotText):
        yield from _taken(reader, layout, fast, batch, numbers, raws)  # the rows before the line that stops it
        raise
    yield from _taken(reader, layout, fast, batch, numbers, raws)


def _taken(reader: Reader, layout: "RowLayout", fast: FastRows, batch: list, numbers: list, raws: list) -> Iterator:
    """A run of rows: one Scored when FastRows.rows takes them all; else each row by
    FastRows.row, or the reader when the row path cannot take it."""
    if not batch:
        return
    scored = fast.rows(batch, numbers)
    if scored is not None:
        yield scored
        return
    scored = Scored()
    one, at = fast.row, reader.at
    for row, line, raw in zip(batch, numbers, raws):
        figures = one(row, line)
        if figures is not None:
            scored.append(figures)
            continue
        if scored:
            yield scored
            scored = Scored()
        at.line = line
        yield from read_row(reader, layout, row, line, raw)
    if scored:
        yield scored


def csv_identities(reader: Reader, f, key_of) -> Iterator[tuple[int, int, tuple]]:
    """(key, line, (agreement, person, round)) of each row of a CSV file (binary ``f``) that
    the reader keys (``Reader.build``: a known agreement, given or by --agreement; the
    last column of a name; --round by default; not a row whose cell names another agreement
    or round than --agreement or --round, which is no evaluation), read again on its own for
    MaybeSeenRows (``key_of``: its key, MaybeSeenRows.key)."""
    text = io.TextIOWrapper(f, encoding="utf-8-sig", newline="")
    try:
        rows = csv.reader(text)
        header = next(rows, None)
        if header is None or long_layout_column(header) is not None or len(header) > MAX_COLUMNS:
            return  # no row is read under a header of a row per indicator (Q050), or too wide (Q029)
        names = {name: i for i, (name, _, _) in enumerate(split_header(h) for h in header) if name}
        agreement_col, person_col, round_col = names.get("agreement"), names.get("person"), names.get("round")
        agreements, default_agreement, default_round = reader.agreements, reader.default_agreement, reader.round

        def cell(row: list[str], col: int | None) -> str:
            return row[col] if col is not None and col < len(row) else ""

        for row in rows:
            if not any(map(str.strip, row)):  # a blank row (the loop in C)
                continue
            given = cell(row, agreement_col).strip()
            if reader.names_another_agreement(given):
                continue
            ident = given or default_agreement
            if not ident or ident not in agreements:
                continue
            person = person_given(cell(row, person_col))
            round_cell = cell(row, round_col)
            rnd = round_given(round_cell, default_round)
            if reader.rows_of(agreements[ident]).contradicts(round_cell, rnd):
                continue
            yield key_of(ident, person, rnd), rows.line_num, (ident, person, rnd)
    finally:
        text.detach()


class RowLayout:
    """Where a CSV row's cells go, worked out once from its header: ``metas``, (index, meta
    name); ``values``, (index, header as shown, node id, field); ``count``, the columns."""

    __slots__ = ("count", "metas", "values")

    def __init__(self, header: list[str], parsed: list[tuple[str | None, str, str]]):
        self.count = len(parsed)
        self.metas = [(i, name) for i, (name, _, _) in enumerate(parsed) if name]
        self.values = [(i, header[i].strip(), node_id, field) for i, (name, node_id, field) in enumerate(parsed)
                       if not name]


def read_row(reader: Reader, layout: RowLayout, row: list[str], line: int, raw: str) -> Iterator[Record | Diagnostic]:
    """One CSV row (``raw``: its text, several lines when a quoted cell holds a line end;
    ``line``: its last line, which the row is known by): its record, or what is wrong with it.
    A cell's place is its column index: its Span (the cell's line and column found from
    ``raw``) is made only when a problem is told there."""
    if not any(map(str.strip, row)):  # a blank row (every cell blank)
        return
    places: list[tuple[int, int]] | None = None
    first = line - line_ends(raw.rstrip("\r\n"))  # the record's first line

    def place(i: int) -> tuple[int, int]:
        nonlocal places
        if places is None:
            # the header's cells and the one past them (Q026's) at most: a row may have a
            # million cells, and no problem is told past that one
            places = field_places(raw.rstrip("\r\n"), layout.count)
        if i >= len(places):
            return line, 1
        within, column = places[i]
        return first + within, column

    def span_of(i: int) -> Span:
        return reader.span(*place(i), len(row[i]) if i < len(row) else 0)

    given = len(row)
    before = ()
    if given > layout.count:
        before = (CODES["Q026"].at(reader.span(*place(layout.count)), cells=given, columns=layout.count),)
    meta = {name: (row[i], i) for i, name in layout.metas if i < given}
    values = [(header, node_id, field, row[i], i) for i, header, node_id, field in layout.values if i < given]
    yield from record_of(reader, meta, values, line, span_of, before)


def read_part(reader: Reader, part: Part, evaluators: PlanEvaluator | None, keys: PartKeys) -> Iterator:
    """The rows of one Part, under the file's header; the key of each row, as one process
    keys it, kept in ``keys`` in file order: the rows given twice are found by the process
    that made the parts. A text problem is told as for the whole file, and
    ``reader.at.stopped`` is then set: the rows after it are not read (as with one part)."""
    reader.part = part
    reader.seen_rows = keys
    try:
        with reader.open() as f:
            reader.shift = part.first_line - _lines_in(f, 0, part.header_end) - 1
            ranged = io.BufferedReader(_Ranges(f, [(0, part.header_end), (part.start, part.end)]))
            yield from read_csv_file(reader, ranged, evaluators, whole=True)
    except (OSError, NotRegular) as e:
        yield cannot_read(reader.shown, e)


def _lines_in(f, start: int, end: int) -> int:
    f.seek(start)
    return line_ends_in_bytes(f.read(end - start))  # a header: one line, or a few


class _Ranges(io.RawIOBase):
    """Byte ranges of a file read one after the other, as one stream."""

    def __init__(self, f, ranges: list[tuple[int, int]]):
        self.f = f
        self.ranges = [r for r in ranges if r[1] > r[0]]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.ranges:
            start, end = self.ranges[0]
            if start >= end:
                self.ranges.pop(0)
                continue
            self.f.seek(start)
            data = self.f.read(min(len(buffer), end - start))
            if not data:
                self.ranges.pop(0)
                continue
            self.ranges[0] = (start + len(data), end)
            buffer[: len(data)] = data
            return len(data)
        return 0


def decode_head(reader: Reader, head: bytes, size: int) -> tuple[str | None, list[Diagnostic]]:
    """The first bytes of a file as kpidsl.source.decode reads them (UTF-16, binary, the old
    Thai encoding …), cut at a line end when the file goes on (a character is never cut
    there), or the reason it cannot be read."""
    if len(head) < size:
        end = head.rfind(b"\n")
        head = head[: end + 1] if end > 0 else head[: len(head) - 4]  # a line longer than the head
        head = head.decode("utf-8", errors="ignore").encode("utf-8") if end <= 0 else head
    return decode(head, reader.shown)


class NotText(Exception):
    """A NUL in a line: the file is not text (the csv module would read it as a character)."""


def why_unreadable(e: OSError | NotRegular | UnicodeDecodeError | csv.Error | NotText) -> Bi:
    """Why a results file stops being read (Q008), in both languages: the system's reason for
    an OSError (kpidsl/source.py), else a phrase for each exception the reading can meet;
    never the exception's own English."""
    if isinstance(e, (OSError, NotRegular)):
        return reason(e)
    if isinstance(e, NotText):
        return phrase("nul-in-line")
    if isinstance(e, UnicodeDecodeError):
        return phrase("byte-not-utf8", byte=f"{e.object[e.start]:02X}" if e.start < len(e.object) else "??")
    # csv.Error says what it met only in its English text (Modules/_csv.c)
    if str(e).startswith("field larger than field limit"):
        return phrase("csv-field-too-long", limit=csv.field_size_limit())
    if str(e).startswith("new-line character seen in unquoted field"):
        return phrase("csv-line-end-in-cell")
    return phrase("csv-malformed")


def read_csv_file(reader: Reader, f, evaluators: PlanEvaluator | None, whole: bool = False) -> Iterator:
    """A CSV file read line by line (UTF-8, a byte-order mark dropped, lines ended by LF,
    CR LF or CR, a quoted cell's line ends kept as written: the module docstring).
    A problem the head did not show (a bad byte, a NUL further on) is told as
    kpidsl.source.decode tells it, from the whole file (``f``, or the reader's file opened again
    when ``whole``: ``f`` is a part of it), which
    is only read again then, a block at a time (text_errors)."""
    text = io.TextIOWrapper(LineBounded(f), encoding="utf-8-sig", newline="")
    try:
        yield from read_csv(reader, text, evaluators)
    except LineTooLong as e:  # at its line, the rest never read: its bytes are past what a line may hold
        reader.at.stopped = True
        line = e.line + reader.shift
        limit = f"{MAX_LINE_BYTES:,}"
        why = phrase("csv-record-too-long", line=line, limit=limit) if isinstance(e, RecordTooLong) else \
            phrase("csv-line-too-long", line=line, limit=limit)
        yield CODES["Q008"].at(reader.span(line), reason=why, hint="", hint_th="")
    except (UnicodeDecodeError, csv.Error, NotText) as e:
        reader.at.stopped = True  # nothing more is read: a part says so to the others
        if whole:
            try:
                with reader.open() as again:
                    errors = text_errors(again, reader.shown)
            except NotRegular:  # no longer the file cut into parts: why it stopped is all there is to say
                errors = []
        else:
            f.seek(0)
            errors = text_errors(f, reader.shown)
        if errors:
            yield from errors
        else:
            yield CODES["Q008"].at(reader.span(1), reason=why_unreadable(e), hint="", hint_th="")
    finally:
        text.detach()
