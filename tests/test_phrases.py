"""Every phrase a diagnostic's fields carry comes from kpidsl/diagnostics/phrases.py: no call
that makes a diagnostic (``.at(``, ``.report(``, or a helper given the code first) writes a
sentence as one of the fields in FIELDS (a string or f-string, ``str(…)`` of an exception,
``Bi("…", "…")`` or an ("en", "th") pair); every phrase has both languages and every phrase is
used. A plain variable or value (a name, a number, a phrase chosen earlier) is allowed."""

from __future__ import annotations

import ast
import csv
import errno
import re
import string
from pathlib import Path

import pytest

import kpidsl
from keyed_texts import keys_named, written_in_place as _written
from kpidsl.bilingual import Bi
from kpidsl.diagnostics.hints import hint
from kpidsl.diagnostics.phrases import PHRASES, phrase
from kpidsl.diagnostics.registry import CODES
from kpidsl.score.results import results_header
from kpidsl.score.results.csv_input import NotText, why_unreadable
from kpidsl.source import SourceFile
from kpidsl.syntax import parse_uncached

PACKAGE = Path(kpidsl.__file__).parent

# The fields of a message that are sentences or phrases (not names or figures).
FIELDS = frozenset({"reason", "reason_th", "expected", "expected_th", "found", "found_th", "what", "what_th",
                    "message", "message_th", "why", "why_th"})
# The calls that make a diagnostic: CODES[c].at(…), a checker's or lowering's report(c, …), and
# any helper given the code first (refused("O001", …), stop("T009", …), field.fail("T006", …)).
CALLS = frozenset({"at", "report"})
CODE = re.compile(r"[A-Z][0-9]{3}")


def _makes_a_diagnostic(call: ast.Call) -> bool:
    if isinstance(call.func, ast.Attribute) and call.func.attr in CALLS:
        return True
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and bool(CODE.fullmatch(first.value))


def _sites(tree: ast.AST) -> list[tuple[int, str]]:
    return [(k.value.lineno, k.arg) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _makes_a_diagnostic(node)
            for k in node.keywords if k.arg in FIELDS and _written(k.value)]


def test_no_call_site_writes_a_phrase():
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, field in _sites(ast.parse(path.read_text(encoding="utf-8"))):
            written.append(f"{path.relative_to(PACKAGE).as_posix()}:{line} {field}=")
    assert written == []


@pytest.mark.parametrize("source, fields", [
    ('CODES["Q008"].at(s, reason=f"no files in {shown}", reason_th=f"ไม่พบไฟล์ใน {shown}")', ["reason", "reason_th"]),
    ('CODES["Q008"].at(s, reason=e.strerror or str(e), reason_th=str(e))', ["reason", "reason_th"]),
    ('ck.report("P001", s, reason="cannot", reason_th="ไม่ได้")', ["reason", "reason_th"]),
    ('CODES["F009"].at(s, reason=Bi("it is a folder", "เป็นโฟลเดอร์"))', ["reason"]),
    ('self.report("K005", s, expected=("a number", "ตัวเลข"), found=f"`{w}`", found_th=w)', ["expected", "found"]),
    ('self.report("K005", s, found="x" if a else "y", what="key " + k)', ["found", "what"]),
    ('CODES["Q008"].at(s, reason=why, what=what[0], what_th=what[1], expected=phrase("a-number"))', []),
    ('CODES["Q008"].at(s, reason="", hint="a hint is told apart", path=f"{p}")', []),
    ('said("x", reason="a CLI phrase is not a diagnostic field")', []),
    ('raise refused("O001", path, reason=Bi("it is a folder", "เป็นโฟลเดอร์"))', ["reason"]),
    ('raise stop("T009", 0, what=Bi("size", "ขนาด"), size=f"> {limit}")', ["what"]),
    ('raise self.fail("T006", value=v, expected="count")', ["expected"]),
])
def test_the_scan_sees_a_written_phrase(source, fields):
    assert [field for _, field in _sites(ast.parse(source))] == fields


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_phrase_has_both_languages_and_fills_its_fields(key):
    en, th = PHRASES[key]
    assert en and th
    # A language may leave out a field the other names (A007's Thai names an indicator by its
    # id alone), so each template is filled with the fields of both.
    names = [{name for _, name, _, _ in string.Formatter().parse(t) if name} for t in (en, th)]
    filled = phrase(key, **{name: f"<{name}>" for name in names[0] | names[1]})
    assert all(f"<{name}>" in filled.en for name in names[0]) and all(f"<{name}>" in filled.th for name in names[1])


def test_every_phrase_is_used():
    named = keys_named("phrase", PHRASES)
    assert named - set(PHRASES) == set()  # a key named in the code and missing here
    assert set(PHRASES) - named == set()


def test_a_phrase_fills_a_field_in_both_languages():
    diag = CODES["F009"].at(None, path="x.kpi", reason=phrase("is-a-folder"))
    assert diag.message_en.endswith("it is a folder") and diag.message_th.endswith("เป็นโฟลเดอร์")


def test_a_bi_field_is_read_in_each_language():
    assert phrase("no-results-files", folder=Bi("en", "th")) == Bi(
        "no .csv, .json or .xlsx results files in en", "ไม่พบไฟล์ผลการดำเนินงาน .csv .json หรือ .xlsx ใน th")


# ---- Q008: why a results file cannot be read, in Thai too (it was the exception's English) ----

@pytest.mark.parametrize("error, thai", [
    (csv.Error("field larger than field limit (131072)"), "ยาวเกินกว่าที่รับได้"),
    (csv.Error("new-line character seen in unquoted field - do you need to open the file with newline=''?"),
     "ขึ้นบรรทัดใหม่"),
    (csv.Error("some other complaint of the csv module"), "อ่านข้อความเป็นแถว"),
    (NotText("NUL"), "NUL"),
    (UnicodeDecodeError("utf-8", b"a\xffb", 1, 2, "invalid start byte"), "0xFF"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "เป็นโฟลเดอร์"),
])
def test_a_results_file_unreadable_is_told_in_thai(error, thai):
    diag = CODES["Q008"].at(None, reason=why_unreadable(error), hint="", hint_th="")
    assert thai in diag.message_th


def test_a_folder_given_as_a_results_file_is_told_in_thai(tmp_path, shipped_plan):
    _, diags = results_header(tmp_path, shipped_plan("2555"))
    assert [d.code for d in diags] == ["Q008"]
    assert diags[0].message_th.endswith("เป็นโฟลเดอร์") and "directory" not in diags[0].message_th


# ---- the lowering's fields: each message is the registry's, filled with phrases -------------

_RULES = '''framework department "x" {
    fiscal_year 3000
    level
    policy {
        decimals 12
    }
    dimension quality "q" {
        kpi 5 "k" {
            weight ห้า
            ladder 65 70 75 80 85 "extra"
        }
    }
}
'''


def test_the_lowering_says_its_fields_with_phrases():
    _, diags = parse_uncached(SourceFile("t.kpi", _RULES))
    expected = [
        ("K013", dict(key="fiscal_year", value=3000, reason=phrase("be-year-between", low=2400, high=2800))),
        ("K008", dict(key="level", expected=phrase("word-kind-level"))),  # a word kind (cursor.word)
        ("K013", dict(key="decimals", value=12, reason=phrase("decimals-0-to-10"))),
        ("K005", dict(key="weight", expected=phrase("weight-value"), found=phrase("found-word", text="ห้า"))),
        ("K005", dict(key="ladder", expected=phrase("threshold"), found=phrase("found-text", text="extra"))),
    ]
    assert [d.code for d in diags] == [code for code, _ in expected]
    for diag, (code, fields) in zip(diags, expected):
        said = CODES[code].at(None, **fields, **hint())
        assert (diag.message_en, diag.message_th) == (said.message_en, said.message_th)


# ---- the reading and the checking carry no (en, th) pair of their own --------------------------

# A pair made in place and handed on in a variable (a cursor's `expected`, a block's `where`) is
# not seen by the call-site scan above; where pairs used to be made, none may be now.
PAIR_FREE = ["syntax/lower", "check", "syntax/parser.py", "syntax/invisible.py", "syntax/cst.py", "syntax/dates.py", "syntax/limits.py"]
THAI = re.compile("[\u0e00-\u0e7f]")


def _a_pair(node: ast.AST) -> bool:
    """``("…", "…ไทย…")`` or ``Bi("…", "…")`` with a text written in place."""
    if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(map(_written, node.elts)):
        return any(THAI.search(ast.unparse(e)) for e in node.elts)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Bi" \
        and any(map(_written, node.args))


def test_the_reading_and_the_checking_make_no_pairs():
    paths = [p for place in PAIR_FREE for p in sorted((PACKAGE / place).glob("*.py"))
             if (PACKAGE / place).is_dir()] + [PACKAGE / place for place in PAIR_FREE if place.endswith(".py")]
    made = [f"{p.relative_to(PACKAGE).as_posix()}:{node.lineno}" for p in paths
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if _a_pair(node)]
    assert made == []


def test_the_pair_scan_sees_a_pair():
    found = [_a_pair(ast.parse(s).body[0].value) for s in (
        'what = ("populations as `< 500`", "ช่วงจำนวนประชากร")', 'x = Bi("a ladder", "เกณฑ์")',
        'x = Bi(f"`{cell}`", f"`{cell}`")', 'x = Bi(kind, th)', 'x = ("kpi", "weight")')]
    assert found == [True, True, True, False, False]
