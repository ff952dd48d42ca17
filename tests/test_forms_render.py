"""The forms infrastructure and the overview, agreement, indicator-template and
calendar forms: escaping (HTML autoescape, GFM-safe Markdown cells), Thai digits,
the embedded font, figures of the shipped rule sets, and snapshots of every form
file of rules/2555 and of the Rayong example agreement of rules/2554.

Snapshots are one file per form (tests/__snapshots__/test_forms_render/), with
the inline font left out so they stay readable; `pytest --snapshot-update`
accepts a reviewed change."""

from __future__ import annotations

import base64
import re
import textwrap
from pathlib import Path

import html5lib
import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from kpidsl.check import check_paths
from kpidsl.forms import FORMS, FormsError, forms, render_forms
from kpidsl.forms.env import apply_digits, md_escape
from kpidsl.forms.build import build_files
from kpidsl.plan import compile_plan

ROOT = Path(__file__).resolve().parent.parent
FONT_DATA = re.compile(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)")
MINE = ("overview", "agreement", "indicator-template", "calendar")


def compiled(folder: Path, root: str) -> dict:
    result = check_paths([folder])
    assert not result.errors and not result.io_trouble, result.diagnostics
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(root))


@pytest.fixture(scope="module")
def plan2555(shipped_plan) -> dict:
    return shipped_plan("2555", "rules/2555")


@pytest.fixture(scope="module")
def plan2554(shipped_plan) -> dict:
    return shipped_plan("2554", "rules/2554")


STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def without_font(text: str) -> str:
    return FONT_DATA.sub("url(data:font/woff2;base64,…)", text)


def text_of(html: str) -> str:
    """What a reader sees: the HTML without its style, tags and code spans."""
    html = re.sub(r"<style\b.*?</style>|<code\b.*?</code>", " ", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


def md_rows(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("|")]


def first_rows(md: str) -> dict[str, list[str]]:
    """The cells of each table row by its first cell (the first row wins: the indicator
    table comes before the ladder and milestone tables)."""
    out: dict[str, list[str]] = {}
    for line in md_rows(md):
        row = cells(line)
        out.setdefault(row[0], row)
    return out


def cells(line: str) -> list[str]:
    """The cells of a GFM table row (an escaped ``\\|`` stays inside its cell)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


# ---- snapshots ----------------------------------------------------------------------------------
class _FormFile(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)


def _extension(ext: str):
    return type(f"_Form{ext.title()}", (_FormFile,), {"file_extension": ext})


def _cases():
    for year, agreement in (("2555", None), ("2554", "rayong_agri_2554")):
        for form in MINE:
            for fmt in ("html", "md"):
                yield pytest.param(year, agreement, form, fmt, id=f"{year}-{form}-{fmt}")


@pytest.mark.parametrize("year, agreement, form, fmt", list(_cases()))
def test_form_snapshots(year, agreement, form, fmt, plan2555, plan2554, snapshot):
    plan = plan2555 if year == "2555" else plan2554
    files = render_forms(plan, output_format=fmt, form=form, root=f"rules/{year}")
    if agreement:  # one agreement of 2554 (and its framework, and the rule set's calendars)
        framework = next(a["framework"] for a in plan["agreements"] if a["id"] == agreement)
        files = {p: t for p, t in files.items()
                 if p.startswith((f"{agreement}/", f"framework-{framework}/")) or "/" not in p}
    assert files, f"{form} rendered nothing"
    for path, text in sorted(files.items()):
        shown = STYLE.sub("<style>…</style>", text) if fmt == "html" else text  # the CSS: one snapshot below
        assert shown == snapshot(name=path.replace("/", "__"), extension_class=_extension(fmt))


def test_stylesheet_snapshot(plan2555, snapshot):
    """The print stylesheet every HTML form shares (the font data cut out)."""
    html = render_forms(plan2555, output_format="html", form="overview")["framework-department/overview.html"]
    (style,) = STYLE.findall(html)
    assert without_font(style) == snapshot(name="stylesheet", extension_class=_extension("css"))


# ---- figures of the shipped rules -----------------------------------------------------------------
def test_overview_shows_the_slide_ladders_and_weights(plan2555):
    md = render_forms(plan2555, output_format="md", form="overview")["framework-department/overview.md"]
    rows = first_rows(md)
    # 003 slides 23-24: indicator 5, weight 7, ladder 65 70 75 80 85; slide 33: 8 is agreed, 85 … 95.
    assert rows["5"][3:] == ["7", "65", "70", "75", "80", "85"]
    assert rows["8"][3:] == ["ตามที่ตกลง", "85", "87.5", "90", "92.5", "95"]
    assert rows["1.2"][3].startswith("5 — ถ้ามี") and "1.1" in rows["1.2"][3]


def test_agreement_fills_agreed_weights_and_redistributes_the_omitted_one(plan2555):
    md = render_forms(plan2555, output_format="md", form="agreement")["dept_example_2555/agreement.md"]
    rows = first_rows(md)
    # department_example.kpi agrees 8 = 6, 9 = 4; omits 3 (10) whose weight goes proportionally
    # to 1, 2, 4 (20, 10, 20 → 24, 12, 24): the weights still add up to 100.
    assert rows["8"][3] == "6" and rows["9"][3] == "4"
    assert rows["1"][3].startswith("24") and rows["2"][3].startswith("12") and rows["4"][3].startswith("24")
    assert not any(cells(r)[0] == "3" and "กลุ่มภารกิจ" in r for r in md_rows(md))
    total = next(cells(r) for r in md_rows(md) if cells(r)[1] == "**รวม**")
    assert total[3] == "**100**"
    assert "ตัวชี้วัด 3" in md and "กระจายให้ตัวชี้วัดอื่นตามสัดส่วน" in md
    assert md.count("(ลงชื่อ)") == 2 and "ปลัดกระทรวงตัวอย่าง" in md and "อธิบดีกรมตัวอย่าง" in md
    assert "ตั้งแต่วันที่ 1 ตุลาคม 2554 ถึงวันที่ 30 กันยายน 2555" in md


def test_agreement_states_the_scoring_policies_of_its_rule_set(plan2555):
    # what a result below level 1 or between two levels scores is rules/2555/department.kpi's
    # policy (คะแนนต่ำสุด 1, เทียบสัดส่วน เชิงเส้น), not the slides': the signed agreement says it
    for fmt in ("md", "html"):
        text = render_forms(plan2555, output_format=fmt, form="agreement")[f"dept_example_2555/agreement.{fmt}"]
        text = " ".join(text.splitlines())  # the Markdown wraps its lines
        # the HTML's words kept on one line (kpidsl/forms/whole_words.py) read as the words
        text = re.sub(r'<span class="whole">([^<]*)</span>', r"\1", text.replace("<wbr>", ""))
        assert ("หลักเกณฑ์การให้คะแนนที่ กรอบการประเมินผลของส่วนราชการ ประจำปีงบประมาณ พ.ศ. 2555 ประกาศไว้: "
                "ผลไม่ถึงเกณฑ์ระดับ 1 ได้ 1 คะแนน (“คะแนนต่ำสุด 1”); "
                "ผลระหว่างสองระดับได้คะแนนตามสัดส่วนระหว่างสองระดับนั้น (“เทียบสัดส่วน เชิงเส้น”); "
                "คะแนนจากเกณฑ์ไม่เกิน 5 (“เพดาน 5”)") in text


def test_a_target_off_level_3_is_said_and_level_3_not_called_the_target(tmp_path):
    # L004 is a warning: a rule set may keep kpi 5's target 80 on the ladder 65 … 85, where 80 is
    # level 4 (tests/fixtures/check/L004/bad_target_at_level_4.kpi). The forms then must not say
    # "ระดับ 3 = ค่าเป้าหมาย" (75), and must say 80.
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent("""
        framework department "กรอบการประเมินผลของส่วนราชการ" {
            fiscal_year 2555
            dimension quality "การประเมินคุณภาพ" weight 100 {
                kpi 5 "ร้อยละของระดับความพึงพอใจของผู้รับบริการ" weight 60 {
                    target 80
                    ladder 65 70 75 80 85
                }
                kpi 6 "ร้อยละของระดับความพึงพอใจของผู้กำหนดนโยบาย" weight 40 { ladder 60 65 70 75 80 }
            }
        }
        agreement a1 "คำรับรองทดสอบ" { framework department 2555 }
    """), encoding="utf-8")
    plan = compiled(folder, "rs")
    for fmt in ("html", "md"):
        out = render_forms(plan, output_format=fmt)
        for name in (f"a1/agreement.{fmt}", f"framework-department/overview.{fmt}"):
            text = " ".join(out[name].splitlines())
            assert "ระดับ 3 = ค่าเป้าหมาย" not in text and "ค่าเป้าหมายอยู่ที่ระดับ 3" not in text, name
            assert "ค่าเป้าหมาย 80 (ระดับ 4)" in text, name
        for name in (f"a1/indicator-template.{fmt}", f"framework-department/overview.{fmt}"):
            text = " ".join(out[name].splitlines())
            assert "ค่าเป้าหมาย (ระดับ 4): 80" in text and "ค่าเป้าหมาย (ระดับ 3): 75" not in text, name
    # with every target at level 3 (rules/2555), the forms say so once, in their notes
    plan = compiled(ROOT / "rules" / "2555", "2555")
    assert "ระดับ 3 = ค่าเป้าหมาย" in render_forms(plan, output_format="html", form="agreement")[
        "dept_example_2555/agreement.html"]


def test_agreement_baselines_and_cascades(plan2555, plan2554):
    md = render_forms(plan2555, output_format="md", form="agreement")["dept_example_2555/agreement.md"]
    header = cells(md_rows(md)[0])
    assert header[4:6] == ["2553", "2554"]
    row = next(cells(r) for r in md_rows(md) if cells(r)[0] == "1.1.1")
    assert row[4:6] == ["76.5", "78"] and row[6:] == ["70", "75", "80", "85", "90"]
    # a person's agreement (tambon_a, under individual_2553) is its sheet: the cascade is said beside
    # the indicator, the superior named by who they are (the ids ag1a, ag1 are the rule file's)
    md = render_forms(plan2554, output_format="md", agreement="tambon_a", form="kpi-sheet")["tambon_a/kpi-sheet.md"]
    row = next(cells(r) for r in md_rows(md) if "ถ่ายทอดโดยแบ่งค่าเป้าหมาย" in r)
    assert row[1] == ("จำนวนพื้นที่เพาะปลูกข้าวหอมมะลิที่ได้คุณภาพและปลอดภัยจากสารพิษของตำบล ก (ไร่)"
                      " — ถ่ายทอดโดยแบ่งค่าเป้าหมาย จาก เกษตรอำเภอ")
    assert "ag1" not in md
    md = render_forms(plan2554, output_format="md", agreement="issue_driven_example", form="kpi-sheet")[
        "issue_driven_example/kpi-sheet.md"]
    assert "ถ่ายทอด" not in md  # nothing cascaded, nothing said


def test_individual_agreements_get_no_organisation_agreement(plan2554):
    files = render_forms(plan2554, output_format="md", form="agreement")
    assert "janya_2554_r1/agreement.md" not in files
    assert "province_example_2554/agreement.md" in files


def test_indicator_template_carries_the_template_fields(plan2555):
    files = render_forms(plan2555, output_format="md", form="indicator-template")
    fw = files["framework-department/indicator-template.md"]
    assert "Σ(W1.1.i × SM1.1.i) / ΣW1.1.i" in fw  # 003 slide 9: the formula of 1.1
    # printed (HTML, PDF), its sums take the summation sign Sarabun has (env.py)
    page = render_forms(plan2555, output_format="html", form="indicator-template")["framework-department/indicator-template.html"]
    assert "∑(W1.1.i × SM1.1.i) / ∑W1.1.i" in page and "Σ" not in page
    assert "| เจ้าภาพตัวชี้วัด | กรมบัญชีกลาง |" in fw  # indicator 7's owner
    assert "| ผู้จัดเก็บข้อมูล | สำนักงานสถิติแห่งชาติ |" in fw  # indicator 5's collector
    # In the agreement, an indicator shows its framework's template where the agreement says nothing.
    ag = files["dept_example_2555/indicator-template.md"]
    assert "| เจ้าภาพตัวชี้วัด | กรมบัญชีกลาง |" in ag
    assert "| ข้อมูลพื้นฐาน | พ.ศ. 2553: 76.5 |" in ag
    assert "เฉลี่ย(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100" in ag


def test_calendar_table_and_month_chart(plan2555, plan2554):
    md = render_forms(plan2555, output_format="md", form="calendar")["calendar.md"]
    assert "| 3 | บุคลากรของส่วนราชการตอบ" in md and "15–30 พ.ย. 2554" in md
    chart_header = next(r for r in md_rows(md) if "ก.ย. 54" in r)
    months = cells(chart_header)[2:]
    assert months[0] == "ก.ย. 54" and months[-1] == "ก.พ. 56" and len(months) == 18
    # Activity 5 runs 16 ธ.ค. 54 – 30 ก.ย. 55: ten months filled, from ธ.ค. 54.
    row5 = next(cells(r) for r in md_rows(md) if cells(r)[0] == "5" and "■" in r)
    assert [months[i] for i, c in enumerate(row5[2:]) if c == "■"] == [
        "ธ.ค. 54", "ม.ค. 55", "ก.พ. 55", "มี.ค. 55", "เม.ย. 55", "พ.ค. 55", "มิ.ย. 55", "ก.ค. 55", "ส.ค. 55", "ก.ย. 55"]
    html = render_forms(plan2554, output_format="html", form="calendar")["calendar.html"]
    assert "size: A4 landscape" in html
    assert "ภายใน 31 ต.ค. 2554" in html  # seed 002: the 12-month SAR is due 31 ต.ค. 2554


# ---- laid out: a unit cut inside its word (rules/2555 ตัวชี้วัด 9: "เป้าหมา" / "ยผลผลิต") ------------------

def test_the_unit_column_holds_its_longest_word(plan2555):
    from test_forms_sar import cell_lines

    html = render_forms(plan2555, output_format="html")
    for name in ("dept_example_2555/agreement.html", "framework-department/overview.html"):
        units = [lines for lines in cell_lines(html[name]) if "".join(lines) == "ร้อยละของเป้าหมายผลผลิต"]
        assert units, name
        for lines in units:
            assert "เป้าหมาย" in lines or any("เป้าหมาย" in line for line in lines), (name, lines)


# ---- escaping -------------------------------------------------------------------------------------
HOSTILE = 'กรม <script>alert("x")</script> | แถว\nใหม่ *ตัวหนา* [ลิงก์](http://example.com)'


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory) -> dict:
    """rules/2555 with an agreement title a template must not trust."""
    folder = tmp_path_factory.mktemp("hostile") / "2555"
    for src in (ROOT / "rules" / "2555").rglob("*.kpi"):
        dest = folder / src.relative_to(ROOT / "rules" / "2555")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "agreements" / "department_example.kpi"
    text = path.read_text(encoding="utf-8")
    old = "คำรับรองการปฏิบัติราชการของกรมตัวอย่าง ประจำปีงบประมาณ พ.ศ. 2555 (ตัวอย่าง)"
    assert old in text
    kpi_title = "ร้อยละของเกษตรกรที่ได้รับการถ่ายทอดเทคโนโลยีการผลิต"
    assert kpi_title in text
    escaped = HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    text = text.replace(old, escaped).replace(kpi_title, 'ผล | ย่อย <b>หนา</b>')
    path.write_text(text, encoding="utf-8")
    return compiled(folder, "2555")


def test_hostile_titles_are_text_in_html(hostile_plan):
    html = render_forms(hostile_plan, output_format="html", form="agreement")["dept_example_2555/agreement.html"]
    assert "<script>" not in html and "<b>หนา</b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "ผล | ย่อย &lt;b&gt;หนา&lt;/b&gt;" in html
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)


def test_hostile_titles_do_not_break_markdown_tables(hostile_plan):
    files = render_forms(hostile_plan, output_format="md", form="agreement")
    md = files["dept_example_2555/agreement.md"]
    assert "<script>" not in md and "\\<script\\>" in md
    table = [r for r in md_rows(md) if len(cells(r)) == 11]
    rows = md_rows(md)
    start = rows.index(next(r for r in rows if cells(r)[:2] == ["ลำดับ", "ตัวชี้วัด"]))
    width = len(cells(rows[start]))
    body = rows[start:start + len(table)]
    assert all(len(cells(r)) == width for r in body)
    row = next(cells(r) for r in rows if cells(r)[0] == "1.1.1")
    assert row[1].startswith("ผล \\| ย่อย \\<b\\>หนา\\</b\\>")
    # The title's newline and link are flattened to literal text on one line.
    assert "แถว ใหม่ \\*ตัวหนา\\* \\[ลิงก์\\](http://example.com)" in md


@pytest.mark.parametrize("raw, escaped", [
    ("a | b", "a \\| b"),
    ("<script>", "\\<script\\>"),
    ("line\nnext", "line next"),
    ("# heading", "\\# heading"),
    ("1. item", "1\\. item"),
    ("1.1", "1.1"),
    ("dept_example_2555", "dept_example_2555"),
    ("_emphasis_", "\\_emphasis\\_"),
    ("R&D", "R&amp;D"),
    ("- item", "\\- item"),
    (None, ""),
])
def test_md_escape(raw, escaped):
    assert md_escape(raw) == escaped


# ---- digits, font, URLs ---------------------------------------------------------------------------
def test_thai_digits_in_text_not_in_markup():
    html = '<p style="width:10mm">ค่า 65 <code>rules/2555/a.kpi:9</code></p><style>a{top:1px}</style>'
    assert apply_digits(html, "html", "thai") == (
        '<p style="width:10mm">ค่า ๖๕ <code>rules/2555/a.kpi:9</code></p><style>a{top:1px}</style>')
    assert apply_digits("| 65 | `x1` |", "md", "thai") == "| ๖๕ | `x1` |"


def test_thai_digits_leave_names_as_written():
    # An indicator r1, a formula input X1, an agreement id: names keep the digits they were given.
    text = "<td>r1</td><td>X1 ÷ Y1 = 90.5</td><td>dept_example_2555 2555 1.1.1</td>"
    assert apply_digits(text, "html", "thai") == (
        "<td>r1</td><td>X1 ÷ Y1 = ๙๐.๕</td><td>dept_example_2555 ๒๕๕๕ ๑.๑.๑</td>")
    assert apply_digits("| r1 | 8:X1 | 30 |", "md", "thai") == "| r1 | ๘:X1 | ๓๐ |"


def test_digits_option_puts_thai_digits_in_figures(plan2555):
    md = render_forms(plan2555, output_format="md", form="overview", digits="thai")["framework-department/overview.md"]
    assert "| ๕ | ร้อยละของระดับความพึงพอใจของผู้รับบริการ | ร้อยละ | ๗ | ๖๕ | ๗๐ | ๗๕ | ๘๐ | ๘๕ |" in md
    assert re.search(r"[0-9]", md) is None
    html = render_forms(plan2555, output_format="html", form="calendar", digits="thai")["calendar.html"]
    assert "๑๕–๓๐ พ.ย. ๒๕๕๔" in html
    assert re.search(r"[0-9]", text_of(html)) is None
    assert "size: A4 landscape" in html  # the CSS keeps its digits


def test_html_is_self_contained_with_sarabun(plan2555):
    fonts = ROOT / "kpidsl" / "forms" / "fonts"
    for path, html in render_forms(plan2555, output_format="html").items():
        assert re.search(r"https?://", html) is None, path
        assert re.search(r"""(src|href)\s*=\s*["']?(//|[a-z]+:)""", html) is None, path
        assert "font-family: 'Sarabun'" in html
        embedded = {base64.b64decode(m) for m in FONT_DATA.findall(html)}
        assert embedded == {(fonts / "Sarabun-Regular.woff2").read_bytes(), (fonts / "Sarabun-Bold.woff2").read_bytes()}
        assert "@page { size: A4 " in html and "thead { display: table-header-group; }" in html


def test_every_html_form_parses_cleanly(plan2555, plan2554):
    for plan in (plan2555, plan2554):
        for path, html in render_forms(plan, output_format="html").items():
            parser = html5lib.HTMLParser(strict=True)
            parser.parse(html)  # raises on the first parse error
            assert not parser.errors, path


def test_unknown_names_are_reported_with_choices(plan2555):
    with pytest.raises(FormsError) as e:
        render_forms(plan2555, output_format="html", form="agrement")
    assert "agreement" in e.value.choices
    with pytest.raises(FormsError) as e:
        render_forms(plan2555, output_format="html", agreement="nope")
    assert e.value.choices == ["dept_example_2555", "dept_no_policy_2555", "somchai_2555_r1"]
    assert (e.value.key, e.value.wanted) == ("forms-no-agreement", "nope")
    assert "nope" in e.value.text("th") and "nope" in e.value.text("en") and e.value.text("th") != e.value.text("en")
    for kwargs, key in ((dict(output_format="pdf"), "forms-unknown-format"),
                        (dict(output_format="html", digits="roman"), "forms-unknown-digits"),
                        (dict(output_format="html", form="agrement"), "forms-no-form")):
        with pytest.raises(FormsError) as e:
            render_forms(plan2555, **kwargs)
        assert e.value.key == key


def test_registry_lists_every_form_once():
    names = [f.name for f in forms()]
    assert len(names) == len(set(names)) and set(MINE) <= set(names)
    for f in forms():
        assert f.orientation in ("portrait", "landscape")
        assert set(f.scopes) <= {"ruleset", "framework", "agreement"}
    assert FORMS["calendar"].orientation == "landscape"


def test_every_markdown_table_keeps_its_columns(plan2555, plan2554):
    """In every Markdown form, each table's rows have as many cells as its header:
    GFM drops or merges cells otherwise."""
    for plan in (plan2555, plan2554):
        for path, md in render_forms(plan, output_format="md").items():
            lines = md.splitlines()
            for before, line in zip(lines, lines[1:]):
                # A heading or a table glued to the paragraph above is not one.
                if line.startswith(("#", "|")) and before.strip() and not before.startswith("|"):
                    pytest.fail(f"{path}: no blank line before {line[:40]!r}")
            table: list[str] = []
            for line in md.splitlines() + [""]:
                if line.startswith("|"):
                    table.append(line)
                    continue
                if table:
                    width = len(cells(table[0]))
                    assert re.fullmatch(r"\|(:?-{3,}:?\|)+", table[1]), (path, table[1])
                    assert all(len(cells(r)) == width for r in table), (path, table[0])
                    table = []


def test_a_work_group_agreement_totals_its_components_shares(plan2554):
    # Seed 004: a work group's indicators all sit in ผลสัมฤทธิ์ของงาน, 100% of the evaluation.
    md = render_forms(plan2554, output_format="md", form="agreement", agreement="issue_driven_example")[
        "issue_driven_example/agreement.md"]
    assert "องค์ประกอบการประเมิน สัดส่วนร้อยละ 100" in md
    assert "| **รวม** |   | **100** |" in md
    assert "ผู้รับการประเมิน" in md


FOREIGN_SCRIPTS = re.compile("[\u0400-\u04ff\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_no_letter_of_another_script_slips_into_a_form(plan2554, plan2555, fmt):
    # A Thai word typed with a look-alike letter (ประเ + Arabic meem + ิน) reads wrong on paper.
    for plan in (plan2554, plan2555):
        for path, text in render_forms(plan, output_format=fmt).items():
            shown = text_of(text) if fmt == "html" else text
            assert FOREIGN_SCRIPTS.search(shown) is None, (path, FOREIGN_SCRIPTS.search(shown))


def test_indicator_template_gives_the_survey_sample_size(plan2555, plan2554):
    """003 สไลด์ 52: Yamane n = N / (1 + N e²), e = 0.05, and the table department.kpi declares; an
    agreement that states its staff N gets n (N = 1,000: 285.71 → 286; N = 400: the table's 222)."""
    import copy

    md = render_forms(plan2555, output_format="md", form="indicator-template")["framework-department/indicator-template.md"]
    assert "## ขนาดกลุ่มตัวอย่างของการสำรวจ" in md and "n = N / (1 + N e²)" in md and "0.05 (5%)" in md
    assert "| น้อยกว่า 500 | 222 |" in md and "| ตั้งแต่ 10,001 ถึง ไม่เกิน 100,000 | 400 |" in md
    assert "- จำนวนกลุ่มตัวอย่าง (n): ................ คน" in md  # N not known: a line to fill in
    for population, n in (("1000", "286 คน (ตามสูตร 285.71)"), ("400", "222 คน (ตามสูตร 200)")):
        plan = copy.deepcopy(plan2555)
        next(a for a in plan["agreements"] if a["id"] == "dept_example_2555")["population"] = population
        md = render_forms(plan, output_format="md", form="indicator-template", agreement="dept_example_2555")[
            "dept_example_2555/indicator-template.md"]
        assert f"- จำนวนกลุ่มตัวอย่าง (n): {n}" in md, md[-400:]
    # a framework that declares none prints none
    other = render_forms(plan2554, output_format="md", form="indicator-template")
    assert not any("ขนาดกลุ่มตัวอย่าง" in page for page in other.values())


def test_the_forms_of_a_plan_file_are_the_forms_of_the_compilers_plan(plan2554):
    """The forms read the typed plan (kpidsl/plan/model): a plan.json read back from its text
    renders every form byte for byte as the compiler's plan does, blank and filled from the
    examples."""
    from kpidsl.forms import EXAMPLES
    from kpidsl.plan import dumps
    from kpidsl.plan.read import plan_of, read_plan_text

    from_file = read_plan_text(dumps(plan2554), "plan.json")
    assert from_file is not plan_of(plan2554)
    for results, filled in ((None, "rayong_agri_2554/sar-sar6.md"),
                            (EXAMPLES, "rayong_agri_2554/sar-sar12-rayong_agri_sar12.md")):
        forms_of_file = render_forms(from_file, output_format="md", results=results, root="rules/2554")
        assert forms_of_file == render_forms(plan2554, output_format="md", results=results, root="rules/2554")
        assert filled in forms_of_file


def test_division_is_one_sign_in_every_form(plan2555, plan2554):
    # "/" as rules/2555 writes the seeds' fractions (Σ(W1.1.i × SM1.1.i) / ΣW1.1.i; เฉลี่ย(X1 / Y1, …)):
    # a form had printed "÷" in its notes and formulas and "/" in its explanations, side by side
    for plan in (plan2555, plan2554):
        files = build_files(plan, "{}")
        for path, text in files.items():
            if path.endswith((".html", ".md")):
                assert "÷" not in text, path
    filled = build_files(plan2555, "{}")
    assert "เฉลี่ย(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100 = เฉลี่ย(X1=90 / Y1=100" in \
        filled["dept_example_2555/score-report-dept_all_kinds.md"]
    assert "คะแนนถ่วงน้ำหนัก = น้ำหนัก (ร้อยละ) × คะแนนที่ได้ / 100" in filled["dept_example_2555/sar.md"]
