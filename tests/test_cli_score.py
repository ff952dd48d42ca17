"""`kpidsl compile`, `kpidsl score` and `kpidsl test` end to end with click's
CliRunner, and snapshots of the explained report of the shipped example
agreement dept_example_2555 scored with the results of its example block
(tests/data/score/dept_example_2555.csv)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.plan import compile_plan
from kpidsl.score import properties

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "score"
DEPT_CSV = "tests/data/score/dept_example_2555.csv"
DEPT_JSON = "tests/data/score/dept_example_2555.json"
PEOPLE_CSV = "tests/data/score/individuals_2554.csv"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    return ROOT


def write_rule_set(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.kpi").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


SMALL = """
    framework f "กรอบ" {
        fiscal_year 2555
        dimension d "มิติ" weight 100 {
            kpi 5 "ความพึงพอใจ" weight 70 { ladder 65 70 75 80 85 }
            kpi 6 "ผู้กำหนดนโยบาย" weight 30 { ladder 65 70 75 80 85 }
        }
    }
    agreement a "คำรับรอง" { framework f }
    example e "ตัวอย่าง" {
        agreement a
        given { kpi 5 result 78; kpi 6 result 88 }
        expect {
            kpi 5 score 3.6
            total TOTAL
        }
    }
"""


# ---- compile -----------------------------------------------------------------------------------------

def test_compile_to_stdout(at_root):
    result = run("compile", "rules/2555")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["kpidsl_plan"] == 1 and plan["rule_set"] == "2555" and plan["fiscal_year"] == 2555
    assert [a["id"] for a in plan["agreements"]] == ["dept_example_2555", "dept_no_policy_2555", "somchai_2555_r1"]
    assert result.stderr == ""


def test_compile_to_a_file(tmp_path, at_root):
    out = tmp_path / "deep" / "plan.json"
    result = run("compile", "rules/2555", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == f"wrote {out}\n"
    assert run("compile", "rules/2555", "-o", str(out)).stderr == f"เขียน {out} แล้ว\n"
    assert out.read_text(encoding="utf-8") == run("compile", "rules/2555").stdout


def test_compile_a_rule_set_with_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("bad"), """
        framework f "กรอบ" {
            fiscal_year 2555
            dimension a "ก" weight 60
            dimension b "ข" weight 30
        }
    """)
    result = run("compile", "bad", "-o", "out/plan.json", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.search(r"^bad/rules\.kpi:2:11: W001 error: ", result.stderr, re.MULTILINE), result.stderr
    assert result.stderr.endswith("checked 1 file: 1 error, 0 warnings\n")
    assert not Path("out").exists()


def test_compile_a_folder_of_two_rule_sets_is_a_usage_error(at_root):
    result = run("compile", "rules", "--lang", "en")
    assert result.exit_code == 2
    assert "rules holds 2 rule sets (rules/2554, rules/2555); name one of them" in result.stderr
    assert result.stdout == ""


def test_compile_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("compile", "nowhere", "--lang", "en")
    assert result.exit_code == 2
    assert "F001" in result.stderr


# ---- score -------------------------------------------------------------------------------------------

def test_score_text(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("dept_example_2555 — คำรับรองการปฏิบัติราชการของกรมตัวอย่าง")
    assert lines[1] == "  framework department, fiscal year 2555"
    assert "  total: 3.5282" in lines
    assert not any(line.lstrip().startswith("= ") for line in lines), "no explanations without --explain"
    assert re.search(r"^\s+3 ระดับความสำเร็จ.*\s–\s+omitted$", result.stdout, re.MULTILINE)


def test_score_text_in_thai(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--lang", "th")
    assert result.exit_code == 0
    assert "  คะแนนรวม: 3.5282" in result.stdout.splitlines()


def test_score_json(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json")
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)
    assert (doc["agreement"], doc["framework"], doc["total"], doc["final"]) == \
        ("dept_example_2555", "department", "3.5282", "3.5282")
    assert "explanations" not in doc

    def find(nodes, node_id):
        for n in nodes:
            if n["id"] == node_id:
                return n
            found = find(n["children"], node_id)
            if found:
                return found

    assert find(doc["nodes"], "5")["score"] == "3.6000" and find(doc["nodes"], "5")["value"] == "78"
    assert find(doc["nodes"], "8")["value"] == "90"
    assert find(doc["nodes"], "3")["omitted"] is True and find(doc["nodes"], "3")["score"] is None
    assert find(doc["nodes"], "1")["weight"] == "24"


def test_score_csv(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("agreement,person,round,total,penalty,final,band,raise_percent,amount\n"
                             "dept_example_2555,,,3.5282,,3.5282,,,\n")


def test_score_explain_shows_the_rule_file_line_and_the_seed(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--explain", "--lang", "en")
    assert result.exit_code == 0, result.output
    department = (ROOT / "rules" / "2555" / "department.kpi").read_text(encoding="utf-8").splitlines()
    kpi5 = next(i for i, line in enumerate(department, start=1) if line.strip().startswith("ตัวชี้วัด 5 "))
    kpi5_ladder = next(i for i, line in enumerate(department, start=1) if i > kpi5 and "เกณฑ์" in line)
    assert (f"= result 78; ladder 65 70 75 80 85: 78 lies between level 3 (75) and level 4 (80): "
            f"3 + |78 − 75| / |80 − 75| = 3.6  [rules/2555/department.kpi:{kpi5_ladder}; 003 สไลด์ 23–24]") \
        in result.stdout
    assert "= Σ weighted score = 2.508 + 1.0202 = 3.5282  [rules/2555/department.kpi:" in result.stdout
    assert "[rules/2555/agreements/department_example.kpi:" in result.stdout


def test_score_json_explain(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json", "--explain")
    (doc,) = json.loads(result.stdout)
    total = doc["explanations"]["total"]
    assert total["rule"] == "Σ weighted score = 2.508 + 1.0202 = 3.5282"
    assert total["source"]["path"] == "department.kpi" and total["citation"] == "003 สไลด์ 2–5"
    assert doc["explanations"]["penalty"] is None


def test_score_json_results_give_the_same_report(at_root):
    from_csv = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json", "--explain")
    from_json = run("score", "rules/2555", "--results", DEPT_JSON, "--format", "json", "--explain")
    assert from_json.exit_code == 0, from_json.output

    def without_inputs(doc):  # where the results came from (file:line) differs, nothing else
        text = json.dumps(doc, ensure_ascii=False)
        return re.sub(r'"inputs": \{[^}]*\}', '"inputs": {}', text)

    assert without_inputs(json.loads(from_json.stdout)) == without_inputs(json.loads(from_csv.stdout))


def test_score_a_folder_of_results_files(tmp_path, at_root):
    folder = tmp_path / "results"
    folder.mkdir()
    shutil.copy(DATA / "dept_example_2555.csv", folder / "a.csv")
    shutil.copy(DATA / "dept_example_2555.json", folder / "b.json")
    (folder / "notes.txt").write_text("not results", encoding="utf-8")
    result = run("score", "rules/2555", "--results", str(folder), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["dept_example_2555,,,3.5282,,3.5282,,,"] * 2
    out = tmp_path / "scores.csv"
    result = run("score", "rules/2555", "--results", str(folder), "--format", "csv", "-o", str(out), "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out} (2 scored)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results", "scores.csv"]


def test_one_long_csv_scores_several_agreements(at_root):
    result = run("score", "rules/2554", "--results", PEOPLE_CSV, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["agreement"], r["person"], r["round"], r["final"], r["band"], r["raise_percent"], r["amount"])
            for r in rows] == [
        ("janya_2554_r1", "จรรยา เรียบร้อย", "1", "70.8000", "good", "3", "920"),   # 30,600 × 3% = 918 → 920
        ("somsak_2554_r1", "สมศักดิ์ สุขใจ", "1", "67.0000", "fair", "", ""),       # 70 × 70% + 60 × 30%
    ]


def test_one_long_csv_as_text_and_json(at_root):
    text = run("score", "rules/2554", "--results", PEOPLE_CSV, "--lang", "en").stdout
    assert text.count("  total: ") == 2
    assert "  band: ดี (good)" in text and "  band: พอใช้ (fair)" in text
    assert "  raise: 2.5–3%, 3%" in text and "  amount: 920" in text
    docs = json.loads(run("score", "rules/2554", "--results", PEOPLE_CSV, "--format", "json").stdout)
    assert [(d["agreement"], d["person"], d["final"]) for d in docs] == [
        ("janya_2554_r1", "จรรยา เรียบร้อย", "70.8000"), ("somsak_2554_r1", "สมศักดิ์ สุขใจ", "67.0000")]


def test_agreement_option_for_a_file_without_the_column(tmp_path, at_root):
    results = tmp_path / "r.csv"
    results.write_text((DATA / "dept_example_2555.csv").read_text(encoding="utf-8").replace(
        "agreement,", "", 1).replace("dept_example_2555,", "", 1), encoding="utf-8")
    result = run("score", "rules/2555", "--results", str(results), "--agreement", "dept_example_2555",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "dept_example_2555,,,3.5282,,3.5282,,,"
    missing = run("score", "rules/2555", "--results", str(results), "--lang", "en")
    assert missing.exit_code == 1
    # told once, at the header (not at each row as `no agreement ``` Q001): tests/test_results_header_agreement.py
    assert f"{results}:1:1: Q064 error" in missing.stderr and "Q001" not in missing.stderr


def test_unknown_agreement_option_is_a_usage_error(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--agreement", "nobody", "--lang", "en")
    assert result.exit_code == 2
    assert "no agreement `nobody` in rules/2555 (agreements: dept_example_2555, dept_no_policy_2555, somchai_2555_r1)" \
        in result.stderr


def test_missing_results_path(at_root):
    result = run("score", "rules/2555", "--results", "tests/data/score/nothing.csv", "--lang", "en")
    assert result.exit_code == 2
    assert "F001" in result.stderr and result.stdout == ""


def test_score_a_folder_of_two_rule_sets_is_a_usage_error(at_root):
    result = run("score", "rules", "--results", DEPT_CSV, "--lang", "en")
    assert result.exit_code == 2
    assert "name one of them" in result.stderr


def test_round_option(tmp_path, at_root):
    header, row = (DATA / "individuals_2554.csv").read_text(encoding="utf-8").splitlines()[:2]
    results = tmp_path / "r.csv"
    results.write_text(header.replace("agreement,round,", "agreement,") + "\n" +
                       row.replace("janya_2554_r1,1,", "janya_2554_r1,") + "\n", encoding="utf-8")
    ok = run("score", "rules/2554", "--results", str(results), "--round", "1", "--format", "csv")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.splitlines()[1].startswith("janya_2554_r1,จรรยา เรียบร้อย,1,70.8000")
    wrong = run("score", "rules/2554", "--results", str(results), "--round", "2", "--lang", "en")
    assert wrong.exit_code == 1
    assert "Q005" in wrong.stderr and "round `2` is not a round of agreement `janya_2554_r1`" in wrong.stderr


def test_late_report_through_the_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("province"), """
        framework province "จังหวัด" {
            fiscal_year 2554
            round sar12 "SAR รอบ 12 เดือน" period 1 ตุลาคม 2553 – 30 กันยายน 2554 due 31 ตุลาคม 2554 outside_year {
                late_penalty 0.0500 per working_day
            }
            dimension 1 "ประสิทธิผล" weight 100 { kpi 1.1 "ตัวชี้วัด" weight 100 { owner_score } }
        }
        holidays { country TH }
        agreement p "จังหวัดตัวอย่าง" { framework province }
    """)
    Path("r.csv").write_text("agreement,round,submitted,1.1:score\np,sar12,3 พ.ย. 2554,3.5\n", encoding="utf-8")
    result = run("score", "province", "--results", "r.csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "p,,sar12,3.5000,0.1500,3.3500,,,"
    text = run("score", "province", "--results", "r.csv", "--explain", "--lang", "en").stdout
    assert ("= report due 2011-10-31, submitted 2011-11-03: 3 working days late (2011-11-01, 2011-11-02, "
            "2011-11-03) × 0.05 = 0.15  [province/rules.kpi:5]") in text
    assert "  published total: 3.3500" in text


# ---- test ---------------------------------------------------------------------------------------------------

def test_all_shipped_examples_pass(at_root):
    result = run("test", "rules", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    expected = 0
    for year in ("2554", "2555"):
        (rs,) = check_paths([ROOT / "rules" / year]).rule_sets
        plan = compile_plan(rs, Path(rs.name))
        checked = properties.run(plan)
        expected += len(plan["examples"]) + len(checked)
        assert f"rules/{year}: ladders and bands {len(checked)} of {len(checked)} scored as declared" in lines
        for example in plan["examples"]:
            assert any(line.startswith(f"PASS {example['id']}  (") for line in lines), example["id"]
    assert lines[-1] == f"{expected} passed, 0 failed"
    assert not any(line.startswith("FAIL") for line in lines)
    assert re.search(r"^PASS dept_all_kinds  \(\d+ figures\)  rules/2555/agreements/department_example\.kpi:\d+$",
                     result.stdout, re.MULTILINE)


@pytest.mark.parametrize("lang,failure,explained", [
    ("en", "total: expected 4.0300, got 4.0200", "Σ weighted score = 4.02"),
    ("th", "คะแนนรวม: ผลที่คาด 4.0300 ได้ 4.0200", "Σ คะแนนถ่วงน้ำหนัก = 4.02"),
])
def test_a_wrong_expected_figure_fails(tmp_path, monkeypatch, lang, failure, explained):
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "4.0300"))
    result = run("test", "rs", "--lang", lang)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    text = (Path("rs") / "rules.kpi").read_text(encoding="utf-8").splitlines()
    example_line = next(i for i, t in enumerate(text, start=1) if t.startswith("example e"))
    total_line = next(i for i, t in enumerate(text, start=1) if "total 4.0300" in t)
    at = lines.index(f"FAIL e  rs/rules.kpi:{example_line}")
    assert lines[at + 1] == f"     {failure}  rs/rules.kpi:{total_line}"
    assert lines[at + 2] == f"         {explained}"
    assert lines[-1] == "2 passed, 1 failed"   # the ladder passes its checks twice (kpi 5 and 6)


def test_a_correct_small_rule_set_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "4.0200"))
    result = run("test", "rs", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "PASS e  (2 figures)  rs/rules.kpi:10",
        "rs: ladders and bands 2 of 2 scored as declared",
        "3 passed, 0 failed",
    ]
    thai = run("test", "rs")  # Thai by default; the closing line reads the same for scripts
    assert thai.stdout.splitlines() == [
        "PASS e  (ตัวเลข 2 ค่า)  rs/rules.kpi:10",
        "rs: เกณฑ์และตารางระดับผล 2 จาก 2 รายการให้คะแนนตามที่ประกาศ",
        "3 passed, 0 failed",
    ]


@pytest.mark.parametrize("lang,failure,explained", [
    ("en", "kpi 5 score: expected 3.7000, got 3.6000",
     ("result 78; ladder 65 70 75 80 85: 78 lies between level 3 (75) and level 4 (80): "
      "3 + |78 − 75| / |80 − 75| = 3.6")),
    ("th", "ตัวชี้วัด 5 คะแนน: ผลที่คาด 3.7000 ได้ 3.6000",
     ("ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 อยู่ระหว่างระดับ 3 (75) และระดับ 4 (80): "
      "3 + |78 − 75| / |80 − 75| = 3.6")),
])
def test_a_wrong_indicator_score_shows_its_explanation(tmp_path, monkeypatch, lang, failure, explained):
    """The failure output of `kpidsl test` explains the figure in --lang (seed 003 สไลด์ 24: 78 → 3.6)."""
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "4.0200").replace("kpi 5 score 3.6", "kpi 5 score 3.7"))
    result = run("test", "rs", "--lang", lang)
    assert result.exit_code == 1
    assert f"\n     {failure}  rs/rules.kpi:" in result.stdout
    assert f"\n         {explained}\n" in result.stdout


@pytest.mark.parametrize("lang,failure,note", [
    ("en", "kpi 5 weighted: expected 252.0000, got 2.5200",
     "the weighted score is the share the indicator adds to its parent's score, weight (%) × score / 100 "
     "(2.5200), as every form and the `score` table print it; 252.0000 is weight × score without the / 100"),
    ("th", "ตัวชี้วัด 5 คะแนนถ่วงน้ำหนัก: ผลที่คาด 252.0000 ได้ 2.5200",
     "คะแนนถ่วงน้ำหนักคือส่วนที่ตัวชี้วัดให้แก่คะแนนของระดับที่อยู่เหนือขึ้นไป น้ำหนัก (ร้อยละ) × คะแนน / 100 "
     "(2.5200) อย่างที่ทุกแบบฟอร์มและตารางของ `score` แสดง; 252.0000 คือน้ำหนัก × คะแนนที่ยังไม่หารด้วย 100"),
])
def test_an_expected_weighted_figure_without_its_division_says_what_weighted_is(tmp_path, monkeypatch, lang,
                                                                                 failure, note):
    # Seed 003's W × SM read with kpi 5's weight as written (70 × 3.6 = 252) is not its
    # weighted score, the share it adds to its dimension (70 × 3.6 / 100 = 2.52), which every
    # form prints. Such a figure failed with nothing to say why.
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "4.0200").replace("kpi 5 score 3.6", "kpi 5 weighted 252"))
    result = run("test", "rs", "--lang", lang)
    assert result.exit_code == 1
    assert f"\n     {failure}  rs/rules.kpi:" in result.stdout
    assert note in result.stdout


def test_an_expected_weighted_figure_of_an_indicator_without_a_result_fails_without_a_note(tmp_path, monkeypatch):
    # kpi 6 given no result has no score, so no weight × score to compare the figure with
    # (kpidsl/score/weighted.py: none without a score); it fails as a missing result, and the total
    # with it
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "2.5200").replace("kpi 5 score 3.6", "kpi 6 weighted 0.9")
                   .replace("kpi 5 result 78; kpi 6 result 88", "kpi 5 result 78"))
    result = run("test", "rs", "--lang", "en")
    assert result.exit_code == 1
    failed = result.stdout[result.stdout.index("kpi 6 weighted"):].splitlines()
    # the failure, its one line of explanation (the result it needs), then the total's: no note between
    assert failed[0] == "kpi 6 weighted: expected 0.9000, got –  rs/rules.kpi:14"
    assert failed[2] == "     total: expected 2.5200, got –  rs/rules.kpi:15", failed
    assert "\n2 passed, 1 failed" in result.stdout


def test_test_on_a_rule_set_with_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rule_set(Path("rs"), SMALL.replace("TOTAL", "4.02").replace("weight 30", "weight 20"))
    result = run("test", "rs", "--lang", "en")
    assert result.exit_code == 1
    assert "W00" in result.stderr and result.stdout == ""


# ---- snapshots -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "th"])
def test_explain_text_snapshot(at_root, snapshot, lang):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--explain", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert str(ROOT) not in result.stdout
    assert result.stdout == snapshot


def test_explain_json_snapshot(at_root, snapshot):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json", "--explain")
    assert result.exit_code == 0, result.output
    assert str(ROOT) not in result.stdout
    assert result.stdout == snapshot


def test_the_snapshot_results_are_the_example_block(at_root):
    """tests/data/score/dept_example_2555.csv holds exactly the `given` figures of dept_all_kinds."""
    (rs,) = check_paths([ROOT / "rules" / "2555"]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    (example,) = [x for x in plan["examples"] if x["id"] == "dept_all_kinds"]
    given = {}
    for fact in example["given"]:
        field = fact["field"]
        header = fact["id"] if field in ("result", "steps") else f"{fact['id']}:{field}"
        given[header] = fact["number"]
    (row,) = csv.DictReader(io.StringIO((DATA / "dept_example_2555.csv").read_text(encoding="utf-8")))
    assert row.pop("agreement") == "dept_example_2555"
    assert row == given


# ---- the fast batch path and the explaining engine agree ------------------------------------------------------

def _strip_explanations(doc):
    if isinstance(doc, dict):
        return {k: _strip_explanations(v) for k, v in doc.items() if k not in ("explanation", "explanations")}
    if isinstance(doc, list):
        return [_strip_explanations(x) for x in doc]
    return doc


@pytest.mark.parametrize("ruleset, results", [("rules/2555", DEPT_CSV), ("rules/2555", DEPT_JSON),
                                              ("rules/2554", PEOPLE_CSV)])
def test_csv_and_json_are_the_same_with_and_without_explain(at_root, ruleset, results):
    """Without --explain, csv and json are evaluated without a trace (kpidsl/score/evaluate/rows.py); with it,
    explained."""
    from kpidsl.score.batch import score_records
    fast = run("score", ruleset, "--results", results, "--format", "csv")
    assert fast.exit_code == 0
    (rs,) = check_paths([ROOT / ruleset]).rule_sets
    slow = score_records(compile_plan(rs, Path(ruleset)), ruleset, Path(results), None, None, "csv", False, "en",
                         None, fast=False)  # --explain is refused with csv (O018): the explaining engine asked
    assert not slow.diagnostics and fast.stdout == slow.text
    fast = json.loads(run("score", ruleset, "--results", results, "--format", "json").stdout)
    slow = json.loads(run("score", ruleset, "--results", results, "--format", "json", "--explain").stdout)
    assert fast == _strip_explanations(slow)


def test_results_that_cannot_be_used_are_said_once_for_every_command(tmp_path):
    # score, diff --rescore and render --results meet a missing path, a folder without
    # results, and a file that is not text with one located message each (no traceback).
    empty = tmp_path / "empty"
    empty.mkdir()
    binary = tmp_path / "r.csv"
    binary.write_bytes(bytes(range(256)))
    rules = str(ROOT / "rules" / "2555")
    commands = {
        "score": ["score", rules, "--results"],
        "diff": ["diff", rules, rules, "--rescore"],
        "render": ["render", rules, "-o", str(tmp_path / "forms"), "--results"],
    }
    for name, args in commands.items():
        missing = run(*args, str(tmp_path / "nope.csv"), "--lang", "en")
        assert missing.exit_code == 2 and "nope.csv:1:1: F001" in missing.output, name
        nowhere = tmp_path / "nowhere.csv"
        nowhere.symlink_to(tmp_path / "gone.csv")
        broken = run(*args, str(nowhere), "--lang", "en")
        assert broken.exit_code == 2 and "nowhere.csv:1:1: F009" in broken.output, name
        nowhere.unlink()
        nothing = run(*args, str(empty), "--lang", "en")
        assert nothing.exit_code == 2 and "Q008" in nothing.output and "no .csv, .json or .xlsx" in nothing.output, name
        unreadable = run(*args, str(binary), "--lang", "en")
        assert unreadable.exit_code == 1 and "F005" in unreadable.output, name
        assert "Traceback" not in missing.output + nothing.output + unreadable.output
    assert not (tmp_path / "forms").exists()


@pytest.mark.parametrize("explain", [False, True])  # the fast path and the explaining engine
def test_json_weighted_is_the_share_and_the_top_rows_add_up_to_the_total(at_root, explain):
    """`weighted` is the share a row adds to its parent's score, as every table prints it
    (kpidsl/score/weighted.py): weight × score / 100 under percentage weights (seed 001:
    4 × 50% = 2.0), W × SM under a weighted average (seed 003: ΣW = 1). A group's is the sum of
    its children's, and the top rows' is the total. JSON has no second figure for it."""
    from decimal import Decimal

    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json", *(["--explain"] if explain else []))
    assert result.exit_code == 0, result.output
    (evaluation,) = json.loads(result.output)
    seen = summed = 0

    def walk(node, under_average):
        nonlocal seen, summed
        assert "contribution" not in node
        if node["weight"] is not None and node["score"] is not None:
            product = Decimal(node["weight"]) * Decimal(node["score"]) / (1 if under_average else 100)
            assert abs(Decimal(node["weighted"]) - product) <= Decimal("0.00005") * Decimal(node["weight"]), node["id"]
            seen += 1
        # an indicator over sub-indicators of its own (1.1 over 1.1.1, 1.1.2), not over indicators (1 over 1.1)
        average = node["kind"] == "kpi" and bool(node["children"]) and not any(c["children"] for c in node["children"])
        live = [c for c in node["children"] if c["weighted"] is not None]
        if live and not average:
            assert abs(sum(Decimal(c["weighted"]) for c in live) - Decimal(node["weighted"])) <= Decimal("0.0002"), \
                node["id"]
            summed += 1
        for child in node["children"]:
            walk(child, average)

    for node in evaluation["nodes"]:
        walk(node, False)
    assert seen >= 15 and summed >= 6
    external = next(n for n in evaluation["nodes"] if n["id"] == "external")
    assert external["weighted"] == "2.5080"  # 70 × 3.5829 / 100
    kpis = {n["id"]: n for n in _walk_json(evaluation["nodes"])}
    assert (kpis["1.1"]["weighted"], kpis["1.1.1"]["weighted"]) == ("0.6300", "2.1000")  # 18 × 3.5 / 100; 0.6 × 3.5
    total = sum(Decimal(n["weighted"]) for n in evaluation["nodes"])
    assert total == Decimal(evaluation["total"]) == Decimal("3.5282")


def _walk_json(nodes):
    for n in nodes:
        yield n
        yield from _walk_json(n["children"])


@pytest.mark.parametrize("fmt", [["--format", "json"], ["--format", "json", "--explain"], ["--format", "csv"]])
def test_the_round_a_results_row_names_is_reported_in_every_format(tmp_path, fmt):
    """An agreement fixed to no round, scored for the round its results row names: JSON
    said `"round": null` where CSV said the round."""
    rules = tmp_path / "2554"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    agreements = rules / "agreements" / "individual_001.kpi"
    text = agreements.read_text(encoding="utf-8")
    fixed = '    กรอบ individual 2554\n    รอบ 1\n    ผู้รับการประเมิน "จรรยา เรียบร้อย"'
    assert fixed in text
    agreements.write_text(text.replace(fixed, '    กรอบ individual 2554\n    ผู้รับการประเมิน "จรรยา เรียบร้อย"'),
                          encoding="utf-8")
    rows = (ROOT / PEOPLE_CSV).read_text(encoding="utf-8").splitlines()
    (tmp_path / "r.csv").write_text("\n".join(rows[:2]).replace("janya_2554_r1,1,", "janya_2554_r1,2,") + "\n",
                                    encoding="utf-8")
    result = run("score", str(rules), "--results", str(tmp_path / "r.csv"), *fmt)
    assert result.exit_code == 0, result.output
    if fmt[1] == "csv":
        (row,) = list(csv.DictReader(io.StringIO(result.output)))
        assert row["round"] == "2"
    else:
        (evaluation,) = json.loads(result.output)
        assert evaluation["round"] == "2"


@pytest.mark.parametrize("lang", ["en", "th"])
def test_explain_with_csv_is_a_usage_error_naming_the_formats_it_explains(at_root, tmp_path, lang):
    # A CSV holds one row of figures per evaluation: --explain there was dropped without a word.
    out = tmp_path / "scores.csv"
    for args in (["--format", "csv", "--explain"], ["--explain", "--format", "csv", "-o", str(out)]):
        result = run("score", "rules/2555", "--results", DEPT_CSV, *args, "--lang", lang)
        assert result.exit_code == 2 and result.stdout == ""
        (line,) = result.stderr.splitlines()
        assert line.startswith("kpidsl: O018: ")
        assert "--format text" in line and "json" in line and "xlsx" in line
        assert re.search("[\u0e00-\u0e7f]", line) if lang == "th" else not re.search("[\u0e00-\u0e7f]", line)
    assert not out.exists() and list(tmp_path.iterdir()) == []
    for fmt in ("text", "json"):  # where --explain explains
        assert run("score", "rules/2555", "--results", DEPT_CSV, "--format", fmt, "--explain").exit_code == 0


@pytest.mark.parametrize("suffix", [".csv", ".CSV", ".json", ".xlsx"])
def test_output_named_by_its_suffix_is_written_in_that_format(at_root, tmp_path, suffix):
    # -o scores.csv without --format wrote the text table into a .csv (an .xlsx Excel cannot
    # open), and --explain went into it without O018; forms reads the named file's suffix the same way
    out = tmp_path / f"scores{suffix}"
    assert run("score", "rules/2555", "--results", DEPT_CSV, "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    if suffix == ".xlsx":
        assert data.startswith(b"PK")
    elif suffix == ".json":
        (evaluation,) = json.loads(data)
        assert evaluation["agreement"] == "dept_example_2555"
    else:
        (row,) = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert row["agreement"] == "dept_example_2555"
    out.unlink()
    if suffix.lower() == ".csv":
        result = run("score", "rules/2555", "--results", DEPT_CSV, "--explain", "-o", str(out))
        assert result.exit_code == 2 and result.stderr.startswith("kpidsl: O018: ") and not out.exists()
    # a --format the name contradicts is refused, as render refuses it: no text table named .csv
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "text", "-o", str(out))
    assert result.exit_code == 2 and "--format text" in result.stderr and suffix in result.stderr, result.stderr
    assert not out.exists()
    # a --format the name agrees with, or a name of no known format, is written as given
    given = suffix.lower()[1:]
    assert run("score", "rules/2555", "--results", DEPT_CSV, "--format", given, "-o", str(out)).exit_code == 0
    text = tmp_path / "scores.txt"
    assert run("score", "rules/2555", "--results", DEPT_CSV, "--format", "text", "-o", str(text)).exit_code == 0
    assert text.read_bytes().startswith("dept_example_2555".encode())


@pytest.mark.parametrize("name, content", [("header.csv", None), ("none.json", "[]\n")])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_results_that_hold_no_evaluation_are_told(at_root, tmp_path, name, content, lang):
    # A results file with a header and no rows (or an empty JSON list) printed nothing and
    # exited 0: the user could not tell it from a scoring that lost its output. It is told
    # (Q051, a warning at the file: not an error in the input), and the machine formats
    # still print their empty table / list on standard output.
    results = tmp_path / name
    header = Path(DEPT_CSV).read_text(encoding="utf-8").splitlines()[0] + "\n"
    results.write_text(header if content is None else content, encoding="utf-8")
    shown = str(results)
    for fmt, printed in (("text", ""), ("csv", "agreement,person,round,total,penalty,final,band,raise_percent,amount\n"),
                         ("json", "[\n\n]\n")):
        result = run("score", "rules/2555", "--results", shown, "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, result.output
        assert result.stdout == printed
        assert re.findall(r"^(\S+): (Q\d+) (\w+)", result.stderr, re.M) == [(f"{shown}:1:1", "Q051", "warning")]
        assert bool(re.search("[\u0e00-\u0e7f]", result.stderr)) == (lang == "th")
    # a folder of such files: told at the folder
    result = run("score", "rules/2555", "--results", str(tmp_path), "--lang", lang)
    assert result.exit_code == 0 and result.stdout == ""
    assert re.findall(r"^(\S+): (Q\d+)", result.stderr, re.M) == [(f"{tmp_path}:1:1", "Q051")]
    # one evaluation scored: nothing told
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--lang", lang)
    assert result.exit_code == 0 and result.stdout.startswith("dept_example_2555") and "Q051" not in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_file_of_a_folder_that_holds_no_evaluation_is_told_at_it(at_root, tmp_path, jobs, lang):
    # A folder of results, one file filled and one left at its header (an office that sent
    # back the blank sheet): the batch scored the filled one and said nothing of the other.
    # Each such file is told (Q052, a warning at it, exit 0); the output is the filled ones'.
    rows = Path(DEPT_CSV).read_text(encoding="utf-8")
    (tmp_path / "a.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "b.csv").write_text(rows.splitlines()[0] + "\n", encoding="utf-8")
    (tmp_path / "c.json").write_text("[]\n", encoding="utf-8")
    alone = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "csv", "--lang", lang)
    result = run("score", "rules/2555", "--results", str(tmp_path), "--format", "csv", "--jobs", jobs, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stdout == alone.stdout and result.stdout.count("\n") == 2
    assert re.findall(r"^(\S+): (Q\d+) (\w+)", result.stderr, re.M) == [
        (f"{tmp_path / 'b.csv'}:1:1", "Q052", "warning"), (f"{tmp_path / 'c.json'}:1:1", "Q052", "warning")]
    assert str(tmp_path) in result.stderr.splitlines()[0].split("Q052", 1)[1]  # the folder the others came from
    assert bool(re.search("[\u0e00-\u0e7f]", result.stderr)) == (lang == "th")
    # every file filled: nothing told
    (tmp_path / "b.csv").unlink()
    (tmp_path / "c.json").unlink()
    result = run("score", "rules/2555", "--results", str(tmp_path), "--format", "csv", "--jobs", jobs, "--lang", lang)
    assert result.exit_code == 0 and result.stderr == ""


def test_results_that_hold_no_evaluation_are_told_by_the_sql_engine(at_root, tmp_path):
    pytest.importorskip("duckdb")
    pytest.importorskip("sqlglot")
    results = tmp_path / "header.csv"
    results.write_text(Path(DEPT_CSV).read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = run("score", "rules/2555", "--results", str(results), "--engine", "sql", "--format", "csv",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == "agreement,person,round,total,penalty,final,band,raise_percent,amount\n"
    assert re.findall(r"^(\S+): (Q\d+)", result.stderr, re.M) == [(f"{results}:1:1", "Q051")]


BIG = 4_000_000  # characters of one id: a cell pasted over and over, a file cut into one line


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_huge_id_is_quoted_short_and_located_where_it_is(at_root, tmp_path, lang):
    # An agreement or person id of 4 MB was printed whole in its message (4,000,361 bytes of
    # Q001 on standard error); the message quotes its first 80 characters and says how long it is.
    header, row = Path(DEPT_CSV).read_text(encoding="utf-8").splitlines()[:2]
    big = "x" * BIG
    cases = {"Q001": (f"{header}\n{big}{row[row.index(','):]}\n", "2:1"),  # no such agreement
             "Q006": (f"person,{header}\n{big},{row}\n{big},{row}\n", "3:1")}  # one person's row given twice
    for code, (text, where) in cases.items():
        path = tmp_path / f"{code}.csv"
        path.write_text(text, encoding="utf-8")
        result = run("score", "rules/2555", "--results", str(path), "--lang", lang)
        assert result.exit_code == 1 and result.stdout == ""
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"{path}:{where}: {code} error: ")
        assert "x" * 80 + "…" in first and "x" * 81 not in first
        assert f"{BIG:,}" in first and len(first) < 300
        assert len(result.stderr) < 2_000
