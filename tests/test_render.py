"""The output formats: caret underlines that fit Thai text, json fields,
GitHub workflow commands escaped, SARIF valid against the official schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.diagnostics import CODES, Diagnostic, Span
from kpidsl.diagnostics.render import caret_line, cell_width, cut_to_cells, github, json_report, render, sarif, shown_line, text

DATA = Path(__file__).parent / "data"


def diag(code: str = "W001", span: Span | None = None, **args) -> Diagnostic:
    defaults = {"node": "framework `f`", "node_th": "กรอบ `f`", "total": 90, "expected": 100,
                "hint": "weights: a = 60", "hint_th": "น้ำหนัก: a = 60"}
    return CODES[code].at(span, **{**defaults, **args})


# ---- widths and carets -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "width"),
    [
        ("abc", 3),
        ("น้ำหนัก", 5),  # น ้(tone, 0) ำ หนัก: 5 cells
        ("มิติ", 2),  # two vowels above take no column
        ("ที่", 1),  # a vowel and a tone mark stacked on one consonant
        ("กรอบ", 4),
        ("漢字", 4),  # wide East Asian: two cells each
        ("ｗ", 2),  # fullwidth
        ("e\u0301", 1),  # combining acute
        ("\u200b", 0),  # zero-width space (Cf)
        ("", 0),
    ],
)
def test_cell_width(s, width):
    assert cell_width(s) == width


def test_cell_width_is_its_code_points_widths_for_every_plane_0_code_point():
    # cell_width sums a table of widths in C (kpidsl/diagnostics/render.py _CharWidths):
    # the same as the rule applied one code point at a time, mixed with ASCII or not
    from kpidsl.diagnostics.render import char_width

    points = [chr(c) for c in range(0x10000)]
    for start in range(0, len(points), 4096):
        chunk = "".join(points[start:start + 4096])
        assert cell_width(chunk) == sum(char_width(ch) for ch in chunk), hex(start)
    assert [char_width(ch) for ch in "aน้ำ漢\u200b"] == [1, 1, 0, 1, 2, 0]


def _cut_one_at_a_time(text: str, width: int) -> str:
    """The cut as the report and the review first made it: the last character dropped until
    the rest fits in width - 1 cells, then "…"."""
    if cell_width(text) <= width:
        return text
    while cell_width(text) > width - 1:
        text = text[:-1]
    return text + "…"


@pytest.mark.parametrize(("text", "width", "cut"), [
    ("kpi 1 ระดับความสำเร็จ", 40, "kpi 1 ระดับความสำเร็จ"),  # fits: as it is
    ("abcdef", 6, "abcdef"),
    ("abcdefg", 6, "abcde…"),  # ASCII: width - 1 characters and the mark
    ("น้ำหนักของตัวชี้วัด", 5, "น้ำหนั…"),  # marks take no cell (ำ takes one): a mark stays on its consonant
    ("ที่ดิน", 2, "ที่…"),  # a consonant with two marks above is one cell
    ("漢字漢字", 5, "漢字…"),  # a wide character that would pass width - 1 is left out
    ("漢字漢字", 4, "漢…"),
    ("漢字漢字", 8, "漢字漢字"),
    ("a\u200bb\u200bc", 2, "a\u200b…"),  # zero-width characters after the last that fits go with it
])
def test_cut_to_cells(text, width, cut):
    assert cut_to_cells(text, width) == cut == _cut_one_at_a_time(text, width)
    assert cell_width(cut) <= width


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab กิ่ีุ้ำ漢ｗ\u200be\u0301"), max_size=60), st.integers(1, 30))
def test_cut_to_cells_is_the_cut_made_one_character_at_a_time(text, width):
    assert cut_to_cells(text, width) == _cut_one_at_a_time(text, width)


def caret_under(row: str, column: int, end_column: int) -> tuple[str, str]:
    """The printed line and its caret line, to read them one above the other."""
    return shown_line(row), caret_line(row, column, end_column)


def test_caret_under_ascii():
    assert caret_under("weight 20", 8, 10) == ("weight 20", "       ^^")


def test_caret_after_thai_with_marks_lines_up():
    # `"มิติ"` is 6 code points but 4 cells: the caret moves 2 fewer columns than the code points.
    row = 'dimension a "มิติ" weigth 100'
    column = row.index("weigth") + 1
    line, carets = caret_under(row, column, column + 6)
    assert carets == " " * (column - 1 - 2) + "^" * 6
    assert cell_width(line[: column - 1]) == len(carets) - 6


def test_caret_width_counts_cells_of_the_marked_thai_text():
    row = 'kpi 1 "น้ำหนัก" weight 5'
    start = row.index('"') + 1
    end = row.index('"', start) + 2
    assert caret_line(row, start, end) == " " * 6 + "^" * 7  # the quotes and the 5 cells between


def test_caret_after_wide_characters():
    row = '"漢字" weight 5'
    column = row.index("weight") + 1
    assert caret_line(row, column, column + 6) == " " * 7 + "^" * 6


def test_tab_is_one_cell_in_the_line_and_under_it():
    row = "\tweight\t20"
    line, carets = caret_under(row, 9, 11)
    assert line == " weight 20"
    assert carets == "        ^^"
    assert caret_line(row, 1, 2) == "^"  # the tab itself


def test_span_past_end_of_line_is_cut_at_the_end():
    assert caret_line("abc", 2, 40) == " ^^"


def test_span_after_the_last_character_gets_one_caret_there():
    assert caret_line("weight", 7, 8) == "      ^"
    assert caret_line("น้ำ", 4, 5) == "  ^"  # after a Thai word whose last mark takes no column


def test_empty_or_reversed_span_still_shows_one_caret():
    assert caret_line("abc", 2, 2) == " ^"
    assert caret_line("abc", 3, 1) == "  ^"


def test_control_and_bidi_characters_are_shown_escaped_and_the_caret_follows():
    row = "a\x1b[31mb\u202ec"
    assert shown_line(row) == "a\\x1b[31mb\\u202ec"
    # the caret counts the columns of the escapes: 1 + 4 + 4 + 1 + 6
    assert caret_line(row, row.index("c") + 1, row.index("c") + 2) == " " * 16 + "^"
    assert caret_line(row, 2, 3) == " " + "^" * 4  # under the whole escape of ESC


def test_a_byte_order_mark_mid_line_is_shown_escaped_under_s001_and_the_caret_is_under_it(tmp_path):
    """Two files joined leave the second's byte-order mark mid-file: S001 points at it, and
    the excerpt showed it raw, a caret under nothing to see."""
    from kpidsl.check import check_paths

    src = 'framework f "กรอบ" {\n    kpi 5 "ร้อยละ" weight 100 {\ufeff ladder 65 70 75 80 85 }\n}\n'
    (tmp_path / "a.kpi").write_text(src, encoding="utf-8")
    found = [d for d in check_paths([tmp_path]).diagnostics if d.code == "S001"]
    assert [(d.span.line, d.span.column) for d in found] == [(2, 32)]
    out = text(found, {found[0].span.path: src}, "en", (1, 1, 0)).splitlines()
    assert out[1] == '    2 |     kpi 5 "ร้อยละ" weight 100 {\\ufeff ladder 65 70 75 80 85 }'
    # 31 code points before it, in 30 columns (ร้อยละ's tone mark takes none); the caret
    # spans the six of the escape
    assert out[2] == "      | " + " " * 30 + "^" * 6


@pytest.mark.parametrize(("ch", "escaped"), [
    ("\ufeff", "\\ufeff"), ("\u2060", "\\u2060"), ("\u00ad", "\\xad"), ("\u2064", "\\u2064"),
    ("\u206a", "\\u206a"), ("\ufff9", "\\ufff9"), ("\U000e0041", "\\U000e0041"), ("\u200e", "\\u200e"),
    ("\u202a", "\\u202a"), ("\u2066", "\\u2066")])
def test_invisible_format_characters_are_shown_escaped_and_the_caret_follows(ch, escaped):
    row = f"a{ch}b"
    assert shown_line(row) == f"a{escaped}b"
    assert caret_line(row, 3, 4) == " " * (1 + len(escaped)) + "^"
    assert caret_line(row, 2, 3) == " " + "^" * len(escaped)


def test_every_format_character_but_the_thai_word_break_and_joiners_is_shown_escaped():
    import sys
    import unicodedata

    kept = {"\u200b", "\u200c", "\u200d"}
    fmt = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert [f"U+{ord(c):04X}" for c in fmt if c not in kept and shown_line(c) == c] == []
    assert [shown_line(c) for c in sorted(kept)] == sorted(kept)
    assert shown_line("ก\u200bข") == "ก\u200bข"


# ---- text ----------------------------------------------------------------------------------------


def render_text(d: Diagnostic, src: str, lang: str = "en") -> list[str]:
    return text([d], {"a.kpi": src}, lang, (1, 1, 0)).splitlines()


def test_text_layout():
    src = 'framework f "x" {\n  dimension a "ก" weight 60\n}\n'
    out = render_text(diag(span=Span("a.kpi", 2, 26, 2, 28)), src)
    assert out == [
        "a.kpi:2:26: W001 error: weights under framework `f` add up to 90, not 100",
        '    2 |   dimension a "ก" weight 60',
        "      |                          ^^",
        "      = hint: weights: a = 60",
        "checked 1 file: 1 error, 0 warnings",
    ]


def test_text_in_thai():
    src = 'framework f "x" {\n'
    out = render_text(diag(span=Span("a.kpi", 1, 11, 1, 12)), src, "th")
    assert out[0] == "a.kpi:1:11: W001 error: น้ำหนักภายใต้ กรอบ `f` รวมได้ 90 ไม่ใช่ 100"
    assert out[3] == "      = คำแนะนำ: น้ำหนัก: a = 60"
    assert out[4] == "ตรวจ 1 ไฟล์: พบข้อผิดพลาด 1 รายการ คำเตือน 0 รายการ"


def test_text_span_at_end_of_file_after_the_last_character():
    src = 'framework g "y" weight 5 -'  # no newline at the end
    out = render_text(diag("S003", Span("a.kpi", 1, 27, 1, 28), expected="a value", expected_th="ค่า"), src)
    assert out[0].startswith("a.kpi:1:27: S003 error: the file ends too early")
    assert out[1] == "    1 | " + src
    assert out[2] == "      | " + " " * 26 + "^"


def test_text_multi_line_span_underlines_the_rest_of_its_first_line():
    src = "bands b {   \n  band x\n}\n"
    out = render_text(diag(span=Span("a.kpi", 1, 7, 3, 2)), src)
    assert out[1] == "    1 | bands b {   "
    assert out[2] == "      |       ^^^"  # to the end of the text, not the trailing blanks


def test_text_without_source_or_span():
    out = text([CODES["F001"].at(None, path="nowhere")], {}, "en", (0, 1, 0)).splitlines()
    assert out == ["F001 error: path not found: nowhere", "      = hint: check the spelling of the path",
                   "checked 0 files: 1 error, 0 warnings"]
    # A span into a file whose text is unknown (it could not be decoded): no excerpt.
    out = render_text(diag(span=Span("b.kpi", 1, 1, 1, 1)), "x")
    assert out[1].startswith("      = hint")


def test_text_span_beyond_the_file_or_on_a_blank_line_shows_no_excerpt():
    assert render_text(diag(span=Span("a.kpi", 9, 1, 9, 2)), "a\nb\n")[1].startswith("      = hint")
    assert render_text(diag(span=Span("a.kpi", 2, 1, 2, 2)), "a\n   \n")[1].startswith("      = hint")


# ---- json ----------------------------------------------------------------------------------------

JSON_FIELDS = {"code", "severity", "path", "line", "column", "end_line", "end_column", "message",
               "message_th", "message_en", "hint"}


def test_json_fields_and_summary():
    d = diag(span=Span("a.kpi", 2, 26, 2, 28))
    doc = json.loads(json_report([d, CODES["F006"].at(Span.whole_file("b.kpi"))], "th", (2, 1, 1)))
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 2, "errors": 1, "warnings": 1}
    first, second = doc["diagnostics"]
    assert JSON_FIELDS <= first.keys()
    assert (first["code"], first["severity"], first["path"]) == ("W001", "error", "a.kpi")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 26, 2, 28)
    assert first["message"] == first["message_th"] == d.message_th
    assert first["message_en"] == d.message_en
    assert first["hint"] == d.hint_th
    assert second["severity"] == "warning"


def test_json_without_span_has_null_location():
    doc = json.loads(json_report([CODES["F001"].at(None, path="x")], "en", (0, 1, 0)))
    entry = doc["diagnostics"][0]
    assert JSON_FIELDS <= entry.keys()
    assert entry["path"] is entry["line"] is entry["column"] is None


# ---- github --------------------------------------------------------------------------------------


def test_github_annotation():
    out = github([diag(span=Span("rules/a.kpi", 2, 26, 2, 28))], "en")
    assert out == ("::error file=rules/a.kpi,line=2,col=26,endLine=2,endColumn=28,title=W001::"
                   "weights under framework `f` add up to 90, not 100%0Aweights: a = 60\n")


def test_github_escapes_properties_and_data():
    d = diag("F009", Span("dir,x/a:b%.kpi", 1, 1, 1, 1), path="p", reason="50% done\r\nnext line")
    out = github([d], "en")
    assert out.count("\n") == 1 and "\r" not in out  # one command, one line
    props, message = out.rstrip("\n").split("::", 2)[1:]
    assert props == "error file=dir%2Cx/a%3Ab%25.kpi,line=1,col=1,endLine=1,endColumn=1,title=F009"
    assert message == "cannot read p: 50%25 done%0D%0Anext line%0A" + d.hint_en  # the hint on a line of its own


def test_github_warning_and_pathless():
    out = github([CODES["F006"].at(Span.whole_file("a.kpi")), CODES["F001"].at(None, path="x")], "en")
    lines = out.splitlines()
    assert lines[0].startswith("::warning file=a.kpi,line=1,col=1,")
    assert lines[1] == "::error title=F001::path not found: x%0Acheck the spelling of the path"


def test_github_nothing_to_say():
    assert github([], "en") == ""


# ---- sarif ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sample_diags() -> list[Diagnostic]:
    return [
        diag(span=Span("rules/2555/กรอบ งาน.kpi", 2, 26, 2, 28)),
        CODES["F006"].at(Span.whole_file("a.kpi")),
        CODES["F001"].at(None, path="missing"),
        CODES["S004"].at(Span.point("/abs/b.kpi", 1, 20)),
    ]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_sarif_is_valid_against_the_official_schema(sarif_validator, lang):
    doc = json.loads(sarif(sample_diags(), lang))
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_validator_does_reject_a_broken_log(sarif_validator):
    doc = json.loads(sarif(sample_diags(), "en"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    del doc["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(doc))) == 2


def test_sarif_rules_are_the_registry(sarif_validator):
    doc = json.loads(sarif(sample_diags(), "en"))
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(CODES)
    by_id = {r["id"]: r for r in rules}
    assert by_id["S004"]["shortDescription"]["text"] == "`{` is never closed"
    assert by_id["K001"]["shortDescription"]["text"] == "unknown key `<word>` in <context>"
    assert by_id["F006"]["defaultConfiguration"]["level"] == "warning"
    assert run["columnKind"] == "unicodeCodePoints"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations():
    run = json.loads(sarif(sample_diags(), "th"))["runs"][0]
    w001, f006, f001, s004 = run["results"]
    loc = w001["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "rules/2555/%E0%B8%81%E0%B8%A3%E0%B8%AD%E0%B8%9A%20%E0%B8%87%E0%B8%B2%E0%B8%99.kpi"
    assert loc["region"] == {"startLine": 2, "startColumn": 26, "endLine": 2, "endColumn": 28}
    assert w001["message"]["text"].startswith("น้ำหนักภายใต้")
    assert f006["level"] == "warning"
    assert "locations" not in f001
    assert s004["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///abs/b.kpi"
    assert run["language"] == "th"


def test_render_dispatch():
    d = [diag(span=Span("a.kpi", 1, 1, 1, 2))]
    assert render("json", d, {}, "en", (1, 1, 0)).startswith("{")
    assert render("github", d, {}, "en", (1, 1, 0)).startswith("::error")
    assert '"2.1.0"' in render("sarif", d, {}, "en", (1, 1, 0))
    assert render("text", d, {}, "en", (1, 1, 0)).startswith("a.kpi:1:1: W001")
