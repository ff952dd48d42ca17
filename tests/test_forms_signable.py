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

from kpidsl.forms.build import build_files

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
# The kinds of evidence seed 000 (3.2) lists: the SAR names them under its table.
SEED_000_EVIDENCE = ("รายงานการประชุม", "คำสั่งแต่งตั้งคณะทำงาน", "แผนการดำเนินงานที่ได้รับความเห็นชอบจากผู้มีอำนาจ")

YEARS = ("2555", "2554")
HIDDEN = re.compile(r"<(style|script)\b.*?</\1>|<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]*>")
# A rule file's name made of letters (an input X1, an indicator tr3) keeps its digits as written.
NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def visible(page: str) -> str:
    """What a reader sees on the page: no style, script or comments, no tags; code spans
    count (they are printed too)."""
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


def plan_ids(plan: dict) -> set[str]:
    """Ids a rule file gave that a reader does not know: agreements, frameworks, rounds,
    indicators named p1 or ag1, components, competencies and composite parts (ids with a
    letter; a number such as 1.1 is the seed's own indicator number)."""
    ids: set[str] = set()

    def walk(nodes: list[dict]) -> None:
        for n in nodes:
            ids.add(n["id"])
            ids.update(p["id"] for p in (n.get("scoring") or {}).get("parts") or [])
            walk(n["children"])

    for a in plan["agreements"]:
        ids.add(a["id"])
        if a.get("round"):
            ids.add(a["round"])
        walk(a["nodes"])
    for f in plan["frameworks"]:
        ids.add(f["id"])
        ids.update(r["id"] for r in f["rounds"])
    return {i for i in ids if re.search("[A-Za-z]", i)}


def pages(built, year: str, digits: str = "arabic"):
    return sorted(built[year, digits].items())


@pytest.mark.parametrize("year", YEARS)
def test_no_rule_file_or_seed_reference_on_any_form(built, year):
    for path, page in pages(built, year):
        text = visible(page)
        assert ".kpi" not in text, path
        assert "seed" not in text.lower(), path
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


def test_sar_weighted_column_is_weight_times_score(built):
    checked = 0
    for path, page in sars(built):
        for r in sar_rows(page)[2:-1]:
            weight, score, weighted = r[2].replace("(W)", "").strip(), r[-4], r[-3]
            if not weighted:
                continue
            # The score is printed rounded to the plan's decimals and W × SM is taken from the
            # exact score: they agree within weight × half a unit of the last decimal.
            unit = Decimal(1).scaleb(Decimal(score).as_tuple().exponent)
            slack = (Decimal(weight) + 1) * unit / 2
            assert abs(Decimal(weighted) - Decimal(weight) * Decimal(score)) <= slack, (path, r)
            checked += 1
    assert checked >= 40


def test_sar_total_is_the_weighted_sum_over_the_weights(built):
    page = built["2555", "arabic"]["dept_example_2555/sar-dept_all_kinds.html"]
    rows = sar_rows(page)
    top = [r for r in rows[2:-1] if r[1] in ("มิติภายนอก", "มิติภายใน")]
    assert [(r[2], r[-4], r[-3]) for r in top] == [("70", "3.5829", "250.8000"), ("30", "3.4007", "102.0200")]
    assert rows[-1][2] == "100" and rows[-1][-2] == "3.5282"   # (250.8 + 102.02) / 100
