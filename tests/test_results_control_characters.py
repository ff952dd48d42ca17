"""Control characters a results cell carries into kpidsl's outputs: one meaning whatever the
input (CSV, JSON, a filled workbook, Parquet) and whichever engine scores it.

- A NUL (U+0000) is refused wherever it is, as the CSV reader refuses it (F005): at its cell
  (Q053) in a workbook (`_x0000_`), a JSON string (`\\u0000`) and a Parquet cell (told at its
  row, the column named). It never reaches an output (a NUL in a CSV stops programs that read
  it as C strings; spreadsheets drop what follows it).
- Any other control character (ESC, BEL, C1, bidi overrides and isolates, U+2028/2029) is
  data: kept as it is in the machine outputs (CSV, JSON), shown escaped wherever a person
  reads text (the text report, a scores workbook, diagnostics), the same bytes from every
  input and from both engines.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES_2554 = str(ROOT / "rules" / "2554")
RULES_2555 = str(ROOT / "rules" / "2555")
INDIVIDUALS = ROOT / "tests" / "data" / "score" / "individuals_2554.csv"
DEPT_JSON = ROOT / "tests" / "data" / "score" / "dept_example_2555.json"
SHEET = "ผลการประเมิน"
ENGINES = ["python", "sql"]

# ESC (a terminal's commands), BEL, a C1 control (CSI), a bidi override, a bidi isolate, the
# line separator; each between two letters of a person's name
KEPT = ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2028"]
SHOWN = {"\x1b": "\\x1b", "\x07": "\\x07", "\x9b": "\\x9b", "\u202e": "\\u202e", "\u2066": "\\u2066",
         "\u2028": "\\u2028"}


def _run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _told(stderr: str) -> list[tuple[str, int | None, str]]:
    """(place's last part, line or None, code) of each diagnostic told, in order."""
    return [(Path(where).name, int(n) if n else None, code) for where, n, code in
            re.findall(r"^(.+?)(?::(\d+):\d+)?: ([A-Z]\d{3}) (?:error|warning)", stderr, re.M)]


def _individuals() -> tuple[list[str], list[str]]:
    with INDIVIDUALS.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1]


def _janya_as(person: str) -> tuple[list[str], list[str]]:
    header, janya = _individuals()
    i = header.index("person")
    return header, janya[:i] + [person] + janya[i + 1:]


def _escaped_for_xlsx(text: str) -> str:
    """``text`` as a workbook stores it: a control character as its `_xHHHH_` escape (an XML
    text cannot hold one), the way Excel saves a cell that holds it."""
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n" else c for c in text)


def _book(path: Path, header: list[str], *rows: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(header)
    for row in rows:
        ws.append([_escaped_for_xlsx(c) for c in row])
    wb.save(path)
    return path


def _csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return path


def _parquet(path: Path, header: list[str], *rows: list[str]) -> Path:
    """A Parquet file of text columns holding ``rows`` exactly (control characters, a NUL
    too: DuckDB's CSV reader would not take a NUL, so the cells come in as a VALUES list)."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()

    def literal(cell: str) -> str:
        return "(" + " || ".join(f"chr({ord(c)})" for c in cell) + ")" if cell else "''"

    names = ", ".join('"' + h.replace('"', '""') + '"' for h in header)
    values = ", ".join("(" + ", ".join(literal(c) for c in row) + ")" for row in rows)
    con.execute(f"COPY (SELECT * FROM (VALUES {values}) AS t({names})) TO '{path}' (FORMAT parquet)")
    return path


# ---- a NUL is refused at its cell, whatever the input --------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("column", "letter", "cell"), [("person", "C", "a\x00b"), ("agreement", "A", "janya_2554_r1\x00"),
                                                        ("j1:score", "E", "3\x005")])
def test_a_nul_in_a_workbook_cell_is_told_at_its_cell_and_nothing_is_written(tmp_path, engine, column, letter, cell):
    # `_x0000_` read as a NUL was scored, and `score --format csv` wrote the NUL raw (session 27)
    header, janya = _individuals()
    somsak = list(csv.reader(INDIVIDUALS.open(encoding="utf-8")))[2]
    i = header.index(column)
    book = _book(tmp_path / "book.xlsx", header, janya[:i] + [cell] + janya[i + 1:], somsak)
    out = tmp_path / "out.csv"
    r = _run("score", RULES_2554, "--results", book, "--format", "csv", "--engine", engine, "-o", out, "--lang", "en")
    assert r.exit_code == 1, r.output
    assert [(w, c) for w, _, c in _told(r.stderr)] == [(f"book.xlsx › {SHEET}!{letter}2", "Q053")]
    assert f"`{column}`" in r.stderr and "\x00" not in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("column", "letter"), [("j1:score", "E"), ("person", "C"), ("agreement", "A")])
def test_a_nul_in_a_workbook_header_cell_is_told_at_its_cell_as_in_a_row(tmp_path, engine, column, letter):
    # `j1:score` + NUL named no column: Janya's figure under it was told as Q002 (an unknown
    # indicator), and `agreement` + NUL as a sheet without an entry table (J004)
    header, janya = _individuals()
    somsak = list(csv.reader(INDIVIDUALS.open(encoding="utf-8")))[2]
    i = header.index(column)
    book = _book(tmp_path / "book.xlsx", header[:i] + [_escaped_for_xlsx(f"{column}\x00")] + header[i + 1:], janya, somsak)
    out = tmp_path / "out.csv"
    r = _run("score", RULES_2554, "--results", book, "--format", "csv", "--engine", engine, "-o", out, "--lang", "en")
    assert r.exit_code == 1, r.output
    assert [(w, c) for w, _, c in _told(r.stderr)] == [(f"book.xlsx › {SHEET}!{letter}1", "Q053")], r.stderr
    assert "\x00" not in r.stderr and not out.exists()


def test_a_nul_in_a_workbook_cell_is_told_in_thai(tmp_path):
    header, janya = _janya_as("a\x00b")
    book = _book(tmp_path / "book.xlsx", header, janya)
    r = _run("score", RULES_2554, "--results", book)
    assert r.exit_code == 1 and "Q053" in r.stderr and "NUL" in r.stderr and "ช่อง" in r.stderr


def test_the_text_report_of_a_workbook_with_a_nul_is_refused_too(tmp_path):
    header, janya = _janya_as("a\x00b")
    book = _book(tmp_path / "book.xlsx", header, janya)
    r = _run("score", RULES_2554, "--results", book, "--lang", "en")
    assert r.exit_code == 1 and r.stdout == "" and [c for _, _, c in _told(r.stderr)] == ["Q053"]


def test_render_with_results_refuses_a_workbook_with_a_nul(tmp_path):
    header, janya = _janya_as("a\x00b")
    book = _book(tmp_path / "book.xlsx", header, janya)
    out = tmp_path / "forms"
    r = _run("render", RULES_2554, "--results", book, "-o", out, "--lang", "en")
    assert r.exit_code == 1 and [c for _, _, c in _told(r.stderr)] == ["Q053"]
    assert not out.exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_nul_in_a_csv_is_refused_by_either_engine_as_binary(tmp_path, engine):
    # the SQL engine read the CSV with DuckDB, which took the NUL as a character and wrote it
    header, janya = _janya_as("a\x00b")
    path = _csv(tmp_path / "results.csv", header, janya)
    out = tmp_path / "out.csv"
    args = ["score", RULES_2554, "--results", path, "--format", "csv", "--lang", "en"]
    r = _run(*args, "--engine", engine, "-o", out)
    by_python = _run(*args, "--engine", "python")
    assert (r.exit_code, r.stderr) == (1, by_python.stderr)
    assert "F005" in r.stderr and not out.exists()


@pytest.mark.parametrize("where", ["past the head", "control characters at the start"])
def test_a_csv_the_evaluator_refuses_as_not_text_is_refused_by_the_sql_engine_alike(tmp_path, where):
    # past the 64 KiB the results reader decodes first: the NUL is met row by row; ESCs in the
    # first 2,000 characters: decode()'s share of control characters (F005 at the first)
    header, janya = _individuals()
    i = header.index("person")
    rows = [janya[:i] + [f"p{n}"] + janya[i + 1:] for n in range(2_000)]
    if where == "past the head":
        rows[-1][i] = "a\x00b"
    else:
        rows[0][i] = "\x1b" * 30
    path = _csv(tmp_path / "results.csv", header, *rows)
    assert path.stat().st_size > 64 * 1024
    out = tmp_path / "out.csv"
    args = ["score", RULES_2554, "--results", path, "--format", "csv", "--lang", "en"]
    r = _run(*args, "--engine", "sql", "-o", out)
    by_python = _run(*args, "--engine", "python")
    assert (r.exit_code, r.stderr, by_python.exit_code) == (1, by_python.stderr, 1)
    assert [c for _, _, c in _told(r.stderr)] == ["F005"] and not out.exists()


def test_a_nul_in_a_json_string_is_told_at_the_string(tmp_path):
    record = json.loads(DEPT_JSON.read_text(encoding="utf-8"))
    record["person"] = "a\x00b"
    path = tmp_path / "results.json"
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    out = tmp_path / "out.csv"
    r = _run("score", RULES_2555, "--results", path, "--format", "csv", "-o", out, "--lang", "en")
    assert r.exit_code == 1, r.output
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if '"person"' in text)
    assert _told(r.stderr) == [("results.json", line, "Q053")]
    assert "`person`" in r.stderr and not out.exists()


def test_a_nul_in_a_json_key_is_told_at_the_key(tmp_path):
    text = DEPT_JSON.read_text(encoding="utf-8").replace('"1.1.2"', '"1.1.2\\u0000"')
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    r = _run("score", RULES_2555, "--results", path, "--format", "csv", "--lang", "en")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"1.1.2\\u0000"' in t)
    assert r.exit_code == 1 and _told(r.stderr) == [("results.json", line, "Q053")]


def test_a_backslash_and_u0000_written_in_json_is_text_not_a_nul(tmp_path):
    record = json.loads(DEPT_JSON.read_text(encoding="utf-8"))
    record["person"] = "a\\u0000b"  # six characters, as a person may type them
    path = tmp_path / "results.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    r = _run("score", RULES_2555, "--results", path, "--format", "csv", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "dept_example_2555,a\\u0000b,,3.5282," in r.stdout


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_a_nul_in_a_parquet_cell_is_told_at_its_row_with_its_column(tmp_path, output_format):
    pytest.importorskip("duckdb")
    header, janya = _individuals()
    _, nul = _janya_as("a\x00b")
    path = _parquet(tmp_path / "results.parquet", header, janya[:2] + ["x"] + janya[3:], nul)
    out = tmp_path / f"out.{output_format}"
    r = _run("score", RULES_2554, "--results", path, "--format", output_format, "--engine", "sql", "-o", out,
             "--lang", "en")
    assert r.exit_code == 1, r.output
    assert _told(r.stderr) == [("results.parquet", 3, "Q053")]  # row 2
    assert "`person`" in r.stderr and "Z005" not in r.stderr and not out.exists()


# ---- any other control character is data: one meaning from every input -----------------------------------


def _inputs(tmp_path: Path, person: str) -> dict[str, Path]:
    header, janya = _janya_as(person)
    somsak = list(csv.reader(INDIVIDUALS.open(encoding="utf-8")))[2]
    made = {"csv": _csv(tmp_path / "r.csv", header, janya, somsak),
            "xlsx": _book(tmp_path / "r.xlsx", header, janya, somsak)}
    if _have("duckdb"):
        made["parquet"] = _parquet(tmp_path / "r.parquet", header, janya, somsak)
    return made


def _have(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("ch", KEPT, ids=[f"U+{ord(c):04X}" for c in KEPT])
@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_a_control_character_is_kept_as_data_the_same_bytes_from_every_input_and_engine(tmp_path, ch, output_format):
    outs = {}
    for kind, path in _inputs(tmp_path, f"a{ch}b").items():
        for engine in ENGINES if kind != "parquet" else ["sql"]:
            if kind == "xlsx" and output_format == "json" and engine == "sql":
                continue  # the same path as python: the SQL engine writes JSON of CSV and Parquet
            r = _run("score", RULES_2554, "--results", path, "--format", output_format, "--engine", engine)
            assert r.exit_code == 0, (kind, engine, r.output)
            outs[kind, engine] = r.stdout
    assert len(set(outs.values())) == 1, outs
    text = next(iter(outs.values()))
    if output_format == "csv":
        assert f"\njanya_2554_r1,a{ch}b,1,70.8000,,70.8000,good,3,920\n" in text
    else:
        assert json.loads(text)[0]["person"] == f"a{ch}b"


@pytest.mark.parametrize("person", ["a\rb", "x\r=1+1", "a\r\nb"])
def test_a_carriage_return_in_a_cell_is_quoted_in_the_csv_one_row_read_back(tmp_path, person):
    # csv.writer with lineterminator "\n" left a lone CR bare: every CSV reader (a spreadsheet,
    # Python's universal newlines) read the row as two, the second starting with what followed
    # the CR, a formula the `'` in front of the cell never reached. A workbook keeps a CR
    # (`_x000D_`, as Excel saves it), a Parquet cell too; a CSV's reader reads one as a line end.
    header, janya = _janya_as(person)
    inputs = {"xlsx": _book(tmp_path / "r.xlsx", header, janya)}
    if _have("duckdb"):
        inputs["parquet"] = _parquet(tmp_path / "r.parquet", header, janya)
    expected = "janya_2554_r1,\"" + person.replace('"', '""') + "\",1,70.8000,,70.8000,good,3,920\n"
    for kind, path in inputs.items():
        for engine in ENGINES if kind != "parquet" else ["sql"]:
            out = tmp_path / f"{kind}-{engine}.csv"
            r = _run("score", RULES_2554, "--results", path, "--format", "csv", "--engine", engine, "-o", out)
            assert r.exit_code == 0, (kind, engine, r.output)
            text = out.read_bytes().decode("utf-8-sig")
            assert text.endswith("\n" + expected), (kind, engine, text)
            with out.open(encoding="utf-8-sig", newline=None) as f:  # universal newlines: CR, LF, CRLF
                rows = list(csv.reader(f))
            assert len(rows) == 2 and rows[1][1] == person.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(("row", "line"), [
    (["a\rb", "c"], '"a\rb",c\n'), (["a", "b"], "a,b\n"), (["a\r\nb", 1], '"a\r\nb",1\n'),
    ([1, "x\r=1"], '1,"x\r=1"\n'), (['x"y', None], '"x""y",\n'), (["a\nb"], '"a\nb"\n')])
def test_csv_rows_quote_a_carriage_return_and_are_csv_writer_s_otherwise(row, line):
    from kpidsl.outputs.cells import CsvRows, csv_row_line

    assert csv_row_line(row) == line
    buffer = io.StringIO()
    CsvRows(buffer).writerows([row, row])
    assert buffer.getvalue() == line * 2
    # read back by the csv module: the same cells, one row each
    assert list(csv.reader(io.StringIO(line * 2, newline=""))) == [["" if c is None else str(c) for c in row]] * 2


@pytest.mark.parametrize("ch", KEPT, ids=[f"U+{ord(c):04X}" for c in KEPT])
def test_a_control_character_is_shown_escaped_in_the_text_report_from_every_input(tmp_path, ch):
    reports = set()
    for kind, path in _inputs(tmp_path, f"a{ch}b").items():
        if kind == "parquet":
            continue  # the text report is the evaluator's, which reads no Parquet (Z004)
        r = _run("score", RULES_2554, "--results", path, "--lang", "en")
        assert r.exit_code == 0, r.output
        assert f"  person: a{SHOWN[ch]}b" in r.stdout.splitlines() and ch not in r.stdout
        reports.add(r.stdout)
    assert len(reports) == 1


@pytest.mark.parametrize("ch", KEPT, ids=[f"U+{ord(c):04X}" for c in KEPT])
def test_a_control_character_in_a_cell_a_diagnostic_quotes_is_shown_escaped(tmp_path, ch):
    header, janya = _individuals()
    i = header.index("j1:score")
    row = janya[:i] + [f"3{ch}5"] + janya[i + 1:]
    for kind, path in (("csv", _csv(tmp_path / "r.csv", header, row)), ("xlsx", _book(tmp_path / "r.xlsx", header, row))):
        r = _run("score", RULES_2554, "--results", path, "--lang", "en")
        assert r.exit_code == 1 and [c for _, _, c in _told(r.stderr)] == ["Q003"], (kind, r.stderr)
        assert f"3{SHOWN[ch]}5" in r.stderr and ch not in r.stderr


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_libreoffice_opens_a_scores_workbook_of_control_characters_from_a_workbook(tmp_path):
    from tests.libreoffice import first_sheet_csv

    header, janya = _individuals()
    i = header.index("person")
    book = _book(tmp_path / "in.xlsx", header, *[janya[:i] + [f"p{n} a{ch}b"] + janya[i + 1:]
                                                 for n, ch in enumerate(KEPT)])
    out = tmp_path / "scores.xlsx"
    r = _run("score", RULES_2554, "--results", book, "--format", "xlsx", "-o", out)
    assert r.exit_code == 0, r.output
    converted = list(csv.reader(first_sheet_csv(out, tmp_path).read_text(encoding="utf-8").splitlines()))
    assert [row[1] for row in converted[1:]] == [f"p{n} a{SHOWN[ch]}b" for n, ch in enumerate(KEPT)]


@pytest.mark.parametrize("person", ["a\rb", "a\r\nb", "a\r\rb\rc"])
def test_a_carriage_return_in_a_quoted_csv_cell_comes_back_as_written(tmp_path, person):
    # A workbook's results made a CSV (kpidsl/xlsx/read.py write_csv: CsvRows quotes a cell
    # holding a CR) and read back: the reader's universal newlines had read a quoted CR as an LF
    # (`a\rb` → `a\nb`), another person than the workbook's and JSON's `a\rb`. A name or a
    # note is data, kept as written whatever the input (this module's docstring).
    from kpidsl.xlsx.read import write_csv

    header, janya = _janya_as(person)
    book = _book(tmp_path / "r.xlsx", header, janya)
    made = tmp_path / "r.csv"
    with made.open("w", encoding="utf-8", newline="") as f:
        assert write_csv(book, f) == []
    assert ('"' + person + '"').encode() in made.read_bytes()
    outs = {}
    for path in (book, made):
        for engine in ENGINES if path == made else ["python"]:
            r = _run("score", RULES_2554, "--results", path, "--format", "json", "--engine", engine)
            assert r.exit_code == 0, (path.name, engine, r.output)
            outs[path.suffix, engine] = r.stdout
            assert [p["person"] for p in json.loads(r.stdout)] == [person], (path.name, engine)
    assert len(set(outs.values())) == 1, outs


def test_a_cell_after_a_quoted_carriage_return_is_told_at_its_own_line_and_column(tmp_path):
    # a CR alone in a quoted cell ends a line, as a spreadsheet and the reader's line count have
    # it; in a file of LF lines and in one of CR LF lines (csv.writer's own: it quotes a CR)
    from kpidsl.outputs.cells import CsvRows

    header, janya = _janya_as("a\rb")
    i = header.index("j1:score")
    rows = [header, janya[:i] + ["3x"] + janya[i + 1:], janya[:i] + ["3y"] + janya[i + 1:]]
    column = len('b",') + sum(len(c) + 1 for c in janya[header.index("person") + 1:i]) + 1
    for name, write in (("lf.csv", lambda f: CsvRows(f).writerows(rows)),
                        ("crlf.csv", lambda f: csv.writer(f).writerows(rows))):
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as f:
            write(f)
        r = _run("score", RULES_2554, "--results", path, "--lang", "en")
        assert r.exit_code == 1, r.stderr
        told = re.findall(r"^\S+?:(\d+):(\d+): ([A-Z]\d{3}) ", r.stderr, re.M)
        # each record is known by its last line (kpidsl/score/results/csv_input.py read_row)
        assert told == [("3", str(column), "Q003"), ("5", str(column), "Q003"), ("5", "1", "Q006")], (name, r.stderr)
