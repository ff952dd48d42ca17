"""Results files (CSV and JSON) with mistakes in them: every mistake is a
located diagnostic (file, line, column, code), `kpidsl score` exits 1, and
with -o no output (and no partial file) is left behind. Files saved by
Windows editors (BOM, CRLF) read like any other."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.diagnostics.model import Diagnostic
from kpidsl.plan import compile_plan
from kpidsl.score.results import collect, read_results

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "score"

HEADER = ("agreement,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score")
GOOD_ROW = "dept_example_2555,82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"
LOCATED = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) error: (?P<message>.*)$",
                     re.MULTILINE)


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working folder holding copies of the shipped rule sets, as the current directory."""
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    shutil.copytree(ROOT / "rules" / "2554", tmp_path / "2554")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def row(**changes: str) -> str:
    """GOOD_ROW with some cells changed, by column header."""
    cells = dict(zip(HEADER.split(","), GOOD_ROW.split(",")))
    cells.update(changes)
    return ",".join(cells.values())


def column_of(line: str, cell_index: int) -> int:
    """1-based column where the cell_index-th (0-based) CSV cell of a plain line starts."""
    return sum(len(c) + 1 for c in line.split(",")[:cell_index]) + 1


def score(*args: str):
    return CliRunner().invoke(main, ["score", *args, "--lang", "en"])


def diagnostics(stderr: str) -> list[dict]:
    return [m.groupdict() for m in LOCATED.finditer(stderr)]


def fails_cleanly(results: str, *extra: str) -> list[dict]:
    """Score with -o into an empty folder: exit 1, the folder left empty, the diagnostics returned."""
    out = Path("out")
    out.mkdir(exist_ok=True)
    result = score("2555", "--results", results, "-o", str(out / "scores.csv"), *extra)
    assert result.exit_code == 1, result.output
    assert list(out.iterdir()) == [], "an output or partial file was left behind"
    assert result.stdout == ""
    found = diagnostics(result.stderr)
    assert found, result.stderr
    return found


def write(name: str, *lines: str, newline: str = "\n", bom: bool = False) -> str:
    data = newline.join(lines) + newline
    Path(name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return name


# ---- CSV mistakes -----------------------------------------------------------------------------------

def test_good_results_score(work):
    write("good.csv", HEADER, GOOD_ROW)
    result = score("2555", "--results", "good.csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "dept_example_2555,,,3.5282,,3.5282,,,"


def test_unknown_indicator_with_did_you_mean(work):
    header = HEADER.replace(",6,", ",66,")
    write("r.csv", header, GOOD_ROW)
    (d,) = fails_cleanly("r.csv")
    # told at the header's cell (once for the file, not once a row)
    assert (d["path"], d["code"], int(d["line"])) == ("r.csv", "Q002", 1)
    assert int(d["column"]) == column_of(header, header.split(",").index("66"))
    assert d["message"] == "agreement `dept_example_2555` has no indicator `66`"
    assert "hint: did you mean `6`?" in score("2555", "--results", "r.csv").stderr


def test_a_typo_in_the_header_is_guessed_among_the_columns_it_lacks(work):
    # `1.1.l` for 1.1.1 beside 1.1.2: both one letter away; 1.1.2 is already a column, so the
    # guess is the one the header lacks (it was 1.1.2)
    header = HEADER.replace("agreement,1.1.1,", "agreement,1.1.l,")
    write("r.csv", header, GOOD_ROW)
    assert "hint: did you mean `1.1.1`?" in score("2555", "--results", "r.csv").stderr


def test_unknown_agreement_with_did_you_mean(work):
    write("r.csv", HEADER, GOOD_ROW.replace("dept_example_2555", "dept_exampel_2555"))
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], d["column"]) == ("Q001", "2", "1")
    assert "did you mean `dept_example_2555`?" in score("2555", "--results", "r.csv").stderr


def test_guessing_which_agreement_a_row_meant_is_bounded(work, monkeypatch):
    """Each row naming an unknown agreement was compared (difflib) with every agreement of the
    rule set: 2,000 rows naming last year's ids among 2,000 agreements took 99 s of CPU. A
    results file compares a bounded number of pairs (kpidsl/guesses.py), and an id given on
    many rows is compared once."""
    import difflib

    agreements = work / "2555" / "agreements"
    text = (agreements / "individual_example.kpi").read_text(encoding="utf-8")
    start = text.index("คำรับรอง somchai_2555_r1")
    block = text[start:text.index("\n}\n", start) + 3]
    people = 1000
    (agreements / "people.kpi").write_text(
        "\n".join(block.replace("somchai_2555_r1", f"p{i:04d}_2555_r1") for i in range(people)), encoding="utf-8")
    compared = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches",
                        lambda word, possibilities, *a, **k: compared.append(len(possibilities)) or real(
                            word, possibilities, *a, **k))
    write("r.csv", "agreement,i1", *[f"p{i:04d}_2556_r1,80" for i in range(people)], *["p0000_2555_r9,80"] * 500)
    result = score("2555", "--results", "r.csv", "--format", "json")
    assert result.exit_code == 1
    assert sum(compared) <= 600_000
    assert "did you mean `p0000_2555_r1`?" in result.stderr  # the first rows still get their guess


def test_missing_value(work):
    line = row(**{"5": ""})
    write("r.csv", HEADER, line)
    (d,) = fails_cleanly("r.csv")
    # at the blank cell to fill (column 38), no longer at the row's first
    assert (d["code"], d["line"], d["column"]) == ("Q007", "2", str(column_of(line, HEADER.split(",").index("5")))) == ("Q007", "2", "38")
    assert d["message"] == "agreement `dept_example_2555` cannot be scored: missing kpi 5: result"


def test_missing_formula_input(work):
    write("r.csv", HEADER, row(**{"8:Y3": ""}))
    (d,) = fails_cleanly("r.csv")
    assert d["code"] == "Q007" and d["message"].endswith("missing kpi 8: Y3")


@pytest.mark.parametrize("lang, hint", [
    ("en", "= hint: give the row a figure in each of these columns (add any the file lacks): "
           "`5`, `7`, `8:X2`, `8:Y3`, `11:survey`, `12:score`"),
    ("th", "= คำแนะนำ: ใส่ตัวเลขในคอลัมน์เหล่านี้ของแถว (เพิ่มคอลัมน์ที่ไฟล์ยังไม่มี): "
           "`5`, `7`, `8:X2`, `8:Y3`, `11:survey`, `12:score`"),
])
def test_missing_values_say_the_columns_to_fill(work, lang, hint):
    # Q007 named what was missing as the rules say it (kpi 11: part survey) and said
    # nothing of what to do: the columns are what a person filling the file can act on.
    # A ladder's result and a milestone's steps are the indicator's own column; a formula
    # input, a composite part and a score given are `id:field`.
    line = row(**{"5": "", "7": "", "8:X2": "", "8:Y3": "", "11:survey": "", "12:score": ""})
    write("r.csv", HEADER, line)
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.csv", "--lang", lang])
    assert result.exit_code == 1, result.output
    (d,) = diagnostics(result.stderr)
    assert (d["code"], d["line"], d["column"]) == ("Q007", "2", str(column_of(line, HEADER.split(",").index("5"))))  # the first to fill
    assert hint in result.stderr


@pytest.mark.parametrize("text", ["abc", "7..5", "๗๘x", "N/A", "8 8 %x", "1,2.3.4"])
def test_non_numeric_value(work, text):
    line = row(**{"6": f'"{text}"' if "," in text else text})
    write("r.csv", HEADER, line)
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"]) == ("Q003", "2")
    assert int(d["column"]) == line.index(f'"{text}"' if "," in text else f",{text},") + (1 if "," in text else 2)
    assert d["message"] == f"`{text}` in column `6` is not a number"


@pytest.mark.parametrize("column, value, what", [("10:score", "7", "score"), ("12:score", "-0.5", "score"),
                                                 ("7", "6", "steps done"), ("1.2.1", "2.5", "steps done")])
def test_score_or_steps_outside_0_to_5(work, column, value, what):
    line = row(**{column: value})
    write("r.csv", HEADER, line)
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"]) == ("Q004", "2")
    assert int(d["column"]) == column_of(line, HEADER.split(",").index(column))
    assert d["message"].startswith(f"{what} {value} of `{column.split(':')[0]}` is outside 0–5")


def test_value_for_the_wrong_round(work):
    header = "agreement,round,j1:score,j2:score,j3:score,j4:score,j5:score,c1:score,c2:score,c3:score,c4:score,c5:score"
    line = "janya_2554_r1,2,3.5,3,4.5,3,4.5,4,3,4,3,3"
    write("r.csv", header, line)
    out = Path("out")
    out.mkdir()
    result = score("2554", "--results", "r.csv", "-o", "out/x.csv")
    assert result.exit_code == 1 and list(out.iterdir()) == []
    (d,) = diagnostics(result.stderr)
    assert (d["code"], d["line"], d["column"]) == ("Q005", "2", str(len("janya_2554_r1,") + 1))
    assert d["message"] == "round `2` is not a round of agreement `janya_2554_r1`"
    assert "hint: rounds: 1" in result.stderr


def test_round_a_framework_does_not_have(work):
    write("r.csv", "agreement,round" + HEADER.removeprefix("agreement"), row().replace(",", ",sar12,", 1))
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], d["column"]) == ("Q005", "2", str(len("dept_example_2555,") + 1))
    assert d["message"] == "round `sar12` is not a round of framework `department`"


def test_duplicate_row(work):
    write("r.csv", HEADER, GOOD_ROW, GOOD_ROW)
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], d["column"]) == ("Q006", "3", "1")
    assert d["message"] == "agreement `dept_example_2555` is given twice"
    assert "hint: the first is at line 2" in score("2555", "--results", "r.csv").stderr


def test_duplicate_column(work):
    header = HEADER + ",5"
    write("r.csv", header, GOOD_ROW + ",78")
    found = fails_cleanly("r.csv")
    assert {"code": "Q006", "line": "1", "column": str(len(HEADER) + 2), "path": "r.csv",
            "message": "column `5` is given twice"} in found


def test_division_by_zero(work):
    write("r.csv", HEADER, row(**{"8:Y2": "0"}))
    (d,) = fails_cleanly("r.csv")
    # at the cell of Y2, the divisor that is 0 (57), not the row's first column
    assert (d["code"], d["line"], d["column"]) == ("Q019", "2", str(column_of(row(**{"8:Y2": "0"}),
                                                                            HEADER.split(",").index("8:Y2"))))
    assert d["column"] == "57"
    assert d["message"] == "division by zero: Y2 is 0 in X2 / Y2"
    # the hint names the rule file line holding the formula
    stderr = score("2555", "--results", "r.csv").stderr
    formula_line = next(i for i, text in enumerate(
        (work / "2555" / "department.kpi").read_text(encoding="utf-8").splitlines(), start=1)
        if text.strip().startswith("คำนวณ"))
    assert f"hint: the rule is at 2555/department.kpi:{formula_line}" in stderr


def test_field_an_indicator_does_not_take(work):
    header = HEADER.replace(",5,", ",5:steps,")
    write("r.csv", header, GOOD_ROW)
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"]) == ("Q009", "1")  # at the header
    assert d["message"] == "`steps` is not something kpi `5` takes"


def test_bad_submission_date(work):
    write("r.csv", HEADER + ",submitted", GOOD_ROW + ",31 ก.ข. 2554")
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], d["column"]) == ("Q010", "2", str(len(GOOD_ROW) + 2))


def test_every_mistake_is_reported_not_just_the_first(work):
    write("r.csv", HEADER, row(**{"6": "abc", "10:score": "9"}), GOOD_ROW)
    found = fails_cleanly("r.csv")
    assert [(d["code"], d["line"]) for d in found] == [("Q003", "2"), ("Q004", "2"), ("Q006", "3")]


def test_an_existing_output_is_not_touched_on_error(work):
    Path("out").mkdir()
    Path("out/scores.csv").write_text("yesterday's scores\n", encoding="utf-8")
    write("r.csv", HEADER, row(**{"6": "abc"}))
    result = score("2555", "--results", "r.csv", "-o", "out/scores.csv")
    assert result.exit_code == 1
    assert sorted(p.name for p in Path("out").iterdir()) == ["scores.csv"]
    assert Path("out/scores.csv").read_text(encoding="utf-8") == "yesterday's scores\n"


def test_one_bad_file_in_a_folder_writes_nothing(work):
    Path("results").mkdir()
    write("results/a.csv", HEADER, GOOD_ROW)
    write("results/b.csv", HEADER, row(**{"5": "x"}))
    (d,) = fails_cleanly("results")
    assert (d["path"], d["code"]) == ("results/b.csv", "Q003")


# ---- JSON results ----------------------------------------------------------------------------------

def json_results(results: str) -> str:
    return '{\n  "agreement": "dept_example_2555",\n  "results": {\n' + results + "\n  }\n}\n"


GOOD_JSON = (DATA / "dept_example_2555.json").read_text(encoding="utf-8")


def test_json_results_score(work):
    Path("r.json").write_text(GOOD_JSON, encoding="utf-8")
    result = score("2555", "--results", "r.json", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "dept_example_2555,,,3.5282,,3.5282,,,"


def test_json_unknown_indicator(work):
    text = GOOD_JSON.replace('"6": 88', '"66": 88')
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if '"66"' in t)
    assert (d["code"], int(d["line"]), int(d["column"])) == ("Q002", line, text.splitlines()[line - 1].index('"66"') + 1)
    assert d["message"] == "agreement `dept_example_2555` has no indicator `66`"


def test_json_non_numeric_and_out_of_range(work):
    text = GOOD_JSON.replace('"6": 88', '"6": "eighty"').replace('"10": {"score": 4}', '"10": {"score": 9}')
    Path("r.json").write_text(text, encoding="utf-8")
    found = fails_cleanly("r.json")
    lines = text.splitlines()
    six = next(i for i, t in enumerate(lines, start=1) if '"6": "eighty"' in t)
    ten = next(i for i, t in enumerate(lines, start=1) if '"score": 9' in t)
    assert [(d["code"], int(d["line"])) for d in found] == [("Q003", six), ("Q004", ten)]
    assert int(found[0]["column"]) == lines[six - 1].index('"6"') + 1
    assert int(found[1]["column"]) == lines[ten - 1].index('"score"') + 1


def test_json_missing_value(work):
    text = GOOD_JSON.replace('    "5": 78,\n', "")
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    assert (d["code"], d["line"]) == ("Q007", "2")
    assert d["message"].endswith("missing kpi 5: result")


def test_json_duplicate_record(work):
    Path("r.json").write_text("[\n" + GOOD_JSON.rstrip() + ",\n" + GOOD_JSON.rstrip() + "\n]\n", encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    assert d["code"] == "Q006"
    assert int(d["line"]) == 3 + len(GOOD_JSON.splitlines())  # "[", the first record, "{", then "agreement"


def test_json_division_by_zero(work):
    Path("r.json").write_text(GOOD_JSON.replace('"Y2": 200', '"Y2": 0'), encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    assert d["code"] == "Q019" and "division by zero: Y2 is 0" in d["message"]


@pytest.mark.parametrize("nested", [False, True])
def test_a_json_record_with_more_keys_than_a_table_has_columns(work, nested):
    # 10^6 unknown keys in a record's results took more than ten minutes (each key looked
    # for from the results' line on); past MAX_COLUMNS (16,384, Q029's for CSV) the record
    # is told once, Q030 at the first key too many, and no key is looked for.
    from kpidsl.score.results.header import MAX_COLUMNS as limit
    keys = [f'"x{i}": 1' for i in range(limit + 1)]
    doc = json.loads(GOOD_JSON)
    record = doc[0] if isinstance(doc, list) else doc
    head = json.dumps({k: v for k, v in record.items() if k != "results"}, ensure_ascii=False)[:-1]
    inner = '{"5": 78' + "".join(",\n    " + k for k in keys[1:]) + "}" if not nested else \
        '{"5": 78, "8": {"X1": 90' + "".join(",\n    " + k for k in keys[1:]) + "}}"
    text = head + ',\n  "results": ' + inner + "\n}\n"
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if f'"x{limit}":' in t)
    assert (d["code"], int(d["line"]), int(d["column"])) == ("Q030", line, 5)
    assert d["message"] == (f"cannot read the results: record 1 gives {limit + 1:,} "
                            f"{'fields of `8`' if nested else 'results'}; a record may give at most {limit:,}, "
                            "as many as a results table's columns")


def test_a_json_record_whose_fields_together_are_more_than_a_table_has_columns(work):
    # Each indicator within the limit, but all of them together past it: 2,000 indicators of
    # 100 fields each (200,000 values) were read, 16 s and 250 MB. A record's values (an
    # indicator's value, or each of its fields) are capped in total as a CSV header's
    # columns are (Q029): Q030 at the first key past the limit, in its own indicator (the
    # fields of both are named alike).
    from kpidsl.score.results.header import MAX_COLUMNS as limit
    half = limit // 2 + 8
    fields = ",\n".join(f'      "f{j}": 1' for j in range(half))
    text = ('{\n  "agreement": "dept_example_2555",\n  "results": {\n    "5": 78,\n'
            f'    "a": {{\n{fields}\n    }},\n    "b": {{\n{fields}\n    }}\n  }}\n}}\n')
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    past = f'"f{limit - half - 1}":'  # "5" is one value, "a" half of them: this is the first of "b" too many
    lines = text.splitlines()
    line = next(i for i in range(lines.index('    "b": {'), len(lines)) if lines[i].startswith(f"      {past}")) + 1
    assert (d["code"], int(d["line"]), int(d["column"])) == ("Q030", line, 7)
    assert d["message"] == (f"cannot read the results: record 1 gives {1 + 2 * half:,} values of the record; "
                            f"a record may give at most {limit:,}, as many as a results table's columns")
    result = CliRunner().invoke(main, ["score", "2555", "--results", "r.json", "--lang", "th"])
    assert "ให้ค่าทั้งหมดของรายการ" in result.stderr


def _escaped(key: str) -> str:
    return '"' + "".join(f"\\u{ord(c):04x}" for c in key) + '"'


def test_json_keys_are_placed_where_written_in_time_linear_in_the_file(work):
    # A key was looked for in the text as json.dumps writes it, line by line from its
    # record's (or indicator's) line: a key written with escapes was never found, each time
    # read to the end of the file (24 such keys and 10 million blank lines after the record:
    # 33 s), then placed at line 1. Keys are now placed where the shape scan saw them,
    # escapes and all, in one pass (2 s).
    import time
    text = re.sub(r'"([^"]+)":', lambda m: _escaped(m.group(1)) + ":", GOOD_JSON.replace('"6": 88', '"6": "eighty"'))
    text += "\n" * 10_000_000
    Path("r.json").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    (d,) = fails_cleanly("r.json")
    assert time.perf_counter() - start < 8
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if '"eighty"' in t)
    written = text.splitlines()[line - 1]
    assert (d["code"], int(d["line"]), int(d["column"])) == ("Q003", line, written.index(_escaped("6")) + 1)


def test_json_fields_named_alike_on_one_line_are_each_placed_in_their_own_indicator(work):
    # A field's key was looked for from the start of its indicator's line: `score` of
    # indicator 10 was placed at indicator 12's `score`, written before it on the same line.
    text = GOOD_JSON.replace('    "10": {"score": 4},\n', "").replace('"12": {"score": 3.2}',
                                                                        '"12": {"score": 3.2}, "10": {"score": 9}')
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    written = next(t for t in text.splitlines() if '"score": 9' in t)
    assert (d["code"], int(d["column"])) == ("Q004", written.index('"score": 9') + 1)


def test_json_that_does_not_parse(work):
    Path("r.json").write_text('{\n  "agreement": "dept_example_2555",\n  "results": {"5": 78,}\n}\n',
                              encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    assert (d["code"], d["line"]) == ("Q027", "3")
    assert d["message"].startswith("cannot read the results: not valid JSON")


def test_a_row_with_a_cell_too_many(work):
    write("r.csv", HEADER, GOOD_ROW + ",9")
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], d["column"]) == ("Q026", "2", str(len(GOOD_ROW) + 2))
    assert d["message"] == f"cannot read the results: row has {HEADER.count(',') + 2} cells, the header " \
                           f"{HEADER.count(',') + 1}"


def test_a_json_record_that_is_not_an_object(work):
    Path("r.json").write_text('[\n  7\n]\n', encoding="utf-8")
    (d,) = fails_cleanly("r.json", "--agreement", "dept_example_2555")
    assert d["code"] == "Q028" and d["message"] == "cannot read the results: record 1 is not an object with `results`"
    assert d["line"] == "2"  # where the 7 is (was line 1, or the line of the next record's "agreement")
    record = GOOD_JSON.rstrip()
    Path("r.json").write_text(f'[\n{record},\n  [7]\n]\n', encoding="utf-8")
    (d,) = fails_cleanly("r.json", "--agreement", "dept_example_2555")
    assert (d["code"], int(d["line"])) == ("Q028", len(record.splitlines()) + 2)


def test_empty_results_file(work):
    Path("r.csv").write_text("", encoding="utf-8")
    (d,) = fails_cleanly("r.csv")
    assert d["code"] == "Q025" and d["message"] == "cannot read the results: the file is empty"


# ---- what editors save ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_bom_and_crlf(work, bom, newline):
    write("r.csv", HEADER, GOOD_ROW, newline=newline, bom=bom)
    result = score("2555", "--results", "r.csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "agreement,person,round,total,penalty,final,band,raise_percent,amount\n" \
                            "dept_example_2555,,,3.5282,,3.5282,,,\n"


def test_bom_and_crlf_keep_columns_right(work):
    write("r.csv", HEADER, row(**{"6": "abc"}), newline="\r\n", bom=True)
    (d,) = fails_cleanly("r.csv")
    assert (d["code"], d["line"], int(d["column"])) == ("Q003", "2", column_of(row(), 8))


def test_bom_json(work):
    Path("r.json").write_bytes(b"\xef\xbb\xbf" + GOOD_JSON.replace("\n", "\r\n").encode("utf-8"))
    result = score("2555", "--results", "r.json", "--format", "csv")
    assert result.exit_code == 0, result.output


def test_thai_digits_separators_percent_and_thai_field_names(work):
    header = HEADER.replace("10:score", "10:คะแนน").replace(",7,", ",7:ขั้นที่ผ่าน,")
    line = row(**{"5": "๗๘", "1.1.2": '"1,25"', "4.1": "96%"}).replace('"1,25"', "125")
    line = line.replace(",125,", ',"๑๒๕",')
    write("r.csv", header, line)
    result = score("2555", "--results", "r.csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "dept_example_2555,,,3.5282,,3.5282,,,"


# ---- the reader itself ------------------------------------------------------------------------------------

def test_read_results_gives_spans(work):
    result = check_paths([Path("2555")])
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    write("r.csv", HEADER, row(**{"6": "abc"}), GOOD_ROW)
    records, diags = collect(read_results(Path("r.csv"), plan))
    assert records == []
    assert [(d.code, d.span.line, d.span.column, d.span.end_column) for d in diags] == [
        ("Q003", 2, column_of(row(), 8), column_of(row(), 8) + 3), ("Q006", 3, 1, 2)]
    assert all(isinstance(d, Diagnostic) and d.span.path == "r.csv" for d in diags)


# ---- JSON keys are found as keys, under their own record and indicator -------------------------------------

def test_json_nested_field_is_located_under_its_own_indicator(work):
    # "score" is a key under 10 and under 12: the mistake under 12 is shown on 12's line.
    text = GOOD_JSON.replace('"12": {"score": 3.2}', '"12": {"score": 9}')
    Path("r.json").write_text(text, encoding="utf-8")
    (d,) = fails_cleanly("r.json")
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if '"12": {"score": 9}' in t)
    assert (d["code"], int(d["line"]), int(d["column"])) == ("Q004", line, text.splitlines()[line - 1].index('"score"') + 1)


SMALL_RULES = """
    framework f "F" {
        fiscal_year 2555
        round 1 "รอบที่ 1" period 1 ต.ค. 2554 - 31 มี.ค. 2555
        dimension d "D" weight 100 {
            kpi 1 "ตัวชี้วัด" weight 60 { ladder 65 70 75 80 85 }
            kpi 2 "ไม่มีเกณฑ์" weight 40
        }
    }
    agreement a "A" { framework f }
"""


def test_json_an_indicator_id_spelled_like_a_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("rs").mkdir()
    Path("rs/rules.kpi").write_text(SMALL_RULES, encoding="utf-8")
    text = '{\n  "agreement": "a",\n  "round": "1",\n  "results": {\n    "2": 4,\n    "1": "abc"\n  }\n}\n'
    Path("r.json").write_text(text, encoding="utf-8")
    Path("out").mkdir()
    result = score("rs", "--results", "r.json", "-o", "out/s.csv")
    assert result.exit_code == 1 and list(Path("out").iterdir()) == []
    (d,) = diagnostics(result.stderr)
    assert (d["code"], d["line"], d["column"]) == ("Q003", "6", "5")   # not line 3, where "1" is the round


def _formats():
    """Every way of scoring: text and --explain go through the engine; csv and json without --explain
    through the fast batch path (kpidsl/score/compiled.py, when present), which must say the same."""
    return [pytest.param("text", id="text"), pytest.param("text --explain", id="text-explain"),
            pytest.param("json --explain", id="json-explain"), pytest.param("csv", id="csv"),
            pytest.param("json", id="json")]


def _fmt_args(fmt: str) -> list[str]:
    name, *rest = fmt.split()
    return ["--format", name, *rest]


@pytest.mark.parametrize("fmt", _formats())
def test_an_indicator_without_a_scoring_rule_needs_its_score(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    Path("rs").mkdir()
    Path("rs/rules.kpi").write_text(SMALL_RULES, encoding="utf-8")
    Path("r.csv").write_text("agreement,1\na,78\n", encoding="utf-8")
    result = score("rs", "--results", "r.csv", *_fmt_args(fmt))
    assert result.exit_code == 1, result.output
    (d,) = diagnostics(result.stderr)
    assert d["code"] == "Q007" and d["message"].endswith("missing kpi 2: score")


@pytest.mark.parametrize("header", ["agreement,1,2", "agreement,1,2:score", "agreement,1,2:คะแนน"])
def test_an_indicator_without_a_scoring_rule_scores_what_it_is_given(tmp_path, monkeypatch, header):
    from kpidsl.score.batch import score_records
    monkeypatch.chdir(tmp_path)
    Path("rs").mkdir()
    Path("rs/rules.kpi").write_text(SMALL_RULES, encoding="utf-8")
    Path("r.csv").write_text(f"{header}\na,78,4\n", encoding="utf-8")
    result = score("rs", "--results", "r.csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "a,,,3.7600,,3.7600,,,"   # (60 × 3.6 + 40 × 4) / 100
    (rs,) = check_paths([Path("rs")]).rule_sets  # the explaining engine's row (--explain is not for csv, O018)
    explained = score_records(compile_plan(rs, Path("rs")), "rs", Path("r.csv"), None, None, "csv", False, "en", None,
                              fast=False)
    assert explained.text == result.stdout


UNWEIGHTED = """
    framework individual "ข้าราชการ" {
        fiscal_year 2554
        component achievement "ผลสัมฤทธิ์ของงาน" share 70% { multiplier 20 }
        component competency "สมรรถนะ" share 30% {
            multiplier 20
            competency service "การมุ่งบริการที่ดี" { scale behaviour }
        }
        scale behaviour "มาตรวัด" {
            1 "หนึ่ง"
            2 "สอง"
            3 "สาม"
            4 "สี่"
            5 "ห้า"
        }
    }
    agreement p "P" {
        framework individual
        component achievement { kpi 1 "งาน" weight 100 { owner_score } }
    }
"""


@pytest.mark.parametrize("fmt", _formats())
def test_unweighted_competencies_are_reported_not_left_blank(tmp_path, monkeypatch, fmt):
    # The checker stops the rule set before scoring (W008 at the competency); the scorer's
    # own refusal is tested on a compiled plan in test_score_semantics.py.
    monkeypatch.chdir(tmp_path)
    Path("rs").mkdir()
    Path("rs/rules.kpi").write_text(UNWEIGHTED, encoding="utf-8")
    Path("r.csv").write_text("agreement,1,service\np,4,4\n", encoding="utf-8")
    result = score("rs", "--results", "r.csv", *_fmt_args(fmt))
    assert result.exit_code == 1, result.output
    (d,) = diagnostics(result.stderr)
    assert (d["code"], d["line"], d["column"]) == ("W008", "7", "24")


@pytest.mark.parametrize("fmt", _formats())
def test_a_part_score_outside_0_to_5(work, fmt):
    line = row(**{"11:survey": "7"})
    write("r.csv", HEADER, line)
    result = score("2555", "--results", "r.csv", *_fmt_args(fmt))
    assert result.exit_code == 1, result.output
    (d,) = diagnostics(result.stderr)
    assert (d["code"], d["line"]) == ("Q004", "2")
    assert int(d["column"]) == column_of(line, HEADER.split(",").index("11:survey"))
    assert d["message"] == "score 7 of `11` is outside 0–5"
