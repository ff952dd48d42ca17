"""The language server's features in-process, below the protocol: hover when
the rule set has errors, dates, glued keywords, completion of names."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra is not installed")

from kpidsl.diagnostics.cli_texts import said  # noqa: E402
from kpidsl.lsp import completion, hover, names  # noqa: E402
from kpidsl.lsp.actions import glued  # noqa: E402
from kpidsl.lsp.ruleset_state import RuleSetState  # noqa: E402
from kpidsl.source import rule_set_root  # noqa: E402



def _state(ruleset: Path) -> RuleSetState:
    return RuleSetState(rule_set_root(ruleset / "agreements" / "department_example.kpi"))


def test_the_rule_set_root_of_an_agreement_is_the_year_folder(ruleset: Path):
    assert rule_set_root(ruleset / "agreements" / "department_example.kpi") == ruleset


def test_hover_falls_back_to_the_ast_when_the_rule_set_has_errors(ruleset: Path):
    state = _state(ruleset)
    dept = str(ruleset / "department.kpi")
    state.set_text(dept, state.text(dept).replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"))
    assert state.plan() is None
    line = state.text(dept).split("\n").index(
        next(t for t in state.text(dept).split("\n") if 'ตัวชี้วัด 5 "' in t)) + 1
    text = hover.hover(state, names.build(state.documents()), dept, line, 23, "en")
    assert "the rule set has errors" in text
    assert "weight in framework `department`: 8" in text
    assert "weight in agreement" not in text  # the agreement does not set indicator 5's weight
    assert "ladder 65 70 75 80 85" in text


def test_hover_on_an_agreed_weight_gives_the_agreements_figure(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip().startswith("ตัวชี้วัด 8 น้ำหนัก 6")) + 1
    text = hover.hover(state, names.build(state.documents()), agreement, line, 15, "en")
    assert "weight in framework `department`: agreed" in text
    assert "effective weight in agreement `dept_example_2555`: 6" in text


def test_hover_on_a_due_date_on_new_years_eve(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if "ภายใน 31 ธ.ค. 2554" in t)
    column = lines[line].index("31 ธ.ค.") + 2
    text = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "th")
    assert "วันเสาร์ที่ 31 ธันวาคม พ.ศ. 2554" in text
    assert "วันหยุด" in text and "วันทำการ" not in text.split("—")[1]


def test_hover_on_a_working_day(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if "ภายใน 31 ม.ค. 2555" in t)
    column = lines[line].index("31 ม.ค.") + 2
    text = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "en")
    assert "Tuesday 2012-01-31 — a working day" in text  # ISO, as the English outputs write a date
    assert "มกราคม" not in text and "พ.ศ." not in text
    thai = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "th")
    assert "วันอังคารที่ 31 มกราคม พ.ศ. 2555 — วันทำการ" in thai


def test_hover_in_english_names_the_holiday_in_english(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if "ภายใน 31 ธ.ค. 2554" in t)
    column = lines[line].index("31 ธ.ค.") + 2
    text = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "en")
    assert "Saturday 2011-12-31 — a holiday: New Year's Eve" in text, text


def test_hover_on_milestones_gives_each_steps_due_date_iso_in_english(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if 'ตัวชี้วัด 1.2.1 "' in t)
    column = lines[line].index("1.2.1") + 2
    english = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "en")
    thai = hover.hover(state, names.build(state.documents()), agreement, line + 1, column, "th")
    assert "1. จัดทำแผนขับเคลื่อนโครงการ — due 2011-12-31" in english  # step 1: ภายใน 31 ธ.ค. 2554
    assert "1. จัดทำแผนขับเคลื่อนโครงการ — ภายใน 31 ธ.ค. 2554" in thai


def test_glued_keyword_takes_the_longest_keyword():
    assert glued("น้ำหนัก20") == ("น้ำหนัก", "20")
    assert glued("ปีงบประมาณ๒๕๕๕") == ("ปีงบประมาณ", "๒๕๕๕")
    assert glued("ระดับผลx") == ("ระดับผล", "x")
    assert glued("น้ำหนัก") is None
    assert glued("zzz") is None


def test_completion_names_the_frameworks_an_agreement_may_name(ruleset: Path):
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip() == "กรอบ department 2555")
    lines[line] = "    กรอบ "
    items = completion.complete("\n".join(lines), names.build(state.documents()), line + 1, len(lines[line]) + 1)
    assert [i.label for i in items] == ["department", "individual"]


def test_completion_in_an_english_file_offers_english_first():
    text = 'framework f "x" {\n    level department\n    \n}\n'
    items = completion.complete(text, names.NameIndex(), 3, 5)
    first = sorted(items, key=lambda i: (i.sort, i.label))[0]
    assert first.label.isascii()
    assert {"perspective", "มุมมอง", "fiscal_year"} <= {i.label for i in items}
    assert "ladder" not in {i.label for i in items}


def test_hover_on_a_range_counts_one_working_day_in_the_singular(ruleset: Path):
    calendar = ruleset / "calendar.kpi"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("ช่วงเวลา 15-30 พ.ย. 54", "ช่วงเวลา 18-19 พ.ย. 54"),
                        encoding="utf-8")
    state = _state(ruleset)
    lines = state.text(str(calendar)).split("\n")
    line = next(i for i, t in enumerate(lines) if "18-19 พ.ย. 54" in t)
    column = lines[line].index("18-19") + 2
    text = hover.hover(state, names.build(state.documents()), str(calendar), line + 1, column, "en")
    assert "2 days, 1 working day" in text and "working days" not in text  # Friday 18, Saturday 19 Nov 2011


@pytest.mark.parametrize("broken", [False, True], ids=["from the plan", "from the rule AST"])
@pytest.mark.parametrize(("keyword", "lang", "word"), [
    ("มุมมอง external", "th", "มุมมอง"), ("มิติ effectiveness", "th", "มิติ"), ("ตัวชี้วัด 5 ", "th", "ตัวชี้วัด"),
    ("มุมมอง external", "en", "perspective"), ("มิติ effectiveness", "en", "dimension"),
])
def test_hover_names_a_node_by_its_own_kind_in_the_users_language(ruleset: Path, broken: bool, keyword: str,
                                                                  lang: str, word: str):
    # a perspective and a dimension were each called ตัวชี้วัด (indicator) in Thai
    state = _state(ruleset)
    dept = str(ruleset / "department.kpi")
    if broken:
        state.set_text(dept, state.text(dept).replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"))
    assert (state.plan() is None) is broken
    lines = state.text(dept).split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip().startswith(keyword)) + 1
    column = lines[line - 1].index(keyword) + 1
    ident = keyword.split()[1]
    text = hover.hover(state, names.build(state.documents()), dept, line, column, lang)
    assert text.startswith(f"**{word} {ident}** "), text


def test_the_indicator_snippet_is_told_from_the_catalogue_and_checks_as_written(ruleset: Path):
    # its detail and placeholders were written in completion.py, and its keywords spelt there
    # again, beside the catalogue (cli_texts.py) and the keyword table
    import re

    state = _state(ruleset)
    dept = str(ruleset / "department.kpi")
    lines = state.text(dept).split("\n")
    at = next(i for i, t in enumerate(lines) if t.strip().startswith('ตัวชี้วัด 5 "'))
    lines.insert(at, "            ")
    (snippet,) = [i for i in completion.complete("\n".join(lines), names.build(state.documents()), at + 1, 13)
                  if i.kind == "snippet"]
    assert snippet.detail == said("lsp-snippet-kpi", "th")  # the file's language
    for placeholder in ("lsp-snippet-title", "lsp-snippet-source", "lsp-snippet-unit"):
        assert said(placeholder, "th") in snippet.insert
    # written with its placeholders' defaults (its id 13, free: tests/test_lsp_officer.py), the
    # indicator is one the checker takes: only its weight, which the dimension's total does not
    # leave room for, is wrong
    assert "${1:13}" in snippet.insert
    written = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", snippet.insert)
    lines[at] = "            " + written.replace("\t", "                ").replace("\n}", "\n            }")
    state.set_text(dept, "\n".join(lines))
    assert {d.code for ds in state.check().diagnostics.values() for d in ds} <= {"W001", "W003"}
    assert any(d.code == "W001" for d in state.check().diagnostics[dept])
    english = completion.complete('framework f "x" {\n    \n}\n', names.NameIndex(), 2, 5)
    (snippet,) = [i for i in english if i.kind == "snippet"]
    assert snippet.detail == said("lsp-snippet-kpi", "en") and said("lsp-snippet-unit", "en") in snippet.insert


@pytest.mark.parametrize("broken", [False, True], ids=["from the plan", "from the rule AST"])
def test_hover_on_a_component_gives_its_share_not_a_weight(ruleset: Path, broken: bool):
    # a component has a share (สัดส่วน 70%) and no weight: the hover said its weight in the
    # framework was "agreed", and its effective weight in the agreement "None"
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "individual_example.kpi")
    if broken:
        dept = str(ruleset / "department.kpi")
        state.set_text(dept, state.text(dept).replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"))
    assert (state.plan() is None) is broken
    lines = state.text(agreement).split("\n")
    line = next(i for i, t in enumerate(lines) if t.strip() == "องค์ประกอบ achievement {") + 1
    text = hover.hover(state, names.build(state.documents()), agreement, line, 5, "en")
    assert text.startswith("**component achievement** ")
    assert "None" not in text and not [t for t in text.split("\n") if t.startswith(("- weight", "- effective weight"))]
    assert said("hover-share-in-framework", "en", framework="individual", share="70%") in text.split("\n")


def test_completion_offers_nothing_inside_a_text_over_several_lines(ruleset: Path):
    # indicator 5's คำอธิบาย """ … """ (department.kpi lines 103-106): a staff member typing the
    # text's second line is offered no keyword, at its start or after a word and a space; on
    # the line after the closing quotes the indicator's keywords are offered again
    state = _state(ruleset)
    text = state.text(str(ruleset / "department.kpi"))
    lines = text.split("\n")
    inside = next(i for i, row in enumerate(lines) if row.startswith("                    (3) ด้านสิ่ง")) + 1
    assert lines[inside - 3].endswith('คำอธิบาย """') and lines[inside].lstrip().startswith('"""')
    index = names.build(state.documents())
    for tree in (None, state.tree(str(ruleset / "department.kpi"))):  # the texts lexed, or the tree's
        for column in (1, 21, 25):
            assert completion.complete(text, index, inside, column, tree) == [], column
        assert completion.complete(text, index, inside - 1, 9, tree) == []  # the blanks before the text's first line
        after = [i.label for i in completion.complete(text, index, inside + 2, 17, tree)]
        assert "หน่วย" in after and "ตัวชี้วัด" in after
        assert "หน่วย" in [i.label for i in completion.complete(text, index, inside - 2, 17, tree)]


def test_completion_after_omit_offers_only_the_indicators_the_framework_lets_an_agreement_omit(ruleset: Path):
    # `ยกเว้น` takes an indicator the framework marks `ถ้ามี` (department.kpi: 1.2 and 3, seed
    # 003 slides 2 and 4); any other is A005 there, so none is offered
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    at = lines.index("    ยกเว้น 3  # กรมนี้ไม่อยู่ในกลุ่มภารกิจ: น้ำหนัก 10 กระจายตามสัดส่วน")
    lines[at] = "    ยกเว้น "
    index = names.build(state.documents())
    items = completion.complete("\n".join(lines), index, at + 1, len(lines[at]) + 1)
    assert [(i.label, i.kind) for i in items] == [("1.2", "name"), ("3", "name")]
    assert items[1].detail.startswith("ระดับความสำเร็จของร้อยละเฉลี่ยถ่วงน้ำหนัก")  # indicator 3's title
    assert items[1].detail.endswith("ตามแผนปฏิบัติราชการของกลุ่มภารกิจ")
    # the agreement's indicators are offered all the framework's, as before
    lines[at] = "    ตัวชี้วัด "
    offered = [i.label for i in completion.complete("\n".join(lines), index, at + 1, len(lines[at]) + 1)]
    assert {"1.2", "3", "5", "12"} <= set(offered)


def test_completion_finds_the_agreements_framework_past_braces_in_a_comment_or_a_text(ruleset: Path):
    # a `}` in a comment or in quotes above the agreement's `กรอบ department 2555` line closes
    # nothing: the framework's indicators are still offered after `ตัวชี้วัด`
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    head = next(i for i, row in enumerate(lines) if row.startswith("คำรับรอง dept_example_2555"))
    assert lines[head + 1] == "    กรอบ department 2555"
    lines[head + 1:head + 1] = ["    # ช่วงคะแนน { 0 – 100 } และ }", '    หมายเหตุ "ปิดด้วย }"']
    at = next(i for i, row in enumerate(lines) if row.startswith("    ตัวชี้วัด 1.2 {"))
    lines[at:at] = ["    ตัวชี้วัด "]
    items = completion.complete("\n".join(lines), names.build(state.documents()), at + 1, len(lines[at]) + 1)
    assert {"1.2", "3", "5", "12"} <= {i.label for i in items}


OTHER_BANDS = ('ระดับผลการประเมิน other_bands "ระดับผลของอีกกรอบ" {\n    ช่วงคะแนน 0 100\n'
               '    ระดับผล good "ดี" >= 50 <= 100 ร้อยละการเลื่อน 3% - 4%\n'
               '    ระดับผล weak "อ่อน" >= 0 < 50 ร้อยละการเลื่อน ไม่เลื่อน\n}\n')


def test_completion_after_band_offers_the_bands_of_the_table_that_applies_there(work: Path):
    # rules/2554 with a second bands table no framework names: after `ระดับผล` in an example's
    # expected results (janya, framework individual: individual_bands) only that table's five bands
    # are offered, in the order written; the other table's `weak` was offered too
    (work / "2554" / "other_bands.kpi").write_text(OTHER_BANDS, encoding="utf-8")
    agreement = work / "2554" / "agreements" / "individual_001.kpi"
    state = RuleSetState(rule_set_root(agreement))
    lines = state.text(str(agreement)).split("\n")
    at = lines.index("        ระดับผล good                          # 70 ≤ 70.8 < 80: ดี (bands.kpi)")
    lines[at] = "        ระดับผล "
    index = names.build(state.documents())
    items = completion.complete("\n".join(lines), index, at + 1, len(lines[at]) + 1)
    assert [(i.label, i.detail) for i in items] == [("outstanding", "ดีเด่น"), ("very_good", "ดีมาก"), ("good", "ดี"),
                                                    ("fair", "พอใช้"), ("improve", "ต้องปรับปรุง")]
    # a framework's limit on a band (`ข้อกำหนด ระดับผล fair >= 60`) names a band of the framework's table
    framework = str(work / "2554" / "individual.kpi")
    rows = state.text(framework).split("\n")
    at = next(i for i, row in enumerate(rows) if row.startswith("    ข้อกำหนด ระดับผล fair"))
    rows[at] = "    ข้อกำหนด ระดับผล "
    offered = [i.label for i in completion.complete("\n".join(rows), index, at + 1, len(rows[at]) + 1)]
    assert offered == ["outstanding", "very_good", "good", "fair", "improve"]


def test_an_expected_band_refers_to_the_band_of_its_frameworks_table_only(work: Path):
    # janya's `ระดับผล good` is individual_bands' good: it was also a reference to other_bands' good,
    # so renaming that one renamed janya's expected band too
    (work / "2554" / "other_bands.kpi").write_text(OTHER_BANDS, encoding="utf-8")
    agreement = work / "2554" / "agreements" / "individual_001.kpi"
    state = RuleSetState(rule_set_root(agreement))
    index = names.build(state.documents())
    lines = state.text(str(agreement)).split("\n")
    at = lines.index("        ระดับผล good                          # 70 ≤ 70.8 < 80: ดี (bands.kpi)") + 1
    assert index.key_at(str(agreement.resolve()), at, 18) == ("band", "individual_bands", "good")
    other = [s for s in index.uses(("band", "other_bands", "good"))]
    assert other == []
    assert any(s.path == str(agreement.resolve()) and s.line == at for s in index.uses(("band", "individual_bands", "good")))


@pytest.mark.parametrize("broken", [False, True], ids=["from the plan", "from the rule AST"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_hover_on_an_omitted_indicator_shows_the_indicator(ruleset: Path, broken: bool, lang: str):
    # `ยกเว้น 3` (department_example.kpi): the 3 is framework department's indicator 3, weight 10,
    # omitted in this agreement; hover on it gave nothing
    state = _state(ruleset)
    if broken:
        dept = str(ruleset / "department.kpi")
        state.set_text(dept, state.text(dept).replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"))
    assert (state.plan() is None) is broken
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    line = lines.index("    ยกเว้น 3  # กรมนี้ไม่อยู่ในกลุ่มภารกิจ: น้ำหนัก 10 กระจายตามสัดส่วน") + 1
    text = hover.hover(state, names.build(state.documents()), agreement, line, 12, lang)
    assert text is not None
    head, *rest = text.split("\n")
    assert head.startswith(f"**{'ตัวชี้วัด' if lang == 'th' else 'kpi'} 3** ระดับความสำเร็จของร้อยละเฉลี่ยถ่วงน้ำหนัก")
    assert said("hover-weight-in-framework", lang, framework="department", weight="10") in rest
    assert said("hover-omitted-in", lang, agreement="dept_example_2555") in rest
    # the keyword itself still tells what `ยกเว้น` means
    assert hover.hover(state, names.build(state.documents()), agreement, line, 6, lang).startswith("**ยกเว้น**")


def test_completion_in_an_examples_results_offers_its_agreements_indicators_and_rounds(ruleset: Path):
    # typing an example's results, `ตัวชี้วัด ` offered nothing (the agreement's indicators were
    # offered only inside the agreement), nor did `รอบ ` (the rounds of the agreement's framework)
    state = _state(ruleset)
    index = names.build(state.documents())
    dept = str(ruleset / "agreements" / "department_example.kpi")
    rows = state.text(dept).split("\n")
    for block in ("ผลการดำเนินงาน", "ผลที่คาด"):
        at = next(i for i, row in enumerate(rows) if row.strip().startswith("ตัวชี้วัด 5 ")
                  and i > rows.index(f"    {block} {{"))
        typed = rows[:at] + ["        ตัวชี้วัด "] + rows[at + 1:]
        offered = [i.label for i in completion.complete("\n".join(typed), index, at + 1, 19)]
        assert {"1.1.1", "3", "5", "8", "12"} <= set(offered) and len(offered) == len(set(offered)), block
    individual = str(ruleset / "agreements" / "individual_example.kpi")
    rows = state.text(individual).split("\n")
    at = rows.index("    ผลการดำเนินงาน { ตัวชี้วัด i1 ผล 77.70025 }") - 1
    assert rows[at] == "    รอบ 1" and rows[at - 1] == "    คำรับรอง somchai_2555_r1"
    rows[at] = "    รอบ "
    assert [i.label for i in completion.complete("\n".join(rows), index, at + 1, 9)] == ["1", "2"]
    # the agreement's own indicators (i1 …) in its example's results
    rows[at] = "    รอบ 1"
    rows[at + 1] = "    ผลการดำเนินงาน {"
    rows.insert(at + 2, "        ตัวชี้วัด ")
    rows.insert(at + 3, "    }")
    offered = [i.label for i in completion.complete("\n".join(rows), index, at + 3, 19)]
    assert "i1" in offered


def test_hover_on_a_cascades_source_indicator_shows_it(work: Path):
    # `ถ่ายทอด บางส่วน จาก it_center_director it1` (rules/2554 cascades_2553.kpi): it1 is the
    # director's own indicator; hover on it gave nothing
    agreement = work / "2554" / "agreements" / "cascades_2553.kpi"
    state = RuleSetState(rule_set_root(agreement))
    path = str(agreement.resolve())
    rows = state.text(path).split("\n")
    line = next(i for i, row in enumerate(rows) if row.strip() == "ถ่ายทอด บางส่วน จาก it_center_director it1") + 1
    text = hover.hover(state, names.build(state.documents()), path, line, rows[line - 1].index("it1") + 2, "en")
    assert text is not None and text.startswith("**kpi it1** ")
    assert any(row.startswith("- weight in agreement `it_center_director`: ") for row in text.split("\n"))
