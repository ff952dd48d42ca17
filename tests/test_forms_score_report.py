"""The score report form: every number with its explanation (what `kpidsl score
--explain` prints), blank and filled, for rules/2555 and two 2554 agreements.

The figures are those the rule files declare (2555 dept_all_kinds total 3.5282;
2554 province_late_sar 3.73 − 0.15 = 3.58; janya_summary 70.8, band ดี) and
every rule reference points at the shipped rule file line it names."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import html5lib
import pytest

from kpidsl.forms import EXAMPLES, render_forms, score_report
from kpidsl.forms.fills import from_examples

ROOT = Path(__file__).resolve().parent.parent
STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


@pytest.fixture(scope="module")
def plans(shipped_plan) -> dict[str, dict]:
    return {year: shipped_plan(year) for year in ("2554", "2555")}


def rule_line(path: str, needle: str, after: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


def report_of(plan: dict, example: str) -> dict:
    fill = next(f for f in from_examples(plan) if f.name == example)
    return score_report.build(plan, fill.agreement, fill.report, fill.origin, fill.round,
                              root=f"rules/{plan['rule_set']}")


def row(view: dict, node_id: str) -> dict:
    return next(r for r in view["rows"] if r["id"] == node_id)


def total(view: dict, label: str) -> dict:
    return next(t for t in view["totals"] if t["label_en"] == label)


def test_every_indicator_of_the_2555_example_explained(plans):
    view = report_of(plans["2555"], "dept_all_kinds")
    five = row(view, "5")
    assert (five["inputs"], five["value"], five["score"], five["weighted"]) == ("ผล 78", "78", "3.6000", "0.2520")  # 7 × 3.6 ÷ 100
    assert five["rule"] == ("ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 อยู่ระหว่างระดับ 3 (75) และระดับ 4 (80): "
                            "3 + |78 − 75| / |80 − 75| = 3.6")
    assert "78 lies between level 3 (75) and level 4 (80)" in five["rule_en"]
    line = rule_line("rules/2555/department.kpi", "เกณฑ์ 65 70 75 80 85", 'ตัวชี้วัด 5 "')
    assert five["where"] == f"rules/2555/department.kpi:{line}"
    assert five["citation"] == "003 สไลด์ 23–24"
    assert row(view, "9")["rule"].startswith("ผลรวมคะแนนเฉลี่ยถ่วงน้ำหนัก Σ(W × SM) / ΣW = (0.7 × 3.4 + 0.3 × 5)")
    assert "Σ(W × SM) / ΣW" in row(view, "9")["rule_en"] and row(view, "9")["score"] == "3.8800"
    assert row(view, "3")["rule"].startswith("ยกเว้นในคำรับรอง") and row(view, "3")["omitted"]
    assert "omitted" in row(view, "3")["rule_en"]
    assert row(view, "10")["rule"] == "คะแนนที่เจ้าภาพให้: 4"
    t = total(view, "total")
    assert t["value"] == "3.5282" and t["rule"] == "Σ คะแนนถ่วงน้ำหนัก = 2.508 + 1.0202 = 3.5282"
    assert t["rule_en"].startswith("Σ weighted score = ")
    assert [x["label_en"] for x in view["totals"]] == ["total"]       # no penalty, no band in 2555
    assert view["missing"] == [] and view["problems"] == []


def test_late_penalty_explained(plans):
    view = report_of(plans["2554"], "province_late_sar")
    assert total(view, "total")["value"] == "3.7300"
    penalty = total(view, "late penalty")
    assert penalty["value"] == "0.1500"
    assert penalty["rule"] == ("กำหนดส่งรายงานภายใน 31 ต.ค. 2554 ส่งวันที่ 3 พ.ย. 2554: ส่งรายงานล่าช้า 3 วันทำการ "
                               "(1 พ.ย. 2554, 2 พ.ย. 2554, 3 พ.ย. 2554) × 0.05 = 0.15")
    assert "3 working days late (2011-11-01, 2011-11-02, 2011-11-03)" in penalty["rule_en"]
    line = rule_line("rules/2554/province.kpi", "ปรับลด 0.0500", "รอบ sar12")
    assert penalty["where"] == f"rules/2554/province.kpi:{line}"
    assert total(view, "published total")["value"] == "3.5800"
    assert view["round"]["title"] == "รายงานการประเมินผลตนเอง รอบ 12 เดือน"


def test_a_penalty_past_the_total_says_the_penalty_floor(plans):
    """The same results sent 101 working days late (27 มี.ค. 2555): 5.05 off 3.73 is published as
    rules/2554's `ปรับลดไม่ต่ำกว่า 0` says, 0, and the report says the floor made it, not the
    subtraction (3.73 − 5.05 = −1.32)."""
    import datetime as dt

    import attrs

    from kpidsl.score.engine import score_agreement

    fill = next(f for f in from_examples(plans["2554"]) if f.name == "province_late_sar")
    inputs = attrs.evolve(fill.inputs, submitted=dt.date(2012, 3, 27))
    report = score_agreement(plans["2554"], fill.agreement, inputs)
    view = score_report.build(plans["2554"], fill.agreement, report, fill.origin, fill.round, root="rules/2554")
    assert total(view, "late penalty")["value"] == "5.0500"
    published = total(view, "published total")
    assert published["value"] == "0.0000"
    assert published["rule"] == "3.7300 − 5.0500 ไม่ต่ำกว่า 0: 0.0000"
    assert published["rule_en"] == "3.7300 − 5.0500, not below the penalty floor 0: 0.0000"
    # the penalty a day as the explanation beside it writes it (× 0.05), a declared figure
    assert view["round"]["penalty"] == "ส่งล่าช้าปรับลด 0.05 คะแนนต่อวันทำการ คะแนนรวมหลังปรับลดไม่ต่ำกว่า 0"


def test_individual_summary_explained(plans):
    view = report_of(plans["2554"], "janya_summary")
    assert row(view, "achievement")["score"] == "72.0000"
    assert row(view, "achievement")["rule"].startswith("คะแนนรวม (")
    assert row(view, "achievement")["rule"].endswith("= 3.6; × 20 = 72")
    assert row(view, "achievement")["rule_en"].endswith("= 3.6; × 20 = 72")
    # each component's row: its share in the weight column and its weighted score, 72 × 70 / 100 = 50.4
    # and 68 × 30 / 100 = 20.4 (seed 001's summary form), as the note under the table says of every row
    assert [(row(view, c)["weight"], row(view, c)["score"], row(view, c)["weighted"])
            for c in ("achievement", "competency")] == [("70", "72.0000", "50.4000"), ("30", "68.0000", "20.4000")]
    assert total(view, "total")["rule"] == total(view, "total")["rule_en"] == "72 × 70% + 68 × 30% = 70.8"
    assert total(view, "band")["rule"] == "70.8 ≥ 70 และ < 80: ดี"
    assert total(view, "band")["rule_en"] == "70.8 is >= 70 and < 80: ดี"
    assert total(view, "raise")["rule"] == "ระดับผล ดี เลื่อนเงินเดือนได้ร้อยละ 2.5–3"
    assert total(view, "total")["value"] == "70.8000"
    assert total(view, "band")["value"] == "ดี"
    assert total(view, "raise")["value"] == "2.5–3%"


def test_blank_report_says_what_each_indicator_needs(plans):
    view = score_report.build(plans["2555"], "dept_example_2555", root="rules/2555")
    assert not view["filled"] and view["totals"] == []
    five = row(view, "5")
    assert five["score"] == five["weighted"] == five["inputs"] == ""
    assert five["rule"] == "ต้องมีผลการดำเนินงาน" and five["rule_en"] == "needs the measured result"
    assert five["criteria"] == "เกณฑ์ 65 70 75 80 85"
    assert row(view, "7")["criteria"].startswith("ขั้นความสำเร็จ 1. ")
    assert row(view, "10")["criteria"] == "เจ้าภาพตัวชี้วัดให้คะแนน (0–5)"   # the range the results reader takes
    assert row(view, "4.2")["criteria"].endswith("(ค่าน้อยดี)")


CASES = [("2555", None), ("2554", "province_example_2554"), ("2554", "janya_2554_r1")]


@pytest.mark.parametrize("year,agreement", CASES)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_score_report_snapshots(plans, year, agreement, fmt, snapshot):
    out = render_forms(plans[year], output_format=fmt, form="score-report", agreement=agreement, results=EXAMPLES,
                       root=f"rules/{year}")
    # blank for each agreement, and one filled from each example that gives more than one
    # indicator's results (an example pinning one boundary fills no form: kpidsl/forms/fills.py)
    agreements = [a for a in plans[year]["agreements"] if agreement in (None, a["id"])]
    examples = [x for x in plans[year]["examples"] if agreement in (None, x["agreement"])
                and len({fact["id"] for fact in x["given"]}) > 1]
    assert len(out) == len(agreements) + len(examples) >= 2
    if fmt == "html":
        for text in out.values():
            html5lib.HTMLParser(strict=True).parse(text)
        out = {path: STYLE.sub("<style>…</style>", text) for path, text in out.items()}
    assert out == snapshot


def test_rule_references_only_with_sources_and_thai_digits_leave_them_alone(plans):
    def page(sources: bool) -> str:
        return render_forms(plans["2555"], output_format="html", form="score-report", results=EXAMPLES, digits="thai",
                            root="rules/2555", sources=sources)["dept_example_2555/score-report-dept_all_kinds.html"]

    assert ".kpi" not in page(False)      # staff sign the form: no rule-file reference on it
    # a reviewer's build (`--sources`) shows them, digits as written
    html = page(True)
    assert "๓.๕๒๘๒" in html
    line = rule_line("rules/2555/department.kpi", "เกณฑ์ 65 70 75 80 85", 'ตัวชี้วัด 5 "')
    assert f"<code>rules/2555/department.kpi:{line}</code>" in html
    assert "ชุดกฎ <code>rules/2555</code></footer>" in html  # the folder's digits as written, too


def test_the_totals_are_labelled_in_thai_alone(plans):
    """The score report is a Thai document (kpidsl/forms/score_report.py): its totals table read
    "คะแนนรวม (total)", "คะแนนรวมสุทธิ (published total)"; the English stays in the view data."""
    for year, agreement in (("2555", None), ("2554", "province_example_2554")):
        out = render_forms(plans[year], output_format="md", form="score-report", agreement=agreement,
                           results=EXAMPLES, root=f"rules/{year}")
        html = render_forms(plans[year], output_format="html", form="score-report", agreement=agreement,
                            results=EXAMPLES, root=f"rules/{year}")
        for text in list(out.values()) + list(html.values()):
            for english in ("(total)", "(late penalty)", "(published total)", "(band)", "(raise)"):
                assert english not in text
    md = render_forms(plans["2554"], output_format="md", form="score-report", agreement="province_example_2554",
                      results=EXAMPLES, root="rules/2554")
    filled = next(t for p, t in md.items() if p.endswith("-province_late_sar.md"))
    assert "| คะแนนรวมสุทธิ | 3.5800 |" in filled


def test_a_composites_parts_are_named_under_its_title_and_its_figures_fill_the_narrow_column(plans):
    """rules/2555 ตัวชี้วัด 11 (50 % survey + 50 % IT checklist, given 4 and 3): the 9 % 'ข้อมูลที่ใช้'
    column held both part titles, a tower of fifteen lines; as on the SAR, the column has the figures
    and the titles go under the indicator's."""
    view = report_of(plans["2555"], "dept_all_kinds")
    r = row(view, "11")
    assert r["inputs"] == "4; 3"
    assert r["parts"] == ("สำรวจสถานะการบริหารจัดการองค์การ (Information Capital Survey, Survey Online) 4; "
                          "ผู้ตรวจประเมินประสิทธิภาพระบบเทคโนโลยีสารสนเทศ (Checklist IT) 3")
    assert r["rule"] == "รวมตามสัดส่วน 50% × 4 + 50% × 3 = 3.5"
    assert row(view, "5")["inputs"] == "ผล 78" and row(view, "5")["parts"] == ""


def test_a_formulas_baht_inputs_print_as_money_on_the_forms(plans):
    # rules/2555 ตัวชี้วัด 8 (seed 003 slides 33–35): X1–X4 and Y1–Y4 are baht; a real quarter is
    # millions, printed 1,125,000 in the score report's inputs column and the SAR's as on a Thai form
    import attrs

    from kpidsl.forms import sar
    from kpidsl.score.engine import Entry, score_agreement

    fill = next(f for f in from_examples(plans["2555"]) if f.name == "dept_all_kinds")
    quarters = {f"X{q}": Decimal(1125000 * q) for q in range(1, 5)} | {f"Y{q}": Decimal(1250000 * q) for q in range(1, 5)}
    inputs = attrs.evolve(fill.inputs, entries={**fill.inputs.entries, "8": Entry("8", quarters)}, read_fields=None)
    report = score_agreement(plans["2555"], fill.agreement, inputs)
    view = score_report.build(plans["2555"], fill.agreement, report, fill.origin, fill.round, root="rules/2555")
    assert row(view, "8")["inputs"] == ("X1 1,125,000, X2 2,250,000, X3 3,375,000, X4 4,500,000, "
                                       "Y1 1,250,000, Y2 2,500,000, Y3 3,750,000, Y4 5,000,000")
    assert "เฉลี่ย(X1=1,125,000 / Y1=1,250,000," in row(view, "8")["rule"]
    sar_view = sar.build(plans["2555"], fill.agreement, fill.round, report)
    (eight,) = [r for r in sar_view["rows"] if r["id"] == "8"]
    assert eight["inputs"].startswith("X1 1,125,000, X2 2,250,000")


def test_the_first_column_is_headed_for_the_rows_it_holds(plans):
    # its rows are perspectives and dimensions as well as indicators (seed 003's framework table
    # heads them "ประเด็นการประเมินผล" and "ตัวชี้วัด"), an individual's components and competencies
    # (seed 001): a heading "ตัวชี้วัด" named a dimension as what it is not
    assert report_of(plans["2555"], "dept_all_kinds")["heading"] == "มุมมอง / มิติ / ตัวชี้วัด"
    assert report_of(plans["2554"], "janya_summary")["heading"] == "องค์ประกอบ / ตัวชี้วัด / สมรรถนะ"
    assert score_report.build(plans["2554"], "province_example_2554")["heading"] == "มิติ / ตัวชี้วัด"
    html = render_forms(plans["2555"], output_format="html", form="score-report", results=EXAMPLES, root="rules/2555")
    md = render_forms(plans["2555"], output_format="md", form="score-report", results=EXAMPLES, root="rules/2555")
    # words kept whole and breaks allowed (kpidsl/forms/whole_words.py) aside
    filled, blank = (re.sub(r'<span class="whole">|</span>|<wbr>', "", html[f"dept_example_2555/{name}.html"])
                     for name in ("score-report-dept_all_kinds", "score-report"))
    assert "<th>ลำดับ</th><th>มุมมอง / มิติ / ตัวชี้วัด</th><th>น้ำหนัก</th><th>ข้อมูลที่ใช้</th>" in filled
    assert "<th>ลำดับ</th><th>มุมมอง / มิติ / ตัวชี้วัด</th><th>น้ำหนัก</th><th>เกณฑ์การให้คะแนน</th>" in blank
    assert "| ลำดับ | มุมมอง / มิติ / ตัวชี้วัด | น้ำหนัก |" in md["dept_example_2555/score-report-dept_all_kinds.md"]
