"""`kpidsl score --format xlsx`: the scores as a workbook, the same figures as CSV and
JSON give, as numbers; written whole or not at all; never to a terminal."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import commands, main  # noqa: E402
from libreoffice import first_sheet_csv  # noqa: E402
from kpidsl.diagnostics.render import cell_width  # noqa: E402
from kpidsl.xlsx.scores import SCORE_FORMAT  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "score"
RULES_2554 = str(ROOT / "rules" / "2554")
RESULTS = str(DATA / "individuals_2554.csv")


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("scores") / "scores.xlsx"
    result = _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_the_sheets(book):
    assert book.sheetnames == ["ผลการประเมิน", "janya_2554_r1", "somsak_2554_r1", "คำอธิบาย"]


def test_one_row_per_evaluation_with_the_figures_of_the_csv(book):
    ws = book["ผลการประเมิน"]
    want = list(csv.DictReader(io.StringIO(_run("score", RULES_2554, "--results", RESULTS, "--format",
                                               "csv").stdout)))
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(want) == 2
    for cells, row in zip(rows, want):
        got = {ws.cell(1, c.column).value: c for c in cells}
        assert got["คำรับรอง"].value == row["agreement"] and got["ผู้รับการประเมิน"].value == row["person"]
        for th, en in (("คะแนนรวม", "total"), ("คะแนนรวมสุทธิ", "final")):
            assert isinstance(got[th].value, (int, float)) and got[th].number_format == SCORE_FORMAT
            assert Decimal(str(got[th].value)) == Decimal(row[en])
        assert got["ระดับผล"].value == row["band"]
    janya = {ws.cell(1, c.column).value: c.value for c in rows[0]}
    assert (janya["คะแนนรวม"], janya["ร้อยละการเลื่อน"], janya["จำนวนเงิน"]) == (70.8, 3, 920)
    # the raise % decided is shown as written, 3 (General), as the CSV, JSON, the table (3%) and
    # the individual form write it, never 3.00 as if computed; the range is text, 2.5–3
    formats = {ws.cell(1, c.column).value: c.number_format for c in rows[0]}
    assert formats["ร้อยละการเลื่อน"] == "General" and rows[0][8].value == "2.5–3"


def test_a_sheet_per_agreement_with_every_indicators_weight_score_and_weighted_score(book):
    doc = json.loads(_run("score", RULES_2554, "--results", RESULTS, "--format", "json").stdout)[0]
    ws = book["janya_2554_r1"]
    titles = [c.value for c in ws[1]]

    def nodes(ns):
        for n in ns:
            yield n
            yield from nodes(n["children"])

    for n in nodes(doc["nodes"]):
        at = titles.index(f"{n['id']} {n['title']}".strip()) + 1
        assert [ws.cell(2, at + k).value for k in range(3)] == ["น้ำหนัก", "คะแนน", "คะแนนถ่วงน้ำหนัก"]
        # the weight declared, shown as written (General: 15, 0.6); the scores computed, at 4 places
        for cell, figure, shown in ((ws.cell(3, at), n["weight"], "General"),
                                    (ws.cell(3, at + 1), n["score"], SCORE_FORMAT),
                                    (ws.cell(3, at + 2), n["weighted"], SCORE_FORMAT)):
            assert (cell.value is None) == (figure is None)
            if figure is not None:
                assert Decimal(str(cell.value)) == Decimal(figure) and cell.number_format == shown
    j1 = titles.index("j1 " + next(n["title"] for n in nodes(doc["nodes"]) if n["id"] == "j1")) + 1
    assert [ws.cell(3, j1 + k).value for k in range(3)] == [15, 3.5, 0.525]  # 3.5 × 15% (seed 001: ค = ก × ข)


def test_frozen_headers_and_widths_that_fit_thai(book):
    assert book["ผลการประเมิน"].freeze_panes == "D2" and book["janya_2554_r1"].freeze_panes == "D3"
    ws = book["janya_2554_r1"]
    assert ws.column_dimensions["F"].width >= cell_width("คะแนนถ่วงน้ำหนัก")
    # rows as tall as Sarabun 14 with its marks above and below (21 points): at Excel's 15 a row's
    # figures overlapped the heading above it in LibreOffice, which does not fit rows on opening
    for ws in book.worksheets:
        assert (ws.sheet_format.defaultRowHeight, ws.sheet_format.customHeight) == (21, True), ws.title


def test_the_explanations_are_the_text_of_explain(book):
    text = _run("score", RULES_2554, "--results", RESULTS, "--explain").stdout
    lines = [c.value or "" for (c,) in book["คำอธิบาย"].iter_rows(max_col=1)]
    assert "\n".join(lines).strip() == text.strip()


def test_text_from_the_results_cannot_run_as_a_formula(tmp_path):
    results = tmp_path / "r.csv"
    rows = list(csv.reader(open(RESULTS, encoding="utf-8")))
    rows[1][rows[0].index("person")] = '=HYPERLINK("http://example.com","x")'
    with results.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows[:2])
    out = tmp_path / "s.xlsx"
    assert _run("score", RULES_2554, "--results", str(results), "--format", "xlsx", "-o", str(out)).exit_code == 0
    cell = openpyxl.load_workbook(out)["ผลการประเมิน"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def test_nothing_is_written_when_a_result_is_wrong(tmp_path):
    results = tmp_path / "r.csv"
    results.write_text(open(RESULTS, encoding="utf-8").read().replace("3.5", "สาม", 1), encoding="utf-8")
    out = tmp_path / "s.xlsx"
    result = _run("score", RULES_2554, "--results", str(results), "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 1 and "Q003" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_standard_output_takes_it_unless_it_is_a_terminal(monkeypatch):
    piped = _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx")
    assert piped.exit_code == 0
    assert openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes)).sheetnames[0] == "ผลการประเมิน"
    monkeypatch.setattr(commands, "stdout_is_terminal", lambda: True)
    for args in ([], ["-o", "-"]):
        result = _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx", *args)
        assert result.exit_code == 2 and result.stdout_bytes == b""
        assert "J010" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_libreoffice_reads_the_scores_as_numbers(tmp_path):
    book = tmp_path / "scores.xlsx"
    assert _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx", "-o", str(book)).exit_code == 0
    converted = first_sheet_csv(book, tmp_path, as_shown=True)  # as LibreOffice shows it: 4 decimals
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:4] == ["คำรับรอง", "ผู้รับการประเมิน", "รอบ", "คะแนนรวม"]
    assert rows[1][:4] == ["janya_2554_r1", "จรรยา เรียบร้อย", "1", "70.8000"]
    assert rows[1][-1] == "920.00" and rows[2][3] == "67.0000"
    # the raise % decided, as written: 3, not 3.00
    assert rows[1][9] == "3"


def test_explanations_go_on_in_another_sheet_when_one_is_full(tmp_path, monkeypatch):
    from kpidsl.xlsx import scores

    monkeypatch.setattr(scores, "SHEET_ROWS", 40)  # a sheet holds 1,048,576 rows; here one evaluation's
    out = tmp_path / "s.xlsx"
    assert _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx", "-o", str(out)).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["คำอธิบาย", "คำอธิบาย 2"]
    assert all(ws.max_row <= 40 for ws in wb.worksheets)
    assert wb["คำอธิบาย 2"]["A1"].value.startswith("somsak_2554_r1")


def test_in_english(tmp_path):
    out = tmp_path / "s.xlsx"
    assert _run("score", RULES_2554, "--results", RESULTS, "--format", "xlsx", "--lang", "en", "-o",
                str(out)).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["scores", "janya_2554_r1", "somsak_2554_r1", "explanations"]
    assert [c.value for c in wb["scores"][1]][:4] == ["agreement", "person", "round", "total"]
    text = _run("score", RULES_2554, "--results", RESULTS, "--explain", "--lang", "en").stdout
    assert "\n".join(c.value or "" for (c,) in wb["explanations"].iter_rows(max_col=1)).strip() == text.strip()


def test_the_raise_pools_have_a_sheet_of_numbers(tmp_path):
    """Rows with salary and group (as tests/test_pool.py's): the pools per group on their own
    sheet, as `score` prints them (28,000 in ชำนาญการ's upper half: 30,600 × 3% = 918 → 920)."""
    header = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
              "c1:score,c2:score,c3:score,c4:score,c5:score")
    scores = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี
    rows = [f'janya_2554_r1,1,{who},{raise_},"{salary}",{group},{scores}'
            for who, raise_, salary, group in (("จรรยา เรียบร้อย", "3%", "28,000", "academic_general"),
                                               ("สมชาย ใจดี", "3%", "28,000", "academic_general"),
                                               ("สมหญิง ดีใจ", "", "36,000", "executive"))]
    results = tmp_path / "r.csv"
    results.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "scores.xlsx"
    result = _run("score", RULES_2554, "--results", str(results), "--format", "xlsx", "-o", str(out), "--lang", "th")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert "วงเงินเลื่อนเงินเดือน" in wb.sheetnames and wb.sheetnames[-1] == "คำอธิบาย"
    ws = wb["วงเงินเลื่อนเงินเดือน"]
    assert [c.value for c in ws[1]] == ["กรอบการประเมิน", "รอบ", "ณ วันที่", "กลุ่มวงเงิน", "จำนวนคน", "เงินเดือนรวม",
                                        "วงเงิน", "เงินเลื่อนที่ให้", "คงเหลือ"]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(got) == 2
    academic, executive = got
    assert academic[:1] == executive[:1] == ["individual"]  # rules/2554's framework of the individuals
    assert academic[1:] == ["1", dt.datetime(2011, 3, 1), "academic_general ประเภทวิชาการ + ทั่วไป", 2,
                            56000, 1680, 1840, -160]
    assert executive[1:5] == ["1", dt.datetime(2011, 3, 1), "executive ประเภทบริหาร", 1]
    assert executive[5:] == [36000, 1080, 0, 1080]  # 3% of 36,000; her raise % is left blank
    assert all(isinstance(v, (int, float)) for row in got for v in row[4:])  # numbers, not text
    assert ws.freeze_panes == "B2" and ws["F2"].number_format == "#,##0.00"


def test_no_salaries_no_pools_sheet(book):
    assert not any("pool" in name or "วงเงิน" in name for name in book.sheetnames)


# a person written in a results file as people paste it: control characters, a newline, a
# bidi override, a formula; each row is one person of the same agreement
PASTED_PERSONS = ["a\x1bb", "x\x07y", "a\nb", "\u202eevil", "=1+1", "นาย\tก"]


def _pasted(tmp_path: Path) -> Path:
    with open(RESULTS, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, first = rows[0], rows[1]
    column = header.index("person")
    path = tmp_path / "pasted.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for person in PASTED_PERSONS:
            writer.writerow([person if i == column else cell for i, cell in enumerate(first)])
    return path


def test_control_characters_of_a_person_are_shown_escaped_not_a_crash(tmp_path):
    # `score --format xlsx` with an ESC in a person's name was "internal error:
    # IllegalCharacterError" (exit 2): an .xlsx (XML) cannot hold it; now written escaped, as a
    # terminal shows it, and a formula neutralised as ever
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", RULES_2554, "--results", str(_pasted(tmp_path)), "--format", "xlsx",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["ผลการประเมิน"]
    persons = [row[1].value for row in ws.iter_rows(min_row=2)]
    assert persons == ["a\\x1bb", "x\\x07y", "a\nb", "\\u202eevil", "'=1+1", "นาย\\tก"]


def test_the_text_report_names_each_row_s_person_on_one_line(tmp_path):
    # the text report named no person: one agreement scoring many people gave blocks alike,
    # whose figures none could tell; a person's newline could start a line of its own
    result = CliRunner().invoke(main, ["score", RULES_2554, "--results", str(_pasted(tmp_path)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    persons = [line for line in result.stdout.splitlines() if line.startswith("  person: ")]
    assert persons == ["  person: a\\x1bb", "  person: x\\x07y", "  person: a\\nb", "  person: \\u202eevil",
                       "  person: =1+1", "  person: นาย\\tก"]
    thai = CliRunner().invoke(main, ["score", RULES_2554, "--results", RESULTS])
    assert "  ผู้รับการประเมิน: " in thai.stdout
