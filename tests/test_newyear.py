"""`kpidsl new-year`: the scaffold of next year's rule set checks clean apart
from its review lines (Y001), with every year and date moved as written."""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.newyear import NewYearError, Review, check_year, move_date, scaffold
from kpidsl.syntax.parser import parse

REPO = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--lang", "en"])


def _code(text: str) -> str:
    """The text without comments and quoted texts: what the counts below look at."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    return re.sub(r"#[^\n]*", "", text)


def _expected_reviews(folder: Path) -> dict[str, int]:
    """Review lines new-year should write, counted from the rule files' text."""
    code = "\n".join(_code(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("**/*.kpi")))
    return {
        "weight": len(re.findall(r"(?<!\S)(?:น้ำหนัก|สัดส่วน) [0-9.]+%?", code)),
        "ladder": len(re.findall(r"(?:^\s*|\{ )เกณฑ์ ", code, re.MULTILINE)),
        # a band of the table, with its range (an example's expected `ระดับผล good` has none)
        "band": len(re.findall(r"^\s*ระดับผล \w+ [^\n]*\d", code, re.MULTILINE)),
        "example": len(re.findall(r"ผลที่คาด", code)),
        "baseline": len(re.findall(r"^\s*ข้อมูลพื้นฐาน ", code, re.MULTILINE)),
        "penalty": len(re.findall(r"^\s*ปรับลด ", code, re.MULTILINE)),
    }


@pytest.fixture(scope="module", params=[("2555", "2556"), ("2554", "2555")], ids=["2555-2556", "2554-2555"])
def scaffolded(request, tmp_path_factory):
    old, new = request.param
    out = tmp_path_factory.mktemp(f"ny{new}") / new
    result = run("new-year", str(REPO / "rules" / old), new, "-o", str(out))
    assert result.exit_code == 0, result.output
    return REPO / "rules" / old, out, result.output


def _new_path(old: Path, rel: Path) -> Path:
    """Where new-year writes ``rel`` of the rule set ``old``: rules/2554 declares 2553 too
    (work_group_2553.kpi), whose files move to 2554 (tests/test_newyear_names.py)."""
    return Path(str(rel).replace("_2553", "_2554")) if old.name == "2554" else rel


def test_the_scaffold_checks_clean_apart_from_its_review_lines(scaffolded):
    old, out, report = scaffolded
    result = check_paths([out])
    codes = [d.code for d in result.diagnostics]
    assert result.errors == 0
    assert set(codes) == {"Y001"}
    written = sum(len(re.findall(r"^\s*ทบทวน ", p.read_text(encoding="utf-8"), re.MULTILINE))
                  for p in out.glob("**/*.kpi"))
    assert len(codes) == written
    assert f"{written} review lines" in report
    # One review line beside each figure to confirm, counted from the old files.
    for kind, n in _expected_reviews(old).items():
        assert f"{n} {kind}" in report or n == 0, (kind, n, report)
    assert sorted(p.relative_to(out) for p in out.glob("**/*.kpi")) == \
        sorted(_new_path(old, p.relative_to(old)) for p in old.glob("**/*.kpi"))


def test_the_scaffold_is_canonical_and_keeps_every_comment(scaffolded):
    old, out, _ = scaffolded
    assert run("fmt", "--check", str(out)).exit_code == 0
    # a comment's word follows only a file or id new-year renamed (tests/test_newyear_names.py):
    # rules/2554 declares 2553, whose framework ids and file name their comments give
    back = {"work_group_2554": "work_group_2553", "individual_2554": "individual_2553"} if old.name == "2554" else {}
    for path in old.glob("**/*.kpi"):
        before = [c.text for c in parse(path.read_text(encoding="utf-8"), "a").document.comments]
        after = [c.text for c in parse((out / _new_path(old, path.relative_to(old))).read_text(encoding="utf-8"),
                                       "b").document.comments]
        after = [re.sub("|".join(back), lambda m: back[m.group(0)], c) if back else c for c in after]
        assert [c.strip() for c in after] == [c.strip() for c in before]  # seed citations stay, unchanged


def test_2554_to_2555_moves_dates_in_their_style_and_flags_a_weekend(tmp_path):
    out = tmp_path / "2555"
    assert run("new-year", str(REPO / "rules/2554"), "2555", "-o", str(out)).exit_code == 0
    cal = (out / "province_calendar.kpi").read_text(encoding="utf-8")
    assert "ปีงบประมาณ 2555" in cal
    # Full month names stay full, abbreviations and two-digit years stay so.
    assert "ภายใน 31 มีนาคม 2555" in cal and "31 มีนาคม 2554" not in _code(cal)
    assert "ภายใน 31 ม.ค. 55" in cal
    # 31 มี.ค. 2555 (31 March 2012) is a Saturday: flagged with the next working day.
    assert 'ทบทวน "กำหนดส่ง 31 มี.ค. 2555 ตรงกับวันเสาร์ — วันทำการถัดไป 2 เม.ย. 2555 (วันจันทร์)"' in cal
    agreement = (out / "agreements/individual_001.kpi").read_text(encoding="utf-8")
    assert "กรอบ individual 2555" in agreement


def test_2555_to_2556_29_february_becomes_28_and_holidays_are_flagged(tmp_path):
    out = tmp_path / "2556"
    assert run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out)).exit_code == 0
    dept = (out / "department.kpi").read_text(encoding="utf-8")
    assert "29 ก.พ." not in _code(dept) and "ภายใน 28 ก.พ. 2556" in dept  # 2013 is not a leap year
    assert 'กรอบ department "กรอบการประเมินผลของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2556"' in dept
    example = (out / "agreements/department_example.kpi").read_text(encoding="utf-8")
    # 31 ธ.ค. 2555 is a Monday but New Year's Eve, a public holiday in the holidays package.
    assert "กำหนดส่ง 31 ธ.ค. 2555 ตรงกับวันหยุด" in example and "วันทำการถัดไป 2 ม.ค. 2556" in example
    assert "ข้อมูลพื้นฐาน 2554 76.5" in example  # baseline years move with the year


@pytest.mark.parametrize("text, expected", [
    ("31 มี.ค. 2554", "31 มี.ค. 2555"),
    ("๓๑ ต.ค. ๕๔", "๓๑ ต.ค. ๕๕"),
    ("30 เมษายน 2554", "30 เมษายน 2555"),
    ("15-30 พ.ย. 54", "15-30 พ.ย. 55"),
    ("2011-10-31", "2012-10-31"),
    ("2012-02-29", "2013-02-28"),
    ("29 ก.พ. 2555", "28 ก.พ. 2556"),
    ("๒๙ ก.พ. ๒๕๕๕", "๒๘ ก.พ. ๒๕๕๖"),
    ("1 ต.ค.", "1 ต.ค."),  # no year written: it follows the fiscal year
    ("สัปดาห์ที่ 1-2 ของเดือน มี.ค. 2555", "สัปดาห์ที่ 1-2 ของเดือน มี.ค. 2556"),
])
def test_a_date_moves_as_written(text, expected):
    lit = parse(f"x {text}\n", "t.kpi").document.statements[0].args[0]
    assert move_date(lit, 1, 2555) == expected


def test_29_february_stays_in_a_leap_year():
    lit = parse("x 29 ก.พ. 2555\n", "t.kpi").document.statements[0].args[0]
    assert move_date(lit, 4, 2555) == "29 ก.พ. 2559"  # 2016 is a leap year


@pytest.mark.parametrize("year, why", [
    ("2555", "must come after"), ("2554", "must come after"), ("56", "not a Buddhist-era"),
    ("2013", "2556 BE?"), ("abc", "not a Buddhist-era"),
])
def test_a_year_that_is_not_next_or_not_be_is_refused(year, why, tmp_path):
    with pytest.raises(NewYearError, match=re.escape(why)):
        check_year(year, 2555)
    result = run("new-year", str(REPO / "rules/2555"), year, "-o", str(tmp_path / "x"))
    assert result.exit_code == 2 and why in result.output
    assert not (tmp_path / "x").exists()


def test_a_thai_digit_year_is_accepted():
    assert check_year("๒๕๕๖", 2555) == 2556


def test_a_non_empty_output_folder_needs_force(tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(tmp_path))
    assert result.exit_code == 2 and "not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    assert run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / "department.kpi").is_file()
    assert not [p for p in tmp_path.glob("**/.*.tmp")]  # written atomically: no temporary left


def test_a_rule_set_with_errors_is_reported_not_scaffolded(tmp_path):
    (tmp_path / "a.kpi").write_text('framework f "x" {\n    fiscal_year 2555\n    dimension a "ก" weight 60\n}\n',
                                    encoding="utf-8")
    result = run("new-year", str(tmp_path), "2556", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "W001" in result.output
    assert not (tmp_path / "out").exists()


def test_declared_holidays_move_and_count(tmp_path):
    texts = {
        "f.kpi": ('framework f "x" {\n    fiscal_year 2555\n    dimension a "ก" weight 100\n'
                  '    round r "รอบ" period 1 ต.ค. 2554 – 31 มี.ค. 2555 due 3 เม.ย. 2555\n}\n'
                  "holidays {\n    country TH\n    add 2 เม.ย. 2556 \"หยุดพิเศษ\"\n}\n"),
    }
    # 3 เม.ย. 2556 (2013) is a Wednesday; the rule set declares 2 เม.ย. 2556 a holiday,
    # which moves to 2 เม.ย. 2557 — so the moved due date is a working day.
    result = scaffold(texts, "2556")
    kinds = sorted(r.kind for r in result.reviews)
    assert kinds == ["holiday", "weight"], result.reviews
    assert "add 2 เม.ย. 2557" in result.files["f.kpi"]


# ---- the new rule set never touches this year's, nor goes through a link ------------------------------


def test_new_year_into_its_own_rule_folder_is_o004_and_touches_no_rule_file(tmp_path):
    rules = tmp_path / "2555"
    shutil.copytree(REPO / "rules/2555", rules)
    before = {p: p.read_bytes() for p in rules.rglob("*.kpi")}
    for out in (rules, rules / "next"):
        result = run("new-year", str(rules), "2556", "-o", str(out), "--force")
        assert result.exit_code == 2 and "O004" in result.output, result.output
    assert {p: p.read_bytes() for p in rules.rglob("*.kpi")} == before
    assert not (rules / "next").exists()


def test_new_year_never_writes_through_a_linked_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "2556"
    out.mkdir()
    (out / "agreements").symlink_to(outside, target_is_directory=True)
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out), "--force")
    assert result.exit_code == 2 and "O005" in result.output, result.output
    assert list(outside.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["agreements"]


def test_new_year_never_writes_through_a_linked_file(tmp_path):
    """A link out of the folder where the new rule set writes a file: refused (O005),
    its target as it was."""
    victim = tmp_path / "victim.txt"
    victim.write_text("outside", encoding="utf-8")
    out = tmp_path / "2556"
    out.mkdir()
    (out / "department.kpi").symlink_to(victim)
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out), "--force")
    assert result.exit_code == 2 and "O005" in result.output, result.output
    assert victim.read_text(encoding="utf-8") == "outside" and sorted(p.name for p in out.iterdir()) == ["department.kpi"]


def test_new_year_never_overwrites_a_file(tmp_path):
    out = tmp_path / "2556"
    out.mkdir()
    (out / "department.kpi").write_text("# a colleague's draft\n", encoding="utf-8")
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out), "--force")
    assert result.exit_code == 2 and "O015" in result.output, result.output
    assert sorted(p.name for p in out.iterdir()) == ["department.kpi"]
    assert (out / "department.kpi").read_text(encoding="utf-8") == "# a colleague's draft\n"


def test_new_year_into_an_empty_folder_keeps_its_mode_and_leaves_nothing_hidden(tmp_path):
    out = tmp_path / "2556"
    out.mkdir(mode=0o750)
    out.chmod(0o750)
    assert run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out)).exit_code == 0
    assert (out / "department.kpi").is_file() and (out / "agreements").is_dir()
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2556"]


# ---- boundaries of the year and of 29 February ----------------------------------------------------------

@pytest.mark.parametrize("text, be", [("1856", None), ("1857", 2400), ("2156", 2699), ("2157", None)])
def test_a_christian_era_year_is_hinted_only_where_its_be_year_is_one_a_rule_file_may_name(text, be):
    # BE_YEARS is 2400–2699, 1857–2156 CE: a CE year outside it gets no guess
    with pytest.raises(NewYearError) as caught:
        check_year(text, 2555)
    assert (caught.value.key, caught.value.fields["be"]) == ("year-not-be", be)


@pytest.mark.parametrize("text, accepted", [("2699", True), ("2700", False)])
def test_the_last_be_year_a_rule_file_may_name_is_2699(text, accepted):
    if accepted:
        assert check_year(text, 2698) == 2699
    else:
        with pytest.raises(NewYearError) as caught:
            check_year(text, 2698)
        assert caught.value.key == "year-not-be"


@pytest.mark.parametrize("text, delta, expected", [
    ("29 ก.พ. 2639", 4, "28 ก.พ. 2643"),  # 2100 CE: a century not divisible by 400 has no 29 February
    ("29 ก.พ. 2539", 4, "29 ก.พ. 2543"),  # 2000 CE: divisible by 400, it has one
    ("2096-02-29", 4, "2100-02-28"),
    ("1996-02-29", 4, "2000-02-29"),
    ("2012-02-28", 1, "2013-02-28"),      # only the 29th moves back
    ("31 ธ.ค. 99", 1, "31 ธ.ค. 00"),       # a two-digit year wraps
])
def test_leap_years_and_two_digit_years_move_as_the_calendar_does(text, delta, expected):
    lit = parse(f"x {text}\n", "t.kpi").document.statements[0].args[0]
    assert move_date(lit, delta, 2555) == expected


@pytest.mark.parametrize("fiscal_year, delta, expected", [
    (2555, 1, "28 ก.พ."),   # February of fiscal year 2556 is in 2556 BE (2013): no 29th
    (2555, 4, "29 ก.พ."),   # fiscal year 2559's February is in 2016, a leap year
    (2554, 1, "29 ก.พ."),   # fiscal year 2555 (1 ต.ค. 2554 – 30 ก.ย. 2555): February 2012
    (None, 1, "29 ก.พ."),   # no fiscal year to place it: left as written
])
def test_29_february_without_a_year_follows_the_fiscal_year(fiscal_year, delta, expected):
    lit = parse("x 29 ก.พ.\n", "t.kpi").document.statements[0].args[0]
    assert move_date(lit, delta, fiscal_year) == expected


def test_a_scaffold_moves_text_years_and_flags_dues_with_the_holidays_thai_name():
    texts = {"f.kpi": ('framework f "กรอบ ปีงบประมาณ 2554–2555 ส่งภายใน 31 ม.ค. 55" {\n    fiscal_year 2555\n'
                       '    dimension a "ก" weight 100\n'
                       '    round r "รอบ" period 1 ต.ค. 2554 – 31 มี.ค. 2555 due 3 เม.ย. 2555\n'
                       '    round s "รอบ 2" period 1 ต.ค. 2554 – 29 ก.พ. due 29 ก.พ.\n'
                       '    round t "รอบ 3" period 1 ต.ค. 2554 – 31 ธ.ค. 2554 due 31 ธ.ค. 2554\n}\n'
                       'holidays {\n    country TH\n    add 3 เม.ย. 2555 "หยุดพิเศษ"\n}\n')}
    result = scaffold(texts, "2556")
    text = result.files["f.kpi"]
    # both ends of a fiscal-year range in a title, and a date written in it
    assert 'framework f "กรอบ ปีงบประมาณ 2555–2556 ส่งภายใน 31 ม.ค. 56" {' in text
    # 29 ก.พ. without a year is in the framework's fiscal year, 2556 (2013): no 29th
    assert "period 1 ต.ค. 2555 – 28 ก.พ.      due 28 ก.พ." in text
    assert [(r.kind, r.path, r.line, r.text) for r in result.reviews] == [
        ("weight", "f.kpi", 3, "น้ำหนัก 100 ของ dimension a ปี 2556"),
        # 3 เม.ย. 2556 (a Wednesday) is the declared holiday moved: the next working day is the Thursday
        ("due", "f.kpi", 4, "กำหนดส่ง 3 เม.ย. 2556 ตรงกับวันหยุด วันหยุดที่ประกาศในชุดกฎ — "
                            "วันทำการถัดไป 4 เม.ย. 2556 (วันพฤหัสบดี)"),
        # 31 ธ.ค. 2555, named as the holidays package names it in Thai
        ("due", "f.kpi", 6, "กำหนดส่ง 31 ธ.ค. 2555 ตรงกับวันหยุด วันสิ้นปี — วันทำการถัดไป 2 ม.ค. 2556 (วันพุธ)"),
        ("holiday", "f.kpi", 10, "วันหยุดที่ประกาศ (3 เม.ย. 2555) ย้ายมาเป็นปี 2556: ยืนยันว่ายังเป็นวันหยุด หรือลบ"),
    ]
    # every date literal: 3 of round r, 3 of round s (29 → 28 without a year), 3 of round t, the holiday
    assert result.moved_dates == 10 and (result.from_year, result.to_year) == (2555, 2556)


@pytest.mark.parametrize("text, be", [("2013", 2556), ("abc", None)])
def test_a_refused_year_is_told_in_english_and_thai(text, be):
    from kpidsl.diagnostics.cli_texts import said

    with pytest.raises(NewYearError) as caught:
        check_year(text, 2555)
    for lang in ("en", "th"):
        hint = said("year-be-hint", lang, be=be) if be else ""
        assert caught.value.message(lang) == said("year-not-be", lang, text=text, hint=hint)
    assert str(caught.value) == caught.value.message("en")


def test_2555_to_2556_salary_and_baseline_reviews_name_the_new_year_and_the_old_figures():
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / "2555"), "2556")
    assert [(r.kind, r.path, r.line, r.text) for r in result.reviews if r.kind in ("salary", "baseline")] == [
        ("salary", "individual.kpi", 55, "วงเงินการเลื่อนเงินเดือนปี 2556: 3% ณ 1 มี.ค. รอบ 1"),
        ("salary", "individual.kpi", 56, "วงเงินการเลื่อนเงินเดือนปี 2556: 3% ณ 1 ก.ย. รอบ 2"),
        ("salary", "individual.kpi", 57, "เพดานการเลื่อนเงินเดือนปี 2556: 6%"),
        ("salary", "individual.kpi", 63, "อัตราเงินเดือนของระดับตำแหน่งปี 2556: k_professional"),
        # a baseline's year moves (2553 → 2554); the figure shown is this year's, to be replaced
        ("baseline", "agreements/department_example.kpi", 22,
         "ข้อมูลพื้นฐาน (ผลของปีที่ผ่านมา) ปี 2554 — ตัวเลขยังเป็นของเดิม (2553 76.5): ใส่ผลจริงของปีนั้น"),
        ("baseline", "agreements/department_example.kpi", 23,
         "ข้อมูลพื้นฐาน (ผลของปีที่ผ่านมา) ปี 2555 — ตัวเลขยังเป็นของเดิม (2554 78): ใส่ผลจริงของปีนั้น"),
        ("salary", "agreements/individual_example.kpi", 13, "เงินเดือนปี 2556: 20,000 ระดับตำแหน่ง k_professional"),
    ]


def test_a_fiscal_year_in_thai_digits_moves_in_thai_digits():
    texts = {"f.kpi": 'framework f "x" {\n    fiscal_year ๒๕๕๕\n    dimension a "ก" weight 100\n}\n'
                      'agreement g "ก" {\n    framework f ๒๕๕๕\n}\n'}
    text = scaffold(texts, "2556").files["f.kpi"]
    assert "    fiscal_year ๒๕๕๖\n" in text and "    framework f ๒๕๕๖\n" in text


def test_2554_to_2555_review_lines_sit_above_their_figure_indented_and_quoted():
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / "2554"), "2555")
    # a long figure is cut to 39 characters and "…"; its own quotes become ' in the review line
    knowledge = '"มีแผนการจัดการความรู้แต่ยังไม่ได้ดำเนินการครบ"'
    baseline = ("ข้อมูลพื้นฐาน (ผลของปีที่ผ่านมา) ปี 2554 — ตัวเลขยังเป็นของเดิม (2553 "
                f"{knowledge[:39]}…): ใส่ผลจริงของปีนั้น")
    assert Review("baseline", "agreements/province_example.kpi", 63, baseline) in result.reviews
    lines = result.files["agreements/province_example.kpi"].split("\n")
    at = lines.index(f"            ข้อมูลพื้นฐาน 2554 {knowledge}")
    assert lines[at - 1] == '            ทบทวน "' + baseline.replace('"', "'") + '"'
    # an example's expected figures: the review is the first line inside ผลที่คาด, as indented
    example = "ผลที่คาดคำนวณจากเกณฑ์และน้ำหนักปี 2554: คำนวณใหม่เมื่อเปลี่ยน"
    assert [r for r in result.reviews if r.kind == "example"][0] == \
        Review("example", "agreements/cascades_2553.kpi", 143, example)
    lines = result.files["agreements/cascades_2554.kpi"].split("\n")  # read from cascades_2553.kpi
    at = lines.index(f'        ทบทวน "{example}"')
    assert lines[at - 1] == "    ผลที่คาด {" and lines[at + 1] == "        ตัวชี้วัด id1 คะแนน 1.0000"


def test_a_file_that_does_not_parse_is_refused_with_the_parsers_diagnostics_at_it(tmp_path):
    from kpidsl.newyear import UnreadRuleSet

    texts = {"f.kpi": 'framework f "x" {\n    fiscal_year 2555\n', "g.kpi": "framework {\n"}
    for folder, shown in ((None, "f.kpi"), (tmp_path, str(tmp_path / "f.kpi"))):
        with pytest.raises(UnreadRuleSet) as caught:
            scaffold(texts, "2556", folder)
        expected = parse(texts["f.kpi"], shown).diagnostics
        assert expected and [(d.code, d.span) for d in caught.value.diagnostics] == \
            [(d.code, d.span) for d in expected]
        assert caught.value.sources == {shown: texts["f.kpi"]}


def test_a_year_not_after_the_rule_sets_names_both():
    with pytest.raises(NewYearError) as caught:
        check_year("2554", 2555)
    assert (caught.value.key, caught.value.fields) == ("year-not-after", {"current": 2555, "year": 2554})


@pytest.mark.parametrize("change, code, status", [
    ("cp874", "F003", 1),  # saved again in the old Thai encoding
    ("removed", "F002", 2),  # every rule file gone
])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_rule_set_changed_after_its_check_is_told_located(tmp_path, monkeypatch, change, code, status, lang):
    # new-year checks the rule set, then reads it again to scaffold it: a file changed in between
    # raised NewYearError with an English sentence as its key (kpidsl/newyear.py read_rule_set),
    # which the command could not say (KeyError, an internal error). It is the file's own
    # diagnostic, located, as `check` tells it.
    from kpidsl.cli import years

    rules = tmp_path / "2555"
    shutil.copytree(REPO / "rules/2555", rules)
    checked = years.checked_rule_sets

    def check_then_change(paths, lang_):
        found = checked(paths, lang_)
        for f in sorted(rules.rglob("*.kpi")):
            if change == "removed":
                f.unlink()
            else:
                f.write_bytes(f.read_text(encoding="utf-8").encode("cp874", errors="replace"))
        return found

    monkeypatch.setattr(years, "checked_rule_sets", check_then_change)
    result = CliRunner().invoke(main, ["new-year", str(rules), "2556", "-o", str(tmp_path / "out"), "--lang", lang])
    assert result.exit_code == status, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    found = re.findall(r"^(\S+?):\d+:\d+: (\w\d{3}) ", result.stderr, re.M)
    assert found and found[0][1] == code and found[0][0].startswith(str(rules))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("change, syntax", [
    # A file saved with a syntax error between new-year's check and its reading was a usage error
    # naming the file ("has syntax errors: run kpidsl check", exit 2), where check gives the
    # parser's located diagnostic, exit 1.
    (lambda text: text + "กรอบ {\n", True),
    # A file saved in between with an error only the checker sees (it parses: every name twice)
    # was scaffolded as saved, next year's rule set carrying an error this year's check never told.
    (lambda text: text * 2, False),
], ids=["syntax-error", "checker-error"])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_rule_file_changed_after_its_check_is_told_as_check_tells_it_and_nothing_is_written(
        tmp_path, monkeypatch, change, syntax, lang):
    from kpidsl.cli import years

    rules = tmp_path / "2555"
    shutil.copytree(REPO / "rules/2555", rules)
    changed = rules / "calendar.kpi"
    checked = years.checked_rule_sets

    def check_then_change(paths, lang_):
        found = checked(paths, lang_)
        changed.write_text(change(changed.read_text(encoding="utf-8")), encoding="utf-8")
        return found

    monkeypatch.setattr(years, "checked_rule_sets", check_then_change)
    result = CliRunner().invoke(main, ["new-year", str(rules), "2556", "-o", str(tmp_path / "out"), "--lang", lang])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    found = re.findall(r"^(\S+?):(\d+):(\d+): (\w\d{3}) error", result.stderr, re.M)
    told = [d for d in check_paths([rules]).diagnostics if d.is_error]
    assert told and found == [(d.span.path, str(d.span.line), str(d.span.column), d.code) for d in told]
    assert {f[0] for f in found} == {str(changed)} and found[0][3].startswith("S") == syntax
    assert "Traceback" not in result.stderr and "kpidsl check" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_rule_set_read_as_checked_is_not_checked_again(tmp_path, monkeypatch):
    # The second check runs only on a change: an unchanged rule set is checked once.
    from kpidsl import newyear

    calls = []
    monkeypatch.setattr(newyear, "check_parsed", lambda *a: calls.append(a) or pytest.fail("checked again"),
                        raising=False)
    result = CliRunner().invoke(main, ["new-year", str(REPO / "rules/2555"), "2556", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert calls == []


# ---- ids and texts that name the old year ----------------------------------------------------------------

def test_2555_to_2556_renames_ids_that_carry_the_fiscal_year_everywhere_they_are_named(tmp_path):
    out = tmp_path / "2556"
    result = run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out))
    assert result.exit_code == 0, result.output
    code = {p.relative_to(out).as_posix(): _code(p.read_text(encoding="utf-8")) for p in out.glob("**/*.kpi")}
    assert "ปฏิทิน od_2556" in code["calendar.kpi"] and "ปฏิทิน od_2556" in code["department.kpi"]
    example = code["agreements/department_example.kpi"]
    assert "คำรับรอง dept_example_2556 " in example and example.count("คำรับรอง dept_example_2556\n") == 11
    assert "คำรับรอง somchai_2556_r1 " in code["agreements/individual_example.kpi"]
    assert "dept_no_policy_2556" in code["agreements/department_without_1_2.kpi"]
    assert not any(re.search(r"(?<![0-9])2555(?![0-9])", re.sub(r"ทบทวน [^\n]*", "", c)) and "_2555" in c
                   for c in code.values())
    assert "ตัวอย่าง dept_sample_2160 " in example  # 2160 is no fiscal year: a sample size
    cal = (out / "calendar.kpi").read_text(encoding="utf-8")
    assert 'ทบทวน "รหัส od_2555 เปลี่ยนเป็น od_2556 ทุกที่ที่อ้างถึง: ' in cal
    assert "4 id" in result.output and "ids changed" in result.output


def test_2554_to_2555_renames_the_ids_of_each_fiscal_year_it_moves():
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / "2554"), "2555")
    renamed = sorted(re.match(r"รหัส (\S+) เปลี่ยนเป็น (\S+) ", r.text).groups() for r in result.reviews if r.kind == "id")
    # work_group_2553 has fiscal year 2553, moved to 2554 with the rest: its id follows its year
    assert renamed == [("individual_2553", "individual_2554"), ("janya_2554_r1", "janya_2555_r1"),
                       ("province_2554", "province_2555"), ("province_example_2554", "province_example_2555"),
                       ("rayong_agri_2554", "rayong_agri_2555"), ("rayong_cascade_2554", "rayong_cascade_2555"),
                       ("rayong_individual_2554", "rayong_individual_2555"), ("somchai_2554_r1", "somchai_2555_r1"),
                       ("somsak_2554_r1", "somsak_2555_r1"), ("work_group_2553", "work_group_2554")]
    cascades = _code(result.files["agreements/cascades_2554.kpi"])
    assert "กรอบ individual_2554 2554" in cascades and "individual_2553" not in cascades
    # the files carrying 2553 in their names move with it (tests/test_newyear_names.py)
    assert "work_group_2554.kpi" in result.files and "work_group_2553.kpi" not in result.files


_COLLIDING = ('กรอบ f "x" {\n    ปีงบประมาณ 2555\n    ปฏิทิน c_2555\n    มิติ a "ก" น้ำหนัก 100\n}\n'
              'ปฏิทิน c_2555 "ปฏิทินปี 2555" {\n    กิจกรรม 1 "ส่ง" ภายใน 30 ธ.ค. 2554\n}\n'
              'ปฏิทิน c_2556 "ปฏิทินปีหน้า" {\n    กิจกรรม 1 "ส่ง" ภายใน 30 ธ.ค. 2554\n}\n')


def test_an_id_whose_new_name_is_taken_is_kept_with_a_review_line():
    result = scaffold({"f.kpi": _COLLIDING}, "2556")
    text = result.files["f.kpi"]
    assert "ปฏิทิน c_2555 " in text and "ปฏิทิน c_2556 " in text and "    ปฏิทิน c_2555\n" in text
    ids = [(r.line, r.text) for r in result.reviews if r.kind == "id"]
    assert ids == [(7, "รหัส c_2555 ระบุปี 2555 แต่ไม่ได้เปลี่ยนเป็น c_2556 เพราะมีชื่อนี้อยู่แล้ว: ตั้งรหัสใหม่เอง")]
    assert check_paths_of(result) == {"Y001"}


def check_paths_of(result) -> set[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for path, text in result.files.items():
            (Path(folder) / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / path).write_text(text, encoding="utf-8")
        checked = check_paths([Path(folder)])
        assert checked.errors == 0, [d.code for d in checked.diagnostics]
        return {d.code for d in checked.diagnostics}


_TEXTS = ('กรอบ f "กรอบ ประจำปีงบประมาณ พ.ศ. 2555" {\n    ปีงบประมาณ 2555\n'
          '    มิติ a "ก" น้ำหนัก 100 {\n'
          '        ตัวชี้วัด 1 "การเบิกจ่าย" น้ำหนัก 100 {\n'
          '            ขั้นความสำเร็จ {\n'
          '                1 "ตรวจข้อมูลค่าใช้จ่ายของปีงบประมาณ พ.ศ. 2554" ภายใน 29 ก.พ. 2555\n'
          '                2 "รายงานผลปี 2555 และปี ๒๕๕๔" ภายใน 30 มี.ค. 2555\n'
          '                3 "ตามมติ ครม. 2551" ภายใน 30 เม.ย. 2555\n'
          '                4 "รายงาน" ภายใน 31 พ.ค. 2555\n'
          '                5 "สรุป" ภายใน 29 มิ.ย. 2555\n'
          '            }\n'
          '            เงื่อนไข "ปรับแผนภายในเดือนมิถุนายน 2555"\n'
          '        }\n    }\n}\n')


def test_a_text_naming_the_old_year_is_flagged_never_edited_and_a_moved_year_in_a_step_is_flagged():
    result = scaffold({"f.kpi": _TEXTS}, "2556")
    text = result.files["f.kpi"]
    # a title names its year: it moves with the fiscal year, without a word (as before)
    assert 'กรอบ f "กรอบ ประจำปีงบประมาณ พ.ศ. 2556" {' in text
    assert '"ตรวจข้อมูลค่าใช้จ่ายของปีงบประมาณ พ.ศ. 2555"' in text  # moved as before, now flagged
    assert '"รายงานผลปี 2555 และปี ๒๕๕๔"' in text and '"ปรับแผนภายในเดือนมิถุนายน 2555"' in text  # kept
    assert '"ตามมติ ครม. 2551"' in text
    flagged = [(r.line, r.text) for r in result.reviews if r.kind == "text"]
    assert flagged == [
        (6, "ข้อความระบุ 'พ.ศ. 2554' ย้ายเป็น 'พ.ศ. 2555' ตามปีงบประมาณ: "
            "ยืนยันว่าควรย้าย หรือแก้คืน"),
        (7, "ข้อความระบุ 'ปี 2555', 'ปี ๒๕๕๔' คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น หรือแก้เป็นปีของปีงบประมาณ 2556"),
        (12, "ข้อความระบุ 'มิถุนายน 2555' คงไว้ตามเดิม: ยืนยันว่าหมายถึงปีนั้น หรือแก้เป็นปีของปีงบประมาณ 2556"),
    ]
    assert check_paths_of(result) == {"Y001"}


def test_a_text_of_a_note_moves_its_dates_silently_as_its_check_compares_them():
    texts = {"f.kpi": ('กรอบ f "x" {\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100\n'
                       '    รอบ 1 "รอบ 1" ระยะเวลา 1 ต.ค. 2554 – 30 มี.ค. 2555 {\n'
                       '        หมายเหตุ "สไลด์ 24: รอบที่ 1 (1 ต.ค.2554-30 มี.ค.2555)"\n    }\n}\n')}
    result = scaffold(texts, "2556")
    assert '"สไลด์ 24: รอบที่ 1 (1 ต.ค.2555-30 มี.ค.2556)"' in result.files["f.kpi"]
    assert [r.kind for r in result.reviews] == ["weight"]


def test_the_renames_show_as_renames_in_diff(tmp_path):
    out = tmp_path / "2556"
    assert run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out)).exit_code == 0
    shown = run("diff", str(REPO / "rules/2555"), str(out), "--format", "json")
    import json

    changes = json.loads(shown.stdout)["changes"]
    kinds = {(c["kind"], c.get("old"), c.get("new")) for c in changes}
    assert ("calendar-renamed", "od_2555", "od_2556") in kinds
    assert ("agreement-renamed", "dept_example_2555", "dept_example_2556") in kinds
    assert not [c for c in changes if c["kind"] in ("calendar-removed", "calendar-added", "agreement-removed",
                                                       "agreement-added")]


@pytest.mark.parametrize("text, expected", [
    # a date's year written after พ.ศ. moved twice (2555 → 2557): once as a พ.ศ. year, once as a date's
    ("ส่งภายในวันที่ 31 มกราคม พ.ศ. 2555", "ส่งภายในวันที่ 31 มกราคม พ.ศ. 2556"),
    ("31 ม.ค. 55 และ พ.ศ. 2555", "31 ม.ค. 56 และ พ.ศ. 2556"),
])
def test_a_text_year_moves_once(text, expected):
    texts = {"f.kpi": f'กรอบ f "{text}" {{\n    ปีงบประมาณ 2555\n    มิติ a "ก" น้ำหนัก 100\n}}\n'}
    assert f'กรอบ f "{expected}" {{' in scaffold(texts, "2556").files["f.kpi"]


def test_last_years_results_rescore_under_an_agreement_renamed_with_the_year(tmp_path):
    # examples/results_2555.csv names dept_example_2555, which the new rule set calls
    # dept_example_2556: diff pairs the two (agreement-renamed), and --rescore scores the row
    # under both rather than "no agreement `dept_example_2555` in rule set 2556"
    import json

    out = tmp_path / "2556"
    assert run("new-year", str(REPO / "rules/2555"), "2556", "-o", str(out)).exit_code == 0
    shown = run("diff", str(REPO / "rules/2555"), str(out), "--rescore", str(REPO / "examples/results_2555.csv"),
                "--format", "json")
    assert shown.exit_code == 0, shown.output
    rows = json.loads(shown.stdout)["rescore"]["rows"]
    assert len(rows) == 1 and rows[0]["old"]["total"] == rows[0]["new"]["total"] == "3.5282", rows


def test_the_examples_pass_on_the_scaffold(scaffolded):
    """README's new-year step 3: the examples pass on the scaffold, before any figure is edited."""
    _, out, _ = scaffolded
    result = run("test", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(" failed") and result.output.rstrip().endswith(", 0 failed")


def test_an_example_submitted_late_is_as_many_working_days_late_in_the_new_year():
    """province_late_sar (rules/2554) submits its 12-month report on 3 พ.ย. 2554: 3 working days
    after its due date, 31 ต.ค. 2554 (1, 2, 3 พ.ย. 2554). Moved a year, 3 พ.ย. 2555 is a
    Saturday: 1 and 2 พ.ย. 2555 make 2 working days, a penalty of 0.10, not the 0.15 it expects.
    The date moves on to the third working day, Monday 5 พ.ย. 2555, with a review line saying so."""
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / "2554"), "2555")
    late = ("ส่ง 3 วันทำการหลังกำหนดในปี 2554; วันที่ย้ายแล้ว (3 พ.ย. 2555) เป็น 2 วันทำการในปี 2555: "
            "เลื่อนวันที่ส่งเป็น 5 พ.ย. 2555 ให้ล่าช้า 3 วันทำการเท่าเดิม")
    assert [r for r in result.reviews if r.kind == "late"] == \
        [Review("late", "agreements/province_example.kpi", 86, late)]
    lines = result.files["agreements/province_example.kpi"].split("\n")
    assert "        วันที่ส่ง 5 พ.ย. 2555" in lines and "        วันที่ส่ง 3 พ.ย. 2555" not in lines
    at = lines.index(f'        ทบทวน "{late}"')
    assert lines[at - 1] == "    ผลที่คาด {" and lines[at + 1].startswith('        ทบทวน "ผลที่คาดคำนวณจาก')


_LEAP = '''framework f "F" {
    fiscal_year 2555
    round r "รอบ" period 1 ต.ค. 2554 – 31 ม.ค. 2555 due 28 ก.พ. 2555 {
        late_penalty 0.0500 per day
    }
    dimension d "D" weight 100 {
        kpi 1 "ก" weight 100 { owner_score }
    }
}
agreement a "A" { framework f }
example leap "ส่งช้า 2 วันปฏิทิน ข้าม 29 ก.พ." {
    agreement a
    round r
    given { kpi 1 score 3; submitted SUBMITTED }
    expect { penalty 0.1000 }
}
'''


@pytest.mark.parametrize("submitted, moved, kept", [
    ("1 มี.ค. 2555", "1 มี.ค. 2556", "2 มี.ค. 2556"),
    ("๑ มีนาคม ๕๕", "๑ มีนาคม ๕๖", "๒ มีนาคม ๕๖"),  # in the style written: Thai digits, month in full, 2 digits
    ("2012-03-01", "2013-03-01", "2013-03-02"),
    ("1 มี.ค.", "1 มี.ค.", "2 มี.ค."),  # no year written: the example's is the new fiscal year's
])
def test_a_penalty_per_calendar_day_keeps_its_days_over_29_february(submitted, moved, kept, tmp_path):
    """Due 28 ก.พ. 2555, submitted 1 มี.ค. 2555: 2 calendar days late in 2012, a leap year (29 ก.พ.,
    1 มี.ค.); the same dates in 2013 are 1 day apart. The date moves on a day, in its own style."""
    result = scaffold({"f.kpi": _LEAP.replace("SUBMITTED", submitted)}, "2556")
    late = (f"ส่ง 2 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว ({moved}) เป็น 1 วันในปี 2556: "
            f"เลื่อนวันที่ส่งเป็น {kept} ให้ล่าช้า 2 วันเท่าเดิม")
    assert [(r.kind, r.line, r.text) for r in result.reviews if r.kind in ("late", "example")] == \
        [("example", 16, "ผลที่คาดคำนวณจากเกณฑ์และน้ำหนักปี 2555: คำนวณใหม่เมื่อเปลี่ยน"), ("late", 16, late)]
    (tmp_path / "f.kpi").write_text(result.files["f.kpi"], encoding="utf-8")
    assert f"submitted {kept} }}" in result.files["f.kpi"]
    tested = run("test", str(tmp_path))
    assert tested.exit_code == 0 and "PASS leap" in tested.output, tested.output


def test_a_late_date_that_names_no_one_day_is_kept_and_its_figures_are_to_work_out_again(tmp_path):
    """A span of days submitted (the scorer takes its last) cannot be written as one day: it moves a
    year only, and the review line asks for the expected figures again; the example fails on them."""
    # 29 ก.พ., 1 and 2 มี.ค. 2555: 3 days, 0.15 (the expected figure passes this year)
    rules = _LEAP.replace("SUBMITTED", "1-2 มี.ค. 2555").replace("penalty 0.1000", "penalty 0.1500")
    (tmp_path / "2555").mkdir()
    (tmp_path / "2555/f.kpi").write_text(rules, encoding="utf-8")
    assert run("test", str(tmp_path / "2555")).exit_code == 0
    result = scaffold({"f.kpi": rules}, "2556")
    assert [r.text for r in result.reviews if r.kind == "late"] == [
        "ส่ง 3 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว (1-2 มี.ค. 2556) เป็น 2 วันในปี 2556: คำนวณผลที่คาดใหม่"]
    assert "submitted 1-2 มี.ค. 2556 }" in result.files["f.kpi"]
    (tmp_path / "2556").mkdir()
    (tmp_path / "2556/f.kpi").write_text(result.files["f.kpi"], encoding="utf-8")
    tested = run("test", str(tmp_path / "2556"))
    assert tested.exit_code == 1 and "FAIL leap" in tested.output
    assert "penalty: expected 0.1500, got 0.1000" in tested.output


def test_the_late_penalty_of_the_year_is_reviewed_not_an_examples_expected_deduction():
    """rules/2554's sar12 round: ``ปรับลด 0.0500 ต่อ วันทำการ`` (seed 002 หมายเหตุ *) is the year's
    figure to confirm; province_late_sar's expected ``คะแนนที่ถูกปรับ 0.1500`` is an example's
    figure, which the example's own review line covers."""
    from kpidsl.newyear import read_rule_set

    result = scaffold(read_rule_set(REPO / "rules" / "2554"), "2555")
    assert [r for r in result.reviews if r.kind == "penalty"] == \
        [Review("penalty", "province.kpi", 47, "การปรับลดคะแนนเมื่อส่งล่าช้าปี 2555: 0.0500 ต่อ วันทำการ")]
    lines = result.files["province.kpi"].split("\n")
    at = lines.index("        ปรับลด 0.0500 ต่อ วันทำการ")
    assert lines[at - 1] == '        ทบทวน "การปรับลดคะแนนเมื่อส่งล่าช้าปี 2555: 0.0500 ต่อ วันทำการ"'
    assert not any("0.1500" in r.text for r in result.reviews)


_LEAP_STEP = '''framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 {
        kpi 7 "ต้นทุน" weight 100 {
            ขั้นความสำเร็จ {
                1 "ตรวจสอบ" ภายใน 28 ก.พ. 2555
                2 "จัดทำ" ภายใน 31 มี.ค. 2555
                3 "เปรียบเทียบ" ภายใน 31 มี.ค. 2555
                4 "แผน" ภายใน 31 ต.ค. 2555 นอกปีงบประมาณ
                5 "ผล" ภายใน 31 ต.ค. 2555 นอกปีงบประมาณ
            }
        }
    }
}
หลักเกณฑ์ {
    นับขั้น ต่อเนื่อง
    ขั้นที่ล่าช้า ไม่นับ
}
agreement a "A" { framework f }
example leap_step "ขั้นที่ 1 เสร็จช้า 1 วัน = 0" {
    agreement a
    given {
        kpi 7 ขั้นที่ 1 29 ก.พ. 2555
        kpi 7 ขั้นที่ 2 31 มี.ค. 2555
    }
    expect { kpi 7 score 0 }
}
'''


def test_a_step_done_late_stays_late_when_29_february_becomes_28(tmp_path):
    """Under ``ขั้นที่ล่าช้า ไม่นับ`` step 1, due 28 ก.พ. 2555, done 29 ก.พ. 2555, is late and not
    counted (score 0). Moved a year both are 28 ก.พ. 2556: on time, a score of 1. The day moves on
    to 1 มี.ค. 2556, a day late again, with a review line; the example passes on the scaffold."""
    result = scaffold({"f.kpi": _LEAP_STEP}, "2556")
    assert [r.text for r in result.reviews if r.kind == "late"] == [
        "ขั้นที่ 1 ของ 7 เสร็จหลังวันครบกำหนดในปี 2555; วันที่ย้ายแล้ว (28 ก.พ. 2556) ทันวันครบกำหนดในปี 2556: "
        "เลื่อนวันที่เป็น 1 มี.ค. 2556 ให้เสร็จหลังวันครบกำหนดเท่าเดิม"]
    text = result.files["f.kpi"]
    assert "        kpi 7 ขั้นที่ 1 1 มี.ค. 2556\n" in text and "        kpi 7 ขั้นที่ 2 31 มี.ค. 2556\n" in text
    (tmp_path / "f.kpi").write_text(text, encoding="utf-8")
    tested = run("test", str(tmp_path))
    assert tested.exit_code == 0 and "PASS leap_step" in tested.output, tested.output


def test_a_step_moved_on_is_found_after_other_facts_and_steps_on_time(tmp_path):
    """The step whose lateness the year changes is looked for past the facts before it: kpi 8's
    score and step 1, done on its due date 31 ม.ค. 2555 (on time both years). Step 2, due 28 ก.พ.
    2555 and done 29 ก.พ. 2555, is late and not counted, so kpi 7 stops at 1; moved a year it would
    be on time (3), so it moves on to 1 มี.ค. 2556 and the example passes on the scaffold."""
    rules = (_LEAP_STEP
             .replace('weight 100 {\n        kpi 7', 'weight 100 {\n        kpi 8 "ก" weight 50 { owner_score }\n        kpi 7')
             .replace('kpi 7 "ต้นทุน" weight 100', 'kpi 7 "ต้นทุน" weight 50')
             .replace('1 "ตรวจสอบ" ภายใน 28 ก.พ. 2555', '1 "ตรวจสอบ" ภายใน 31 ม.ค. 2555')
             .replace('2 "จัดทำ" ภายใน 31 มี.ค. 2555', '2 "จัดทำ" ภายใน 28 ก.พ. 2555')
             .replace("        kpi 7 ขั้นที่ 1 29 ก.พ. 2555\n        kpi 7 ขั้นที่ 2 31 มี.ค. 2555\n",
                      "        kpi 8 score 3\n        kpi 7 ขั้นที่ 1 31 ม.ค. 2555\n        kpi 7 ขั้นที่ 2 29 ก.พ. 2555\n"
                      "        kpi 7 ขั้นที่ 3 31 มี.ค. 2555\n")
             .replace("kpi 7 score 0", "kpi 7 score 1"))
    (tmp_path / "2555").mkdir()
    (tmp_path / "2555/f.kpi").write_text(rules, encoding="utf-8")
    assert run("test", str(tmp_path / "2555")).exit_code == 0
    result = scaffold({"f.kpi": rules}, "2556")
    assert [r.text for r in result.reviews if r.kind == "late"] == [
        "ขั้นที่ 2 ของ 7 เสร็จหลังวันครบกำหนดในปี 2555; วันที่ย้ายแล้ว (28 ก.พ. 2556) ทันวันครบกำหนดในปี 2556: "
        "เลื่อนวันที่เป็น 1 มี.ค. 2556 ให้เสร็จหลังวันครบกำหนดเท่าเดิม"]
    text = result.files["f.kpi"]
    assert "        kpi 7 ขั้นที่ 1 31 ม.ค. 2556\n" in text and "        kpi 7 ขั้นที่ 2 1 มี.ค. 2556\n" in text
    (tmp_path / "2556").mkdir()
    (tmp_path / "2556/f.kpi").write_text(text, encoding="utf-8")
    tested = run("test", str(tmp_path / "2556"))
    assert tested.exit_code == 0 and "PASS leap_step" in tested.output, tested.output


@pytest.mark.parametrize("submitted, review, written", [
    # 28 ก.พ. 2555 → 28 ก.พ. 2556 is 366 days (29 ก.พ. 2555 among them); a year on, 365: the day
    # 366 days late, 1 มี.ค. 2557, is the last one sought
    ("28 ก.พ. 2556", "ส่ง 366 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว (28 ก.พ. 2557) เป็น 365 วันในปี 2556: "
                    "เลื่อนวันที่ส่งเป็น 1 มี.ค. 2557 ให้ล่าช้า 366 วันเท่าเดิม", "1 มี.ค. 2557"),
    # 367 days late is past the year sought: the date only moves, and the figures are to work out again
    ("1 มี.ค. 2556", "ส่ง 367 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว (1 มี.ค. 2557) เป็น 366 วันในปี 2556: "
                    "คำนวณผลที่คาดใหม่", "1 มี.ค. 2557"),
])
def test_a_day_as_late_is_sought_for_a_year_after_the_due_date(submitted, review, written):
    result = scaffold({"f.kpi": _LEAP.replace("SUBMITTED", submitted)}, "2556")
    assert [r.text for r in result.reviews if r.kind == "late"] == [review]
    assert f"submitted {written} }}" in result.files["f.kpi"]


def test_an_example_on_time_both_years_gets_no_late_review():
    """Submitted on its due date, 28 ก.พ. 2555, and moved to 28 ก.พ. 2556: 0 days late either year;
    the example after it, 2 days late and then 1, is still looked at."""
    on_time = _LEAP.replace("SUBMITTED", "28 ก.พ. 2555").replace("penalty 0.1000", "penalty 0")
    late = _LEAP.replace("SUBMITTED", "1 มี.ค. 2555").replace("example leap ", "example tardy ")
    result = scaffold({"f.kpi": on_time + late[late.index("example tardy "):]}, "2556")
    assert [(r.line, r.text) for r in result.reviews if r.kind == "late"] == [
        (22, "ส่ง 2 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว (1 มี.ค. 2556) เป็น 1 วันในปี 2556: "
             "เลื่อนวันที่ส่งเป็น 2 มี.ค. 2556 ให้ล่าช้า 2 วันเท่าเดิม")]
    assert "submitted 28 ก.พ. 2556 }" in result.files["f.kpi"] and "submitted 2 มี.ค. 2556 }" in result.files["f.kpi"]


def test_an_example_renamed_with_its_year_is_kept_as_late():
    """``leap_2555`` becomes ``leap_2556``: its late report is found under its new name."""
    result = scaffold({"f.kpi": _LEAP.replace("SUBMITTED", "1 มี.ค. 2555").replace("example leap ", "example leap_2555 ")},
                      "2556")
    assert [r.text for r in result.reviews if r.kind == "late"] == [
        "ส่ง 2 วันหลังกำหนดในปี 2555; วันที่ย้ายแล้ว (1 มี.ค. 2556) เป็น 1 วันในปี 2556: "
        "เลื่อนวันที่ส่งเป็น 2 มี.ค. 2556 ให้ล่าช้า 2 วันเท่าเดิม"]
    assert "example leap_2556 " in result.files["f.kpi"] and "submitted 2 มี.ค. 2556 }" in result.files["f.kpi"]


def test_the_submission_moved_on_is_the_submitted_line_not_a_step_dated_before_it():
    """A step done on 31 ม.ค. 2555 (on time) is written before the late submission: the day moved on is
    the submission's (2 มี.ค. 2556), the step's day only moves a year."""
    rules = (_LEAP.replace("SUBMITTED", "1 มี.ค. 2555")
             .replace('kpi 1 "ก" weight 100 { owner_score }',
                      'kpi 1 "ก" weight 50 { owner_score }\n        kpi 2 "ข" weight 50 { ขั้นความสำเร็จ {\n'
                      '            1 "ก" ภายใน 31 ม.ค. 2555\n            2 "ข"\n            3 "ค"\n            4 "ง"\n'
                      '            5 "จ"\n        } }')
             .replace("given { kpi 1 score 3;", "given {\n        kpi 2 ขั้นที่ 1 31 ม.ค. 2555\n        kpi 1 score 3;"))
    result = scaffold({"f.kpi": rules}, "2556")
    assert [r.kind for r in result.reviews if r.kind == "late"] == ["late"]
    text = result.files["f.kpi"]
    assert "        kpi 2 ขั้นที่ 1 31 ม.ค. 2556\n" in text and "        submitted 2 มี.ค. 2556\n" in text


def test_a_rule_set_with_errors_this_year_is_moved_without_late_reviews():
    """29 ก.พ. 2556 is no day (D001): the rule set does not compile this year, though its date moved
    (28 ก.พ. 2557) does; no example is compared, and the scaffold is made."""
    rules = (_LEAP.replace("SUBMITTED", "1 มี.ค. 2556").replace("fiscal_year 2555", "fiscal_year 2556")
             .replace("period 1 ต.ค. 2554 – 31 ม.ค. 2555 due 28 ก.พ. 2555",
                      "period 1 ต.ค. 2555 – 31 ม.ค. 2556 due 29 ก.พ. 2556"))
    result = scaffold({"f.kpi": rules}, "2557")
    assert [r for r in result.reviews if r.kind == "late"] == []
    assert "due 28 ก.พ. 2557" in result.files["f.kpi"] and "submitted 1 มี.ค. 2557 }" in result.files["f.kpi"]


def test_a_windows_file_keeps_its_byte_order_mark_and_crlf_in_the_new_year(tmp_path):
    """A file Notepad saved (BOM, CRLF) was written with neither, every line of it changed for
    a line-by-line comparison of the two years; fmt keeps them (kpidsl/fmt.py as_saved), so
    does new-year. A file saved plainly stays plain."""
    rules = tmp_path / "2555"
    shutil.copytree(REPO / "rules" / "2555", rules)
    windows = rules / "bands.kpi"
    windows.write_bytes(b"\xef\xbb\xbf" + windows.read_bytes().replace(b"\n", b"\r\n"))
    result = run("new-year", str(rules), "2556", "-o", str(tmp_path / "2556"))
    assert result.exit_code == 0, result.output
    written = (tmp_path / "2556" / "bands.kpi").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    assert written.count(b"\n") == written.count(b"\r\n") > 20
    plain = (tmp_path / "2556" / "department.kpi").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r" not in plain
    checked = check_paths([tmp_path / "2556"])
    assert checked.errors == 0
