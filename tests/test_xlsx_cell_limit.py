"""A spreadsheet cell holds 32,767 characters (Excel's limit, in UTF-16 code units): longer
text is cut there so that the workbook opens, and each cut cell is told (J011, a warning at
its sheet and cell, with how many characters were kept of how many), in `score --format
xlsx` and in `kpidsl workbook`. The cut never splits the visible escape of a control
character (kpidsl/outputs/terminal.py: ``\\x01``) nor a character outside the BMP (two
code units, a surrogate pair in the file's UTF-16 reading). JSON and CSV cut nothing."""

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
from kpidsl.diagnostics.registry import CODES  # noqa: E402
from kpidsl.xlsx import cell_limit  # noqa: E402
from kpidsl.xlsx.cell_limit import CELL_CHARS, CutCells, fitted  # noqa: E402
from named_people import results_named  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES_2554 = ROOT / "rules" / "2554"
LONG = "ก" * 40_000  # a person's name pasted with a whole document after it


def _results(folder: Path, persons: list[str]) -> Path:
    return results_named(folder, persons, "long.csv")


def _score(folder: Path, persons: list[str], *args: str):
    results = _results(folder, persons)
    return CliRunner().invoke(main, ["score", str(RULES_2554), "--results", str(results), *args])


def _told(output: str, code: str = "J011") -> list[str]:
    return [line for line in output.splitlines() if f" {code} warning: " in line]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_40000_character_name_is_cut_at_the_cell_limit_and_told_at_its_cells(tmp_path, lang):
    out = tmp_path / "scores.xlsx"
    result = _score(tmp_path, [LONG], "--format", "xlsx", "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.output  # a warning: the workbook is written, the run is clean
    wb = openpyxl.load_workbook(out)
    summary = wb.worksheets[0]
    assert summary["B2"].value == "ก" * CELL_CHARS  # the figures beside it as before: seed 001's 70.8
    assert summary["D2"].value == pytest.approx(70.8)
    agreement = wb["janya_2554_r1"]
    assert agreement["B3"].value == "ก" * CELL_CHARS
    told = _told(result.output)
    # one warning a cut cell: the summary's, the agreement sheet's, and the explanation's line naming the person
    explained = [c.coordinate for ws in wb.worksheets[2:] for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and len(c.value) == CELL_CHARS]
    assert len(explained) == 1
    places = [line.split(": J011")[0] for line in told]
    explain_sheet = wb.worksheets[2].title
    assert places == [f"{out} › {summary.title}!B2", f"{out} › janya_2554_r1!B3",
                      f"{out} › {explain_sheet}!{explained[0]}"]
    message = CODES["J011"].at(None, length="40,000", limit="32,767", kept="32,767").message(lang)
    assert told[0].endswith(message)
    # the summary counts them as warnings, in the run's language
    assert ("คำเตือน 3 รายการ" if lang == "th" else "3 warnings") in result.output


def test_a_name_at_the_limit_is_written_whole_and_only_the_longer_explanation_line_is_told(tmp_path):
    out = tmp_path / "scores.xlsx"
    result = _score(tmp_path, ["ข" * CELL_CHARS], "--format", "xlsx", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.worksheets[0]["B2"].value == wb["janya_2554_r1"]["B3"].value == "ข" * CELL_CHARS
    # the explanation's line that names the person holds more than the name: that cell alone is cut
    told = _told(result.output)
    assert [line.split(": J011")[0] for line in told] == [f"{out} › {wb.worksheets[2].title}!A2"]
    line = wb.worksheets[2]["A2"].value
    assert len(line) == CELL_CHARS and line.count("ข") < CELL_CHARS
    assert "1 warning" in result.output


def test_json_and_csv_cut_nothing(tmp_path):
    result = _score(tmp_path, [LONG], "--format", "json")
    assert result.exit_code == 0 and "J011" not in result.output
    assert json.loads(result.stdout)[0]["person"] == LONG
    result = _score(tmp_path, [LONG], "--format", "csv")
    assert result.exit_code == 0 and "J011" not in result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["person"] == LONG


def test_the_warnings_of_a_run_are_capped_and_the_summary_counts_them_all(tmp_path, monkeypatch):
    monkeypatch.setattr(cell_limit, "MAX_TOLD", 4)
    out = tmp_path / "scores.xlsx"
    result = _score(tmp_path, [f"{n}{LONG}" for n in range(3)], "--format", "xlsx", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert len(_told(result.output)) == 4
    assert "9 warnings (4 shown of 9)" in result.output  # 3 rows, each cut in 3 cells


def test_a_workbook_to_standard_output_names_its_cells_at_dash(tmp_path):
    result = _score(tmp_path, [LONG], "--format", "xlsx")
    assert result.exit_code == 0
    assert [line.split(": J011")[0] for line in _told(result.stderr)][0].startswith("- › ")


def test_the_entry_workbook_tells_a_cut_title(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_2554, rules)
    path = rules / "agreements" / "individual_001.kpi"
    title = "แบบประเมินผลการปฏิบัติราชการ จรรยา เรียบร้อย รอบที่ 1 (ตัวอย่าง)"
    path.write_text(path.read_text(encoding="utf-8").replace(title, "ค" * 40_000, 1), encoding="utf-8")
    out = tmp_path / "entry.xlsx"
    result = CliRunner().invoke(main, ["workbook", str(rules), "--agreement", "janya_2554_r1", "-o", str(out),
                                       "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["janya_2554_r1"]["C1"].value == "ค" * CELL_CHARS
    told = _told(result.output)
    assert [line.split(": J011")[0] for line in told] == [f"{out} › janya_2554_r1!C1"]
    assert told[0].endswith(CODES["J011"].at(None, length="40,000", limit="32,767", kept="32,767").message("en"))


# ---- the cut itself -----------------------------------------------------------------------------------

def test_text_within_the_limit_is_not_cut():
    assert fitted("ก" * CELL_CHARS) is None
    assert fitted("😀" * (CELL_CHARS // 2)) is None  # 32,766 code units


def test_a_cut_never_splits_an_escape():
    # the escape of \x01 as terminal.py writes it, four characters, across the limit
    for before in range(CELL_CHARS - 3, CELL_CHARS + 1):
        text = "ก" * before + "\\x01" + "ข" * 10
        kept, length = fitted(text)
        assert length == len(text)
        assert kept == "ก" * min(before, CELL_CHARS), before
    text = "a" * (CELL_CHARS - 2) + "\\u202e" + "b"  # six characters, from CELL_CHARS - 2
    assert fitted(text)[0] == "a" * (CELL_CHARS - 2)
    text = "a" * (CELL_CHARS - 1) + "\\t" + "b"
    assert fitted(text)[0] == "a" * (CELL_CHARS - 1)


def test_a_cut_never_splits_a_surrogate_pair():
    # 😀 is two code units: the cell would end with half of it
    text = "a" * (CELL_CHARS - 1) + "😀" + "b"
    kept, length = fitted(text)
    assert kept == "a" * (CELL_CHARS - 1) and length == CELL_CHARS + 2
    text = "😀" * 20_000
    kept, length = fitted(text)
    assert kept == "😀" * (CELL_CHARS // 2) and length == 40_000
    assert len(kept.encode("utf-16-le")) // 2 <= CELL_CHARS


def test_the_workbook_holds_the_escape_whole_after_a_cut(tmp_path):
    out = tmp_path / "scores.xlsx"
    name = "ก" * (CELL_CHARS - 2) + "\x01" + "ข" * 100  # shown as \x01: past the limit by two
    result = _score(tmp_path, [name, "a" * (CELL_CHARS - 1) + "😀b"], "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    summary = openpyxl.load_workbook(out).worksheets[0]
    assert summary["B2"].value == "ก" * (CELL_CHARS - 2)
    assert summary["B3"].value == "a" * (CELL_CHARS - 1)
    assert re.search(r"J011 warning: .*32,765", result.output)


def test_cut_cells_keep_the_first_and_count_all():
    cuts = CutCells()
    for row in range(2, 2 + cell_limit.MAX_TOLD + 5):
        cuts.add("sheet", f"B{row}", 40_000, CELL_CHARS)
    assert cuts.count == cell_limit.MAX_TOLD + 5
    told = cuts.diagnostics("book.xlsx")
    assert len(told) == cell_limit.MAX_TOLD
    assert told[0].code == "J011" and told[0].severity == "warning"
    assert told[0].span.path == "book.xlsx › sheet!B2" and (told[0].span.line, told[0].span.column) == (2, 2)


def test_a_validation_s_prompt_title_is_cut_at_32_never_inside_an_escape():
    # Excel takes 32 characters of a prompt's title; the label is whole in the rows above the
    # column, so the cut is not told, but it kept half an escape (`\x0`) before
    from kpidsl.xlsx.layout import Column
    from kpidsl.xlsx.write import _validation

    label = "ผ" * 30 + "\x1b[31m" + "ท้าย"
    dv = _validation(Column(header="5", label=label, kind="decimal"))
    assert dv.promptTitle == "ผ" * 30
    dv = _validation(Column(header="5", label="ผล\uffff", kind="decimal"))
    assert dv.promptTitle == "ผล\\uffff"  # XML cannot hold U+FFFF: written as its escape


def test_the_entry_workbook_writes_u_ffff_escaped_not_a_broken_file(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_2554, rules)
    path = rules / "agreements" / "individual_001.kpi"
    title = "แบบประเมินผลการปฏิบัติราชการ จรรยา เรียบร้อย รอบที่ 1 (ตัวอย่าง)"
    path.write_text(path.read_text(encoding="utf-8").replace(title, "ชื่อ\uffffท้าย", 1), encoding="utf-8")
    out = tmp_path / "entry.xlsx"
    result = CliRunner().invoke(main, ["workbook", str(rules), "--agreement", "janya_2554_r1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out)["janya_2554_r1"]["C1"].value == "ชื่อ\\uffffท้าย"
