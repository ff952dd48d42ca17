"""A rule set with `ทบทวน`/`review` lines left (Y001: figures `kpidsl new-year` asks staff to
confirm) is a draft. Its forms were built to look final, without a word on the page or on the
terminal, so a form with last year's weights could be printed and signed. Now every page of
every form says it is a draft and how many lines are left, the plan lists them, and `build`,
`render` and `score` say so in one line; a rule set with none is built as before."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    """rules/2555 taken to 2556 by `kpidsl new-year`: its review lines left as written."""
    out = tmp_path_factory.mktemp("draft") / "2556"
    result = run("new-year", ROOT / "rules" / "2555", "2556", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _reviews(folder: Path) -> int:
    return sum(len(re.findall(r"^\s*ทบทวน\b", p.read_text(encoding="utf-8"), re.M)) for p in folder.rglob("*.kpi"))


def test_every_form_of_a_draft_says_so_with_the_count(draft, tmp_path):
    n = _reviews(draft)
    assert n == 105
    out = tmp_path / "out"
    result = run("build", draft, "-o", out, "--lang", "th")
    assert result.exit_code == 0, result.output
    assert f"บรรทัดทบทวน {n} บรรทัด" in result.stderr and "Y001" in result.stderr
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert len(plan["reviews"]) == n
    first = plan["reviews"][0]
    assert first["source"]["path"].endswith(".kpi") and first["source"]["line"] >= 1 and first["text"]
    forms = [p for p in out.rglob("*") if p.suffix in (".html", ".md")]
    assert len(forms) > 20
    for p in forms:
        text = p.read_text(encoding="utf-8")
        assert "ร่าง" in text and f"{n} บรรทัด" in text, p
    page = (out / "dept_example_2556" / "agreement.html").read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{[^}]*@top-center\s*\{\s*content:\s*\"ร่าง", page), "every printed page, not the first"


def test_english_says_draft_too(draft, tmp_path):
    result = run("render", draft, "--form", "agreement", "--agreement", "dept_example_2556", "-o", tmp_path / "f",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "105 review lines" in result.stderr
    (page,) = (tmp_path / "f").rglob("agreement.html")
    assert "ร่าง" in page.read_text(encoding="utf-8")  # the form is Thai whatever the terminal's language


def test_score_of_a_draft_says_so(draft, tmp_path):
    """The shipped 2555 results under their 2556 ids: scored, with the one line on stderr."""
    results = tmp_path / "results_2556.csv"
    results.write_text((ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").replace("_2555", "_2556"),
                       encoding="utf-8")
    result = run("score", draft, "--results", results, "--format", "csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "105 review lines" in result.stderr and result.stdout.count("\n") > 1


def test_a_rule_set_without_review_lines_is_built_as_before(tmp_path):
    out = tmp_path / "out"
    result = run("build", ROOT / "rules" / "2555", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Y001" not in result.stderr
    assert "reviews" not in json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert not any("@top-center" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_deleting_the_last_review_line_makes_it_final(draft, tmp_path):
    final = tmp_path / "2556"
    shutil.copytree(draft, final)
    for p in final.rglob("*.kpi"):
        p.write_text("".join(line for line in p.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not re.match(r"^\s*ทบทวน\b", line)), encoding="utf-8")
    result = run("build", final, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Y001" not in result.stderr
    assert not any("ร่าง" in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))


def _top_of_page(folder: Path) -> str:
    (page,) = folder.rglob("agreement.html")
    return re.search(r"@top-center\s*\{\s*content:\s*\"([^\"]*)\"", page.read_text(encoding="utf-8")).group(1)


def test_the_printed_page_header_counts_the_review_lines_in_the_forms_digits(draft, tmp_path):
    """The style is never given Thai digits afterwards (kpidsl/forms/env.py): the count in the
    header of every printed page is written in the form's digits where it is made."""
    tops = {}
    for digits in ("arabic", "thai"):
        result = run("render", draft, "--form", "agreement", "--agreement", "dept_example_2556",
                     "-o", tmp_path / digits, "--digits", digits)
        assert result.exit_code == 0, result.output
        tops[digits] = _top_of_page(tmp_path / digits)
    assert "ทบทวน 105 บรรทัด" in tops["arabic"]
    assert tops["thai"] == tops["arabic"].replace("105", "๑๐๕")


DRAFT_TH = "ร่าง — ชุดกฎยังมีบรรทัดทบทวน 105 บรรทัด (Y001) ที่ยังไม่ยืนยัน ตัวเลขเหล่านี้ยังไม่ใช่ฉบับจริง"
DRAFT_EN = "DRAFT: the rule set has 105 review lines (Y001) left to confirm; these figures are not final"


def test_the_entry_workbook_of_a_draft_says_so_on_its_sheet_and_each_printed_page(draft, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    for rules, agreement, mark in ((draft, "dept_example_2556", DRAFT_TH), (ROOT / "rules" / "2555", "dept_example_2555", None)):
        book = tmp_path / f"{agreement}.xlsx"
        result = run("workbook", rules, "--agreement", agreement, "-o", book, "--lang", "en")
        assert result.exit_code == 0, result.output
        wb = openpyxl.load_workbook(book)
        sheet = wb[agreement]
        assert sheet["A4"].value == mark  # the title block's blank row, above the reference rows
        assert [ws.oddHeader.center.text for ws in wb.worksheets] == [mark] * len(wb.worksheets)
    # the draft's workbook still reads back as a results file: the mark is no row of it (an
    # unfilled workbook holds no evaluation, Q051, and nothing else is told)
    result = run("score", draft, "--results", tmp_path / "dept_example_2556.xlsx", "--format", "csv")
    assert set(re.findall(r": ([A-Z][0-9]{3}) (?:warning|error)", result.output)) == {"Q051"}, result.output


def test_the_score_workbook_of_a_draft_says_so_on_each_sheet_and_each_printed_page(draft, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    results = tmp_path / "results_2556.csv"
    results.write_text((ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").replace("_2555", "_2556"),
                       encoding="utf-8")
    for rules, given, lang, mark in ((draft, results, "en", DRAFT_EN), (draft, results, "th", DRAFT_TH),
                                     (ROOT / "rules" / "2555", ROOT / "examples" / "results_2555.csv", "en", None)):
        book = tmp_path / f"scores_{lang}_{mark is None}.xlsx"
        result = run("score", rules, "--results", given, "--format", "xlsx", "-o", book, "--lang", lang)
        assert result.exit_code == 0, result.output
        wb = openpyxl.load_workbook(book)
        assert len(wb.worksheets) >= 3
        assert {ws.oddHeader.center.text for ws in wb.worksheets} == {mark}
        if mark:
            assert {ws.oddHeader.center.color for ws in wb.worksheets} == {"AA0000"}
        # on screen too, as the entry workbook's A4: every sheet's first row, in dark red, frozen
        # with the table's heading so that it stays in sight as the rows scroll; the table below it
        first = [(ws.title, ws["A1"].value) for ws in wb.worksheets]
        heading = {"scores": "agreement", "dept_example_2556": "agreement", "dept_example_2555": "agreement",
                   "explanations": "dept_example_2555 — คำรับรองการปฏิบัติราชการของกรมตัวอย่าง ประจำปีงบประมาณ พ.ศ. 2555 (ตัวอย่าง)",
                   "ผลการประเมิน": "คำรับรอง", "คำอธิบาย": None}
        if mark is None:
            assert first == [(t, heading[t]) for t, _ in first]
            assert wb["scores"].freeze_panes == "D2"
            continue
        assert first == [(ws.title, mark) for ws in wb.worksheets]
        assert {(ws["A1"].font.b, ws["A1"].font.color.rgb) for ws in wb.worksheets} == {(True, "FFAA0000")}
        summary, sheet, notes = wb.worksheets[0], wb["dept_example_2556"], wb.worksheets[-1]
        assert [summary.freeze_panes, sheet.freeze_panes, notes.freeze_panes] == ["D3", "D4", "A2"]
        assert summary["A2"].value == ("agreement" if lang == "en" else "คำรับรอง")
        assert sheet["A4"].value == "dept_example_2556" and sheet["D2"].value.startswith("external ")
        assert notes["A2"].value.startswith("dept_example_2556 — ")
        assert "D2:F2" in {str(r) for r in sheet.merged_cells.ranges}  # a node's title over its three columns
