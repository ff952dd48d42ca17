"""`score --format xlsx` written by kpidsl itself (kpidsl/xlsx/sheet_xml.py, package.py) is,
cell by cell, the workbook openpyxl's write-only cells made before (commit 529b73a): each
cell's value, type, number format, font (name, size, bold) and alignment, each sheet's name,
frozen panes, column widths and merged titles, on the seed rule sets' results, on the seeds'
new inputs (milestone steps one by one, the survey population, the raise pools), and on
hostile text (formulas, control characters, ``]]>``, ``<``, ``&``, spaces at the ends, a
cell past Excel's 32,767 characters).

tests/data/xlsx/scores_cells.json is that workbook as openpyxl reads it, written by the code
of 529b73a with ``python tests/test_scores_xlsx_cells.py OUT.json`` (PYTHONPATH at that
code): a layout changed on purpose is written anew the same way, at the new code, keeping the
16-digit floats openpyxl wrote where the new figure is the same number (it was so written anew
when the weighted scores became the shares a row adds to its parent, and when a component's
row was given its share of the total, 50.4 and 20.4, the table its heading by its rows' kinds
and a group's mean its Σ weighted × 100 / weight: only those cells changed; and when each node's
weight was given a column before its score on its agreement's sheet, and a component's row of the
explanations its share, 70 and 30: the agreement sheets' widths, merges, headings and rows and those
lines changed, openpyxl's 222.2222222222222 kept; and when a weight was shown as written, 70 not
70.0000, a declared figure and not a computed one: the weight cells' number format, General for
0.0000, and the explanations' table lines changed, nothing else; then the raise % decided, 3 not
3.00: the summary's raise % cells' number format, General for 0.00)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from libreoffice import first_sheet_csv

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "xlsx" / "scores_cells.json"
RULES_2554, RULES_2555 = ROOT / "rules" / "2554", ROOT / "rules" / "2555"
INDIVIDUALS = ROOT / "tests" / "data" / "score" / "individuals_2554.csv"
EXAMPLE_2555 = ROOT / "examples" / "results_2555.csv"

# a person as people paste one, or as someone hostile types it: each a row of janya_2554_r1
HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "a\x1bb", "x\x07y\x01z", "a\nb", "a\u2028b",
           "]]>", "<b>&amp;</b> & <", "'quoted", "  spaces at both ends  ", "\u202eevil", "นาย\tก",
           "y" * 40_000]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


def _hostile(folder: Path) -> Path:
    header, first = _rows(INDIVIDUALS)[:2]
    at = header.index("person")
    return _write(folder / "hostile.csv", [header] + [first[:at] + [p] + first[at + 1:] for p in HOSTILE])


def _steps(folder: Path) -> Path:
    """The 2555 department example with indicator 7's steps one by one (1 and 3 dated, the
    third a day past its due date, 2 and 5 marked) and the survey population N = 500."""
    header, row = _rows(EXAMPLE_2555)
    at = header.index("7")
    header = header[:at] + header[at + 1:] + ["7:1", "7:2", "7:3", "7:5", "population"]
    row = row[:at] + row[at + 1:] + ["2012-02-01", "✓", "2012-03-01", "✓", "500"]
    return _write(folder / "steps.csv", [header, row])


def _pools(folder: Path) -> Path:
    """Three people of seed 001's form with salaries and pool groups (as tests/test_scores_xlsx.py)."""
    header = ["agreement", "round", "person", "raise", "salary", "group", "j1:score", "j2:score", "j3:score",
              "j4:score", "j5:score", "c1:score", "c2:score", "c3:score", "c4:score", "c5:score"]
    scores = "3.5,3,4.5,3,4.5,4,3,4,3,3".split(",")
    rows = [["janya_2554_r1", "1", who, raise_, salary, group, *scores]
            for who, raise_, salary, group in (("จรรยา เรียบร้อย", "3%", "28,000", "academic_general"),
                                               ("สมชาย ใจดี", "3%", "28,000", "academic_general"),
                                               ("สมหญิง ดีใจ", "", "36,000", "executive"))]
    # 36,000, within her grade (40,000 is refused, Q047): the snapshot's pool row was edited with
    # it (3 % of 36,000 = 1,080), the only cells of scores_cells.json this row reaches
    return _write(folder / "pools.csv", [header, *rows])


# name → (rule set, results made in a folder, language)
CASES = {
    "2554 individuals": (RULES_2554, lambda folder: INDIVIDUALS, "th"),
    "2555 department, English": (RULES_2555, lambda folder: EXAMPLE_2555, "en"),
    "2555 steps and sample": (RULES_2555, _steps, "th"),
    "2554 raise pools": (RULES_2554, _pools, "th"),
    "hostile persons": (RULES_2554, _hostile, "en"),
}


def _value(value):
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, str) and len(value) > 200:  # kept short: its length and digest
        return {"length": len(value), "sha256": hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest(),
                "start": value[:20]}
    return value


def cells(data: bytes) -> dict:
    """A workbook as openpyxl reads it: per sheet, its frozen panes, widths, merged ranges
    and every cell's (value, type, number format, font name, size, bold, wrap, vertical)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "freeze": ws.freeze_panes,
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items()) if d.customWidth},
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "rows": [[[_value(c.value), c.data_type, c.number_format, c.font.name, c.font.sz, c.font.b,
                       c.alignment.wrap_text, c.alignment.vertical] for c in row] for row in ws.iter_rows()],
        }
    return out


def scored(name: str, folder: Path) -> bytes:
    from click.testing import CliRunner

    from kpidsl.cli import main

    rules, results, lang = CASES[name]
    out = folder / "scores.xlsx"
    given = str(results(folder))
    with contextlib.chdir(ROOT):  # the explanations name the rule files as given: rules/2554/…
        result = CliRunner().invoke(main, ["score", str(rules.relative_to(ROOT)), "--results", given, "--format",
                                           "xlsx", "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _case_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name.replace(" ", "_").replace(",", "")
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def before() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_fixture_holds_the_seeds_figures(before):
    """What the comparison compares: seed 001's form (70.8, ดี, raise 3 % = 920 baht), the
    pools (3 % of 56,000 = 1,680), seed 003's sample (N = 500 → 222.22 → 222) and steps."""
    summary = before["2554 individuals"]["ผลการประเมิน"]["rows"]
    assert [c[0] for c in summary[1][:4]] == ["janya_2554_r1", "จรรยา เรียบร้อย", "1", 70.8]
    assert summary[1][3][2] == "0.0000" and summary[1][10][:3] == [920, "n", "#,##0.00"]
    pools = before["2554 raise pools"]["วงเงินเลื่อนเงินเดือน"]["rows"]
    assert [c[0] for c in pools[1][4:]] == [2, 56000, 1680, 1840, -160]
    assert pools[1][2][:3] == [{"datetime": "2011-03-01T00:00:00"}, "d", "yyyy-mm-dd"]
    sample = before["2555 steps and sample"]["ขนาดกลุ่มตัวอย่าง"]["rows"][1]
    assert [c[0] for c in sample[3:7]] == [500, 5, 222.2222222222222, 222]
    steps = before["2555 steps and sample"]["ขั้นความสำเร็จ"]["rows"][1]
    assert [c[0] for c in steps[5:]] == ["1, 2, 3, 5", "1, 2", "3", "1: 2012-02-01; 3: 2012-03-01", 2]
    persons = [row[1][0] for row in before["hostile persons"]["scores"]["rows"][1:]]
    # the reader takes the spaces off a cell's ends (a tab too): "\t=1" is the formula "=1"
    assert persons[:5] == ["'=cmd|' /C calc'!A0", "'+1", "'-1", "'@SUM(A1)", "'=1"]
    assert persons[5:10] == ["a\\x1bb", "x\\x07y\\x01z", "a\nb", "a\\u2028b", "]]>"]
    # cut at a cell's 32,767 characters (openpyxl's check_string)
    assert persons[-1] == {"length": 32_767, "sha256": hashlib.sha256(b"y" * 32_767).hexdigest(), "start": "y" * 20}


@pytest.mark.parametrize("name", list(CASES))
def test_the_workbook_is_the_one_openpyxl_wrote_cell_by_cell(tmp_path, before, name):
    pytest.importorskip("openpyxl")
    got = cells(scored(name, _case_folder(tmp_path, name)))
    want = before[name]
    assert list(got) == list(want)
    for title in want:
        for key in ("freeze", "widths", "merged"):
            assert got[title][key] == want[title][key], (title, key)
        assert len(got[title]["rows"]) == len(want[title]["rows"]), title
        for r, (mine, theirs) in enumerate(zip(got[title]["rows"], want[title]["rows"]), start=1):
            assert len(mine) == len(theirs), (title, r)
            for c, (cell, was) in enumerate(zip(mine, theirs), start=1):
                assert cell[1:] == was[1:], (title, r, c)
                if isinstance(was[0], float) and isinstance(cell[0], float):
                    # openpyxl wrote 16 digits of a longer Decimal; now all of them are written
                    # (test_a_figure_is_written_digit_for_digit): the same number to the 16th digit
                    assert math.isclose(cell[0], was[0], rel_tol=1e-15), (title, r, c)
                else:
                    assert cell[0] == was[0], (title, r, c)


def test_a_figure_is_written_digit_for_digit(tmp_path):
    """openpyxl wrote a Decimal through '%.16g' (222.2222222222222); now every digit of the
    scorer's figure is in the file: seed 003's exact n for N = 500, e = 5 %, as `--format json`
    gives it (the spreadsheet reads it as the double nearest to it)."""
    from click.testing import CliRunner

    from kpidsl.cli import main

    folder = _case_folder(tmp_path, "steps")
    data = scored("2555 steps and sample", folder)
    doc = json.loads(CliRunner().invoke(main, ["score", str(RULES_2555), "--results", str(folder / "steps.csv"),
                                               "--format", "json"]).stdout)[0]
    exact = doc["sample_size"]["exact"]
    assert exact.startswith("222.2222222222222222") and len(exact) > 30
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet3.xml").decode("utf-8")  # ขนาดกลุ่มตัวอย่าง
    assert re.search(f'<c r="F2" s="[0-9]+" t="n"><v>{re.escape(exact)}</v></c>', sheet)  # whatever its style's id


def test_a_cell_s_number_and_column_as_excel_reads_them():
    from decimal import Decimal

    from kpidsl.xlsx.sheet_xml import column_letter, number_text

    # Excel's serial days: 1 March 2011 (the pools' date of seed 001) is 40603, as openpyxl wrote it;
    # before 1 March 1900 one fewer (Excel counts a 29 February 1900 that never was)
    assert [number_text(d) for d in (dt.date(2011, 3, 1), dt.date(1900, 3, 1), dt.date(1900, 2, 28),
                                     dt.date(1900, 1, 1))] == ["40603", "61", "59", "1"]
    assert [number_text(v) for v in ("80.0300", "1150.00", "-0.0000", "3", Decimal("1E+2"), Decimal("2.50"),
                                     12345678901234567, Decimal("0.1000000000000000000000000001"))] == \
        ["80.03", "1150", "-0", "3", "100", "2.5", "12345678901234567", "0.1000000000000000000000000001"]
    assert number_text(Decimal("NaN")) is None and number_text(Decimal("Infinity")) is None  # an empty cell
    assert [column_letter(n) for n in (1, 26, 27, 52, 703, 16_384)] == ["A", "Z", "AA", "AZ", "AAA", "XFD"]


def test_text_xml_cannot_hold_is_written_escaped_not_a_broken_file(tmp_path):
    """U+FFFE and U+FFFF, which XML 1.0 cannot hold and which shown() leaves alone (a
    terminal prints them harmlessly), made openpyxl write a sheet no reader opens; now shown
    escaped, as a control character is. The text's other characters are kept as they are."""
    from kpidsl.xlsx.sheet_xml import xml_text

    assert xml_text("a\uffffb\ufffe<&>]]>\udce1") == "a\\uffffb\\ufffe&lt;&amp;&gt;]]&gt;\\udce1"
    header, first = _rows(INDIVIDUALS)[:2]
    at = header.index("person")
    results = _write(tmp_path / "r.csv", [header, first[:at] + ["ก\uffffข"] + first[at + 1:]])
    pytest.importorskip("openpyxl")
    folder = _case_folder(tmp_path, "ffff")
    CASES["ffff"] = (RULES_2554, lambda f: results, "th")
    try:
        got = cells(scored("ffff", folder))
    finally:
        del CASES["ffff"]
    assert got["ผลการประเมิน"]["rows"][1][1][0] == "ก\\uffffข"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
def test_libreoffice_opens_the_hostile_workbook(tmp_path):
    """LibreOffice reads the workbook kpidsl wrote: the summary sheet's persons as they were
    written (formulas neutralised, never run; controls escaped; 40,000 letters cut at 32,767) and
    the figures as numbers shown to 4 decimals."""
    book = tmp_path / "hostile.xlsx"
    book.write_bytes(scored("hostile persons", _case_folder(tmp_path, "hostile")))
    converted = first_sheet_csv(book, tmp_path, as_shown=True)
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"), newline="")))
    assert rows[0][:4] == ["agreement", "person", "round", "total"]
    persons = [row[1] for row in rows[1:]]
    # the reader takes the spaces off a cell's ends (a tab too): "\t=1" is the formula "=1"
    assert persons[:5] == ["'=cmd|' /C calc'!A0", "'+1", "'-1", "'@SUM(A1)", "'=1"]
    assert persons[5:13] == ["a\\x1bb", "x\\x07y\\x01z", "a\nb", "a\\u2028b", "]]>", "<b>&amp;</b> & <", "'quoted",
                             "spaces at both ends"]
    assert persons[-1] == "y" * 32_767
    assert all(row[3] == "70.8000" for row in rows[1:])


if __name__ == "__main__":  # the fixture, from the code on PYTHONPATH (see the module's doc)
    import tempfile

    made = {}
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            made[case] = cells(scored(case, _case_folder(Path(tmp), case)))
    lines = ["{"]
    for c, (case, sheets) in enumerate(made.items()):
        lines.append(f" {json.dumps(case, ensure_ascii=False)}: {{")
        for s, (title, sheet) in enumerate(sheets.items()):
            lines.append(f"  {json.dumps(title, ensure_ascii=False)}: {{")
            lines += [f'   "{key}": {json.dumps(sheet[key], ensure_ascii=False)},' for key in ("freeze", "widths", "merged")]
            rows = [f"    {json.dumps(row, ensure_ascii=False)}," for row in sheet["rows"]]
            lines += ['   "rows": [', *rows[:-1], rows[-1][:-1], "   ]", "  }" + ("," if s < len(sheets) - 1 else "")]
        lines.append(" }" + ("," if c < len(made) - 1 else ""))
    Path(sys.argv[1]).write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
