"""An HR officer's mistakes in a filled workbook of seed 001's individual form (Janya, rules
2554: 72 × 70% + 68 × 30% = 70.8, ดี, a raise of 2.5–3%), each told at the cell to mend, in
Thai and English, with what to do: a score left blank (Q007), a salary typed without its pool
group (Q054) or with a group the framework does not declare (Q041), a raise outside the band's
range (Q023). The same rows as a CSV are told at the same cells' lines and columns. And a whole
unit on one agreement: a workbook row for each person (`--people`), and forms filled in their
names."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.xlsx.layout import LEVEL_LABELS, REFERENCE_LABELS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES_2554 = str(ROOT / "rules" / "2554")
SHEET = "janya_2554_r1"
MACHINE_ROW = 4 + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1
ENTRY_ROW = MACHINE_ROW + 1
JANYA = {"agreement": SHEET, "person": "จรรยา เรียบร้อย", "round": "1", "raise": 2.5, "salary": 28_000,
         "grade": "k_professional", "group": "academic_general",
         "j1:score": 3.5, "j2:score": 3, "j3:score": 4.5, "j4:score": 3, "j5:score": 4.5,  # seed 001: 72
         "c1:score": 4, "c2:score": 3, "c3:score": 4, "c4:score": 3, "c5:score": 3}  # 68 → 70.8, ดี


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _book(tmp_path: Path, **changes) -> tuple[Path, dict[str, str]]:
    """The workbook made by `kpidsl workbook`, Janya's row typed with ``changes`` (None: the
    cell left as the workbook gave it, blank); and each column's letter."""
    book = tmp_path / "janya.xlsx"
    made = _run("workbook", RULES_2554, "--agreement", SHEET, "-o", str(book))
    assert made.exit_code == 0, made.output
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    header = [c.value for c in ws[MACHINE_ROW]]
    letters = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}
    for name, value in {**JANYA, **changes}.items():
        if value is not None:
            ws.cell(ENTRY_ROW, header.index(name) + 1).value = value
    wb.save(book)
    return book, letters


def _csv(tmp_path: Path, **changes) -> tuple[Path, dict[str, int]]:
    """The same row as a CSV; each column's number (1-based)."""
    row = {**JANYA, **changes}
    path = tmp_path / "janya.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(list(row))
        writer.writerow(["" if v is None else v for v in row.values()])
    text = path.read_text(encoding="utf-8").splitlines()[1]
    starts, at = {}, 1
    for name, cell in zip(row, text.split(",")):
        starts[name] = at
        at += len(cell) + 1
    return path, starts


def _told(results: Path, lang: str) -> list[str]:
    out = _run("score", RULES_2554, "--results", str(results), "--lang", lang)
    assert out.exit_code == 1, out.output
    return [line.replace(str(results), "F") for line in out.output.splitlines()]


def test_the_row_as_typed_scores_70_8_with_a_raise_of_770(tmp_path):
    # seed 001: 70.8 is ดี; 2.5% of the upper mid-point 30,600 (28,000 ≥ 25,190) = 765 → 770,
    # within the pool of 3% of 28,000 = 840
    book, _ = _book(tmp_path)
    out = _run("score", RULES_2554, "--results", str(book), "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1] == f"{SHEET},จรรยา เรียบร้อย,1,70.8000,,70.8000,good,2.5,770"


def test_a_score_left_blank_is_told_at_its_cell(tmp_path):
    book, letters = _book(tmp_path, **{"c3:score": None})
    th = _told(book, "th")
    assert th[0] == (f"F › {SHEET}!{letters['c3:score']}{ENTRY_ROW}: Q007 error: คำรับรอง `{SHEET}` "
                     "คิดคะแนนไม่ได้: ขาด สมรรถนะ c3: คะแนน")
    assert _told(book, "en")[0].startswith(f"F › {SHEET}!{letters['c3:score']}{ENTRY_ROW}: Q007 error: ")
    table, starts = _csv(tmp_path, **{"c3:score": None})
    assert _told(table, "en")[0].startswith(f"F:2:{starts['c3:score']}: Q007 error: ")


def test_two_scores_left_blank_are_told_at_the_first(tmp_path):
    # j2's result and its score given directly both blank: at the result's cell, the first
    # the hint names
    book, letters = _book(tmp_path, **{"j2:score": None, "c3:score": None})
    told = _told(book, "en")
    assert told[0].startswith(f"F › {SHEET}!{letters['j2']}{ENTRY_ROW}: Q007 error: ")
    assert told[1].endswith("(add any the file lacks): `j2`, `c3:score`")


def test_a_column_the_file_lacks_is_told_at_the_row(tmp_path):
    # no cell to point at: the row, as before
    row = {k: v for k, v in JANYA.items() if k != "c3:score"}
    path = tmp_path / "short.csv"
    path.write_text(",".join(row) + "\n" + ",".join(str(v) for v in row.values()) + "\n", encoding="utf-8")
    assert _told(path, "en")[0].startswith("F:2:1: Q007 error: ")


def test_a_salary_without_its_pool_group_is_told_at_the_group_cell(tmp_path):
    book, letters = _book(tmp_path, group=None)
    th = _told(book, "th")
    assert th[0] == (f"F › {SHEET}!{letters['group']}{ENTRY_ROW}: Q054 error: มีเงินเดือนแต่ไม่ได้เลือก"
                     "กลุ่มวงเงินของกรอบ `individual`")
    assert "academic_general, executive, director" in th[1]
    en = _told(book, "en")
    assert en[0] == (f"F › {SHEET}!{letters['group']}{ENTRY_ROW}: Q054 error: a salary is given but no pool "
                     "group of framework `individual`")
    assert "``" not in "\n".join(th + en)
    table, starts = _csv(tmp_path, group=None)
    assert _told(table, "en")[0].startswith(f"F:2:{starts['group']}: Q054 error: ")


def test_a_group_not_declared_is_told_at_its_cell(tmp_path):
    book, letters = _book(tmp_path, group="teachers")  # typed over the list's warning
    told = _told(book, "en")
    assert told[0] == (f"F › {SHEET}!{letters['group']}{ENTRY_ROW}: Q041 error: `teachers` is not a pool group "
                       "of framework `individual`")
    table, starts = _csv(tmp_path, group="teachers")
    assert _told(table, "en")[0].startswith(f"F:2:{starts['group']}: Q041 error: ")


@pytest.mark.parametrize("lang, says, hint", [
    ("th", "ร้อยละการเลื่อน 4 อยู่นอกช่วงของระดับผล ดี (2.5–3%)",
     "ให้ร้อยละการเลื่อนอยู่ในช่วง 2.5–3% หรือตรวจผลการดำเนินงานของแถวนี้"),
    ("en", "raise 4% is outside the range of band good (2.5–3%)",
     "give a raise within 2.5–3%, or check the row's results")])
def test_a_raise_outside_its_band_says_the_range_in_both_languages(tmp_path, lang, says, hint):
    # 70.8 is ดี, 2.5–3% (seed 001 ขั้นตอนที่ 9); 4% is ดีมาก's
    book, letters = _book(tmp_path, **{"raise": 4})
    told = _told(book, lang)
    assert told[0] == f"F › {SHEET}!{letters['raise']}{ENTRY_ROW}: Q023 error: {says}"
    assert hint in told[1] and "rules/2554/bands.kpi:" in told[1]


def test_the_filled_form_names_the_rows_person_and_salary(tmp_path):
    # one agreement for a whole unit (it names no one): each row's form is that row's person's,
    # with the salary the raise was worked from (2.5% of 20,350, the lower mid-point: 508.75 → 510)
    rules = _unit_rules(tmp_path)
    table = tmp_path / "unit.csv"
    table.write_text("agreement,person,round,raise,salary,grade,group,i1:score,i2:score,c1,c2,c3,c4,c5\n"
                     "somchai_2555_r1,วิชัย ใจดี,1,2.5,\"20,000\",k_professional,academic_general,"
                     "3.5,4,4,3,4,3,4\n", encoding="utf-8")
    out = _run("render", str(rules), "--results", str(table), "--form", "individual", "--format", "md",
               "-o", str(tmp_path / "forms"))
    assert out.exit_code == 0, out.output
    form = (tmp_path / "forms" / "somchai_2555_r1" / "individual-วิชัย-ใจดี.md").read_text(encoding="utf-8")
    assert "- ชื่อผู้รับการประเมิน: วิชัย ใจดี" in form
    assert "(วิชัย ใจดี) ผู้รับการประเมิน" in form
    assert "20,000" in form and "510" in form
    out = _run("render", str(rules), "--results", str(table), "--form", "score-report", "--format", "md",
               "-o", str(tmp_path / "reports"))
    assert out.exit_code == 0, out.output
    report = (tmp_path / "reports" / "somchai_2555_r1" / "score-report-วิชัย-ใจดี.md").read_text(encoding="utf-8")
    assert "- ผู้รับการประเมิน: วิชัย ใจดี" in report


def _unit_rules(tmp_path: Path) -> Path:
    """rules/2555 with somchai's agreement naming no person and no salary: one agreement for a
    whole unit, each row a person with their own salary."""
    rules = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", rules)
    path = rules / "agreements" / "individual_example.kpi"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    ผู้รับการประเมิน "สมชาย ตัวอย่าง"\n', "")
                    .replace("เงินเดือน 20,000 ระดับตำแหน่ง", "ระดับตำแหน่ง"), encoding="utf-8")
    return rules


def test_a_workbook_for_a_whole_unit_has_a_row_for_each_person(tmp_path):
    # the workbook gave one locked row: 250 people on one agreement could not be typed in
    # without unprotecting the sheet, and the rows added had no validation
    rules = _unit_rules(tmp_path)
    book = tmp_path / "unit.xlsx"
    made = _run("workbook", str(rules), "--agreement", "somchai_2555_r1", "--people", "3", "-o", str(book))
    assert made.exit_code == 0, made.output
    wb = openpyxl.load_workbook(book)
    ws = wb["somchai_2555_r1"]
    header = [c.value for c in ws[MACHINE_ROW]]
    rows = range(ENTRY_ROW, ENTRY_ROW + 3)
    assert [ws.cell(r, 1).value for r in rows] == ["somchai_2555_r1"] * 3 and ws.max_row == ENTRY_ROW + 2
    person, c1 = header.index("person") + 1, header.index("c1:score") + 1
    assert all(ws.cell(r, person).protection.locked is False and ws.cell(r, person).value is None for r in rows)
    (whole,) = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"
                and openpyxl.utils.get_column_letter(c1) + str(ENTRY_ROW) in dv.sqref]
    # the column's rows as one range: a rule given each cell in turn made 10,000 people
    # quadratic (openpyxl looks through every range of the rule for each cell added)
    letter = openpyxl.utils.get_column_letter(c1)
    assert str(whole.sqref) == f"{letter}{ENTRY_ROW}:{letter}{ENTRY_ROW + 2}"
    # seed 001's way (individual_example.kpi's somchai_raise): (3.5 + 4) / 2 × 20 = 75,
    # 18 / 5 × 20 = 72; 75 × 70% + 72 × 30% = 74.1, ดี; 3% of the lower mid-point 20,350 = 610.5
    # → 620; 2.5% of the upper one 30,600 = 765 → 770. The third row, untouched, is no one's.
    typed = {"raise": 3, "salary": 20_000, "grade": "k_professional", "group": "academic_general",
             "i1:score": 3.5, "i2:score": 4, "c1:score": 4, "c2:score": 3, "c3:score": 4, "c4:score": 3,
             "c5:score": 4}
    for r, (name, changes) in zip(rows, [("วิชัย ใจดี", {}), ("ประภา ใจดี", {"raise": 2.5, "salary": 30_000})]):
        for key, value in {**typed, **changes, "person": name}.items():
            ws.cell(r, header.index(key) + 1).value = value
    wb.save(book)
    out = _run("score", str(rules), "--results", str(book), "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,วิชัย ใจดี,1,74.1000,,74.1000,good,3,620",
                                           "somchai_2555_r1,ประภา ใจดี,1,74.1000,,74.1000,good,2.5,770"]


def test_an_agreement_naming_its_person_keeps_one_row_a_round(tmp_path):
    book = tmp_path / "janya.xlsx"
    made = _run("workbook", RULES_2554, "--agreement", SHEET, "--people", "5", "-o", str(book))
    assert made.exit_code == 0, made.output
    ws = openpyxl.load_workbook(book)[SHEET]
    assert ws.max_row == ENTRY_ROW and ws.cell(ENTRY_ROW, 2).value == "จรรยา เรียบร้อย"


@pytest.mark.parametrize("people", ["0", "1048563"])
@pytest.mark.parametrize("lang, says", [("en", "rows: give 1 to 1,048,562"), ("th", "แถว: ต้องระบุ 1 ถึง 1,048,562")])
def test_people_outside_a_sheets_rows_is_a_usage_error(tmp_path, people, lang, says):
    # a sheet has 1,048,576 rows, the first entry row is row 15 (MACHINE_ROW + 1)
    out = _run("workbook", RULES_2554, "--agreement", SHEET, "--people", people, "-o", str(tmp_path / "w.xlsx"),
               "--lang", lang)
    assert out.exit_code == 2 and f"{people} {says}" in out.output
    assert not (tmp_path / "w.xlsx").exists()


def test_a_sheets_rows_hold_the_people_of_each_round():
    # rayong_agri_2554 has three rounds (sar6, sar9, sar12): 349,520 people a round are 1,048,560 entry rows, below
    # row 14 of 1,048,576; one more person is 1,048,563 (TooManyRows, J015 at the command)
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan
    from kpidsl.xlsx.layout import MAX_PEOPLE, TooManyRows, sheet_of

    (rs,) = check_paths([Path(RULES_2554)]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    assert MAX_PEOPLE == 1_048_576 - MACHINE_ROW
    rows = sheet_of(plan, "rayong_agri_2554", None, 349_520).rows
    assert len(rows) == 1_048_560 and [r.round for r in (rows[0], rows[349_519], rows[349_520], rows[-1])] == \
        ["sar6", "sar6", "sar9", "sar12"]
    with pytest.raises(TooManyRows):
        sheet_of(plan, "rayong_agri_2554", None, 349_521)
    assert len(sheet_of(plan, "rayong_agri_2554", "sar9", 349_521).rows) == 349_521


@pytest.mark.parametrize("lang, says", [
    ("en", "J015: agreement `rayong_agri_2554`: 349,521 people in each of 3 rounds are 1,048,563 rows, "
           "more than a sheet's 1,048,562"),
    ("th", "J015: คำรับรอง `rayong_agri_2554`: 349,521 คน ใน 3 รอบ เป็น 1,048,563 แถว เกินกว่าที่แผ่นงานหนึ่งมี "
           "(1,048,562 แถว)")])
def test_rows_past_a_sheets_are_told_and_nothing_written(tmp_path, lang, says):
    out = _run("workbook", RULES_2554, "--agreement", "rayong_agri_2554", "--people", "349521", "-o",
               str(tmp_path / "w.xlsx"), "--lang", lang)
    assert out.exit_code == 2 and says in out.output and "Traceback" not in out.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang, hint", [("en", "type one of the levels it takes, or leave the cell blank"),
                                        ("th", "กรอกระดับที่มาตรวัดรับ หรือเว้นช่องว่างไว้ถ้ายังไม่มีคะแนน")])
def test_a_competency_typed_between_levels_is_told_what_to_type(tmp_path, lang, hint):
    # seed 001's competency levels are whole (1–5): 3.5 is no level; the hint said only to leave
    # the cell blank while there is no score
    book, letters = _book(tmp_path, **{"c3:score": 3.5})
    told = _told(book, lang)
    assert told[0].startswith(f"F › {SHEET}!{letters['c3:score']}{ENTRY_ROW}: Q035 error: ")
    assert hint in told[1]


@pytest.mark.parametrize("lang, hint", [("en", "name a folder; without --results, --agreement and --form choose one"),
                                        ("th", "ระบุโฟลเดอร์ เมื่อไม่ใช้ --results เลือกแบบฟอร์มเดียวได้")])
def test_one_file_named_for_the_forms_of_results_says_to_name_a_folder(tmp_path, lang, hint):
    # Janya's row: the blank individual form and hers are two files; the hint said to choose one
    # form with --agreement and --form, which this command already does
    book, _ = _book(tmp_path)
    out = _run("render", RULES_2554, "--results", str(book), "--agreement", SHEET, "--form", "individual",
               "--format", "md", "-o", str(tmp_path / "janya.md"), "--lang", lang)
    assert out.exit_code == 2 and "O010" in out.output and hint in out.output, out.output
    assert not (tmp_path / "janya.md").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_workbook_that_cannot_be_written_is_told_and_nothing_else(tmp_path):
    # the sheets not yet zipped were closed by the collector, writing their end tags to a
    # closed file: Python printed "Exception ignored …" and a traceback after O001
    import os
    import subprocess
    import sys

    rules = _unit_rules(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-m", "kpidsl", "workbook", str(rules), "--agreement", "somchai_2555_r1",
                          "--people", "300", "-o", "/dev/full", "--lang", "en"], capture_output=True, text=True,
                         env=env)
    assert out.returncode == 2
    assert out.stderr.startswith("/dev/full:1:1: O001 error: cannot write `/dev/full`: ")
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    assert not [p for p in (tmp_path / "cache").rglob("xlsx-sheets*")]  # the run's folder removed
