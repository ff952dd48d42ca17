"""`score --agreement ID` / `--round R` say what the results are for: a row whose own
agreement or round cell names another is a located error at that cell (Q031, Q032), never
scored as the cell says (it was, without a word). A blank cell takes the option; a cell
equal to it (as the reader reads a cell: stripped, a round's Thai digits as Arabic) is
fine. Every reader (CSV row by row and its fast path, JSON, workbooks, folders), the SQL
engine and `--jobs` say the same."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.score.batch import score_records

ROOT = Path(__file__).resolve().parent.parent
INDIVIDUALS = ROOT / "tests" / "data" / "score" / "individuals_2554.csv"
JANYA = ROOT / "examples" / "janya.csv"
LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]\d{3}) error: ",
                     re.MULTILINE)
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"
ROUND_HEADER = "agreement,round,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1,c2,c3,c4,c5"


def score(*args: str):
    return CliRunner().invoke(main, ["score", "2554", *args, "--lang", "en"])


def told(result) -> list[tuple[str, str, int, int]]:
    return [(m["code"], Path(m["path"]).name, int(m["line"]), int(m["column"])) for m in LOCATED.finditer(result.stderr)]


def same_everywhere(*args: str, exit_code: int):
    """`score` with the Python engine, the SQL engine (CSV output) and --jobs 2: the same exit
    code, output bytes and diagnostics; the Python engine's result."""
    by_python = score(*args, "--format", "csv")
    assert by_python.exit_code == exit_code, by_python.output
    assert "Traceback" not in by_python.output and "internal error" not in by_python.output
    for extra in (["--engine", "sql"], ["--jobs", "2"]):
        other = score(*args, "--format", "csv", *extra)
        assert (other.exit_code, other.stdout_bytes, other.stderr) == (by_python.exit_code, by_python.stdout_bytes,
                                                                       by_python.stderr), extra
    return by_python


# ---- the two cases found as a user --------------------------------------------------------------------------

def test_agreement_option_contradicted_by_every_row(work):
    shutil.copy(JANYA, "janya.csv")
    result = same_everywhere("--results", "janya.csv", "--agreement", "somchai_2554_r1", exit_code=1)
    assert result.stdout == ""
    assert told(result) == [("Q031", "janya.csv", 2, 1), ("Q031", "janya.csv", 3, 1)]
    assert "the results here are for agreement `janya_2554_r1`, but --agreement says `somchai_2554_r1`" \
        in result.stderr
    assert "leave --agreement out" in result.stderr
    th = CliRunner().invoke(main, ["score", "2554", "--results", "janya.csv", "--agreement", "somchai_2554_r1",
                                   "--lang", "th"])
    assert th.exit_code == 1 and "Q031" in th.stderr and "แต่ --agreement ระบุ `somchai_2554_r1`" in th.stderr


def test_round_option_contradicted_by_the_round_column(work):
    shutil.copy(INDIVIDUALS, "individuals.csv")
    result = same_everywhere("--results", "individuals.csv", "--round", "2", exit_code=1)
    assert result.stdout == ""
    # the round cell of each row (after `janya_2554_r1,` and `somsak_2554_r1,`); no Q005 besides
    assert told(result) == [("Q032", "individuals.csv", 2, 15), ("Q032", "individuals.csv", 3, 16)]
    assert "the results here are for round `1`, but --round says `2`" in result.stderr


# ---- what stays as it was ------------------------------------------------------------------------------------

def test_a_cell_equal_to_the_option_is_fine(work):
    shutil.copy(JANYA, "janya.csv")
    shutil.copy(INDIVIDUALS, "individuals.csv")
    plain = score("--results", "janya.csv", "--format", "csv")
    assert plain.exit_code == 0
    assert same_everywhere("--results", "janya.csv", "--agreement", "janya_2554_r1", exit_code=0).stdout == plain.stdout
    plain = score("--results", "individuals.csv", "--format", "csv")
    for given in ("1", "๑", " 1 "):
        assert same_everywhere("--results", "individuals.csv", "--round", given, exit_code=0).stdout == plain.stdout


@pytest.mark.parametrize("cell", ["๑", " 1 ", "1"])
def test_a_round_cell_read_as_the_option_is_fine(work, cell):
    Path("r.csv").write_text(f"{ROUND_HEADER}\njanya_2554_r1,{cell},ก,{SCORES}\n", encoding="utf-8")
    result = same_everywhere("--results", "r.csv", "--round", "1", exit_code=0)
    assert result.stdout.splitlines()[1].startswith("janya_2554_r1,ก,1,70.8000")


def test_blank_cells_take_the_options(work):
    Path("r.csv").write_text(f"{ROUND_HEADER}\n,,ก,{SCORES}\njanya_2554_r1,1,ข,{SCORES}\n , ,ค,{SCORES}\n",
                             encoding="utf-8")
    result = same_everywhere("--results", "r.csv", "--agreement", "janya_2554_r1", "--round", "1", exit_code=0)
    assert [line.split(",")[:4] for line in result.stdout.splitlines()[1:]] == [
        ["janya_2554_r1", p, "1", "70.8000"] for p in ("ก", "ข", "ค")]


def test_without_the_options_each_row_is_scored_as_it_says(work):
    shutil.copy(INDIVIDUALS, "individuals.csv")
    result = same_everywhere("--results", "individuals.csv", exit_code=0)
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["janya_2554_r1", "somsak_2554_r1"]


# ---- only the rows that contradict, wherever they are ---------------------------------------------------------

def test_one_row_among_many_on_the_fast_path(work):
    """2,500 rows (runs of 1,000 taken together, kpidsl/score/results/fast_rows.py): the one
    row naming another agreement and the one naming another round are told, nothing else."""
    rows = [f"janya_2554_r1,1,P{n},{SCORES}" for n in range(2500)]
    rows[1500] = rows[1500].replace("janya_2554_r1", "somsak_2554_r1")
    rows[2100] = rows[2100].replace(",1,", ",2,", 1)
    Path("big.csv").write_text(ROUND_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = same_everywhere("--results", "big.csv", "--agreement", "janya_2554_r1", "--round", "1", exit_code=1)
    assert told(result) == [("Q031", "big.csv", 1502, 1), ("Q032", "big.csv", 2102, 15)]


@pytest.mark.parametrize("fast", [True, False])
def test_a_whole_run_of_another_agreement(work, shipped_plan, fast):
    rows = [f"somsak_2554_r1,1,P{n},{SCORES}" for n in range(1200)]
    Path("big.csv").write_text(ROUND_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = score_records(shipped_plan("2554"), "2554", Path("big.csv"), "janya_2554_r1", None, "csv", False, "en",
                            None, fast=fast)
    assert outcome.problems == 1200 and outcome.count == 0
    kept = len(outcome.diagnostics)  # the first of them (MAX_DIAGNOSTICS)
    assert [(d.code, d.span.line, d.span.column) for d in outcome.diagnostics] == [
        ("Q031", n + 2, 1) for n in range(kept)]


def test_contradicting_rows_are_not_taken_for_duplicates(work):
    """A row that is not scored is no evaluation: two rows alike that both contradict
    --round are two Q032, not a Q006 besides."""
    row = f"janya_2554_r1,2,ก,{SCORES}"
    Path("r.csv").write_text(f"{ROUND_HEADER}\n{row}\n{row}\n", encoding="utf-8")
    result = same_everywhere("--results", "r.csv", "--round", "1", exit_code=1)
    assert [code for code, *_ in told(result)] == ["Q032", "Q032"]


@pytest.mark.parametrize("agreement, round_, results, declined", [
    ("janya_2554_r1", None, JANYA, None),
    ("somchai_2554_r1", None, JANYA, "sql-declined-other-agreement"),  # the first pass over the file
    (None, "1", INDIVIDUALS, None),
    (None, "๑", INDIVIDUALS, None),  # the cells left to the evaluator, which reads them as --round
    (None, "2", INDIVIDUALS, "sql-declined-row-problem"),  # the rows left to the evaluator, which tells Q032
])
def test_the_sql_engine_scores_what_agrees_and_leaves_the_rest(shipped_plan, agreement, round_, results, declined):
    pytest.importorskip("duckdb")
    from kpidsl.sql.run import Declined, score_csv

    done = score_csv(shipped_plan("2554"), results, agreement, round_)
    if declined is None:
        assert isinstance(done, str) and done.count("\n") == 3
    else:
        from kpidsl.diagnostics.phrases import phrase

        assert done == Declined(phrase(declined))


# ---- JSON, workbooks, folders ----------------------------------------------------------------------------------

def test_json_record_naming_another_agreement_or_round(work):
    doc = [{"agreement": "janya_2554_r1", "round": "1", "person": "ก",
            "results": {"j1": {"score": 3.5}, "j2": {"score": 3}, "j3": {"score": 4.5}, "j4": {"score": 3},
                        "j5": {"score": 4.5}, "c1": 4, "c2": 3, "c3": 4, "c4": 3, "c5": 3}}]
    Path("r.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    text = Path("r.json").read_text(encoding="utf-8").splitlines()
    agreement_line = next(i for i, line in enumerate(text, 1) if '"agreement"' in line)
    round_line = next(i for i, line in enumerate(text, 1) if '"round"' in line)
    result = score("--results", "r.json", "--agreement", "somsak_2554_r1")
    assert result.exit_code == 1 and told(result) == [("Q031", "r.json", agreement_line, 3)]
    result = score("--results", "r.json", "--round", "2")
    assert result.exit_code == 1 and told(result) == [("Q032", "r.json", round_line, 3)]
    ok = score("--results", "r.json", "--agreement", "janya_2554_r1", "--round", "๑", "--format", "csv")
    assert ok.exit_code == 0 and ok.stdout.splitlines()[1].startswith("janya_2554_r1,ก,1,70.8000")


def _book(path: Path, text: str) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผลการประเมิน"
    for line in text.splitlines():
        ws.append(line.split(","))
    wb.save(path)
    return path


def test_workbook_row_naming_another_agreement_or_round(work):
    _book(work / "r.xlsx", INDIVIDUALS.read_text(encoding="utf-8"))
    for args, code in ((["--agreement", "janya_2554_r1"], "Q031"), (["--round", "2"], "Q032")):
        result = score("--results", "r.xlsx", *args, "--format", "csv")
        assert result.exit_code == 1 and result.stdout == ""
        found = [line for line in result.stderr.splitlines() if f" {code} error: " in line]
        assert len(found) == (1 if code == "Q031" else 2), result.stderr
        assert "!A3" in found[0] if code == "Q031" else "!B2" in found[0]
        by_sql = score("--results", "r.xlsx", *args, "--format", "csv", "--engine", "sql")
        assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (result.exit_code, result.stdout, result.stderr)


def test_a_folder_of_files(work):
    Path("results").mkdir()
    shutil.copy(JANYA, "results/janya.csv")
    shutil.copy(INDIVIDUALS, "results/people.csv")
    result = score("--results", "results", "--agreement", "janya_2554_r1", "--format", "csv")
    assert result.exit_code == 1 and result.stdout == ""
    assert told(result) == [("Q031", "people.csv", 3, 1)]


# ---- the other commands that read results with --agreement ----------------------------------------------------

def test_render_agreement_still_picks_the_forms_of_one_agreement(work):
    """`render --agreement` is "only the forms of this agreement": the rows of another are
    left out, as before (kpidsl/forms/fills.py), not an error."""
    shutil.copy(INDIVIDUALS, "individuals.csv")
    result = CliRunner().invoke(main, ["render", "2554", "--agreement", "somsak_2554_r1", "--form", "individual",
                                       "--results", "individuals.csv", "--format", "md", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (work / "out" / "somsak_2554_r1").iterdir()) == [
        "individual-สมศักดิ์-สุขใจ.md", "individual.md"]


def test_render_agreement_without_a_row_in_the_results_is_q033_not_blank_forms(work):
    # `render --agreement X --results FILE` with no row of FILE for X printed X's forms blank,
    # exit 0, not a word: forms to be signed, which the user asked to have filled
    result = CliRunner().invoke(main, ["render", "2554", "--agreement", "somchai_2554_r1", "--form", "individual",
                                       "--results", str(JANYA), "-o", "out", "--lang", "en"])
    assert result.exit_code == 1 and told(result) == [("Q033", "janya.csv", 1, 1)], result.output
    assert "`janya_2554_r1`" in result.stderr and not (work / "out").exists()


def test_diff_rescore_agreement_is_that_of_files_without_one(work):
    """`diff --rescore --agreement` is "the agreement of results files without one" (its
    --help): a folder holding another agreement's file is rescored as it says, not an error."""
    Path("results").mkdir()
    shutil.copy(JANYA, "results/janya.csv")
    shutil.copy(INDIVIDUALS, "results/people.csv")
    result = CliRunner().invoke(main, ["diff", "2554", "2554", "--rescore", "results", "--agreement", "janya_2554_r1",
                                       "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rescore"]["rows"]
    assert sorted(r["agreement"] for r in rows) == ["janya_2554_r1"] * 3 + ["somsak_2554_r1"]
    assert all(r.get("error") is None for r in rows), rows


def test_a_parquet_file_naming_another_agreement_is_not_scored(work):
    """A Parquet file is the SQL engine's alone: a row it leaves to the evaluator is Z005
    (convert it to CSV, where Q031 is then told at its cell), never scored as it says."""
    duckdb = pytest.importorskip("duckdb")
    duckdb.connect().execute(f"COPY (FROM read_csv('{JANYA}', all_varchar=true)) TO 'j.parquet' (FORMAT parquet)")
    args = ["--results", "j.parquet", "--engine", "sql", "--format", "csv"]
    wrong = score(*args, "--agreement", "somchai_2554_r1")
    assert (wrong.exit_code, wrong.stdout) == (1, "") and "Z005" in wrong.stderr
    assert score(*args, "--agreement", "janya_2554_r1").stdout == score("--results", str(JANYA), "--format",
                                                                         "csv").stdout


def test_a_round_option_in_thai_digits_is_the_round_a_cell_in_thai_digits_is(work):
    # `--round ๑` was kept as written: a row without a round cell took round `๑`, no round of
    # the agreement (Q005), while a cell ๑ was read as 1; `workbook --round ๑` said J005
    result = same_everywhere("--results", str(JANYA), "--round", "๑", exit_code=0)
    assert [line.split(",")[2] for line in result.stdout.splitlines()[1:]] == ["1", "1"]
    assert same_everywhere("--results", str(JANYA), "--round", " 1 ", exit_code=0).stdout == result.stdout
    book = CliRunner().invoke(main, ["workbook", "2554", "--agreement", "janya_2554_r1", "--round", "๑",
                                     "-o", str(work / "janya.xlsx")])
    assert book.exit_code == 0, book.output
