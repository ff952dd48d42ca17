"""`render --agreement X --results FILE`: X's forms are what was asked for.

The rows of another agreement of the rule set are left out of the forms (README), and so
are their mistakes: a colleague's unfinished row does not stop X's forms nor is it told
to X's owner. Whatever could be X's is still told: a mistake in X's rows, a row naming an
agreement the rule set does not have (it may be X mistyped), a wrong file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = "agreement,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1,c2,c3,c4,c5,s1,s2\n"
JANYA = "janya_2554_r1,จรรยา,3.5,3,4.5,3,4.5,4,3,4,3,3,,\n"
SOMSAK_BAD = "somsak_2554_r1,สมศักดิ์,,,,,,3,3,3,3,3,90,สามสิบ\n"


def render(tmp_path: Path, rows: str, *extra: str):
    results = tmp_path / "r.csv"
    results.write_text(HEADER + rows, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(ROOT / "rules/2554"), "--form", "individual", "--results",
                                       str(results), "--format", "md", "-o", str(out), "--lang", "en", *extra])
    return result, out


def test_another_agreements_mistake_does_not_stop_x(tmp_path):
    result, out = render(tmp_path, JANYA + SOMSAK_BAD, "--agreement", "janya_2554_r1")
    assert result.exit_code == 0, result.output
    assert "Q003" not in result.stderr and "somsak" not in result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert written and all(p.startswith("janya_2554_r1/") for p in written)
    assert any("จรรยา" in p.read_text(encoding="utf-8") for p in out.rglob("*.md"))


def test_without_agreement_every_mistake_is_told(tmp_path):
    result, out = render(tmp_path, JANYA + SOMSAK_BAD)
    assert result.exit_code == 1 and ": Q003 " in result.stderr
    assert not out.exists()


def test_xs_own_mistake_is_still_told(tmp_path):
    result, out = render(tmp_path, JANYA.replace(",3.5,", ",7,") + SOMSAK_BAD, "--agreement", "janya_2554_r1")
    assert result.exit_code == 1
    assert "r.csv:2:" in result.stderr and "r.csv:3:" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("row", ["janya_2554_r,จรรยา,3.5,3,4.5,3,4.5,4,3,4,3,3,,\n"], ids=["mistyped"])
def test_a_row_naming_no_agreement_of_the_rule_set_is_still_told(tmp_path, row):
    result, out = render(tmp_path, JANYA + row, "--agreement", "janya_2554_r1")
    assert result.exit_code == 1 and "r.csv:3:1:" in result.stderr, result.output
    assert not out.exists()
