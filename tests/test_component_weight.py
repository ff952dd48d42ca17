"""A row's weight is the figure its weighted score is weighed by, in every output: an
individual's component its share (seed 001's summary form: น้ำหนัก (ข) 70% and 30% beside
ก × ข = 50.4 and 20.4), an indicator its weight, a sub-indicator its W
(kpidsl/score/weighted.py weight_in_parent). The component's weight column was blank in the
score table, null in JSON and absent from the workbook, so a reader could not see where 50.4
came from."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES_2554, RULES_2555 = str(ROOT / "rules" / "2554"), str(ROOT / "rules" / "2555")
JANYA = str(ROOT / "examples" / "janya.csv")
DEPT = str(ROOT / "examples" / "results_2555.csv")
# (id, weight, score, weighted) of janya's components: 72 × 70 / 100 = 50.4, 68 × 30 / 100 = 20.4
COMPONENTS = [("achievement", "70", "72.0000", "50.4000"), ("competency", "30", "68.0000", "20.4000")]


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_score_table_shows_each_component_s_share_as_its_weight(lang):
    rows = [line.split() for line in _run("score", RULES_2554, "--results", JANYA, "--lang", lang).stdout.splitlines()
            if line.startswith(("  achievement ", "  competency ", "    j1 "))]
    # the weight as the rule file writes it (70, 15), not padded to the score's 4 places as
    # if computed: the seeds' forms write น้ำหนัก (ข) 70% beside 72 and 50.4 (001)
    assert [(r[0], r[-3], r[-2], r[-1]) for r in rows[:3]] == [
        ("achievement", "70", "72.0000", "50.4000"), ("j1", "15", "3.5000", "0.5250"),
        ("competency", "30", "68.0000", "20.4000")]


def test_the_score_table_writes_a_department_s_weights_as_written():
    # a dimension's 70, an indicator's 24 and 18, a sub-indicator's W 0.6 (seed 003), each
    # as JSON's `weight` writes it (test_json_weight_of_a_department_s_rows_is_as_before)
    out = _run("score", RULES_2555, "--results", DEPT, "--lang", "en").stdout
    rows = {line.split()[0]: line.split() for line in out.splitlines()[3:] if line.startswith("  ")}
    assert [(i, rows[i][-3], rows[i][-1]) for i in ("external", "1", "1.1", "1.1.1", "5")] == \
        [("external", "70", "2.5080"), ("1", "24", "0.8700"), ("1.1", "18", "0.6300"), ("1.1.1", "0.6", "2.1000"),
         ("5", "7", "0.2520")]


@pytest.mark.parametrize("engine, explain", [("python", []), ("sql", []), ("python", ["--explain"])])
def test_json_weight_is_the_figure_a_node_is_weighed_by(engine, explain):
    # both engines and both writers (report.py evaluation_doc, and as_dict with explanations)
    docs = json.loads(_run("score", RULES_2554, "--results", JANYA, "--format", "json", "--engine", engine,
                           *explain).stdout)
    # version 3: a component's `weight` is its share, where version 2 had null
    assert [doc["version"] for doc in docs] == [3, 3]
    nodes = docs[0]["nodes"]
    assert [(n["id"], n["weight"], n["score"], n["weighted"]) for n in nodes] == COMPONENTS
    assert [(n["id"], n["weight"]) for n in nodes[0]["children"]] == \
        [("j1", "15"), ("j2", "20"), ("j3", "15"), ("j4", "30"), ("j5", "20")]
    # each row reads weight × score / 100 = weighted
    for n in nodes:
        assert Decimal(n["weight"]) * Decimal(n["score"]) / 100 == Decimal(n["weighted"])


def test_json_weight_of_a_department_s_rows_is_as_before():
    # a dimension's and an indicator's weight as written (% of the total), a sub-indicator's W:
    # 1.1.1 W 0.6 × SM 3.5 = 2.1 (seed 003)
    doc = json.loads(_run("score", RULES_2555, "--results", DEPT, "--format", "json").stdout)[0]

    def walk(ns):
        for n in ns:
            yield n
            yield from walk(n["children"])

    by_id = {n["id"]: n for n in walk(doc["nodes"])}
    assert [(i, by_id[i]["weight"], by_id[i]["weighted"]) for i in ("external", "1", "1.1", "1.1.1")] == \
        [("external", "70", "2.5080"), ("1", "24", "0.8700"), ("1.1", "18", "0.6300"), ("1.1.1", "0.6", "2.1000")]


openpyxl = pytest.importorskip("openpyxl")


def test_the_workbook_shows_each_row_s_weight_beside_its_scores(tmp_path):
    out = tmp_path / "s.xlsx"
    _run("score", RULES_2554, "--results", JANYA, "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    ws = book["janya_2554_r1"]
    titles = [c.value for c in ws[1]]
    got = []
    for name in ("achievement ผลสัมฤทธิ์ของงาน", "j1 ตัวชี้วัดที่ 1", "competency พฤติกรรมการปฏิบัติราชการหรือสมรรถนะ"):
        at = titles.index(name) + 1
        assert [ws.cell(2, at + k).value for k in range(3)] == ["น้ำหนัก", "คะแนน", "คะแนนถ่วงน้ำหนัก"]
        got.append(tuple(ws.cell(3, at + k).value for k in range(3)))
    assert got == [(70, 72, 50.4), (15, 3.5, 0.525), (30, 68, 20.4)]
    # shown as written (70, 0.6: Excel's General), the scores at their 4 places
    at = titles.index("achievement ผลสัมฤทธิ์ของงาน") + 1
    assert [ws.cell(3, at + k).number_format for k in range(3)] == ["General", "0.0000", "0.0000"]
    # the explanations sheet holds the score table, its components' weights included
    lines = [c.value or "" for (c,) in book["คำอธิบาย"].iter_rows(max_col=1)]
    assert [line.split()[-3:] for line in lines if line.startswith("  achievement ")][0] == \
        ["70", "72.0000", "50.4000"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_score_report_form_shows_the_shares_in_thai_digits(fmt):
    out = _run("render", RULES_2554, "--agreement", "janya_2554_r1", "--form", "score-report", "--format", fmt,
               "--results", JANYA, "--person", "จรรยา เรียบร้อย", "--digits", "thai", "-o", "-").stdout
    if fmt == "md":
        rows = [[c.strip() for c in line.split("|")] for line in out.splitlines()
                if line.startswith("|   | **ผลสัมฤทธิ์") or line.startswith("|   | **พฤติกรรม")]
        assert [(r[3], r[5], r[6]) for r in rows] == [("๗๐", "๗๒.๐๐๐๐", "๕๐.๔๐๐๐"), ("๓๐", "๖๘.๐๐๐๐", "๒๐.๔๐๐๐")]
    else:
        at = out.index("ผลสัมฤทธิ์ของงาน</")
        assert '<td class="num">๗๐</td>' in out[at:at + 400]


def test_the_score_report_form_in_arabic_digits_writes_the_weights_as_the_table_does():
    out = _run("render", RULES_2554, "--agreement", "janya_2554_r1", "--form", "score-report", "--format", "md",
               "--results", JANYA, "--person", "จรรยา เรียบร้อย", "-o", "-").stdout
    rows = [[c.strip() for c in line.split("|")] for line in out.splitlines()
            if line.startswith("|   | **ผลสัมฤทธิ์") or line.startswith("|   | **พฤติกรรม")]
    assert [(r[3], r[5], r[6]) for r in rows] == [("70", "72.0000", "50.4000"), ("30", "68.0000", "20.4000")]


# A weight the plan works out, not one a rule file writes: kpi 4 (70) omitted and redistributed
# proportionally over three of 10 each gives each 10 × 100 / 30 = 33.33… The score table, JSON,
# the workbook and the score-report form wrote it to 40 digits
# (33.33333333333333333333333333333333333333); it is a computed figure, written to the rule set's
# decimals (4, the default) as the weight column writes every figure: 33.3333.
THIRDS = '''framework department "กรอบ" {
    fiscal_year 2555
    dimension d1 "มิติ" weight 100 {
        kpi 1 "หนึ่ง" weight 10 { ladder 1 2 3 4 5 }
        kpi 2 "สอง" weight 10 { ladder 1 2 3 4 5 }
        kpi 3 "สาม" weight 10 { ladder 1 2 3 4 5 }
        kpi 4 "สี่" weight 70 optional proportional { ladder 1 2 3 4 5 }
    }
}
agreement a "ก" {
    framework department 2555
    omit 4
}
'''


@pytest.fixture
def thirds(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.kpi").write_text(THIRDS, encoding="utf-8")
    (tmp_path / "res.csv").write_text("agreement,1,2,3\na,3,4,5\n", encoding="utf-8")
    return str(tmp_path / "rules" / "r.kpi"), str(tmp_path / "res.csv")


def test_a_redistributed_weight_is_written_to_the_rule_set_s_decimals_in_the_table_and_json(thirds):
    rules, results = thirds
    rows = [line.split() for line in _run("score", rules, "--results", results, "--lang", "en").stdout.splitlines()
            if line.startswith(("  d1 ", "    1 ", "    2 ", "    3 "))]
    assert [(r[0], r[-3], r[-2], r[-1]) for r in rows] == [
        ("d1", "100", "4.0000", "4.0000"), ("1", "33.3333", "3.0000", "1.0000"),
        ("2", "33.3333", "4.0000", "1.3333"), ("3", "33.3333", "5.0000", "1.6667")]
    doc = json.loads(_run("score", rules, "--results", results, "--format", "json").stdout)[0]
    kids = doc["nodes"][0]["children"]
    assert [(k["id"], k["weight"]) for k in kids] == [("1", "33.3333"), ("2", "33.3333"), ("3", "33.3333"),
                                                       ("4", "0")]  # omitted: its weight passed on


def test_a_redistributed_weight_is_written_to_the_rule_set_s_decimals_in_the_workbook_and_the_form(thirds, tmp_path):
    pytest.importorskip("openpyxl")
    import openpyxl

    rules, results = thirds
    out = tmp_path / "s.xlsx"
    _run("score", rules, "--results", results, "-o", str(out))
    wb = openpyxl.load_workbook(out)
    weights = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, (int, float)) and 33 < c.value < 34}
    assert weights == {33.3333}
    forms = tmp_path / "forms"
    _run("render", rules, "--agreement", "a", "--form", "score-report", "--results", results, "--format", "md",
         "-o", str(forms))
    for form in (forms / "a" / "score-report.md", forms / "a" / "score-report-a.md"):  # blank and filled
        text = form.read_text(encoding="utf-8")
        assert text.count("| 33.3333 |") == 3 and "33.33333" not in text


def test_a_redistributed_weight_is_written_to_the_rule_set_s_decimals_on_every_form(thirds, tmp_path):
    # the agreement, SAR and indicator-template forms print the plan's weight beside what it was
    # (33.3333† (เดิม 10)); they too wrote the 40 digits
    rules, _ = thirds
    forms = tmp_path / "forms"
    _run("render", rules, "--format", "md", "-o", str(forms))
    texts = {p.name: p.read_text(encoding="utf-8") for p in (forms / "a").glob("*.md")}
    assert {"agreement.md", "sar.md", "indicator-template.md"} <= set(texts)
    for name in ("agreement.md", "sar.md", "indicator-template.md"):
        assert texts[name].count("33.3333†") == 3 and "33.33333" not in texts[name], name


def test_a_weight_redistributed_in_thirds_loses_nothing_in_the_explanation(thirds):
    # 3 × 33.33… (to 40 digits) is 100 less 1E-38: the mean took the difference for weight that
    # "went with omitted indicators" ("the other 0… went with omitted indicators"), where the
    # omitted kpi 4's 70 went to its siblings, all of it. A difference below the guard digits
    # (kpidsl/rounding.py GUARD) is the division's noise, not weight lost.
    rules, results = thirds
    out = _run("score", rules, "--results", results, "--explain", "--lang", "en").stdout
    line = next(ln for ln in out.splitlines() if "weighted mean of 3 indicators" in ln)
    assert "omitted" not in line, line
    # and the figures are shown as the guard digits leave them: 4, not 4… (3.99…9 cut)
    assert "3 indicators: 4 × 100 / 100 = 4  [" in line, line
    assert "total: 4.0000" in out
    thai = _run("score", rules, "--results", results, "--explain", "--lang", "th").stdout
    assert "ที่ยกเว้น)" not in thai
