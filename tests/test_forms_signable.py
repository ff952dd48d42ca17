"""Forms staff can sign: every HTML form of both shipped rule sets, built in memory as
`kpidsl build` builds them (kpidsl/forms/build.py), shows only the form — no rule-file
path or line, no seed reference, no id a rule file gave an agreement, round, part or
competency, no editor bracket, one script of digits as ``--digits`` says — and the
SAR's figures read as one quantity with its total printed once, after the last row."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from kpidsl.forms import render_forms
from kpidsl.forms.build import build_files
from plan_ids import plan_ids

# The parts of each seed form the built form must carry, named with their seed and slide.
# Kept here, not in the templates: the templates print forms, this list checks them.
SEED_PARTS = {
    "sar": [
        ("น้ำหนัก", "003 สไลด์ 9: น้ำหนัก (W)"),
        ("คะแนนที่ได้", "003 สไลด์ 9: คะแนนที่ได้ (SM)"),
        ("คะแนนถ่วงน้ำหนัก", "003 สไลด์ 9: คะแนนถ่วงน้ำหนัก (W × SM)"),
        ("หลักฐานอ้างอิง", "000 ข้อ 3.2: เอกสาร หลักฐานประกอบ"),
        ("คำชี้แจง", "000 ข้อ 3.1: รายงานการประเมินผลตนเอง"),
        ("ผู้จัดทำรายงาน", "002 ข้อ 1.2.2: จังหวัดจัดเตรียมเอกสาร หลักฐาน"),
    ],
}
# Seed 001's slides are numbered by the number printed at their foot (slide 12 is "‘การบริหารผล’
# … 12", slide 16 "กำหนดตัวชี้วัด … 16"); the slides between are counted from those.
SEED_PARTS.update({
    # every performance agreement (province, department, provincial agency, work group, person)
    "agreement": [
        ("คู่คำรับรอง", "002 ข้อ 1.4.2 (1): คู่ลงนาม"),
        ("ระยะเวลาของคำรับรอง", "002 ข้อ 1.4.2 (2): ระยะเวลาของคำรับรองการปฏิบัติราชการ"),
        ("น้ำหนัก", "002 ข้อ 1.4.2 (4): ตัวชี้วัดผลการปฏิบัติราชการ น้ำหนัก"),
        # the table's columns, in the seed's order
        ("น้ำหนัก (ร้อยละ) ข้อมูลพื้นฐาน", "002 ข้อ 1.4.2 (4): น้ำหนัก ข้อมูลพื้นฐาน"),
        ("เกณฑ์การให้คะแนน (ระดับ 3 = ค่าเป้าหมาย)", "002 ข้อ 1.4.2 (4): เป้าหมาย และเกณฑ์การให้คะแนน"),
        ("(ลงชื่อ)", "002 ข้อ 1.4.2: การลงนามในคำรับรองการปฏิบัติราชการ"),
    ],
    "indicator-template": [
        ("คำอธิบาย", "002 ข้อ 1.4.2 (5): รายละเอียดคำอธิบายตัวชี้วัด"),
        ("สูตรการคำนวณ", "002 ข้อ 1.4.2 (5): สูตรการคำนวณ"),
        ("ข้อมูลพื้นฐาน", "002 ข้อ 1.4.2 (4): ข้อมูลพื้นฐาน"),
        ("เกณฑ์การให้คะแนน", "002 ข้อ 1.4.2 (4): เกณฑ์การให้คะแนน"),
        ("ผู้กำกับดูแลตัวชี้วัด", "000 ข้อ 3.2: การสัมภาษณ์ ผู้กำกับดูแลตัวชี้วัด"),
        ("ผู้จัดเก็บข้อมูล", "000 ข้อ 3.2: การสัมภาษณ์ ผู้จัดเก็บข้อมูล"),
        ("เอกสาร / หลักฐาน", "000 ข้อ 3.2: เอกสาร หลักฐานประกอบอื่นๆ"),
    ],
    "calendar": [
        ("กิจกรรม", "002 ข้อ 1.5.2: ปฏิทิน กิจกรรม"),
        ("ช่วงเวลา", "002 ข้อ 1.5.2: ช่วงเวลา"),
        ("ผู้รับผิดชอบ", "000 แผนดำเนินการถ่ายทอดตัวชี้วัด: ผู้รับผิดชอบ"),
        ("หน่วยงานที่เกี่ยวข้อง", "000 แผนดำเนินการถ่ายทอดตัวชี้วัด: หน่วยงานที่เกี่ยวข้อง"),
    ],
    "overview": [
        ("น้ำหนัก (ร้อยละ)", "003 สไลด์ 2–5: น้ำหนัก; 000 กรอบการประเมิน: น้ำหนัก ร้อยละ"),
        ("ระดับ 5", "000 ข้อ 2: เกณฑ์การให้คะแนน 5 ระดับ"),
    ],
    # a person's forms: achievement and competency sheets, then the summary
    "individual": [
        ("แบบประเมินผลสัมฤทธิ์ของงาน", "001 สไลด์ 25–27: แบบประเมินผลสัมฤทธิ์ของงาน"),
        ("คะแนน (ก)", "001 สไลด์ 25–27: คะแนน (ก)"),
        ("น้ำหนัก (ข)", "001 สไลด์ 25–27: น้ำหนัก (ข)"),
        ("(ค = ก × ข)", "001 สไลด์ 25–27: คะแนนรวม (ค)"),
        ("แบบสรุปการประเมินผลการปฏิบัติราชการ", "001 สไลด์ 18–22: แบบสรุปการประเมินผลการปฏิบัติราชการ"),
        ("องค์ประกอบการประเมิน", "001 สไลด์ 19: 72 × 70% + 68 × 30% = 70.8"),
        ("แผนพัฒนาการปฏิบัติราชการรายบุคคล", "001 สไลด์ 52: ขั้นตอนที่ 8 วางแผนการพัฒนา"),
        ("ได้รับทราบผลการประเมิน", "001 สไลด์ 39, 52: ขั้นตอนที่ 8 ลงชื่อรับทราบในแบบสรุปการประเมินผล"),
        ("ความเห็นของผู้บังคับบัญชาเหนือขึ้นไป", "001 สไลด์ 37, 51: ขั้นตอนที่ 6–7 เสนอผู้บังคับบัญชาเหนือขึ้นไป"),
        ("ความเห็นของคณะกรรมการกลั่นกรอง", "001 สไลด์ 11, 51: คณะกรรมการกลั่นกรองฯ เสนอความเห็น; 000 กิจกรรม 9"),
        ("ผู้รับการประเมิน", "000 กิจกรรม 6: คำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการประเมิน"),
        ("ผู้บังคับบัญชา/ผู้ประเมิน", "000 กิจกรรม 6: คำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการประเมิน"),
    ],
    # seed 001's ข้อตกลงผลการปฏิบัติงาน or seed 004's work-group table: what both carry
    "kpi-sheet": [
        ("ระดับค่าเป้าหมาย", "004 สไลด์ 24: ระดับค่าเป้าหมาย 1–5; 001 สไลด์ 17: ระดับค่าเป้าหมาย"),
        ("ผู้ประเมิน", "000 กิจกรรม 6: คำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการประเมิน"),
        ("ผู้รับการประเมิน", "000 กิจกรรม 6: คำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการประเมิน"),
        ("(ลงชื่อ)", "000 ข้อ 2 (3): ความเห็นชอบร่วมกันระหว่างผู้ประเมินและผู้รับการประเมิน"),
    ],
    "score-report": [
        ("น้ำหนัก", "003 สไลด์ 9: น้ำหนัก (W)"),
        ("คะแนนรวม", "003 สไลด์ 9: คะแนนรวม Σ(W × SM) / ΣW"),
    ],
})
# A person's evaluation under seed 001's rule (ว 20/52): achievement and competency, each
# on a 100 base, and the rating band.
SEED_001_EVALUATION = [
    ("(ค × 20)", "001 สไลด์ 27: แปลงคะแนนรวม (ค) เป็นฐานคะแนนเต็ม 100 (โดยนำ 20 มาคูณ)"),
    ("แบบประเมินพฤติกรรมการปฏิบัติราชการหรือสมรรถนะ", "001 สไลด์ 23–24: แบบประเมินสมรรถนะ"),
    ("อยู่ในระดับดีเยี่ยม", "001 สไลด์ 23–24: นิยามคะแนนสมรรถนะ 1–5"),
    ("ระดับผลการประเมิน", "001 สไลด์ 10: ว 20/52 ข้อ 6 อย่างน้อย 5 ระดับ"),
    ("ต้องปรับปรุง", "001 สไลด์ 10: ดีเด่น ดีมาก ดี พอใช้ ต้องปรับปรุง"),
]
# What a form under a framework with achievement alone says instead (policy_marks.py).
ACHIEVEMENT_ONLY = [
    ("คะแนนรวม §", "001 สไลด์ 10: ว 20/52 ข้อ 3 ผลสัมฤทธิ์ของงาน ≥ 70% และสมรรถนะ — marked, not printed as the rule"),
    ("§ การกำหนดตัวชี้วัดระดับกลุ่มงาน", "the footnote names the framework whose components decided it"),
    ("ไม่มีองค์ประกอบพฤติกรรมการปฏิบัติราชการหรือสมรรถนะ", "001 สไลด์ 23–24"),
    ("ไม่แปลงคะแนนเป็นฐาน 100 (× 20)", "001 สไลด์ 27"),
]
# The two layouts of the kpi-sheet form, by their seed.
SEED_001_AGREEMENT_COLUMNS = [
    ("ผลสัมฤทธิ์ที่คาดหวัง ตัวชี้วัดผลการปฏิบัติงาน ความสำคัญ ระดับค่าเป้าหมาย ผลการปฏิบัติงาน คะแนน",
     "001 สไลด์ 17: ข้อตกลงผลการปฏิบัติงาน ส่วนของผลการปฏิบัติงาน"),
    ("(1) ต้องปรับปรุง (2) ต่ำกว่าที่คาดหวัง (3) บรรลุตามที่คาดหวัง (4) เกินกว่าที่คาดหวัง (5) ดีเด่น",
     "001 สไลด์ 17: ระดับค่าเป้าหมาย (1) ต้องปรับปรุง … (5) ดีเด่น"),
    ("ผลรวม ทำให้เป็นร้อยละด้วยการคูณ 100", "001 สไลด์ 17: ผลรวม ทำให้เป็นร้อยละด้วยการคูณ 100"),
]
SEED_004_TABLE_COLUMNS = [
    ("การกำหนดตัวชี้วัดระดับกลุ่มงาน", "004 สไลด์ 24: การกำหนดตัวชี้วัดระดับกลุ่มงาน"),
    ("งาน/โครงการ ผลสัมฤทธิ์หลัก (KRAs) ตัวชี้วัด (KPIs) ระดับค่าเป้าหมาย 1 2 3 4 5",
     "004 สไลด์ 24–34: งาน/โครงการ | ผลสัมฤทธิ์หลัก (KRAs) | ตัวชี้วัด (KPIs) | ระดับค่าเป้าหมาย 12345"),
]
# The sign-off parts particular to one form, on top of its form's list.
SEED_SIGN_OFF = {
    ("2554", "province_example_2554/agreement.html"): [
        ("รองนายกรัฐมนตรี", "002 ข้อ 1.4.2: ผู้ว่าราชการจังหวัด ลงนามกับ รองนายกรัฐมนตรี"),
        ("ผู้ว่าราชการจังหวัด", "002 ข้อ 1.4.2: ผู้ว่าราชการจังหวัด ลงนามกับ …"),
        ("ร่วมกับ รัฐมนตรีว่าการกระทรวงมหาดไทย", "002 ข้อ 1.4.2: ร่วมกับรัฐมนตรีว่าการกระทรวงมหาดไทย"),
        ("ปลัดกระทรวงมหาดไทย", "002 ข้อ 1.4.2: และปลัดกระทรวงมหาดไทย"),
    ],
    ("2555", "dept_example_2555/agreement.html"): [
        ("ผู้บังคับบัญชา", "002 ข้อ 1.4.2: หัวหน้าส่วนราชการ ลงนามกับ ผู้บังคับบัญชา"),
        ("หัวหน้าส่วนราชการ", "002 ข้อ 1.4.2: หัวหน้าส่วนราชการ ลงนามกับ ผู้บังคับบัญชา"),
    ],
}
# The kinds of evidence seed 000 (3.2) lists: the SAR names them under its table.
SEED_000_EVIDENCE = ("รายงานการประชุม", "คำสั่งแต่งตั้งคณะทำงาน", "แผนการดำเนินงานที่ได้รับความเห็นชอบจากผู้มีอำนาจ")

YEARS = ("2555", "2554")
HIDDEN = re.compile(r"<(style|script)\b.*?</\1>|<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]*>")
# A rule file's name made of letters (an input X1, an indicator tr3) keeps its digits as written.
NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


WHOLE = re.compile(r'<span class="whole">([^<]*)</span>')


def visible(page: str) -> str:
    """What a reader sees on the page: no style, script or comments, no tags; code spans
    count (they are printed too). A word the forms keep on one line (kpidsl/forms/whole_words.py:
    ``<wbr><span class="whole">น้ำหนัก</span>``) is the word, not a tag between two."""
    page = WHOLE.sub(r"\1", page.replace("<wbr>", ""))
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page)))


@pytest.fixture(scope="module")
def built(shipped_plan) -> dict[tuple[str, str], dict[str, str]]:
    out = {}
    for year in YEARS:
        plan = shipped_plan(year, f"rules/{year}")
        for digits in ("arabic", "thai"):
            out[year, digits] = {p: t for p, t in build_files(plan, "{}", digits=digits, root=f"rules/{year}").items()
                                 if p.endswith(".html")}
        out[year, "plan"] = plan
    return out


def pages(built, year: str, digits: str = "arabic"):
    return sorted(built[year, digits].items())


@pytest.mark.parametrize("year", YEARS)
def test_no_rule_file_or_seed_reference_on_any_form(built, year):
    for path, page in pages(built, year):
        text = visible(page)
        assert ".kpi" not in text, path
        assert "seed" not in text.lower(), path
        # nor a quotation of it: seed 001's slides quoted in the calendar's notes, "(ชื่อไม่ปรากฏในสไลด์)"
        assert "สไลด์" not in text and "แผนภาพที่" not in text, path
        if path != "index.html":  # the builder's index names the rule set it was built from
            assert "rules/" not in text, path  # not even the rule set's folder at the foot


@pytest.mark.parametrize("year", YEARS)
def test_no_plan_id_on_any_form(built, year):
    ids = plan_ids(built[year, "plan"])
    expected = {"sar12", "province_example_2554", "c1", "achievement", "p1", "ag1", "sb1"} if year == "2554" else {"dept_example_2555", "survey"}
    assert expected <= ids
    for path, page in pages(built, year):
        text = visible(page)
        found = sorted(i for i in ids if re.search(rf"(?<![A-Za-z0-9_]){re.escape(i)}(?![A-Za-z0-9_])", text))
        assert not found, (path, found)


@pytest.mark.parametrize("year", YEARS)
def test_no_editor_brackets_keywords_or_dashes_for_blanks(built, year):
    for path, page in pages(built, year):
        text = visible(page)
        assert not re.search(r"\[[0-9]+\]", text), path
        assert "มุมมอง มิติ" not in text and "มิติ การประเมิน" not in text, path
        assert "ยังขาดข้อมูล: competency" not in text, path
        # an empty field is a line to fill in, not "–" (which reads "not applicable")
        assert not re.search(r">\s*–\s*<", page), path


@pytest.mark.parametrize("year", YEARS)
def test_digits_of_one_script(built, year):
    for path, page in pages(built, year, "arabic"):
        assert not re.search("[๐-๙]", visible(page)), path
    for path, page in pages(built, year, "thai"):
        assert not re.search("[0-9]", NAME.sub(" ", visible(page))), path


@pytest.mark.parametrize("year", YEARS)
def test_index_page_is_thai_first(built, year):
    text = visible(built[year, "arabic"]["index.html"])
    assert "framework" not in text and "agreement" not in text and "Forms of" not in text
    assert "กรอบการประเมิน:" in text and "คำรับรอง / ผู้รับการประเมิน:" in text


FOOTER = re.compile(r"<footer>(.*?)</footer>", re.S)


def test_footer_year_is_the_year_of_what_the_form_evaluates(built):
    """rules/2554 holds seed 004's round-1 frameworks of fiscal year 2553 (004 สไลด์ 24:
    1 ต.ค. 2552 – 31 มี.ค. 2553): their forms are 2553's, not the rule set's 2554."""
    years = {}
    for path, page in pages(built, "2554"):
        foot = FOOTER.search(page)
        if foot and "/" in path:
            years[path] = re.search(r"ปีงบประมาณ พ.ศ. (\d+)", visible(foot.group(1))).group(1)
    assert years["framework-work_group_2553/overview.html"] == "2553"
    assert years["singburi_policy_analyst/individual.html"] == "2553"
    assert years["agreement_001/kpi-sheet.html"] == "2553"
    assert years["framework-province/overview.html"] == "2554"
    assert years["province_example_2554/agreement.html"] == "2554"


# ---- the SAR ------------------------------------------------------------------------------------
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)


def sar_rows(page: str) -> list[list[str]]:
    table = page[page.index('<table class="sar'):]
    table = table[:table.index("</table>")]
    return [[" ".join(visible(c).split()) for c in CELL.findall(r)] for r in ROW.findall(table)]


def sars(built) -> list[tuple[str, str]]:
    return [(f"{y}/{p}", t) for y in YEARS for p, t in pages(built, y) if p.rsplit("/", 1)[-1].startswith("sar")]


def test_every_sar_carries_the_seed_parts(built):
    assert len(sars(built)) >= 8
    for path, page in sars(built):
        text = visible(page)
        for part, cited in SEED_PARTS["sar"]:
            assert part in text, (path, cited)
        assert all(kind in text for kind in SEED_000_EVIDENCE), path


def test_sar_total_row_once_after_the_last_indicator_row(built):
    for path, page in sars(built):
        table = page[page.index('<table class="sar'):]
        table = table[:table.index("</table>")]
        assert "<tfoot" not in table, path  # a footer repeats on every printed page
        rows = sar_rows(page)
        totals = [i for i, r in enumerate(rows) if len(r) > 1 and r[1].startswith("รวม")]
        assert totals == [len(rows) - 1], path


def unmarked(cell: str) -> str:
    """A figure without the mark of the policy that decided it (``24†`` is 24)."""
    return cell.strip(" " + MARKS)


MARKS = "†‡§"


def test_sar_weighted_column_is_weight_times_score_over_100(built):
    """The weighted score is the share a row adds to its parent (kpidsl/score/weighted.py):
    weight (ร้อยละ) × score / 100, and a sub-indicator's (W) × SM; as printed, unless a figure
    is marked ≈, when it is of the exact figures and agrees within half a unit of each."""
    checked = exact = 0
    for path, page in sars(built):
        for r in sar_rows(page)[2:-1]:
            sub = "(W)" in r[2]
            weight, score, weighted = (unmarked(r[2].replace("(W)", "")), unmarked(r[-4]), r[-3])
            if not weighted:
                continue
            rounded = score.startswith("≈") or weighted.startswith("≈")
            score, weighted = score.removeprefix("≈"), weighted.removeprefix("≈")
            w = Decimal(weight) / (1 if sub else 100)
            product = w * Decimal(score)
            if not rounded:  # as printed: the weighted score shown is weight × score (/ 100)
                assert product == Decimal(weighted), (path, r)
                exact += 1
            else:
                # printed rounded to the plan's decimals, each of the exact figures (a footnote
                # says so): they agree within half a unit of the last decimal of each
                unit = Decimal(1).scaleb(Decimal(score).as_tuple().exponent)
                slack = (w + 1) * unit / 2
                assert abs(Decimal(weighted) - product) <= slack, (path, r)
            checked += 1
    assert checked >= 40 and exact >= 20


def test_sar_total_is_the_sum_of_the_weighted_scores(built):
    page = built["2555", "arabic"]["dept_example_2555/sar-dept_all_kinds.html"]
    rows = sar_rows(page)
    top = [r for r in rows[2:-1] if r[1] in ("มิติภายนอก", "มิติภายใน")]
    assert [(r[2], r[-4], r[-3]) for r in top] == [("70", "≈3.5829", "2.5080"), ("30", "≈3.4007", "1.0202")]
    assert rows[-1][2] == "100" and rows[-1][-2] == "3.5282"   # 2.5080 + 1.0202


# ---- every form: its seed form's parts ------------------------------------------------------
def form_of(path: str) -> str:
    """The form a built file is of: its file stem up to the document's own name
    (``sar-sar12`` is a SAR, ``score-report-x`` a score report)."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return max((f for f in SEED_PARTS if stem == f or stem.startswith(f + "-")), key=len, default="")


# Agreements whose sheet is seed 001's (importance stated, or a person whose indicators state no
# งาน / ผลสัมฤทธิ์หลัก); the work groups and seed 004's persons (สไลด์ 15, 27–28) are seed 004's.
SEED_001_LAYOUT = ("agreement_001/", "tambon_a/", "tambon_b/", "tambon_c/", "district_agri/",
                   "janya_2554_r1/", "somsak_2554_r1/", "somchai_2554_r1/", "somchai_2555_r1/")


def level_of(plan: dict, path: str) -> str | None:
    """The level of the framework a built file's agreement is under."""
    agreement = next((a for a in plan["agreements"] if path.startswith(a["id"] + "/")), None)
    framework = next((f for f in plan["frameworks"] if agreement and f["id"] == agreement["framework"]), {})
    return framework.get("level")


@pytest.mark.parametrize("year", YEARS)
def test_every_form_carries_its_seed_forms_parts(built, year):
    seen, persons = set(), 0
    for path, page in pages(built, year):
        if path == "index.html":
            continue
        form = form_of(path)
        assert form, path  # a form with no list of its seed form's parts
        seen.add(form)
        text = " ".join(visible(page).split())
        parts = SEED_PARTS[form] + SEED_SIGN_OFF.get((year, path), [])
        if form == "individual" and level_of(built[year, "plan"], path) == "individual":
            parts += SEED_001_EVALUATION
            persons += 1
        elif form == "individual":
            # a work group's evaluation has achievement alone: the form says so, marked
            parts += ACHIEVEMENT_ONLY
        if form == "kpi-sheet":
            parts += SEED_001_AGREEMENT_COLUMNS if path.startswith(SEED_001_LAYOUT) else SEED_004_TABLE_COLUMNS
        for part, cited in parts:
            assert part in text, (path, part, cited)
    assert seen >= {"agreement", "indicator-template", "calendar", "overview", "sar", "score-report"}
    assert "kpi-sheet" in seen or year == "2555"
    # janya and somsak, seed 004's persons and agreement_001 (individual_2553), blank and filled
    assert persons >= (20 if year == "2554" else 0)


@pytest.mark.parametrize("year", YEARS)
def test_agreements_not_made_by_named_signatories_carry_evaluator_and_evaluatee(built, year):
    plan = built[year, "plan"]
    for a in plan["agreements"]:
        path = f"{a['id']}/agreement.html"
        if a.get("signatories") or path not in built[year, "arabic"]:
            continue
        text = " ".join(visible(built[year, "arabic"][path]).split())
        assert "คำรับรองระหว่าง ผู้ประเมิน" in text or f"คำรับรองระหว่าง {a.get('assessor')} (ผู้ประเมิน)" in text, path
        sign_off = text[text.index("ผู้ลงนามข้างท้ายนี้"):]
        assert sign_off.count("(ลงชื่อ)") == 2 and "ผู้ประเมิน" in sign_off and "ผู้รับการประเมิน" in sign_off, path


SIGN_OFF = re.compile(r'<div class="keep sign-off">')


@pytest.mark.parametrize("year", YEARS)
def test_agreement_signatures_are_kept_with_what_they_sign(built, year):
    """The signatures print in one unbreakable block with the sentence naming what they
    sign and, where the agreement has scoring details, inside the last detail's block."""
    checked = 0
    for path, page in pages(built, year):
        if form_of(path) != "agreement":
            continue
        assert len(SIGN_OFF.findall(page)) == 1, path
        block = page[SIGN_OFF.search(page).start():]
        assert block.index("ผู้ลงนามข้างท้ายนี้") < block.index('class="signatures"'), path
        assert '<section class="keep">' not in page, path  # no section of signatures alone
        if "รายละเอียดเกณฑ์การให้คะแนน" in page:
            last_detail = page.rindex('<div class="keep">', 0, SIGN_OFF.search(page).start())
            assert "</div>" not in page[page.index("</table>", last_detail):SIGN_OFF.search(page).start()] or \
                page[last_detail:SIGN_OFF.search(page).start()].count("<div") > page[last_detail:SIGN_OFF.search(page).start()].count("</div>"), path
        checked += 1
    assert checked >= 1


# ---- figures a declared policy decided are marked, with a footnote naming the policy ------------
def marked_rows(page: str) -> list[list[str]]:
    return [r for r in sar_rows(page) if any(m in c for c in r for m in MARKS)]


def test_redistributed_weights_are_marked_with_the_policy_that_decided_them(built):
    # 2555: indicator 3 (กลุ่มภารกิจ, ถ้ามี) is left out; its 10 spread over 1, 2, 4 by the rule
    # set's proportional policy: 20 → 24, 15 → 18, 5 → 6, 10 → 12, 20 → 24 (003 สไลด์ 2 is silent).
    for path in ("dept_example_2555/agreement.html", "dept_example_2555/sar-dept_all_kinds.html"):
        page = built["2555", "arabic"][path]
        text = " ".join(visible(page).split())
        for w in ("24†", "18†", "6†", "12†"):
            assert w in text.replace(" †", "†"), (path, w)
        assert "† น้ำหนักที่รวมน้ำหนักของตัวชี้วัดที่ไม่มีในคำรับรองนี้ กระจายตามหลักเกณฑ์ “โอนน้ำหนัก ตามสัดส่วน”" in text, path
    # the agreement says each weight's declared figure beside it, once: the † and its footnote say
    # why it moved (it had said "24† รวมน้ำหนักที่โอนมา (เดิม 20)", the footnote over again, a
    # tower of words in the weight column)
    text = " ".join(visible(built["2555", "arabic"]["dept_example_2555/agreement.html"]).split())
    assert "รวมน้ำหนักที่โอนมา" not in text
    for moved in ("24† (เดิม 20)", "18† (เดิม 15)", "6† (เดิม 5)", "12† (เดิม 10)"):
        assert moved in text.replace(" †", "†"), moved
    # the KPI template's weight row says it as one phrase, its unit first, in HTML and Markdown
    # alike: it had printed "18†", "(เดิม 15)" under it and "(ร้อยละ)" after that, the unit read
    # as the old figure's; the Markdown had no unit at all
    template = " ".join(visible(built["2555", "arabic"]["dept_example_2555/indicator-template.html"]).split())
    md = render_forms(built["2555", "plan"], output_format="md", agreement="dept_example_2555",
                      form="indicator-template")["dept_example_2555/indicator-template.md"]
    for phrase in ("ร้อยละ 18† (เดิมร้อยละ 15)", "ร้อยละ 24† (เดิมร้อยละ 20)", "ร้อยละ 3"):
        assert phrase in template.replace(" †", "†"), phrase
        assert f"| น้ำหนัก | {phrase}" in md, phrase
    assert "(ร้อยละ)" not in template and ") (ร้อยละ" not in md
    # the declared weights (70, 30, the seed's own 7 and 3) carry no mark
    rows = sar_rows(built["2555", "arabic"]["dept_example_2555/sar-dept_all_kinds.html"])
    assert {r[2] for r in rows if r[1] in ("มิติภายนอก", "มิติภายใน")} == {"70", "30"}


def test_a_score_between_written_levels_is_marked_with_the_interpolation_policy(built):
    # 4.2 "จำนวนเรื่องร้องเรียนที่ค้างเกิน 30 วัน": >8 ≤8 ≤6 ≤4 ≤2, 5 complaints: 3.5 by
    # the linear policy (read as steps it would be 3).
    page = built["2555", "arabic"]["dept_example_2555/sar-dept_all_kinds.html"]
    marked = [r for r in marked_rows(page) if "‡" in r[-4]]
    assert [(r[0], unmarked(r[-4])) for r in marked] == [("4.2", "3.5000")]
    assert "“เทียบสัดส่วน เชิงเส้น”" in visible(page)
    blank = built["2555", "arabic"]["dept_example_2555/sar.html"]
    assert "‡" not in visible(blank)  # no score, nothing a policy decided


def test_seed_001_persons_carry_no_policy_mark(built):
    for path, page in pages(built, "2554"):
        if path.startswith(("janya_2554_r1/", "somsak_2554_r1/")):
            assert not any(m in visible(page) for m in MARKS), path


# ---- seed forms transcribed into rules/ and rendered ---------------------------------------------
def calendar_text(built) -> str:
    return " ".join(visible(built["2554", "arabic"]["calendar.html"]).split())


def test_calendar_has_seed_001_ten_steps_with_each_rounds_deadlines(built):
    text = calendar_text(built)
    for round_title in ("รอบที่ 1 (1 ตุลาคม 2553 – 31 มีนาคม 2554)", "รอบที่ 2 (1 เมษายน – 30 กันยายน 2554)"):
        assert f"ขั้นตอนการประเมินผลการปฏิบัติราชการและการเลื่อนเงินเดือน {round_title}" in text
    # 001 สไลด์ 46, 49, 52: the deadlines as the slides write them, weeks kept as weeks
    for due in ("ภายใน 20 ต.ค. 2553", "ภายใน 20 เม.ย. 2554", "ภายใน สัปดาห์ที่ 1–2 ของ มี.ค. 2554",
                "ภายใน สัปดาห์ที่ 1–2 ของ ก.ย. 2554", "ภายใน 15 พ.ย. 2553", "ภายใน 15 พ.ค. 2554",
                "พ.ย. 2553 – ก.พ. 2554", "สัปดาห์ที่ 3–4 ของ มี.ค. 2554"):
        assert due in text, due
    assert "ให้ผู้รับการประเมินลงนามรับทราบผลการประเมิน" in text  # ขั้นตอนที่ 8
    plan = built["2554", "plan"]
    steps = {c["id"]: [a["id"] for a in c["activities"]] for c in plan["calendar"]}
    expected = ["1", "2", "3.1", "3.2", "4", "5", "6", "7", "8", "9", "10"]
    assert steps["individual_steps_r1"] == steps["individual_steps_r2"] == expected


def test_calendar_has_seed_000_individual_level_plan(built):
    plan = built["2554", "plan"]
    (c,) = [c for c in plan["calendar"] if c["id"] == "rayong_individual_2554"]
    numbered = {a["id"].split(".")[0] for a in c["activities"]}
    assert numbered == {str(i) for i in range(1, 13)}  # 12 activities (5 as 5.1 and 5.2)
    text = calendar_text(built)
    assert "แผนดำเนินการถ่ายทอดตัวชี้วัดและเป้าหมายระดับบุคคล จังหวัดระยอง" in text
    assert "คณะกรรมการกลั่นกรองผลการประเมินผลการปฏิบัติราชการของข้าราชการพลเรือนสามัญ จังหวัดระยอง ให้ความเห็น" in text
    assert "จัดทำคำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการประเมิน" in text


def test_rayong_chart_columns_are_the_seeds_months(built):
    # 000: the plan's month columns are ม.ค ก.พ มี.ค เม.ย พ.ค มิ.ย ก.ค ส.ค ก.ย ต.ค (2554), not the fiscal year
    plan = built["2554", "plan"]
    (c,) = [c for c in plan["calendar"] if c["id"] == "rayong_cascade_2554"]
    assert (c["period"]["start"], c["period"]["end"]) == ("2011-01-01", "2011-10-31")
    page = built["2554", "arabic"]["calendar.html"]
    chart = page[page.index("ระยอง ประจำปีงบประมาณ พ.ศ. 2554 — แผนภูมิรายเดือน"):]
    chart = chart[:chart.index("</thead>")]
    assert re.findall(r'<th class="month">([^<]*)</th>', chart) == [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค."]


def test_rayong_target_rule_and_evidence_are_on_the_overview(built):
    text = " ".join(visible(built["2554", "arabic"]["framework-rayong_agency/overview.html"]).split())
    # 000 ข้อ 2: target at level 3; level 5 has under 50 % chance of success
    assert "3 เป็นค่าเป้าหมายที่เป็นค่ามาตรฐาน" in text
    assert "5 เป็นค่าเป้าหมายในระดับท้าทายมีความยากค่อนข้างมาก โอกาสสำเร็จ < 50%" in text
    # 000 ข้อ 3.2: the evidence list
    assert all(kind in text for kind in SEED_000_EVIDENCE + ("ภาพถ่าย",))
    assert "000 ข้อ" not in text  # the rule file's citation stays in the rule file


def sheet_rows(page: str) -> list[list[str]]:
    table = page[page.index('<table class="sheet-kpi'):]
    table = table[:table.index("</table>")]
    body = table[table.index("<tbody>"):]
    body = re.sub(r'<tr class="heading">.*?</tr>', "", body, flags=re.S)  # goal headings: their own test
    return [[" ".join(visible(c).split()) for c in CELL.findall(r)] for r in ROW.findall(body)]


def test_seed_001_agreement_example_with_its_three_rows(built):
    rows = sheet_rows(built["2554", "arabic"]["agreement_001/kpi-sheet.html"])
    # 001 สไลด์ 17: ผลสัมฤทธิ์ที่คาดหวัง | ตัวชี้วัด | ความสำคัญ | 5 levels | ผลการปฏิบัติงาน | คะแนน
    assert [(r[2], r[3:8]) for r in rows[:3]] == [
        ("สำคัญมาก", ["350", "355", "360", "365", "370"]),
        ("สำคัญปานกลาง", ["2", "3", "4", "5", "6"]),
        ("สำคัญน้อย", ["75", "80", "85", "90", "95"]),
    ]
    assert rows[0][0] == "ข้าวหอมมะลิที่ได้คุณภาพและปลอดภัยจากสารพิษได้รับการส่งเสริม"
    assert rows[2][0] == "ข้าราชการในหน่วยงานมีความรู้ความเข้าใจเกี่ยวกับเศรษฐกิจพอเพียง"
    assert "ตำบล ก" in rows[0][1] and "โนนผึ้ง" in rows[1][1] and "เศรษฐกิจพอเพียง" in rows[2][1]
    assert rows[0][8:] == ["", ""] and rows[-1][0] == "ผลรวม ทำให้เป็นร้อยละด้วยการคูณ 100"  # results and score to fill in
    # (001 สไลด์ 17: "ผลรวม ทำให้เป็นร้อยละด้วยการคูณ 100 ร้อยละ")


def test_seed_004_work_group_table_has_tasks_and_key_results(built):
    rows = sheet_rows(built["2554", "arabic"]["singburi_strategy_group/kpi-sheet.html"])
    assert len(rows) == 9  # 004 สไลด์ 24–26
    assert rows[0][:2] == ["งานจัดทำและประสานแผนพัฒนาจังหวัด",
                           "ดำเนินการจัดทำแผนตามขั้นตอนกระบวนการจัดทำแผน และแล้วเสร็จตามระยะเวลาที่กำหนด"]
    assert rows[1][0] == "งานติดตามและประเมินผล" and rows[1][3:8] == ["65", "70", "75", "80", "85"]
    assert rows[8][0] == "งานเลขานุการ ก.บ.จ."
    assert all(r[0] and r[1] and "...." not in r[0] + r[1] for r in rows)
    trang = sheet_rows(built["2554", "arabic"]["trang_hr_group/kpi-sheet.html"])  # 004 สไลด์ 29–31
    assert [r[0] for r in trang][:2] == ["การจัดทำฐานข้อมูลบุคคลจังหวัด", "งานวางแผนพัฒนาบุคลากรในจังหวัด"]
    # a person of seed 004 (สไลด์ 15: ผลสัมฤทธิ์หลัก, no งาน/โครงการ column): the task a line to fill in
    it = sheet_rows(built["2554", "arabic"]["it_center_director/kpi-sheet.html"])
    assert it == [it[0]] and it[0][:2] == ["................", "ระบบเครือข่ายสารสนเทศภายในมีความพร้อมใช้งาน"]
    # the analyst's sheet (สไลด์ 27–28) prints the group's งาน and ผลสัมฤทธิ์หลัก beside each indicator
    analyst = sheet_rows(built["2554", "arabic"]["singburi_policy_analyst/kpi-sheet.html"])
    assert len(analyst) == 8 and analyst[2][:2] == ["งานนโยบายเร่งด่วนของ มท.",
                                                    "จังหวัดสามารถดำเนินการตามนโยบายเร่งด่วนของ มท. บรรลุผลสำเร็จ"]
    # a work group whose rule file gives no task or key result: lines to fill in
    issue = sheet_rows(built["2554", "arabic"]["issue_driven_example/kpi-sheet.html"])
    assert issue and all(r[0] == r[1] == "................" for r in issue)


def test_overview_note_citations_only_with_sources(shipped_plan):
    plan = shipped_plan("2554")
    path = "framework-rayong_agency/overview.html"
    plain = visible(render_forms(plan, output_format="html", form="overview")[path])
    cited = visible(render_forms(plan, output_format="html", form="overview", sources=True)[path])
    assert "(000 ข้อ 2)" in cited and "(000 ข้อ 2)" not in plain


def test_seed_001_goal_headings_stand_above_their_rows(built):
    """001 สไลด์ 17: เป้าหมายเชิงยุทธศาสตร์ over ตำบล ก; เป้าหมายงานด้านอื่นๆ over โนนผึ้ง and
    เศรษฐกิจพอเพียง (rules/2554/agreements/performance_agreement_001.kpi, ``หมวด``)."""
    page = built["2554", "arabic"]["agreement_001/kpi-sheet.html"]
    rows = [" ".join(visible(r).split()) for r in ROW.findall(page.split("<tbody>", 2)[2])]
    starts = ["เป้าหมายเชิงยุทธศาสตร์ (เป้าหมายที่สอดคล้องกับเป้าหมายผลการปฏิบัติงานในระดับองค์กร)",
              "ข้าวหอมมะลิที่ได้คุณภาพ", "เป้าหมายงานด้านอื่นๆ (เป้าหมายงานตามภารกิจ หรืองานที่ได้รับมอบหมายพิเศษ)",
              "เกษตรกรที่ประสบความสำเร็จ", "ข้าราชการในหน่วยงานมีความรู้"]
    assert len(rows) >= len(starts)
    for row, start in zip(rows, starts):
        assert row.startswith(start), (row, start)
    assert rows[0] == starts[0] and rows[2] == starts[2]  # a heading row holds only its heading


def test_calendar_quotes_of_the_seed_are_printed_only_for_a_reviewer(shipped_plan):
    """The calendars quote the seed for the checker's date checks (D018, D021): "สไลด์ 44: “ขั้นตอนที่ 1 …”",
    "003 สไลด์ 53 …". ``--sources`` prints them in small notes; a remark that quotes nothing stays."""


    plan = shipped_plan("2554", "rules/2554")
    plain = visible(render_forms(plan, output_format="html", form="calendar")["calendar.html"])
    cited = visible(render_forms(plan, output_format="html", form="calendar", sources=True)["calendar.html"])
    assert "สไลด์ 44: “ขั้นตอนที่ 1 : การเตรียมการ" not in plain
    assert "สไลด์ 44: “ขั้นตอนที่ 1 : การเตรียมการ" in cited
    assert "002 ข้อ 1.5.2" not in plain and "002 ข้อ 1.5.2" in cited
    assert "ส่งล่าช้าถูกปรับลดคะแนนลงวันละ 0.0500 ของคะแนนรวม (นับวันทำการ)" in plain  # 002: a remark, not a quote
