"""One meaning for a score on a scale (a competency's, `มาตรวัด competency_scale`), by every route.

Seed 001's competency form defines levels 1–5 ("คะแนน นิยาม 1 … 5") and its worked form gives
whole levels (2, 3, 4 → 3.4 → 68). Before, the routes disagreed: the results reader and the SQL
engine took any figure 0–5 (janya's c1 = 0 scored 66.0000 and 2.5 scored 69.0000 without a word,
a blank typed as 0 lowering the total), 5.5 was Q004, an example took anything (the checker said
nothing, `kpidsl test` only failed the figures), and the workbook offered whole numbers 1–5, hard
coded. Now a score on a scale lies within the scale's levels always, and is one of them under the
rule set's `scale_score whole` (the seed-implied default; `between` takes figures between them):
Q035 at the results cell (reader; the SQL engine sends the row to it), X007 at an example's
figure, the evaluator's Q035 for a score given otherwise; the workbook's validation and the
individual form read the same scale and policy (kpidsl/scale_scores.py)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.diagnostics.phrases import phrase
from kpidsl.plan import compile_plan
from kpidsl.plan.read import typed_plan
from kpidsl.scale_scores import scale_range
from kpidsl.score.engine import Entry, Inputs, score_agreement
from kpidsl.sql.run import Declined, score_csv
from kpidsl.xlsx.layout import sheet_of

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score\n")
BEFORE_C1 = "janya_2554_r1,1,จรรยา เรียบร้อย,,3.5,3,4.5,3,4.5,"
C1_COLUMN = len(BEFORE_C1) + 1  # where the c1 cell starts on line 2
OFF_SCALE = ["0", "0.5", "2.5", "5.5"]
# janya's form (seed 001): achievement 72; competencies c2–c5 = 3, 4, 3, 3 (c1 = 4 gives 68 → 70.8)
ON_SCALE = [("1", "67.2000"), ("4", "70.8000"), ("5", "72.0000")]
BETWEEN_ONLY = [("2.5", "69.0000"), ("1.5", "67.8000"), ("4.75", "71.7000")]


def _told(stderr: str) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, code) of each diagnostic told."""
    found = re.findall(r"^(\S+?):(\d+):(\d+): ([A-Z]\d{3}) ", stderr, re.M)
    return [(Path(f).name, int(n), int(c), code) for f, n, c, code in found]


def _rules(tmp_path: Path, policy: str) -> Path:
    """rules/2554, declaring ``scale_score`` as ``policy`` (its own declaration is whole)."""
    out = tmp_path / "rules2554"
    shutil.copytree(ROOT / "rules" / "2554", out)
    path = out / "work_group_2553.kpi"
    text = path.read_text(encoding="utf-8")
    assert text.count("คะแนนมาตรวัด เต็มระดับ") == 1
    path.write_text(text.replace("คะแนนมาตรวัด เต็มระดับ", f"คะแนนมาตรวัด {policy}"), encoding="utf-8")
    return out


def _results(tmp_path: Path, c1: str) -> Path:
    path = tmp_path / "results.csv"
    path.write_text(HEADER + f"{BEFORE_C1}{c1},3,4,3,3\n", encoding="utf-8")
    return path


def _score(rules: Path, results: Path, engine: str):
    return CliRunner().invoke(main, ["score", str(rules), "--results", str(results), "--format", "csv",
                                     "--lang", "en", "--engine", engine])


def _plan(rules: Path):
    return compile_plan(check_paths([rules]).rule_sets[0], rules)


# ---- the results file: reader and SQL engine --------------------------------------------------------
@pytest.mark.parametrize("engine", ["python", "sql"])
@pytest.mark.parametrize("policy, c1", [("whole", c1) for c1 in OFF_SCALE]
                         + [("between", c1) for c1 in OFF_SCALE if c1 != "2.5"])  # 2.5: below
def test_a_score_off_the_scale_is_told_at_its_cell_by_every_engine(tmp_path, c1, engine, policy):
    rules = ROOT / "rules" / "2554" if policy == "whole" else _rules(tmp_path, "ระหว่างระดับ")
    results = _results(tmp_path, c1)
    r = _score(rules, results, engine)
    assert (r.exit_code, r.stdout) == (1, "")
    assert _told(r.stderr) == [("results.csv", 2, C1_COLUMN, "Q035")]
    if engine == "sql":  # the query scores no such row differently: it leaves it to the evaluator
        assert score_csv(_plan(rules), results, None, None) == Declined(phrase("sql-declined-row-problem"))


@pytest.mark.parametrize("engine", ["python", "sql"])
@pytest.mark.parametrize("c1, total", ON_SCALE)
def test_a_level_scores_by_every_engine(tmp_path, c1, total, engine):
    r = _score(ROOT / "rules" / "2554", _results(tmp_path, c1), engine)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[1] == f"janya_2554_r1,จรรยา เรียบร้อย,1,{total},,{total},{_band(total)},,"


@pytest.mark.parametrize("engine", ["python", "sql"])
@pytest.mark.parametrize("c1, total", BETWEEN_ONLY)
def test_between_levels_only_under_the_between_policy(tmp_path, c1, total, engine):
    results = _results(tmp_path, c1)
    whole = _score(ROOT / "rules" / "2554", results, engine)
    assert _told(whole.stderr) == [("results.csv", 2, C1_COLUMN, "Q035")]
    between = _score(_rules(tmp_path, "ระหว่างระดับ"), results, engine)
    assert between.exit_code == 0, between.stderr
    assert between.stdout.splitlines()[1].split(",")[3] == total


def _band(total: str) -> str:
    return "good" if Decimal(total) >= 70 else "fair"  # rules/2554/bands.kpi: ดี 70 ≤ … < 80


def test_every_row_off_the_scale_is_told_not_the_first_only(tmp_path):
    # a record is scored only while nothing has been told: a check at the evaluator alone would
    # tell the first such row of a file, the reader's tells each
    path = tmp_path / "results.csv"
    rows = [f"janya_2554_r1,1,p{i},,3.5,3,4.5,3,4.5,{c1},3,4,3,3\n" for i, c1 in enumerate(["0", "3", "2.5", "0"])]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    for engine in ("python", "sql"):
        r = _score(ROOT / "rules" / "2554", path, engine)
        assert [(line, code) for _, line, _, code in _told(r.stderr)] == [(2, "Q035"), (4, "Q035"), (5, "Q035")]


# ---- examples: the checker and the evaluator ----------------------------------------------------------
def _example_c1(tmp_path: Path, policy: str, c1: str) -> Path:
    rules = _rules(tmp_path, policy)
    path = rules / "agreements" / "individual_001.kpi"
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[50] == "        สมรรถนะ c1 คะแนน 4"  # janya_summary's given c1 (line 51)
    lines[50] = f"        สมรรถนะ c1 คะแนน {c1}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return rules


@pytest.mark.parametrize("c1", OFF_SCALE)
def test_an_examples_score_off_the_scale_is_x007_at_its_figure(tmp_path, c1):
    rules = _example_c1(tmp_path, "เต็มระดับ", c1)
    r = CliRunner().invoke(main, ["check", str(rules), "--lang", "en"])
    assert r.exit_code == 1
    assert _told(r.stdout + r.stderr) == [("individual_001.kpi", 51, 26, "X007")]


@pytest.mark.parametrize("policy, c1, told", [("เต็มระดับ", "1", []), ("เต็มระดับ", "5", []),
                                              ("ระหว่างระดับ", "2.5", []),
                                              ("ระหว่างระดับ", "0", [("individual_001.kpi", 51, 26, "X007")])])
def test_an_examples_score_on_the_scale_is_not_told(tmp_path, policy, c1, told):
    rules = _example_c1(tmp_path, policy, c1)
    r = CliRunner().invoke(main, ["check", str(rules), "--lang", "en"])
    assert _told(r.stdout + r.stderr) == told


@pytest.mark.parametrize("c1, code", [("0", "Q035"), ("2.5", "Q035"), ("5.5", "Q035"), ("1", None), ("5", None)])
def test_the_evaluator_holds_a_score_given_to_the_scale(c1, code, shipped_plan):
    # the route of examples (`kpidsl test`, kpidsl/score/examples.py) and of any score given
    # without the reader: the same rule, the same code
    given = {"j1": "3.5", "j2": "3", "j3": "4.5", "j4": "3", "j5": "4.5", "c1": c1, "c2": "3", "c3": "4",
             "c4": "3", "c5": "3"}
    inputs = Inputs(round="1", entries={k: Entry(k, {"score": Decimal(v)}) for k, v in given.items()})
    report = score_agreement(shipped_plan("2554"), "janya_2554_r1", inputs)
    assert [p.code for p in report.problems] == ([code] if code else [])
    if code:
        problem = report.problems[0]
        assert problem.column == ("c1", "score")
        # what it says: the scale's levels and the policy in force as the rule file writes it
        # (rules/2554 work_group_2553.kpi: คะแนนมาตรวัด เต็มระดับ)
        fields = problem.fields
        assert (fields["score"], fields["id"], fields["scale"]) == (c1, "c1", "competency_scale")
        assert (fields["allowed"].en, fields["allowed"].th) == ("1, 2, 3, 4 or 5", "1, 2, 3, 4 หรือ 5")
        assert "`scale_score whole`" in fields["policy"].en and "`คะแนนมาตรวัด เต็มระดับ`" in fields["policy"].th


# ---- the workbook and the forms read the same scale and policy -----------------------------------------
@pytest.mark.parametrize("policy, kind, low, high", [("เต็มระดับ", "level", "1", "5"),
                                                      ("ระหว่างระดับ", "score", "1", "5")])
def test_the_workbook_column_is_validated_from_the_scale_and_policy(tmp_path, policy, kind, low, high):
    plan = _plan(_rules(tmp_path, policy))
    (column,) = [c for c in sheet_of(plan, "janya_2554_r1").columns if c.header == "c1:score"]
    assert (column.kind, column.low, column.high) == (kind, low, high)
    book = tmp_path / "book.xlsx"
    r = CliRunner().invoke(main, ["workbook", str(tmp_path / "rules2554"), "--agreement", "janya_2554_r1",
                                  "-o", str(book)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    machine = next(row[0].row for row in ws.iter_rows() if row[0].value == "agreement")
    header = [c.value for c in ws[machine]]
    ref = f"{openpyxl.utils.get_column_letter(header.index('c1:score') + 1)}{machine + 1}"
    (dv,) = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ({"level": "whole", "score": "decimal"}[kind],
                                                                "between", low, high)


def test_a_scale_of_levels_with_a_gap_is_a_list():
    from kpidsl.scale_scores import of_levels

    gap = of_levels("s", [1, 2, 3, 5], "whole")
    assert not gap.whole and gap.admits(Decimal(5)) and not gap.admits(Decimal(4))
    assert gap.allowed().en == "1, 2, 3 or 5"
    between = of_levels("s", [1, 2, 3, 5], "between")
    assert between.admits(Decimal(4)) and not between.admits(Decimal("5.01"))
    assert between.admits(Decimal(1)) and between.admits(Decimal(5)) and not between.admits(Decimal("0.99"))
    # what Q035 and X007 say it takes: from its lowest level to its highest, in both languages
    assert (between.allowed().en, between.allowed().th) == ("any figure from 1 to 5", "ตัวเลขใดก็ได้ตั้งแต่ 1 ถึง 5")


def test_a_scale_of_one_level_takes_that_level_alone():
    # I002 tells such a scale; the checker of examples and the reader still say what it takes
    from kpidsl.scale_scores import of_levels

    for policy in ("whole", "between"):
        one = of_levels("s", [3], policy)
        assert one.admits(Decimal(3)) and not one.admits(Decimal("3.5")) and not one.admits(Decimal(2))
    one = of_levels("s", [3], "whole")
    assert (one.allowed().en, one.allowed().th) == ("3", "3")
    assert one.scale == "s"  # the name Q035 and X007 give


def test_no_range_for_a_scale_the_framework_lacks_or_without_levels(shipped_plan):
    # the checker tells an unknown scale (N001) and one without levels (I002); the readers take
    # no range from them rather than fail
    from kpidsl.scale_scores import of_levels

    (framework,) = [f for f in typed_plan(shipped_plan("2554")).frameworks if f.id == "individual"]
    assert scale_range(framework, "competency_scale", "whole").levels == tuple(Decimal(n) for n in range(1, 6))
    assert scale_range(framework, "no_such_scale", "whole") is None
    assert scale_range(None, "competency_scale", "whole") is None
    assert of_levels("s", [], "whole") is None


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("policy", ["เต็มระดับ", "ระหว่างระดับ"])
def test_the_individual_form_states_the_policy(tmp_path, policy, fmt):
    rules = _rules(tmp_path, policy)
    r = CliRunner().invoke(main, ["render", str(rules), "--agreement", "janya_2554_r1", "--form", "individual",
                                  "--format", fmt, "-o", "-"])
    assert r.exit_code == 0, r.output
    # the text as read: the HTML's tags (the spans that keep terms whole in print) add no characters
    text = " ".join(re.sub(r"<[^>]*>", "", r.stdout).split())
    assert f"ตามหลักเกณฑ์ “คะแนนมาตรวัด {policy}”" in text
    within = scale_range(typed_plan(_plan(rules)).frameworks_by_id["individual"], "competency_scale",
                         "whole" if policy == "เต็มระดับ" else "between")
    assert within.allowed().th in text  # 1, 2, 3, 4 หรือ 5 / ตัวเลขใดก็ได้ตั้งแต่ 1 ถึง 5


def test_the_shipped_rule_sets_declare_the_seed_implied_policy(shipped_plan):
    for year in ("2554", "2555"):
        plan = typed_plan(shipped_plan(year))
        assert {fw.policies.scale_score for fw in plan.frameworks} == {"whole"}


def test_a_json_results_file_is_held_to_the_scale_alike(tmp_path):
    path = tmp_path / "results.json"
    path.write_text('{"agreement": "janya_2554_r1", "round": "1", "results": {\n'
                    '"j1": {"score": 3.5}, "j2": {"score": 3}, "j3": {"score": 4.5}, "j4": {"score": 3},\n'
                    '"j5": {"score": 4.5}, "c1": {"score": 0}, "c2": 3, "c3": 4, "c4": 3,\n'
                    '"c5": 2.5}}\n', encoding="utf-8")
    r = _score(ROOT / "rules" / "2554", path, "python")  # the SQL engine reads no JSON (Z007)
    assert (r.exit_code, r.stdout) == (1, ""), r.stderr
    assert _told(r.stderr) == [("results.json", 3, 30, "Q035"), ("results.json", 4, 1, "Q035")]
