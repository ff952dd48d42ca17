"""What a policy officer met editing rules/2555 through `kpidsl lsp` (session 34's audit, driven
through the protocol a keystroke at a time): each fault reproduced here below the protocol, in
process, as tests/test_lsp_features.py reads the features."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra is not installed")

from kpidsl.diagnostics.cli_texts import said  # noqa: E402
from kpidsl.lsp import completion, hover, names  # noqa: E402
from kpidsl.lsp.ruleset_state import RuleSetState  # noqa: E402
from kpidsl.source import rule_set_root  # noqa: E402


def _state(ruleset: Path, broken: bool = False) -> RuleSetState:
    state = RuleSetState(rule_set_root(ruleset / "agreements" / "department_example.kpi"))
    if broken:  # indicator 5's weight 8: W001 in quality, so no plan, and hover reads the rule AST
        dept = str(ruleset / "department.kpi")
        state.set_text(dept, state.text(dept).replace("น้ำหนัก 7 {", "น้ำหนัก 8 {"))
    assert (state.plan() is None) is broken
    return state


def _hover_on(state: RuleSetState, path: Path, row_start: str, word: str, lang: str) -> str:
    rows = state.text(str(path)).split("\n")
    line = next(i for i, row in enumerate(rows) if row.strip().startswith(row_start))
    text = hover.hover(state, names.build(state.documents()), str(path), line + 1, rows[line].index(word) + 2, lang)
    assert text is not None
    return text


@pytest.mark.parametrize("broken", [False, True], ids=["from the plan", "from the rule AST"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_hover_on_an_agreements_own_ladder_keeps_its_comparisons(ruleset: Path, broken: bool, lang: str):
    # `เกณฑ์ น้อยดี >8 <=8 <=6 <=4 <=2` (4.2 of department_example.kpi) was shown `8 8 6 4 2`:
    # the `>` of level 1 and the `<=` of the others dropped, two levels seemingly at 8
    state = _state(ruleset, broken)
    text = _hover_on(state, ruleset / "agreements" / "department_example.kpi", "ตัวชี้วัด 4.2 ", "4.2", lang)
    way = said("hover-lower-is-better", lang)
    assert "- " + said("hover-ladder", lang, values=">8 <=8 <=6 <=4 <=2", way=way) in text.split("\n"), text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_hover_on_an_agreements_sub_indicator_gives_the_ladder_it_is_scored_on(ruleset: Path, lang: str):
    # 9.1 (department_example.kpi) writes no ladder: it is scored on its framework indicator 9's
    # weighted average, 80 85 90 95 100 (department.kpi); hover said its weight alone
    text = _hover_on(_state(ruleset), ruleset / "agreements" / "department_example.kpi", "ตัวชี้วัด 9.1 ", "9.1", lang)
    way = said("hover-higher-is-better", lang)
    assert "- " + said("hover-ladder", lang, values="80 85 90 95 100", way=way) in text.split("\n"), text
    assert said("hover-weight-in-agreement", lang, agreement="dept_example_2555", weight="0.7") in text.split("\n")


def _offered(state: RuleSetState, path: Path, typed: str, after: str) -> tuple[list[str], str]:
    """The names offered at the end of ``typed``, a line put after the row that is ``after``
    (stripped), and the text with the line in it."""
    rows = state.text(str(path)).split("\n")
    at = next(i for i, row in enumerate(rows) if row.strip() == after) + 1
    rows.insert(at, typed)
    text = "\n".join(rows)
    items = completion.complete(text, names.build(state.documents()), at + 1, len(typed) + 1)
    return [i.label for i in items], text


@pytest.mark.parametrize(("keyword", "kinds"), [
    ("ตัวชี้วัด", {"1", "1.1", "1.2", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}),
    ("มิติ", {"effectiveness", "quality", "efficiency", "org_development"}),
    ("มุมมอง", {"external", "internal"}),
])
def test_completion_in_an_agreement_offers_the_frameworks_nodes_of_the_keywords_kind(ruleset: Path, keyword: str,
                                                                                      kinds: set[str]):
    # `ตัวชี้วัด ` at an agreement's top offered the framework's perspectives and dimensions too
    # (external, effectiveness, quality …): chosen, `ตัวชี้วัด quality น้ำหนัก 10` is A024
    state = _state(ruleset)
    agreement = ruleset / "agreements" / "department_example.kpi"
    offered, _ = _offered(state, agreement, f"    {keyword} ", "ตัวชี้วัด 12 น้ำหนัก 5")
    assert set(offered) == kinds
    for ident in offered:  # each, written with a weight, checks without A024
        _, text = _offered(state, agreement, f"    {keyword} {ident}", "ตัวชี้วัด 12 น้ำหนัก 5")
        checked = state.trial({str(agreement): text}).check()
        assert "A024" not in {d.code for d in checked.diagnostics[str(agreement)]}, ident


def test_completion_inside_an_agreements_framework_node_offers_what_the_framework_has_under_it(ruleset: Path):
    # inside the agreement's `ตัวชี้วัด 1 {`, `ตัวชี้วัด 5` is A025 (a framework node written under a
    # node not its ancestor): only 1.1 and 1.2 belong there (and ids of the agreement's own)
    state = _state(ruleset)
    agreement = ruleset / "agreements" / "department_example.kpi"
    rows = state.text(str(agreement)).split("\n")
    at = rows.index("    ตัวชี้วัด 1.1 {")
    rows[at:at] = ["    ตัวชี้วัด 1 {", "        ตัวชี้วัด ", "    }"]
    items = completion.complete("\n".join(rows), names.build(state.documents()), at + 2, 19)
    assert [i.label for i in items] == ["1.1", "1.2"]


@pytest.mark.parametrize(("written", "meant"), [("67,5", "67.5"), ("๖๗,๕", "๖๗.๕"), ("92,50", "92.50")])
def test_a_decimal_comma_in_a_ladder_is_told_where_it_is_with_the_number_meant(ruleset: Path, written: str, meant: str):
    # `เกณฑ์ 65 67,5 75 80 85`: S002, unexpected `,`, expected a value … and no hint, though the
    # comma's number says what was meant (a `,` groups thousands in threes: 2,160)
    state = _state(ruleset)
    dept = str(ruleset / "department.kpi")
    text = state.text(dept).replace("เกณฑ์ 65 70 75 80 85 ช่วงปรับ 5   #", f"เกณฑ์ 65 {written} 75 80 85   #")
    state.set_text(dept, text)
    (told,) = [d for d in state.check().diagnostics[dept] if d.code == "S002"]
    row = text.split("\n")[told.span.line - 1]
    assert row[told.span.column - 1] == "," and row.strip().startswith("เกณฑ์ 65 ")
    for lang in ("en", "th"):
        assert f"`{meant}`" in told.hint(lang), told.hint(lang)


def test_a_weight_written_on_a_milestone_step_is_told_once_and_its_due_date_still_read(ruleset: Path):
    # `4 "…" น้ำหนัก 2 ภายใน 31 ก.ค. 2555`: K006 for `น้ำหนัก`, then K006 again for `2` on the same
    # line (the step's reader asked for one report a word); the due date after them is kept
    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    step = '4 "ดำเนินการตามแผนได้ครบถ้วน"     ภายใน 31 ก.ค. 2555'
    text = state.text(agreement)
    assert text.count(step) == 1
    state.set_text(agreement, text.replace(step, step.replace("     ภายใน", " น้ำหนัก 2 ภายใน")))
    told = [(d.code, d.span.line, d.span.column) for ds in state.check().diagnostics.values() for d in ds]
    line = text[:text.index(step)].count("\n") + 1
    assert told == [("K006", line, 47)]
    steps = state.check().rule_set.agreements["dept_example_2555"].nodes
    (kpi,) = [n for top in steps for n in top.children if n.id == "1.2.1"]
    assert [str(m.due.text) for m in kpi.scoring.milestones.steps][3] == "31 ก.ค. 2555"


def test_completion_in_an_examples_given_results_leaves_out_what_takes_no_result(ruleset: Path):
    # `ตัวชี้วัด ` in ผลการดำเนินงาน offered the perspectives and dimensions too: chosen,
    # `ตัวชี้วัด internal ผล 3` is X002 (a perspective takes nothing: its score comes from the
    # indicators under it); in ผลที่คาด a dimension's score may be expected, and is offered
    state = _state(ruleset)
    agreement = ruleset / "agreements" / "department_example.kpi"
    structure = {"external", "effectiveness", "quality", "internal", "efficiency", "org_development"}
    given, _ = _offered(state, agreement, "        ตัวชี้วัด ", "ตัวชี้วัด 5     ผล     78          # 65 70 75 80 85 → 3.6")
    assert not structure & set(given) and {"1.1.1", "3", "5", "8", "12", "9.1"} <= set(given)
    expected, _ = _offered(state, agreement, "        ตัวชี้วัด ", "ตัวชี้วัด 5 คะแนน         3.6079")
    assert structure <= set(expected)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize(("file", "row_start"), [
    ("department.kpi", 'กรอบ department "'), ("agreements/department_example.kpi", "กรอบ department 2555")])
def test_hover_on_a_framework_named_department_is_the_framework_not_the_level_word(ruleset: Path, lang: str,
                                                                                  file: str, row_start: str):
    # `กรอบ department …`: hover gave the value word `department` (ส่วนราชการ, a level: `ระดับ
    # department`), whose spelling the framework's id shares, as if the id were that word
    text = _hover_on(_state(ruleset), ruleset / file, row_start, "department", lang)
    kind = "กรอบ" if lang == "th" else "framework"
    assert text.startswith(f"**{kind} department** กรอบการประเมินผลของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2555"), text
    assert said("hover-value-word", lang) not in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_hover_on_a_band_an_example_expects_gives_its_range_and_raise(ruleset: Path, lang: str):
    # `ระดับผล good` in an example's expected figures: hover gave nothing (only the band's own line did)
    text = _hover_on(_state(ruleset), ruleset / "agreements" / "individual_example.kpi", "ระดับผล good", "good", lang)
    assert text.split("\n")[0] == said("hover-band", lang, band="good", title="ดี")
    assert said("hover-range", lang, bounds=">= 70 < 80") in text.split("\n")


def test_a_fault_of_a_blocks_header_is_underlined_on_its_header_not_over_the_block(ruleset: Path):
    # a milestone step deleted: M001 was underlined from `ขั้นความสำเร็จ {` to its `}`, six lines,
    # where `kpidsl check` shows the header's line; now its keyword alone (as the editor publishes it)
    from kpidsl.lsp.positions import Lines

    state = _state(ruleset)
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    text = state.text(agreement)
    step = '                5 "รายงานผลสัมฤทธิ์ต่อผู้บริหาร"      ภายใน 30 ก.ย. 2555\n'
    assert text.count(step) == 1
    state.set_text(agreement, text.replace(step, ""))
    (told,) = [d for d in state.check().diagnostics[agreement] if d.code == "M001"]
    rng = Lines(state.text(agreement)).range(told.span)
    row = state.text(agreement).split("\n")[rng.start.line]
    assert rng.end.line == rng.start.line
    assert row[rng.start.character:rng.end.character] == "ขั้นความสำเร็จ"


def _snippet_id(text: str, line: int) -> str:
    import re

    (snippet,) = [i for i in completion.complete(text, names.NameIndex(), line, 13) if i.kind == "snippet"]
    found = re.search(r"\$\{1:([^}]*)\}", snippet.insert)
    assert found, snippet.insert
    return found.group(1)


@pytest.mark.parametrize(("before", "ident"), [
    ('ตัวชี้วัด 5 "', "13"),  # quality's 5 and 6: 7 to 12 are other dimensions' (N001 is the framework's)
    ('ตัวชี้วัด 1.1 "', "1.3"),  # indicator 1's 1.1 and 1.2
    ('ตัวชี้วัด 1.2 "', "1.3"),
])
def test_the_indicator_snippet_inserts_the_next_id_free_among_its_siblings(ruleset: Path, before: str, ident: str):
    # the snippet inserted `ตัวชี้วัด 1 …` wherever it was asked for: indicator 1 is rules/2555's
    # first, so N001 at once
    import re

    state = _state(ruleset)
    dept = str(ruleset / "department.kpi")
    lines = state.text(dept).split("\n")
    at = next(i for i, t in enumerate(lines) if t.strip().startswith(before))
    indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at, indent)
    assert _snippet_id("\n".join(lines), at + 1) == ident
    (snippet,) = [i for i in completion.complete("\n".join(lines), names.NameIndex(), at + 1, len(indent) + 1)
                  if i.kind == "snippet"]
    written = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", snippet.insert)
    lines[at] = indent + written.replace("\t", indent + "    ").replace("\n}", "\n" + indent + "}")
    state.set_text(dept, "\n".join(lines))
    assert "N001" not in {d.code for ds in state.check().diagnostics.values() for d in ds}


def test_the_indicator_snippet_in_an_empty_block_or_under_a_non_numbered_node():
    assert _snippet_id('framework f "x" {\n    \n}\n', 2) == "1"
    text = 'framework f "x" {\n    kpi 4 "a" weight 50 {\n        \n    }\n    kpi k "b" weight 50\n}\n'
    assert _snippet_id(text, 3) == "4.1"  # under indicator 4, none of its own yet
    text = 'framework f "x" {\n    dimension d "d" weight 100 {\n        kpi 1 "a" weight 50\n    }\n' \
           '    dimension e "e" weight 0 {\n        \n    }\n}\n'
    assert _snippet_id(text, 6) == "2"  # 1 is dimension d's


def test_the_indicator_snippet_in_an_agreement_passes_over_its_frameworks_ids(ruleset: Path):
    # the agreement's 1.1 holds its own 1.1.1 and 1.1.2: the next is 1.1.3; under a framework whose
    # indicator 1 has 1.1 and 1.2, an agreement's indicator 1 of its own ids starts past them
    state = _state(ruleset)
    index = names.build(state.documents())
    agreement = str(ruleset / "agreements" / "department_example.kpi")
    lines = state.text(agreement).split("\n")
    at = next(i for i, t in enumerate(lines) if t.strip().startswith('ตัวชี้วัด 1.1.2 "'))
    lines.insert(at, "        ")
    (snippet,) = [i for i in completion.complete("\n".join(lines), index, at + 1, 9) if i.kind == "snippet"]
    assert "${1:1.1.3}" in snippet.insert
    lines = state.text(agreement).split("\n")
    at = lines.index("    ตัวชี้วัด 1.1 {")
    lines[at:at] = ["    ตัวชี้วัด 1 {", "        ", "    }"]
    (snippet,) = [i for i in completion.complete("\n".join(lines), index, at + 2, 9) if i.kind == "snippet"]
    assert "${1:1.3}" in snippet.insert


_TH = {"higher": "มากดี", "lower": "น้อยดี", "target": "ค่าเป้าหมาย", "step": "ช่วงปรับ"}
_EN = {key: key for key in _TH}


@pytest.mark.parametrize(("typed", "offered"), [
    ("เกณฑ์ ", ["higher", "lower", "target"]),  # a direction, or a target; else its first threshold
    ("เกณฑ์ น้อยดี ", ["target"]),
    ("เกณฑ์ มากดี ค่าเป้าหมาย 75 ", ["step"]),
    ("เกณฑ์ ค่าเป้าหมาย 75 ", ["step"]),
    ("เกณฑ์ 65 70 75 80 85 ", ["step"]),
    ("เกณฑ์ น้อยดี >35 <=35 <=30 <=25 <=20 ", ["step"]),
    ("เกณฑ์ ค่าเป้าหมาย ", []),  # its figure
    ("เกณฑ์ 65 70 ", []),  # more thresholds
    ("เกณฑ์ 65 70 75 80 85 ช่วงปรับ ", []),
    ("เกณฑ์ 65 70 75 80 85 ช่วงปรับ 5 ", []),
])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_completion_after_a_ladders_keyword_offers_the_words_that_may_follow(typed: str, offered: list[str],
                                                                              lang: str):
    # after `เกณฑ์ ` completion offered nothing: not มากดี/น้อยดี, not ค่าเป้าหมาย, nor ช่วงปรับ after
    # the five thresholds; the words in the file's language first, the other's after
    words = _TH if lang == "th" else _EN
    other = _EN if lang == "th" else _TH
    for key in _TH:
        typed = typed.replace(_TH[key], words[key])
    framework = ('กรอบ f "x" {\n    ตัวชี้วัด 1 "a" น้ำหนัก 100 {\n' if lang == "th"
                 else 'framework f "x" {\n    kpi 1 "a" weight 100 {\n')
    text = framework + "        " + typed + "\n    }\n}\n"
    items = completion.complete(text, names.NameIndex(), 3, 9 + len(typed))
    first = [i.label for i in sorted(items, key=lambda i: i.sort) if i.label in words.values()]
    assert first == [words[key] for key in offered]
    assert {i.label for i in items} >= {other[key] for key in offered}
    assert all(i.kind == "keyword" for i in items)


@pytest.mark.parametrize(("line", "code", "word"), [
    ("เกณฑ์ 65 70 75 80 85 ช่วงปรับ 5 6", "K006", "ช่วงปรับ"),
    ("เกณฑ์ ค่าเป้าหมาย 75 ช่วงปรับ 5 6", "K006", "ช่วงปรับ"),
    ("เกณฑ์ ค่าเป้าหมาย", "K008", "ค่าเป้าหมาย"),
    ("เกณฑ์ เป้าหมาย 75 ช่วงปรับเกณฑ์", "K008", "ช่วงปรับเกณฑ์"),
    ("ladder target 75 step 5 6", "K006", "step"),
    ('ข้อมูล X "x" หน่วย "ร้อยละ" "อีก"', "K006", "หน่วย"),
])
def test_a_statements_word_is_named_as_the_file_writes_it(line: str, code: str, word: str):
    # `เกณฑ์ ค่าเป้าหมาย 75 ช่วงปรับ 5 6`: K006 said "unexpected number `6` after `step`" in English
    # (and `step` in Thai), the table's canonical key, where the file wrote ช่วงปรับ; the words
    # read by name elsewhere are named as written (cursor.py: `cur.key = cur.next().text`)
    from kpidsl.check.in_memory import parse_text

    text = f'กรอบ f "x" {{\n    ตัวชี้วัด 1 "a" น้ำหนัก 100 {{\n        {line}\n    }}\n}}\n'
    told = next(d for d in parse_text("f.kpi", text).diagnostics if d.code == code)
    assert f"`{word}`" in told.message_en and f"`{word}`" in told.message_th, told.message_en
