"""An invisible character pasted with an id into a results file (a zero-width space from Word or a
web page, a soft hyphen, a word joiner): the agreement or indicator it names is none, and the
message read `no agreement `province_example_2554​` in rule set 2554 … did you mean
`province_example_2554`?`, the two names alike to the eye, the character printing as nothing.
The id is shown with it escaped (`\\u200b`), as a rule file's S013 shows one, and the hint says
what it is and to delete it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diagnostics.hints import hint
from kpidsl.diagnostics.registry import CODES

HEADER = "agreement,round,p1,p2,p3,p4,submitted"
ROW = "province_example_2554,sar12,3.5,82,80,4,3 พ.ย. 2554"  # examples/province_late_2554.csv



def score(header: str, row: str, lang: str = "en"):
    Path("r.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    return CliRunner().invoke(main, ["score", "2554", "--results", "r.csv", "--lang", lang])


@pytest.mark.parametrize("char, escaped", [("\u200b", "\\u200b"), ("\u00ad", "\\xad"), ("\u2060", "\\u2060"),
                                           ("\ufeff", "\\ufeff")])
def test_an_agreement_cell_with_an_invisible_character(work, char, escaped):
    result = score(HEADER, ROW.replace("province_example_2554", "province_example" + char + "_2554"))
    assert result.exit_code == 1
    d = CODES["Q001"].at(None, id=f"province_example{escaped}_2554", rule_set="2554",
                         **hint("invisible-in-cell", chars=f"`{escaped}`"))
    assert f"r.csv:2:1: Q001 error: {d.message_en}\n" in result.stderr, result.stderr
    assert f"hint: {d.hint_en}\n" in result.stderr
    th = score(HEADER, ROW.replace("province_example_2554", "province_example" + char + "_2554"), lang="th")
    assert d.message_th in th.stderr and d.hint_th in th.stderr


def test_a_header_with_one(work):
    result = score(HEADER.replace("p2", "p2\u200b"), ROW)
    assert result.exit_code == 1
    d = CODES["Q002"].at(None, agreement="province_example_2554", id="p2\\u200b",
                         **hint("invisible-in-cell", chars="`\\u200b`"))
    assert f"r.csv:1:20: Q002 error: {d.message_en}\n" in result.stderr, result.stderr
    assert f"hint: {d.hint_en}\n" in result.stderr


def test_a_name_mistyped_still_has_its_guess(work):
    result = score(HEADER, ROW.replace("province_example_2554", "province_exampel_2554"))
    d = CODES["Q001"].at(None, id="province_exampel_2554", rule_set="2554", **hint("did-you-mean",
                                                                                   guess="province_example_2554"))
    assert f"Q001 error: {d.message_en}\n" in result.stderr and f"hint: {d.hint_en}\n" in result.stderr
