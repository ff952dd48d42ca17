"""`kpidsl check` on paths and bytes that a fixture file cannot carry.

The inline-expectation fixtures (tests/test_check_fixtures.py) cover every
diagnostic about what a rule file says. This file covers what is about the
file itself: missing paths, folders without rule files, unreadable paths
(F001, F002, F009: exit 2), and encodings, binary data, empty and oversized
files (F003–F008, F011: content errors, exit 1; F006 is a warning, exit 0). Every
case goes through the command line (`kpidsl check PATH --format json`) and
must give one clear one-line message, never a traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main

THAI_RULES = (
    "# กรอบการประเมินผลของส่วนราชการ พ.ศ. 2555\n"
    'กรอบ department "กรอบการประเมินผลของส่วนราชการ" {\n'
    "    ปีงบประมาณ 2555\n"
    '    มิติ quality "การประเมินคุณภาพ" {\n'
    '        ตัวชี้วัด 5 "ร้อยละของระดับความพึงพอใจของผู้รับบริการ" {\n'
    '            หน่วย "ร้อยละ"\n'
    "            เกณฑ์ 65 70 75 80 85\n"
    "        }\n"
    "    }\n"
    "}\n"
)

# Errors on several lines, one of them on line 1 near its start (a BOM must
# not shift it) and one after Thai text (columns count code points).
WITH_ERRORS = (
    'framework department "กรอบการประเมินผลของส่วนราชการ" weight 5 {\n'
    "    fiscal_year 2555\n"
    '    dimension quality "การประเมินคุณภาพ" {\n'
    '        kpi 5 "ร้อยละของระดับความพึงพอใจของผู้รับบริการ" {\n'
    '            unti "ร้อยละ"\n'
    "            ladder 65 70 80 75 85\n"
    "        }\n"
    "    }\n"
    "    round r6 \"รอบ 6 เดือน\" period 1 ต.ค. 2554 - 31 มี.ค. 2555 due 31 ก.พ. 2555\n"
    "}\n"
)


# ---- helpers ----------------------------------------------------------------------------------


def run_check(*paths: Path | str):
    """`kpidsl check PATHS --format json --lang en`: (exit code, diagnostics, result)."""
    result = CliRunner().invoke(main, ["check", *map(str, paths), "--format", "json", "--lang", "en"])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    try:
        report = json.loads(result.stdout)
    except ValueError:  # pragma: no cover - the assertion below says what came out instead
        pytest.fail(f"`kpidsl check --format json` did not print JSON:\n{result.output}")
    return result.exit_code, report["diagnostics"], result


def codes(diags) -> list[str]:
    return [d["code"] for d in diags]


def assert_one_line(diags) -> None:
    for d in diags:
        for key in ("message", "message_en", "message_th", "hint"):
            text = d.get(key) or ""
            assert "\n" not in text and "\r" not in text, f"{d['code']} {key} is not one line: {text!r}"
        assert d["message_en"].strip() and d["message_th"].strip(), d


def only(diags, code: str) -> dict:
    assert codes(diags) == [code], json.dumps(diags, ensure_ascii=False, indent=2)
    return diags[0]


# ---- F001, F002, F009: the path cannot be used (exit 2) -----------------------------------------


def test_missing_path_is_F001_exit_2(tmp_path: Path) -> None:
    exit_code, diags, _ = run_check(tmp_path / "rules" / "2555")
    d = only(diags, "F001")
    assert exit_code == 2
    assert "2555" in d["message_en"]
    assert_one_line(diags)


def test_missing_file_next_to_good_folder_still_exit_2(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "rules.kpi").write_text(THAI_RULES, encoding="utf-8")
    exit_code, diags, _ = run_check(good, tmp_path / "missing.kpi")
    assert codes(diags) == ["F001"]
    assert exit_code == 2


def test_folder_without_rule_files_is_F002_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "2555"
    folder.mkdir()
    (folder / "notes.txt").write_text("ร่างกรอบการประเมิน", encoding="utf-8")
    (folder / "rules.kpi.bak").write_text(THAI_RULES, encoding="utf-8")
    exit_code, diags, _ = run_check(folder)
    d = only(diags, "F002")
    assert exit_code == 2
    assert "2555" in d["message_en"]
    assert_one_line(diags)


def test_empty_folder_is_F002_exit_2(tmp_path: Path) -> None:
    exit_code, diags, _ = run_check(tmp_path)
    only(diags, "F002")
    assert exit_code == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_broken_symlink_is_F009_exit_2(tmp_path: Path) -> None:
    link = tmp_path / "rules.kpi"
    link.symlink_to(tmp_path / "gone.kpi")
    exit_code, diags, _ = run_check(link)
    d = only(diags, "F009")
    assert exit_code == 2
    assert "rules.kpi" in d["message_en"]
    assert_one_line(diags)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_F009_exit_2_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.kpi"
    os.mkfifo(fifo)
    exit_code, diags, _ = run_check(fifo)
    only(diags, "F009")
    assert exit_code == 2
    assert_one_line(diags)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_is_F009_exit_2(tmp_path: Path) -> None:
    a, b = tmp_path / "a.kpi", tmp_path / "b.kpi"
    a.symlink_to(b)
    b.symlink_to(a)
    exit_code, diags, _ = run_check(a)
    assert "F009" in codes(diags)
    assert set(codes(diags)) <= {"F009"}
    assert exit_code == 2
    assert_one_line(diags)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_F009_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "rules.kpi"
    path.write_text(THAI_RULES, encoding="utf-8")
    path.chmod(0)
    try:
        exit_code, diags, _ = run_check(path)
    finally:
        path.chmod(0o644)
    only(diags, "F009")
    assert exit_code == 2


# ---- F003–F008: what is in the file cannot be read as a rule file (exit 1) -----------------------


def write(tmp_path: Path, data: bytes, name: str = "rules.kpi") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cp874_thai_is_F003(tmp_path: Path) -> None:
    path = write(tmp_path, THAI_RULES.encode("cp874"))
    exit_code, diags, _ = run_check(path)
    d = only(diags, "F003")
    assert exit_code == 1
    assert "iconv" in d["hint"] and "rules.kpi" in d["hint"]
    assert_one_line(diags)


def test_latin1_is_F011_not_tis620(tmp_path: Path) -> None:
    """Accented letters inside Latin words are Western European, not Thai."""
    path = write(tmp_path, 'framework f "Évaluation générale du suivi" {\n    fiscal_year 2555\n}\n'.encode("latin-1"))
    exit_code, diags, _ = run_check(path)
    d = only(diags, "F011")
    assert exit_code == 1
    assert "iconv" in d["hint"] and "rules.kpi" in d["hint"]
    assert_one_line(diags)


def test_tis620_text_in_a_folder_is_F003(tmp_path: Path) -> None:
    write(tmp_path, THAI_RULES.encode("tis-620"), "legacy.kpi")
    exit_code, diags, _ = run_check(tmp_path)
    only(diags, "F003")
    assert exit_code == 1


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le-no-bom", "be-no-bom"])
def test_utf16_is_F004(tmp_path: Path, encoding: str) -> None:
    data = THAI_RULES.encode(encoding)
    assert data.startswith((b"\xff\xfe", b"\xfe\xff")) == (encoding == "utf-16")
    exit_code, diags, _ = run_check(write(tmp_path, data))
    only(diags, "F004")
    assert exit_code == 1
    assert_one_line(diags)


def test_utf16_english_only_without_bom_is_F004(tmp_path: Path) -> None:
    text = 'framework department "Department framework" {\n    fiscal_year 2555\n}\n'
    exit_code, diags, _ = run_check(write(tmp_path, text.encode("utf-16-le")))
    only(diags, "F004")
    assert exit_code == 1


def test_nul_bytes_are_F005(tmp_path: Path) -> None:
    data = THAI_RULES.encode("utf-8")
    data = data[:40] + b"\x00\x00\x00\x00" + data[40:]
    exit_code, diags, _ = run_check(write(tmp_path, data))
    d = only(diags, "F005")
    assert exit_code == 1
    assert "40" in d["message_en"]  # the byte offset of the first NUL
    assert_one_line(diags)


def test_image_named_kpi_is_F005(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256))
    exit_code, diags, _ = run_check(write(tmp_path, png))
    only(diags, "F005")
    assert exit_code == 1
    assert_one_line(diags)


def test_control_characters_are_F005(tmp_path: Path) -> None:
    data = ("framework x {\n" + "\x01\x02\x03\x04\x05\x06\x07" * 20 + "\n}\n").encode("utf-8")
    exit_code, diags, _ = run_check(write(tmp_path, data))
    d = only(diags, "F005")
    assert exit_code == 1
    assert "byte 14)" in d["message_en"]  # the first control character, after `framework x {\n`


def test_control_characters_after_a_byte_order_mark_are_located_in_the_file(tmp_path: Path) -> None:
    data = ("\ufeffframework x {\r\n" + "\x1b" * 40 + "\n}\n").encode("utf-8")
    exit_code, diags, _ = run_check(write(tmp_path, data))
    assert "byte 18)" in only(diags, "F005")["message_en"]  # 3 of BOM, 15 of the first line with CRLF


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\r\n\r\n"],
                         ids=["empty", "whitespace", "bom-only", "crlf-only"])
def test_empty_file_is_F006_warning_exit_0(tmp_path: Path, content: bytes) -> None:
    exit_code, diags, _ = run_check(write(tmp_path, content))
    d = only(diags, "F006")
    assert d["severity"] == "warning"
    assert exit_code == 0
    assert_one_line(diags)


def test_empty_file_next_to_rules_is_only_a_warning(tmp_path: Path) -> None:
    write(tmp_path, THAI_RULES.encode("utf-8"), "framework.kpi")
    write(tmp_path, b"", "draft.kpi")
    exit_code, diags, _ = run_check(tmp_path)
    only(diags, "F006")
    assert exit_code == 0


def test_file_over_4_mb_is_F007(tmp_path: Path) -> None:
    line = "# " + "ก" * 60 + "\n"  # a rule file of comments, just over the limit
    count = (4 * 1024 * 1024) // len(line.encode("utf-8")) + 2
    path = write(tmp_path, (line * count).encode("utf-8"))
    assert path.stat().st_size > 4 * 1024 * 1024
    exit_code, diags, _ = run_check(path)
    d = only(diags, "F007")
    assert exit_code == 1
    assert "4" in d["message_en"]
    assert_one_line(diags)


def test_file_of_exactly_4_mb_is_read(tmp_path: Path) -> None:
    header = THAI_RULES.encode("utf-8")
    filler = 4 * 1024 * 1024 - len(header)
    path = write(tmp_path, header + b"#" * (filler - 1) + b"\n")
    assert path.stat().st_size == 4 * 1024 * 1024
    exit_code, diags, _ = run_check(path)
    assert diags == []
    assert exit_code == 0


def test_cp1252_smart_quotes_are_F011_with_location(tmp_path: Path) -> None:
    # Saved from a Western Windows editor: “ and ” became 0x93 and 0x94,
    # which is neither UTF-8 nor Thai cp874 text: Windows-1252, named as such.
    text = 'framework department "Department framework" {\n    fiscal_year 2555\n    note \u201cdraft\u201d\n}\n'
    exit_code, diags, _ = run_check(write(tmp_path, text.encode("cp1252")))
    d = only(diags, "F011")
    assert exit_code == 1
    assert "93" in d["message_en"]
    assert (d["line"], d["column"]) == (3, 10)
    assert_one_line(diags)


def test_invalid_utf8_after_thai_counts_code_points(tmp_path: Path) -> None:
    good = "# ร่าง\n".encode("utf-8")
    data = good + "ตัว".encode("utf-8") + b"\x80\x81" + b"\n"
    exit_code, diags, _ = run_check(write(tmp_path, data))
    d = only(diags, "F008")
    assert (d["line"], d["column"]) == (2, 4)
    assert exit_code == 1


def test_bad_file_does_not_hide_errors_in_its_neighbours(tmp_path: Path) -> None:
    write(tmp_path, THAI_RULES.encode("cp874"), "legacy.kpi")
    write(tmp_path, WITH_ERRORS.encode("utf-8"), "current.kpi")
    exit_code, diags, _ = run_check(tmp_path)
    found = set(codes(diags))
    assert "F003" in found
    assert {"K001", "L002", "D001"} <= found
    assert exit_code == 1


# ---- line ends and byte-order marks --------------------------------------------------------------


def _located(diags) -> list[tuple]:
    return sorted((d["code"], d["line"], d["column"], d["end_line"], d["end_column"], d["message_en"])
                  for d in diags)


@pytest.mark.parametrize(
    "transform",
    [
        lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["bom-crlf", "crlf", "bom", "cr"],
)
def test_bom_and_line_ends_check_like_the_plain_file(tmp_path: Path, transform) -> None:
    plain_dir, other_dir = tmp_path / "plain", tmp_path / "other"
    plain_dir.mkdir()
    other_dir.mkdir()
    write(plain_dir, WITH_ERRORS.encode("utf-8"))
    write(other_dir, transform(WITH_ERRORS))
    plain_code, plain, _ = run_check(plain_dir / "rules.kpi")
    other_code, other, _ = run_check(other_dir / "rules.kpi")
    assert {"K001", "L002", "D001"} <= set(codes(plain))
    assert _located(other) == _located(plain)
    assert other_code == plain_code == 1


def test_bom_crlf_clean_file_is_clean(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + THAI_RULES.replace("\n", "\r\n").encode("utf-8")
    exit_code, diags, _ = run_check(write(tmp_path, data))
    assert diags == []
    assert exit_code == 0


def test_bom_crlf_through_the_api(tmp_path: Path) -> None:
    """The same through ``check_paths``: spans, not just the JSON view of them."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", WITH_ERRORS.encode("utf-8"))
    write(tmp_path / "b", b"\xef\xbb\xbf" + WITH_ERRORS.replace("\n", "\r\n").encode("utf-8"))
    a = check_paths([tmp_path / "a" / "rules.kpi"]).diagnostics
    b = check_paths([tmp_path / "b" / "rules.kpi"]).diagnostics

    def key(d):
        s = d.span
        return (d.code, s.line, s.column, s.end_line, s.end_column, d.message_en)

    assert [key(d) for d in a] == [key(d) for d in b]
    assert a


# ---- all of it: one line each, never a traceback ---------------------------------------------------


def test_every_file_problem_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path, THAI_RULES.encode("cp874"), "f003.kpi")
    write(tmp_path, THAI_RULES.encode("utf-16"), "f004.kpi")
    write(tmp_path, b"framework x {\x00}\n", "f005.kpi")
    write(tmp_path, b"", "f006.kpi")
    write(tmp_path, b"#" * (4 * 1024 * 1024 + 1), "f007.kpi")
    write(tmp_path, b"# \x80\x81\n", "f008.kpi")
    exit_code, diags, result = run_check(tmp_path)
    assert sorted(codes(diags)) == ["F003", "F004", "F005", "F006", "F007", "F008"]
    assert exit_code == 1
    assert_one_line(diags)
    text = CliRunner().invoke(main, ["check", str(tmp_path), "--lang", "th"])
    assert "Traceback" not in text.output
    assert text.exit_code == 1


def test_the_holiday_countries_check_knows_what_the_holidays_package_knows():
    # Read from the package's registry, without importing its ~350 country modules.
    import holidays

    from kpidsl.check.dates import _known_countries

    assert _known_countries() == set(holidays.list_supported_countries())
    assert {"TH", "THA"} <= _known_countries()
