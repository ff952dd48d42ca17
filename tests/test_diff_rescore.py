"""`kpidsl diff --rescore`: the same results scored under OLD and NEW.

OLD is rules/2554; NEW a copy where Janya's indicator weights moved (j1 15% → 25%,
j4 30% → 20%) and Somsak's indicator s2 was re-numbered s3. The expected figures
are worked by hand from the rules (individual.kpi: achievement × 20 × 70% +
competency × 20 × 30%; bands.kpi: ดี 70–80, พอใช้ 60–70), Janya's scores are those of
seed 001's forms (3.5 3 4.5 3 4.5; competencies 4 3 4 3 3 → 70.8)."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = "agreements/individual_001.kpi"

JANYA = {"j1": "3.5", "j2": "3", "j3": "4.5", "j4": "3", "j5": "4.5"}  # seed 001 แบบประเมินผลสัมฤทธิ์
OTHER = {"j1": "5", "j2": "3", "j3": "4.5", "j4": "2", "j5": "4.5"}
COMPETENCIES = ["4", "3", "4", "3", "3"]  # seed 001 แบบประเมินสมรรถนะ: 3.4 → 68
OLD_WEIGHTS = {"j1": 15, "j2": 20, "j3": 15, "j4": 30, "j5": 20}
NEW_WEIGHTS = {**OLD_WEIGHTS, "j1": 25, "j4": 20}


def total(scores: dict[str, str], weights: dict[str, int]) -> Decimal:
    achievement = sum(Decimal(scores[k]) * weights[k] for k in scores) / 100 * 20
    competency = sum(Decimal(c) for c in COMPETENCIES) / 5 * 20
    return (achievement * Decimal("0.7") + competency * Decimal("0.3")).quantize(Decimal("0.0001"))


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sets(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "rules" / "2554", old)
    shutil.copytree(ROOT / "rules" / "2554", new)
    _edit(new / AGREEMENTS, "ตัวชี้วัด j1 \"ตัวชี้วัดที่ 1\" น้ำหนัก 15%",
          "ตัวชี้วัด j1 \"ตัวชี้วัดที่ 1\" น้ำหนัก 25%")
    _edit(new / AGREEMENTS, "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 30%",
          "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 20%")
    _edit(new / AGREEMENTS, "ตัวชี้วัด s2 ", "ตัวชี้วัด s3 ", count=4)
    results = tmp_path / "results"
    results.mkdir()
    head = "agreement,person," + ",".join(f"{k}:score" for k in JANYA) + ",c1,c2,c3,c4,c5\n"
    rows = [f"janya_2554_r1,{who}," + ",".join(s.values()) + "," + ",".join(COMPETENCIES) + "\n"
            for who, s in (("จรรยา เรียบร้อย", JANYA), ("ผู้รับการประเมินสมมติ", OTHER))]
    (results / "janya.csv").write_text(head + "".join(rows), encoding="utf-8")
    (results / "somsak.csv").write_text("agreement,person,s1,s2,c1,c2,c3,c4,c5\n"
                                        "somsak_2554_r1,สมศักดิ์ สุขใจ,90,80,3,3,3,3,3\n", encoding="utf-8")
    return old, new, results


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *map(str, args), "--lang", "en"])


def test_hand_worked_figures(sets):
    old, new, results = sets
    assert total(JANYA, OLD_WEIGHTS) == Decimal("70.8000")  # seed 001's แบบสรุป
    result = run(old, new, "--rescore", results, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(c["kind"], c["path"].rsplit("/", 1)[-1]) for c in doc["changes"]][:2] == [
        ("agreed-weight-changed", "kpi:j1"), ("agreed-weight-changed", "kpi:j4")]
    rows = doc["rescore"]["rows"]
    # largest change first: the second person gains 4.2 and crosses from พอใช้ into ดี
    other, janya, somsak = rows
    assert other["person"] == "ผู้รับการประเมินสมมติ"
    assert Decimal(other["old"]["total"]) == total(OTHER, OLD_WEIGHTS) == Decimal("69.7500")
    assert Decimal(other["new"]["total"]) == total(OTHER, NEW_WEIGHTS) == Decimal("73.9500")
    assert other["change"] == "+4.2000"
    assert (other["old"]["band"], other["new"]["band"]) == ("fair", "good")
    assert (other["old"]["raise"], other["new"]["raise"]) == ("1.5–2%", "2.5–3%")
    assert janya["person"] == "จรรยา เรียบร้อย"
    assert Decimal(janya["old"]["total"]) == Decimal("70.8000")
    assert Decimal(janya["new"]["total"]) == total(JANYA, NEW_WEIGHTS) == Decimal("71.5000")
    assert janya["change"] == "+0.7000"
    assert janya["old"]["band"] == janya["new"]["band"] == "good"
    assert janya["row"].endswith("janya.csv:2") and other["row"].endswith("janya.csv:3")
    # s2 is s3 in NEW: that row is reported, not a crash, and OLD still scores it (70 × 70% + 60 × 30%)
    assert somsak["change"] is None
    assert Decimal(somsak["old"]["total"]) == Decimal("67.0000") and somsak["old"]["band"] == "fair"
    assert somsak["new"]["total"] is None and "s2" in somsak["new"]["error"]


def test_text_and_markdown(sets):
    old, new, results = sets
    text = run(old, new, "--rescore", results)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("rescore "))
    assert "3 rows, 2 scored under both, 2 with a different total, band or raise" in lines[start]
    assert "69.7500" in lines[start + 2] and "73.9500" in lines[start + 2] and "fair → good" in lines[start + 2]
    assert "70.8000" in lines[start + 3] and "71.5000" in lines[start + 3]
    assert "not scored under both" in lines[start + 4]
    md = run(old, new, "--rescore", results, "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| total " in md.stdout and "| +4.2000 | fair → good |" in md.stdout


def test_text_and_markdown_in_thai(sets):
    """The same rows with Thai labels (the default); figures and band ids are unchanged."""
    old, new, results = sets
    text = CliRunner().invoke(main, ["diff", str(old), str(new), "--rescore", str(results)], env={"KPIDSL_LANG": ""})
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("คำนวณคะแนนใหม่ "))
    assert "3 แถว คำนวณได้ทั้งสองชุด 2 แถว" in lines[start] and "ต่างกัน 2 แถว" in lines[start]
    assert lines[start + 1].split()[:3] == ["แถว", "คำรับรอง", "ผู้รับการประเมิน"]
    assert f"{total(OTHER, OLD_WEIGHTS)}" in lines[start + 2] and f"{total(OTHER, NEW_WEIGHTS)}" in lines[start + 2]
    assert "คำนวณไม่ได้ทั้งสองชุด" in lines[start + 4]
    assert lines[start + 5].split()[1:] == ["คะแนนรวม", "67.0000", "ระดับผล", "fair"]  # OLD still scores Somsak
    assert "`s2`" in lines[start + 6]
    md = CliRunner().invoke(main, ["diff", str(old), str(new), "--rescore", str(results), "--format", "md",
                                   "--lang", "th"])
    assert md.exit_code == 0, md.output
    assert "#### คำนวณคะแนนใหม่" in md.stdout and "| คะแนนรวม " in md.stdout and "| +4.2000 | fair → good |" in md.stdout
    assert "Rescored" not in md.stdout and "not scored" not in md.stdout

def test_missing_results_is_usage_trouble(sets, tmp_path):
    old, new, _ = sets
    result = run(old, new, "--rescore", tmp_path / "nowhere.csv")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name, text", [
    ("csv.xlsx", b"not a workbook"),  # the whole file unreadable: one row, scored by neither
    ("x.csv", "agreement,person\nnobody,x\n".encode()),  # an agreement neither rule set has
    ("j.csv", "agreement,person,j1:score\njanya_2554_r1,a,9\n".encode()),  # a score out of 0-5 in both
])
def test_results_neither_rule_set_can_score_exit_1(sets, tmp_path, name, text):
    """A row that one side cannot score is a difference (exit 0, as for Somsak above); one that
    neither can is an error of the results, as `kpidsl score` would say (exit 1), listed all the
    same."""
    old, new, _ = sets
    path = tmp_path / name
    path.write_bytes(text)
    result = run(old, new, "--rescore", path)
    assert result.exit_code == 1, result.output
    assert "not scored under both" in result.stdout and "Traceback" not in result.output


def test_rule_set_with_errors_exits_1(sets):
    old, new, results = sets
    _edit(new / AGREEMENTS, "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 20%",
          "ตัวชี้วัด j4 \"ตัวชี้วัดที่ 4\" น้ำหนัก 21%")
    result = run(old, new, "--rescore", results)
    assert result.exit_code == 1
    assert "W00" in result.stderr and "individual_001.kpi" in result.stderr


def test_json_results_give_the_same_figures(sets, tmp_path):
    old, new, _ = sets
    records = [{"agreement": "janya_2554_r1", "person": who,
                "results": {**{k: {"score": v} for k, v in scores.items()},
                            **{f"c{i + 1}": c for i, c in enumerate(COMPETENCIES)}}}
               for who, scores in (("จรรยา เรียบร้อย", JANYA), ("ผู้รับการประเมินสมมติ", OTHER))]
    path = tmp_path / "janya.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    result = run(old, new, "--rescore", path, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rescore"]["rows"]
    assert [(r["person"], r["old"]["total"], r["new"]["total"]) for r in rows] == [
        ("ผู้รับการประเมินสมมติ", str(total(OTHER, OLD_WEIGHTS)), str(total(OTHER, NEW_WEIGHTS))),
        ("จรรยา เรียบร้อย", str(total(JANYA, OLD_WEIGHTS)), str(total(JANYA, NEW_WEIGHTS))),
    ]


def test_the_rows_held_are_the_reviews_not_the_records(sets):
    """Each row is scored as it is read and only what the review shows of it is kept: the
    records (a row's cells and their places) held for both rule sets took some 20 kB a row
    (100,000 rows: 2 GB). Python's allocations, not a timing: the same on every machine."""
    import tracemalloc

    from kpidsl.cli.common import load_plan
    from kpidsl.diff.rescore import rescore

    old, new, results = sets
    people = 2_000
    head = "agreement,person," + ",".join(f"{k}:score" for k in JANYA) + ",c1,c2,c3,c4,c5\n"
    many = results.parent / "many.csv"
    many.write_text(head + "".join(f"janya_2554_r1,person {k}," + ",".join(JANYA.values()) + ","
                                   + ",".join(COMPETENCIES) + "\n" for k in range(people)), encoding="utf-8")
    plans = load_plan(old, "en")[0], load_plan(new, "en")[0]
    rescore(*plans, many)  # what is read once for a run (the plan's evaluators) is not per row
    tracemalloc.start()
    rows = rescore(*plans, many)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(rows) == people and rows[0].new.total == Decimal("71.5000")
    assert held / people < 2_000 and peak / people < 4_000, (held / people, peak / people)
