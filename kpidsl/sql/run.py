"""`kpidsl score --engine sql`: the compiled query run on embedded DuckDB.

A results CSV is read by DuckDB (every cell as text, in file order), scored by the
query of each agreement it names (kpidsl/sql/query.py), and written as
`kpidsl score --format csv` writes it. The SQL engine answers only when it is sure of
every row; otherwise (a row it is not sure of, a JSON or folder input, JSON output,
a construct it does not compile) ``score_csv`` says why it declines and the Python
evaluator scores the input, so the output and the diagnostics are always the
evaluator's.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
from sqlglot import exp

from ..outputs.cells import FORMULA_STARTS, spreadsheet_safe
from ..plan.read import plan_of
from .cells import col, split_header, stripped
from .compiler import OUTPUTS, Unsupported
from .exact import NotExact
from .query import build_query, to_sql

ROW = "__row"
# The columns of `kpidsl score --format csv`, in its order (kpidsl/score/report.py).
CSV_HEADER = OUTPUTS
_TEXT = (0, 1, 2, 6)  # agreement, person, round, band: text from the rule files or the results
FETCH = 50_000


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


def score_csv(plan: dict, results: Path, agreement: str | None, round_: str | None) -> str | Declined:
    """The CSV text `kpidsl score --format csv` gives for ``results``, or why not."""
    try:
        import duckdb
    except ImportError:
        return Declined("duckdb is not installed")
    if results.is_dir() or results.suffix.lower() != ".csv":
        return Declined("only a CSV file is read by the SQL engine")
    header = _header(results)
    if not header:
        return Declined("the file has no header the SQL engine reads")
    typed = plan_of(plan)  # read once with the rest of the command (kpidsl.plan.read)
    con = duckdb.connect()
    try:
        columns = "{" + ", ".join(f"'{_quote(h)}': 'VARCHAR'" for h in header) + "}"
        source = (f"read_csv('{_quote(str(results))}', header=true, auto_detect=false, columns={columns}, "
                  "delim=',', quote='\"', escape='\"', null_padding=true, strict_mode=true)")
        con.execute(f"CREATE VIEW results AS SELECT row_number() OVER () AS {ROW}, * FROM {source}")
        # one pass over the file: the agreements it names, and whether an evaluation comes twice
        found = con.execute(_agreements(header, agreement, round_)).fetchall()
        if any(twice for _, twice in found):
            return Declined("an evaluation is given twice")
        known = sorted(i for i, _ in found if i in typed.agreements_by_id)
        if not known:
            return Declined("no agreement of the rule set in the file")
        query = build_query(typed, known, header, default_agreement=agreement, default_round=round_,
                            row_column=ROW, duplicates=False)
        text = _score(con, _lines(to_sql(query, "duckdb")))
        return text if text is not None else _score(con, _lines(to_sql(query, "duckdb"), ordered=True))
    except (Unsupported, NotExact) as e:
        return Declined(str(e))
    except duckdb.Error as e:  # a file DuckDB cannot read as the evaluator does, an overflow
        return Declined(f"DuckDB: {str(e).splitlines()[0]}")
    finally:
        con.close()


def _score(con, sql: str) -> str | Declined | None:
    """The CSV text, or None when DuckDB gave the rows out of order (then run it ordered)."""
    cursor = con.execute(sql)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    expected = 1
    while True:
        rows = cursor.fetchmany(FETCH)
        if not rows:
            break
        for row in rows:
            if row[0] != expected:
                return None
            expected += 1
            if row[1] is not True:
                return Declined(f"row {row[0]} needs the Python evaluator")
            if row[2] is not None:
                out.write(row[2])
                continue
            cells = [row[3] or "", row[4] or "", row[5] or "", row[6] or "", row[7] or "", row[8] or "",
                     row[9] or "", _plain(row[10]), _plain(row[11])]
            for i in _TEXT:
                if cells[i][:1] in FORMULA_STARTS:
                    cells[i] = spreadsheet_safe(cells[i])
            writer.writerow(cells)
    return out.getvalue()


# A text cell csv.writer would quote, or kpidsl/outputs/cells.py would neutralise: that row
# is written by Python.
_CARE = r"^[-=+@\t\r]|[\",\r\n]"


def _agreements(header: list[str], agreement: str | None, round_: str | None) -> str:
    """Each agreement the table names, and whether one of its evaluations (agreement,
    person, round: the reader's Q006) is given more than once."""
    metas = {}
    for name in header:
        meta, _, _ = split_header(name)
        if meta:
            metas[meta] = name

    def text(name: str, default: str | None) -> exp.Expression:
        e = stripped(col(metas[name])) if name in metas else exp.Null()
        return exp.Coalesce(this=e, expressions=[exp.Literal.string(default) if default else exp.Null()])

    key = [text("agreement", agreement), text("person", None), text("round", round_)]
    per = exp.select(exp.alias_(key[0], "a"), exp.alias_(exp.Count(this=exp.Star()), "n")).from_("results") \
        .group_by(*key)
    return exp.select("a", exp.GT(this=exp.Max(this=exp.column("n")), expression=exp.Literal.number(1))) \
        .from_(per.subquery("per")).group_by("a").sql("duckdb")


def _lines(query: str, ordered: bool = False) -> str:
    """The query's rows as `kpidsl score --format csv` lines, made by DuckDB; a row with a
    text cell to quote or neutralise gives its cells instead (as text), for csv.writer."""
    text = ("agreement", "person", "round", "band")
    figures = ("total", "penalty", "final")
    plain = ("raise_percent", "amount")

    def cell(name: str) -> str:
        if name in text:
            return f"coalesce(q.{name}, '')"
        if name in figures:
            return f"coalesce(CAST(q.{name} AS VARCHAR), '')"
        return f"coalesce(({_plain_sql(f'CAST(q.{name} AS VARCHAR)')}), '')"

    care = " OR ".join(f"coalesce(regexp_matches(q0.{n}, '{_CARE}'), false)" for n in text)
    line = " || ',' || ".join(cell(n) for n in CSV_HEADER) + " || chr(10)"
    raw = ", ".join(f"CASE WHEN care THEN CAST(q.{n} AS VARCHAR) END" for n in CSV_HEADER)
    return (f"SELECT q.row, q.sure, CASE WHEN NOT care THEN {line} END, {raw} "
            f"FROM (SELECT *, ({care}) AS care FROM ({query}) AS q0) AS q" + (" ORDER BY q.row" if ordered else ""))


def _plain_sql(x: str) -> str:
    """kpidsl's plain() of a DECIMAL's text: no trailing zeros, no bare point."""
    trimmed = f"rtrim(rtrim({x}, '0'), '.')"
    return f"CASE WHEN {x} LIKE '%.%' THEN CASE WHEN {trimmed} IN ('', '-') THEN '0' ELSE {trimmed} END ELSE {x} END"


def _quote(text: str) -> str:
    return text.replace("'", "''")

