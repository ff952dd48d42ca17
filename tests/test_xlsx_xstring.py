"""Text holding ``_x0041_`` shows in Excel as itself, in every workbook kpidsl writes, and a
workbook's text reads back as Excel shows it.

In a workbook's XML a cell's text, a sheet's name, a prompt and a formula are ECMA-376's
ST_Xstring: ``_xHHHH_`` there is the character U+HHHH (Excel shows ``_x0041_`` as "A",
``_x000A_`` as a new line), and a literal ``_xHHHH_`` is written with its first underscore
escaped, ``_x005F_xHHHH_`` (ECMA-376 Part 1, 22.4.2.4 bstr; [MS-OI29500] 2.1.1747: Excel
accepts ``_x005F_`` nowhere else). openpyxl writes text as it is given and LibreOffice shows an
unescaped ``_x0041_`` as it is, so neither catches a writer that forgets the escape: these
tests read the XML itself (kpidsl/xlsx/xstring.py)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.diagnostics.registry import CODES  # noqa: E402
from kpidsl.xlsx.cell_limit import CELL_CHARS  # noqa: E402
from kpidsl.xlsx.read import read_workbook  # noqa: E402
from kpidsl.xlsx.xstring import escaped, stored_within, unescaped  # noqa: E402
from libreoffice import first_sheet_csv  # noqa: E402
from named_people import INDIVIDUALS, results_named  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RULES_2554 = ROOT / "rules" / "2554"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
JANYA_TITLE = "แบบประเมินผลการปฏิบัติราชการ จรรยา เรียบร้อย รอบที่ 1 (ตัวอย่าง)"

# text as a person may type it → what the XML must hold for Excel to show it as typed
LITERALS = {
    "_x0041_": "_x005F_x0041_",
    "_x005F_": "_x005F_x005F_",
    "แถว_x000A_ใหม่": "แถว_x005F_x000A_ใหม่",
    "ท้าย_x": "ท้าย_x",  # no escape: nothing to escape
    "_x00e9_": "_x005F_x00e9_",  # lower-case hexadecimal digits are hexadecimal digits
    "_x0041_x0042_": "_x005F_x0041_x005F_x0042_",  # the underscore closing one opens the next
    "__x0041_": "__x005F_x0041_",
    "_x004": "_x004",
    "_x0041": "_x0041",
    "x0041_": "x0041_",
    "_X0041_": "_X0041_",  # an escape's x is lower case
    "_xGHIJ_": "_xGHIJ_",
    "a_b_c": "a_b_c",
    "x005F_": "x005F_",
}

# what an ST_Xstring holds → what Excel shows
SHOWN = {
    "_x0041_": "A",
    "_x005F_x0041_": "_x0041_",  # what Excel writes for a literal _x0041_
    "_x005f_x0041_": "_x0041_",
    "_x000D_": "\r",  # what Excel writes for a carriage return
    "a_x000A_b": "a\nb",
    "_x0041_x0042_": "Ax0042_",  # read from the left, none overlapping
    "_x005F_x0041_x0042_": "_x0041B",
    "_xD83D__xDE00_": "😀",  # a surrogate pair, as UTF-16 holds it
    "_x": "_x",
    "ab_x004": "ab_x004",
    "x005F_": "x005F_",  # openpyxl reads this as ""
}


@pytest.mark.parametrize("text", list(LITERALS))
def test_the_underscore_is_escaped_exactly_where_excel_would_read_an_escape(text):
    assert escaped(text) == LITERALS[text]
    assert unescaped(escaped(text)) == text


@pytest.mark.parametrize("held", list(SHOWN))
def test_text_reads_as_excel_shows_it(held):
    assert unescaped(held) == SHOWN[held]


@given(st.text(alphabet="_x005FAafDE8\n", max_size=40))
def test_escaping_is_undone_by_reading_and_adds_nothing_where_no_escape_opens(text):
    written = escaped(text)
    assert unescaped(written) == text
    # seven characters written for each underscore that opens an escape, and for no other
    openers = len(re.findall(r"_(?=x[0-9A-Fa-f]{4}_)", text))
    assert len(written) == len(text) + 6 * openers


def test_the_longest_start_that_openpyxl_stores_whole():
    text = "_x0041_" * 4681  # 32,767 characters as Excel shows them; 65,534 escaped
    end = stored_within(text, CELL_CHARS)
    assert len(escaped(text[:end])) <= CELL_CHARS < len(escaped(text[:end + 1]))
    assert end == 17_646  # 2,520 escapes whole (32,760 characters written) and `_x0041` (six)
    assert stored_within("ก" * 40_000, CELL_CHARS) == CELL_CHARS
    assert stored_within("_x0041_", 7) == 6  # whole, it is fourteen characters written


# ---- every workbook kpidsl writes ----------------------------------------------------------------------------

def _inline_texts(book: Path) -> dict[str, dict[str, str]]:
    """Each sheet's cells of inline text: {sheet part: {cell: the text its XML holds}}."""
    out = {}
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                root = ElementTree.fromstring(z.read(name))
                out[name] = {c.get("r"): "".join(t.text or "" for t in c.iter(f"{NS}t"))
                             for c in root.iter(f"{NS}c") if c.get("t") == "inlineStr"}
    return out


def _assert_escaped_where_needed_only(book: Path) -> None:
    """No text of the workbook's XML that Excel would show changed, nor an underscore escaped
    where no escape opens: each is what escaping its text as shown writes."""
    for sheet, texts in _inline_texts(book).items():
        for cell, held in texts.items():
            assert escaped(unescaped(held)) == held, (sheet, cell, held)
    with zipfile.ZipFile(book) as z:
        for name in re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode("utf-8")):
            assert escaped(unescaped(name)) == name, name


def _results(folder: Path, persons: list[str]) -> Path:
    return results_named(folder, persons, "results.csv")


def test_score_s_workbook_holds_each_name_escaped_where_excel_would_read_an_escape(tmp_path):
    names = list(LITERALS)
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", str(RULES_2554), "--results", str(_results(tmp_path, names)),
                                       "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = _inline_texts(out)["xl/worksheets/sheet1.xml"]
    assert [summary[f"B{row}"] for row in range(2, 2 + len(names))] == [LITERALS[n] for n in names]
    _assert_escaped_where_needed_only(out)


def test_score_s_workbook_cuts_at_what_excel_shows_and_escapes_after(tmp_path):
    # 32,767 characters shown: whole in the cell, its XML longer by the escape
    name = "_x0041_" + "ก" * (CELL_CHARS - 7)
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", str(RULES_2554), "--results", str(_results(tmp_path, [name + "ข"])),
                                       "--format", "xlsx", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert _inline_texts(out)["xl/worksheets/sheet1.xml"]["B2"] == "_x005F_x0041_" + "ก" * (CELL_CHARS - 7)
    assert _told(result.output, "!B2", length="32,768", kept="32,767")


def _told(output: str, where: str, length: str, kept: str) -> bool:
    """Whether J011 is told at a place ending in ``where`` with these figures (in English)."""
    said = CODES["J011"].at(None, length=length, limit=f"{CELL_CHARS:,}", kept=kept).message("en")
    return any(line.split(": J011")[0].endswith(where) and line.endswith(said)
               for line in output.splitlines() if " J011 warning: " in line)


def _rules_with(tmp_path: Path, **replace: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_2554, rules)
    path = rules / "agreements" / "individual_001.kpi"
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return rules


def _workbook(rules: Path, out: Path, agreement: str) -> None:
    result = CliRunner().invoke(main, ["workbook", str(rules), "--agreement", agreement, "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_the_entry_workbook_holds_title_name_sheet_and_headers_escaped(tmp_path):
    rules = _rules_with(tmp_path, **{JANYA_TITLE: "ชื่อ_x0041_ท้าย_x", "จรรยา เรียบร้อย\"": "จรรยา_x000A_\"",
                                     "janya_2554_r1": "janya_x0041_r1"})
    out = tmp_path / "entry.xlsx"
    _workbook(rules, out, "janya_x0041_r1")
    with zipfile.ZipFile(out) as z:
        assert '<sheet name="janya_x005F_x0041_r1"' in z.read("xl/workbook.xml").decode("utf-8")
    texts = _inline_texts(out)["xl/worksheets/sheet1.xml"]
    assert texts["C1"] == "ชื่อ_x005F_x0041_ท้าย_x"
    assert texts["C2"].startswith("janya_x005F_x0041_r1 · ")
    assert "จรรยา_x005F_x000A_" in texts.values()  # the person of the entry row
    assert "janya_x005F_x0041_r1" in texts.values()  # the agreement of the entry row
    _assert_escaped_where_needed_only(out)


def test_an_entry_cell_that_excel_shows_whole_is_not_cut_by_openpyxl_inside_an_escape(tmp_path):
    # 32,767 characters shown, 65,534 written: openpyxl keeps 32,767 of what it is given
    rules = _rules_with(tmp_path, **{JANYA_TITLE: "_x0041_" * 4681, "janya_2554_r1": "janya_x0041_r1"})
    out = tmp_path / "entry.xlsx"
    result = CliRunner().invoke(main, ["workbook", str(rules), "--agreement", "janya_x0041_r1", "-o", str(out),
                                       "--lang", "en"])
    assert result.exit_code == 0, result.output
    held = _inline_texts(out)["xl/worksheets/sheet1.xml"]["C1"]
    assert held == escaped("_x0041_" * 2520 + "_x0041")  # whole escapes, the cut told
    # told at the sheet as Excel names it
    assert _told(result.output, f"{out} › janya_x0041_r1!C1", length="32,767", kept="17,646")


def test_a_choice_list_and_a_prompt_title_are_escaped(tmp_path):
    from kpidsl.xlsx.layout import Column
    from kpidsl.xlsx.write import _validation

    dv = _validation(Column(header="g", label="ผล_x0041_", kind="choice", choices=("a_x0041_", "b")))
    assert dv.formula1 == '"a_x005F_x0041_,b"' and dv.promptTitle == "ผล_x005F_x0041_"


# ---- reading ---------------------------------------------------------------------------------------------------

def _book(path: Path, persons: list[str]) -> Path:
    """Janya's results, one row a person, typed into a sheet by openpyxl (which writes each
    name's text into the cell's XML as it is given)."""
    with INDIVIDUALS.open(encoding="utf-8", newline="") as f:
        header, first = list(csv.reader(f))[:2]
    at = header.index("person")
    wb = openpyxl.Workbook()
    wb.active.append(header)
    for p in persons:
        wb.active.append(first[:at] + [p] + first[at + 1:])
    wb.save(path)
    return path


def _persons(book: Path) -> list[str]:
    sheets, diags = read_workbook(book)
    assert diags == []
    return [row["person"] for row in sheets[0].dicts()]


def test_inline_text_reads_as_excel_shows_it(tmp_path):
    book = _book(tmp_path / "typed.xlsx", list(SHOWN))
    assert _persons(book) == list(SHOWN.values())


def _as_shared_strings(book: Path) -> None:
    """The first sheet's inline text moved into a shared-strings part, as Excel saves a sheet."""
    with zipfile.ZipFile(book) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = items["xl/worksheets/sheet1.xml"].decode("utf-8")
    strings: list[str] = []

    def shared(m: re.Match) -> str:
        strings.append(m.group(2))
        return f'<c r="{m.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    sheet = re.sub(r'<c r="([A-Z]+[0-9]+)"[^>]*t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', shared, sheet)
    items["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    items["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
                                     + "</sst>").encode("utf-8")
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    items["xl/_rels/workbook.xml.rels"] = items["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


def test_shared_strings_read_as_excel_shows_them(tmp_path):
    book = _book(tmp_path / "saved.xlsx", list(SHOWN))
    _as_shared_strings(book)
    with zipfile.ZipFile(book) as z:
        assert b"_x005F_x0041_" in z.read("xl/sharedStrings.xml")
    assert _persons(book) == list(SHOWN.values())


def test_a_shared_string_of_runs_reads_as_its_runs_without_its_phonetic_guide(tmp_path):
    book = _book(tmp_path / "runs.xlsx", ["RUNS"])
    _as_shared_strings(book)
    with zipfile.ZipFile(book) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    items["xl/sharedStrings.xml"] = items["xl/sharedStrings.xml"].replace(
        b'<si><t xml:space="preserve">RUNS</t></si>',
        '<si><r><rPr><b/></rPr><t xml:space="preserve"> จรรยา_x005F_x0041_</t></r><r><t>_x0042_</t></r>'
        '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>'.encode("utf-8"))
    with zipfile.ZipFile(book, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    assert _persons(book) == [" จรรยา_x0041_B"]


def test_shared_strings_without_an_escape_are_read_as_openpyxl_reads_them(tmp_path):
    book = _book(tmp_path / "plain.xlsx", ["จรรยา เรียบร้อย", "a_b"])
    _as_shared_strings(book)
    assert _persons(book) == ["จรรยา เรียบร้อย", "a_b"]


def test_a_sheet_s_name_reads_as_excel_shows_it(tmp_path):
    book = _book(tmp_path / "named.xlsx", ["ก"])
    wb = openpyxl.load_workbook(book)
    wb.active.title = "ผล_x005F_x0041_"
    wb.save(book)
    sheets, _ = read_workbook(book)
    assert sheets[0].sheet == "ผล_x0041_"


# ---- the round trip --------------------------------------------------------------------------------------------

def _fill_janya(book: Path) -> None:
    """Janya's figures typed into her entry row (openpyxl keeps the rest of the XML's text as it was)."""
    with INDIVIDUALS.open(encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    machine = next(r for r in range(1, 40) if ws.cell(r, 1).value == "agreement")
    header = [c.value for c in ws[machine]]
    for name, value in row.items():
        if name not in ("agreement", "person", "round") and value:
            ws.cell(machine + 1, header.index(name) + 1).value = float(value.rstrip("%"))
    wb.save(book)


def test_a_name_with_an_escape_survives_workbook_results_and_scores(tmp_path):
    name = "จรรยา_x0041_ เรียบร้อย_x000A_"
    rules = _rules_with(tmp_path, **{"จรรยา เรียบร้อย\"": f"{name}\"", "janya_2554_r1": "janya_x0041_r1"})
    book = tmp_path / "entry.xlsx"
    _workbook(rules, book, "janya_x0041_r1")
    _fill_janya(book)
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", str(rules), "--results", str(book), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    summary = _inline_texts(out)["xl/worksheets/sheet1.xml"]
    assert (summary["A2"], summary["B2"]) == ("janya_x005F_x0041_r1", escaped(name))
    with zipfile.ZipFile(out) as z:  # the agreement's own sheet
        assert '<sheet name="janya_x005F_x0041_r1"' in z.read("xl/workbook.xml").decode("utf-8")
    _assert_escaped_where_needed_only(out)
    text = CliRunner().invoke(main, ["score", str(rules), "--results", str(book), "--format", "csv"]).output
    assert f"janya_x0041_r1,{name},1,70.8000," in text  # seed 001's 70.8, the name as typed


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_shows_the_names_as_written_and_saves_them_for_kpidsl_to_read(tmp_path):
    names = ["_x0041_", "_x005F_", "แถว_x000A_ใหม่", "ท้าย_x", "_x00e9_", "_x0041_x0042_"]
    out = tmp_path / "scores.xlsx"
    result = CliRunner().invoke(main, ["score", str(RULES_2554), "--results", str(_results(tmp_path, names)),
                                       "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with first_sheet_csv(out, tmp_path).open(encoding="utf-8", newline="") as f:
        assert [row[1] for row in list(csv.reader(f))[1:1 + len(names)]] == names
    # LibreOffice saves a workbook with shared strings, a literal escape's underscore escaped
    book = _book(tmp_path / "typed.xlsx", [escaped(n) for n in names])
    saved = tmp_path / "saved"
    proc = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "xlsx", "--outdir", str(saved), str(book)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(saved / "typed.xlsx") as z:
        assert b"_x005F_x0041_" in z.read("xl/sharedStrings.xml")
    # but for the escape after another, which LibreOffice 7.4 leaves unescaped (Excel shows `_x0041B`)
    assert _persons(saved / "typed.xlsx")[:5] == names[:5]
