"""`kpidsl score --engine sql`: the compiled query run on embedded DuckDB.

A results CSV or Parquet file is read by DuckDB (every cell as text, in file order, but a
Parquet figure column of a type whose values read as their texts do, kpidsl/sql/typed_cells.py;
a filled workbook, issue J, as its reader gives its rows, into a table), scored by the
query of each agreement it names (kpidsl/sql/query.py), and written as
`kpidsl score --format csv` writes it: DuckDB writes the lines to a file in the run's own
folder (below), which is copied to the output a chunk at a time, or, with no such folder,
Python fetches them batch by batch (memory flat in the number of rows either way). A row the query is not sure of is scored by the Python
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

The queries are kept in kpidsl's cache folder (kpidsl/sql/query_cache.py, beside the parse
cache's entries): a run of the same rule set over a file of the same header runs them
without building them or importing sqlglot.

Nothing is written but the output (kpidsl/files.py) and the cache: DuckDB spills, and writes
the lines, only into a folder made for the run and removed after it: a hidden one beside the
output file, or, with no output file (standard output), one inside kpidsl's cache folder
(kpidsl/syntax/cache.py: the user's alone); with neither (KPIDSL_NO_CACHE, a cache that cannot
be used) not at all (the duplicates' count past NO_SPILL_MEMORY is then declined, the lines
fetched); the rows the evaluator scores
are handed to it in an anonymous in-memory file (os.memfd_create).
"""

from __future__ import annotations

import bisect
import csv
import gc
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Callable, TextIO

import attrs

from ..bilingual import Bi
from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..outputs.cells import FORMULA_STARTS, CsvRows, csv_row_line, spreadsheet_safe
from ..diagnostics.span import Span
from ..plan.read import plan_of
from ..source import display_path, not_text
from ..thai import THAI_DIGITS
from ..score.pool import PoolLedger
# sqlglot and the compiler are imported only to build a query: a kept one (query_cache.py) needs neither
from ..results_columns import split_header
from .headers import ODD_SPACE, OUTPUTS
from ..run_folders import SQL_SPILL, in_cache
from .typed_cells import read_by_value

ROW = "__row"
FORMATS = ("csv", "json")  # what the SQL engine writes; the evaluator writes the rest
# The columns of `kpidsl score --format csv`, in its order (kpidsl/score/report.py).
CSV_HEADER = OUTPUTS
_TEXT = (0, 1, 2, 6)  # agreement, person, round, band: text from the rule files or the results
FETCH = 50_000
# A line of the query (_lines) that is no output line: MARK, then _CELLS and the sure row's
# cells, or _GIVEN and the input cells of a row the evaluator scores, each cell in hex (_NULL
# for NULL). No output line begins so: a sure row's begins with its agreement. The query's
# lines come in the table's order, one a row (DuckDB keeps a query's order without ORDER BY:
# preserve_insertion_order, its default): a row's number is its line's, counted (_Rows.seen).
MARK = "\x00"
_CELLS, _GIVEN, _NULL = "C", "U", "N"
# DuckDB's memory while it writes the lines (_copied): past it, the batches COPY holds to put
# them in order wait (its threads keep no more ahead), as the duplicates' pass spills past PASS_MEMORY
COPY_MEMORY = "200MB"
COPY_CHUNK = 1 << 20  # characters of DuckDB's lines copied to the output at a time
FETCH_FIGURES = 5_000  # rows of node figures (JSON) fetched at a time: a row holds two figures a node
PARQUET = ".parquet"
WORKBOOKS = (".xlsx", ".xlsm")  # a filled `kpidsl workbook` (issue J), read by kpidsl/xlsx/results.py
PASS_MEMORY = "160MB"  # DuckDB's memory for the duplicates' count (kpidsl/sql/run.py _agreements)
NO_SPILL_MEMORY = "1GB"  # the same with nowhere to spill (no output file, no cache): past it, declined
# Rows the evaluator scores are handed to it this many at a time, and the query's lines
# after the first of them wait for it at most this many: the memory the output takes.
UNSURE = 5_000
HELD = 100_000
# A wide file: past WIDE columns DuckDB's common-subexpression pass, which grows with the
# square of the query's columns, is left out (10^3 columns and one row: 4.7 s of planning with
# it, 0.6 s without; 10^4 columns ran 11+ minutes with it, 5.7 s without); past MOST_COLUMNS
# the query's build and plan alone cost more than the evaluator's whole run (10^4 columns,
# one row: 11 s against 0.9 s CPU), and the evaluator scores.
WIDE = 200
MOST_COLUMNS = 2_000


@attrs.frozen
class Over:
    """What the evaluator tells at rows the SQL engine numbers (_row_span), the output to be
    discarded: a raise pool run over (Q042), each at the line of the last row that gave it a
    raise; a Parquet file's rows with a problem, each at its row (the evaluator reads no
    Parquet: it could tell them nowhere else)."""

    diagnostics: list


@attrs.frozen
class Declined:
    """Why the SQL engine leaves an input to the Python evaluator: a phrase of
    kpidsl/diagnostics/phrases.py, told in Z005 when no evaluator can take it (Parquet)."""

    reason: Bi


def _not_text(path: Path) -> bool:
    """A CSV file the evaluator refuses as not text (F005 …: kpidsl/source.py not_text),
    which it is then to tell; False when it cannot be read (then DuckDB tells why not)."""
    try:
        with path.open("rb") as f:
            return not_text(f)
    except OSError:
        return False


NUL_ROWS = 1_000  # rows with a NUL told at most (the text report shows 200 a file)


def _nul_cells(con, shown: str, texts: list[str]) -> list[Diagnostic]:
    """Q053 at each row of a Parquet file whose text cell (a column of ``texts``) holds a NUL,
    the column named, as a workbook's cell and a JSON string holding one are told (a CSV
    holding one is not text, F005): no output carries it. The usual file is read once,
    without the row numbers (a window, on one thread); they are read when a NUL is found."""
    if not texts:
        return []
    has = [f'contains("{_quoted_name(h)}", chr(0))' for h in texts]
    if con.execute(f"SELECT 1 FROM given WHERE {' OR '.join(has)} LIMIT 1").fetchone() is None:
        return []
    found = con.execute(f"SELECT {ROW}, [{', '.join(has)}] FROM results WHERE {' OR '.join(has)} "
                        f"ORDER BY {ROW} LIMIT {NUL_ROWS}").fetchall()
    return [CODES["Q053"].at(_row_span(shown, row), column=texts[i])
            for row, marks in found for i, mark in enumerate(marks) if mark]


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


def score_csv(plan: dict, results: Path, agreement: str | None, round_: str | None,
              output_format: str = "csv") -> str | Declined | Over:
    """The CSV text `kpidsl score --format csv` gives for ``results`` (or the JSON text of
    `--format json`), or why not."""
    out = io.StringIO()
    done = score_into(plan, results, agreement, round_, out, output_format=output_format)
    return done if isinstance(done, (Declined, Over)) else out.getvalue()


def score_into(plan: dict, results: Path, agreement: str | None, round_: str | None, sink: TextIO,
               pools: list | None = None, output_format: str = "csv",
               beside=None) -> int | Declined | Over:
    """Write to ``sink`` what `kpidsl score --format csv` writes for ``results`` and give the
    number of evaluations, or say why not (then what ``sink`` got is to be discarded).
    ``pools`` gets the raise pools (kpidsl/score/pool.py PoolLine) of a file with a salary
    column, as the evaluator reports them; a pool run over is Over, its error located as
    the evaluator locates it, and so are a Parquet file's rows with a problem, each told at
    its row (then too ``sink`` is to be discarded). ``output_format``:
    "csv", or "json" as `kpidsl score --format json` writes it (kpidsl/sql/documents.py).
    ``beside``: the output file being written and its folder held open (kpidsl/working_folders.py
    Beside), beside which DuckDB may spill into a hidden folder of its own; None (standard output): DuckDB spills into a folder of its own in
    kpidsl's cache folder, or, when that cannot be used, not at all."""
    if output_format not in FORMATS:
        return Declined(phrase("sql-declined-format", format=output_format))
    try:
        import duckdb
    except ImportError:
        return Declined(phrase("sql-declined-no-duckdb"))
    kind = results.suffix.lower()
    given_csv, given_parquet = kind == ".csv", kind == PARQUET
    shown = display_path(results)
    told_at = shown if given_parquet else None  # where a row's problem is told by the SQL engine itself
    if not results.is_file():  # a folder, a FIFO (DuckDB would wait on it): the evaluator tells what it is
        return Declined(phrase("sql-declined-not-regular"))
    if kind not in (".csv", PARQUET) + WORKBOOKS:
        return Declined(phrase("sql-declined-kind"))
    if given_csv and _not_text(results):  # DuckDB would read a NUL as a character and score its row
        return Declined(phrase("sql-declined-not-text"))
    typed = plan_of(plan)  # read once with the rest of the command (kpidsl.plan.read)
    spill_made = _spill_folder(beside)
    spill = None if spill_made is None else spill_made[0]
    con = None
    try:
        con = duckdb.connect()
        # DuckDB's own default is `.tmp` in the working folder: always told where, or nowhere ('')
        con.execute(f"SET temp_directory = '{_quote(str(spill) if spill else '')}'")
        by_value: dict[str, str] = {}  # the figure columns read by their values (typed_cells.py)
        if kind in WORKBOOKS:
            header = _workbook_table(con, results)
            if isinstance(header, Declined):
                return header
            source, cells = "book", "*"
        elif kind == PARQUET:
            # every cell as its text (a figure stored as a number reads as a CSV cell would), but a
            # figure column of a type whose values the query reads as it reads their text
            # (kpidsl/sql/cells.py typed_number): kept in its type, its text made only for a row
            # the evaluator scores (_lines, _documents_query)
            source = f"read_parquet('{_quote(str(results))}')"
            described = [(r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
            header = [h for h, _ in described]
            by_value = _by_value(described)
            cells = ", ".join(f'"{_quoted_name(h)}"' if h in by_value else
                              f'CAST("{_quoted_name(h)}" AS VARCHAR) AS "{_quoted_name(h)}"' for h in header)
        else:
            header = _header(results)
            if not header:
                return Declined(phrase("sql-declined-no-header"))
            columns = "{" + ", ".join(f"'{_quote(h)}': 'VARCHAR'" for h in header) + "}"
            source = (f"read_csv('{_quote(str(results))}', header=true, auto_detect=false, columns={columns}, "
                      "delim=',', quote='\"', escape='\"', null_padding=true, strict_mode=true)")
            cells = "*"
        if len(header) > MOST_COLUMNS:
            return Declined(phrase("sql-declined-columns", limit=MOST_COLUMNS))
        if len(header) > WIDE:
            con.execute("SET disabled_optimizers = 'common_subexpressions'")
        con.execute(f"CREATE VIEW given AS SELECT {cells} FROM {source}")
        # the raise pool's query alone reads the row numbers (the last row that gave a raise: a window,
        # on one thread); DuckDB leaves the window out of the lines' and documents' queries, which
        # read them not: their rows are counted as they come (_Rows.seen)
        con.execute(f"CREATE VIEW results AS SELECT row_number() OVER () AS {ROW}, * FROM given")
        if given_parquet:
            nuls = _nul_cells(con, shown, [h for h in header if h not in by_value])
            if nuls:
                return Over(nuls)
        # one pass over the file: the agreements it names, and whether an evaluation comes twice
        # (a hash aggregate, which DuckDB spills to disk past PASS_MEMORY: memory flat in rows)
        con.execute(f"SET memory_limit = '{PASS_MEMORY if spill else NO_SPILL_MEMORY}'")
        found = con.execute(_kept(("agreements", header, agreement, round_), 1,
                                  lambda: [_agreements(header, agreement, round_)])[0]).fetchall()  # never Declined
        con.execute("RESET memory_limit")
        if any(twice for _, twice in found):
            return Declined(phrase("sql-declined-twice"))
        if agreement and any(ident != agreement for ident, _ in found):
            # a row naming another agreement than --agreement: the evaluator's Q031, at its cell
            return Declined(phrase("sql-declined-other-agreement"))
        known = sorted(i for i, _ in found if i in typed.agreements_by_id)
        if not known:
            return Declined(phrase("sql-declined-no-agreement"))
        pay = any(split_header(h)[0] == "salary" for h in header)
        ledger = PoolLedger()
        if output_format == "csv":
            # a typed Plan given (not its dict from compile_plan): built, not kept
            # the columns' types are the query's as much as their names (a column read by value)
            queries = _kept(("lines", plan, header, by_value, agreement, round_, known, pay)
                            if isinstance(plan, dict) else None,
                            1 + pay, lambda: _csv_queries(typed, known, header, agreement, round_, pay, by_value))
            if isinstance(queries, Declined):
                return queries
            rows = _Rows(plan, header, agreement, round_, sink, ledger, typed, told_at=told_at)
            done = _copied(con, queries[0], spill, rows) if spill else _score(con.execute(queries[0]), rows)
        else:
            from .documents import Documents

            figures: dict = {}
            built = _built(lambda: _scoring_query(typed, known, header, agreement, round_, figures,
                                                  by_value=by_value))
            if isinstance(built, Declined):
                return built
            query = built[0]
            documents = _built(lambda: Documents(plan, figures, 1))  # after the row's sure
            if isinstance(documents, Declined):
                return documents
            sink.write("[\n")
            rows = _Rows(plan, header, agreement, round_, _Joined(sink), ledger, typed, "json", told_at)
            done = _score_json(con.execute(_documents_query(query, figures, len(header))), rows, documents)
            sink.write("\n]\n")
        if isinstance(done, Declined):
            return done
        if rows.problems:
            return Over(rows.problems)
        if not pay:
            return done
        # the raise pool: the sure rows' sums per agreement, round and group, in a second pass
        if output_format == "csv":
            pool_sql = queries[1]
        else:
            built = _built(lambda: [_pool_sums(_scoring_query(typed, known, header, agreement, round_,
                                                              by_value=by_value)[0])])
            if isinstance(built, Declined):
                return built
            pool_sql = built[0]
        sums = con.execute(pool_sql).fetchall()
        for aid, rnd, group, people, salaries, given, last in sums:
            framework = typed.agreements_by_id[aid].framework
            ledger.add_totals(framework, rnd, group, people, salaries, given, _row_span(shown, last))
        lines, over = ledger.finish()
        if over:
            # A row's number is its line when each row of the file is one line; the pools of
            # rows the evaluator scored carry no line of theirs: then it is the evaluator's to tell.
            # A Parquet file's rows are numbered alike (_row_span): its row n is told at line
            # n + 1, the line it has in the CSV that `COPY (FROM 'file.parquet') TO 'results.csv'`
            # writes (the hint of Z005, which stays for a pool the evaluator's rows are in).
            if given_parquet and not rows.pooled_by_python:
                return Over(over)
            rows_in = con.execute("SELECT count(*) FROM given").fetchone()[0]
            if given_csv and not rows.pooled_by_python and _lines_in(results) == rows_in + 1:
                return Over(over)
            return Declined(phrase("sql-declined-pool-exceeded"))
        if pools is not None:
            pools.extend(lines)
        return done
    except duckdb.Error as e:  # a file DuckDB cannot read as the evaluator does, an overflow
        return Declined(phrase("sql-declined-duckdb", error=(str(e).splitlines() or [""])[0]))
    finally:
        if con is not None:
            con.close()
        if spill_made is not None:
            spill_made[1]()  # made here, empty before DuckDB: all of it is ours


def _built(build) -> list[str] | Declined:
    """The queries ``build`` gives, or Declined when the compiler refuses a construct."""
    from .compiler import Unsupported
    from .exact import NotExact

    try:
        return build()
    except NotExact as e:
        return Declined(phrase("sql-declined-not-exact", what=e.what, why=e.why))
    except Unsupported as e:
        return Declined(phrase("sql-declined-unsupported", what=e.what, where=e.where))


def _kept(parts: tuple | None, count: int, build) -> list[str] | Declined:
    """The queries made from ``parts`` (JSON values; the dialect, the code, sqlglot and DuckDB
    are added), from kpidsl's cache (kpidsl/sql/query_cache.py), else built by ``build`` and
    kept (``parts`` None: built, not kept); ``count`` queries."""
    import duckdb

    from . import query_cache

    key = None
    if parts is not None:
        try:
            key = query_cache.key_of("duckdb", duckdb.__version__, _sqlglot_stamp(), *parts)
        except (TypeError, ValueError):  # a part that is no JSON value: built, not kept
            pass
    texts = query_cache.load(key) if key is not None else None
    if texts is None or len(texts) != count:
        texts = _built(build)
        if key is not None and not isinstance(texts, Declined):
            query_cache.store(key, texts)
    return texts


def _sqlglot_stamp() -> list:
    """Which sqlglot is installed, without importing it (an upgrade rewrites its files)."""
    from importlib.util import find_spec

    spec = find_spec("sqlglot")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return []
    try:
        st = (origin.parent / "_version.py").stat()
    except OSError:
        st = origin.stat()
    return [str(origin), st.st_size, st.st_mtime_ns]


def _scoring_query(typed, known: list[str], header: list[str], agreement: str | None, round_: str | None,
                   figures: dict | None = None, whole: list | None = None, lead_plain: bool = False,
                   by_value: dict[str, str] | None = None) -> list[str]:
    """The query scoring the rows (kpidsl/sql/query.py), in DuckDB's SQL, with each row's
    input cells (``in#j``) for a row it is not sure of, handed to the evaluator. ``whole``
    gets the names of the outputs typed as whole numbers (DECIMAL(p, 0)); ``lead_plain``:
    build_query's column of that name (_lines); ``by_value``: build_query's (a column of
    them is handed over in its type: _lines and _documents_query make its text)."""
    from sqlglot import exp

    from .cells import col
    from .query import build_query, to_sql

    query = build_query(typed, known, header, default_agreement=agreement, default_round=round_,
                        row_column=ROW, duplicates=False, figures=figures, lead_plain=lead_plain,
                        by_value=by_value)
    if whole is not None:
        whole.extend(item.alias for item in query.selects if isinstance(item, exp.Alias) and _whole(item.this))
    query = query.select(*(exp.alias_(col(h), f"in#{j}", quoted=True) for j, h in enumerate(header)), copy=False)
    return [to_sql(query, "duckdb")]


def _whole(e) -> bool:
    """Whether ``e`` is a DECIMAL of scale 0 (or NULL) in DuckDB: a cast to one, or a CASE
    whose every branch is one (DuckDB gives a CASE the largest scale of its branches)."""
    from sqlglot import exp

    if isinstance(e, exp.Paren):
        return _whole(e.this)
    if isinstance(e, exp.Null):
        return True
    if isinstance(e, exp.Cast):
        to = e.args.get("to")
        return (to is not None and to.this == exp.DataType.Type.DECIMAL and len(to.expressions) == 2
                and to.expressions[1].name == "0")
    if isinstance(e, exp.Case):
        default = e.args.get("default")
        return all(_whole(i.args["true"]) for i in e.args["ifs"]) and (default is None or _whole(default))
    return False


def _csv_queries(typed, known: list[str], header: list[str], agreement: str | None, round_: str | None,
                 pay: bool, by_value: dict[str, str] | None = None) -> list[str]:
    """The query of `--format csv`'s lines (_lines) and, with a salary column, the raise pool's (_pool_sums)."""
    whole: list[str] = []
    (query,) = _scoring_query(typed, known, header, agreement, round_, whole=whole, lead_plain=True,
                              by_value=by_value)
    texts = [_lines(query, len(header), _cared(typed, known, round_), tuple(whole))]
    if pay:
        texts.append(_pool_sums(query))
    return texts


def _by_value(described: list[tuple[str, str]]) -> dict[str, str]:
    """The figure columns (no meta column: kpidsl/results_columns.py) of a Parquet file's
    columns and DuckDB types whose cells the query reads by value (typed_cells.py)."""
    return {h: t for h, t in described if not split_header(h)[0] and read_by_value(t)}


def _spill_folder(beside) -> tuple[Path, Callable[[], None]] | None:
    """A fresh folder for DuckDB to spill into: a hidden one beside the output file being
    written (``beside``, a kpidsl/working_folders.py Beside: made in its folder held open,
    where others may write and swap a folder for a link), or with no output file (standard
    output) one in kpidsl's cache folder; as (the path DuckDB is told, what removes it with
    all it holds). None when it cannot be made: then DuckDB does not spill (the duplicates'
    count held in memory up to NO_SPILL_MEMORY)."""
    if beside is None:
        # with the cache off (KPIDSL_NO_CACHE) or unusable, None: DuckDB then does not spill
        folder = in_cache(SQL_SPILL)
        # the cache's: a real folder, rmtree never follows a link in it
        return None if folder is None else (folder, lambda: shutil.rmtree(folder, ignore_errors=True))
    from ..left_behind import SQL
    from ..working_folders import made_beside

    working = made_beside(beside, SQL)
    return None if working is None else (working.path, lambda: working.remove(whole=True))


_BOOK_ROWS = 1_000  # rows of a workbook put in DuckDB's table by one INSERT


def _workbook_table(con, path: Path) -> list[str] | Declined:
    """The entry rows of a workbook, as its reader gives them (kpidsl/xlsx/results.py: the
    cells as text, the rows with a figure typed in), put in DuckDB's table ``book`` (every
    cell as text, an empty one NULL as the CSV reader reads it); its header, or Declined
    when the reader tells a problem or its sheets' headers differ (the evaluator then reads
    the workbook, and tells it at its cell)."""
    try:
        from ..xlsx.results import located_rows
    except ImportError:
        return Declined(phrase("sql-declined-no-xlsx"))
    header: tuple[str, ...] | None = None
    rows: list[str] = []

    def insert() -> None:
        if rows:
            con.execute("INSERT INTO book VALUES " + ", ".join(rows))
            rows.clear()

    for item in located_rows(path):
        if isinstance(item, Diagnostic) or getattr(item, "spoiled", False):
            return Declined(phrase("sql-declined-workbook-says"))
        if not hasattr(item, "line"):  # a sheet's header
            if header is not None and tuple(item.cells) != header:
                return Declined(phrase("sql-declined-sheet-headers"))
            if header is None:
                header = tuple(item.cells)
                con.execute("CREATE TABLE book (" + ", ".join(f'"{_quoted_name(h)}" VARCHAR' for h in header) + ")")
            continue
        if header is None or len(item.cells) > len(header):
            return Declined(phrase("sql-declined-row-wider"))
        cells = list(item.cells) + [""] * (len(header) - len(item.cells))
        rows.append("(" + ", ".join(f"'{_quote(c)}'" if c else "NULL" for c in cells) + ")")
        if len(rows) >= _BOOK_ROWS:
            insert()
    insert()
    return list(header) if header is not None else Declined(phrase("sql-declined-no-entry-table"))


class _Rows:
    """The output in file order: a line the query made is written at once, unless a row
    the evaluator scores comes before it (then it waits, with those rows, until the
    evaluator has scored them: at most UNSURE rows or HELD lines wait)."""

    def __init__(self, plan: dict, header: list[str], agreement: str | None, round_: str | None, sink: TextIO,
                 ledger: PoolLedger | None = None, typed=None, output_format: str = "csv",
                 told_at: str | None = None):
        self.plan, self.header, self.agreement, self.round = plan, header, agreement, round_
        # a Parquet file (its name as shown): a row's problem is told at its row, here
        # (kpidsl/cli/sql.py); for any other input the evaluator scores the whole file instead
        self.told_at = told_at
        self.problems: list[Diagnostic] = []
        self.output_format = output_format
        self.ledger, self.typed = ledger, typed
        self.rows: list[int] = []  # the row number of each unsure row
        self.pooled_by_python = False  # a row the evaluator scored counted in a raise pool
        self.sink = sink
        self.writer = CsvRows(sink)
        self.held: list[str | None] = []  # lines, None where an unsure row's goes
        self.unsure: list[list[str]] = []
        self.count = 0
        self.seen = 0  # the rows of the table the query's lines have given so far, blank ones too

    def line(self, text: str) -> None:
        self.count += 1
        if self.problems:  # the output is to be discarded: only the other rows' problems are looked for
            return
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
        found = _by_python(self.plan, self.header, self.unsure, self.agreement, self.round, self.output_format,
                           self.told_at is not None)
        if isinstance(found, Declined):
            raise _Stop(found)
        if isinstance(found, _Problems):
            self.problems += [attrs.evolve(d, span=_row_span(self.told_at, self.rows[i])) for i, d in found.at_rows]
            self.held, self.unsure, self.rows = [], [], []
            return None
        if self.problems:
            self.held, self.unsure, self.rows = [], [], []
            return None
        lines, pools = found
        if pools:
            if self.ledger is None:
                raise _Stop(Declined(phrase("sql-declined-pool-not-summed")))
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
        super().__init__(declined.reason.en)
        self.declined = declined


# What the evaluator says of rows taken together, which it cannot say of the rows handed to it
# alone: an evaluation given twice (Q006, its first row), a raise pool run over (Q042, all the
# pool's rows). The whole file is then its to tell (for Parquet, Z005).
ACROSS_ROWS = frozenset({"Q006", "Q042"})


@attrs.frozen
class _Problems:
    """What the evaluator said of rows handed to it, each with the index of its row."""

    at_rows: list[tuple[int, Diagnostic]]


def _by_python(plan: dict, header: list[str], rows: list[list[str]], agreement: str | None,
               round_: str | None, output_format: str = "csv",
               told_by_row: bool = False) -> tuple[list[str], list] | _Problems | Declined:
    """The evaluator's lines for ``rows`` (in a file of their own, with the header; in JSON
    each document after the separator that goes before it), or
    Declined when it has anything to say besides them: then it is to score the whole file,
    where what it says has its real place (a problem's line, a duplicate's first row). With
    ``told_by_row`` (a file the evaluator cannot read, Parquet), what it says at a row's lines
    is given back with the row's index instead (_Problems); anything else is still Declined."""
    from ..score.batch import score_records

    if not hasattr(os, "memfd_create"):
        return Declined(phrase("sql-declined-no-memfd"))
    text = io.StringIO(newline="")
    w = CsvRows(text)  # a cell holding a CR quoted: one row as the evaluator reads it
    w.writerow(header)
    starts: list[int] = []  # the line each row begins at (a cell may hold a line feed: a row may span lines)
    if told_by_row:
        line = text.getvalue().count("\n") + 1  # after the header's (a column's name may hold a line feed)
        for row in rows:
            starts.append(line)
            piece = _csv_line(row)  # as ``w`` writes it
            text.write(piece)
            line += piece.count("\n")
    else:
        w.writerows(rows)
    # An anonymous file in memory, named by its descriptor: the evaluator reads it as any file.
    fd = os.memfd_create("kpidsl-rows", getattr(os, "MFD_CLOEXEC", 0))
    try:
        with open(fd, "wb", closefd=False) as f:
            f.write(text.getvalue().encode("utf-8"))
        outcome = score_records(plan, "", Path(f"/proc/self/fd/{fd}"), agreement, round_, output_format, False, "en",
                                 None)
    finally:
        os.close(fd)
    if outcome.diagnostics:
        at_rows = [(bisect.bisect_right(starts, d.span.line) - 1, d) for d in outcome.diagnostics
                   if d.span is not None and starts and d.span.line >= starts[0] and d.code not in ACROSS_ROWS
                   ] if told_by_row else []
        if not at_rows or len(at_rows) != len(outcome.diagnostics):
            return Declined(phrase("sql-declined-row-problem"))
        return _Problems(at_rows)
    if output_format == "json":
        # the documents as the evaluator wrote them: json.dumps of what json.loads reads back
        texts = [",\n" + json.dumps(doc, ensure_ascii=False) for doc in json.loads(outcome.text)]
    else:
        texts = [_csv_line(r) for r in list(csv.reader(io.StringIO(outcome.text, newline="")))[1:]]
    if len(texts) != len(rows):
        return Declined(phrase("sql-declined-row-count"))
    return texts, outcome.pools


def _csv_line(cells: list[str]) -> str:
    return csv_row_line(cells)


def _score(cursor, rows: _Rows) -> int | Declined:
    """Write the query's rows (_lines) in file order, fetched; the number of evaluations, or why not."""
    rows.sink.write(",".join(CSV_HEADER) + "\n")
    try:
        while batch := _fetched(cursor, FETCH):
            _marked("\n".join([row[0] for row in batch]) + "\n", rows)
        rows.flush()
    except _Stop as stop:
        return stop.declined
    return rows.count


def _copied(con, query: str, folder: Path, rows: _Rows) -> int | Declined:
    """Write the query's lines (_lines) as ``_score`` does, DuckDB writing them to a file in
    the run's own ``folder`` (COPY keeps the query's order: preserve_insertion_order) and
    Python copying that file to the sink: no row is handed to Python but the MARK ones
    (400 k rows, bench_sql.py: the fetch and the joins in Python ~0.15-0.2 s CPU). The
    query numbers no row (a window over the table, row_number(), runs on one thread): DuckDB
    runs it on all its threads, and COPY holds the batches it puts in order within
    COPY_MEMORY (4 M rows, two threads: a peak of 363 MiB without the limit, 240 with it,
    as with one thread; bench_sql.py)."""
    lines = folder / "lines.txt"
    con.execute(f"SET memory_limit = '{COPY_MEMORY}'")
    con.execute("SET preserve_insertion_order = true")  # DuckDB's default, which the output's order is
    con.execute(f"COPY (SELECT q.line FROM ({query}) AS q) TO '{_quote(str(lines))}' "
                "(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', NEW_LINE '\\n')")
    con.execute("RESET memory_limit")
    rows.sink.write(",".join(CSV_HEADER) + "\n")
    try:
        with lines.open(encoding="utf-8", newline="") as f:
            rest = ""
            while chunk := f.read(COPY_CHUNK):
                chunk = rest + chunk
                cut = chunk.rfind("\n") + 1
                rest = chunk[cut:]
                _marked(chunk[:cut], rows)
        if rest:
            return Declined(phrase("sql-declined-line-end"))
        rows.flush()
    except _Stop as stop:
        return stop.declined
    finally:
        lines.unlink(missing_ok=True)  # the folder goes after the run; its largest file now
    return rows.count


def _marked(text: str, rows: _Rows) -> None:
    """Write lines of _lines, each ended by a line feed: as they are, or (a MARK line) the
    row's cells through csv.writer or the evaluator's line for its input cells."""
    if MARK not in text and not rows.unsure:  # the usual text: every line made by DuckDB
        rows.sink.write(text)
        n = text.count("\n")
        rows.count += n
        rows.seen += n
        return
    for line in text.split("\n")[:-1]:
        rows.seen += 1
        if line[:1] != MARK:  # a sure line begins with its agreement's name, never MARK
            rows.line(line + "\n")
        elif line[1:2] == _GIVEN:
            rows.to_python([c or "" for c in _unhexed(line[2:])], rows.seen)
        else:
            raw = _unhexed(line[2:])
            cells = [c or "" for c in raw[:7]] + [_plain(raw[7]), _plain(raw[8])]
            for i in _TEXT:
                if cells[i][:1] in FORMULA_STARTS:
                    cells[i] = spreadsheet_safe(cells[i])
            rows.cells(cells)


def _unhexed(text: str) -> list[str | None]:
    """The cells of a MARK line: each its UTF-8 bytes in hex, _NULL for NULL."""
    return [None if h == _NULL else bytes.fromhex(h).decode("utf-8") for h in text.split(",")]


def _fetched(cursor, n: int) -> list[tuple]:
    """``cursor.fetchmany(n)`` with Python's cyclic collector held off: the rows are n new
    tuples, which set off collections of the whole heap that find nothing to free (0.1 s
    CPU at 400 k rows). Tuples of strings and numbers make no cycle; the collector is on
    again for the rest of the loop (the evaluator's rows, kpidsl/score/batch.py)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return cursor.fetchmany(n)
    finally:
        if was_on:
            gc.enable()


def _documents_query(query: str, figures: dict, width: int) -> str:
    """The query's rows as (sure, the columns of `score --format csv`, the nodes' figures
    (kpidsl/sql/documents.py), and for a row the query is not sure of its ``width`` input
    cells, for the evaluator), in the table's order (a row's number is counted: _score_json)."""
    names = [c for nodes in figures.values() for f in nodes for c in (f.value, f.score) if c is not None]
    # a cell read by value as its text here (a text cell's cast is none), for the rows that need it
    given = "[" + ", ".join(f'CAST(q."in#{j}" AS VARCHAR)' for j in range(width)) + "]"
    columns = ", ".join([f"q.{n}" for n in CSV_HEADER] + [f'q."{n}"' for n in names])
    return f"SELECT q.sure, {columns}, CASE WHEN NOT q.sure THEN {given} END FROM ({query}) AS q"


def _score_json(cursor, rows: _Rows, documents) -> int | Declined:
    """Write the query's rows (_documents_query) as JSON documents in file order; the
    number of evaluations, or why not."""
    sure: list = []  # the evaluations of a run of sure rows, written together (json_text.py)

    def write_sure() -> None:
        for text in documents.texts.each(sure):
            rows.line(",\n" + text)
        sure.clear()

    try:
        while batch := cursor.fetchmany(FETCH_FIGURES):
            for row in batch:
                rows.seen += 1
                if row[0]:
                    sure.append(documents.evaluation(row))
                else:
                    write_sure()  # the rows before it first: the file's order
                    rows.to_python([c if c is not None else "" for c in row[-1]], rows.seen)
            write_sure()
        rows.flush()
    except _Stop as stop:
        return stop.declined
    return rows.count


class _Joined:
    """A sink for JSON documents each written after its separator: the first one's is left out."""

    def __init__(self, sink: TextIO):
        self.sink = sink
        self.first = True

    def write(self, text: str) -> None:
        if self.first and text:
            text = text[2:]
            self.first = False
        self.sink.write(text)


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
    line, were each row one line after the header (score_into checks it of a CSV before
    telling; a Parquet file's row n is told so, at line n + 1)."""
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
    from sqlglot import exp

    from .cells import col

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
                e = exp.Anonymous(this="translate", expressions=[e, exp.Literal.string(THAI_DIGITS),
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
    # an evaluation as a 64-bit hash, the distinct hashes counted: one given twice makes fewer
    # than the rows (two evaluations of the same hash, once in 10^12 files of 4 million rows,
    # only send the file to the Python evaluator, which finds no duplicate)
    h = exp.Case(ifs=[exp.If(this=fast.copy(), true=exp.Anonymous(this="hash", expressions=raw))],
                 default=exp.Anonymous(this="hash", expressions=key))
    a = exp.Case(ifs=[exp.If(this=fast.copy(), true=raw[0].copy())], default=key[0].copy())
    keyed = exp.select(exp.alias_(a, "a"), exp.alias_(h, "h")).from_("given")
    # per agreement, fewer evaluations than rows: a hash aggregate, no sort (4 M rows: 3.1-3.4 s
    # CPU against the sort's 4.0-4.2, peak 248-253 MiB against 260-266; bench_sql.py). Grouped,
    # DuckDB spills its distinct hashes past PASS_MEMORY; an ungrouped count(DISTINCT) does not
    # (out of memory at 4 M rows).
    twice = exp.NEQ(this=exp.Count(this=exp.Star()),
                    expression=exp.Count(this=exp.Distinct(expressions=[exp.column("h")])))
    return exp.select("a", twice).from_(keyed.subquery("k")).group_by("a").sql("duckdb")


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


def _lines(query: str, width: int, cared: tuple[str, ...] = ("agreement", "person", "round", "band"),
           whole: tuple[str, ...] = ()) -> str:
    """The query's lines, one a row in the table's order: the `kpidsl score --format csv`
    line without its line feed, made by DuckDB; or, for a row with a text cell to quote or
    neutralise, a MARK line of its cells (as text, for csv.writer); or, for a row the query
    is not sure of, a MARK line of its ``width`` input cells, for the evaluator (_marked,
    which counts the rows: the query numbers none, so that DuckDB runs it on all its threads). The outputs named in ``whole`` are DECIMAL(p, 0): written without a point, as
    plain() would leave them (no plain() to compute: 0.85 % of the query's per-row
    instructions for bench_sql.py's amount). One text column: DuckDB can write the lines
    itself (_copied), and a fetched row is one value, not four."""
    text = ("agreement", "person", "round", "band")
    figures = ("total", "penalty", "final")  # the rest (raise_percent, amount) by plain()

    def cell(name: str) -> str:
        if name in text:
            return f"q.{name}"
        if name in figures or name in whole:
            return f"CAST(q.{name} AS VARCHAR)"
        return _plain_sql(f"CAST(q.{name} AS VARCHAR)")

    def hexed(x: str) -> str:
        return f"coalesce(hex({x}), '{_NULL}')"

    # the person's cell that led the row's PLAIN test holds nothing to care for (kpidsl/sql/cells.py
    # LEAD): the usual row asks no regular expression here (-0.05 s CPU at 400 k rows)
    care = " OR ".join(f"coalesce(regexp_matches(q0.{n}, '{_CARE}'), false)" if n != "person" else
                       f"CASE WHEN q0.lead_plain THEN false ELSE coalesce(regexp_matches(q0.{n}, '{_CARE}'), false) END"
                       for n in cared)
    # DuckDB's concat() takes a NULL as '' and makes the line in one string: a chain of ||
    # makes one string per step (0.65 -> 0.17 s CPU for the lines of 400 k rows, one thread)
    line = "concat(" + ", ',', ".join(cell(n) for n in CSV_HEADER) + ")"
    raw = ", ',', ".join(hexed(f"CAST(q.{n} AS VARCHAR)") for n in CSV_HEADER)
    # a cell read by value (build_query's by_value) made text here, for the evaluator's rows alone
    given = ", ',', ".join(hexed(f'CAST(q."in#{j}" AS VARCHAR)') for j in range(width))
    mark = f"chr({ord(MARK)})"
    return (f"SELECT CASE WHEN q.sure AND NOT care THEN {line} "
            f"WHEN q.sure THEN concat({mark}, '{_CELLS}', {raw}) "
            f"ELSE concat({mark}, '{_GIVEN}', {given}) END AS line "
            f"FROM (SELECT *, ({care}) AS care FROM ({query}) AS q0) AS q")


def _plain_sql(x: str) -> str:
    """kpidsl's plain() of a DECIMAL's text: no trailing zeros, no bare point. DuckDB writes a
    DECIMAL of scale > 0 with a digit before its point and never a negative zero, so what the
    two rtrims leave is never empty nor "-0"; one without a point keeps its zeros (rtrims cost
    a third of the regexp_replace they replaced: 0.32 -> 0.11 s CPU at 400 k rows)."""
    return f"CASE WHEN contains({x}, '.') THEN rtrim(rtrim({x}, '0'), '.') ELSE {x} END"


def _quoted_name(name: str) -> str:
    return name.replace('"', '""')


def _quote(text: str) -> str:
    return text.replace("'", "''")

