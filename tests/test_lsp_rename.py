"""Renaming a name across its rule set (kpidsl/lsp/rename.py), below the protocol: the edits
made, and the renames refused because they would not keep the rule set's meaning. The
protocol itself (prepareRename, rename, the refusal as an error) is in tests/test_lsp.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra is not installed")

from kpidsl.diagnostics.cli_texts import said  # noqa: E402
from kpidsl.lsp import names, rename  # noqa: E402
from kpidsl.lsp.ruleset_state import RuleSetState  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def _renamed(folder: Path, key: tuple, new: str) -> dict[str, list]:
    """Rename the declaration of ``key`` to ``new`` and write the edits to the files."""
    state = RuleSetState(folder)
    index = names.build(state.documents())
    span = index.definitions[key]
    by_file = rename.rename(state, index, span.path, span.line, span.column, new)
    for path, spans in by_file.items():
        Path(path).write_text(rename.written_over(state.text(path), spans, new), encoding="utf-8")
    return by_file


def _refusal(folder: Path, key: tuple, new: str) -> rename.Refusal:
    state = RuleSetState(folder)
    index = names.build(state.documents())
    span = index.definitions[key]
    with pytest.raises(rename.Refusal) as caught:
        rename.rename(state, index, span.path, span.line, span.column, new)
    return caught.value


def _kpidsl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpidsl", *args], capture_output=True, text=True)


def test_an_indicator_renamed_in_every_file_that_names_it(ruleset: Path):
    by_file = _renamed(ruleset, ("node", "department", "8"), "13")
    # department.kpi declares it; the two agreements take it, and the examples give its results
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {
        "department.kpi": 1, "department_example.kpi": 5, "department_without_1_2.kpi": 1}
    assert "ตัวชี้วัด 13" in (ruleset / "department.kpi").read_text(encoding="utf-8")
    state = RuleSetState(ruleset)
    assert state.check().errors == 0
    index = names.build(state.documents())
    assert ("node", "department", "8") not in index.definitions
    assert len(index.uses(("node", "department", "13"))) == 6
    # the examples still give the figures they expect, with the indicator under its new name
    assert _kpidsl("test", str(ruleset)).returncode == 0


def test_a_band_renamed_in_the_frameworks_limit_and_an_examples_expectation(ruleset: Path):
    by_file = _renamed(ruleset, ("band", "individual_bands", "fair"), "passable")
    assert sorted(Path(p).name for p in by_file) == ["bands.kpi", "individual.kpi"]
    limit = (ruleset / "individual.kpi").read_text(encoding="utf-8").splitlines()[40]
    assert limit.split()[:3] == ["ข้อกำหนด", "ระดับผล", "passable"]
    assert _kpidsl("check", str(ruleset)).returncode == 0


def test_a_component_named_by_a_share_limit_is_renamed_there_too(ruleset: Path):
    _renamed(ruleset, ("node", "individual", "achievement"), "results")
    limit = (ruleset / "individual.kpi").read_text(encoding="utf-8").splitlines()[37]
    assert limit.split()[:3] == ["ข้อกำหนด", "สัดส่วน", "results"]
    assert _kpidsl("check", str(ruleset)).returncode == 0


def test_a_framework_renamed_renames_its_indicators_scope(ruleset: Path):
    by_file = _renamed(ruleset, ("framework", "", "department"), "dept")
    assert {Path(p).name for p in by_file} == {"department.kpi", "department_example.kpi",
                                               "department_without_1_2.kpi"}
    index = names.build(RuleSetState(ruleset).documents())
    assert len(index.uses(("node", "dept", "8"))) == 6


def test_a_name_already_taken_is_refused_with_the_error_it_would_give(ruleset: Path):
    refusal = _refusal(ruleset, ("node", "department", "8"), "9")
    assert refusal.key == "lsp-rename-breaks"
    assert refusal.fields["code"] == "N001"
    assert refusal.fields["line"] == 158  # indicator 9's declaration in department.kpi
    before = {p: p.read_bytes() for p in ruleset.rglob("*.kpi")}
    assert {p: p.read_bytes() for p in ruleset.rglob("*.kpi")} == before


@pytest.mark.parametrize("new", ["a b", '"x"', "8)", "", "x#y", "1.2.", "-1"])
def test_a_new_name_that_is_not_one_id_is_refused(ruleset: Path, new: str):
    assert _refusal(ruleset, ("node", "department", "8"), new).key == "lsp-rename-not-an-id"


@pytest.mark.parametrize("new", ["ข้อแปด", "k_8", "8.1", "1.2.3", "๑๓"])
def test_thai_names_numbers_and_dotted_numbers_are_ids(ruleset: Path, new: str):
    _renamed(ruleset, ("node", "department", "8"), new)
    assert RuleSetState(ruleset).check().errors == 0


def test_a_keyword_is_no_name_to_rename(ruleset: Path):
    state = RuleSetState(ruleset)
    index = names.build(state.documents())
    path = str(ruleset / "department.kpi")
    line = state.text(path).splitlines().index(next(
        row for row in state.text(path).splitlines() if row.lstrip().startswith("ตัวชี้วัด 8 "))) + 1
    column = state.text(path).splitlines()[line - 1].index("ตัวชี้วัด") + 2
    assert rename.name_at(index, path, line, column) is None
    with pytest.raises(rename.Refusal) as caught:
        rename.rename(state, index, path, line, column, "x")
    assert caught.value.key == "lsp-rename-not-a-name"
    # on the id itself, a cursor at its end included
    at_id = state.text(path).splitlines()[line - 1].index(" 8 ") + 2
    for col in (at_id, at_id + 1):
        key, span = rename.name_at(index, path, line, col)
        assert key == ("node", "department", "8") and (span.line, span.column) == (line, at_id)


def test_the_same_name_unchanged_gives_no_edit(ruleset: Path):
    assert _renamed(ruleset, ("node", "department", "8"), "8") == {}


OTHER_BANDS = ('\n\nระดับผลการประเมิน other_bands "อื่น" {\n    ช่วงคะแนน 0 100\n    ระดับผล good "ดี" >= 50 <= 100\n'
               '    ระดับผล poor "ไม่ดี" >= 0 < 50\n}\n')


def test_a_band_renamed_in_the_examples_of_the_frameworks_that_rate_with_its_table(ruleset: Path):
    # A second bands table with a band `good`: the example's `ระดับผล good` (individual_example.kpi) is
    # individual_bands' good, the table its framework rates with (names.py); it had been taken for
    # either table's, so renaming one table's `good` was refused as leaving the other's unnamed
    bands = ruleset / "bands.kpi"
    bands.write_text(bands.read_text(encoding="utf-8") + OTHER_BANDS, encoding="utf-8")
    assert RuleSetState(ruleset).check().errors == 0
    assert {Path(p).name: len(s) for p, s in _renamed(ruleset, ("band", "other_bands", "good"), "fine").items()} == {
        "bands.kpi": 1}
    by_file = _renamed(ruleset, ("band", "individual_bands", "good"), "fine")
    assert {Path(p).name: [s.line for s in spans] for p, spans in by_file.items()} == {
        "bands.kpi": [15], "individual_example.kpi": [88]}
    assert "        ระดับผล fine  # 70 ≤ 74.1" in (ruleset / "agreements" / "individual_example.kpi").read_text(
        encoding="utf-8")
    assert _kpidsl("test", str(ruleset)).returncode == 0


def test_a_rename_that_would_change_what_a_name_refers_to_is_refused(ruleset: Path):
    # the same two tables, and an example that names no agreement: its `ระดับผล good` may be either
    # table's, so renaming one table's `good` would leave the other's unnamed
    bands = ruleset / "bands.kpi"
    bands.write_text(bands.read_text(encoding="utf-8") + OTHER_BANDS
                     + 'ตัวอย่าง stray "ไม่มีคำรับรอง" {\n    ผลที่คาด { ระดับผล good }\n}\n', encoding="utf-8")
    refusal = _refusal(ruleset, ("band", "individual_bands", "good"), "fine")
    assert refusal.key == "lsp-rename-changes-meaning"


def test_a_rename_is_tried_on_a_copy_of_the_state(ruleset: Path):
    state = RuleSetState(ruleset)
    index = names.build(state.documents())
    span = index.definitions[("node", "department", "8")]
    before = state.check()
    rename.rename(state, index, span.path, span.line, span.column, "13")
    assert state.check() is before
    assert "ตัวชี้วัด 8 " in state.text(span.path)


def test_an_indicator_named_by_a_heading_is_renamed_there_too(tmp_path: Path):
    shutil.copytree(REPO / "rules" / "2554", tmp_path / "2554")
    agreement = tmp_path / "2554" / "agreements" / "performance_agreement_001.kpi"
    _renamed(tmp_path / "2554", ("node", "agreement:agreement_001", "2"), "29")
    rows = agreement.read_text(encoding="utf-8").splitlines()
    assert rows[16].split()[-3:] == ["ตัวชี้วัด", "29", "3"]  # หมวด "เป้าหมายงานด้านอื่นๆ …" ตัวชี้วัด 2 3
    assert any(row.strip().startswith("ตัวชี้วัด 29 ") for row in rows)
    assert RuleSetState(tmp_path / "2554").check().errors == 0


def test_an_input_renamed_in_its_formula_and_the_examples_results(ruleset: Path):
    by_file = _renamed(ruleset, ("input", "department/8", "X1"), "paid_q1")
    # ข้อมูล X1 … and คำนวณ เฉลี่ย(X1 / Y1, …) in department.kpi; `ตัวชี้วัด 8 X1 90 …` in two examples
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {"department.kpi": 2, "department_example.kpi": 2}
    text = (ruleset / "department.kpi").read_text(encoding="utf-8")
    assert "เฉลี่ย(paid_q1 / Y1, X2 / Y2" in text and "ข้อมูล paid_q1 X2 X3 X4" in text
    assert _kpidsl("test", str(ruleset)).returncode == 0


def test_renaming_an_indicator_keeps_its_inputs(ruleset: Path):
    _renamed(ruleset, ("node", "department", "8"), "13")
    index = names.build(RuleSetState(ruleset).documents())
    assert len(index.uses(("input", "department/13", "X1"))) == 3


def test_an_input_cannot_take_the_name_of_another_input(ruleset: Path):
    refusal = _refusal(ruleset, ("input", "department/8", "X1"), "X2")
    assert (refusal.key, refusal.fields["code"]) == ("lsp-rename-breaks", "N001")


def test_a_rename_onto_a_name_only_named_somewhere_is_refused(ruleset: Path):
    # a formula naming `Z9`, which no `ข้อมูล` declares (an error of its own), beside every input
    # it declares (one left unread would be N003 once Z9 is declared): renaming X1 to Z9 would
    # make that stray name the input, so it is refused, though it clears the error
    dept = ruleset / "department.kpi"
    dept.write_text(dept.read_text(encoding="utf-8").replace("เฉลี่ย(X1 / Y1, X2 / Y2",
                                                             "เฉลี่ย(X1 / Y1 + 0 × Z9, X2 / Y2"), encoding="utf-8")
    assert RuleSetState(ruleset).check().errors > 0
    assert _refusal(ruleset, ("input", "department/8", "X1"), "Z9").key == "lsp-rename-changes-meaning"


def test_a_round_renamed_in_the_salary_pool_that_names_it(ruleset: Path):
    # `วงเงิน 3% ณ 1 มี.ค. รอบ 1` names the framework's round 1, which the name index did not
    # know: find references missed it, and a rename of round 1 was refused (N002 on that line)
    by_file = _renamed(ruleset, ("round", "individual", "1"), "r1")
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {"individual.kpi": 2, "individual_example.kpi": 5}
    assert "วงเงิน 3% ณ 1 มี.ค. รอบ r1  #" in (ruleset / "individual.kpi").read_text(encoding="utf-8")
    assert RuleSetState(ruleset).check().errors == 0
    assert _kpidsl("test", str(ruleset)).returncode == 0


# ---- scales, salary grades, and the parts an example names ------------------------------------------
# The name index knew none of them: definition, references and rename did nothing on them.

def test_a_scale_is_defined_in_its_framework_and_named_by_its_component(ruleset: Path):
    index = names.build(RuleSetState(ruleset).documents())
    key = ("scale", "individual", "competency_scale")
    assert index.definitions[key].line == 44  # มาตรวัด competency_scale "นิยามคะแนนสมรรถนะ" {
    assert [(Path(s.path).name, s.line) for s in index.uses(key)] == [("individual.kpi", 34)]


def test_a_scale_renamed_where_its_component_names_it(ruleset: Path):
    by_file = _renamed(ruleset, ("scale", "individual", "competency_scale"), "competency_levels")
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {"individual.kpi": 2}
    rows = (ruleset / "individual.kpi").read_text(encoding="utf-8").splitlines()
    assert rows[33].split() == ["มาตรวัด", "competency_levels"]
    assert rows[43].split()[:2] == ["มาตรวัด", "competency_levels"]
    assert _kpidsl("test", str(ruleset)).returncode == 0


def test_a_scale_cannot_take_the_name_of_another_scale(ruleset: Path):
    framework = ruleset / "individual.kpi"
    text = framework.read_text(encoding="utf-8")
    levels = "".join(f'        {n} "ระดับ {n}"\n' for n in range(1, 6))
    framework.write_text(text.replace("    การเลื่อนเงินเดือน {", f'    มาตรวัด other_scale "อื่น" {{\n{levels}    }}\n\n'
                                      "    การเลื่อนเงินเดือน {", 1), encoding="utf-8")
    assert RuleSetState(ruleset).check().errors == 0
    refusal = _refusal(ruleset, ("scale", "individual", "competency_scale"), "other_scale")
    assert (refusal.key, refusal.fields["code"]) == ("lsp-rename-breaks", "N001")


def test_a_grade_is_named_by_each_agreement_of_its_framework(tmp_path: Path):
    shutil.copytree(REPO / "rules" / "2554", tmp_path / "2554")
    index = names.build(RuleSetState(tmp_path / "2554").documents())
    key = ("grade", "individual", "k_professional")
    assert index.definitions[key].line == 62  # ระดับตำแหน่ง k_professional "ประเภทวิชาการ ระดับชำนาญการ" {
    # เงินเดือน 28,000 ระดับตำแหน่ง k_professional (001) and เงินเดือน 20,000 … (the example's)
    assert sorted((Path(s.path).name, s.line) for s in index.uses(key)) == [
        ("individual_001.kpi", 18), ("individual_example.kpi", 13)]


def test_a_grade_renamed_in_every_agreement_that_names_it(tmp_path: Path):
    shutil.copytree(REPO / "rules" / "2554", tmp_path / "2554")
    folder = tmp_path / "2554"
    by_file = _renamed(folder, ("grade", "individual", "k_professional"), "k_pro")
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {
        "individual.kpi": 1, "individual_001.kpi": 1, "individual_example.kpi": 1}
    assert "เงินเดือน 20,000 ระดับตำแหน่ง k_pro  #" in \
        (folder / "agreements" / "individual_example.kpi").read_text(encoding="utf-8")
    assert _kpidsl("test", str(folder)).returncode == 0


def test_a_grade_renamed_to_one_already_declared_is_refused(ruleset: Path):
    framework = ruleset / "individual.kpi"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("        # 001 ว 28/52 ข้อ 3:", "        ระดับตำแหน่ง k_senior \"ชำนาญการพิเศษ\" {\n"
                                      "            ขั้นต่ำ 18,910\n            ค่ากลางล่าง 29,900\n"
                                      "            แบ่งช่วงที่ 36,030\n            ค่ากลางบน 45,150\n"
                                      "            ขั้นสูง 59,770\n        }\n        # 001 ว 28/52 ข้อ 3:", 1),
                         encoding="utf-8")
    assert RuleSetState(ruleset).check().errors == 0
    refusal = _refusal(ruleset, ("grade", "individual", "k_professional"), "k_senior")
    assert (refusal.key, refusal.fields["code"]) == ("lsp-rename-breaks", "N001")


def test_a_part_is_named_by_its_indicators_results_in_an_example(ruleset: Path):
    index = names.build(RuleSetState(ruleset).documents())
    for part, column in (("survey", 22), ("checklist", 31)):
        key = ("part", "department/11", part)
        assert index.definitions[key].line in (183, 186)  # ส่วน survey … / ส่วน checklist … in indicator 11
        # `ตัวชี้วัด 11 survey 4 checklist 3` in dept_all_kinds
        assert [(Path(s.path).name, s.line, s.column) for s in index.uses(key)] == [
            ("department_example.kpi", 86, column)]
        assert ("input", "department/11", part) not in {site.key for site in index.references}


def test_a_part_renamed_in_the_examples_results(ruleset: Path):
    by_file = _renamed(ruleset, ("part", "department/11", "survey"), "ict_survey")
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {"department.kpi": 1, "department_example.kpi": 1}
    example = (ruleset / "agreements" / "department_example.kpi").read_text(encoding="utf-8")
    assert "ตัวชี้วัด 11 ict_survey 4 checklist 3" in example
    assert _kpidsl("test", str(ruleset)).returncode == 0


def test_a_part_cannot_take_the_name_of_its_sibling(ruleset: Path):
    refusal = _refusal(ruleset, ("part", "department/11", "survey"), "checklist")
    assert (refusal.key, refusal.fields["code"], refusal.fields["line"]) == ("lsp-rename-breaks", "N001", 186)


def _restated(ruleset: Path) -> Path:
    """department_example.kpi's agreement restating indicator 8's inputs, formula and ladder (lines
    57-60; a formula of its own replaces the framework's scoring, its ladder too: K016) and
    indicator 11's parts (lines 68 and 71) in its own blocks, as an agreement may."""
    agreement = ruleset / "agreements" / "department_example.kpi"
    text = agreement.read_text(encoding="utf-8")
    text = text.replace("    ตัวชี้วัด 8 น้ำหนัก 6  #", '    ตัวชี้วัด 8 น้ำหนัก 6 {\n'
                        '        ข้อมูล X1 X2 X3 X4 "ผลการเบิกจ่ายแต่ละไตรมาส" หน่วย "บาท"\n'
                        '        ข้อมูล Y1 Y2 Y3 Y4 "วงเงินตามแผนแต่ละไตรมาส" หน่วย "บาท"\n'
                        '        คำนวณ เฉลี่ย(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100\n'
                        '        เกณฑ์ 85 87.50 90 92.50 95\n    }  #', 1)
    text = text.replace("    ตัวชี้วัด 11 น้ำหนัก 5\n", '    ตัวชี้วัด 11 น้ำหนัก 5 {\n'
                        '        ส่วน survey "สำรวจ" สัดส่วน 50% {\n            เจ้าภาพให้คะแนน\n        }\n'
                        '        ส่วน checklist "ตรวจ" สัดส่วน 50% {\n            เจ้าภาพให้คะแนน\n        }\n    }\n', 1)
    agreement.write_text(text, encoding="utf-8")
    assert RuleSetState(ruleset).check().errors == 0
    return agreement


def test_a_part_or_input_an_agreement_restates_names_the_frameworks(ruleset: Path):
    agreement = _restated(ruleset)
    index = names.build(RuleSetState(ruleset).documents())
    lines = agreement.read_text(encoding="utf-8").split("\n")
    for key, line, word in ((("part", "department/11", "survey"), 68, "survey"),
                            (("part", "department/11", "checklist"), 71, "checklist"),
                            (("input", "department/8", "X3"), 57, "X3"), (("input", "department/8", "Y4"), 58, "Y4")):
        assert Path(index.definitions[key].path).name == "department.kpi"
        column = lines[line - 1].index(word) + 1
        assert (str(agreement), line, column) in {(s.path, s.line, s.column) for s in index.uses(key)}, key
        assert index.key_at(str(agreement), line, column) == key


def test_a_part_an_agreement_restates_is_renamed_there_too(ruleset: Path):
    agreement = _restated(ruleset)
    tested = _kpidsl("test", "--lang", "en", str(ruleset)).stdout.splitlines()[-1]
    by_file = _renamed(ruleset, ("part", "department/11", "survey"), "ict_survey")
    assert {Path(p).name: len(s) for p, s in by_file.items()} == {"department.kpi": 1, "department_example.kpi": 2}
    text = agreement.read_text(encoding="utf-8")
    assert '        ส่วน ict_survey "สำรวจ" สัดส่วน 50% {' in text and "ตัวชี้วัด 11 ict_survey 4 checklist 3" in text
    assert RuleSetState(ruleset).check().errors == 0
    # the examples score as before
    assert _kpidsl("test", "--lang", "en", str(ruleset)).stdout.splitlines()[-1] == tested == "29 passed, 0 failed"


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("new", ["8ก", "8k", "๘ก"])
def test_the_refusal_of_a_name_starting_with_a_digit_says_a_name_starts_with_a_letter(ruleset: Path, new: str,
                                                                                     lang: str):
    # `8ก` is one word of letters and digits, all the refusal said a name must be: it is refused because
    # a name starts with a letter or _ (grammar/kpi.lark NAME) and a number holds no letter
    refusal = _refusal(ruleset, ("node", "department", "8"), new)
    assert refusal.key == "lsp-rename-not-an-id"
    text = said(refusal.key, lang, **refusal.fields)
    assert f"`{new}`" in text
    assert ("starts with a letter or _" if lang == "en" else "ขึ้นต้นด้วยตัวอักษรหรือ _") in text, text
