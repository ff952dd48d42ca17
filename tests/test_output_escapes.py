"""Nothing from the input is run by the program that reads kpidsl's output:
spreadsheet formulas in CSV cells are neutralised, control characters and bidi
overrides are shown escaped in every text output, and Thai digits never touch
markup. Also: text diagnostics scale linearly and say when they are capped."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.cli import main
from kpidsl.plan.read import plan_of
from kpidsl.diagnostics import CODES, Span
from kpidsl.diagnostics.render import (
    LINE_CELLS,
    MAX_SHOWN_PER_FILE,
    cell_width,
    excerpt,
    github,
    summary_line,
    text,
)
from kpidsl.forms.env import apply_digits
from kpidsl.outputs.cells import FIGURE, TEXT, formula_like, safe_row, spreadsheet_safe
from kpidsl.outputs.terminal import shown, without_bidi
from kpidsl.score import score_agreement
from kpidsl.score.batch import score_records
from kpidsl.score.examples import inputs_of
from kpidsl.score.report import CSV_HEADER, CSV_KINDS, results_row
from kpidsl.score.report import text as report_text

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_CSV = ROOT / "tests/data/score/individuals_2554.csv"
DEPT_CSV = ROOT / "tests/data/score/dept_example_2555.csv"

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?a=1","คลิก")', "@SUM(A1:A9)",
            "+1+1", "-2+3", "\t=1", "\r=1"]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    return ROOT


# ---- 6. CSV formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_starts_a_formula_gets_a_quote_in_front(cell):
    assert formula_like(cell)
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["จรรยา เรียบร้อย", "somsak", "1", "a=b", "x-1", "", "'=already"])
def test_other_text_is_unchanged(cell):
    assert not formula_like(cell)
    assert spreadsheet_safe(cell) == cell


def test_figures_are_decided_by_their_column_not_their_first_character():
    row = ["a", "=p", "-r", "-5", "-0.25", "-1", "@b", "-2.5", "-100"]
    kinds = [TEXT, TEXT, TEXT, FIGURE, FIGURE, FIGURE, TEXT, FIGURE, FIGURE]
    assert safe_row(row, kinds) == ["a", "'=p", "'-r", "-5", "-0.25", "-1", "'@b", "-2.5", "-100"]
    with pytest.raises(ValueError):
        safe_row(row[:3], kinds)


def test_the_results_row_neutralises_its_text_columns_only():
    cells = ["=a", "=HYPERLINK(1)", "-r1", "-5", "-0.25", "-1.0000", "@band", "-2.5", "-1130"]
    assert results_row(cells) == ["'=a", "'=HYPERLINK(1)", "'-r1", "-5", "-0.25", "-1.0000", "'@band",
                                  "-2.5", "-1130"]
    assert len(CSV_HEADER) == len(cells)
    assert results_row(list(cells)) == safe_row(cells, CSV_KINDS)


def hostile_people(tmp_path: Path) -> tuple[Path, list[str]]:
    """individuals_2554.csv with each row's person replaced by a formula (and a quote
    and a comma in one, so the writer's quoting and the prefix meet)."""
    rows = list(csv.reader(io.StringIO(PEOPLE_CSV.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    people = [FORMULAS[i % len(FORMULAS)] for i in range(len(body))]
    people[-1] = '=HYPERLINK("a,b")'
    at = header.index("person")
    for row, person in zip(body, people):
        row[at] = person
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body])
    return path, people


@pytest.mark.parametrize("fast", [True, False], ids=["untraced", "explained"])
def test_score_csv_writes_hostile_person_cells_as_text(tmp_path, at_root, shipped_plan, fast):
    results, people = hostile_people(tmp_path)
    outcome = score_records(shipped_plan("2554"), "rules/2554", results, None, None, "csv", False, "en", None, fast=fast)
    assert outcome.diagnostics == []
    rows = list(csv.DictReader(io.StringIO(outcome.text)))
    assert [r["person"] for r in rows] == ["'" + p for p in people]
    for r in rows:
        assert not formula_like(r["agreement"]) and not formula_like(r["total"])
        float(r["total"])  # figures stay numbers


def test_score_csv_cli_neutralises_person(tmp_path, at_root):
    results, people = hostile_people(tmp_path)
    result = run("score", "rules/2554", "--results", results, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["person"] for r in rows] == ["'" + p for p in people]


# ---- 7. control characters and bidi overrides in text outputs -------------------------------------


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize(("raw", "escaped"), [
    ("\x1b[2J", "\\x1b[2J"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    ("a\tb\rc", "a\\tb\\rc"),
    ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
    ("abc\u202edef", "abc\\u202edef"),
    ("\u2066x\u2069\u200e\u200f\u061c", "\\u2066x\\u2069\\u200e\\u200f\\u061c"),
    ("\u2028", "\\u2028"),
    ("one\ntwo", "one\ntwo"),
])
def test_each_hidden_character_has_its_escape(raw, escaped):
    assert shown(raw) == escaped


@pytest.mark.parametrize("kept", [
    "น้ำหนัก", "ที่", "ร้อยละของระดับความพึงพอใจ", "๐๑๒๓๔๕๖๗๘๙", "ฯลฯ", "เกณฑ์ ๕ ระดับ",
    "a\u200bb", "a\u200cb\u200db", "e\u0301", "漢字",
])
def test_thai_marks_and_joiners_print_unchanged(kept):
    assert shown(kept) == kept
    assert without_bidi(kept) == kept


def shipped_titles() -> list[str]:
    titles = set()
    for path in sorted((ROOT / "rules").rglob("*.kpi")):
        titles.update(re.findall(r'"([^"\n]*[\u0e00-\u0e7f][^"\n]*)"', path.read_text(encoding="utf-8")))
    return sorted(titles)


def test_every_thai_title_of_the_shipped_rules_prints_unchanged():
    titles = shipped_titles()
    assert len(titles) > 100 and any("\u0e48" in t or "\u0e49" in t for t in titles)  # tone marks among them
    assert [t for t in titles if shown(t) != t] == []


def hostile_diagnostic(cell: str):
    return CODES["Q003"].at(Span("r.csv", 2, 3, 2, 3 + len(cell)), text=cell, column="5")


def no_hidden_characters(out: str) -> None:
    assert not [c for c in out if (ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f or c in BIDI
                or c in "\u2028\u2029"]


HOSTILE = st.lists(st.sampled_from(list("aก่ิ1 ,;`\t\r\x00\x07\x1b\x7f\x85\x9b") + list(BIDI) + ["\u2028", "\x1b[2J"])
                   | st.characters(max_codepoint=0x30000, exclude_characters="\n"), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(cell=HOSTILE, lang=st.sampled_from(["th", "en"]))
def test_text_diagnostics_never_carry_hidden_characters(cell, lang):
    d = hostile_diagnostic(cell)
    out = text([d], {"r.csv": "agreement,5\na," + cell + "\n"}, lang, (1, 1, 0))
    no_hidden_characters(out)
    assert out.count("\n") == len(out.splitlines())  # no line breaks but the newlines
    no_hidden_characters(github([d], lang))


def test_a_newline_in_a_message_or_path_cannot_start_a_line_of_its_own(tmp_path):
    # a quoted CSV cell (or a workbook cell, or a file name) may hold a newline: printed
    # as it is, what follows it read as a diagnostic of its own
    forged = "/etc/passwd:1:1: Q999 error: forged"
    results = tmp_path / "r.csv"
    results.write_text(f'agreement,round,person\n"x\n{forged}",1,a\n', encoding="utf-8")
    result = run("score", ROOT / "rules" / "2554", "--results", results, "--lang", "en")
    assert result.exit_code == 1
    assert not any(line.startswith(forged) for line in result.stderr.splitlines()), result.stderr
    assert f"Q001 error: no agreement `x\\n{forged}` in rule set 2554" in result.stderr
    d = CODES["Q003"].at(Span(f"r\n{forged}.csv", 2, 3, 2, 4), text="1", column="5")
    assert not any(line.startswith(forged) for line in text([d], {}, "en", (1, 1, 0)).splitlines())


def test_q003_quotes_the_cell_escaped_and_the_caret_stays_under_it(tmp_path):
    cell = "7\x1b[31m8"
    d = hostile_diagnostic(cell)
    out = text([d], {"r.csv": "agreement,5\na," + cell + "\n"}, "en", (1, 1, 0)).splitlines()
    assert out[0] == "r.csv:2:3: Q003 error: `7\\x1b[31m8` in column `5` is not a number"
    assert out[1] == "    2 | a,7\\x1b[31m8"
    assert out[2] == "      |   " + "^" * 10


HOSTILE_RULES = """\
{pad}framework f "กรอบ\x1b]0;pwn\x07 \u202eevil" {{
    fiscal_year 2555
    dimension d "มิติ\x1b[2J" weight 100 {{
        kpi 5 "ความพึงพอใจ\u202e" weight 100 {{ ladder 65 70 75 80 85 }}
    }}
}}
example e "ตัวอย่าง" {{
    agreement a
    given {{ kpi 5 result 78 }}
    expect {{ kpi 5 score {expected} }}
}}
agreement a "คำรับรอง\x1b[31m" {{ framework f }}
"""
# Enough ordinary text that the file is not taken for a binary one (F005).
PAD = "".join(f"# บรรทัดอธิบาย {i} ของไฟล์กฎ ให้มีข้อความมากพอ\n" for i in range(20))


def hostile_rule_set(folder: Path, expected: str = "3.6") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "r.kpi").write_text(HOSTILE_RULES.format(pad=PAD, expected=expected), encoding="utf-8")
    return folder


@pytest.mark.parametrize("explain", [False, True], ids=["text", "explain"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_score_text_shows_hostile_titles_escaped(tmp_path, explain, lang):
    rules = hostile_rule_set(tmp_path / "rules")
    results = tmp_path / "r.csv"
    results.write_text("agreement,person,5\na,x\x1b[2J,78\n", encoding="utf-8")
    result = run("score", rules, "--results", results, "--lang", lang, *(["--explain"] if explain else []))
    assert result.exit_code == 0, result.output
    no_hidden_characters(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == "a — คำรับรอง\\x1b[31m"
    assert any(line.startswith("  d มิติ\\x1b[2J ") for line in lines)
    assert any(line.startswith("    5 ความพึงพอใจ\\u202e ") for line in lines)


def test_score_json_stays_exact(tmp_path):
    rules = hostile_rule_set(tmp_path / "rules")
    results = tmp_path / "r.csv"
    results.write_text("agreement,person,5\na,x\x1b[2J,78\n", encoding="utf-8")
    result = run("score", rules, "--results", results, "--format", "json")
    doc = json.loads(result.stdout)
    assert doc[0]["person"] == "x\x1b[2J" and doc[0]["nodes"][0]["title"] == "มิติ\x1b[2J"


def test_score_diagnostic_quotes_the_cell_escaped(tmp_path):
    rules = hostile_rule_set(tmp_path / "rules")
    results = tmp_path / "r.csv"
    results.write_text("agreement,person,5\na,x,7\x1b[31m8\n", encoding="utf-8")
    result = run("score", rules, "--results", results, "--lang", "en")
    assert result.exit_code == 1
    no_hidden_characters(result.stderr)
    assert f"{results}:2:5: Q003 error: `7\\x1b[31m8` in column `5` is not a number" in result.stderr


def test_diff_text_shows_hostile_titles_escaped(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "r.kpi").write_text(HOSTILE_RULES.format(pad=PAD, expected="3.6").replace("\u202eevil", "ok")
                               .replace("มิติ\x1b[2J", "มิติ"), encoding="utf-8")
    new = hostile_rule_set(tmp_path / "new")
    result = run("diff", old, new, "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    no_hidden_characters(result.stdout)
    assert "      มิติ → มิติ\\x1b[2J" in result.stdout.splitlines()
    assert "กรอบ\\x1b]0;pwn\\x07 \\u202eevil" in result.stdout


def test_kpidsl_test_output_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hostile_rule_set(Path("rules\x1b]0;x\x07"), expected="3.7")  # the folder's name is printed too
    result = run("test", "rules\x1b]0;x\x07", "--lang", "en")
    assert result.exit_code == 1
    no_hidden_characters(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == "FAIL e  rules\\x1b]0;x\\x07/r.kpi:27"
    assert lines[-1] == "1 passed, 1 failed"


def test_forms_show_bidi_controls_escaped(tmp_path):
    rules = hostile_rule_set(tmp_path / "rules")
    out = tmp_path / "out"
    result = run("build", rules, "-o", out)
    assert result.exit_code == 0, result.output
    pages = [p for p in out.rglob("*") if p.suffix in (".html", ".md")]
    assert pages
    seen = ""
    for page in pages:
        body = page.read_text(encoding="utf-8")
        assert not [c for c in body if c in BIDI], page
        seen += body
    assert "ความพึงพอใจ\\u202e" in seen


def test_forms_show_control_characters_escaped(tmp_path):
    """An ESC or BEL in a title is shown escaped in the forms as a bidi override is: `cat` of
    a Markdown form must not drive the terminal, and HTML has no place for them."""
    rules = hostile_rule_set(tmp_path / "rules")
    out = tmp_path / "out"
    result = run("build", rules, "-o", out)
    assert result.exit_code == 0, result.output
    seen = ""
    for page in (p for p in out.rglob("*") if p.suffix in (".html", ".md")):
        body = page.read_text(encoding="utf-8")
        no_hidden_characters(body.replace("\t", " ").replace("\r", ""))
        seen += body
    assert "กรอบ\\x1b]0;pwn\\x07" in seen and "มิติ\\x1b[2J" in seen


# ---- 8. Thai digits never touch markup ------------------------------------------------------------


THAI_DIGIT = re.compile("[๐-๙]")
ENTITY = re.compile(r"&#?[0-9A-Za-z๐-๙]+;")
# Names a rule file gave (dept_example_2555, X1, r6) are shown as written, as are URLs.
NAMES = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[0-9]+[A-Za-z_][A-Za-z_0-9]*|https?://\S+")


class VisibleText(HTMLParser):
    """The text a reader sees: outside <style>, <script> and <code>, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "code"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "code"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


@pytest.fixture(scope="module")
def thai_builds(tmp_path_factory):
    out = {}
    for year in ("2554", "2555"):
        folder = tmp_path_factory.mktemp("thai") / year
        result = CliRunner().invoke(main, ["build", str(ROOT / "rules" / year), "-o", str(folder), "--digits", "thai"])
        assert result.exit_code == 0, result.output
        out[year] = folder
    return out


def test_entities_keep_their_digits():
    assert apply_digits('<p>&#34;ก 12&#34; &amp; &#x27;3&#39;</p>', "html", "thai") == \
        '<p>&#34;ก ๑๒&#34; &amp; &#x27;๓&#39;</p>'
    assert apply_digits('ผล 85 &#124; 90 <https://example.org/a/2555> https://x.org/2', "md", "thai") == \
        'ผล ๘๕ &#124; ๙๐ <https://example.org/a/2555> https://x.org/2'


def test_no_thai_digit_in_markup_entities_or_styles_of_any_shipped_form(thai_builds):
    pages = [p for folder in thai_builds.values() for p in folder.rglob("*.html")]
    assert len(pages) > 20
    for page in pages:
        body = page.read_text(encoding="utf-8")
        assert [t for t in re.findall(r"<[^>]*>", body) if THAI_DIGIT.search(t)] == [], page
        assert [e for e in ENTITY.findall(body) if THAI_DIGIT.search(e)] == [], page
        for style in re.findall(r"<style\b.*?</style>", body, re.DOTALL):
            assert not THAI_DIGIT.search(style), page
        visible = VisibleText()
        visible.feed(body)
        text_ = NAMES.sub("", " ".join(visible.parts))
        assert re.findall(r".{0,20}[0-9].{0,20}", text_) == [], page
        assert THAI_DIGIT.search(text_), page  # figures and dates are there, in Thai


def test_no_thai_digit_in_entities_or_code_of_the_markdown_forms(thai_builds):
    pages = [p for folder in thai_builds.values() for p in folder.rglob("*.md")]
    assert pages
    for page in pages:
        body = page.read_text(encoding="utf-8")
        assert [e for e in ENTITY.findall(body) if THAI_DIGIT.search(e)] == [], page
        assert [c for c in re.findall(r"`[^`\n]*`", body) if THAI_DIGIT.search(c)] == [], page


def test_a_title_with_angle_brackets_is_text_in_markdown():
    assert apply_digits("ผล \\< 5 และ 6 \\> 2 <br/>", "md", "thai") == "ผล \\< ๕ และ ๖ \\> ๒ <br/>"


# ---- 11. text diagnostics that scale -------------------------------------------------------------


def test_a_long_line_is_cut_around_the_caret_with_ellipses():
    row = "x 1;" * 1000
    column = 2001  # the `x` of the 501st statement
    line, carets = excerpt(row, column, column + 1)
    assert line.startswith("…") and line.endswith("…")
    assert len(line) == LINE_CELLS
    assert line[len(carets) - 1] == "x"  # the caret is under the character it names
    assert carets == " " * 40 + "^"  # a third of the room before it


def test_a_long_line_cut_at_its_start_or_its_end_has_one_ellipsis():
    row = "ก" * 10 + "y" + "a" * 300
    line, carets = excerpt(row, 11, 12)
    assert line == "ก" * 10 + "y" + "a" * (LINE_CELLS - 2 - 11) + "…"
    assert carets == " " * 10 + "^"
    line, carets = excerpt(row, len(row), len(row) + 1)  # the last character
    assert line == "…" + "a" * (LINE_CELLS - 2) and carets == " " * (LINE_CELLS - 2) + "^"
    line, carets = excerpt(row, len(row) + 1, len(row) + 2)  # just after it
    assert line == "…" + "a" * (LINE_CELLS - 2) and carets == " " * (LINE_CELLS - 1) + "^"


def test_a_cut_thai_line_keeps_its_marks_and_the_caret_lines_up():
    word = "น้ำหนัก"  # 7 code points, 5 columns
    row = word * 60 + " weigth 5 " + word * 60
    column = row.index("weigth") + 1
    line, carets = excerpt(row, column, column + 6)
    assert line.startswith("…") and line.endswith("…")
    assert cell_width(line) <= LINE_CELLS
    pad = len(carets) - 6
    assert carets.endswith("^" * 6)
    shown_before = line[: line.index(" weigth") + 1]
    assert cell_width(shown_before) == pad
    assert unicodedata.category(line[1]) != "Mn"  # no tone mark or vowel sits on the ellipsis


def unknown_keys(n: int) -> tuple[list, dict, str]:
    src = "x 1;" * n
    diags = [CODES["K001"].at(Span("big.kpi", 1, 1 + 4 * i, 1, 2 + 4 * i), word="x", context="the top level of a file",
                              context_th="ระดับบนสุดของไฟล์", hint="", hint_th="") for i in range(n)]
    return diags, {"big.kpi": src}, src


def test_ten_thousand_diagnostics_on_one_long_line_print_bounded_lines():
    diags, sources, _ = unknown_keys(10_000)
    out = text(diags, sources, "en", (1, 10_000, 0), limit=None)
    lines = out.splitlines()
    assert len(lines) == 3 * 10_000 + 1
    assert max(len(line) for line in lines) <= len("    1 | ") + LINE_CELLS
    assert lines[-1] == "checked 1 file: 10000 errors, 0 warnings"


@pytest.mark.parametrize(("lang", "closing"), [
    ("en", "checked 1 file: 2500 errors, 0 warnings (200 shown of 2,500)"),
    ("th", "ตรวจ 1 ไฟล์: พบข้อผิดพลาด 2500 รายการ คำเตือน 0 รายการ (แสดง 200 จาก 2,500 รายการ)"),
])
def test_text_shows_200_diagnostics_of_a_file_and_says_so(lang, closing):
    diags, sources, _ = unknown_keys(2500)
    lines = text(diags, sources, lang, (1, 2500, 0)).splitlines()
    assert sum(1 for line in lines if line.startswith("big.kpi:1:")) == MAX_SHOWN_PER_FILE
    assert lines[-1] == closing
    assert summary_line(2, 3, 1, 4, "en") == "checked 2 files: 3 errors, 1 warning"


def test_check_of_a_file_of_2500_errors(tmp_path):
    path = tmp_path / "big.kpi"
    path.write_text("x 1;" * 2500, encoding="utf-8")
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "checked 1 file: 2500 errors, 0 warnings (200 shown of 2,500)"
    assert sum(1 for line in lines if " K001 error: " in line) == 200
    doc = json.loads(run("check", path, "--format", "json").stdout)
    assert len(doc["diagnostics"]) == 2500  # programs get every one


def test_score_says_how_many_problems_it_did_not_show(tmp_path):
    rules = hostile_rule_set(tmp_path / "rules")
    results = tmp_path / "r.csv"
    results.write_text("agreement,person,5\n" + "".join(f"a,p{i},x{i}\n" for i in range(250)), encoding="utf-8")
    result = run("score", rules, "--results", results, "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "checked 1 file: 250 errors, 0 warnings (200 shown of 250)"
    assert result.stderr.count(" Q003 error: ") == 200


ROW = st.lists(st.sampled_from(list("ab1 ;\"กนหัิ่้ำ漢\t\x1b\x7f") + ["\u202e"]), max_size=400).map("".join)


@settings(max_examples=200, deadline=None)
@given(row=ROW, data=st.data())
def test_the_caret_is_under_its_character_in_any_cut(row, data):
    column = data.draw(st.integers(1, len(row) + 1))
    line, carets = excerpt(row, column, column + 1)
    assert cell_width(line) <= LINE_CELLS and len(carets) <= LINE_CELLS + 1
    pad = len(carets) - len(carets.lstrip(" "))
    if column <= len(row) and cell_width(row[column - 1]) == 1 and row[column - 1] not in "\t\x1b\x7f\u202e":
        at_pad = [i for i in range(len(line)) if cell_width(line[:i]) == pad]
        assert any(line[i] == row[column - 1] for i in at_pad), (line, carets)


@settings(max_examples=40, deadline=None)
@given(title=HOSTILE, lang=st.sampled_from(["th", "en"]), explain=st.booleans())
def test_score_text_never_carries_hidden_characters(shipped_plan, title, lang, explain):
    plan = shipped_plan("2555")
    agreement = next(a for a in plan["agreements"] if a["id"] == "dept_example_2555")
    agreement["title"] = title  # before the plan is first read typed (kpidsl.plan.read.plan_of)
    example = next(e for e in plan_of(plan).examples if e.agreement.id == "dept_example_2555")
    report = score_agreement(plan, "dept_example_2555", inputs_of(example))
    out = report_text(report, "rules/2555", lang, explain)
    no_hidden_characters(out)
    assert out.splitlines()[0] == f"dept_example_2555 — {shown(title)}"
