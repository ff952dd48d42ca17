"""The individual evaluation forms of seed 001 (achievement, competency, summary),
blank and filled, for the agreements of rules/2554/agreements/individual_001.kpi.

The figures are the seed's own: จรรยา เรียบร้อย 3.6 × 20 = 72 and 3.4 × 20 = 68,
72 × 70% + 68 × 30% = 50.4 + 20.4 = 70.8, band ดี; สมศักดิ์ สุขใจ 2.0 + 1.5 = 3.5 → 70."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest

from kpidsl.check import check_paths
from kpidsl.forms import EXAMPLES, render_forms
from kpidsl.forms import individual
from kpidsl.forms.fills import fills_for, from_examples
from kpidsl.plan import compile_plan

ROOT = Path(__file__).resolve().parent.parent
STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


@pytest.fixture(scope="module")
def plan(shipped_plan) -> dict:
    return shipped_plan("2554")


def component(view: dict, cid: str) -> dict:
    return next(c for c in view["components"] if c["id"] == cid)


def filled(plan: dict, example: str) -> dict:
    fill = next(f for f in from_examples(plan) if f.name == example)
    return individual.build(plan, fill.agreement, fill.report, fill.origin, fill.round)


def test_blank_forms_of_janya(plan):
    view = individual.build(plan, "janya_2554_r1")
    assert not view["filled"]
    assert [r["chosen"] for r in view["rounds"]] == [True, False]            # รอบที่ 1 of 2
    assert view["round"]["period"] == "1 ตุลาคม 2553 – 31 มีนาคม 2554"      # 001: 1 ต.ค. – 31 มี.ค.
    assert view["agreement"]["person"] == "จรรยา เรียบร้อย"
    assert view["agreement"]["assessor"] == "ใจดี มีคุณธรรม"
    achievement, competency = view["components"]
    assert (achievement["form"], achievement["share"], achievement["multiplier"]) == \
        ("แบบประเมินผลสัมฤทธิ์ของงาน", "70%", "20")
    assert (competency["share"], competency["kind"]) == ("30%", "competency")
    assert [r["weight"] for r in achievement["rows"]] == ["15%", "20%", "15%", "30%", "20%"]
    assert achievement["rows"][0]["levels"] == ["65 หรือน้อยกว่า", "70", "75", "80", "85"]   # 001
    assert achievement["rows"][1]["levels"][-1] == "95 หรือมากกว่า"
    assert achievement["weight_total"] == competency["weight_total"] == "100%"
    assert [lv["text"] for lv in competency["scale"]["levels"]][0] == "จำเป็นต้องได้รับการพัฒนาอย่างยิ่ง"
    for c in view["components"]:
        assert c["sum"] == c["score"] == c["product"] == ""
        assert all(r["score"] == r["weighted"] == "" for r in c["rows"])
    assert view["total"] == "" and view["band"] is None
    assert [b["range"] for b in view["bands"]][:2] == ["ตั้งแต่ 90 ถึง 100", "ตั้งแต่ 80 แต่ต่ำกว่า 90"]


def test_achievement_form_states_the_ladder_policies_of_individual_kpi(plan):
    # rules/2554/individual.kpi: คะแนนต่ำสุด 1 (001 "65 หรือน้อยกว่า" = 1), เทียบสัดส่วน เชิงเส้น, เพดาน 5
    achievement, competency = individual.build(plan, "janya_2554_r1")["components"]
    assert achievement["policies"][:3] == [
        "ผลไม่ถึงเกณฑ์ระดับ 1 ได้ 1 คะแนน (“คะแนนต่ำสุด 1”)",
        "ผลระหว่างสองระดับได้คะแนนตามสัดส่วนระหว่างสองระดับนั้น (“เทียบสัดส่วน เชิงเส้น”)",
        "คะแนนจากเกณฑ์ไม่เกิน 5 (“เพดาน 5”)",
    ]
    assert competency["policies"] == []  # scores on a scale: its own rule is said under it
    md = render_forms(plan, output_format="md", agreement="janya_2554_r1", form="individual")[
        "janya_2554_r1/individual.md"]
    assert "ผลไม่ถึงเกณฑ์ระดับ 1 ได้ 1 คะแนน (“คะแนนต่ำสุด 1”)" in " ".join(md.splitlines())


def test_filled_forms_of_janya_give_the_seed_figures(plan):
    view = filled(plan, "janya_summary")
    achievement = component(view, "achievement")
    assert [r["weighted"] for r in achievement["rows"]] == ["0.5250", "0.6000", "0.6750", "0.9000", "0.9000"]
    assert (achievement["sum"], achievement["score"], achievement["product"]) == ("3.6000", "72.0000", "50.4000")
    competency = component(view, "competency")
    assert [r["score"] for r in competency["rows"]] == ["4.0000", "3.0000", "4.0000", "3.0000", "3.0000"]
    assert (competency["sum"], competency["score"], competency["product"]) == ("3.4000", "68.0000", "20.4000")
    assert view["total"] == "70.8000"                                   # 72 × 70% + 68 × 30%
    assert view["band"] == {"id": "good", "title": "ดี", "range": "ตั้งแต่ 70 แต่ต่ำกว่า 80"}
    assert [b["id"] for b in view["bands"] if b["chosen"]] == ["good"]
    assert view["raise_range"] == "2.5–3%"                               # 001 ขั้นตอนที่ 9: ดี 2.5 - 3
    assert view["amount"] == "" and view["missing"] == []


def test_seed_004_person_is_evaluated_by_seed_001s_rule(plan):
    """The Singburi policy analyst (004 สไลด์ 27–28) under individual_2553: competency, × 20 and
    the band, as on janya's forms; no achievement-only mark (work_group_2553.kpi)."""
    view = filled(plan, "singburi_analyst_summary")
    achievement = component(view, "achievement")
    assert [r["weighted"] for r in achievement["rows"]] == \
        ["1.0000", "0.6000", "0.6000", "0.3750", "0.1000", "0.1000", "0.2500", "0.1500"]
    assert (achievement["sum"], achievement["multiplier"], achievement["score"], achievement["product"]) == \
        ("3.1750", "20", "63.5000", "44.4500")                          # 3.175 × 20; × 70%
    competency = component(view, "competency")
    assert (competency["sum"], competency["score"], competency["product"]) == ("3.4000", "68.0000", "20.4000")
    assert view["total"] == "64.8500" and view["band"]["title"] == "พอใช้"  # 60 ≤ 64.85 < 70
    assert view["achievement_only"] == "" and view["footnotes"] == [] and view["missing"] == []
    # a work group (004 สไลด์ 24–26) is still evaluated on achievement alone, and marked so
    group = individual.build(plan, "singburi_strategy_group")
    assert group["achievement_only"] == "§" and [c["id"] for c in group["components"]] == ["achievement"]


def test_somsak_achievement(plan):
    view = filled(plan, "somsak_achievement")
    achievement = component(view, "achievement")
    assert [(r["result"], r["score"], r["weight"], r["weighted"]) for r in achievement["rows"]] == \
        [("90", "4.0000", "50%", "2.0000"), ("80", "3.0000", "50%", "1.5000")]
    assert (achievement["sum"], achievement["score"]) == ("3.5000", "70.0000")   # 001: รวม 3.5, (ค×20) = 70
    assert achievement["has_result"]
    # no competency scores in the seed for สมศักดิ์: no total, and the form says what is missing
    # (by title: the form shows no rule-file id such as c1)
    assert view["total"] == "" and any(m.startswith("สมรรถนะหลักที่ 1 (สมมติ): คะแนน") for m in view["missing"])
    assert not any("c1" in m for m in view["missing"])


def test_raise_amount_from_a_results_file(plan, tmp_path):
    results = tmp_path / "janya.json"
    scores = {"j1": 3.5, "j2": 3, "j3": 4.5, "j4": 3, "j5": 4.5, "c1": 4, "c2": 3, "c3": 4, "c4": 3, "c5": 3}
    results.write_text(json.dumps({"agreement": "janya_2554_r1", "raise": "3",
                                   "results": {k: {"score": v} for k, v in scores.items()}}), encoding="utf-8")
    (fill,) = fills_for(plan, results, "janya_2554_r1")
    view = individual.build(plan, fill.agreement, fill.report, fill.origin, fill.round)
    assert view["total"] == "70.8000" and view["raise_percent"] == "3%"
    # individual.kpi: salary 28,000 is above the split at 25,190 → upper mid-point 30,600;
    # 30,600 × 3% = 918, rounded up to the next 10 baht = 920
    salary = next(f for f in plan["frameworks"] if f["id"] == "individual")["salary"]
    grade = salary["grades"][0]
    assert (grade["split_at"], grade["upper_mid"], salary["rounding"], salary["rounding_unit"]) == \
        ("25190", "30600", "up", "10")
    assert view["amount"] == "920"
    assert view["amount_how"] == {"grade": "ประเภทวิชาการ ระดับชำนาญการ", "half": "ค่ากลางตอนบน",
                                  "base": "30,600", "raw": "918", "rounding": "ปัดขึ้น", "unit": "10"}


def test_organisations_get_no_individual_forms(plan):
    out = render_forms(plan, output_format="md", form="individual")
    assert not any(path.startswith(("province_example_2554/", "rayong_agri_2554/")) for path in out)
    assert "janya_2554_r1/individual.md" in out and "somsak_2554_r1/individual.md" in out


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("agreement", ["janya_2554_r1", "somsak_2554_r1"])
def test_individual_snapshots(plan, agreement, fmt, snapshot):
    out = render_forms(plan, output_format=fmt, form="individual", agreement=agreement, results=EXAMPLES,
                       root="rules/2554")
    # One filled form per example of the agreement (janya_raise: the raise amount of seed 001's band ดี).
    stems = {"janya_2554_r1": ["janya_raise", "janya_summary"], "somsak_2554_r1": ["somsak_achievement"]}[agreement]
    assert sorted(out) == sorted(f"{agreement}/{stem}.{fmt}" for stem in
                                 ["individual"] + ["individual-" + example for example in stems])
    if fmt == "html":
        for text in out.values():
            html5lib.HTMLParser(strict=True).parse(text)
        out = {path: STYLE.sub("<style>…</style>", text) for path, text in out.items()}
    assert out == snapshot


def test_rendered_summary_figures(plan):
    md = render_forms(plan, output_format="md", form="individual", agreement="janya_2554_r1", results=EXAMPLES)
    text = md["janya_2554_r1/individual-janya_summary.md"]
    assert "| ผลสัมฤทธิ์ของงาน | 72.0000 | 70% | 50.4000 |" in text
    assert "| พฤติกรรมการปฏิบัติราชการหรือสมรรถนะ | 68.0000 | 30% | 20.4000 |" in text
    assert "| **คะแนนรวม** |   | 100% | 70.8000 |" in text
    assert "| ☑ | ดี | ตั้งแต่ 70 แต่ต่ำกว่า 80 | 2.5–3% |" in text
    html = render_forms(plan, output_format="html", form="individual", agreement="janya_2554_r1", results=EXAMPLES,
                        digits="thai")["janya_2554_r1/individual-janya_summary.html"]
    assert "๗๐.๘๐๐๐" in html and "70.8000" not in html


def test_expected_competency_level_gets_its_column(tmp_path):
    # `ค่าเป้าหมาย` on a competency is its expected level (ระดับที่คาดหวัง); the column shows
    # only when an agreement sets one, as seed 001's competency form has none.
    folder = tmp_path / "rs"
    folder.mkdir()
    for name in ("individual.kpi", "bands.kpi"):
        (folder / name).write_text((ROOT / "rules" / "2554" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "person.kpi").write_text(
        'คำรับรอง p1 "ทดสอบ" {\n'
        '    กรอบ individual 2554\n'
        '    รอบ 1\n'
        '    ผู้รับการประเมิน "ทดสอบ | <ชื่อ>"\n'
        '    องค์ประกอบ achievement {\n'
        '        ตัวชี้วัด k1 "ตัวชี้วัด" น้ำหนัก 100% { เกณฑ์ 65 70 75 80 85 }\n'
        '    }\n'
        '    องค์ประกอบ competency {\n'
        '        สมรรถนะ c1 "สมรรถนะหลักที่ 1" น้ำหนัก 60% { ค่าเป้าหมาย 3 }\n'
        '        สมรรถนะ c2 "สมรรถนะหลักที่ 2" น้ำหนัก 40% { ค่าเป้าหมาย 4 }\n'
        '    }\n'
        '}\n', encoding="utf-8")
    result = check_paths([folder])
    assert not result.errors
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    competency = component(individual.build(plan, "p1"), "competency")
    assert competency["has_expected"] and [r["expected"] for r in competency["rows"]] == ["3", "4"]
    html = render_forms(plan, output_format="html", form="individual")["p1/individual.html"]
    html5lib.HTMLParser(strict=True).parse(html)
    assert "<th>ระดับที่คาดหวัง</th>" in html and "&lt;ชื่อ&gt;" in html
    md = render_forms(plan, output_format="md", form="individual")["p1/individual.md"]
    assert "| 1 | สมรรถนะหลักที่ 1 | 3 |   | 60% |   |" in md
    assert "ทดสอบ \\| \\<ชื่อ\\>" in md


@pytest.mark.parametrize("name", ["up", "down", "half_up", "half_even"])
def test_a_form_says_a_rounding_in_the_rule_files_own_word(name):
    """The rounding a form prints is the keyword a rule file writes: the form had said
    "ปัดครึ่งเป็นคู่" for half-even, a word no rule file can hold (the keyword is ปัดครึ่งคู่)."""
    from kpidsl.forms.figures import ROUNDING_TH
    from kpidsl.syntax.keywords import canonical

    assert canonical(ROUNDING_TH[name]) == name
