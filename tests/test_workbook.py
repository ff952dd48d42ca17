"""`kpidsl workbook`: the results-entry workbook of the two seed agreements with results,
filled in as a person would, read back and scored to the figures of the same results
given as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from libreoffice import first_sheet_table, saved_by_libreoffice  # noqa: E402
from kpidsl.thai import to_thai_digits  # noqa: E402
from kpidsl.xlsx.layout import LEVEL_LABELS, REFERENCE_LABELS, sheet_of  # noqa: E402
from kpidsl.xlsx import read  # noqa: E402
from kpidsl.xlsx.read import as_csv, cell_text, read_workbook, write_csv  # noqa: E402
from kpidsl.xlsx.write import FONT_NAME, GUIDE_SHEET  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "score"
MACHINE_ROW = 4 + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1  # title block, reference rows, then it


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _make(tmp_path: Path, year: str, *agreements: str) -> Path:
    out = tmp_path / f"{year}.xlsx"
    args = ["workbook", str(ROOT / "rules" / year)]
    for a in agreements:
        args += ["--agreement", a]
    result = _run(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _fill(book: Path, rows: list[dict[str, str]], thai: set[str] = frozenset()) -> None:
    """Type each CSV row's values into its agreement's sheet, as a person would: numbers as
    numbers, the columns in ``thai`` as text in Thai digits, blank cells left alone."""
    wb = openpyxl.load_workbook(book)
    for row in rows:
        ws = wb[row["agreement"]]
        header = [c.value for c in ws[MACHINE_ROW]]
        entry = MACHINE_ROW + 1
        while ws.cell(entry, 3).value not in (row.get("round") or None,):
            entry += 1
        for name, value in row.items():
            if name in ("agreement", "person", "round") or not value:
                continue
            cell = ws.cell(entry, header.index(name) + 1)
            assert cell.protection.locked is False, f"{name} is not an entry cell"
            value = value.rstrip("%")
            cell.value = to_thai_digits(value) if name in thai else float(value)
    wb.save(book)


def _scores(ruleset: str, results: Path, *extra: str) -> str:
    result = _run("score", str(ROOT / "rules" / ruleset), "--results", str(results), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return result.output


def _read_back(book: Path, tmp_path: Path) -> Path:
    sheets, diags = read_workbook(book)
    assert diags == []
    out = tmp_path / "from_workbook.csv"
    out.write_text(as_csv(sheets), encoding="utf-8")
    streamed = tmp_path / "streamed.csv"
    with streamed.open("w", encoding="utf-8", newline="") as f:
        assert write_csv(book, f) == []
    assert streamed.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    return out


def test_department_example_round_trip(tmp_path):
    book = _make(tmp_path, "2555", "dept_example_2555")
    rows = _csv_rows(DATA / "dept_example_2555.csv")
    _fill(book, rows, thai={"1.1.1", "5", "8:X1", "11:survey"})
    back = _read_back(book, tmp_path)
    text = back.read_text(encoding="utf-8")
    assert "๘๒.๕" in text and ",๗๘," in text  # Thai digits reach the CSV reader as typed
    assert _scores("2555", back) == _scores("2555", DATA / "dept_example_2555.csv")
    assert _scores("2555", book) == _scores("2555", DATA / "dept_example_2555.csv")  # the workbook itself
    assert '"total": "3.5282"' in _scores("2555", back).replace(" ", "").replace(':"', ': "')


def test_individuals_round_trip_with_a_blank_optional_column(tmp_path):
    book = _make(tmp_path, "2554", "janya_2554_r1", "somsak_2554_r1")
    rows = _csv_rows(DATA / "individuals_2554.csv")
    assert rows[1]["raise"] == ""  # somsak's raise % is left blank: an optional column
    _fill(book, rows, thai={"j3:score", "s1"})
    back = _read_back(book, tmp_path)
    got, want = _scores("2554", back), _scores("2554", DATA / "individuals_2554.csv")
    assert got == want
    assert _scores("2554", book) == want  # the workbook itself
    text = _run("score", str(ROOT / "rules" / "2554"), "--results", str(book), "--format", "csv").output
    assert "janya_2554_r1,จรรยา เรียบร้อย,1,70.8000,,70.8000,good,3,920" in text
    text = _run("score", str(ROOT / "rules" / "2554"), "--results", str(back), "--format", "csv").output
    assert "janya_2554_r1,จรรยา เรียบร้อย,1,70.8000,,70.8000,good,3,920" in text
    assert "somsak_2554_r1,สมศักดิ์ สุขใจ,1,67.0000,,67.0000,fair,," in text


def test_a_sheet_per_agreement_and_the_guide(tmp_path):
    wb = openpyxl.load_workbook(_make(tmp_path, "2554", "janya_2554_r1", "somsak_2554_r1"))
    assert wb.sheetnames == ["janya_2554_r1", "somsak_2554_r1", GUIDE_SHEET]
    assert wb.active.title == "janya_2554_r1"
    guide = wb[GUIDE_SHEET]
    assert guide.protection.sheet is True
    assert "กรอกเฉพาะช่องสีเหลือง" in "".join(str(c.value) for c in guide["A"] if c.value)


def test_headers_are_the_results_file_headers_under_thai_reference_rows(tmp_path):
    ws = openpyxl.load_workbook(_make(tmp_path, "2555", "dept_example_2555"))["dept_example_2555"]
    header = [c.value for c in ws[MACHINE_ROW]]
    assert header[:4] == ["agreement", "person", "round", "submitted"]  # no salary rules: no raise
    # the framework's sample-size rule takes N; the rule set's milestone policy reads steps one by one
    steps = [f"{k}:{n}" for k in ("1.2.1", "7") for n in range(1, 6)]
    assert header[4:] == ["population", "1.1.1", "1.1.1:score", "1.1.2", "1.1.2:score", *steps[:5], "1.2.1", "2.1",
                          "2.1:score", "4.1", "4.1:score", "4.2", "4.2:score", "5", "5:score", "6", "6:score",
                          *steps[5:], "7", "8:X1", "8:X2", "8:X3", "8:X4", "8:Y1", "8:Y2", "8:Y3", "8:Y4", "9.1",
                          "9.1:score", "9.2", "9.2:score", "10:score", "11:survey", "11:checklist", "12:score"]
    assert ws.row_dimensions[MACHINE_ROW].hidden is True
    col = header.index("5") + 1
    ref = [ws.cell(r, col).value for r in range(5, MACHINE_ROW)]
    assert ref[0] == "5" and ref[1].startswith("ร้อยละของระดับความพึงพอใจของผู้รับบริการ")
    assert ref[2:4] == ["ผลการดำเนินงาน", "ร้อยละ"]
    assert ref[4:] == ["65", "70", "75", "80", "85"]
    lower = [ws.cell(r, header.index("4.2") + 1).value for r in range(9, MACHINE_ROW)]
    assert lower == ["> 8", "<= 8", "<= 6", "<= 4", "<= 2"]  # a lower-is-better ladder, open level 1
    steps = [ws.cell(r, header.index("7") + 1).value for r in range(9, MACHINE_ROW)]
    assert steps[0].startswith("1. ส่วนราชการมีการตรวจสอบ") and steps[4].startswith("5. ")
    assert [ws.cell(r, 1).value for r in range(5, MACHINE_ROW)] == list(REFERENCE_LABELS + LEVEL_LABELS)
    entry = [ws.cell(MACHINE_ROW + 1, c).value for c in range(1, 4)]
    assert entry == ["dept_example_2555", None, None]  # the department framework has no rounds
    assert ws.max_row == MACHINE_ROW + 1


def test_validation_rules(tmp_path):
    book = _make(tmp_path, "2554", "janya_2554_r1")
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    header = [c.value for c in ws[MACHINE_ROW]]
    entry = MACHINE_ROW + 1

    def rule(name: str):
        ref = f"{openpyxl.utils.get_column_letter(header.index(name) + 1)}{entry}"
        (dv,) = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
        assert dv.errorStyle == "warning" and dv.showErrorMessage  # Thai digits may be confirmed
        return dv.type, dv.operator, dv.formula1, dv.formula2

    assert rule("c1:score") == ("whole", "between", "1", "5")  # competency levels
    assert rule("j1:score") == ("decimal", "between", "0", "5")  # a score given directly
    assert rule("submitted")[0] == "date"
    assert rule("raise") == ("decimal", "between", "0", "100")
    dept = openpyxl.load_workbook(_make(tmp_path, "2555", "dept_example_2555"))["dept_example_2555"]
    header = [c.value for c in dept[MACHINE_ROW]]
    ws = dept
    assert rule("7") == ("whole", "between", "0", "5")  # milestone steps done
    assert rule("1.2.1") == ("whole", "between", "0", "5")
    assert rule("5")[0] == "decimal"
    assert rule("8:X1")[0] == "decimal"


def test_every_cell_but_the_entry_cells_is_locked(tmp_path):
    wb = openpyxl.load_workbook(_make(tmp_path, "2554", "janya_2554_r1"))
    ws = wb["janya_2554_r1"]
    assert ws.protection.sheet is True and not ws.protection.password
    header = [c.value for c in ws[MACHINE_ROW]]
    unlocked = {(c.row, header[c.column - 1]) for row in ws.iter_rows() for c in row if c.protection.locked is False}
    entry = MACHINE_ROW + 1
    assert unlocked == {(entry, h) for h in header if h not in ("agreement", "person", "round")}
    person = ws.cell(entry, 2)
    assert person.value == "จรรยา เรียบร้อย" and person.protection.locked is True
    assert ws.cell(entry, 3).value == "1"
    assert (ws["A3"].value, ws["C3"].value) == ("เงินเดือน", "28,000 บาท · ระดับตำแหน่ง k_professional")


def test_the_font_is_sarabun(tmp_path):
    wb = openpyxl.load_workbook(_make(tmp_path, "2555", "dept_example_2555"))
    fonts = {c.font.name for ws in wb for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {FONT_NAME}
    ws = wb["dept_example_2555"]
    assert ws.cell(MACHINE_ROW + 1, 6).font.name == FONT_NAME  # an empty entry cell too


def test_text_from_rule_files_cannot_run_as_a_formula(tmp_path, shipped_plan):
    from kpidsl.xlsx.write import workbook_bytes

    plan = shipped_plan("2554")
    janya = next(a for a in plan["agreements"] if a["id"] == "janya_2554_r1")
    janya["title"] = "=HYPERLINK(\"http://x\")"
    janya["person"] = "+cmd"
    janya["nodes"][0]["children"][0]["title"] = "@SUM(1)"
    book = tmp_path / "evil.xlsx"
    book.write_bytes(workbook_bytes([sheet_of(plan, "janya_2554_r1")]))
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'=HYPERLINK(\"http://x\")" in values and "'@SUM(1)" in values and "'+cmd" in values
    assert not [v for v in values if v[:1] in "=+-@"]
    sheets, _ = read_workbook(book)
    assert sheets[0].rows == () and sheets[0].header[1] == "person"
    assert cell_text("'+cmd") == "+cmd"  # read back as the person's name


def test_cell_text():
    assert cell_text(82.5) == "82.5" and cell_text(100.0) == "100" and cell_text(3) == "3"
    assert cell_text(1e-7) == "0.0000001" and cell_text(None) == ""
    assert cell_text(dt.datetime(2011, 11, 3)) == "2011-11-03" and cell_text("๗๘") == "๗๘"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_in_a_cell_reads_back_as_the_same_number(x):
    text = cell_text(x)
    assert "e" not in text.lower()
    assert Decimal(text) == Decimal(repr(x))


def test_a_date_reads_back_for_the_late_penalty(tmp_path):
    book = _make(tmp_path, "2554", "janya_2554_r1")
    wb = openpyxl.load_workbook(book)
    ws = wb["janya_2554_r1"]
    header = [c.value for c in ws[MACHINE_ROW]]
    ws.cell(MACHINE_ROW + 1, header.index("submitted") + 1).value = dt.datetime(2011, 4, 5)
    ws.cell(MACHINE_ROW + 1, header.index("j1:score") + 1).value = 3.5
    wb.save(book)
    (sheet,), _ = read_workbook(book)
    (row,) = sheet.dicts()
    assert row["submitted"] == "2011-04-05" and row["j1:score"] == "3.5" and row["j2:score"] == ""
    assert sheet.rows[0][0] == MACHINE_ROW + 1
    letter = openpyxl.utils.get_column_letter(header.index("j1:score") + 1)
    assert sheet.where(MACHINE_ROW + 1, "j1:score") == f"janya_2554_r1!{letter}{MACHINE_ROW + 1}"
    assert ws[f"{letter}{MACHINE_ROW}"].value == "j1:score"


def test_stdout_and_a_file_are_the_same_workbook(tmp_path):
    result = CliRunner().invoke(main, ["workbook", str(ROOT / "rules" / "2555"), "--agreement",
                                       "dept_example_2555", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes[:2] == b"PK"
    book = tmp_path / "x.xlsx"
    book.write_bytes(result.stdout_bytes)
    assert openpyxl.load_workbook(book).sheetnames == ["dept_example_2555", GUIDE_SHEET]


def test_overwriting_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    book = tmp_path / "w.xlsx"
    book.write_bytes(b"old")
    book.chmod(0o640)
    result = _run("workbook", str(ROOT / "rules" / "2555"), "--agreement", "dept_example_2555", "-o", str(book))
    assert result.exit_code == 0
    assert book.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["w.xlsx"]


def test_usage_troubles_exit_2(tmp_path):
    result = _run("workbook", str(ROOT / "rules" / "2554"), "--agreement", "janya_2554_r1", "--round", "2",
                  "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "J005" in result.output
    result = _run("workbook", str(ROOT / "rules" / "2554"), "--agreement", "janya_2554", "-o",
                  str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "janya_2554_r1" in result.output  # did you mean
    (tmp_path / "ro.xlsx").write_bytes(b"")
    (tmp_path / "ro.xlsx").chmod(0o444)
    result = _run("workbook", str(ROOT / "rules" / "2554"), "--agreement", "janya_2554_r1", "-o",
                  str(tmp_path / "ro.xlsx"))
    assert result.exit_code == 2 and "O002" in result.output  # a read-only file is refused, even for root
    assert (tmp_path / "ro.xlsx").read_bytes() == b""
    (tmp_path / "ro.xlsx").unlink()
    assert list(tmp_path.iterdir()) == []


def test_without_openpyxl_one_line_and_exit_2(tmp_path):
    code = ("import sys, importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda n, *a: None if n == 'openpyxl' else real(n, *a); "
            "from kpidsl.cli import main; sys.argv = ['kpidsl', 'workbook', sys.argv[1], '--agreement', 'x']; main()")
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "rules" / "2555")], capture_output=True,
                          text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "pip install 'kpidsl[xlsx]'" in proc.stderr
    assert "J001" in proc.stderr and list(tmp_path.iterdir()) == []


def test_not_a_workbook_and_a_sheet_without_a_table(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("agreement,5\n", encoding="utf-8")
    sheets, diags = read_workbook(bad)
    assert sheets == [] and [d.code for d in diags] == ["J003"] and diags[0].span.path.endswith("bad.xlsx")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    other_zip = tmp_path / "other.xlsx"
    import zipfile
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    locked = tmp_path / "locked.xlsx"  # a password-protected workbook is an OLE file, not a zip
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for path in (old, other_zip, locked):
        sheets, diags = read_workbook(path)
        assert sheets == [] and [(d.code, d.span.path) for d in diags] == [("J003", str(path))]
    wb = openpyxl.Workbook()
    wb.active.title = "ผลการประเมิน"
    wb.active["A1"] = "ชื่อผู้รับการประเมิน"
    wb.save(bad)
    sheets, diags = read_workbook(bad)
    assert [d.code for d in diags] == ["J004"] and diags[0].span.path.endswith("bad.xlsx › ผลการประเมิน")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    book = _make(tmp_path, "2555", "dept_example_2555")
    import zipfile
    with zipfile.ZipFile(book) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(read, "MAX_UNPACKED", unpacked - 1)
    sheets, diags = read_workbook(book)
    assert sheets == [] and [d.code for d in diags] == ["J003"] and f"{unpacked:,}" in diags[0].message_en
    monkeypatch.setattr(read, "MAX_UNPACKED", unpacked)
    assert read_workbook(book)[1] == []


def test_the_machine_row_is_looked_for_near_the_top_only(tmp_path):
    book = tmp_path / "deep.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "ผล"
    wb.active.cell(read.MAX_HEADER_SEARCH, 1, "agreement")
    wb.active.cell(read.MAX_HEADER_SEARCH, 2, "5")
    wb.save(book)
    assert [(s.sheet, s.header_row) for s in read_workbook(book)[0]] == [("ผล", read.MAX_HEADER_SEARCH)]
    wb.active.insert_rows(1)
    wb.save(book)
    sheets, diags = read_workbook(book)
    assert sheets == [] and [d.code for d in diags] == ["J004"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_libreoffice_opens_it_and_reads_the_filled_table_back(tmp_path):
    book = _make(tmp_path, "2555", "dept_example_2555")
    rows = _csv_rows(DATA / "dept_example_2555.csv")
    _fill(book, rows)
    table = first_sheet_table(book, tmp_path, 1)
    assert _scores("2555", table) == _scores("2555", DATA / "dept_example_2555.csv")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_a_workbook_filled_and_saved_by_libreoffice_reads_back_as_typed(tmp_path):
    # the workbook as Calc saves it (shared strings; each entry cell left empty written as a
    # cell without a value, read for its place alone): every figure read back is the one typed
    book = _make(tmp_path, "2555", "dept_example_2555")
    (row,) = _csv_rows(DATA / "dept_example_2555.csv")
    thai = {"1.1.1", "8:X1"}  # typed as text in Thai digits
    _fill(book, [row], thai)
    saved = saved_by_libreoffice(book, tmp_path)
    import zipfile

    with zipfile.ZipFile(saved) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "xl/sharedStrings.xml" in z.namelist() and sheet.count("/><c r=") > 50  # empty cells, as Calc writes them
    sheets, diags = read_workbook(saved)
    assert diags == [] and [s.sheet for s in sheets] == ["dept_example_2555"]
    (got,) = sheets[0].dicts()
    typed = {k: to_thai_digits(v) if k in thai else v for k, v in row.items()}
    assert {k: got.get(k) for k in typed} == typed
    assert _scores("2555", saved) == _scores("2555", DATA / "dept_example_2555.csv")


@pytest.mark.parametrize("year, agreement", [("2555", "dept_example_2555"), ("2554", "janya_2554_r1")])
def test_the_sheet_as_a_person_sees_it(tmp_path, snapshot, year, agreement):
    """Every written cell of the entry sheet, row by row (`pytest --snapshot-update` after a
    deliberate change): the reference rows, the hidden header row, the prefilled entry row."""
    ws = openpyxl.load_workbook(_make(tmp_path, year, agreement))[agreement]
    lines = []
    for row in ws.iter_rows():
        cells = [f"{c.coordinate}={c.value}" for c in row if c.value is not None]
        if cells:
            lines.append(" | ".join(cells))
    assert "\n".join(lines) == snapshot


@pytest.mark.parametrize("value", [True, False])
def test_a_true_or_false_cell_is_not_read_as_a_score(tmp_path, value):
    # TRUE was read as 1 and FALSE as 0: a ticked box scored Janya's j1 as 1 (total 65.55,
    # band fair) without a word. Excel writes it TRUE/FALSE; a step column takes those marks.
    book = _make(tmp_path, "2554", "janya_2554_r1")
    row = {"agreement": "janya_2554_r1", "round": "1", "j1:score": "3.5", "j2:score": "3", "j3:score": "4.5",
           "j4:score": "3", "j5:score": "4.5", "c1:score": "4", "c2:score": "3", "c3:score": "4",
           "c4:score": "3", "c5:score": "3"}
    _fill(book, [row])
    wb = openpyxl.load_workbook(book)
    ws = wb["janya_2554_r1"]
    column = [c.value for c in ws[MACHINE_ROW]].index("j1:score") + 1
    ws.cell(MACHINE_ROW + 1, column).value = value
    wb.save(book)
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(book), "--lang", "en"])
    assert result.exit_code == 1, result.output
    cell = f"{openpyxl.utils.get_column_letter(column)}{MACHINE_ROW + 1}"
    assert f"janya_2554_r1!{cell}: Q003 error: `{str(value).upper()}`" in result.output
    assert cell_text(value) == str(value).upper()


def test_a_title_with_control_characters_is_written_escaped(tmp_path):
    # a title pasted with an ESC and a bidi override (S014 warns; the rule set still builds)
    # made `kpidsl workbook` an "internal error: IllegalCharacterError" (exit 2): an .xlsx
    # cannot hold the ESC at all; now each is shown escaped, as on a terminal
    rules = tmp_path / "2554"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    path = rules / "agreements" / "individual_001.kpi"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('janya_2554_r1 "แบบประเมิน', 'janya_2554_r1 "\x1b[2J\u202eแบบประเมิน', 1),
                    encoding="utf-8")
    check = _run("check", str(rules), "--lang", "en")
    assert check.exit_code == 0 and "S014" in check.output, check.output
    out = tmp_path / "janya.xlsx"
    result = _run("workbook", str(rules), "--agreement", "janya_2554_r1", "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["janya_2554_r1"]
    assert ws["C1"].value.startswith("\\x1b[2J\\u202eแบบประเมิน")


def test_an_entry_label_with_control_characters_is_written_escaped_in_its_prompt(tmp_path):
    # an input's label is the entry column's prompt title (an attribute of the sheet's XML),
    # which was written raw: an ESC there made a sheet Excel calls damaged and openpyxl
    # cannot open; it is shown escaped, as the same label in the reference rows is
    rules = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", rules)
    path = rules / "department.kpi"
    text = path.read_text(encoding="utf-8")
    label = '"ผลการเบิกจ่ายเงินงบประมาณรายจ่ายภาพรวมที่ส่วนราชการเบิกจ่ายแต่ละไตรมาส"'
    assert label in text
    path.write_text(text.replace(label, '"ผล\x1bการ\x01เบิกจ่าย"', 1), encoding="utf-8")
    out = tmp_path / "dept.xlsx"
    result = _run("workbook", str(rules), "--agreement", "dept_example_2555", "-o", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["dept_example_2555"]
    titles = {dv.promptTitle for dv in ws.data_validations.dataValidation}
    assert "X1: ผล\\x1bการ\\x01เบิกจ่าย" in titles
