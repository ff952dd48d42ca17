"""`kpidsl diff --rescore` after a weight change moves a row to another band: the raise the
officer typed for the old band no longer fits the new one. The row is still scored under
NEW (its total and band are what NEW says); only the raise is flagged, at its cell, with
what to do (Q059). It had been "not scored under both", the new total unknown.

The rules: rules/2555 with the individual example agreement naming no one (a whole unit on
one agreement); NEW moves i1's weight 50% → 70% and i2's 50% → 30%. By hand (seed 001's
forms: achievement × 20 × 70% + competency × 20 × 30%; bands.kpi: พอใช้ 60–70 1.5–2%,
ต้องปรับปรุง < 60 no raise, ดี 70–80 2.5–3%):
- row 2, i1 1, i2 5, competencies 4 3 4 3 4 (18 / 5 × 20 = 72): OLD (0.5 + 2.5) × 20 = 60,
  60 × 70% + 72 × 30% = 63.6 พอใช้, raise 1.5 fits; NEW (0.7 + 1.5) × 20 = 44, 30.8 + 21.6 =
  52.4 ต้องปรับปรุง, whose raise is none: 1.5% no longer fits.
- row 3, i1 3.5, i2 4: OLD 75 → 74.1 ดี, NEW (2.45 + 1.2) × 20 = 73 → 72.7 ดี, raise 3 fits both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT = "agreements/individual_example.kpi"
HEAD = "agreement,person,round,raise,i1:score,i2:score,c1,c2,c3,c4,c5\n"


def _unit(folder: Path, i1: str = "50%", i2: str = "50%") -> Path:
    rules = folder
    shutil.copytree(ROOT / "rules" / "2555", rules)
    path = rules / AGREEMENT
    text = path.read_text(encoding="utf-8")
    text = text.replace('    ผู้รับการประเมิน "สมชาย ตัวอย่าง"\n', "")
    text = text.replace('(สมมติ)" น้ำหนัก 50% {\n', f'(สมมติ)" น้ำหนัก {i1} {{\n', 1)
    text = text.replace('(สมมติ)" น้ำหนัก 50% {\n', f'(สมมติ)" น้ำหนัก {i2} {{\n', 1)
    path.write_text(text, encoding="utf-8")
    return rules


@pytest.fixture
def sets(tmp_path):
    old = _unit(tmp_path / "old")
    new = _unit(tmp_path / "new", "70%", "30%")
    results = tmp_path / "unit.csv"
    results.write_text(HEAD + "somchai_2555_r1,ก,1,1.5,1,5,4,3,4,3,4\n"
                              "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n", encoding="utf-8")
    return old, new, results


def _run(*args) -> object:
    return CliRunner().invoke(main, ["diff", *map(str, args)])


def test_a_raise_that_no_longer_fits_is_flagged_and_the_row_scored(sets):
    old, new, results = sets
    out = _run(old, new, "--rescore", results, "--format", "json", "--lang", "en")
    assert out.exit_code == 0, out.output
    moved, kept = json.loads(out.stdout)["rescore"]["rows"]
    assert (moved["person"], moved["old"]["total"], moved["new"]["total"]) == ("ก", "63.6000", "52.4000")
    assert (moved["old"]["band"], moved["new"]["band"], moved["change"]) == ("fair", "improve", "-11.2000")
    assert moved["old"]["raise_problem"] is None and moved["new"]["error"] is None
    flag = moved["new"]["raise_problem"]
    assert flag["code"] == "Q059" and flag["at"] == f"{results}:2:21"  # the raise cell, `1.5`
    assert moved["new"]["amount"] is None
    assert (kept["old"]["total"], kept["new"]["total"], kept["change"]) == ("74.1000", "72.7000", "-1.4000")
    assert kept["new"]["raise_problem"] is None and kept["new"]["raise"] == "2.5–3% (3%)"


@pytest.mark.parametrize("lang, says, hint", [
    ("en", "Q059 warning: raise 1.5% does not fit band improve under {new} (no raise)",
     "before paying under {new}, give this row a raise that fits band improve (no raise)"),
    ("th", "Q059 warning: ร้อยละการเลื่อน 1.5 ไม่อยู่ในช่วงของระดับผล ต้องปรับปรุง ตามชุดกฎ {new} (ไม่ได้เลื่อนเงินเดือน)",
     "ก่อนเลื่อนเงินเดือนตามชุดกฎ {new} ให้แก้ร้อยละการเลื่อนของแถวนี้ให้เข้ากับระดับผล ต้องปรับปรุง "
     "(ไม่ได้เลื่อนเงินเดือน)")])
def test_the_review_tells_the_raise_at_its_cell_with_what_to_do(sets, lang, says, hint):
    old, new, results = sets
    says, hint = says.format(new=new), hint.format(new=new)  # the rule set as the command was given it
    out = _run(old, new, "--rescore", results, "--lang", lang)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    (at,) = [k for k, line in enumerate(lines) if "Q059" in line]
    assert lines[at].strip() == f"{results}:2:21: {says}", lines[at]
    assert hint in lines[at + 1] and "bands.kpi:" in lines[at + 1]
    assert "52.4000" in out.stdout and "not scored" not in out.stdout and "คำนวณได้ไม่ครบ" not in out.stdout
    md = _run(old, new, "--rescore", results, "--format", "md", "--lang", lang)
    assert md.exit_code == 0 and "Q059" in md.stdout and "52.4000" in md.stdout


def test_a_raise_that_fits_neither_rule_set_is_the_results_error(sets, tmp_path):
    # 5% is ดีเด่น's under both: the officer's own typing, not the change (exit 1), still scored
    old, new, results = sets
    results.write_text(HEAD + "somchai_2555_r1,ก,1,5,1,5,4,3,4,3,4\n", encoding="utf-8")
    out = _run(old, new, "--rescore", results, "--format", "json", "--lang", "en")
    assert out.exit_code == 1, out.output
    (row,) = json.loads(out.stdout)["rescore"]["rows"]
    assert row["change"] == "-11.2000"
    assert row["old"]["raise_problem"]["code"] == row["new"]["raise_problem"]["code"] == "Q059"
