"""`kpidsl score --engine sql`: the compiled query run on embedded DuckDB.

A results CSV or Parquet file is read by DuckDB (every cell as text, in file order; a
filled workbook, issue J, as its reader gives its rows, through a CSV), scored by the
query of each agreement it names (kpidsl/sql/query.py), and written as
`kpidsl score --format csv` writes it, batch by batch as DuckDB gives the rows (memory
flat in the number of rows). A row the query is not sure of is scored by the Python
evaluator (kpidsl/score/batch.py), a batch of such rows at a time, and its line put in
its place. When the evaluator has a problem to tell about one of them, or the input is
one the SQL engine does not read (a JSON or folder input, a construct it does not compile,
an evaluation given twice, a workbook whose reader has a word to say), ``score_into`` says
why it declines and the evaluator scores the whole input: the output and the diagnostics
are always the evaluator's.

The raise pool (a ``salary`` column; kpidsl/score/pool.py): a second pass of the query
groups the sure rows by agreement, round and pool group (people, salaries and raises
summed in DECIMAL) and hands the sums to a PoolLedger, which the evaluator's pools of the
rows it scored join. A pool run over is declined too: its error is located at a line of
the file (the last row that gave a raise), which the evaluator knows and DuckDB does not
(a row may span lines, a blank line be no row).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path
from typing import TextIO

import attrs
from sqlglot import exp

from ..diagnostics.model import Diagnostic
from ..outputs.cells import FORMULA_STARTS, spreadsheet_safe
from ..diagnostics.span import Span
from ..plan.read import plan_of
from ..source import display_path
from ..score.pool import PoolLedger
from .cells import ODD_SPACE, col, split_header
from .compiler import OUTPUTS, Unsupported
from .exact import NotExact
from .query import build_query, to_sql

ROW = "__row"
# The columns of `kpidsl score --format csv`, in its order (kpidsl/score/report.py).
CSV_HEADER = OUTPUTS
_TEXT = (0, 1, 2, 6)  # agreement, person, round, band: text from the rule files or the results
FETCH = 50_000
PARQUET = ".parquet"
WORKBOOKS = (".xlsx", ".xlsm")  # a filled `kpidsl workbook` (issue J), read by kpidsl/xlsx/results.py
PASS_MEMORY = "160MB"  # DuckDB's memory for the duplicates' sort (kpidsl/sql/run.py _agreements)
# Rows the evaluator scores are handed to it this many at a time, and the query's lines
# after the first of them wait for it at most this many: the memory the output takes.
UNSURE = 5_000
HELD = 100_000


@attrs.frozen
class Over:
    """A raise pool run over (Q042), each at the line of the last row that gave it a raise."""

    diagnostics: list


@attrs.frozen
class Declined:
    """Why the SQL engine leaves an input to the Python evaluator."""

    reason: str


def _header(path: Path) -> list[str] | None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        try:
            return next(csv.reader(f))
        except (StopIteration, csv.Error, UnicodeDecodeError):
            return None


def _plain(text: str | None) -> str:
    """A DECIMAL's text without trailing zeros (kpidsl's plain())."""
    if text is None:
        return ""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def score_csv(plan: dict, results: Path, agreement: str | None, round_: str | None) -> str | Declined | Over:
    """The CSV text `kpidsl score --format csv` gives for ``results``, or why not."""
    out = io.StringIO()
    done = score_into(plan, results, agreement, round_, out)
    return done if isinstance(done, (Declined, Over)) else out.getvalue()


def score_into(plan: dict, results: Path, agreement: str | None, round_: str | None, sink: TextIO,
               pools: list | None = None) -> int | Declined | Over:
    """Write to ``sink`` what `kpidsl score --format csv` writes for ``results`` and give the
    number of evaluations, or say why not (then what ``sink`` got is to be discarded).
    ``pools`` gets the raise pools (kpidsl/score/pool.py PoolLine) of a file with a salary
    column, as the evaluator reports them; a pool run over is Over, its error located as
    the evaluator locates it (then too ``sink`` is to be discarded)."""
    try:
        import duckdb
    except ImportError:
        return Declined("duckdb is not installed")
    kind = results.suffix.lower()
    given_csv = kind == ".csv"
    shown = display_path(results)
    if results.is_dir() or kind not in (".csv", PARQUET) + WORKBOOKS:
        return Declined("only a CSV, Parquet or workbook file is read by the SQL engine")
    typed = plan_of(plan)  # read once with the rest of the command (kpidsl.plan.read)
    spill = tempfile.TemporaryDirectory(prefix="kpidsl-sql-")  # where DuckDB may spill, removed after
    con = duckdb.connect()
    try:
        if kind in WORKBOOKS:
            table = _workbook_as_csv(results, Path(spill.name) / "workbook.csv")
            if isinstance(table, Declined):
                return table
            results, kind = table, ".csv"
        if kind == PARQUET:
            # every cell as its text: a figure stored as a number reads as a CSV cell would
            source = f"read_parquet('{_quote(str(results))}')"
            header = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
            cells = ", ".join(f'CAST("{_quoted_name(h)}" AS VARCHAR) AS "{_quoted_name(h)}"' for h in header)
        else:
            header = _header(results)
            if not header:
                return Declined("the file has no header the SQL engine reads")
            columns = "{" + ", ".join(f"'{_quote(h)}': 'VARCHAR'" for h in header) + "}"
            source = (f"read_csv('{_quote(str(results))}', header=true, auto_detect=false, columns={columns}, "
                      "delim=',', quote='\"', escape='\"', null_padding=true, strict_mode=true)")
            cells = "*"
        con.execute(f"CREATE VIEW given AS SELECT {cells} FROM {source}")
        con.execute(f"CREATE VIEW results AS SELECT row_number() OVER () AS {ROW}, * FROM given")
        # one pass over the file: the agreements it names, and whether an evaluation comes twice
        # (a sort, which DuckDB spills to disk past PASS_MEMORY: memory flat in rows)
        con.execute(f"SET temp_directory = '{_quote(spill.name)}'")
        con.execute(f"SET memory_limit = '{PASS_MEMORY}'")
        found = con.execute(_agreements(header, agreement, round_)).fetchall()
        con.execute("RESET memory_limit")
        if any(twice for _, twice in found):
            return Declined("an evaluation is given twice")
        known = sorted(i for i, _ in found if i in typed.agreements_by_id)
        if not known:
            return Declined("no agreement of the rule set in the file")
        query = build_query(typed, known, header, default_agreement=agreement, default_round=round_,
                            row_column=ROW, duplicates=False)
        # the cells of a row the query is not sure of, for the evaluator
        query = query.select(*(exp.alias_(col(h), f"in#{j}", quoted=True) for j, h in enumerate(header)),
                             copy=False)
        ledger = PoolLedger()
        rows = _Rows(plan, header, agreement, round_, sink, ledger, typed)
        done = _score(con.execute(_lines(to_sql(query, "duckdb"), len(header), _cared(typed, known, round_))), rows)
        if isinstance(done, Declined) or not any(split_header(h)[0] == "salary" for h in header):
            return done
        # the raise pool: the sure rows' sums per agreement, round and group, in a second pass
        grouped = build_query(typed, known, header, default_agreement=agreement, default_round=round_,
                              row_column=ROW, duplicates=False)
        sums = con.execute(_pool_sums(to_sql(grouped, "duckdb"))).fetchall()
        for aid, rnd, group, people, salaries, given, last in sums:
            framework = typed.agreements_by_id[aid].framework
            ledger.add_totals(framework, rnd, group, people, salaries, given, _row_span(shown, last))
        lines, over = ledger.finish()
        if over:
            # A row's number is its line when each row of the file is one line; the pools of
            # rows the evaluator scored carry no line of theirs: then it is the evaluator's to tell.
            rows_in = con.execute("SELECT count(*) FROM given").fetchone()[0]
            if given_csv and not rows.pooled_by_python and _lines_in(results) == rows_in + 1:
                return Over(over)
            return Declined("the raise pool is exceeded")
        if pools is not None:
            pools.extend(lines)
        return done
    except (Unsupported, NotExact) as e:
        return Declined(str(e))
    except duckdb.Error as e:  # a file DuckDB cannot read as the evaluator does, an overflow
        return Declined(f"DuckDB: {str(e).splitlines()[0]}")
    finally:
        con.close()
        spill.cleanup()


def _workbook_as_csv(path: Path, out: Path) -> Path | Declined:
    """The entry rows of a workbook, as its reader gives them (kpidsl/xlsx/results.py: the
    cells as text, the rows with a figure typed in), written to a CSV the SQL engine then
    reads; Declined when the reader tells a problem or its sheets' headers differ (the
    evaluator then reads the workbook, and tells it at its cell)."""
    try:
        from ..xlsx.results import located_rows
    except ImportError:
        return Declined("the extra xlsx is not installed")
    header: tuple[str, ...] | None = None
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for item in located_rows(path):
            if isinstance(item, Diagnostic) or getattr(item, "spoiled", False):
                return Declined("the workbook reader has something to say")
            if not hasattr(item, "line"):  # a sheet's header
                if header is not None and tuple(item.cells) != header:
                    return Declined("the workbook's sheets have different headers")
                if header is None:
                    header = tuple(item.cells)
                    writer.writerow(header)
                continue
            writer.writerow(item.cells)
    return out if header is not None else Declined("the workbook has no entry table")


class _Rows:
    """The output in file order: a line the query made is written at once, unless a row
    the evaluator scores comes before it (then it waits, with those rows, until the
    evaluator has scored them: at most UNSURE rows or HELD lines wait)."""

    def __init__(self, plan: dict, header: list[str], agreement: str | None, round_: str | None, sink: TextIO,
                 ledger: PoolLedger | None = None, typed=None):
        self.plan, self.header, self.agreement, self.round = plan, header, agreement, round_
        self.ledger, self.typed = ledger, typed
        self.rows: list[int] = []  # the row number of each unsure row
        self.pooled_by_python = False  # a row the evaluator scored counted in a raise pool
        self.sink = sink
        self.writer = csv.writer(sink, lineterminator="\n")
        self.held: list[str | None] = []  # lines, None where an unsure row's goes
        self.unsure: list[list[str]] = []
        self.count = 0

    def line(self, text: str) -> None:
        self.count += 1
        if self.unsure:
            self.held.append(text)
            if len(self.held) >= HELD:
                self.flush()
        else:
            self.sink.write(text)

    def cells(self, cells: list[str]) -> None:
        self.line(_csv_line(cells))

    def to_python(self, cells: list[str], row: int = 0) -> None:
        if not any(c.strip() for c in cells):
            return  # a blank row: the evaluator skips it (kpidsl/score/results/)
        self.count += 1
        self.unsure.append(cells)
        self.rows.append(row)
        self.held.append(None)
        if len(self.unsure) >= UNSURE or len(self.held) >= HELD:
            self.flush()

    def flush(self) -> Declined | None:
        if not self.unsure:
            return None
        found = _by_python(self.plan, self.header, self.unsure, self.agreement, self.round)
        if isinstance(found, Declined):
            raise _Stop(found)
        lines, pools = found
        if pools:
            if self.ledger is None:
                raise _Stop(Declined("a raise pool the SQL engine does not sum"))
            # these rows' pools join the query's; the batch's last row stands for where they end
            # (used only to order: a pool run over is declined, run.py score_into)
            self.pooled_by_python = True
            for ln in pools:
                self.ledger.add_totals(self.typed.framework(ln.framework), ln.round, ln.group, ln.people,
                                       ln.salaries, ln.given, _row_span("", self.rows[-1]))
        figures = iter(lines)
        self.sink.write("".join(next(figures) if line is None else line for line in self.held))
        self.held, self.unsure, self.rows = [], [], []
        return None


class _Stop(Exception):
    def __init__(self, declined: Declined):
        super().__init__(declined.reason)
        self.declined = declined


def _by_python(plan: dict, header: list[str], rows: list[list[str]], agreement: str | None,
               round_: str | None) -> tuple[list[str], list] | Declined:
    """The evaluator's lines for ``rows`` (in a file of their own, with the header), or
    Declined when it has anything to say besides them: then it is to score the whole file,
    where what it says has its real place (a problem's line, a duplicate's first row)."""
    from ..score.batch import score_records

    with tempfile.TemporaryDirectory(prefix="kpidsl-sql-") as tmp:
        path = Path(tmp) / "rows.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
        outcome = score_records(plan, "", path, agreement, round_, "csv", False, "en", None)
    if outcome.diagnostics:
        return Declined("the Python evaluator has something to say about a row")
    out = list(csv.reader(io.StringIO(outcome.text, newline="")))[1:]
    if len(out) != len(rows):
        return Declined("the Python evaluator gave another number of rows")
    return [_csv_line(r) for r in out], outcome.pools


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    return buf.getvalue()


def _score(cursor, rows: _Rows) -> int | Declined:
    """Write the query's rows (_lines) in file order; the number of evaluations, or why not."""
    rows.sink.write(",".join(CSV_HEADER) + "\n")
    expected = 1
    try:
        while batch := cursor.fetchmany(FETCH):
            n = len(batch)
            if [row[0] for row in batch] != list(range(expected, expected + n)):
                return Declined("DuckDB gave the rows out of file order")
            expected += n
            lines = [row[1] for row in batch]
            if None not in lines and not rows.unsure:  # the usual batch: every line made by DuckDB
                rows.sink.write("".join(lines))
                rows.count += n
                continue
            for row in batch:
                if row[1] is not None:
                    rows.line(row[1])
                elif row[3] is not None:
                    rows.to_python([c if c is not None else "" for c in row[3]], row[0])
                else:
                    raw = row[2]
                    cells = [c or "" for c in raw[:7]] + [_plain(raw[7]), _plain(raw[8])]
                    for i in _TEXT:
                        if cells[i][:1] in FORMULA_STARTS:
                            cells[i] = spreadsheet_safe(cells[i])
                    rows.cells(cells)
        rows.flush()
    except _Stop as stop:
        return stop.declined
    return rows.count


# A text cell csv.writer would quote, or kpidsl/outputs/cells.py would neutralise: that row
# is written by Python.
_CARE = r"^[-=+@\t\r]|[\",\r\n]"


# Python's str.strip() at both ends of a cell (kpidsl/sql/cells.py's blanks, control
# characters included).
_PY_STRIP = f"^[{ODD_SPACE}]+|[{ODD_SPACE}]+$"


def _pool_sums(query: str) -> str:
    """Per agreement, round and pool group, the sure rows that give a salary: how many, their
    salaries and raises (exact DECIMAL sums), and the last of them (in file order) that gave a
    raise."""
    return ("SELECT q.agreement, q.round, q.pool_group, count(*), sum(q.pool_salary), "
            "coalesce(sum(q.amount), 0), max(CASE WHEN q.amount <> 0 THEN q.row END) "
            f"FROM ({query}) AS q WHERE q.sure AND q.pool_salary IS NOT NULL GROUP BY ALL")


def _row_span(shown: str, row: int | None) -> Span | None:
    """Row ``row`` of the table as the evaluator places a row (kpidsl/score/results.py): its
    line, were each row one line after the header (score_into checks it before telling)."""
    if row is None:
        return None
    return Span(shown, row + 1, 1, row + 1, 2)


def _lines_in(path: Path) -> int | None:
    """The lines of a file as the results reader counts them (a last line may lack its
    end); None when a carriage return ends a line alone (its count is the reader's)."""
    lines, last, cr, crlf = 0, b"", 0, 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
            cr += chunk.count(b"\r")
            crlf += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")
            last = chunk[-1:]
    if cr != crlf:
        return None
    return lines + (last not in (b"\n", b""))


def _agreements(header: list[str], agreement: str | None, round_: str | None) -> str:
    """Each agreement the table names, and whether one of its evaluations (agreement,
    person, round: the reader's Q006) is given more than once."""
    metas = {}
    for name in header:
        meta, _, _ = split_header(name)
        if meta:
            metas[meta] = name

    def text(name: str, default: str | None) -> exp.Expression:
        """The cell as the reader keys an evaluation (kpidsl/score/results/): without the
        blanks Python's strip() takes off, a round's Thai digits as Arabic ones; blank, the
        default. (A key that may differ from the reader's would miss a duplicate whose rows
        the query is sure of.)"""
        if name not in metas:
            e: exp.Expression = exp.Null()
        else:
            e = exp.Anonymous(this="regexp_replace", expressions=[
                col(metas[name]), exp.Literal.string(_PY_STRIP), exp.Literal.string(""), exp.Literal.string("g")])
            if name == "round":
                e = exp.Anonymous(this="translate", expressions=[e, exp.Literal.string("๐๑๒๓๔๕๖๗๘๙"),
                                                                 exp.Literal.string("0123456789")])
            e = exp.Nullif(this=e, expression=exp.Literal.string(""))
        return exp.Coalesce(this=e, expressions=[exp.Literal.string(default) if default else exp.Null()])

    def plain(name: str) -> exp.Expression:
        """True when the cell is its own key: it begins and ends with a printable ASCII
        letter, which no strip takes off (and a round is ASCII throughout: no Thai digit)."""
        cell = col(metas[name])
        ends = [exp.Anonymous(this="ascii", expressions=[cell.copy()]),
                exp.Anonymous(this="ascii", expressions=[exp.Right(this=cell.copy(), expression=exp.Literal.number(1))])]
        tests = [exp.Between(this=e, low=exp.Literal.number(33), high=exp.Literal.number(126)) for e in ends]
        if name == "round":
            tests.append(exp.EQ(this=exp.Anonymous(this="strlen", expressions=[cell.copy()]),
                                expression=exp.Length(this=cell.copy())))
        return exp.and_(*tests, copy=False)

    names = ("agreement", "person", "round")
    defaults = (agreement, None, round_)
    key = [text(n, d) for n, d in zip(names, defaults)]
    # The usual row's cells are their own keys: hashed as they are, without the regular
    # expressions (two thirds of this pass's time, at 400 k rows).
    given = [n for n in names if n in metas]
    fast = exp.and_(*(plain(n) for n in given), copy=False) if given else exp.false()
    raw = [col(metas[n]) if n in metas else k.copy() for n, k in zip(names, key)]
    # an evaluation as a 64-bit hash, the hashes sorted: one given twice is next to itself (two
    # evaluations of the same hash, once in 10^12 files of 4 million rows, only send the
    # file to the Python evaluator, which finds no duplicate)
    h = exp.Case(ifs=[exp.If(this=fast.copy(), true=exp.Anonymous(this="hash", expressions=raw))],
                 default=exp.Anonymous(this="hash", expressions=key))
    a = exp.Case(ifs=[exp.If(this=fast.copy(), true=raw[0].copy())], default=key[0].copy())
    keyed = exp.select(exp.alias_(a, "a"), exp.alias_(h, "h")).from_("given")
    window = exp.Window(this=exp.Anonymous(this="lag", expressions=[exp.column("h")]),
                        order=exp.Order(expressions=[exp.Ordered(this=exp.column("h"))]))
    paired = exp.select("a", "h", exp.alias_(window, "p")).from_(keyed.subquery("k"))
    twice = exp.Coalesce(this=exp.EQ(this=exp.column("h"), expression=exp.column("p")), expressions=[exp.false()])
    return exp.select("a", exp.Anonymous(this="bool_or", expressions=[twice])).from_(paired.subquery("s")) \
        .group_by("a").sql("duckdb")


def _cared(plan, known: list[str], round_: str | None) -> tuple[str, ...]:
    """The text columns of a sure row that may need quoting or neutralising: the person
    always; the agreement, round and band (texts of the rule set) only when one of the
    texts they can be in a sure row does."""
    fws = [plan.agreements_by_id[a].framework for a in known]
    texts = {"agreement": set(known),
             "round": {r.id for fw in fws for r in fw.rounds} | {round_ or ""} |
                      {plan.agreements_by_id[a].round_id or "" for a in known},
             "band": {b.id for fw in fws if fw.bands is not None for b in fw.bands.bands}}
    care = re.compile(_CARE)
    return ("person",) + tuple(n for n, values in texts.items() if any(care.search(v) for v in values))


def _lines(query: str, width: int, cared: tuple[str, ...] = ("agreement", "person", "round", "band")) -> str:
    """The query's rows as (row number, line, cells, input cells): the `kpidsl score
    --format csv` line, made by DuckDB; or, for a row with a text cell to quote or
    neutralise, its cells (as text) for csv.writer; or, for a row the query is not sure
    of, its ``width`` input cells, for the evaluator."""
    text = ("agreement", "person", "round", "band")
    figures = ("total", "penalty", "final")
    plain = ("raise_percent", "amount")

    def cell(name: str) -> str:
        if name in text:
            return f"coalesce(q.{name}, '')"
        if name in figures:
            return f"coalesce(CAST(q.{name} AS VARCHAR), '')"
        return f"coalesce(({_plain_sql(f'CAST(q.{name} AS VARCHAR)')}), '')"

    care = " OR ".join(f"coalesce(regexp_matches(q0.{n}, '{_CARE}'), false)" for n in cared)
    line = " || ',' || ".join(cell(n) for n in CSV_HEADER) + " || chr(10)"
    raw = "[" + ", ".join(f"CAST(q.{n} AS VARCHAR)" for n in CSV_HEADER) + "]"
    given = "[" + ", ".join(f'q."in#{j}"' for j in range(width)) + "]"
    # four columns, the last two lists or NULL: fewer values for Python to take in a row
    return (f"SELECT q.row, CASE WHEN q.sure AND NOT care THEN {line} END, "
            f"CASE WHEN q.sure AND care THEN {raw} END, CASE WHEN NOT q.sure THEN {given} END "
            f"FROM (SELECT *, ({care}) AS care FROM ({query}) AS q0) AS q")


def _plain_sql(x: str) -> str:
    """kpidsl's plain() of a DECIMAL's text: no trailing zeros, no bare point. One regular
    expression: DuckDB writes a DECIMAL with a digit before its point, so what is left is
    never empty (two rtrims cost DuckDB four times as much: 0.2 s CPU at 400 k rows)."""
    return rf"CASE WHEN {x} LIKE '%.%' THEN regexp_replace({x}, '(\.[0-9]*[1-9])0+$|\.0+$', '\1') ELSE {x} END"


def _quoted_name(name: str) -> str:
    return name.replace('"', '""')


def _quote(text: str) -> str:
    return text.replace("'", "''")

