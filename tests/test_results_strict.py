"""Numbers in results files are read by one written grammar (kpidsl/score/number_cells.py);
everything outside it, duplicate JSON keys, JSON nested too deep and files too large are
located diagnostics. Each case goes through `kpidsl score` and through score_records on the
fast batch path, the engine path and the explaining path: all four say the same."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score import results as results_module
from kpidsl.score.batch import score_records
from kpidsl.score.number_cells import MAX_DIGITS, read_number
from kpidsl.score.results.header import MAX_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "score"
HEADER = ("agreement,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score")
GOOD_ROW = "dept_example_2555,82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"
LOCATED = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) error: ", re.MULTILINE)
GOOD_JSON = (DATA / "dept_example_2555.json").read_text(encoding="utf-8")


@pytest.fixture
def work(tmp_path, monkeypatch, shipped_plan):
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    monkeypatch.chdir(tmp_path)
    return shipped_plan("2555")


def csv_with(column: str, text: str) -> tuple[str, int]:
    """A results CSV whose ``column`` cell holds ``text`` (quoted when it has a comma) in
    row 2: the file and the 1-based column where that cell starts."""
    header = HEADER.split(",")
    cells = GOOD_ROW.split(",")
    i = header.index(column)
    cells[i] = f'"{text}"' if "," in text else text
    Path("r.csv").write_text(HEADER + "\n" + ",".join(cells) + "\n", encoding="utf-8")
    return "r.csv", sum(len(c) + 1 for c in cells[:i]) + 1


def located(plan: dict, results: str) -> list[tuple[str, str, int, int]]:
    """(code, path, line, column) of each diagnostic, the same from the command and from
    every scoring path (asserted here)."""
    seen = []
    result = CliRunner().invoke(main, ["score", "2555", "--results", results, "--format", "csv", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    seen.append([(m["code"], m["path"], int(m["line"]), int(m["column"])) for m in LOCATED.finditer(result.stderr)])
    for fmt, explain, fast in (("csv", False, True), ("csv", False, False), ("json", False, True),
                               ("text", True, True), ("json", True, False)):
        outcome = score_records(plan, "2555", Path(results), None, None, fmt, explain, "en", None, fast=fast)
        assert outcome.count == 0 or outcome.diagnostics
        seen.append([(d.code, d.span.path, d.span.line, d.span.column) for d in outcome.diagnostics])
    assert all(s == seen[0] for s in seen), seen
    return seen[0]


# ---- the grammar itself ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("78", "78"), ("82.50", "82.50"), (" 96% ", "96"), ("96 %", "96"), ("-0.5", "-0.5"), ("+3", "3"),
    (".5", "0.5"), ("5.", "5"), ("1,000.5", "1000.5"), ("12,530", "12530"), ("1,234,567", "1234567"),
    ("๗๘", "78"), ("๑,๐๐๐.๕", "1000.5"), ("0" * 60 + "1", "1"), ("9" * MAX_DIGITS, "9" * MAX_DIGITS),
])
def test_accepted_numbers(text, value):
    assert str(read_number(text)) == value


@pytest.mark.parametrize("text, code", [
    ("1.000,5", "Q012"), ("1,00", "Q012"), ("10,00,000", "Q012"), ("1,000,", "Q012"), (",5", "Q012"),
    ("１２", "Q013"), ("١٢", "Q013"), ("۱۲", "Q013"), ("12５", "Q013"),
    ("9" * (MAX_DIGITS + 1), "Q014"), ("0." + "1" * (MAX_DIGITS + 1), "Q014"),
    ("1e5", "Q003"), ("8 8", "Q003"), ("96%%", "Q003"), ("NaN", "Q003"), ("Infinity", "Q003"), ("-", "Q003"),
    (".", "Q003"), ("1,2.3.4", "Q003"), ("- 5", "Q003"), ("0x10", "Q003"),
])
def test_refused_numbers(text, code):
    assert read_number(text).code == code


def test_the_foreign_digit_is_named():
    problem = read_number("١٢")
    assert (problem.fields["char"], problem.fields["codepoint"]) == ("١", "U+0661")


def test_a_100000_digit_number_is_refused_at_once():
    start = time.perf_counter()
    problem = read_number("7" * 100_000)
    assert problem.code == "Q014" and problem.fields["count"] == 100_000
    assert len(problem.fields["text"]) <= 41  # the message quotes the start of it, not all of it
    assert time.perf_counter() - start < 1.0


def test_a_long_cell_of_letters_is_refused_in_memory_linear_in_its_length():
    # Looking for a foreign digit made a list of every letter: a 90 MB cell of Thai
    # letters took 3 GB (a 1-character string of 60-odd bytes for each of 30 million).
    import tracemalloc

    text = "ก" * 1_000_000
    tracemalloc.start()
    try:
        problem = read_number(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem.code == "Q003"
    assert peak < 10 * len(text.encode("utf-8")), f"{peak:,} bytes for a {len(text):,}-letter cell"


# ---- CSV cells, through every path -----------------------------------------------------------------

@pytest.mark.parametrize("text, code", [("1.000,5", "Q012"), ("1,00", "Q012"), ("１２", "Q013"), ("١٢", "Q013"),
                                        ("1" * (MAX_DIGITS + 1), "Q014"), ("8" * 100_000, "Q014"),
                                        ("1e2", "Q003")])
def test_csv_number_cells_are_located(work, text, code):
    results, column = csv_with("6", text)
    assert located(work, results) == [(code, "r.csv", 2, column)]


def test_csv_thousands_in_groups_of_three_are_read(work):
    results, _ = csv_with("1.1.2", "1,250.0")
    result = CliRunner().invoke(main, ["score", "2555", "--results", results, "--format", "json"])
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    nodes, found = list(doc["nodes"]), {}
    while nodes:
        n = nodes.pop()
        found[n["id"]] = n
        nodes += n["children"]
    assert found["1.1.2"]["value"] == "1250"


def test_a_cell_bigger_than_the_csv_field_limit_is_located(work):
    results, column = csv_with("6", "8" * 200_000)
    assert located(work, results) == [("Q014", "r.csv", 2, column)]


# ---- JSON ------------------------------------------------------------------------------------------

def _where(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize("value, code", [('"1.000,5"', "Q012"), ('"１２"', "Q013"), ('"١٢"', "Q013"),
                                         ("1" * (MAX_DIGITS + 1), "Q014"), ("1e2", "Q003")])
def test_json_number_values_are_located(work, value, code):
    text = GOOD_JSON.replace('"6": 88', f'"6": {value}')
    Path("r.json").write_text(text, encoding="utf-8")
    assert located(work, "r.json") == [(code, "r.json", *_where(text, '"6"'))]


@pytest.mark.parametrize("value, shown", [("true", "`true`"), ("null", "`null`"), ("[1, 2.5]", "`[1, 2.5]`"),
                                          ('[[1], "x"]', '`[[1], "x"]`'), ("NaN", "`NaN`"), ("-Infinity", "`-Infinity`")])
def test_a_json_value_that_is_not_a_number_is_quoted_as_json_wrote_it(work, value, shown):
    # The message quoted Python's spelling of the value: True, None, ['1', '2.5'], nan.
    text = GOOD_JSON.replace('"6": 88', f'"6": {value}')
    Path("r.json").write_text(text, encoding="utf-8")
    assert located(work, "r.json") == [("Q003", "r.json", *_where(text, '"6"'))]
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.json", "--lang", "en"])
    assert f"{shown} in column `6` is not a number" in result.output, result.output


@pytest.mark.parametrize("key, value", [("person", '["สมชาย"]'), ("round", '{"id": 1}'), ("agreement", '["x", "y"]')])
def test_a_json_record_value_that_is_a_list_or_an_object_is_q034(work, key, value):
    # `"person": ["สมชาย"]` was read as the person `["สมชาย"]`, without a word
    text = GOOD_JSON.replace('"agreement": "dept_example_2555",',
                             f'"agreement": "dept_example_2555",\n  "{key}": {value},' if key != "agreement"
                             else f'"agreement": {value},')
    Path("r.json").write_text(text, encoding="utf-8")
    assert located(work, "r.json") == [("Q034", "r.json", *_where(text, f'"{key}"'))]


def test_json_duplicate_key_in_results(work):
    text = GOOD_JSON.replace('"6": 88,', '"6": 88,\n    "6": 12,')
    Path("r.json").write_text(text, encoding="utf-8")
    assert located(work, "r.json") == [("Q006", "r.json", *_where(text, '"6"', 2))]


def test_json_duplicate_field_and_duplicate_record_key(work):
    text = GOOD_JSON.replace('"X1": 90,', '"X1": 90, "X1": 91,').replace(
        '"agreement": "dept_example_2555",', '"agreement": "dept_example_2555",\n  "agreement": "x",')
    Path("r.json").write_text(text, encoding="utf-8")
    assert located(work, "r.json") == [("Q006", "r.json", *_where(text, '"agreement"', 2)),
                                       ("Q006", "r.json", *_where(text, '"X1"', 2))]


def test_json_with_the_same_key_in_two_objects_is_fine(work):
    Path("r.json").write_text("[\n" + GOOD_JSON.rstrip() + ",\n"
                              + GOOD_JSON.rstrip().replace("dept_example_2555", "dept_example_2555\", \"person\": \"p2")
                              + "\n]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.json", "--format", "csv"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_json_nested_100000_deep(work, opener):
    closer = "]" if opener == "[" else "}"
    Path("r.json").write_text(opener * 100_000 + "1" + closer * 100_000, encoding="utf-8")
    limit = results_module.MAX_JSON_DEPTH
    assert located(work, "r.json") == [("Q015", "r.json", 1, limit * len(opener) + 1)]


def test_json_brackets_inside_strings_do_not_count(work):
    deep = "[" * (results_module.MAX_JSON_DEPTH + 5)
    text = GOOD_JSON.replace('"agreement"', f'"note": "{deep} \\" {deep}",\n  "agreement"')
    Path("r.json").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.json", "--format", "csv"])
    assert result.exit_code == 0, result.output


# ---- file size -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, limit", [("r.json", "MAX_JSON_BYTES"), ("r.csv", "MAX_CSV_BYTES")])
def test_a_results_file_over_the_limit(work, monkeypatch, name, limit):
    monkeypatch.setattr(results_module, limit, 1000)
    if name.endswith(".json"):
        Path(name).write_text(GOOD_JSON + " " * 1000, encoding="utf-8")
    else:
        Path(name).write_text(HEADER + "\n" + (GOOD_ROW + "\n") * 10, encoding="utf-8")
    assert located(work, name) == [("Q016", name, 1, 1)]


# ---- a CSV read line by line still names a bad byte where it is -----------------------------------

@pytest.mark.parametrize("bad, code, column", [(b"\xff", "F008", 23), (b"\x00", "F005", None)])
def test_a_bad_byte_far_into_a_csv(work, bad, code, column):
    rows = [f"dept_example_2555,{GOOD_ROW.split(',', 1)[1]}".encode() for _ in range(1000)]
    lines = [b"agreement,person," + HEADER.split(",", 1)[1].encode()]
    lines += [row.replace(b"dept_example_2555,", f"dept_example_2555,P{i},".encode(), 1)
              for i, row in enumerate(rows)]
    lines[700] = lines[700].replace(b",P699,", b",P699" + bad + b",")
    data = b"\n".join(lines) + b"\n"
    Path("r.csv").write_bytes(data)
    assert data.index(bad) > 64 * 1024  # past the head read to tell the encoding
    (found,) = located(work, "r.csv")
    assert found[:2] == (code, "r.csv")
    if column is not None:
        assert found[2:] == (701, column)


# ---- header width ----------------------------------------------------------------------------------

def csv_columns(count: int, cells: str = "1") -> tuple[str, int]:
    """A results CSV whose header has ``count`` columns: the shipped ones, then unknown
    ones (x1, x2 …) each holding ``cells`` in its row; the file and the 1-based column
    where the header's column MAX_COLUMNS + 1 starts (1 when there is none)."""
    header = HEADER.split(",") + [f"x{i}" for i in range(1, count - HEADER.count(","))]
    assert len(header) == count
    row = GOOD_ROW + f",{cells}" * (count - len(GOOD_ROW.split(",")))
    Path("r.csv").write_text(",".join(header) + "\n" + row + "\n", encoding="utf-8")
    return "r.csv", (len(",".join(header[:MAX_COLUMNS])) + 2 if count > MAX_COLUMNS else 1)


def test_a_header_wider_than_a_spreadsheet_is_told_once_at_its_first_column_too_many(work):
    name, column = csv_columns(MAX_COLUMNS + 1)
    assert located(work, name) == [("Q029", name, 1, column)]  # not one Q002 for each of 16,361 columns
    result = CliRunner().invoke(main, ["score", "2555", "--results", name, "--lang", "en"])
    assert "the header has 16,385 columns; a results file may have at most 16,384" in result.stderr


def test_a_header_as_wide_as_a_spreadsheet_is_read(work):
    name, _ = csv_columns(MAX_COLUMNS, cells="")  # its unknown columns are blank: nothing to say
    result = CliRunner().invoke(main, ["score", "2555", "--results", name, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["dept_example_2555,,,3.5282,,3.5282,,,"]


def test_a_million_columns_are_refused_in_time_and_memory_linear_in_the_file(work):
    # Each unknown column was a "did you mean" lookup and a diagnostic: 10⁶ of them took
    # 220 s and 1.4 GB (a 9.9 MB file).
    import tracemalloc

    name, column = csv_columns(1_000_000)
    size = Path(name).stat().st_size
    tracemalloc.start()
    start = time.process_time()
    try:
        result = CliRunner().invoke(main, ["score", "2555", "--results", name, "--format", "csv", "--lang", "en"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    spent = time.process_time() - start
    assert result.exit_code == 1
    assert [(m["code"], int(m["line"]), int(m["column"])) for m in LOCATED.finditer(result.stderr)] == \
        [("Q029", 1, column)]
    assert peak < 20 * size, f"{peak:,} bytes for a {size:,}-byte file"
    assert spent < 30, f"{spent:.1f} s CPU"


def test_a_row_of_a_million_cells_is_refused_in_memory_linear_in_the_file(work):
    # Q026's place was found by listing where every cell of the row starts: 2 MB of commas
    # made 2·10⁶ (line, column) pairs, 215 MB (20 MB of commas took 2.3 GB and 23 s). What is
    # left is the csv module's own list of the row's cells, 8 bytes a cell, and its growth.
    import tracemalloc

    Path("r.csv").write_text(HEADER + "\n" + GOOD_ROW + "," * 2_000_000 + "\n", encoding="utf-8")
    size = Path("r.csv").stat().st_size
    tracemalloc.start()
    try:
        result = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--format", "csv", "--lang", "en"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(m["code"], int(m["line"]), int(m["column"])) for m in LOCATED.finditer(result.stderr)] == \
        [("Q026", 2, len(GOOD_ROW) + 2)]
    assert peak < 50 * size, f"{peak:,} bytes for a {size:,}-byte file"


def test_a_long_last_cell_is_located_without_a_step_per_character(work):
    # field_places stepped through a cell a character at a time in Python: a 200 MB cell
    # took 35 s to be located. The scan now skips to the next comma, quote or line end.
    from kpidsl.score.results.header import field_places

    record = "a," + "9" * 20_000_000 + ',"x,y",z'
    start = time.process_time()
    places = field_places(record)
    spent = time.process_time() - start
    assert places == [(0, 1), (0, 3), (0, 20_000_004), (0, 20_000_010)]
    assert field_places(record, 1) == [(0, 1), (0, 3)]  # as far as the cell asked for
    assert field_places('a,"b\r\nc",d\re,f') == [(0, 1), (0, 3), (1, 4), (2, 3)]
    assert spent < 1, f"{spent:.2f} s CPU for a 20 MB cell"  # 3.5 s a character at a time


def test_a_header_too_wide_is_told_once_by_parts(work):
    name, column = csv_columns(MAX_COLUMNS + 1)
    with Path(name).open("a", encoding="utf-8") as f:  # rows enough for two parts (the same row: no Q006 either)
        f.write((GOOD_ROW + ",1" * (MAX_COLUMNS + 1 - len(GOOD_ROW.split(","))) + "\n") * 40)
    result = CliRunner().invoke(main, ["score", "2555", "--results", name, "--jobs", "2", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert [(m["code"], int(m["line"]), int(m["column"])) for m in LOCATED.finditer(result.stderr)] == \
        [("Q029", 1, column)]


@pytest.mark.parametrize("blank", [",", ",,,", ", , ,"])
def test_blank_columns_at_the_end_of_the_header_are_no_columns_named_twice(tmp_path, blank):
    # Excel saves the empty columns a person once formatted as `,,,` after the last one:
    # one blank column was passed over, two or more were Q006 `column `` is given twice`
    rows = (DATA / "individuals_2554.csv").read_text(encoding="utf-8").splitlines()
    results = tmp_path / "r.csv"
    results.write_text("".join(f"{row}{blank}\n" for row in rows), encoding="utf-8")
    got = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(results), "--format", "csv"])
    want = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(DATA / "individuals_2554.csv"),
                                     "--format", "csv"])
    assert got.exit_code == 0 and got.output == want.output, got.output


def test_a_figure_under_a_blank_header_is_still_told(tmp_path):
    rows = (DATA / "individuals_2554.csv").read_text(encoding="utf-8").splitlines()
    results = tmp_path / "r.csv"
    results.write_text(f"{rows[0]},,\n{rows[1]},,7\n", encoding="utf-8")
    got = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(results), "--lang", "en"])
    assert got.exit_code == 1 and [line.split(": ")[1].split()[0] for line in got.output.splitlines()
                                   if " error: " in line] == ["Q002"], got.output


def test_a_foreign_digit_is_named_and_a_long_cell_cut_at_40():
    from kpidsl.score.number_cells import NumberProblem, parse_number

    assert read_number("๑๒ ") == 12 and parse_number("๑๒") == 12 and parse_number("1,00") is None
    assert read_number("１２") == NumberProblem("Q013", {"text": "１２", "char": "１", "name": "FULLWIDTH DIGIT ONE",
                                                          "codepoint": "U+FF11"})
    # a cell of exactly 40 characters is quoted whole; one more is cut after 40
    assert read_number("x" * 40) == NumberProblem("Q003", {"text": "x" * 40})
    assert read_number("x" * 41) == NumberProblem("Q003", {"text": "x" * 40 + "…"})
