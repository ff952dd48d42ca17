"""`kpidsl score --results FILE.xlsx`: a workbook read as a results file, every problem
told at its cell (`book.xlsx › sheet!F12`) in the language asked, bad workbooks refused
with one located message each and nothing written."""

from __future__ import annotations

import csv
import gc
import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.xlsx import read  # noqa: E402
from kpidsl.xlsx.read import LAST_ROW  # noqa: E402
from kpidsl.xlsx.results import located_rows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "score"
RULES_2554 = str(ROOT / "rules" / "2554")
RULES_2555 = str(ROOT / "rules" / "2555")
SHEET = "ผลการประเมิน"


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _diags(rules: str, results: Path, lang: str = "th", *extra: str) -> tuple[int, list[dict]]:
    """Exit code and the diagnostics of `score` (as JSON lines are not offered: the text
    report, each first line split into place, code, message)."""
    result = _run("score", rules, "--results", str(results), "--lang", lang, *extra)
    found = []
    for line in result.output.splitlines():
        m = re.match(r"^(.*?)(?::\d+:\d+)?: ([A-Z]\d{3}) error: (.*)$", line)
        if m:
            found.append({"where": m.group(1), "code": m.group(2), "message": m.group(3)})
    return result.exit_code, found


def _individuals() -> list[list[str]]:
    with (DATA / "individuals_2554.csv").open(encoding="utf-8") as f:
        return list(csv.reader(f))


def _sheet_book(path: Path, rows: list[list], title: str = SHEET) -> Path:
    """A workbook a person made: one sheet holding ``rows`` from A1 on."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _janyas(header_change: tuple[str, str] | None = None) -> list[list[str]]:
    """Janya's results row three times, for three people (the header possibly changed)."""
    header, janya = _individuals()[0], _individuals()[1]
    if header_change:
        header = [header_change[1] if h == header_change[0] else h for h in header]
    person = header.index("person")
    return [header] + [janya[:person] + [name] + janya[person + 1:] for name in ("ก", "ข", "ค")]


def _patch_sheet(book: Path, edit) -> None:
    """Rewrite the first sheet's XML of ``book`` with ``edit`` (what openpyxl cannot write:
    a formula's saved value)."""
    with zipfile.ZipFile(book) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    items[name] = edit(items[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, data in items.items():
            z.writestr(filename, data)


# ---- a workbook read as results -------------------------------------------------------------------------


def test_a_folder_holding_a_workbook_beside_a_csv(tmp_path):
    header, janya, somsak = _individuals()
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "janya.csv").write_text(",".join(header) + "\n" + ",".join(janya) + "\n", encoding="utf-8")
    _sheet_book(folder / "somsak.xlsx", [header, somsak])
    (folder / "~$somsak.xlsx").write_bytes(b"\x00" * 165)  # Excel's lock file beside an open workbook
    got = _run("score", RULES_2554, "--results", str(folder), "--format", "csv")
    assert got.exit_code == 0, got.output
    want = _run("score", RULES_2554, "--results", str(DATA / "individuals_2554.csv"), "--format", "csv")
    assert got.output == want.output
    assert "somsak_2554_r1,สมศักดิ์ สุขใจ,1,67.0000,,67.0000,fair,," in got.output


def test_a_wrong_header_is_told_once_at_its_cell(tmp_path):
    rows = _janyas(("c5:score", "c6:score"))
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    status, diags = _diags(RULES_2554, book)
    column = openpyxl.utils.get_column_letter(rows[0].index("c6:score") + 1)
    assert status == 1
    assert [(d["code"], d["where"]) for d in diags] == [("Q002", f"{book} › {SHEET}!{column}1")]
    # the same for CSV: once, on the header line, at the header's column
    table = tmp_path / "table.csv"
    table.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    result = _run("score", RULES_2554, "--results", str(table))
    at = len(",".join(rows[0][:rows[0].index("c6:score")])) + 2
    assert result.exit_code == 1
    assert re.findall(r"^(\S+): (Q\d+)", result.output, re.M) == [(f"{table}:1:{at}", "Q002")]


def test_a_bad_cell_is_told_at_its_cell_in_the_language_asked(tmp_path):
    rows = _janyas()
    rows[2][rows[0].index("j2:score")] = "สาม"
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    for lang in ("th", "en"):
        status, diags = _diags(RULES_2554, book, lang)
        column = openpyxl.utils.get_column_letter(rows[0].index("j2:score") + 1)
        assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("Q003", f"{book} › {SHEET}!{column}3")]
    assert "column" not in diags[0]["message"] or lang == "en"


def test_partial_results_are_told_in_one_language(tmp_path):
    rows = _janyas()
    for row in rows[1:]:
        row[rows[0].index("j4:score")] = ""
    book = _sheet_book(tmp_path / "book.xlsx", rows[:2])
    status, diags = _diags(RULES_2554, book, "th")
    # at the blank j4:score cell to fill (column H), no longer the row's A2
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rows[0].index("j4:score")]
    assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("Q007", f"{book} › {SHEET}!{letter}2")]
    assert letter == "H"
    english = set(re.findall(r"[A-Za-z]{2,}", diags[0]["message"])) - {"janya_2554_r1", "janya", "r1"}
    assert english == set(), diags[0]["message"]
    _, diags = _diags(RULES_2554, book, "en")
    assert "คะแนน" not in diags[0]["message"] and "score" in diags[0]["message"]


def test_a_long_layout_is_refused_with_the_layout_expected(tmp_path):
    book = _sheet_book(tmp_path / "long.xlsx", [["ตัวชี้วัด", "ผล"], ["1.1.1", 82.5], ["5", 78]])
    status, diags = _diags(RULES_2555, book, "th")
    assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("Q050", f"{book} › {SHEET}!A1")]
    result = _run("score", RULES_2555, "--results", str(book))
    assert "`agreement,round,1.1.1,1.1.2," in result.output and "``" not in result.output
    table = tmp_path / "long.csv"
    table.write_text("ตัวชี้วัด,ผล\n1.1.1,82.5\n5,78\n", encoding="utf-8")
    result = _run("score", RULES_2555, "--results", str(table))
    assert re.findall(r"^(\S+): (Q\d+)", result.output, re.M) == [(f"{table}:1:1", "Q050")]
    assert "`agreement,round,1.1.1,1.1.2," in result.output


def test_formulas_are_read_as_their_saved_values(tmp_path):
    rows = _janyas()[:2]
    at = rows[0].index("j1:score")
    rows[1][at] = "=3+0.5"
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    column = openpyxl.utils.get_column_letter(at + 1)
    # openpyxl saves a formula without its value: refused at the cell
    status, diags = _diags(RULES_2554, book)
    assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("J006", f"{book} › {SHEET}!{column}2")]
    # as a spreadsheet saves it, with its value: read as the value
    _patch_sheet(book, lambda xml: xml.replace("<f>3+0.5</f><v />", "<f>3+0.5</f><v>3.5</v>"))
    got = _run("score", RULES_2554, "--results", str(book), "--format", "csv")
    assert got.exit_code == 0, got.output
    assert "janya_2554_r1,ก,1,70.8000,,70.8000,good,3,920" in got.output


def test_a_row_with_a_formula_without_value_still_has_its_other_problems_told(tmp_path):
    rows = _janyas()[:2]
    rows[1][rows[0].index("j1:score")] = "=3+0.5"
    rows[1][rows[0].index("j2:score")] = "สาม"
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    status, diags = _diags(RULES_2554, book)
    assert status == 1 and [d["code"] for d in diags] == ["J006", "Q003"]  # and no Q007 for the formula's cell


def test_an_error_value_is_refused_at_its_cell(tmp_path):
    rows = _janyas()[:2]
    at = rows[0].index("j3:score")
    rows[1][at] = "#DIV/0!"  # openpyxl writes it as the error value it is
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    status, diags = _diags(RULES_2554, book, "en")
    column = openpyxl.utils.get_column_letter(at + 1)
    assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("J007", f"{book} › {SHEET}!{column}2")]
    assert "#DIV/0!" in diags[0]["message"]


def test_an_agreement_cell_told_at_is_not_told_again_as_a_missing_agreement(tmp_path):
    # the cell told (J007) was read as empty, and Q001 "name the agreement" followed at it
    rows = _janyas()[:2]
    rows[1][rows[0].index("agreement")] = "#N/A"
    book = _sheet_book(tmp_path / "book.xlsx", rows)
    status, diags = _diags(RULES_2554, book, "en")
    assert status == 1 and [(d["code"], d["where"]) for d in diags] == [("J007", f"{book} › {SHEET}!A2")]


def test_merged_cells_give_every_cell_their_value(tmp_path):
    rows = _janyas()
    for row in rows[2:]:
        row[0] = ""  # the agreement typed once, merged down over the people's rows
    book = tmp_path / "merged.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    for row in rows:
        ws.append([float(c) if re.fullmatch(r"[\d.]+", c) else (c or None) for c in row])
    ws.merge_cells("A2:A4")
    wb.save(book)
    got = _run("score", RULES_2554, "--results", str(book), "--format", "csv")
    assert got.exit_code == 0, got.output
    assert [line.split(",")[:2] for line in got.output.splitlines()[1:]] == [
        ["janya_2554_r1", "ก"], ["janya_2554_r1", "ข"], ["janya_2554_r1", "ค"]]


def test_hidden_sheets(tmp_path):
    header, janya, somsak = _individuals()
    book = tmp_path / "hidden.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = SHEET
    for row in (header, janya):
        wb.active.append(row)
    helper = wb.create_sheet("lists")  # a hidden helper sheet (a list for a drop-down): passed over
    helper.append(["ดีมาก", "ดี"])
    helper.sheet_state = "hidden"
    kept = wb.create_sheet("somsak")  # a hidden sheet with a table: its results are still results
    for row in (header, somsak):
        kept.append(row)
    kept.sheet_state = "hidden"
    wb.save(book)
    got = _run("score", RULES_2554, "--results", str(book), "--format", "csv")
    assert got.exit_code == 0, got.output
    want = _run("score", RULES_2554, "--results", str(DATA / "individuals_2554.csv"), "--format", "csv")
    assert got.stdout == want.stdout
    # the hidden sheet that holds rows is told (J012, a warning: the officer may have hidden it to
    # drop it); the hidden helper sheet of lists holds no rows and is passed over in silence
    assert got.stderr.count("J012") == 1 and "somsak" in got.stderr and "lists" not in got.stderr


def test_thai_digits_in_headers_and_cells(tmp_path):
    header, janya, _ = _individuals()
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    book = _sheet_book(tmp_path / "thai.xlsx", [header, [c.translate(thai) if c[:1].isdigit() else c
                                                           for c in janya]])
    got = _run("score", RULES_2554, "--results", str(book), "--format", "csv")
    assert got.exit_code == 0, got.output
    assert "janya_2554_r1,จรรยา เรียบร้อย,1,70.8000,,70.8000,good,3,920" in got.output


# ---- bad workbooks: one located message each, nothing written ---------------------------------------------


def _one(tmp_path: Path, book: Path) -> dict:
    out = tmp_path / "scores.csv"
    status, diags = _diags(RULES_2554, book, "en", "--format", "csv", "-o", str(out))
    assert status == 1 and len(diags) == 1, diags
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    return diags[0]


def test_an_old_xls(tmp_path):
    book = tmp_path / "old.xls"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J003", str(book)) and "old-format" in d["message"]


def test_a_password_protected_workbook(tmp_path):
    book = tmp_path / "locked.xlsx"  # an encrypted workbook is an OLE file under an .xlsx name
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J003", str(book)) and "password" in d["message"]


def test_a_zip_of_something_else(tmp_path):
    book = tmp_path / "other.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J003", str(book))


def test_a_zip_bomb(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_UNPACKED", 64 * 1024 * 1024)  # the limit, smaller for a quick test
    book = tmp_path / "bomb.xlsx"
    _sheet_book(book, _janyas())
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/padding.bin", bytes(read.MAX_UNPACKED))  # zeros: 64 MB unpacked, 64 kB packed
    assert book.stat().st_size < 1024 * 1024
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J003", str(book)) and "unpacks to" in d["message"]


def test_an_empty_sheet(tmp_path):
    book = tmp_path / "empty.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = SHEET
    wb.save(book)
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J008", f"{book} › {SHEET}")


def test_a_sheet_cut_at_the_last_row(tmp_path):
    rows = _janyas()[:2]
    book = tmp_path / "full.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    for row in rows:
        ws.append(row)
    for c, value in enumerate(rows[1], start=1):
        ws.cell(LAST_ROW, c, value)
    ws.cell(LAST_ROW, rows[0].index("person") + 1, "ฮ")
    wb.save(book)
    d = _one(tmp_path, book)
    assert (d["code"], d["where"]) == ("J009", f"{book} › {SHEET}!A{LAST_ROW}") and "1,048,576" in d["message"]


def _many_rows(path: Path, count: int) -> Path:
    """A sheet of Janya's row ``count`` times, its XML written directly (openpyxl takes
    minutes to write as many)."""
    header, janya = _individuals()[:2]
    _sheet_book(path, [header, janya])

    def repeat(xml: str) -> str:
        row = re.search(r'<row r="2".*?</row>', xml).group()
        rows = "".join(re.sub(r'r="([A-Z]+)?2"', lambda m: f'r="{m.group(1) or ""}{n}"', row)
                       for n in range(2, count + 2))
        return xml.replace(row, rows)

    _patch_sheet(path, repeat)
    return path


@pytest.mark.slow  # tracemalloc slows the reading of 22,000 rows to a minute or two
def test_reading_rows_keeps_memory_flat(tmp_path):
    def peak(count: int) -> int:
        book = _many_rows(tmp_path / f"rows{count}.xlsx", count)
        gc.collect()  # what earlier tests left is not counted (a collection during the count once made it 1.3x)
        tracemalloc.start()
        seen = sum(1 for _ in located_rows(book))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert seen == count + 1
        return top

    peak(200)  # caches filled once (openpyxl's, the reader's) before either count
    small, big = peak(2_000), peak(20_000)
    assert big < small * 1.3, (small, big)  # ten times the rows, about the same memory


# ---- CSV for Excel: a byte-order mark -------------------------------------------------------------------


@pytest.mark.parametrize("flag, to_file, to_stdout", [(None, True, False), ("--bom", True, True),
                                                      ("--no-bom", False, False)])
def test_a_csv_for_people_starts_with_a_byte_order_mark(tmp_path, flag, to_file, to_stdout):
    args = ["score", RULES_2554, "--results", str(DATA / "individuals_2554.csv"), "--format", "csv"]
    args += [flag] if flag else []
    out = tmp_path / "scores.csv"
    assert _run(*args, "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfagreement,") == to_file and data.count(b"\xef\xbb\xbf") == int(to_file)
    printed = _run(*args).stdout_bytes
    assert printed.startswith(b"\xef\xbb\xbf") == to_stdout
    assert data.removeprefix(b"\xef\xbb\xbf") == printed.removeprefix(b"\xef\xbb\xbf")
    # kpidsl reads its own output either way
    assert "สมศักดิ์" in out.read_text(encoding="utf-8-sig")


def test_the_help_says_which_is_the_default():
    text = " ".join(_run("score", "--help", "--lang", "en").output.split())
    assert "--bom / --no-bom" in text and "on for a file named by -o" in text


def test_without_openpyxl_a_workbook_to_read_or_write_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    book = _sheet_book(tmp_path / "book.xlsx", _janyas())
    code = ("import sys, importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda n, *a: None if n == 'openpyxl' else real(n, *a); "
            "from kpidsl.cli import main; sys.argv = ['kpidsl', 'score'] + sys.argv[1:]; main()")
    for args in (["--results", str(book)], ["--results", str(DATA / "individuals_2554.csv"), "--format", "xlsx"]):
        proc = subprocess.run([sys.executable, "-c", code, RULES_2554, *args, "--lang", "en"], capture_output=True,
                              text=True, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and "J001" in proc.stderr and "pip install 'kpidsl[xlsx]'" in proc.stderr


def test_thai_digits_in_a_header_name_the_indicator(tmp_path):
    with (DATA / "dept_example_2555.csv").open(encoding="utf-8") as f:
        header, row = list(csv.reader(f))
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    book = _sheet_book(tmp_path / "dept.xlsx", [[h.translate(thai) if h[:1].isdigit() else h for h in header],
                                                [row[0]] + [float(c) for c in row[1:]]])
    assert "๑.๑.๑" in [c.value for c in openpyxl.load_workbook(book).active[1]]
    got = _run("score", RULES_2555, "--results", str(book), "--format", "csv")
    want = _run("score", RULES_2555, "--results", str(DATA / "dept_example_2555.csv"), "--format", "csv")
    assert got.exit_code == 0 and got.output == want.output and ",3.5282," in got.output


def test_a_row_given_twice_names_the_first_by_its_sheet_row(tmp_path):
    """Q006's hint names the first row as the spreadsheet does (`sheet!A2`), not `line 2`,
    in the language asked; on another sheet, that sheet's row."""
    rows = _janyas()
    book = _sheet_book(tmp_path / "twice.xlsx", rows + [rows[1]])  # ก again, on row 5
    for lang, hint in (("en", "hint: the first is at `ผลการประเมิน!A2`"),
                       ("th", "ครั้งแรกอยู่ที่ `ผลการประเมิน!A2`")):
        result = _run("score", RULES_2554, "--results", str(book), "--lang", lang)
        assert result.exit_code == 1
        code, found = _diags(RULES_2554, book, lang)
        assert [(d["code"], d["where"]) for d in found] == [("Q006", f"{book} › {SHEET}!A5")]
        assert hint in result.output and "line 2" not in result.output and "บรรทัด" not in result.output
    wb = openpyxl.load_workbook(book)
    wb[SHEET].delete_rows(5)
    second = wb.create_sheet("รอบที่สอง")
    second.append(rows[0])
    second.append(rows[2])  # ข: her first row is on row 3 of the first sheet
    second.append(rows[3])  # ค: row 4 there
    wb.save(book)
    code, found = _diags(RULES_2554, book, "en")
    assert code == 1 and [(d["code"], d["where"]) for d in found] == [("Q006", f"{book} › รอบที่สอง!A2"),
                                                                      ("Q006", f"{book} › รอบที่สอง!A3")]
    result = _run("score", RULES_2554, "--results", str(book), "--lang", "en")
    assert "the first is at `ผลการประเมิน!A3`" in result.output and "the first is at `ผลการประเมิน!A4`" in result.output


def test_a_column_named_twice_names_the_first_header_cell(tmp_path):
    rows = _janyas()
    rows = [rows[0] + [rows[0][-1]]] + [r + [r[-1]] for r in rows[1:]]
    book = _sheet_book(tmp_path / "columns.xlsx", rows)
    last = openpyxl.utils.get_column_letter(len(rows[0]))
    first = openpyxl.utils.get_column_letter(len(rows[0]) - 1)
    code, found = _diags(RULES_2554, book, "en")
    assert code == 1 and [(d["code"], d["where"]) for d in found][:1] == [("Q006", f"{book} › {SHEET}!{last}1")]
    result = _run("score", RULES_2554, "--results", str(book), "--lang", "th")
    assert f"ครั้งแรกอยู่ที่ `{SHEET}!{first}1`" in result.output


def test_rows_given_twice_are_told_in_the_order_of_the_sheets_rows(tmp_path):
    """`score` keeps a workbook's rows seen as a CSV's (MaybeSeenRows: 4 bytes a row, then a
    filter of fixed size; SeenRows took 16 a slot, benchmarks/bench_seen_rows.py) and reads the
    workbook again for the rows given twice: each is told at its row, among the other
    problems in the order of the sheets and their rows, as read at once (SeenRows, as
    `render` reads them)."""
    from kpidsl.check import check_paths
    from kpidsl.plan import compile_plan
    from kpidsl.score.results import read_results

    rows = _janyas()
    at = rows[0].index("person")
    bad = rows[3][:-1] + ["abc"]  # ค's last figure: no number
    book = _sheet_book(tmp_path / "twice.xlsx", rows + [rows[1], bad[:at] + ["ง"] + bad[at + 1:]])
    wb = openpyxl.load_workbook(book)
    second = wb.create_sheet("รอบที่สอง")
    for r in (rows[0], rows[2], bad):  # ข again; ค again, with a bad figure
        second.append(r)
    wb.save(book)
    code, found = _diags(RULES_2554, book, "en")
    (rs,) = check_paths([Path(RULES_2554)]).rule_sets
    exact = [d for d in read_results(book, compile_plan(rs, Path(RULES_2554))) if hasattr(d, "code")]
    assert code == 1
    assert [(d["code"], d["where"]) for d in found] == [(d.code, d.span.path) for d in exact]
    assert [(d["code"], d["where"].split(" › ")[1]) for d in found if d["code"] == "Q006"] == [
        ("Q006", f"{SHEET}!A5"), ("Q006", "รอบที่สอง!A2"), ("Q006", "รอบที่สอง!A3")], found
    assert [d["code"] for d in found] == ["Q006", found[1]["code"], "Q006", found[1]["code"], "Q006"], found
