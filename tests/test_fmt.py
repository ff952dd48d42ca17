"""kpidsl/fmt.py: formatting is idempotent, keeps the rule AST and every
comment, converts keywords both ways, and refuses a result it cannot verify."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_syntax_properties import documents

from kpidsl import fmt
from kpidsl.fmt import format_file, format_text
from kpidsl.syntax import cst
from kpidsl.syntax.lower import lower
from kpidsl.syntax.parser import parse
from kpidsl.syntax.printer import INDENT, print_arg, print_document, print_expr

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted((REPO / "rules").glob("**/*.kpi"))


def _ast(text: str):
    parsed = parse(text, "t.kpi")
    assert parsed.diagnostics == ()
    return lower(parsed.document)[0]


def _comments(text: str) -> list[str]:
    return [c.text.rstrip() for c in parse(text, "t.kpi").document.comments]


# ---- generated programs, laid out untidily ---------------------------------------------------------


def _statement_text(st_: cst.Stmt, indent: str, draw) -> str:
    """One statement on one line (a block's lines follow), with 1–3 spaces between words."""
    if isinstance(st_, cst.Formula):
        return f"{st_.keyword} {print_expr(st_.expr)}"
    gap = " " * draw(st.integers(1, 3))
    return gap.join([st_.head.written or st_.head.text, *(print_arg(a, indent) for a in st_.args)])


def _untidy(stmts, indent: str, draw) -> list[str]:
    """Lines of text for ``stmts``: blocks sometimes on one line, statements
    sometimes joined with `;`, odd indentation, trailing comments here and there."""
    lines: list[str] = []
    joinable = False
    for s in stmts:
        text = _statement_text(s, indent, draw)
        block = getattr(s, "block", None)
        if block is not None:
            inner_simple = all(getattr(i, "block", None) is None for i in block.statements)
            if block.statements and inner_simple and draw(st.booleans()):
                inner = [_statement_text(i, indent + INDENT, draw) for i in block.statements]
                if not any("\n" in i for i in inner):
                    lines.append(indent + text + " { " + "; ".join(inner) + " }")
                    joinable = False
                    continue
            lines.append(indent + text + " {")
            lines.extend(_untidy(block.statements, indent + " " * draw(st.integers(1, 6)), draw))
            lines.append(indent + "}")
            joinable = False
            continue
        if joinable and "\n" not in text and "\n" not in lines[-1] and draw(st.booleans()):
            lines[-1] += "; " + text.strip()
        else:
            lines.append(indent + text)
        joinable = "\n" not in text
    out = []
    for n, line in enumerate(lines):
        if draw(st.integers(0, 3)) == 0:
            line += " " * draw(st.integers(1, 9)) + f"# c{len(out)}"
        out.append(line)
        if draw(st.integers(0, 5)) == 0:
            out.append("")
    return out


@st.composite
def untidy_files(draw) -> str:
    doc = draw(documents)
    return "\n".join(_untidy(doc.statements, "", draw)) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(untidy_files())
def test_formatting_any_program_is_verified_idempotent_and_keeps_its_meaning(src):
    parsed = parse(src, "t.kpi")
    if parsed.diagnostics:  # the untidy layout made something else of it: not this test's business
        return
    out = format_text(src, "t.kpi")
    assert out.failure is None, (src, out.failure)
    assert format_text(out.text, "t.kpi").text == out.text
    assert _ast(out.text) == _ast(src)
    assert _comments(out.text) == _comments(src)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(documents)
def test_a_printed_tree_is_already_canonical(doc):
    text = print_document(doc)
    assert format_text(text, "gen.kpi").text == text


# ---- the shipped rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_files_are_canonical(path):
    src = path.read_text(encoding="utf-8")
    out = format_text(src, str(path))
    assert out.failure is None and out.diagnostics == ()
    assert out.text == src, f"run: kpidsl fmt {path.relative_to(REPO)}"
    assert _ast(out.text) == _ast(src)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_keywords_th_en_th_gives_the_th_form_back(path):
    src = path.read_text(encoding="utf-8")
    th = format_text(src, str(path), keywords="th")
    en = format_text(th.text, str(path), keywords="en")
    back = format_text(en.text, str(path), keywords="th")
    assert th.failure is en.failure is back.failure is None
    assert back.text == th.text
    assert _comments(en.text) == _comments(src)
    # English keywords only: no Thai keyword is left at the head of a line.
    heads = {s.head.text for s in parse(en.text, "t.kpi").document.statements}
    assert all(h.isascii() for h in heads)


def test_a_second_spelling_becomes_the_first():
    src = 'กรอบการประเมิน f "x" {\n    ปีงบประมาณ 2555\n    indicator 1 "ข" weight 100 { เกณฑ์การให้คะแนน 1 2 3 4 5 }\n}\n'
    th = format_text(src, "t.kpi", keywords="th").text
    assert th == 'กรอบ f "x" {\n    ปีงบประมาณ 2555\n    ตัวชี้วัด 1 "ข" น้ำหนัก 100 { เกณฑ์ 1 2 3 4 5 }\n}\n'
    en = format_text(th, "t.kpi", keywords="en").text
    assert en == 'framework f "x" {\n    fiscal_year 2555\n    kpi 1 "ข" weight 100 { ladder 1 2 3 4 5 }\n}\n'


def test_a_value_word_is_converted_only_where_it_is_a_keyword():
    # `มิติ quality` names a dimension (an id), `ประเภท quality` is a kind of indicator.
    src = 'framework f "x" {\n    fiscal_year 2555\n    dimension quality "ก" weight 100\n}\n'
    assert "มิติ quality" in format_text(src, "t.kpi", keywords="th").text


# ---- comments ----------------------------------------------------------------------------------------


def test_comments_stay_where_they_were():
    src = (
        "# header\n"
        "bands b \"x\" {   # on the header\n"
        "    range 0 100\n"
        "    # before the rows\n"
        "    band top \"ดีเด่น\" >= 90 <= 100 # top\n"
        "    band low \"ต้องปรับปรุง\" >= 0 < 90 # low\n"
        "}\n"
        "# footer\n"
    )
    out = format_text(src, "t.kpi").text
    assert out == (
        "# header\n"
        "bands b \"x\" {  # on the header\n"
        "    range 0 100\n"
        "    # before the rows\n"
        "    band top \"ดีเด่น\"      >= 90 <= 100  # top\n"
        "    band low \"ต้องปรับปรุง\" >= 0  < 90    # low\n"
        "}\n"
        "# footer\n"
    )
    assert _comments(out) == _comments(src)


def test_seed_citations_survive_formatting_of_the_shipped_rules():
    src = (REPO / "rules/2555/department.kpi").read_text(encoding="utf-8")
    messy = "\n".join(line.strip() for line in src.split("\n"))  # every indentation lost
    out = format_text(messy, "department.kpi").text
    assert out == src
    assert out.count("# 003 สไลด์") == src.count("# 003 สไลด์") > 40


# ---- refusals --------------------------------------------------------------------------------------------


def test_a_syntax_error_is_reported_not_formatted():
    out = format_text('framework f "x" {\n    weight 5 -\n}\n', "t.kpi")
    assert out.text is None and out.failure is None
    assert [d.code for d in out.diagnostics] == ["S002"]


_CALLS = itertools.count()  # a printer that adds one more line each time it runs


@pytest.mark.parametrize("printer, check", [
    (lambda doc: print_document(doc).replace("2555", "2556"), "statement tree"),
    (lambda doc: print_document(doc).replace("# keep", "# lost"), "comments"),
    (lambda doc: print_document(doc).replace("fiscal_year", "year"), "statement tree"),
    (lambda doc: print_document(doc) + "\n" * next(_CALLS), "idempotence"),
    (lambda doc: 1 / 0, "statement tree"),
])
def test_a_result_that_fails_verification_is_refused(printer, check):
    src = 'framework f "x" {\n    fiscal_year 2555  # keep\n}\n'
    out = format_text(src, "t.kpi", printer=printer)
    assert out.text is None
    assert out.failure is not None and out.failure.check == check
    assert check in fmt.CHECKS
    # what failed, in each language (kpidsl/diagnostics/phrases.py): Thai words in the Thai
    assert out.failure.detail.en and re.search("[\u0e00-\u0e7f]", out.failure.detail.th)


def test_a_different_rule_ast_is_refused(monkeypatch):
    # The statement tree check comes first, so only a lowering that differs on
    # equal trees reaches this check: simulate one.
    calls = []

    def lower_differently(doc):
        calls.append(doc)
        rule_file, diags = lower(doc)
        return (rule_file if len(calls) == 1 else None), diags

    monkeypatch.setattr(fmt, "lower", lower_differently)
    out = format_text('framework f "x" {\n    fiscal_year 2555\n}\n', "t.kpi")
    assert out.text is None and out.failure.check == "rule AST"


def test_a_windows_file_keeps_its_bom_and_crlf(tmp_path):
    path = tmp_path / "w.kpi"
    path.write_bytes(b"\xef\xbb\xbf" + b'framework f "x" {\r\n  fiscal_year   2555\r\n}\r\n')
    out = format_file(path)
    assert out.state == "changed"
    assert out.new == b"\xef\xbb\xbf" + b'framework f "x" {\r\n    fiscal_year 2555\r\n}\r\n'
    path.write_bytes(out.new)
    assert format_file(path).state == "unchanged"


def test_a_rule_file_is_read_once_its_bytes_kept_for_the_comparison(tmp_path, monkeypatch):
    # fmt read the file as check does, then read it again for its line ends and byte-order
    # mark: a file swapped in between would have been read without check's limit
    from kpidsl import source

    path = tmp_path / "r.kpi"
    path.write_bytes(b"\xef\xbb\xbf" + b'framework f "x" {\r\n  fiscal_year   2555\r\n}\r\n')
    reads = []
    real = source.read_regular
    monkeypatch.setattr(source, "read_regular", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read again")))
    outcome = format_file(path)
    assert len(reads) == 1 and outcome.state in ("changed", "unchanged")
    assert outcome.new.startswith(b"\xef\xbb\xbf") and b"\r\n" in outcome.new  # the editor's habits kept
