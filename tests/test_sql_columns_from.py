"""`kpidsl sql --columns-from RESULTS_CSV`: the query over a table named as a results file's
header names its columns (not only the columns `kpidsl workbook` writes), and a header that
cannot be read is told as `kpidsl score --results` tells it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

ROOT = Path(__file__).resolve().parent.parent


def _sql(*args: str):
    return CliRunner().invoke(main, ["sql", *args, "--lang", "en"])


def _run(query: str, results: Path) -> list[list[str]]:
    """The query's rows on DuckDB over ``results`` (every cell text), as CSV cells."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE results AS SELECT * FROM read_csv('{results}', header = true, all_varchar = true)")
    cursor = con.execute(query.rstrip().rstrip(";"))
    names = [d[0] for d in cursor.description]
    return [[("" if v is None else f"{v:f}" if hasattr(v, "as_tuple") else str(v)) for v in row]
            for row in ([dict(zip(names, r)) for r in cursor.fetchall()])
            for row in [[row[n] for n in names if n != "sure"]]]


def _scored(ruleset: str, results: Path) -> list[list[str]]:
    done = CliRunner().invoke(main, ["score", str(ROOT / ruleset), "--results", str(results), "--format", "csv"])
    assert done.exit_code == 0, done.output
    return list(csv.reader(io.StringIO(done.stdout)))[1:]


@pytest.mark.parametrize("ruleset, agreement, results", [
    ("rules/2555", "dept_example_2555", "examples/results_2555.csv"),  # no person column; a formula, a survey
    ("rules/2554", "janya_2554_r1", "examples/janya.csv"),  # scores given (j1:score), no round column
])
def test_the_query_over_a_results_files_own_columns_gives_the_evaluators_figures(ruleset, agreement, results):
    plain = _sql(str(ROOT / ruleset), "--agreement", agreement)
    named = _sql(str(ROOT / ruleset), "--agreement", agreement, "--columns-from", str(ROOT / results))
    assert plain.exit_code == named.exit_code == 0
    assert plain.stdout != named.stdout
    with pytest.raises(duckdb.Error):  # the workbook's columns are not that file's
        _run(plain.stdout, ROOT / results)
    assert _run(named.stdout, ROOT / results) == _scored(ruleset, ROOT / results)


def test_a_header_with_a_byte_order_mark_names_the_same_columns(tmp_path):
    marked = tmp_path / "results.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + (ROOT / "examples/results_2555.csv").read_bytes())
    args = [str(ROOT / "rules/2555"), "--agreement", "dept_example_2555", "--columns-from"]
    assert _sql(*args, str(marked)).stdout == _sql(*args, str(ROOT / "examples/results_2555.csv")).stdout


@pytest.mark.parametrize("name, content, status, code", [
    ("missing.csv", None, 2, "F001"),
    ("empty.csv", b"", 1, "Q025"),
    ("marks.csv", b"\xef\xbb\xbf" * 2, 1, "Q025"),  # two byte-order marks and nothing else
    ("utf16.csv", "agreement,round\n".encode("utf-16"), 1, "F004"),
])
def test_a_header_that_cannot_be_read_is_told_located(tmp_path, name, content, status, code):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    done = _sql(str(ROOT / "rules/2555"), "--agreement", "dept_example_2555", "--columns-from", str(path))
    assert done.exit_code == status
    assert f"{code} error" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_folder_is_not_a_header(tmp_path):
    args = [str(ROOT / "rules/2555"), "--agreement", "dept_example_2555", "--columns-from", str(tmp_path)]
    empty = _sql(*args)
    assert (empty.exit_code, "Q008 error" in empty.stderr, empty.stdout) == (2, True, "")
    (tmp_path / "results.csv").write_bytes((ROOT / "examples/results_2555.csv").read_bytes())
    holding = _sql(*args)  # a folder of results files: which header would it be?
    assert (holding.exit_code, "--columns-from" in holding.stderr, holding.stdout) == (2, True, "")


@pytest.mark.parametrize("extra, what, where", [
    (",,,", "a column without a name", "(#26)"),  # Excel keeps columns someone once formatted
    (",1.1.1,5,1.1.1", "a column named twice", "(1.1.1, 5)"),
    # printed inside a quoted name, a line separator or a bidi override shows the query otherwise
    # than it runs: `note\u2028DROP TABLE results` as a line of its own in an editor
    (",note\u2028DROP TABLE results", "a column whose name holds a character no one sees",
     "(note\\u2028DROP TABLE results)"),
    (",\u202enote", "a column whose name holds a character no one sees", "(\\u202enote)"),
])
def test_columns_a_query_cannot_name_are_named_in_the_refusal(tmp_path, extra, what, where):
    """The reader passes over a blank header (kpidsl/score/results/header.py) and tells a column
    named twice; a query can name neither, so `kpidsl sql` refuses (Z003), saying which column,
    not listing the whole header."""
    header = (ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "results.csv"
    path.write_text(header + extra + "\n", encoding="utf-8")
    result = _sql(str(ROOT / "rules" / "2555"), "--agreement", "dept_example_2555", "--columns-from", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"kpidsl: Z003: {what} {where} is not compiled")


def test_a_header_cell_holding_a_line_end_names_its_column_whole(tmp_path):
    """A quoted header cell may hold a line end (a note typed with Alt+Enter in Excel): the
    header is still the file's first CSV record, as `kpidsl score` reads it, not its first
    line (which named a column `note` the table does not have and lost those after it)."""
    rows = list(csv.reader(io.StringIO((ROOT / "examples/results_2555.csv").read_text(encoding="utf-8"))))
    rows[0].insert(3, "note\nfor the reader")
    for row in rows[1:]:
        row.insert(3, "")
    results = tmp_path / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    done = _sql(str(ROOT / "rules/2555"), "--agreement", "dept_example_2555", "--columns-from", str(results))
    assert done.exit_code == 0, done.stderr
    con = duckdb.connect()  # DuckDB's read_csv cannot sniff such a header: the table is made here
    con.execute("CREATE TABLE results ({})".format(", ".join('"{}" VARCHAR'.format(h) for h in rows[0])))
    con.executemany(f"INSERT INTO results VALUES ({', '.join('?' * len(rows[0]))})",
                    [[cell or None for cell in row] for row in rows[1:]])
    cursor = con.execute(done.stdout.rstrip().rstrip(";"))
    names = [d[0] for d in cursor.description]
    got = [["" if v is None else f"{v:f}" if hasattr(v, "as_tuple") else str(v)
            for n, v in zip(names, row) if n != "sure"] for row in cursor.fetchall()]
    assert got == _scored("rules/2555", results)
