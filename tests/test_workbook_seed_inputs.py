"""The seeds' new inputs in the results-entry workbook: a column per
milestone step (seed reading: steps 1, 2, 3, 5 done → 3), the survey population N (seed 003
slide 52: N = 500 → 222.22 → 222 people) and each person's salary, grade and pool group
(seed 001: the pool is 3 % of the salaries, 3 % × 84,020 = 2,520.60). Filled in with openpyxl
as a person would, the workbook scores to exactly the output of the same results as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from libreoffice import first_sheet_table  # noqa: E402
from kpidsl.xlsx.layout import LEVEL_LABELS, REFERENCE_LABELS  # noqa: E402
from kpidsl.xlsx.read import read_workbook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES_2554, RULES_2555 = str(ROOT / "rules" / "2554"), str(ROOT / "rules" / "2555")
MACHINE_ROW = 4 + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1
EXAMPLE = ROOT / "examples" / "results_2555.csv"
JANYA = {"j1:score": 3.5, "j2:score": 3, "j3:score": 4.5, "j4:score": 3, "j5:score": 4.5,  # seed 001's form:
         "c1:score": 4, "c2:score": 3, "c3:score": 4, "c4:score": 3, "c5:score": 3}  # 72, 68 → 70.8, ดี


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _make(tmp_path: Path, rules: str, agreement: str) -> Path:
    out = tmp_path / f"{agreement}.xlsx"
    result = _run("workbook", rules, "--agreement", agreement, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def _header(ws) -> list[str]:
    return [c.value for c in ws[MACHINE_ROW]]


def _fill(book: Path, sheet: str, rows: list[dict]) -> None:
    """Type each row into the sheet from its first entry row down: the first row under the
    prefilled agreement, person and round; more people each on a row of their own."""
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    header = _header(ws)
    for r, row in enumerate(rows, start=MACHINE_ROW + 1):
        for name, value in row.items():
            if value is None:
                continue
            # a score given without its field (`10`) has the column `10:score` in the workbook
            cell = ws.cell(r, (header.index(name) if name in header else header.index(f"{name}:score")) + 1)
            if r == MACHINE_ROW + 1 and name not in ("agreement", "person", "round"):
                assert cell.protection.locked is False, f"{name} is not an entry cell"
            cell.value = value
    wb.save(book)


def _csv(path: Path, rows: list[dict]) -> Path:
    header = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (v.isoformat() if isinstance(v, dt.date) else "" if v is None else v)
                             for k, v in row.items()})
    return path


def _score(rules: str, results: Path, *extra: str):
    result = _run("score", rules, "--results", str(results), *extra)
    assert result.exit_code == 0, result.output
    return result


def _same_output(rules: str, book: Path, table: Path) -> str:
    """`score` of the workbook and of the CSV, as JSON, CSV and the explained text (the
    file names aside): the same; the JSON is returned."""
    for fmt in (("--format", "json"), ("--format", "csv"), ("--explain", "--lang", "en")):
        got, want = _score(rules, book, *fmt), _score(rules, table, *fmt)
        assert got.stdout == want.stdout, fmt
        assert got.stderr.replace(str(book), "F") == want.stderr.replace(str(table), "F"), fmt
    return _score(rules, book, "--format", "json").stdout


def _dept_row(**changes) -> dict:
    """The 2555 department example's results (examples/results_2555.csv), with ``changes``;
    its count of steps for indicator 7 taken out."""
    with EXAMPLE.open(encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    row = {k: (float(v) if k not in ("agreement", "round") else v) for k, v in row.items() if v}
    row.pop("7")
    row.update(changes)
    return row


def test_steps_one_by_one_1_2_3_5_score_3_and_n_500_gives_222(tmp_path):
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    # steps 1 and 3 dated on their due date (29 ก.พ. 2555, seed 003 slide 32), 2 and 5 marked done
    row = _dept_row(**{"7:1": dt.datetime(2012, 2, 1), "7:2": "✓", "7:3": dt.datetime(2012, 2, 29), "7:5": "✓",
                       "population": 500})
    _fill(book, "dept_example_2555", [row])
    table = _csv(tmp_path / "steps.csv", [{**row, "7:1": dt.date(2012, 2, 1), "7:3": dt.date(2012, 2, 29)}])
    text = _same_output(RULES_2555, book, table)
    explained = _score(RULES_2555, book, "--explain", "--lang", "en").stdout
    assert "steps done 1, 2, 3, 5 of 5; steps done in a row from step 1: 1, 2, 3 = 3" in explained
    assert "survey sample: 222 people (N = 500, e = 5%)" in explained
    assert "= 222.22, rounded half_up to whole people: 222" in explained
    assert '"n": "222"' in text
    assert '"steps": {"done": [1, 2, 3, 5], "counted": [1, 2, 3], "late": [], "dates": {"1": "2012-02-01", ' \
        '"3": "2012-02-29"}, "of": 5}' in text
    # the list of steps in one cell (`7:steps` = `1 2 3 5`) gives the same figures
    listed = _csv(tmp_path / "listed.csv", [{**_dept_row(population=500), "7:steps": "1 2 3 5"}])
    assert _score(RULES_2555, listed, "--format", "csv").stdout == _score(RULES_2555, book, "--format", "csv").stdout
    assert '"steps": {"done": [1, 2, 3, 5], "counted": [1, 2, 3], "late": [], "dates": {}, "of": 5}' in \
        _score(RULES_2555, listed, "--format", "json").stdout


@pytest.mark.parametrize("lang, samples, steps", [("th", "ขนาดกลุ่มตัวอย่าง", "ขั้นความสำเร็จ"),
                                                  ("en", "survey samples", "milestone steps")])
def test_the_scores_workbook_shows_the_steps_and_the_sample(tmp_path, lang, samples, steps):
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    _fill(book, "dept_example_2555", [_dept_row(**{"7:1": dt.datetime(2012, 2, 1), "7:2": "✓",
                                                   "7:3": dt.datetime(2012, 3, 1), "7:5": "✓", "population": 500})])
    out = tmp_path / "scores.xlsx"
    _score(RULES_2555, book, "--format", "xlsx", "--lang", lang, "-o", str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[2:4] == [samples, steps]
    (row,) = wb[samples].iter_rows(min_row=2, values_only=True)
    assert row[:2] == ("dept_example_2555", None) and row[3:5] == (500, 5) and row[6:] == (222, None)
    assert round(row[5], 2) == 222.22 and wb[samples]["F2"].number_format == "#,##0.00"
    (row,) = wb[steps].iter_rows(min_row=2, values_only=True)
    # step 3 a day late (due 29 ก.พ. 2555): not counted, so 2
    assert row[3:] == ("7", "ระดับความสำเร็จของการจัดทำต้นทุนต่อหน่วยผลผลิต", "1, 2, 3, 5", "1, 2", "3",
                       "1: 2012-02-01; 3: 2012-03-01", 2)
    # results without them: no such sheets
    plain = tmp_path / "plain.xlsx"
    _score(RULES_2555, EXAMPLE, "--format", "xlsx", "--lang", lang, "-o", str(plain))
    assert not {samples, steps} & set(openpyxl.load_workbook(plain).sheetnames)


def test_a_step_done_after_its_due_date_is_not_counted(tmp_path):
    # 1 มี.ค. 2555 is a day after step 3's due date: late_step not_counted (the seed's reading) → 2
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    row = _dept_row(**{"7:1": dt.datetime(2012, 2, 28), "7:2": "/", "7:3": dt.datetime(2012, 3, 1), "7:4": "ใช่"})
    _fill(book, "dept_example_2555", [row])
    table = _csv(tmp_path / "late.csv", [{**row, "7:1": dt.date(2012, 2, 28), "7:3": dt.date(2012, 3, 1)}])
    _same_output(RULES_2555, book, table)
    explained = _score(RULES_2555, book, "--explain", "--lang", "en").stdout
    assert "done after the due date, not counted: 3; steps done in a row from step 1: 1, 2 = 2" in explained


def test_a_count_of_steps_is_still_taken(tmp_path):
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    _fill(book, "dept_example_2555", [_dept_row(**{"7": 3})])
    assert _score(RULES_2555, book, "--format", "csv").stdout == _score(RULES_2555, EXAMPLE, "--format", "csv").stdout


def test_a_bad_step_cell_is_told_at_its_cell(tmp_path):
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    _fill(book, "dept_example_2555", [_dept_row(**{"7:1": "maybe", "7": 3})])
    result = _run("score", RULES_2555, "--results", str(book), "--lang", "en")
    header = _header(openpyxl.load_workbook(book)["dept_example_2555"])
    letter = openpyxl.utils.get_column_letter(header.index("7:1") + 1)
    assert result.exit_code == 1
    assert f"{book} › dept_example_2555!{letter}{MACHINE_ROW + 1}: Q040 error" in result.output
    assert "Q006" in result.output  # a count and a step of the same indicator: given twice


def _pool_rows() -> list[dict]:
    """Three people of seed 001's individual framework in the group วิชาการ + ทั่วไป, round 1:
    salaries 28,000 + 36,020 + 20,000 = 84,020 (pool 3 % = 2,520.60)."""
    first = {"agreement": "janya_2554_r1", "person": "จรรยา เรียบร้อย", "round": "1", "raise": 3,
             "salary": 28_000, "grade": "k_professional", "group": "academic_general", **JANYA}
    return [first,
            {**first, "person": "ข", "salary": 36_020, "raise": 3},
            {**first, "person": "ค", "salary": 20_000, "raise": None}]


def test_a_raise_pool_of_3_percent_of_84_020_is_2_520_60(tmp_path):
    book = _make(tmp_path, RULES_2554, "janya_2554_r1")
    rows = _pool_rows()
    _fill(book, "janya_2554_r1", rows)
    table = _csv(tmp_path / "pool.csv", rows)
    _same_output(RULES_2554, book, table)
    pools = _score(RULES_2554, book, "--lang", "en").stdout
    assert "84,020 × 3% = pool 2,520.60" in pools
    # and the scores workbook's pools sheet (kpidsl/xlsx/scores.py) from the workbook
    out = tmp_path / "scores.xlsx"
    _score(RULES_2554, book, "--format", "xlsx", "-o", str(out))
    ws = openpyxl.load_workbook(out)["วงเงินเลื่อนเงินเดือน"]
    (line,) = list(ws.iter_rows(min_row=2, values_only=True))
    assert line[4:7] == (3, 84020, 2520.6)


def test_a_group_not_declared_is_told_at_its_cell(tmp_path):
    book = _make(tmp_path, RULES_2554, "janya_2554_r1")
    rows = _pool_rows()[:1]
    rows[0]["group"] = "teachers"  # typed over the list's warning
    _fill(book, "janya_2554_r1", rows)
    result = _run("score", RULES_2554, "--results", str(book), "--lang", "en")
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    letter = openpyxl.utils.get_column_letter(_header(ws).index("group") + 1)
    assert result.exit_code == 1
    assert f"{book} › janya_2554_r1!{letter}{MACHINE_ROW + 1}: Q041 error" in result.output


def test_a_salary_outside_its_grade_is_told_at_its_cell(tmp_path):
    # 36,020.01 is above ชำนาญการ's maximum 36,020 (seed 001), in neither half: told at the
    # salary's cell of the filled workbook (Q047), no raise worked from the upper mid-point
    book = _make(tmp_path, RULES_2554, "janya_2554_r1")
    rows = _pool_rows()[:1]
    rows[0]["salary"] = 36_020.01
    _fill(book, "janya_2554_r1", rows)
    result = _run("score", RULES_2554, "--results", str(book), "--lang", "en")
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    letter = openpyxl.utils.get_column_letter(_header(ws).index("salary") + 1)
    assert result.exit_code == 1
    assert f"{book} › janya_2554_r1!{letter}{MACHINE_ROW + 1}: Q047 error" in result.output


def test_the_validation_of_the_new_columns(tmp_path):
    wb = openpyxl.load_workbook(_make(tmp_path, RULES_2554, "janya_2554_r1"))
    ws = wb["janya_2554_r1"]
    header = _header(ws)

    def rule(ws, header, name):
        ref = f"{openpyxl.utils.get_column_letter(header.index(name) + 1)}{MACHINE_ROW + 1}"
        (dv,) = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
        return dv.type, dv.formula1, ref

    assert rule(ws, header, "grade")[:2] == ("list", '"k_professional"')
    assert rule(ws, header, "group")[:2] == ("list", '"academic_general,executive,director"')
    assert rule(ws, header, "salary")[:2] == ("decimal", "0")
    labels = {ws.cell(7, header.index(h) + 1).value for h in ("salary", "grade", "group")}
    assert labels == {"เงินเดือน (ฐานวงเงิน)", "ระดับตำแหน่ง", "กลุ่มวงเงิน"}
    dept = openpyxl.load_workbook(_make(tmp_path, RULES_2555, "dept_example_2555"))["dept_example_2555"]
    header = _header(dept)
    kind, formula, ref = rule(dept, header, "7:1")
    assert kind == "custom" and formula.startswith(f"OR(ISNUMBER({ref}),{ref}=\"✓\"")
    assert rule(dept, header, "population")[:2] == ("whole", "1")
    assert dept.cell(7, header.index("population") + 1).value == "จำนวนประชากร (N)"
    assert dept.cell(9, header.index("population") + 1).value == "N < 500 → 222 คน"  # the seed's table
    assert dept.cell(8, header.index("7:3") + 1).value == "ภายใน 29 ก.พ. 2555"  # the step's due date
    assert dept.cell(MACHINE_ROW + 1, header.index("7:3") + 1).number_format == "yyyy-mm-dd"


def test_the_reader_gives_the_inputs_the_csv_gives(tmp_path, shipped_plan):
    from kpidsl.score.results import collect, read_results

    for rules, year, agreement, rows in (
            (RULES_2555, "2555", "dept_example_2555",
             [_dept_row(**{"7:1": dt.datetime(2012, 2, 1), "7:2": "✓", "7:3": dt.datetime(2012, 3, 1), "7:5": "ใช่",
                           "population": 500})]),
            (RULES_2554, "2554", "janya_2554_r1", _pool_rows())):
        book = _make(tmp_path, rules, agreement)
        _fill(book, agreement, rows)
        table = _csv(tmp_path / f"{year}.csv", [{k: (v.date() if isinstance(v, dt.datetime) else v)
                                                 for k, v in row.items()} for row in rows])
        plan = shipped_plan(year)
        (got, got_diags), (want, want_diags) = (collect(read_results(p, plan)) for p in (book, table))
        assert got_diags == want_diags == [] and len(got) == len(want) == len(rows)
        for g, w in zip(got, want):
            assert (g.agreement, g.person, g.round) == (w.agreement, w.person, w.round)
            assert {k: e.fields for k, e in g.inputs.entries.items()} == {k: e.fields for k, e in w.inputs.entries.items()}
            seed = ("steps_done", "population", "salary", "grade", "group", "raise_percent", "submitted")
            assert [getattr(g.inputs, k) for k in seed] == [getattr(w.inputs, k) for k in seed]
            if year == "2555":
                assert g.inputs.steps_done["7"].steps == (1, 2, 3, 5) and g.inputs.population == 500
                assert g.inputs.steps_done["7"].dates == ((1, dt.date(2012, 2, 1)), (3, dt.date(2012, 3, 1)))
    assert got[1].inputs.salary == 36_020 and got[1].inputs.group == "academic_general"


def test_a_rule_set_without_the_seeds_rules_has_no_such_columns(tmp_path):
    ws = openpyxl.load_workbook(_make(tmp_path, RULES_2554, "somsak_2554_r1"))["somsak_2554_r1"]
    header = _header(ws)
    assert "population" not in header  # the individual framework has no sample-size rule
    assert {"salary", "grade", "group"} <= set(header)
    ws = openpyxl.load_workbook(_make(tmp_path, RULES_2554, "rayong_agri_2554"))["rayong_agri_2554"]
    assert not {"population", "salary", "grade", "group"} & set(_header(ws))


def test_a_long_list_goes_on_a_hidden_sheet(tmp_path, shipped_plan):
    from kpidsl.xlsx.layout import sheet_of
    from kpidsl.xlsx.write import LISTS_SHEET, workbook_bytes

    plan = shipped_plan("2554")
    fw = next(f for f in plan["frameworks"] if f["id"] == "individual")
    group = fw["salary"]["groups"][0]
    fw["salary"] = dict(fw["salary"], groups=[dict(group, id=f"group_{i:03d}_of_the_ministry", title=None)
                                              for i in range(20)])
    book = tmp_path / "long.xlsx"
    book.write_bytes(workbook_bytes([sheet_of(plan, "janya_2554_r1")]))
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[-1] == LISTS_SHEET and wb[LISTS_SHEET].sheet_state == "hidden"
    assert [c.value for c in wb[LISTS_SHEET]["A"]][-1] == "group_019_of_the_ministry"
    ws = wb["janya_2554_r1"]
    ref = f"{openpyxl.utils.get_column_letter(_header(ws).index('group') + 1)}{MACHINE_ROW + 1}"
    (dv,) = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert dv.formula1 == f"'{LISTS_SHEET}'!$A$1:$A$20"
    sheets, diags = read_workbook(book)  # the hidden list sheet is not a table, nor a problem
    assert diags == [] and [s.sheet for s in sheets] == ["janya_2554_r1"]


_NO_LIBREOFFICE = pytest.mark.skipif(shutil.which("soffice") is None,
                                     reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")


@pytest.mark.slow
@_NO_LIBREOFFICE
def test_libreoffice_reads_the_salaries_back(tmp_path):
    book = _make(tmp_path, RULES_2554, "janya_2554_r1")
    rows = _pool_rows()
    _fill(book, "janya_2554_r1", rows)
    got = _score(RULES_2554, first_sheet_table(book, tmp_path, len(rows)), "--lang", "en")
    assert got.stdout == _score(RULES_2554, _csv(tmp_path / "pool.csv", rows), "--lang", "en").stdout
    assert "84,020 × 3% = pool 2,520.60" in got.stdout


@pytest.mark.slow
@_NO_LIBREOFFICE
def test_libreoffice_reads_the_steps_and_population_back(tmp_path):
    book = _make(tmp_path, RULES_2555, "dept_example_2555")
    row = _dept_row(**{"7:1": dt.datetime(2012, 2, 1), "7:2": "✓", "7:3": dt.datetime(2012, 2, 29), "7:5": "✓",
                       "population": 500})
    _fill(book, "dept_example_2555", [row])
    got = _score(RULES_2555, first_sheet_table(book, tmp_path, 1), "--explain", "--lang", "en").stdout
    assert "1, 2, 3 = 3" in got and "survey sample: 222 people (N = 500, e = 5%)" in got
    assert got == _score(RULES_2555, book, "--explain", "--lang", "en").stdout



def test_a_milestone_indicator_has_a_column_per_step_and_the_count(shipped_plan):
    from kpidsl.xlsx.layout import sheet_of

    plan = shipped_plan("2555")
    headers = [c.header for c in sheet_of(plan, "dept_example_2555").columns]
    assert headers[headers.index("7:1"):headers.index("7") + 1] == ["7:1", "7:2", "7:3", "7:4", "7:5", "7"]
    assert "1.1.1" in headers and "1.1.1:1" not in headers  # a ladder has no step columns


def test_the_guide_says_how_to_give_them(tmp_path):
    from kpidsl.xlsx.write import GUIDE_SHEET

    guide = openpyxl.load_workbook(_make(tmp_path, RULES_2555, "dept_example_2555"))[GUIDE_SHEET]
    text = "\n".join(str(c.value) for c in guide["A"] if c.value)
    assert "ทำขั้น 1, 2, 3, 5 ได้ 3" in text and "จำนวนประชากร (N)" in text and "กลุ่มวงเงิน" in text


def _guide_of(tmp_path: Path, policy: str) -> str:
    from kpidsl.xlsx.write import GUIDE_SHEET

    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "rules.kpi").write_text(f"""
framework org "กรอบทดสอบ" {{
    fiscal_year 2555
    policy {{ {policy} }}
    dimension d1 "มิติหนึ่ง" weight 100 {{
        kpi k1 "ตัวชี้วัดขั้นความสำเร็จ" weight 100 {{
            milestones {{
                1 "ขั้นที่หนึ่ง" due 31 ธ.ค. 2554
                2 "ขั้นที่สอง"
                3 "ขั้นที่สาม"
                4 "ขั้นที่สี่"
                5 "ขั้นที่ห้า"
            }}
        }}
    }}
}}
agreement a1 "คำรับรองทดสอบ" {{ framework org 2555 }}
""", encoding="utf-8")
    book = _make(tmp_path, str(folder), "a1")
    return "\n".join(str(c.value) for c in openpyxl.load_workbook(book)[GUIDE_SHEET]["A"] if c.value)


def test_the_guide_says_the_milestone_policies_the_rule_set_declares(tmp_path):
    # the scorer counts steps 1, 2, 3, 5 as 4 under `milestone_count listed`, and a step done late
    # under `late_step counted` (kpidsl/score/milestone_steps.py): the guide says what is in force
    text = _guide_of(tmp_path, "milestone_count listed\n    late_step counted")
    assert "ทำขั้น 1, 2, 3, 5 ได้ 4" in text and "ได้ 3" not in text
    assert "ขั้นที่ทำเสร็จหลังวันที่กำหนดของขั้นยังนับ (“ขั้นที่ล่าช้า นับ”)" in text
    assert "อาจไม่นับ" not in text


def test_the_guide_says_the_scores_a_scale_takes_under_the_declared_policy(tmp_path):
    # rules/2554/individual.kpi: competency_scale 1–5, `คะแนนมาตรวัด เต็มระดับ` (seed 001: 2 3 4 → 3.4)
    from kpidsl.xlsx.write import GUIDE_SHEET

    guide = openpyxl.load_workbook(_make(tmp_path, RULES_2554, "janya_2554_r1"))[GUIDE_SHEET]
    text = "\n".join(str(c.value) for c in guide["A"] if c.value)
    assert "ระดับสมรรถนะ: 1, 2, 3, 4 หรือ 5 ตามหลักเกณฑ์ “คะแนนมาตรวัด เต็มระดับ”" in text
    # a workbook without a scale says where to look, not an example of some other rule set's policy
    folder = tmp_path / "without_scale"
    folder.mkdir()
    text = _guide_of(folder, "scale_score between")
    assert "ระดับสมรรถนะ: ตามมาตรวัดที่หัวช่องระบุ" in text and "เช่น 1–5" not in text
