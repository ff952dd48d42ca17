"""kpidsl/syntax/recover.py: the tree the editor's features read while a `{` is not closed.
Every span of it points into the text as written (the same words at the same places), none
past the text's end, and the checker's reading of the text is untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpidsl.syntax import cst, parse
from kpidsl.syntax.recover import recovered

ROOT = Path(__file__).resolve().parent.parent
DEPT = (ROOT / "rules" / "2555" / "department.kpi").read_text(encoding="utf-8")
PATH = "department.kpi"


def _inserted(before: str, rows: list[str]) -> str:
    lines = DEPT.split("\n")
    at = next(i for i, row in enumerate(lines) if row.startswith(before))
    return "\n".join(lines[:at] + rows + lines[at:])


def _statements(stmts):
    for st in stmts:
        if isinstance(st, cst.Statement):
            yield st
            if st.block is not None:
                yield from _statements(st.block.statements)


def _spans_point_into(text: str, doc: cst.Document) -> list[tuple[int, str]]:
    """(line, head) of every statement; each head's span holds its word in ``text``, and each
    statement's span ends inside the text."""
    rows = text.split("\n")
    out = []
    for st in _statements(doc.statements):
        h = st.head.span
        assert rows[h.line - 1][h.column - 1:h.end_column - 1] == st.head.text
        assert st.span.end_line <= len(rows) and st.span.end_column - 1 <= len(rows[st.span.end_line - 1])
        out.append((h.line, st.head.text))
    return out


def _ids(doc: cst.Document, head: str) -> list[str]:
    return [st.args[0].text if hasattr(st.args[0], "text") else str(st.args[0].value)
            for st in _statements(doc.statements) if st.head.text == head and st.args]


KPI_6 = '            ตัวชี้วัด 6 "ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย"'


@pytest.mark.parametrize("rows", [
    ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"'],
    ['            ตัวชี้วัด 13 "ดัชนีใหม่ น้ำหนัก 5 {', '                หน่วย "ร้อยละ'],
    # a part's block opened inside the new indicator's: two blocks left open
    ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                ส่วน survey "สำรวจ" สัดส่วน 50% {',
     '                    หน่วย "ร้อยละ"'],
])
def test_an_unclosed_block_is_closed_before_the_next_line_less_indented(rows):
    text = _inserted(KPI_6, rows)
    result = parse(text, PATH)
    assert result.document is None and "S004" in {d.code for d in result.diagnostics}
    found = recovered(text, PATH, result.diagnostics)
    assert found is not None
    heads = _spans_point_into(text, found.document)
    whole = _spans_point_into(DEPT, parse(DEPT, PATH).document)
    # every statement of the file before the edit is there, those after it 3 lines down
    assert [(line + len(rows) if line > 110 else line, head) for line, head in whole] == \
        [h for h in heads if not 111 <= h[0] < 111 + len(rows)]
    assert (111, "ตัวชี้วัด") in heads
    ids = _ids(found.document, "ตัวชี้วัด")
    assert ids[ids.index("5"):ids.index("7")] == ["5", "13", "6"]  # 13 in its dimension, between 5 and 6
    assert found.rule_file() is not None


def test_a_block_open_at_the_end_of_the_file_keeps_its_lines():
    text = DEPT.rstrip("\n") + '\n\nกรอบ draft "ร่าง" {\n    ระดับ ส่วนราชการ\n    ปีงบประมาณ 2556\n'
    opened = DEPT.rstrip("\n").count("\n") + 3  # the line the open block is written on
    result = parse(text, PATH)
    assert result.document is None
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", opened)]
    found = recovered(text, PATH, result.diagnostics)
    heads = _spans_point_into(text, found.document)
    assert heads[-3:] == [(opened, "กรอบ"), (opened + 1, "ระดับ"), (opened + 2, "ปีงบประมาณ")]
    assert _ids(found.document, "กรอบ") == ["department", "draft"]


def test_an_unclosed_paren_is_blanked():
    text = _inserted(KPI_6, ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', "                คำนวณ (X1 / Y1",
                             "            }"])
    result = parse(text, PATH)
    assert result.document is None and "S007" in {d.code for d in result.diagnostics}
    found = recovered(text, PATH, result.diagnostics)
    assert found is not None
    _spans_point_into(text, found.document)
    assert "13" in _ids(found.document, "ตัวชี้วัด")


def test_nothing_is_recovered_from_a_text_that_parses_or_has_nothing_left_open():
    assert recovered(DEPT, PATH, parse(DEPT, PATH).diagnostics) is None
    broken = _inserted(KPI_6, ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {'])
    told = parse(broken, PATH).diagnostics
    assert recovered(broken, PATH, [d for d in told if d.code != "S004"]) is None
    assert recovered(broken, "other.kpi", told) is None  # another file's diagnostics


def test_every_keystroke_of_a_new_block_gives_a_tree_that_keeps_the_lines_above():
    rows = DEPT.split("\n")
    after = next(i for i, row in enumerate(rows) if row.startswith(KPI_6)) - 2  # kpi 5's `}` (line 109)
    assert rows[after] == "            }"
    at = sum(len(r) + 1 for r in rows[:after + 1]) - 1  # the end of that line
    typed = ('\n            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {\n                หน่วย "ร้อยละ"'
             "\n                เกณฑ์ 1 2 3 4 5\n            }")
    above = [h for h in _spans_point_into(DEPT, parse(DEPT, PATH).document) if h[0] <= after + 1]
    mended = 0
    for n in range(1, len(typed) + 1):
        text = DEPT[:at] + typed[:n] + DEPT[at:]
        result = parse(text, PATH)
        doc = result.document
        if doc is None:
            found = recovered(text, PATH, result.diagnostics)
            assert found is not None, repr(typed[:n])
            doc, mended = found.document, mended + 1
        heads = _spans_point_into(text, doc)
        assert [h for h in heads if h[0] <= after + 1] == above, repr(typed[:n])
    assert mended == 77  # from the `{` typed up to the `}` that closes it: 1 + 31 + 32 + 13 keystrokes


def _parents(doc: cst.Document) -> dict[str, str]:
    """Each block statement's first word (an indicator's number, a dimension's id) → its
    parent's, and each block's last line of words (its head) → the block's, as the outline
    nests them."""
    out: dict[str, str] = {}

    def walk(stmts, parent: str) -> None:
        for st in stmts:
            if not isinstance(st, cst.Statement):
                continue
            if st.block is None:
                out.setdefault(st.head.text + "@" + parent, parent)
                continue
            name = (st.args[0].text if hasattr(st.args[0], "text") else str(st.args[0].value)) if st.args else ""
            out.setdefault(name, parent)
            walk(st.block.statements, name)
    walk(doc.statements, "")
    return out


# The new indicator 13 typed between 5 and 6 of dimension `quality` (whose lines stand at 12
# spaces), its `{` not closed yet, at an indentation the file does not use elsewhere.
_ODD = {
    "3 spaces short": ['           ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"'],
    "1 space over": ['             ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                 หน่วย "ร้อยละ"'],
    "tabs": ['\t\t\tตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '\t\t\t\tหน่วย "ร้อยละ"'],
    "a tab among spaces": ['\t        ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '\t            หน่วย "ร้อยละ"'],
    # a comment at the margin inside the new block is no line of the dimension's
    "a comment at the margin": ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', "# ยังไม่ได้ยืนยันกับ สลน.",
                                '                หน่วย "ร้อยละ"'],
    # nor is a text's line at the margin: it is inside the quotes
    "a text's line at the margin": ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                คำอธิบาย """',
                                    "ข้อความที่วางมาจากเอกสาร", '                """',
                                    '                หน่วย "ร้อยละ"'],
}


@pytest.mark.parametrize("rows", list(_ODD.values()), ids=list(_ODD))
def test_a_block_open_at_an_odd_indentation_ends_before_its_next_sibling(rows):
    text = _inserted(KPI_6, rows)
    result = parse(text, PATH)
    # the `{` left open is told at its own line, whatever the blanks before it
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", 111)]
    found = recovered(text, PATH, result.diagnostics)
    assert found is not None
    _spans_point_into(text, found.document)
    parents = _parents(found.document)
    assert (parents["5"], parents["13"], parents["6"], parents["7"]) == ("quality", "quality", "quality", "efficiency")
    assert parents["หน่วย@13"] == "13"
    ids = _ids(found.document, "ตัวชี้วัด")
    assert ids[ids.index("5"):ids.index("7")] == ["5", "13", "6"]


def _recovered_parents(text: str, diagnostics) -> dict[str, str]:
    """_parents of the tree recover.py makes of ``text``, its spans checked to point into it."""
    found = recovered(text, PATH, diagnostics)
    assert found is not None
    _spans_point_into(text, found.document)
    return _parents(found.document)


def test_a_closing_brace_indented_less_than_its_header_closes_that_block():
    # indicator 6's `}` two spaces short of its header, while 13 above it is still open: the
    # short `}` is 6's (it stands deeper than the dimension's header), not the dimension's
    rows = DEPT.split("\n")
    six = next(i for i, row in enumerate(rows) if row.startswith(KPI_6))
    close = next(i for i in range(six, len(rows)) if rows[i] == "            }")
    rows[close] = "          }"
    rows[six:six] = ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"']
    text = "\n".join(rows)
    result = parse(text, PATH)
    assert result.document is None and ("S004", 111) in [(d.code, d.span.line) for d in result.diagnostics]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["13"], parents["6"], parents["quality"], parents["7"], parents["internal"]) == \
        ("quality", "quality", "external", "efficiency", "department")
    assert parents["หน่วย@13"] == "13"


def test_a_closing_brace_indented_less_than_its_header_closes_it_while_a_block_inside_is_open():
    # 13's `}` two spaces short, its part's `{` never closed: the `}` still ends 13 (the part
    # is closed with it), and 6 stays in the dimension
    rows = ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                ส่วน poll "สำรวจ" สัดส่วน 50% {',
            '                    หน่วย "ร้อยละ"', "          }"]
    text = _inserted(KPI_6, rows)
    result = parse(text, PATH)
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code == "S004"] == [("S004", 111), ("S004", 112)]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["poll"], parents["13"], parents["6"], parents["7"], parents["internal"]) == \
        ("13", "quality", "quality", "efficiency", "department")


def test_blocks_open_at_the_end_of_the_file_nest_as_written():
    # a new framework typed at the end of the file, top to bottom: each block still open, the
    # lines under each header are its own, not the file's, and no span ends past the text
    typed = ['กรอบ draft "ร่าง" {', "    ระดับ ส่วนราชการ", '    มุมมอง ext "ภายนอก" น้ำหนัก 100 {',
             '        มิติ q "คุณภาพ" น้ำหนัก 100 {', '            ตัวชี้วัด 99 "ดัชนีใหม่" น้ำหนัก 100 {',
             '                หน่วย "ร้อยละ"', "                # ยังไม่ครบ"]
    for cut in range(len(typed[-2]) + 1):  # down to the last line typed a keystroke at a time
        text = DEPT.rstrip("\n") + "\n\n" + "\n".join(typed[:-2] + [typed[-2][:cut], typed[-1]])
        result = parse(text, PATH)
        assert [d.code for d in result.diagnostics if d.code != "S006"] == ["S004"] * 4, cut  # S006: `"ร้อย`
        found = recovered(text, PATH, result.diagnostics)
        assert found is not None, cut
        _spans_point_into(text, found.document)
        parents = _parents(found.document)
        assert (parents["draft"], parents["ext"], parents["q"], parents["99"]) == ("", "draft", "ext", "q"), cut
        assert parents["ระดับ@draft"] == "draft"
        words = typed[-2][:cut].split()
        assert not words or f"{words[0]}@99" in parents, cut  # the word typed so far, in indicator 99


AGREEMENT = (ROOT / "rules" / "2555" / "agreements" / "department_example.kpi").read_text(encoding="utf-8")
EXAMPLE = ['ตัวอย่าง draft "ร่าง" {', "    คำรับรอง dept_example_2555", "    ผลการดำเนินงาน {",
           "        ตัวชี้วัด 8 X1 95 Y1 100", "    }"]


def _before_example_8(rows: list[str]) -> tuple[str, int]:
    """The agreement with ``rows`` above dept_disbursement_level5's comments (line 109), and
    the line the first of them is on."""
    lines = AGREEMENT.split("\n")
    at = next(i for i, row in enumerate(lines) if row.startswith("ตัวอย่าง dept_disbursement_level5"))
    at = next(i for i in range(at, 0, -1) if not lines[i - 1].startswith("#"))
    return "\n".join(lines[:at] + rows + lines[at:]), at + 1


@pytest.mark.parametrize("gap", [[""], ["", "# ---- ตัวอย่างถัดไป", ""]], ids=["a blank line", "and a comment"])
def test_a_block_open_before_a_line_at_the_margin_keeps_its_lines(gap):
    # a new example typed above dept_disbursement_level5 (at the first column), its `{` not
    # closed: its `คำรับรอง dept_example_2555` names the agreement the example scores, and is
    # no agreement of the file's
    text, line = _before_example_8(EXAMPLE + gap)
    result = parse(text, "agreement.kpi")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", line)]
    found = recovered(text, "agreement.kpi", result.diagnostics)
    assert found is not None
    _spans_point_into(text, found.document)
    parents = _parents(found.document)
    assert (parents["draft"], parents["คำรับรอง@draft"], parents["dept_disbursement_level5"]) == ("", "draft", "")
    assert [st.args[0].text for st in found.document.statements if st.head.text == "คำรับรอง"] == ["dept_example_2555"]


def test_a_blank_line_inside_a_text_is_no_place_to_close_a_block():
    # the open example's last line a text over three lines, the middle one blank, and no free
    # line after it: the text is read as written (its `{` is blanked instead)
    text, line = _before_example_8(EXAMPLE[:2] + ['    ชื่อ """', "", '    """'])
    result = parse(text, "agreement.kpi")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", line)]
    found = recovered(text, "agreement.kpi", result.diagnostics)
    assert found is not None
    _spans_point_into(text, found.document)
    (named,) = [st for st in _statements(found.document.statements) if st.head.text == "ชื่อ"]
    assert named.args[0].value == ""


def _shape(stmts) -> list:
    """Each statement's head and line, with its block's statements: the tree the outline shows."""
    return [(st.head.text, st.head.span.line, _shape(st.block.statements) if st.block else None)
            if isinstance(st, cst.Statement) else ("=", st.span.line, None) for st in stmts]


def _blocks(stmts):
    for st in _statements(stmts):
        if st.block is not None:
            yield st


SHIPPED = sorted(p.relative_to(ROOT).as_posix() for folder in ("rules", "examples") for p in (ROOT / folder).rglob("*.kpi"))


@pytest.mark.parametrize("name", SHIPPED)
def test_any_closing_brace_of_a_shipped_file_left_out_gives_back_the_files_tree(name):
    # each `}` alone on its line deleted in turn (341 in rules/, 14 in examples/): the tree
    # recovered from the rest is the file's own, every statement in the block it was in (146
    # were not while a `{` at the margin was blanked, or a block ended at a comment)
    text = (ROOT / name).read_text(encoding="utf-8")
    whole = parse(text, name)
    assert whole.document is not None and not whole.diagnostics
    want = _shape(whole.document.statements)
    rows = text.split("\n")
    tried = 0
    for st in _blocks(whole.document.statements):
        end = st.block.span
        if rows[end.end_line - 1].strip() != "}":
            continue
        cut = rows[:end.end_line - 1] + [rows[end.end_line - 1].replace("}", " ")] + rows[end.end_line:]
        result = parse("\n".join(cut), name)
        assert result.document is None and result.diagnostics[0].code == "S004", end.end_line
        found = recovered("\n".join(cut), name, result.diagnostics)
        assert found is not None and _shape(found.document.statements) == want, (end.end_line, st.head.span.line)
        tried += 1
    assert tried or "{" not in text


def _ends(st: cst.Statement) -> tuple[tuple[int, int], tuple[int, int]]:
    return (st.span.end_line, st.span.end_column), (st.block.span.end_line, st.block.span.end_column)


def test_a_block_open_to_the_end_of_a_text_without_a_last_line_end_ends_at_the_texts_end():
    # closed on a row added after the text (`;}}`), the framework's and the dimension's spans, and
    # their blocks', end where the text does: after the indicator's weight, the file's last characters
    kpi = '        ตัวชี้วัด 99 "ดัชนีใหม่" น้ำหนัก 100'
    text = DEPT.rstrip("\n") + '\n\nกรอบ draft "ร่าง" {\n    มิติ q "คุณภาพ" {\n' + kpi
    last = len(text.split("\n"))
    found = recovered(text, PATH, parse(text, PATH).diagnostics)
    assert not found.parsed.diagnostics  # the row added (`;}}`) ends the two blocks and says nothing else
    (draft,) = [st for st in found.document.statements if isinstance(st, cst.Statement) and st.args
                and getattr(st.args[0], "text", None) == "draft"]
    (dimension,) = [st for st in _statements(draft.block.statements) if st.head.text == "มิติ"]
    end = (last, len(kpi) + 1)
    assert _ends(draft) == (end, end) and _ends(dimension) == (end, end)


def test_a_block_closed_on_a_blank_line_ends_at_that_lines_start():
    # the new example, open before a line at the margin, is closed on the blank line under it
    # (`;}` written there): its span and its block's end at that line's first column, not past
    # the line's width (0)
    text, line = _before_example_8(EXAMPLE + [""])
    found = recovered(text, "agreement.kpi", parse(text, "agreement.kpi").diagnostics)
    (draft,) = [st for st in found.document.statements if isinstance(st, cst.Statement) and st.args
                and getattr(st.args[0], "text", None) == "draft"]
    blank = line + len(EXAMPLE)
    assert text.split("\n")[blank - 1] == ""
    assert _ends(draft) == ((blank, 1), (blank, 1))


def test_the_recovered_rule_ast_is_the_texts_with_the_new_block():
    # the copy lowered: framework department with indicator 13 inside it (its rule AST, not
    # the lowering's diagnostics)
    from kpidsl.syntax import ast

    text = _inserted(KPI_6, ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"'])
    rule_file = recovered(text, PATH, parse(text, PATH).diagnostics).rule_file()
    assert isinstance(rule_file, ast.RuleFile)
    (framework,) = [d for d in rule_file.declarations if isinstance(d, ast.Framework)]
    assert framework.id == "department"
    ids = []
    stack = list(framework.nodes)
    while stack:
        node = stack.pop(0)
        ids.append(node.id)
        stack[:0] = node.children
    assert "13" in ids and ids.index("13") == ids.index("5") + 1


def test_a_top_level_block_open_left_of_the_files_first_line_ends_before_its_next_sibling():
    # a file whose top-level lines stand 2 in (pasted from inside a block), a new framework
    # typed at the margin, its `{` not closed: the framework `c` below, 2 in like the file's
    # first line, is its sibling, not its child (the margin of the file's first line counts)
    text = ('  กรอบ a "A" {\n      ระดับ ส่วนราชการ\n  }\n\nกรอบ draft "ร่าง" {\n    ระดับ ส่วนราชการ\n\n'
            '  กรอบ c "C" {\n      ระดับ ส่วนราชการ\n  }\n')
    result = parse(text, PATH)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", 5)]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["a"], parents["draft"], parents["c"], parents["ระดับ@draft"]) == ("", "", "", "draft")


def test_a_block_left_open_last_in_its_parent_is_closed_before_the_parents_closing_brace():
    # indicator 13 typed last in dimension quality (after 6's `}`), its `{` open: the dimension's
    # own `}` under it, standing at the dimension's margin, still closes the dimension
    rows = DEPT.split("\n")
    end = next(i for i, row in enumerate(rows) if i > 110 and row == "        }")  # quality's `}` (line 120)
    assert rows[end - 1] == "            }"
    rows[end:end] = ['            ตัวชี้วัด 13 "ดัชนีใหม่" น้ำหนัก 5 {', '                หน่วย "ร้อยละ"']
    text = "\n".join(rows)
    result = parse(text, PATH)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", end + 1)]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["6"], parents["13"], parents["quality"], parents["internal"], parents["efficiency"]) == \
        ("quality", "quality", "external", "department", "internal")
    assert parents["หน่วย@13"] == "13"


def test_with_no_place_for_a_closing_brace_the_brace_left_open_is_the_one_blanked():
    # a new example whose results block is closed on its own line (`ผลการดำเนินงาน { … }`), the
    # example's `{` not, and the next example straight under it at the margin: no blank to write
    # a `}` over, so the example's `{` is blanked (its results block kept whole, not its `{`)
    text, line = _before_example_8(['ตัวอย่าง draft "ร่าง" { ผลการดำเนินงาน { ตัวชี้วัด 8 ผล 90 }'])
    result = parse(text, "agreement.kpi")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", line)]
    found = recovered(text, "agreement.kpi", result.diagnostics)
    _spans_point_into(text, found.document)  # the `{` blanked in place: every word where it was
    (draft,) = [st for st in found.document.statements if isinstance(st, cst.Statement) and st.args
                and getattr(st.args[0], "text", None) == "draft"]
    assert [st.head.text for st in draft.block.statements] == ["ตัวชี้วัด"]
    # each span names the file, as the parsed files' do (go to definition matches spans by file)
    assert {st.span.path for st in _statements(found.document.statements)} == {"agreement.kpi"}


def test_a_closing_brace_row_with_just_enough_blanks_takes_the_closing():
    # a file indented by 2: dimension q's `}` stands 2 in, under indicator 99 whose `{` is open:
    # its 2 blanks take the `;}` that closes 99 (`;}}`), so 99 keeps its unit, not q
    text = ('กรอบ a "A" {\n  มิติ q "คุณภาพ" น้ำหนัก 100 {\n      ตัวชี้วัด 99 "ใหม่" น้ำหนัก 100 {\n'
            '          หน่วย "ร้อยละ"\n  }\n}\n')
    result = parse(text, PATH)
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", 3)]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["q"], parents["99"], parents["หน่วย@99"]) == ("a", "q", "99")


def test_a_blank_line_above_the_blocks_last_line_is_no_place_to_close_it():
    # the new example's lines, a blank one among them, then comments and the next example at the
    # margin: no blank line after its last line, so its `{` is blanked (the `}` written on the
    # blank line above `รอบ 1` would put that line outside the block it was typed in)
    text, line = _before_example_8(EXAMPLE[:2] + ["", "    รอบ 1"])
    result = parse(text, "agreement.kpi")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", line)]
    found = recovered(text, "agreement.kpi", result.diagnostics)
    (draft,) = [st for st in found.document.statements if isinstance(st, cst.Statement) and st.args
                and getattr(st.args[0], "text", None) == "draft"]
    assert draft.block is None
    assert [st.head.text for st in found.document.statements if isinstance(st, cst.Statement)
            and st.head.span.line > line][:2] == ["คำรับรอง", "รอบ"]


@pytest.mark.parametrize(("row", "column"), [
    ("", 0), ("ตัวชี้วัด 1", 0), ("    ตัวชี้วัด 1", 4), ("\tตัวชี้วัด 1", 4), ("  \tตัวชี้วัด 1", 4), ("   \tx", 4),
    ("    \tx", 8), ("\t  x", 6), ("\t\t\tx", 12), ("\fx", 1), ("  ", 2),
])
def test_a_rows_indentation_counts_a_tab_to_the_next_multiple_of_four(row, column):
    # kpidsl/syntax/indentation.py, which the parser's `}` matching and the recovered tree's block
    # ends read: three tabs stand at 12, as 12 spaces do; a form feed is a blank
    from kpidsl.syntax.indentation import indentation

    assert indentation(row) == column


def test_a_brace_left_open_at_the_first_column_of_its_own_line_is_blanked():
    # `กรอบ draft "ร่าง"` with its `{` on the next line at the margin, never closed, the next
    # framework straight under its lines: nowhere to write a `}`, so that `{` (column 1) is blanked
    text = 'กรอบ draft "ร่าง"\n{\n    ระดับ ส่วนราชการ\nกรอบ b "B" {\n    ระดับ ส่วนราชการ\n}\n'
    result = parse(text, PATH)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("S004", 2, 1)]
    parents = _recovered_parents(text, result.diagnostics)
    assert (parents["b"], parents["ระดับ@b"]) == ("", "b")


def test_a_block_uncovered_by_the_first_closing_is_closed_in_a_second_round(monkeypatch):
    """The `}` of dimension 2 (line 167) deleted and indicator 12's header (line 192) typed two
    columns further in: the parser tells only the `{` of line 192 (the `}` lines pair by their
    indentation), and once that is closed the copy leaves dimension 2's `{` (line 125) open."""
    import kpidsl.syntax.recover as recover

    rows = DEPT.split("\n")
    assert rows[166] == "        }" and rows[191].startswith("            ตัวชี้วัด 12 ")
    rows[166] = "        "
    rows[191] = "  " + rows[191]
    text = "\n".join(rows)
    result = parse(text, PATH)
    assert result.document is None
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("S004", 192)]
    found = recovered(text, PATH, result.diagnostics)
    assert found is not None
    heads = _spans_point_into(text, found.document)
    assert (192, "ตัวชี้วัด") in heads and (170, "มิติ") in heads
    assert "12" in _ids(found.document, "ตัวชี้วัด")
    monkeypatch.setattr(recover, "ROUNDS", 1)
    assert recovered(text, PATH, result.diagnostics) is None  # the second round is what mends it
