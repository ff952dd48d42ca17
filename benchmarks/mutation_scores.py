"""How many wrong lines of the scorer, or of the checker, would the tests notice? Mutation
scores of kpidsl's own scoring modules and checker passes, with mutmut (3.x). A script, not
a test: a module takes one to several minutes on two cores, so it stays out of the suite and
of CI.

    pip install mutmut        # into the environment that has kpidsl[test]; not a dependency
    python benchmarks/mutation_scores.py [MODULE ...] [--children 2] [--keep DIR] [--mutants GLOB ...]
                                         [--timeout-multiplier X]

Each module (all of MODULES when none is named; a name is a key of MODULES, e.g. ladder or check_bands)
is mutated on its own, in a copy of the repository's files (git ls-files: what a clone
holds, and any change not yet committed: a run whose tests fail before any mutant lists those),
against only the test files that test it. For each it prints the mutants, killed, survived,
timeouts (counted as killed: the mutant hangs) and the seconds taken, then every survivor
with its diff (``--mutants``: only the mutants whose names match, mutmut's globs,
``'*_compile__mutmut_*'`` for one function's). mutmut mutates
inside functions only (not module-level constants). A test that starts worker processes (`score --jobs`)
cannot import the mutated copy and is left out (DESELECT), as is a hypothesis test that
compares two paths through the same ladder rule and takes half a minute per mutant;
kpidsl/score/parts.py (`--jobs`) is mutated against tests/test_score_parts.py, which runs
its pool in the test's process. A function called only as its module is imported is out of
mutmut's sight (it forks after the imports): a test calls it itself.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# module → the test files that test it
MODULES = {
    "ladder": ("kpidsl/score/ladder.py", ["tests/test_score_semantics.py", "tests/test_score_properties.py",
                                          "tests/test_score_evaluate.py", "tests/test_score_explanations.py"]),
    "numbers": ("kpidsl/score/numbers.py", ["tests/test_json_text.py", "tests/test_score_evaluate.py",
                                            "tests/test_score_run_shapes.py", "tests/test_score_semantics.py"]),
    # the rounding numbers.py held until session 28 (rounder, quantize), now below the checker too
    "rounding": ("kpidsl/rounding.py", ["tests/test_json_text.py", "tests/test_score_evaluate.py",
                                        "tests/test_score_run_shapes.py", "tests/test_score_semantics.py",
                                        "tests/test_check_no_total.py"]),
    # weight × score as written, which `kpidsl test` compares an example's failed weighted figure with
    "weighted": ("kpidsl/score/weighted.py", [
        "tests/test_cli_score.py::test_an_expected_weighted_figure_without_its_division_says_what_weighted_is",
        "tests/test_cli_score.py::test_an_expected_weighted_figure_of_an_indicator_without_a_result_fails_without_a_note"]),
    "workdays": ("kpidsl/score/workdays.py", ["tests/test_score_semantics.py", "tests/test_score_explanations.py",
                                              "tests/test_newyear.py"]),
    "milestone_steps": ("kpidsl/score/milestone_steps.py", ["tests/test_milestone_steps.py"]),
    "sample_size": ("kpidsl/score/sample_size.py", ["tests/test_sample_size.py"]),
    "band_pieces": ("kpidsl/score/evaluate/band_pieces.py", ["tests/test_band_pieces.py",
                                                             "tests/test_score_semantics.py"]),
    "formula": ("kpidsl/score/formula.py", ["tests/test_score_semantics.py", "tests/test_score_explanations.py"]),
    "number_cells": ("kpidsl/score/number_cells.py", ["tests/test_results_strict.py"]),
    "pool": ("kpidsl/score/pool.py", ["tests/test_pool.py"]),
    "kinds": ("kpidsl/score/evaluate/kinds.py", ["tests/test_score_run_shapes.py", "tests/test_score_semantics.py",
                                                 "tests/test_score_evaluate.py", "tests/test_score_explanations.py",
                                                 "tests/test_milestone_steps.py"]),
    "redistribute": ("kpidsl/check/redistribute.py", ["tests/test_plan_model.py", "tests/test_score_semantics.py",
                                                     "tests/test_score_properties.py"]),
    "step_cells": ("kpidsl/score/step_cells.py", ["tests/test_milestone_steps.py", "tests/test_workbook_seed_inputs.py"]),
    "days_off": ("kpidsl/days_off.py", ["tests/test_score_semantics.py", "tests/test_score_explanations.py",
                                        "tests/test_newyear.py"]),
    "policies": ("kpidsl/policies.py", ["tests/test_plan_model.py", "tests/test_plan_snapshots.py",
                                        "tests/test_score_semantics.py"]),
    "newyear": ("kpidsl/newyear.py", ["tests/test_newyear.py", "tests/test_newyear_names.py"]),
    "rows": ("kpidsl/score/evaluate/rows.py", ["tests/test_score_row_runs.py", "tests/test_score_results.py",
                                               "tests/test_score_stream.py", "tests/test_cli_score.py"]),
    "shapes": ("kpidsl/score/evaluate/shapes.py", ["tests/test_score_run_shapes.py", "tests/test_score_row_runs.py",
                                                   "tests/test_score_evaluate.py"]),
    "agreement": ("kpidsl/score/evaluate/agreement.py", ["tests/test_score_evaluate.py", "tests/test_score_semantics.py",
                                                         "tests/test_score_explanations.py", "tests/test_pool.py",
                                                         "tests/test_score_run_shapes.py", "tests/test_sample_size.py",
                                                         "tests/test_score_row_runs.py"]),
    "trace": ("kpidsl/score/evaluate/trace.py", ["tests/test_score_explanations.py", "tests/test_score_evaluate.py"]),
    # score --jobs with its pool run in the test's process (the spawned workers of
    # tests/test_score_jobs*.py import the unmutated package)
    "parts": ("kpidsl/score/parts.py", ["tests/test_score_parts.py"]),
}
# the checker's passes (kpidsl/check/), each against the inline `# expect:` fixtures
# (tests/fixtures/check/, run by tests/test_check_fixtures.py), the checks of paths and the
# shipped rule sets, which check clean
CHECK_TESTS = ["tests/test_check_fixtures.py", "tests/test_check_paths.py", "tests/test_shipped_rules.py"]
for _pass in ("weights", "bands", "ladders", "dates", "stated_dates", "agreements", "names", "cascades",
              "milestones", "followons", "limits", "overlay", "policies", "ruleset", "context", "seed_rules",
              "review"):
    MODULES[f"check_{_pass}"] = (f"kpidsl/check/{_pass}.py", CHECK_TESTS)
# the line-by-line block walks of followons (the language server's completion finds its block
# with one) are what tests/test_syntax_error_cost.py holds its one-pass Blocks to
MODULES["check_followons"] = ("kpidsl/check/followons.py", CHECK_TESTS + ["tests/test_syntax_error_cost.py"])
# the overlay is also what the plan compiles an agreement from: its weight_source, read by no check, is pinned
# by the plan snapshots
MODULES["check_overlay"] = ("kpidsl/check/overlay.py", CHECK_TESTS + ["tests/test_plan_snapshots.py"])
# discover(), which groups the paths named into rule sets, is tested with the source reading (tests/test_source.py)
MODULES["check_ruleset"] = ("kpidsl/check/ruleset.py", CHECK_TESTS + ["tests/test_source.py"])
# the passes of session 28: K014 is also shown to be no false alarm by the plan compiled past it
# (tests/test_check_no_total.py scores its row)
MODULES["check_sub_indicators"] = ("kpidsl/check/sub_indicators.py", CHECK_TESTS + ["tests/test_check_no_total.py"])
MODULES["check_grades"] = ("kpidsl/check/grades.py", CHECK_TESTS)
# an example's late report moved a year by `kpidsl new-year`, which tests/test_newyear.py runs on rules/2554
MODULES["newyear_lateness"] = ("kpidsl/newyear_lateness.py", ["tests/test_newyear.py"])
# the modules of session 28 that scorer, checker and readers share: the range a scale's score
# takes, held by every engine (tests/test_scale_scores.py); the fields each kind of scoring reads,
# which the checker of examples and the results reader take alike (tests/test_example_fields.py)
MODULES["scale_scores"] = ("kpidsl/scale_scores.py", ["tests/test_scale_scores.py", "tests/test_example_fields.py"])
MODULES["results_fields"] = ("kpidsl/results_fields.py", ["tests/test_example_fields.py"])
# a rule set checked from texts in memory: `kpidsl mutate` re-checks each mutant with it
MODULES["check_in_memory"] = ("kpidsl/check/in_memory.py", ["tests/test_mutate.py"])
# a workbook part's XML checked before a parser sees it: the guard's own tests, and the hostile
# workbooks read whole through kpidsl/xlsx/read.py
MODULES["xml_guard"] = ("kpidsl/xlsx/xml_guard.py", ["tests/test_xlsx_xml_guard.py", "tests/test_workbook_hostile.py"])
# the cells kpidsl writes for spreadsheets: formula starts neutralised, a lone CR quoted (CsvRows)
MODULES["cells"] = ("kpidsl/outputs/cells.py", ["tests/test_output_escapes.py",
                                                "tests/test_results_control_characters.py"])
# the modules of sessions 29 and 30 (session 31's run): P014, a cap below 5 beside an indicator it
# cannot hold (its fixtures; tests/test_check_no_total.py scores such a rule set)
MODULES["check_caps"] = ("kpidsl/check/caps.py", CHECK_TESTS + ["tests/test_check_no_total.py"])
# the forms' terms kept whole: the HTML snapshots hold their spans and <wbr>
MODULES["whole_words"] = ("kpidsl/forms/whole_words.py", ["tests/test_forms_render.py",
                                                          "tests/test_forms_whole_words.py"])
# the letters of the PDF forms' Thai glyphs, read from the fonts and written into ToUnicode maps
# without printing (a form printed per mutant, tests/test_forms_pdf.py, took minutes each)
MODULES["pdf_text"] = ("kpidsl/forms/pdf_text.py", ["tests/test_forms_pdf_text.py"])
# the editor's tree of a text with a `{` not closed (tests/test_lsp_recovery.py fails in the copy, its
# server not finding a file: E009)
MODULES["recover"] = ("kpidsl/syntax/recover.py", ["tests/test_parse_recover.py"])
# how far a line stands in (tabs to the next multiple of 4): the recovered tree's blocks and the
# parser's matching of `}` (S004 at the `{` left open) both read it
MODULES["indentation"] = ("kpidsl/syntax/indentation.py", ["tests/test_parse_recover.py",
                                                           "tests/test_check_followons.py"])
# a results folder's entries opened beneath it, no link followed out (regular_file; the commands'
# tests in tests/test_results_not_regular.py run in another process, out of mutmut's sight)
MODULES["regular_file"] = ("kpidsl/regular_file.py", ["tests/test_regular_file.py", "tests/test_results_links_out.py",
                                                      "tests/test_results_link_swapped.py"])
# exact decimal arithmetic written as SQL: its figures computed by DuckDB beside Decimal's
# (tests/test_sql_exact.py), and the rounding tests of tests/test_sql.py (the rest of that file
# scores whole rule sets, minutes per mutant)
MODULES["sql_exact"] = ("kpidsl/sql/exact.py", [
    "tests/test_sql_exact.py", "tests/test_sql.py::test_rounding_ties_exact_in_every_mode",
    "tests/test_sql.py::test_a_whole_figure_rounds_by_the_engine_exactly",
    "tests/test_sql.py::test_too_many_digits_is_refused_by_name"])
# session 32: a late report's penalty stopped at the floor (the evaluator's rows and the score report's words)
MODULES["penalty_floor"] = ("kpidsl/penalty_floor.py", [
    "tests/test_penalty_floor.py",
    "tests/test_score_semantics.py::test_a_penalty_past_the_total_stops_at_the_penalty_floor",
    "tests/test_score_semantics.py::test_a_total_below_the_penalty_floor_keeps_its_figure",
    "tests/test_forms_score_report.py::test_a_penalty_past_the_total_says_the_penalty_floor"])
# 'did you mean' within a budget, for a results file's unknown agreement and column
MODULES["guesses"] = ("kpidsl/guesses.py", [
    "tests/test_guesses.py", "tests/test_score_results.py::test_unknown_indicator_with_did_you_mean",
    "tests/test_score_results.py::test_a_typo_in_the_header_is_guessed_among_the_columns_it_lacks",
    "tests/test_score_results.py::test_unknown_agreement_with_did_you_mean",
    "tests/test_score_results.py::test_guessing_which_agreement_a_row_meant_is_bounded"])
# a results file's header cells, and a row-per-indicator header told apart, read by both engines
MODULES["results_columns"] = ("kpidsl/results_columns.py", ["tests/test_results_columns.py"])
MODULES["results_layout"] = ("kpidsl/results_layout.py", ["tests/test_results_columns.py"])
# the language KPIDSL_LANG asks for; a Thai/English pair
MODULES["bilingual"] = ("kpidsl/bilingual.py", ["tests/test_bilingual.py"])
# text converted between a pattern's matches: its own tests, and the forms' terms kept whole through it
MODULES["between"] = ("kpidsl/forms/between.py", ["tests/test_forms_between.py", "tests/test_forms_whole_words.py"])
# session 33: whether an indicator is a percentage (C005, L008: their fixtures); a report dated before
# its round (Q058, both engines); a band's raise range written as no raise on every table and form
MODULES["check_percentages"] = ("kpidsl/check/percentages.py", CHECK_TESTS + ["tests/test_percentages.py"])
MODULES["early_reports"] = ("kpidsl/early_reports.py", ["tests/test_score_early_report.py"])
MODULES["raise_words"] = ("kpidsl/raise_words.py", ["tests/test_raise_words.py", "tests/test_raise_none_words.py"])
# session 35: the SQL engine's trust test, which hands a cell to the query only when the query reads it
# as the evaluator does (else the row is the evaluator's): the differential tests of cells left to the
# evaluator or read by the query (--engine sql beside --engine python, byte for byte), the query's
# own tests of its cells, the typed Parquet cells read by value and the salaries of the raise pools.
# tests/test_sql_trust.py (session 35): cells one step past each pattern, and the cells each reads
# the query's own (a test too wide the other way costs no figure but the engine's speed). Not the
# hypothesis tests over whole rule sets (tests/test_sql.py test_random_results_*, 8 s;
# tests/test_sql_typed.py test_typed_parquet_by_sql_is_its_csv_by_python, 70 s a mutant)
SQL_CELLS_TESTS = ["tests/test_sql_trust.py"] + [f"tests/test_sql.py::{name}" for name in (
    "test_rows_left_to_python_give_python_output_and_diagnostics",
    "test_sure_rows_by_sql_unsure_rows_by_python_in_file_order",
    "test_lines_quoted_neutralised_or_left_to_python_in_place_either_way",
    "test_text_cells_neutralised_as_python_does", "test_mixed_file_with_a_problem_gives_pythons_diagnostics",
    "test_a_rows_cells_joined_are_tested_as_plain_only_when_each_is",
    "test_a_value_cell_is_tested_once_for_the_evaluator",
    "test_agreement_and_round_cells_are_tested_by_name_not_by_a_regular_expression",
    "test_odd_blanks_at_the_ends_of_agreement_person_and_round",
    "test_the_persons_odd_blank_test_rides_on_the_figures_plain_test",
    "test_a_person_that_led_the_plain_test_is_not_tested_again_for_quoting",
    "test_a_ladder_step_is_typed_as_wide_as_the_step")] + [
    "tests/test_sql_typed.py::test_a_value_reads_as_its_text_at_the_edges",
    "tests/test_sql_typed.py::test_an_integer_or_decimal_reads_as_its_text",
    "tests/test_sql_typed.py::test_a_double_reads_as_its_text",
    "tests/test_sql_typed.py::test_float_and_more_than_six_decimals_are_read_as_text",
    "tests/test_sql_typed.py::test_typed_cells_read_are_the_querys_own",
    "tests/test_sql_pool.py::test_pool_problems_as_the_evaluators"]
MODULES["sql_cells"] = ("kpidsl/sql/cells.py", SQL_CELLS_TESTS)
# which Parquet columns are read by their values: the typed cells' own tests and the Parquet files
# scored as their CSV
MODULES["sql_typed_cells"] = ("kpidsl/sql/typed_cells.py", [
    "tests/test_sql_trust.py::test_a_typed_column_is_tried_only_when_a_value_may_not_fit",
    "tests/test_sql_typed.py::test_a_value_reads_as_its_text_at_the_edges",
    "tests/test_sql_typed.py::test_float_and_more_than_six_decimals_are_read_as_text",
    "tests/test_sql_typed.py::test_typed_cells_read_are_the_querys_own",
    "tests/test_sql_typed.py::test_a_column_read_by_value_has_no_regular_expression",
    "tests/test_sql_typed.py::test_the_kept_query_is_the_columns_types_as_well_as_their_names",
    "tests/test_sql.py::test_parquet_results_scored_as_the_csv"])


def fixtures_writing(pattern: str) -> list[str]:
    """The check fixtures (tests/fixtures/check/) whose rule text has a line ``pattern`` matches,
    as test ids of tests/test_check_fixtures.py: a pass mutated against only the rule sets that reach it."""
    lines = re.compile(pattern, re.MULTILINE)
    return [f"tests/test_check_fixtures.py::test_fixture[{path.relative_to(ROOT / 'tests/fixtures/check').as_posix()}]"
            for path in sorted((ROOT / "tests/fixtures/check").rglob("*.kpi"))
            if lines.search(path.read_text(encoding="utf-8-sig", errors="replace"))]


# an example's lines against the indicators they name (X002–X010): the fixtures that write an example
# (a rule set without one never enters the pass's loop: 49 of some 700 fixtures, their tests in 8 s, not 13),
# the shipped rule sets, which check clean, and the fields each kind of scoring takes
# (tests/test_example_fields.py)
MODULES["check_examples"] = ("kpidsl/check/examples.py", fixtures_writing(r"^\s*(?:example|ตัวอย่าง)\b")
                             + ["tests/test_shipped_rules.py", "tests/test_example_fields.py"])
# K015, K016 and L008 (session 34's run): the fixtures whose rule text writes a formula (`value`/`คำนวณ`,
# `input`/`ข้อมูล`: a rule set without one never reaches the pass's checks; 53, their tests in 2 s), the shipped
# rule sets, which check clean, and tests/test_check_no_total.py, whose K015 is shown no false alarm by the row
# kpidsl score refuses
MODULES["check_formulas"] = ("kpidsl/check/formulas.py", fixtures_writing(r"^\s*(?:value|คำนวณ|input|ข้อมูล)\b")
                             + ["tests/test_shipped_rules.py", "tests/test_check_no_total.py"])
# The module-level constants mutmut leaves alone (it mutates inside functions only; kpidsl/sql/headers.py
# has none): the SQL engine's trust test is mostly regular expressions and the limits they are spelled
# with. Each mutant is a text of a file and what it is changed to, most a pattern widened to trust a
# cell the evaluator reads otherwise or not at all; run like a module (`sql_patterns`), one pytest a
# mutant in a copy of its own, `--children` at once. Per file: each text and what it is changed to.
PATTERNS = {"sql_patterns": ([
    # the tests written to kill them (tests/test_sql_trust.py) and the ones of the blanks, the person's
    # lead and the typed cells' edges: a minute or two a mutant, most stopped at their first failure
    "tests/test_sql_trust.py", "tests/test_sql.py::test_the_blanks_the_query_knows_are_the_ones_python_strips",
    "tests/test_sql.py::test_a_person_that_led_the_plain_test_is_not_tested_again_for_quoting",
    "tests/test_sql.py::test_odd_blanks_at_the_ends_of_agreement_person_and_round",
    "tests/test_sql_typed.py::test_a_value_reads_as_its_text_at_the_edges",
    "tests/test_sql_typed.py::test_float_and_more_than_six_decimals_are_read_as_text",
    "tests/test_sql_typed.py::test_typed_cells_read_are_the_querys_own"], {
    "kpidsl/sql/cells.py": [
        (r'BLANK = r"^[ \t\r\n]*$"', r'BLANK = r"^[ \t\r\n]*"'),
        (r'([.][0-9]{{0,{SCALE}}})?|', r'([.][0-9]{{0,{SCALE + 1}}})?|'),
        (r'|[.][0-9]{{1,{SCALE}}})"', r'|[.][0-9]{{1,{SCALE + 1}}})"'),
        (r'[+-]?([0-9]{{1,{INT_DIGITS}}}', r'[+-]?([0-9]{{1,{INT_DIGITS + 1}}}'),
        (r'[+-]?([0-9]', r'[+-]?[ \t]*([0-9]'),
        (r'r"[ \t]*%?[ \t\r\n]*$")', r'r"[ \t\r\n]*%?[ \t\r\n]*$")'),
        (r'r"[ \t]*%?[ \t\r\n]*$")', r'r"[ \t]*%*[ \t\r\n]*$")'),
        (r'NUMBER = (rf"^[ \t\r\n]*', r'NUMBER = (rf"[ \t\r\n]*'),
        (r'{{1,{SCALE}}})?$"', r'{{1,{SCALE + 1}}})?$"'),
        (r'PLAIN = rf"^[0-9]{{1,{INT_DIGITS}}}', r'PLAIN = rf"^[0-9]{{1,{INT_DIGITS + 1}}}'),
        (r'PLAIN = rf"^[0-9]', r'PLAIN = rf"^[+-]?[0-9]'),
        (r'[^{ODD_SPACE},"=+@-]', r'[^{ODD_SPACE},"+@-]'),
        (r'[^{ODD_SPACE},"=+@-]', r'[^{ODD_SPACE},"=+@]'),
        (r'([^,"\r\n]*', r'([^,\r\n]*'),
        (r'([^,"\r\n]*', r'([^,"]*'),
        (r'[^{ODD_SPACE},"])?)?' + "'", r'[^,"])?)?' + "'"),
        (r'(,[0-9]{{3}})', r'(,[0-9]{{2,3}})'),
        (r'([.][0-9]{{1,{SCALE}}})?[ \t]*$"', r'([.][0-9]{{1,{SCALE + 1}}})?[ \t]*$"'),
        (r'[0-9]{4}-[0-9]{2}-[0-9]{2}', r'[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'),
        (r'f"^[{ODD_SPACE}]|[{ODD_SPACE}]$"', r'f"^[{ODD_SPACE}]"'),
    ],
    "kpidsl/sql/headers.py": [
        ("INT_DIGITS = 9", "INT_DIGITS = 10"),
        ("SCALE = 6", "SCALE = 7"),
        (r"\u000b\u00a0\u1680", r"\u000b\u1680"),
        (r"\u205f\u3000\u0085", r"\u205f\u0085"),
        (r"\u3000\u0085\u001c", r"\u3000\u001c"),
        (r'\u0085\u001c-\u001f"', r'\u0085"'),
        (r'"\\s\u000b', r'"\u000b'),
    ],
    "kpidsl/sql/typed_cells.py": [
        ('LEAST_PLAIN_DOUBLE = "0.0001"', 'LEAST_PLAIN_DOUBLE = "0.00001"'),
        ('"USMALLINT": 5}', '"USMALLINT": 5, "INTEGER": 9}'),
        ('"UBIGINT", "UHUGEINT"})', '"UBIGINT", "UHUGEINT", "FLOAT"})'),
        ('DOUBLE = "DOUBLE"', 'DOUBLE = "FLOAT"'),
    ],
})}
DESELECT = ["tests/test_score_evaluate.py::test_untraced_equals_explained_on_random_ladders",
            "tests/test_results_strict.py::test_a_header_too_wide_is_told_once_by_parts"]
# what the tests read besides the package and tests/ (rule sets, examples, the grammar, docs)
ALSO_COPY = ["rules", "examples", "grammar", "docs", "benchmarks", "editors", "README.md"]
RESULT = re.compile(r"^\s*(\S+): (.+)$")
# What kpidsl remembers for the life of the process, emptied before each test: mutmut runs the
# tests once before it forks a process per mutant, so without this every later test would be
# handed what the unmutated code made — the number cells read (kpidsl/score/number_cells.py:
# 2 of 134 mutants killed instead of 124), the evaluators of the last few plans
# (kpidsl/score/engine.py, kpidsl/recent.py: 130 of 557 kinds mutants survived with them kept)
# and the country's holidays (kpidsl/days_off.py).
FORGET = """

@pytest.fixture(autouse=True)
def _made_afresh():
    from kpidsl.days_off import country_holidays
    from kpidsl.recent import forget_all
    from kpidsl.score.number_cells import NUMBERS_READ
    NUMBERS_READ.clear()
    forget_all()
    country_holidays.cache_clear()
    from kpidsl.forms.pdf_text import thai_glyph_letters
    thai_glyph_letters.cache_clear()
"""


def copy_repository(into: Path) -> list[str]:
    """Copy what a clone holds, with the changes not yet committed; → the files changed or
    added since the last commit, as they were copied."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    changed = [name for command in (["diff", "--name-only", "-z", "HEAD"],
                                     ["ls-files", "-o", "--exclude-standard", "-z"])
               for name in subprocess.run(["git", *command], cwd=ROOT, check=True, capture_output=True)
               .stdout.decode().split("\0") if name]
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    return changed


def config(module: str, tests: list[str], timeout_multiplier: float | None = None) -> str:
    present = [t for t in DESELECT if t.split("::")[0] in tests]
    lines = ["[mutmut]", "source_paths = kpidsl", f"only_mutate = {module}", "pytest_add_cli_args_test_selection ="]
    lines += [f"    {t}" for t in tests]
    lines += ["pytest_add_cli_args =", "    -p", "    no:cacheprovider"] + [f"    --deselect={t}" for t in present]
    lines += ["also_copy ="] + [f"    {p}" for p in ALSO_COPY]
    if timeout_multiplier is not None:
        lines.append(f"timeout_multiplier = {timeout_multiplier}")
    return "\n".join(lines) + "\n"


def mutmut(where: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=where, capture_output=True, text=True)


def score_module(name: str, work: Path, children: int, only: list[str], timeout_multiplier: float | None) -> dict:
    module, tests = MODULES[name]
    where = work / name
    where.mkdir(parents=True)
    uncommitted = copy_repository(where)
    (where / "setup.cfg").write_text(config(module, tests, timeout_multiplier), encoding="utf-8")
    with (where / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:  # the copy's only
        conftest.write(FORGET)
    start = time.monotonic()
    run = mutmut(where, "run", "--max-children", str(children), *only)
    seconds = time.monotonic() - start
    statuses = {m.group(1): m.group(2) for m in map(RESULT.match, mutmut(where, "results", "--all", "true")
                                                    .stdout.splitlines()) if m}
    if only:  # the others are listed too, not checked
        statuses = {m: s for m, s in statuses.items() if any(fnmatch.fnmatch(m, g) for g in only)}
    if run.returncode != 0 or not statuses:
        tail = (run.stdout + run.stderr).replace("\r", "\n").strip().splitlines()[-15:]
        if "failed to collect stats" in run.stdout + run.stderr and uncommitted:
            # the tests failed before any mutant, on the copy: a change not committed (a mutant
            # applied by hand in the same tree, for one) is as likely a cause as the module under
            # mutmut's wrapping (session 29: rounding's run failed on a results_fields.py mutant)
            tail.append("the tests fail unmutated; the copy held these changes not committed: "
                        + ", ".join(uncommitted))
        sys.exit(f"mutmut failed on {module}:\n" + "\n".join(tail))
    survivors = {}
    for mutant, status in statuses.items():
        if status in ("survived", "no tests"):
            diff = mutmut(where, "show", mutant).stdout.splitlines()
            survivors[mutant] = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    counts = {what: sum(1 for s in statuses.values() if s == what) for what in ("killed", "survived", "timeout",
                                                                                 "no tests")}
    return {"module": module, "mutants": len(statuses), **counts, "seconds": seconds, "survivors": survivors}


def score_patterns(name: str, work: Path, children: int, only: list[str]) -> dict:
    """PATTERNS[name]'s mutants, each applied to a copy of the repository and its tests run (stopped at
    the first failure); the same counts as score_module's."""
    tests, mutants = PATTERNS[name]
    listed = [(path, old, new) for path, changes in mutants.items() for old, new in changes]
    named = {f"{path.replace('/', '.').removesuffix('.py')}__pattern_{i}": (path, old, new)
             for i, (path, old, new) in enumerate(listed, 1)}
    if only:
        named = {m: change for m, change in named.items() if any(fnmatch.fnmatch(m, g) for g in only)}
    stale = [m for m, (path, old, _) in named.items() if (ROOT / path).read_text(encoding="utf-8").count(old) != 1]
    if stale:  # a mutant's text no longer in its file once: rewrite it
        sys.exit(f"{name}: mutants whose text is not in their file exactly once: {', '.join(stale)}")

    def run_tests(where: Path, timeout: float) -> str:
        try:
            done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                                  cwd=where, capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, "PYTHONPATH": str(where), "PYTHONDONTWRITEBYTECODE": "1"})
        except subprocess.TimeoutExpired:
            return "timeout"
        return "survived" if done.returncode == 0 else "killed"

    copies = []
    for i in range(max(1, children)):
        copies.append(work / name / str(i))
        copies[-1].mkdir(parents=True)
        copy_repository(copies[-1])
    start = time.monotonic()
    if run_tests(copies[0], 3600) != "survived":
        sys.exit(f"{name}: the tests fail unmutated")
    clean = time.monotonic() - start

    def one(item: tuple[int, tuple[str, tuple[str, str, str]]]) -> tuple[str, str]:
        i, (mutant, (path, old, new)) = item
        target = copies[i % len(copies)] / path
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(old, new), encoding="utf-8")
        try:
            status = run_tests(copies[i % len(copies)], 10 * clean + 60)
            print(f"{mutant}: {status}", flush=True)
            return mutant, status
        finally:
            target.write_text(text, encoding="utf-8")

    # each copy takes every len(copies)-th mutant, one after another
    lanes = [[item for item in enumerate(named.items()) if item[0] % len(copies) == k] for k in range(len(copies))]
    with ThreadPoolExecutor(len(copies)) as pool:
        statuses = dict(r for lane in pool.map(lambda lane: [one(item) for item in lane], lanes) for r in lane)
    survivors = {m: [f"-{named[m][1]}", f"+{named[m][2]}"] for m, s in statuses.items() if s == "survived"}
    counts = {what: sum(1 for s in statuses.values() if s == what) for what in ("killed", "survived", "timeout")}
    return {"module": name, "mutants": len(statuses), **counts, "no tests": 0,
            "seconds": time.monotonic() - start, "survivors": survivors}


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Mutation scores of kpidsl's own scoring modules and checker passes (mutmut).")
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"of {', '.join([*MODULES, *PATTERNS])} (default: all)")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it (mutmut's files, to look at)")
    parser.add_argument("--mutants", nargs="+", default=[], metavar="GLOB",
                        help="only the mutants whose names match (e.g. '*_compile__mutmut_*')")
    # mutmut stops a mutant after 30 × (its tests' seconds + 1) of CPU: a mutant of a scanning
    # loop that never ends (xml_guard's feed) holds a child for minutes at that
    parser.add_argument("--timeout-multiplier", type=float, metavar="X",
                        help="stop a mutant after 2X × (its tests' seconds + 1) of CPU, counted as killed "
                             "(mutmut's default X: 15)")
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in MODULES and m not in PATTERNS]
    if unknown:
        parser.error(f"not a module of MODULES: {', '.join(unknown)}")
    # found, not run: mutmut reads its settings from the current folder as it is imported
    if importlib.util.find_spec("mutmut") is None:
        sys.exit("mutmut is not installed here: pip install mutmut")
    names = args.modules or [*MODULES, *PATTERNS]
    work = args.keep or Path(tempfile.mkdtemp(prefix="kpidsl-mutants-"))
    rows = []
    try:
        for name in names:
            rows.append(score_patterns(name, work, args.children, args.mutants) if name in PATTERNS
                        else score_module(name, work, args.children, args.mutants, args.timeout_multiplier))
            r = rows[-1]
            print(f"{r['module']}: {r['mutants']} mutants, {r['killed']} killed, {r['survived']} survived, "
                  f"{r['timeout']} timeouts, {r['no tests']} untested, {r['seconds']:.0f} s", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for r in rows:
        for mutant, diff in r["survivors"].items():
            print(f"\n{mutant}")
            print("\n".join(f"    {line}" for line in diff))


if __name__ == "__main__":
    main()
