"""Rule sets that checked clean and then scored a row that has every result with no total
(or no band): the checker now stops each (W011, A017, A018, B011), and the plan compiled
past it still scores the row without one — so the code is not a false alarm. The fix its
hint names checks clean and gives the total from seed 003's ladder (65 70 75 80 85: 78 → 3.6,
80 → 4)."""

from __future__ import annotations

import csv
import io
from string import Template
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records

GROUP = """framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 {
        kpi k1 "K1"${w1} { ladder 65 70 75 80 85 }
        kpi k2 "K2"${w2} { ladder 65 70 75 80 85 }
    }
}
agreement a "A" { framework f${weights} }
"""

ADDED = """framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 { agreed_kpis }
}
agreement a "A" {
    framework f
    dimension d {
        kpi k1 "K1"${w1} { ladder 65 70 75 80 85 }
        kpi k2 "K2"${w2} { ladder 65 70 75 80 85 }
    }
}
"""

OMITTED = """framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 {
        kpi 1 "K1" weight 20${optional} {
            kpi 1.1 "K1.1" weight 15 optional { ladder 65 70 75 80 85 }
            kpi 1.2 "K1.2" weight 5 optional -> 1.1 { ladder 65 70 75 80 85 }
        }
        kpi 2 "K2" weight 80 { ladder 65 70 75 80 85 }
    }
}
agreement a "A" { framework f; ${omits} }
"""

ROOTS = """framework f "F" {
    fiscal_year 2555
    dimension d1 "D1" weight 50 optional { kpi k1 "K1" weight 50 { ladder 65 70 75 80 85 } }
    dimension d2 "D2" weight 50 optional { kpi k2 "K2" weight 50 { ladder 65 70 75 80 85 } }
}
agreement a "A" { framework f; ${omits} }
"""

# seed 001: each component × 20 (a full 5 is 100), 70% + 30%; bands 0–100
INDIVIDUAL = """framework f "F" {
    level individual
    fiscal_year 2554
    bands b
    component achievement "A" share 70% { multiplier ${multiplier}; agreed_kpis }
    component competency "C" share 30% { multiplier 20; agreed_kpis }
}
bands b "B" {
    range 0 100
    band excellent "ดีเด่น" >= 90 <= 100
    band very_good "ดีมาก" >= 80 < 90
    band good "ดี" >= 70 < 80
    band fair "พอใช้" >= 60 < 70
    band poor "ต้องปรับปรุง" >= 0 < 60
}
agreement a "A" {
    framework f
    component achievement { kpi i1 "I1" weight 100% { ladder 65 70 75 80 85 } }
    component competency { kpi c1 "C1" weight 100% { ladder 65 70 75 80 85 } }
}
"""


def _fill(template: str, **fields: str) -> str:
    return Template(template).substitute(fields)


def scored(tmp_path: Path, text: str, header: str, row: str) -> tuple[list[str], dict]:
    """The codes check reports, and the CSV row kpidsl score gives for ``row`` of the plan
    compiled whatever they are."""
    folder = tmp_path / "rs"
    folder.mkdir(parents=True)
    (folder / "rules.kpi").write_text(text, encoding="utf-8")
    result = check_paths([folder])
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    results = tmp_path / "r.csv"
    results.write_text(f"{header}\n{row}\n", encoding="utf-8")
    out = score_records(plan, "rs", results, None, None, "csv", False, "en", None).text
    (scored_row,) = csv.DictReader(io.StringIO(out))
    return sorted(d.code for d in result.diagnostics), scored_row


CASES = {
    # a weighted dimension over unweighted indicators; fixed: weigh them 60 + 40
    "W011 in the framework": (_fill(GROUP, w1="", w2="", weights=""),
                              _fill(GROUP, w1=" weight 60", w2=" weight 40", weights=""),
                              ["W011"], "agreement,k1,k2", "a,78,80", "total", "3.7600"),
    # an agreement adding the indicators of an agreed_kpis dimension, unweighted
    "W011 in the agreement": (_fill(ADDED, w1="", w2=""), _fill(ADDED, w1=" weight 60", w2=" weight 40"),
                              ["W011"], "agreement,k1,k2", "a,78,80", "total", "3.7600"),
    # the agreement weighs indicators the framework leaves unweighted; fixed: `weight agreed`
    "A017": (_fill(GROUP, w1="", w2="", weights="; kpi k1 weight 60; kpi k2 weight 40"),
             _fill(GROUP, w1=" weight agreed", w2=" weight agreed", weights="; kpi k1 weight 60; kpi k2 weight 40"),
             ["A017", "A017", "W011"], "agreement,k1,k2", "a,78,80", "total", "3.7600"),
    # every sub-indicator of 1 omitted; fixed: 1 is optional and omitted too (its 20 goes to 2)
    "A018 under a group": (_fill(OMITTED, optional="", omits="omit 1.1; omit 1.2"),
                           _fill(OMITTED, optional=" optional", omits="omit 1; omit 1.1; omit 1.2"),
                           ["A018"], "agreement,2", "a,80", "total", "4.0000"),
    # every top dimension omitted; fixed: one kept (it takes the other's 50)
    "A018 at the top": (_fill(ROOTS, omits="omit d1; omit d2"), _fill(ROOTS, omits="omit d2"),
                        ["A018"], "agreement,k1", "a,78", "total", "3.6000"),
    # achievement × 25: a full 5 and 5 make 70% × 125 + 30% × 100 = 117.5, past the bands' 100
    "B011": (_fill(INDIVIDUAL, multiplier="25"), _fill(INDIVIDUAL, multiplier="20"),
             ["B011"], "agreement,i1,c1", "a,90,90", "band", "excellent"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_checker_stops_what_scores_without_a_total(tmp_path, case):
    broken, fixed, codes, header, row, column, figure = CASES[case]
    found, scored_row = scored(tmp_path / "broken", broken, header, row)
    assert found == codes
    assert scored_row[column] == ""  # what check let through before: no total, or no band
    found, scored_row = scored(tmp_path / "fixed", fixed, header, row)
    assert found == []
    assert scored_row[column] == figure


# kpi k1 scored by a ladder of its own over sub-indicators; fixed: the ladder dropped (their weighted mean)
OWN_AND_SUBS = """framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 {
        kpi k1 "K1" weight 60 {
            ${rule}
            kpi k1a "K1a" weight 30 { ladder 65 70 75 80 85 }
            kpi k1b "K1b" weight 30 { ladder 65 70 75 80 85 }
        }
        kpi k2 "K2" weight 40 { ladder 65 70 75 80 85 }
    }
}
agreement a "A" { framework f }
"""


def test_a_rule_of_its_own_over_sub_indicators_is_k014(tmp_path):
    """Checked clean, k1's ladder scored it (78 → 3.6: 3.6 × 60% + 4 × 40% = 3.76) whatever its
    sub-indicators' results; with the ladder dropped it checks clean and is their weighted mean
    (85, 85 → 5: 4.6; 70, 70 → 2: 2.8)."""
    header = "agreement,k1,k1a,k1b,k2"
    broken = _fill(OWN_AND_SUBS, rule="ladder 65 70 75 80 85")
    for n, subs in enumerate(("85,85", "70,70")):
        found, row = scored(tmp_path / f"broken{n}", broken, header, f"a,78,{subs},80")
        assert found == ["K014"]
        assert row["total"] == "3.7600"
    fixed = _fill(OWN_AND_SUBS, rule="")
    for n, (subs, total) in enumerate((("85,85", "4.6000"), ("70,70", "2.8000"))):
        found, row = scored(tmp_path / f"fixed{n}", fixed, "agreement,k1a,k1b,k2", f"a,{subs},80")
        assert found == []
        assert row["total"] == total


def test_an_agreement_that_changes_a_share_is_a020(tmp_path):
    """Seed 001's 70% + 30%, one agreement's achievement 80%: checked clean, the shares made 110%
    and 78 and 80 (3.6 × 20 = 72, 4 × 20 = 80) scored 72 × 80% + 80 × 30% = 81.6; restated as 70%
    it is 74.4."""
    header, row = "agreement,i1,c1", "a,78,80"
    changed = INDIVIDUAL.replace("multiplier ${multiplier}", "multiplier 20").replace(
        "component achievement {", "component achievement share ${share} {")
    found, scored_row = scored(tmp_path / "broken", _fill(changed, share="80%"), header, row)
    assert found == ["A020"]
    assert scored_row["total"] == "81.6000"
    found, scored_row = scored(tmp_path / "fixed", _fill(changed, share="70%"), header, row)
    assert found == []
    assert scored_row["total"] == "74.4000"


@pytest.mark.parametrize("policy, codes, band", [("", ["B012"], "very_good"),
                                                 ("\n    policy { decimals 0 }", [], "excellent")])
def test_the_best_total_against_the_top_band_is_the_published_one(tmp_path, policy, codes, band):
    """Achievement × 17: a full 5 and 5 make 70% × 85 + 30% × 100 = 89.5, below ดีเด่น from 90 at
    4 decimals (B012: the band is never given) and 90 once published at `decimals 0`."""
    text = _fill(INDIVIDUAL, multiplier="17").replace("    bands b\n", f"    bands b{policy}\n")
    found, scored_row = scored(tmp_path, text, "agreement,i1,c1", "a,90,90")
    assert found == codes
    assert scored_row["band"] == band


@pytest.mark.parametrize("policy, codes, band", [("", ["B011"], ""),
                                                 ("\n    policy { decimals 0 }", [], "excellent")])
def test_the_top_total_against_the_range_is_the_published_one(tmp_path, policy, codes, band):
    """Achievement × 20.1: a full 5 and 5 make 70% × 100.5 + 30% × 100 = 100.35, past the bands'
    0–100 at 4 decimals (B011: the best results get no band) and 100, ดีเด่น, once published at
    `decimals 0` — B011 had told that one too, comparing the unrounded 100.35."""
    text = _fill(INDIVIDUAL, multiplier="20.1").replace("    bands b\n", f"    bands b{policy}\n")
    found, scored_row = scored(tmp_path, text, "agreement,i1,c1", "a,90,90")
    assert found == codes
    assert scored_row["band"] == band


DIVIDED = """framework f "F" {
    fiscal_year 2555
    dimension d "D" weight 100 {
        kpi k1 "K1" weight 100 {
            input X1${y} "x"
            value X1 / ${divisor} * 100
            ladder 65 70 75 80 85
        }
    }
}
agreement a "A" { framework f }
"""


def test_a_formula_dividing_by_a_figure_of_0_is_k015(tmp_path):
    """X1 ÷ (5 − 5): checked clean, then every row refused (Q019, division by zero); K015 now, and
    X1 ÷ Y1 checks clean and scores 78 of 100 as 78 (seed 003's 65 70 75 80 85: 3.6)."""
    folder = tmp_path / "rs"
    folder.mkdir()
    results = tmp_path / "r.csv"
    for divisor, codes in (("(5 - 5)", ["K015"]), ("Y1", [])):
        y = " Y1" if divisor == "Y1" else ""
        results.write_text(f"agreement,k1:X1{',k1:Y1' if y else ''}\na,78{',100' if y else ''}\n", encoding="utf-8")
        (folder / "rules.kpi").write_text(_fill(DIVIDED, divisor=divisor, y=y), encoding="utf-8")
        result = check_paths([folder])
        assert sorted(d.code for d in result.diagnostics) == codes
        (rs,) = result.rule_sets
        outcome = score_records(compile_plan(rs, Path(rs.name)), "rs", results, None, None, "csv", False, "en", None)
        if codes:
            assert [d.code for d in outcome.diagnostics] == ["Q019"]
        else:
            (row,) = csv.DictReader(io.StringIO(outcome.text))
            assert row["total"] == "3.6000"


@pytest.mark.parametrize("cap, codes, band", [("4", ["B012"], "very_good"), ("5", [], "excellent")])
def test_ladders_under_a_cap_below_5_are_held_to_it(tmp_path, cap, codes, band):
    """`cap 4` and an agreement scored on ladders: 100 and 100 reach level 5, held to 4, so
    (70% + 30%) × 20 × 4 = 80 and ดีเด่น (from 90) is never given (B012; the best had been taken
    as 5 × 20 = 100 whatever the cap); at the seeds' cap 5 they make 100, ดีเด่น."""
    text = _fill(INDIVIDUAL, multiplier="20").replace("    bands b\n", f"    bands b\n    policy {{ cap {cap} }}\n")
    found, scored_row = scored(tmp_path, text, "agreement,i1,c1", "a,100,100")
    assert found == codes
    assert scored_row["band"] == band


STEPS_AFTER_ROUND = """policy {
    milestone_count consecutive
    late_step not_counted
}
framework f "F" {
    fiscal_year 2554
    round sar12 "รอบ 12 เดือน" period 1 ต.ค. 2553 - 30 ก.ย. 2554 due 31 ต.ค. 2554 outside_year
    dimension d "D" weight 100 {
        kpi k "K" weight 100 {
            milestones {
                1 "S1" due 31 ธ.ค. 2553
                2 "S2" due 31 ม.ค. 2554
                3 "S3" due 31 มี.ค. 2554
                4 "S4" due 31 ก.ค. 2554
                5 "S5" due ${due} outside_year
            }
        }
    }
}
agreement a "A" { framework f; round sar12 }
"""


@pytest.mark.parametrize("due, codes, total", [("30 พ.ย. 2554", ["M003"], "5.0000"),
                                               ("31 ต.ค. 2554", [], "4.0000")])
def test_a_step_due_after_its_rounds_report_is_m003(tmp_path, due, codes, total):
    """Step 5 done 15 พ.ย. 2554, after round sar12's report was due (31 ต.ค. 2554, seed 002's
    12-month report): with the step due 30 พ.ย. 2554 the scorer counts it on time, a 5 from a
    report that went in without it (M003); due with the report, it is late and not counted (4)."""
    found, row = scored(tmp_path, _fill(STEPS_AFTER_ROUND, due=due), "agreement,k:1,k:2,k:3,k:4,k:5",
                        "a,1 ธ.ค. 2553,1 ม.ค. 2554,1 มี.ค. 2554,1 ก.ค. 2554,15 พ.ย. 2554")
    assert found == codes
    assert row["total"] == total


def test_the_best_total_under_a_cap_is_the_mean_of_the_best_scores(tmp_path):
    """Policy cap 4: achievement i1 on a ladder (held to 4) and i2 on milestones (5 steps, not held)
    at 50% each, competency c1 on a ladder. Every result at its best (90, all 5 steps, 90) scores
    70% × 20 × 4.5 + 30% × 20 × 4 = 87: ดีมาก, so ดีเด่น is never given (B012, now the achievement's
    mean of 4 and 5, not its best indicator's 5, which made 94), and i2 scores 5, past the cap (P014)."""
    text = INDIVIDUAL.replace("multiplier ${multiplier}", "multiplier 20").replace(
        "    bands b\n", "    bands b\n    policy { cap 4 }\n").replace(
        'component achievement { kpi i1 "I1" weight 100% { ladder 65 70 75 80 85 } }',
        'component achievement {\n        kpi i1 "I1" weight 50% { ladder 65 70 75 80 85 }\n'
        '        kpi i2 "I2" weight 50% { milestones { 1 "a"; 2 "b"; 3 "c"; 4 "d"; 5 "e" } }\n    }')
    found, scored_row = scored(tmp_path, text, "agreement,i1,i2,c1", "a,90,5,90")
    assert found == ["B012", "P014"]
    assert scored_row["total"] == "87.0000"
    assert scored_row["band"] == "very_good"
