"""A results file whose header has no `agreement` column, scored without --agreement: no row can
say which agreement it is for. A CSV Excel saved with `;` between its cells (a list separator
set so), a tab-separated export, a title line above the header, a column headed `Agreement`:
each was told at every row, at its first cell, as `no agreement `` in rule set 2554` — once a
row, never at the header that is wrong. It is told once, at the header (Q064; Q065 for cells
separated by `;` or tabs, with --agreement too), and no row is read (exit 1, nothing written)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diagnostics.hints import hint
from kpidsl.diagnostics.registry import CODES

HEADER = ["agreement", "round", "p1", "p2", "p3", "p4", "submitted"]
ROW = ["province_example_2554", "sar12", "3.5", "82", "80", "4", "3 พ.ย. 2554"]  # examples/province_late_2554.csv
LOCATED = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) error: ", re.MULTILINE)



def excel(lines: list[str]) -> str:
    """The lines as Excel saves a CSV: a BOM, CRLF."""
    Path("r.csv").write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return "r.csv"


def told(*extra: str, lang: str = "en"):
    Path("out").mkdir(exist_ok=True)
    result = CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "-o", "out/scores.csv", "--lang", lang,
                                       *extra])
    assert list(Path("out").iterdir()) == [], "an output or partial file was left behind"
    return result, [(m["line"], m["column"], m["code"]) for m in LOCATED.finditer(result.stderr)]


def _expected(which: str, **fields) -> tuple[str, str]:
    d = CODES["Q064"].at(None, **hint(which, **fields))
    return d.message_en, d.hint_en


@pytest.mark.parametrize("separator, shown", [(";", "`;`"), ("\t", "`\\t`")])
def test_a_header_of_another_separator_is_told_once_at_the_header(work, separator, shown):
    rows = [separator.join(HEADER)] + [separator.join(ROW) for _ in range(300)]
    excel(rows)
    d = CODES["Q065"].at(None, separator=shown)
    for extra in ((), ("--agreement", "province_example_2554")):  # with it, each row was Q002's own
        result, found = told(*extra)
        assert result.exit_code == 1, result.output
        assert found == [("1", "1", "Q065")]  # not 300 rows' Q001
        assert f"Q065 error: {d.message_en}\n" in result.stderr and f"hint: {d.hint_en}\n" in result.stderr
        assert "checked 1 file: 1 error, 0 warnings" in result.stderr
    th, _ = told(lang="th")
    assert d.message_th in th.stderr and d.hint_th in th.stderr


def test_a_title_line_above_the_header(work):
    excel(["ผลการดำเนินงาน จังหวัดตัวอย่าง" + "," * 6, ",".join(HEADER), ",".join(ROW)])
    result, found = told()
    assert found == [("1", "1", "Q064")]
    message, wanted = _expected("header-agreement-column", expected="`agreement,round,…`")
    assert message in result.stderr and f"hint: {wanted}" in result.stderr, result.stderr


def test_a_column_headed_in_capitals_is_named(work):
    excel([",".join(["Agreement "] + HEADER[1:]), ",".join(ROW)])
    result, found = told()
    assert found == [("1", "1", "Q064")]
    _, wanted = _expected("header-agreement-spelled", column="Agreement")
    assert f"hint: {wanted}" in result.stderr, result.stderr


def test_agreement_given_by_the_option_or_in_thai_needs_no_column(work):
    excel([",".join(HEADER[1:]), ",".join(ROW[1:])])
    result = CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--agreement", "province_example_2554",
                                       "--format", "csv", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "province_example_2554,,sar12,3.7300,0.1500,3.5800,,,"
    excel([",".join(["คำรับรอง"] + HEADER[1:]), ",".join(ROW)])
    result = CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--format", "csv", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "province_example_2554,,sar12,3.7300,0.1500,3.5800,,,"


def test_a_blank_agreement_cell_is_still_told_at_its_row(work):
    # the column is there, the row names none: Q066 (it was Q001 "no agreement `` in rule set
    # 2554", whose hint asked for the `agreement` column the header has)
    excel([",".join(HEADER), ",".join([""] + ROW[1:])])
    _, found = told()
    assert found == [("2", "1", "Q066")]
    result = CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--lang", "en"])
    assert "r.csv:2:1: Q066 error: this row names no agreement: its `agreement` is blank" in result.stderr
    assert "(rule set 2554 has `agreement_001`, " in result.stderr and "`janya_2554_r1`, `province_example_2554`" in result.stderr
    assert "column" not in result.stderr
