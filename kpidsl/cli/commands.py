"""The rule-set commands: check, compile, test and score."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from .common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_TROUBLE,
    LangOption,
    as_round,
    checked_rule_sets,
    format_named,
    lang_option,
    load_plan,
    main,
    require_results,
    tell_hidden,
    tell_problems,
    tell_warnings,
    say_trouble,
    json_to_stdout,
    source_location,
    stdout_is_terminal,
    write_stdout,
    write_stdout_book,
)
from .paths import PathArg


@main.command()
# No exists/readable checks here: the checker reports such paths as diagnostics
# (F001, F009), so that every output format carries them and the exit code is 2.
@click.argument("paths", nargs=-1, required=True, type=PathArg(readable=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", cls=LangOption, type=click.Choice(["th", "en"]),
              help="Language of messages (KPIDSL_LANG sets the default).")
def check(paths: tuple[Path, ...], output_format: str, lang: str) -> None:
    """Check rule files or rule-set folders and report every problem found.

    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O trouble.
    """
    from ..check import check_paths
    from ..diagnostics.render import render

    result = check_paths(list(paths))
    sources = {path: text for rs in result.rule_sets for path, text in rs.texts.items()}
    summary = (result.files, result.errors, result.warnings)
    write_stdout(render(output_format, result.diagnostics, sources, lang, summary), json=output_format in ("json", "sarif"))
    if result.io_trouble:
        sys.exit(EXIT_TROUBLE)
    sys.exit(EXIT_ERRORS if result.errors else EXIT_OK)




@main.command("compile")
@click.argument("ruleset", type=PathArg())
@click.option("-o", "--output", type=PathArg(dir_okay=False, allow_dash=True),
              help="Write the plan here (- for standard output).")
@lang_option
def compile_command(ruleset: Path, output: Path | None, lang: str) -> None:
    """Check a rule set and compile it into a JSON scoring plan."""
    from ..files import is_stdout, output_file, write_file
    from ..plan import dumps

    plan, _ = load_plan(ruleset, lang)
    text = dumps(plan)
    if output is None or is_stdout(output):
        json_to_stdout(text)
    else:
        write_file(output_file(output), text)
        click.echo(said("wrote-file", lang, path=output), err=True)


@main.command("test")
@click.argument("paths", nargs=-1, required=True, type=PathArg())
@lang_option
def test_command(paths: tuple[Path, ...], lang: str) -> None:
    """Run the examples of rule sets and check every ladder and band table.

    Exit status: 0 every example and boundary passes, 1 one fails (or a rule set
    has errors), 2 usage or I/O trouble.
    """
    from ..outputs.terminal import shown
    from ..plan import compile_plan
    from ..plan.read import typed_plan
    from ..score import properties
    from ..score.examples import run_example

    passed = failed = 0
    out: list[str] = []
    for rs in checked_rule_sets(list(paths), lang):
        plan = typed_plan(compile_plan(rs, Path(rs.name)))
        root = rs.name
        for example in plan.examples:
            res = run_example(plan, example)
            where = source_location(example.source, root)
            if res.passed:
                passed += 1
                figures = said("figures", lang, len(res.checks))
                out.append(f"PASS {example.id}  ({figures})  {where}")
                continue
            failed += 1
            out.append(f"FAIL {example.id}  {where}")
            if res.error:
                out.append(f"     {res.error}")
            for c in res.checks:
                if not c.passed:
                    out.append(f"     {c.failure(lang)}  {source_location(c.source, root)}")
                    if c.explanation(lang):
                        out.append(f"         {c.explanation(lang)}")
                    if c.note is not None:
                        out.append(f"         {c.note.in_lang(lang)}")
        checked = properties.run(plan)
        for prop in checked:
            if prop.passed:
                passed += 1
                continue
            failed += 1
            out.append(f"FAIL {prop.what}  {source_location(prop.source, root)}")
            out.extend(f"     {f}" for f in prop.failures)
        good = sum(1 for p in checked if p.passed)
        out.append(said("ladders-and-bands", lang, root=root, good=good, total=len(checked)))
    # The closing line is the same in both languages, as pytest's: scripts and CI read it.
    out.append(f"{passed} passed, {failed} failed")
    write_stdout(shown("\n".join(out)) + "\n")
    sys.exit(EXIT_ERRORS if failed else EXIT_OK)


def _stdout_writer(output_format: str):
    """What writes a score's output to standard output: escaped on a terminal as its format allows."""
    return json_to_stdout if output_format == "json" else write_stdout


_say_trouble = say_trouble  # kpidsl/cli/common.py: require_results says J001 too


def _workbooks_readable(results_path: Path, lang: str, writing: bool) -> None:
    """Workbooks among the results, or one to write, need the extra `xlsx`: one line (J001)
    and exit 2 without it."""
    from ..score.results import WORKBOOK_SUFFIXES, results_files
    from ..xlsx import available

    if not available() and (writing or any(p.suffix.lower() in WORKBOOK_SUFFIXES
                                           for p in results_files(results_path))):
        _say_trouble("J001", lang)


def _told_none_scored(results_path: Path, lang: str, files: int = 1) -> None:
    """Results that hold no evaluation (a header alone, an empty JSON list): a warning at them
    (Q051) on standard error, exit 0. The text table would otherwise be empty without a word;
    the machine formats' empty table or list is printed as it is."""
    from ..diagnostics.registry import CODES
    from ..diagnostics.render import text
    from ..diagnostics.span import Span
    from ..source import display_path

    told = CODES["Q051"].at(Span.whole_file(display_path(results_path)))
    click.echo(text([told], {}, lang, (files, 0, 1)), err=True, nl=False)


def _told_files_unscored(paths: list[Path], folder: Path, lang: str, files: int) -> None:
    """The files of a results folder that hold no evaluation while the others were scored: a
    warning at each (Q052) on standard error, exit 0."""
    from ..diagnostics.registry import CODES
    from ..diagnostics.render import text
    from ..diagnostics.span import Span
    from ..source import display_path

    told = [CODES["Q052"].at(Span.whole_file(display_path(p)), folder=display_path(folder)) for p in paths]
    click.echo(text(told, {}, lang, (files, 0, len(told))), err=True, nl=False)


@main.command("score")
@click.argument("ruleset", type=PathArg())
@click.option("--agreement", "agreement_id", help="The agreement the results are for: a row without one takes it, a row "
                   "naming another is an error (Q031).")
@click.option("--results", "results_path", required=True, type=PathArg(),
              help="Results: a CSV, JSON or .xlsx file (a filled `kpidsl workbook`), or a folder of them; "
                   "a Parquet file with --engine sql.")
@click.option("--round", "round_id", callback=as_round,
              help="The round the results are for: a row without one takes it, a row naming "
                   "another is an error (Q032).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv", "xlsx"]), default="text",
              show_default=True,
              help="text: a table for people; json: every figure with both languages' explanations, for "
                   "programs; csv: one row per evaluation (total, band, raise), safe to open in a spreadsheet; "
                   "xlsx: a workbook (needs the extra `xlsx`) of one row per evaluation, a sheet per agreement "
                   "and the explanations; not to a terminal. Not given: -o FILE's suffix (.csv, .json, .xlsx) "
                   "chooses, else text.")
@click.option("--person", help="Only this person's rows (as the results' person column writes them); a name no "
                               "row carries, or one two rows of a round carry, is an error.")
@click.option("--explain", is_flag=True, help="Show, for every number, the rule, the rule file line and the seed "
                   "(--format text and json; a workbook holds them always; not csv).")
@click.option("-o", "--output", type=PathArg(dir_okay=False, allow_dash=True),
              help="Write here (atomically; - for standard output) instead of to standard output.")
@click.option("--bom/--no-bom", default=None,
              help="Start a CSV with a byte-order mark, so that Excel shows its Thai. Default: on for a file "
                   "named by -o (for people to open), off for standard output (for programs).")
@click.option("--engine", type=click.Choice(["python", "sql", "auto"]), default="python", show_default=True,
              help="sql: the compiled query on embedded DuckDB (CSV, Parquet or .xlsx in, CSV or JSON out; rows it is "
                   "not sure of go to Python); auto: sql for big inputs and Parquet.")
@click.option("--jobs", type=int, default=1, show_default=True,
              help="Score on this many processes (each CSV cut at line ends into as many parts); the output "
                   "is the same bytes as with one. A workbook (--format xlsx) is written by one.")
@lang_option
def score_command(ruleset: Path, agreement_id: str | None, results_path: Path, round_id: str | None, output_format: str,
                  person: str | None, explain: bool, output: Path | None, bom: bool | None, engine: str, jobs: int,
                  lang: str) -> None:
    """Score results against a rule set: indicator scores, subtotals, total, band and raise."""
    from ..files import is_stdout, not_an_input, output_file
    from ..plan.read import plan_of
    from ..score.batch import score_records
    from ..score.results import results_folder

    if jobs < 1:
        raise click.BadParameter(said("jobs-at-least-one", lang, given=jobs), param_hint="--jobs")
    output_format = format_named(output, output_format, ("csv", "json", "xlsx"), lang)
    if explain and output_format == "csv":
        _say_trouble("O018", lang)  # a CSV has no place for the explanations: not dropped without a word
    output = None if output is None or is_stdout(output) else output_file(output)
    if output is not None:
        not_an_input(output, results_path)
    plan, rs = load_plan(ruleset, lang)
    agreements = plan_of(plan).agreements_by_id
    if agreement_id and agreement_id not in agreements:
        known = ", ".join(agreements)
        raise click.BadParameter(said("agreement-not-in", lang, given=agreement_id, rule_set=rs.name, known=known),
                                 param_hint="--agreement")
    require_results(results_path, lang)
    _workbooks_readable(results_path, lang, output_format == "xlsx")
    tell_hidden(results_path, lang)
    if output_format == "xlsx" and output is None and stdout_is_terminal():
        _say_trouble("J010", lang)  # a workbook's bytes would only garble the terminal
    if bom is None:
        bom = output is not None  # a file is for people (Excel); standard output for programs
    from .sql import sql_scored

    if person is not None:
        # one person's rows are few: scored by Python, in one process, whatever was asked (the
        # same bytes: tests/test_sql.py), which tells an unknown or doubled person at its place
        engine, jobs = "python", 1
    sql_pools: list = []
    sql_problems: list = []
    scored = sql_scored(plan, results_path, agreement_id, round_id, output_format, explain, engine, lang, output, bom,
                        sql_pools, sql_problems, jobs)
    if sql_problems:  # a raise pool run over: told as the evaluator's problems below
        tell_problems(sql_problems, 1, len(sql_problems), lang)
    if scored == 0 and not sql_problems:
        _told_none_scored(results_path, lang)
    if scored is not None:  # written, as score_records writes it
        if output is not None:
            click.echo(said("wrote-scored", lang, scored, path=output), err=True)
        if sql_pools:  # the raise pools, beside the csv rows, as below
            from ..score.pool import pool_text
            click.echo(pool_text(sql_pools, lang), err=True, nl=False)
        return
    # Standard output is written once the whole batch is known to be clean, piece by piece.
    parts = None
    if jobs > 1 and output_format != "xlsx":
        from ..score.parts import Parts
        from ..score.results import results_files

        parts = Parts(rs.name, plan, results_files(results_path), agreement_id, round_id, output_format, explain, lang,
                      True, jobs, results_folder(results_path))
    outcome = score_records(plan, rs.name, results_path, agreement_id, round_id, output_format, explain, lang, output,
                            emit=_stdout_writer(output_format) if output is None else None, bom=bom,
                            parts=parts, person=person)
    if outcome.diagnostics:
        tell_problems(outcome.diagnostics, outcome.files, outcome.problems, lang,
                      EXIT_TROUBLE if outcome.trouble else EXIT_ERRORS, results_folder(results_path))
    if outcome.data is not None:  # a workbook's or a batch's bytes, or a workbook spooled in kpidsl's cache
        write_stdout_book(outcome.data)
    if outcome.warnings:  # the workbook's cells cut at a cell's limit (J011): the output is written, exit 0
        tell_warnings(outcome.warnings, outcome.files, outcome.warned, lang)
    if outcome.count == 0:  # clean (a problem exited above), and nothing in it to score
        _told_none_scored(results_path, lang, outcome.files)
    elif outcome.unscored:  # a folder some of whose files hold no evaluation: each told at its file
        _told_files_unscored(outcome.unscored, results_path, lang, outcome.files)
    if output is not None:
        click.echo(said("wrote-scored", lang, outcome.count, path=output), err=True)
    if outcome.pools and output_format != "text":  # the raise pools, beside the csv/json rows (kpidsl/score/pool.py)
        from ..score.pool import pool_text
        click.echo(pool_text(outcome.pools, lang), err=True, nl=False)
    if outcome.others is not None:
        # `--person`: the person's rows are written; the results' other rows with errors said in
        # one line (Q062), counted in the summary, and exit 1: the input, the file, has errors
        tell_problems([outcome.others], outcome.files, outcome.others_errors, lang)
