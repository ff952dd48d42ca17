"""Forms as PDF (`kpidsl build --pdf`, `kpidsl render --pdf`): every form of both shipped
rule sets printed by WeasyPrint, read back page by page with pypdf, as a civil servant
reads a printed form: A4 in the form's orientation, Sarabun embedded, "หน้า x/y" at the
foot of every page, no page that holds only a signature block, the SAR's total row
once, no id, file or rule reference, one script of digits as ``--digits`` says.

Text taken back out of a PDF loses some of Thai's marks (น้ำ comes back as นำ, or with
a loose ้): checks compare the consonants, Latin letters and digits of the text only
(:func:`skeleton`)."""

from __future__ import annotations

import html
import io
from html.parser import HTMLParser
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diagnostics.cli_texts import said
from kpidsl.forms import EXAMPLES, FORMS, forms, render_forms
from kpidsl.forms import pdf as pdf_module
from kpidsl.forms.build import build_files
from plan_ids import plan_ids

ROOT = Path(__file__).resolve().parent.parent
YEARS = ("2555", "2554")
# Printing every form of both rule sets takes a minute or more: `pytest -m "not slow"` leaves it out.
slow = pytest.mark.slow
needs_pdf = pytest.mark.skipif(not pdf_module.available(),
                               reason="WeasyPrint is not installed: pip install 'kpidsl[pdf]'")
pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDFs back: pip install 'kpidsl[test]'")

A4 = (595.28, 841.89)  # points
# Thai letters (ก–ฮ), Latin letters and digits of both scripts: what survives extraction.
_KEEP = re.compile(r"[ก-ฮA-Za-z0-9๐-๙]+")
PAGE_NO = re.compile(r"หน\s*([0-9๐-๙]+)\s*/\s*([0-9๐-๙]+)")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A name a rule file gave (an input X1, an indicator tr3) keeps its digits as written.
NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def skeleton(text: str) -> str:
    return "".join(_KEEP.findall(text))


def marks_dropped(text: str) -> str:
    """Text without Thai vowels and tone marks, spaces kept (for the page number)."""
    return re.sub(r"[\u0e30-\u0e3a\u0e40-\u0e4e]", "", text)


def read(data: bytes) -> list:
    return pypdf.PdfReader(io.BytesIO(data)).pages


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in read(data)]


def form_of(path: str):
    """The registered form a built file belongs to (its stem starts with the form's name)."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return max((f for f in forms() if stem == f.name or stem.startswith(f.name + "-")), key=lambda f: len(f.name))


def tree(folder: Path) -> dict[str, str | bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.suffix == ".pdf" else p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def printed(shipped_plan, tmp_path_factory) -> dict:
    """Every built file of both rule sets with their PDFs; 2555 also with Thai digits.
    rules/2555 is built by the command (`kpidsl build --pdf`), the others in memory."""
    if not pdf_module.available():
        pytest.skip("WeasyPrint is not installed: pip install 'kpidsl[pdf]'")
    out = {}
    folder = tmp_path_factory.mktemp("pdf") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = CliRunner().invoke(main, ["build", "rules/2555", "-o", str(folder), "--pdf"])
    assert result.exit_code == 0, result.output
    out["2555", "arabic"] = tree(folder)
    out["2555", "folder"] = folder
    for year, digits in (("2554", "arabic"), ("2555", "thai")):
        plan = shipped_plan(year, f"rules/{year}")
        out[year, digits] = build_files(plan, "{}", digits=digits, root=f"rules/{year}", pdf=True)
    for year in YEARS:
        out[year, "plan"] = shipped_plan(year, f"rules/{year}")
    return out


def pdfs(printed, year: str, digits: str = "arabic") -> list[tuple[str, bytes]]:
    return [(p, data) for p, data in sorted(printed[year, digits].items()) if p.endswith(".pdf")]


@slow
@needs_pdf
def test_every_html_form_has_its_pdf(printed):
    for key in (("2555", "arabic"), ("2554", "arabic")):
        files = printed[key]
        forms_html = {p for p in files if p.endswith(".html") and p != "index.html"}
        assert {p[:-3] + "html" for p, _ in pdfs(printed, *key)} == forms_html
        assert len(forms_html) >= (10 if key[0] == "2555" else 60)
        # the index links each PDF beside its HTML and Markdown
        index = files["index.html"]
        assert all(f'href="{p}"' in index for p, _ in pdfs(printed, *key))
        assert "แต่ละแบบมีทั้ง HTML, PDF และ Markdown" in index


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_a4_in_the_forms_orientation(printed, year):
    landscape = {f.name for f in FORMS.values() if f.orientation == "landscape"}
    assert landscape == {"calendar", "kpi-sheet", "sar", "score-report"}
    for path, data in pdfs(printed, year):
        wide = form_of(path).name in landscape
        for page in read(data):
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(w, 2), round(h, 2)) == (A4[::-1] if wide else A4), (path, w, h)


def font_names(data: bytes) -> dict[str, bool]:
    """Each font of the PDF: its name, and whether the font program is embedded."""
    found = {}
    for page in read(data):
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts") or []]]:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    name = str(f["/BaseFont"]).split("+", 1)[-1]
                    found[name] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_sarabun_embedded(printed, year):
    for path, data in pdfs(printed, year):
        fonts = font_names(data)
        assert "Sarabun" in fonts and "Sarabun-Bold" in fonts, (path, fonts)
        assert all(fonts.values()), (path, fonts)  # every font travels with the file
        # no character that Sarabun lacks, for which the printer would embed another font (an
        # italic row is Sarabun slanted by the printer: Sarabun-Oblique)
        assert all(name.startswith("Sarabun") for name in fonts), (path, fonts)


@needs_pdf
def test_sums_print_in_sarabun(shipped_plan):
    """The 2555 agreement's note on weighted averages, Σ(W × SM) / ΣW: Sarabun lacks Σ (WeasyPrint
    took DejaVu Sans for it), so the form prints the summation sign ∑, and Sarabun alone is embedded."""
    plan = shipped_plan("2555", "rules/2555")
    page = render_forms(plan, output_format="html", form="agreement")["dept_example_2555/agreement.html"]
    assert "คะแนน = ∑(W × SM) / ∑W" in page and "Σ" not in page
    assert set(font_names(pdf_module.pdf_bytes(page))) == {"Sarabun", "Sarabun-Bold"}


@slow
@needs_pdf
@pytest.mark.parametrize("year, digits", [("2555", "arabic"), ("2554", "arabic"), ("2555", "thai")])
def test_page_x_of_y_on_every_page(printed, year, digits):
    for path, data in pdfs(printed, year, digits):
        texts = page_texts(data)
        for i, text in enumerate(texts, 1):
            numbers = PAGE_NO.findall(marks_dropped(text))
            assert numbers, (path, i)
            x, y = numbers[-1]
            assert (x.translate(THAI_DIGITS), y.translate(THAI_DIGITS)) == (str(i), str(len(texts))), (path, i)
            assert re.fullmatch("[๐-๙]+" if digits == "thai" else "[0-9]+", x + y), (path, i, x, y)


@slow
@needs_pdf
@pytest.mark.parametrize("year, digits", [("2555", "arabic"), ("2554", "arabic"), ("2555", "thai")])
def test_digits_of_one_script(printed, year, digits):
    for path, data in pdfs(printed, year, digits):
        for i, text in enumerate(page_texts(data), 1):
            if digits == "arabic":
                assert not re.search("[๐-๙]", text), (path, i)
            else:
                assert not re.search("[0-9]", NAME.sub(" ", text)), (path, i, re.findall(r".{12}[0-9].{12}", text))


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_no_plan_id_file_or_rule_reference(printed, year):
    ids = plan_ids(printed[year, "plan"])
    assert {"dept_example_2555", "survey"} <= ids if year == "2555" else {"sar12", "p1", "ag1", "c1"} <= ids
    for path, data in pdfs(printed, year):
        for i, text in enumerate(page_texts(data), 1):
            assert ".kpi" not in text and "rules/" not in text and "seed" not in text.lower(), (path, i)
            found = sorted(x for x in ids if re.search(rf"(?<![A-Za-z0-9_]){re.escape(x)}(?![A-Za-z0-9_])", text))
            assert not found, (path, i, found)


@needs_pdf
def test_sources_are_printed_only_when_asked(shipped_plan):
    """The check above can fail: with --sources the rule set's folder is on the page."""
    plan = shipped_plan("2555", "rules/2555")
    (page,) = render_forms(plan, output_format="html", form="agreement", agreement="dept_example_2555", root="rules/2555",
                           sources=True).values()
    assert "rules/2555" in "".join(page_texts(pdf_module.pdf_bytes(page)))


# Elements with no end tag (a form's <br>, and the <wbr> beside a word it keeps whole:
# kpidsl/forms/whole_words.py).
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Signatures(HTMLParser):
    """The text of each element of class ``signatures`` (a form's signature block), by line."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside a signature block: how many open elements deep
        self.lines: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:  # no end tag follows: not an element the block's text is inside
            return
        if self.depth:
            self.depth += 1
        elif "signatures" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in _VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and skeleton(data):
            self.lines.append(skeleton(data))


def signature_lines(page_html: str) -> list[str]:
    """The visible lines of a form's signature blocks, as skeletons."""
    parser = _Signatures()
    parser.feed(page_html)
    return parser.lines


def made_of(text: str, lines: list[str]) -> bool:
    """Whether ``text`` is pieces of ``lines`` (each a whole line or 4 letters of one at
    least) one after another: two signatures side by side come out of the PDF as one
    line, "(ลงชื่อ) … (ลงชื่อ) …"."""
    ends = {0}
    for i in range(len(text)):
        if i in ends:
            ends.update(i + n for line in lines for n in range(min(4, len(line)), len(line) + 1)
                        if any(text.startswith(line[k:k + n], i) for k in range(len(line) - n + 1)))
    return len(text) in ends


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_no_page_holds_only_a_signature_block(printed, year):
    files = printed[year, "arabic"]
    signed = 0
    for path, data in pdfs(printed, year):
        sign = signature_lines(files[path[:-3] + "html"])
        if not sign:
            continue
        signed += 1
        foot = skeleton(f"ปีงบประมาณ พ.ศ. {printed[year, 'plan']['fiscal_year']} · จัดทำด้วย kpidsl")
        for i, text in enumerate(page_texts(data), 1):
            rest = [skeleton(line) for line in text.splitlines()]
            rest = [s for s in rest if s and s != foot and not PAGE_NO.fullmatch(marks_dropped(s))
                    and not re.fullmatch(r"หน[0-9]+", s)]
            if any(s.startswith(("ลงชอ", "ลงนม")) for s in rest):  # ลงชื่อ, ลงนาม
                others = [s for s in rest if not made_of(s, sign)]
                assert others, (path, i, "a page of signatures alone")
    assert signed >= (3 if year == "2555" else 20)


class _Headings(HTMLParser):
    """The text of each heading (h1–h4) of a page, as skeletons."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list | None = None
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4"):
            self.open = [tag, ""]

    def handle_endtag(self, tag):
        if self.open and tag == self.open[0]:
            if skeleton(self.open[1]):
                self.found.add(skeleton(self.open[1]))
            self.open = None

    def handle_data(self, data):
        if self.open:
            self.open[1] += data


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_no_heading_left_at_the_foot_of_a_page(printed, year):
    """The last lines of a page (its foot and page number aside) are never a heading whose
    text follows on the next page (a heading over a page break is what issue 14 saw)."""
    files = printed[year, "arabic"]
    foot = skeleton(f"ปีงบประมาณ พ.ศ. {printed[year, 'plan']['fiscal_year']} · จัดทำด้วย kpidsl")
    pages = 0
    for path, data in pdfs(printed, year):
        parser = _Headings()
        parser.feed(files[path[:-3] + "html"])
        for i, text in enumerate(page_texts(data)[:-1], 1):
            lines = [skeleton(line) for line in text.splitlines()]
            lines = [s for s in lines if s and s != foot and not PAGE_NO.fullmatch(marks_dropped(s))
                     and not re.fullmatch(r"หน[0-9]+", s)]
            pages += 1
            for k in (1, 2, 3):  # a long heading comes out of the PDF as two or three lines
                assert "".join(lines[-k:]) not in parser.found, (path, i, lines[-k:])
    assert pages >= (40 if year == "2555" else 60)


def sar_last_rows(page_html: str) -> tuple[str, str]:
    """The SAR table's last row above the total (its indicator's title) and the total's label."""
    table = page_html[page_html.index('<table class="sar'):]
    rows = table[:table.index("</table>")].split("<tr")[-2:]
    cells = [re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.S)[1] for row in rows]
    above, label = (html.unescape(re.sub(r"<[^>]+>", " ", c)) for c in cells)
    return above, label


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_sar_total_row_once_and_headers_on_every_page_of_the_table(printed, year):
    files = printed[year, "arabic"]
    sars = [(p, d) for p, d in pdfs(printed, year) if form_of(p).name == "sar"]
    assert len(sars) >= (2 if year == "2555" else 6)
    for path, data in sars:
        above, label = sar_last_rows(files[path[:-3] + "html"])
        assert label.strip().startswith("รวม"), (path, label)
        texts = [skeleton(t) for t in page_texts(data)]
        hits = [i for i, t in enumerate(texts) if skeleton(label) in t]
        assert len(hits) == 1 and sum(t.count(skeleton(label)) for t in texts) == 1, (path, hits)
        # ... printed with the last row it totals, not alone under the header of a new page
        assert skeleton(above)[:20] in texts[hits[0]], (path, above)
        # the table's header row heads every page the table runs over
        for i, t in enumerate(texts[:hits[0] + 1]):
            assert skeleton("เกณฑ์การให้คะแนน") in t, (path, i + 1)


@needs_pdf
def test_same_forms_same_bytes(shipped_plan):
    """A rebuild writes the same PDF: the build's manifest proves it wrote it."""
    (page,) = render_forms(shipped_plan("2555", "rules/2555"), output_format="html", form="calendar").values()
    one, two = pdf_module.pdf_bytes(page), pdf_module.pdf_bytes(page)
    assert one == two and one.startswith(b"%PDF-")


# ---- the commands --------------------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(main, list(args))


@needs_pdf
def test_render_writes_pdf_beside_each_form(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("render", "rules/2555", "--form", "calendar", "--format", "md", "--pdf", "-o", str(tmp_path / "f"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "f").iterdir()) == ["calendar.md", "calendar.pdf"]
    # one form to a file named .pdf: the PDF alone
    result = run("render", "rules/2555", "--form", "calendar", "-o", str(tmp_path / "cal.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cal.pdf").read_bytes() == (tmp_path / "f" / "calendar.pdf").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.pdf", "f"]


@slow
def test_build_pdf_is_in_the_manifest_and_a_plain_build_takes_it_away(printed):
    out = printed["2555", "folder"]
    listed = dict(line.split("  ", 1)[::-1] for line in (out / ".kpidsl-build").read_text().splitlines())
    assert "dept_example_2555/sar.pdf" in listed and "calendar.pdf" in listed
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        plain = run("build", "rules/2555", "-o", str(out))
    assert plain.exit_code == 0 and not list(out.rglob("*.pdf")), plain.output


@pytest.mark.parametrize("command", [("build", "rules/2555", "--pdf", "-o"),
                                     ("render", "rules/2555", "--form", "calendar", "--pdf", "-o")])
def test_without_weasyprint_one_line_and_the_rest_written(tmp_path, monkeypatch, command):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(pdf_module, "available", lambda: False)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [*command, str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    said = [line for line in result.stderr.splitlines() if "O013" in line]
    assert len(said) == 1 and "pip install 'kpidsl[pdf]'" in said[0]
    assert "Traceback" not in result.output
    written = {p.suffix for p in out.rglob("*") if p.is_file()}
    assert ".html" in written and ".pdf" not in written


def test_pdf_with_one_html_file_named_is_a_usage_error(tmp_path, monkeypatch):
    """`-o FILE.html` names one file: kpidsl writes nothing beside it, so --pdf asks for FILE.pdf."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["render", "rules/2555", "--form", "calendar", "--pdf",
                                       "-o", str(tmp_path / "calendar.html")])
    assert result.exit_code == 2 and "calendar.pdf" in result.output
    assert list(tmp_path.iterdir()) == []
    english = CliRunner().invoke(main, ["render", "rules/2555", "--form", "calendar", "--pdf", "--lang", "en",
                                        "-o", str(tmp_path / "calendar.md")])
    assert said("pdf-names-one-file", "en", suffix=".md", stem="calendar") in english.output
    assert said("pdf-names-one-file", "th", suffix=".html", stem="calendar") in result.output  # Thai by default


@needs_pdf
def test_individual_sheet_totals_print_once_and_steps_across_the_levels(shipped_plan):
    """The Singburi analyst's achievement sheet runs over two pages: its totals (รวม, × 20) print once,
    after the last row, not at the foot of every page; a milestone indicator's steps fill its level cells."""
    plan = shipped_plan("2554", "rules/2554")
    page = render_forms(plan, output_format="html", form="individual", agreement="singburi_policy_analyst")[
        "singburi_policy_analyst/individual.html"]
    words = re.sub(r'<span class="whole">([^<]*)</span>', r"\1", page.replace("<wbr>", ""))  # whole_words.py
    assert "1. จัดทำ Flow Chart การปฏิบัติงานเสนอผู้บริหารให้ความเห็นชอบ" in words  # 004 สไลด์ 27, ขั้นที่ 1
    texts = [skeleton(t) for t in page_texts(pdf_module.pdf_bytes(page))]
    line = skeleton("แปลงคะแนนรวม (ค) เป็นคะแนนที่มีฐานคะแนนเต็ม 100 คะแนน")
    assert sum(t.count(line) for t in texts) == 2  # the achievement and the competency sheet, once each
    first = next(i for i, t in enumerate(texts) if line in t)
    assert first >= 1 and skeleton("ระดับความสำเร็จของการดำเนินงานเลขานุการ")[:20] in texts[first]  # row 8 above it


@slow
@needs_pdf
@pytest.mark.parametrize("year", YEARS)
def test_baseline_heading_is_not_broken_inside_its_word(shipped_plan, year):
    """The agreement table's ข้อมูลพื้นฐาน over one baseline year (rules/2554's Rayong agency): in a
    6 % column WeasyPrint broke it as ``พื้นฐา`` | ``น``. pypdf reads ำ for า: only the letters count."""
    plan = shipped_plan(year, f"rules/{year}")
    for path, page in render_forms(plan, output_format="html", form="agreement").items():
        lines = [skeleton(line) for text in page_texts(pdf_module.pdf_bytes(page)) for line in text.splitlines()]
        assert "น" not in lines, path
        for i, line in enumerate(lines):
            if line == "ขอมล" or line.endswith("ข้อมูล"):
                assert lines[i + 1].startswith("พ") and lines[i + 1].endswith("น"), (path, lines[i:i + 2])


@slow
@needs_pdf
def test_a_dimension_row_stays_with_its_first_indicator(shipped_plan):
    """The 2554 province SAR (002 ข้อ 1.4.2): มิติด้านการพัฒนาองค์การ was left at the foot of page 1,
    its milestone indicator (ระดับความสำเร็จของการจัดการความรู้) on page 2."""
    plan = shipped_plan("2554", "rules/2554")
    page = render_forms(plan, output_format="html", form="sar", agreement="province_example_2554")[
        "province_example_2554/sar-sar12.html"]
    texts = [skeleton(t) for t in page_texts(pdf_module.pdf_bytes(page))]
    dimension, indicator = skeleton("มิติด้านการพัฒนาองค์การ"), skeleton("ความรู้")
    on = [i for i, t in enumerate(texts) if dimension in t]
    assert len(on) == 1 and indicator in texts[on[0]].split(dimension, 1)[1], texts


# ---- the text a signer copies out of a PDF form is the form's text ------------------------------
# Sarabun draws ำ as two glyphs, nikhahit and the า glyph (น้ำ: a nikhahit-and-tone glyph and the
# า glyph). WeasyPrint gave each glyph the text of the first place it drew it, so the า glyph read
# ำ wherever the first word of its font with an า had ำ (rules/2554 district_agri: its bold title
# "เกษตรอำเภอ … — ผลการประเมิน" came back "ผลกำรประเมิน", "ตัวอย่ำง"), and the nikhahit glyph
# read nothing (pypdf "นาหนัก", PyMuPDF "น˺าหนัก" for น้ำหนัก).
def copied(data: bytes) -> str:
    """A PDF's text as a reader copies it, compared by its compatibility form: Sarabun's ำ is
    nikhahit and า, which is what NFKC makes of ำ (U+0E33 = U+0E4D U+0E32)."""
    import unicodedata

    return unicodedata.normalize("NFKC", "\n".join(page_texts(data)))


def nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


@needs_pdf
def test_the_text_copied_from_a_pdf_form_is_its_words(shipped_plan):
    plan = shipped_plan("2554", "rules/2554")
    page = render_forms(plan, output_format="html", form="individual", agreement="district_agri",
                        results=EXAMPLES)["district_agri/individual-district_agri_level5.html"]
    text = copied(pdf_module.pdf_bytes(page))
    for words in ("เกษตรอำเภอ (ตัวอย่างสมมติ) — ผลการประเมิน", "รอบการประเมินที่ 1", "1 ตุลาคม 2552 – 31 มีนาคม 2553",
                  "ลำดับ", "น้ำหนัก", "ดำเนิน"):
        assert nfkc(words) in text, words
    assert "กำร" not in text and "ตัวอย่ำง" not in text
