"""`kpidsl sql`: an agreement's scoring as one SQL query, for a warehouse; and the
SQL engine of `kpidsl score --engine sql|auto`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from ..diagnostics.phrases import phrase
from ..outputs.terminal import shown, shown_on_one_line
from .common import (EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, json_to_stdout, lang_option, load_plan, main, require_results,
                     tell_problems, write_stdout)
from .paths import PathArg

DIALECTS = ("duckdb", "spark", "trino", "postgres")
# `--engine auto` runs the SQL engine from this many bytes of results on (below it the
# Python evaluator is as quick as starting DuckDB).
AUTO_BYTES = 4 * 1024 * 1024
SQL_FORMATS = ("csv", "json")  # the formats the SQL engine writes (kpidsl/sql/run.py FORMATS)


def _say(code: str, lang: str, **fields) -> None:
    from ..diagnostics.registry import CODES

    d = CODES[code].at(None, **fields)
    message = d.message_th if lang == "th" else d.message_en
    hint = d.hint_th if lang == "th" else d.hint_en
    # the shape of common.say_trouble's line, which the other commands' troubles take; a
    # field may carry what DuckDB said of a file (Z005), its name as written: shown escaped
    click.echo(shown_on_one_line(f"kpidsl: {code}: {message}" + (f" ({hint})" if hint else "")), err=True)


def _have_extra(need_duckdb: bool) -> bool:
    """Whether the sql extra is installed, found without importing it: `score --engine sql`
    imports sqlglot only to build a query it has not kept (kpidsl/sql/query_cache.py)."""
    from importlib.util import find_spec

    for name in ("sqlglot", "duckdb") if need_duckdb else ("sqlglot",):
        if name in sys.modules:  # imported already, or blocked (None: its import raises ImportError)
            if sys.modules[name] is None:
                return False
        elif find_spec(name) is None:
            return False
    return True


@main.command("sql")
@click.argument("ruleset", type=PathArg())
@click.option("--agreement", "agreement_id", required=True, help="The agreement whose scoring the query computes.")
@click.option("--dialect", type=click.Choice(DIALECTS), default="duckdb", show_default=True,
              help="The SQL dialect to write.")
@click.option("--columns-from", "columns_from", type=PathArg(), metavar="RESULTS_CSV",
              help="Name the table's columns as this results CSV's header does (default: the columns "
                   "`kpidsl workbook` writes for the agreement).")
@lang_option
def sql_command(ruleset: Path, agreement_id: str, dialect: str, columns_from: Path | None, lang: str) -> None:
    """Print the SQL query that scores an agreement's results table.

    The table `results` has the columns of a results CSV, every cell text; the query gives
    one row per evaluation with the columns of `kpidsl score --format csv` and `sure`
    (false: score that row with `kpidsl score`). Exit status: 0 printed, 1 the rule set
    has errors or a construct cannot be exact in SQL, 2 usage or I/O trouble.
    """
    if not _have_extra(False):
        _say("Z001", lang)
        sys.exit(EXIT_TROUBLE)
    from ..plan.read import plan_of
    from ..sql import NotExact, Unsupported, build_query, canonical_header
    from ..sql.query import to_sql

    plan, rs = load_plan(ruleset, lang)
    typed = plan_of(plan)
    if agreement_id not in typed.agreements_by_id:
        known = ", ".join(typed.agreements_by_id)
        raise click.BadParameter(said("agreement-not-in", lang, given=agreement_id, rule_set=rs.name, known=known),
                                 param_hint="--agreement")
    agreement = typed.agreements_by_id[agreement_id]
    header = canonical_header(agreement)
    if columns_from is not None:
        from ..score.results import results_header

        require_results(columns_from, lang)  # F001, exit 2, as `score --results` says it
        if columns_from.is_dir() or columns_from.suffix.lower() not in (".csv", ".txt", ""):
            raise click.BadParameter(said("columns-from-csv", lang, path=columns_from), param_hint="--columns-from")
        named, problems = results_header(columns_from, typed)
        if named is None:
            tell_problems(problems, 1, len(problems), lang)
        header = named
        # printed inside a quoted name, a line separator or a bidi override shows the query
        # otherwise than it runs (`note<U+2028>DROP TABLE results` as a line of its own); a
        # line end typed in a header cell (Alt+Enter) is seen as one, and is printed
        hidden = [h for h in header if shown(h) != h]
        if hidden:
            _say("Z003", lang, what=phrase("sql-column-hidden-character"), where=shown_on_one_line(hidden[0]))
            sys.exit(EXIT_ERRORS)
    try:
        query = build_query(typed, [agreement_id], header, default_agreement=agreement_id)
        text = to_sql(query, dialect, pretty=True)
    except NotExact as e:
        _say("Z002", lang, what=e.what, why=e.why)
        sys.exit(EXIT_ERRORS)
    except Unsupported as e:
        _say("Z003", lang, what=e.what, where=e.where)
        sys.exit(EXIT_ERRORS)
    write_stdout(text + ";\n")
    sys.exit(EXIT_OK)


def _sql_engine_can(results: Path, output_format: str, explain: bool, jobs: int, lang: str) -> None:
    """`--engine sql` asked for what the SQL engine does not do: one line, exit 2."""
    from ..source import display_path
    from ..sql.run import WORKBOOKS

    cannot = (f"--format {output_format}" if output_format not in SQL_FORMATS else "--explain" if explain
              else f"--jobs {jobs}" if jobs > 1 else None)
    if cannot is not None:
        _say("Z006", lang, option=cannot)
        sys.exit(EXIT_TROUBLE)
    if results.is_dir() or results.suffix.lower() not in (".csv", ".parquet", *WORKBOOKS):
        _say("Z007", lang, path=display_path(results))
        sys.exit(EXIT_TROUBLE)


def sql_scored(plan: dict, results: Path, agreement_id: str | None, round_id: str | None, output_format: str,
               explain: bool, engine: str, lang: str, output: Path | None, bom: bool,
               pools: list | None = None, problems: list | None = None, jobs: int = 1) -> int | None:
    """Score with the SQL engine: the output written (to ``output``, else to standard
    output) and the number of evaluations; or None, nothing written, when the Python
    evaluator is to score these results (`--engine python`, an input or format the SQL
    engine leaves to it, or `auto` on a small input or for JSON out of a CSV): CSV or JSON, as the evaluator writes
    them. A Parquet file is the SQL engine's
    alone (the evaluator reads none): Z004 for another engine or format, Z005 when the
    SQL engine cannot score all of it. ``pools`` gets the raise pools, to be told as the
    evaluator's are; ``problems`` a raise pool run over (Q042): nothing written, 0 given.
    An explicit `--engine sql` is never dropped without a word: an output it cannot write
    (Z006) or results it cannot read (Z007) is refused, as Parquet is to the evaluator; only
    `auto` chooses the evaluator in silence (rows inside a file it reads that the query is
    not sure of go to the evaluator, the same bytes)."""
    parquet = results.suffix.lower() == ".parquet" and not results.is_dir()
    written = output_format in SQL_FORMATS and not explain  # what the SQL engine writes
    if parquet and (engine == "python" or not written):
        _say("Z004", lang)  # the evaluator reads no Parquet
        sys.exit(EXIT_TROUBLE)
    if engine == "sql":
        _sql_engine_can(results, output_format, explain, jobs, lang)
    if engine == "python" or not written:
        return None
    if not _have_extra(True):
        if engine == "sql" or parquet:
            _say("Z001", lang)
            sys.exit(EXIT_TROUBLE)
        return None
    if engine == "auto" and not parquet:
        if output_format == "json":
            # The query's figures are made into the evaluator's documents a row at a time in
            # Python: 20,000 rows took 2.8 s CPU against the evaluator's 1.0 s (session 20).
            return None
        try:
            if results.is_dir() or results.stat().st_size < AUTO_BYTES:
                return None
        except OSError:
            return None
    from ..score.batch import changed_while_scored
    from ..score.pending_output import PendingOutput, changed, fingerprint, read_again, stopped_by_signals
    from ..sql.run import Declined, Over, score_into

    with stopped_by_signals():
        emit = (json_to_stdout if output_format == "json" else write_stdout) if output is None else None
        pending = PendingOutput(output, emit, read_again([results]))
        read_as = fingerprint([results])
        try:
            if bom and output_format == "csv":
                pending.file.write("\ufeff")
            beside = pending.writer.beside if pending.writer is not None else None  # DuckDB spills there
            done = score_into(plan, results, agreement_id, round_id, pending.file, pools, output_format, beside)
        except BaseException:
            pending.discard()
            raise
        if isinstance(done, Over) and problems is not None:
            pending.discard()
            problems.extend(done.diagnostics)
            return 0
        if isinstance(done, (Declined, Over)):
            pending.discard()
            if parquet:
                from ..source import display_path

                reason = done.reason if isinstance(done, Declined) else phrase("sql-declined-pool-exceeded")
                _say("Z005", lang, path=display_path(results), reason=reason)
                sys.exit(EXIT_ERRORS)
            return None
        if pending.too_big:  # standard output past what is held in memory: made again, straight out
            pending.discard()
            if changed([results], read_as) is not None:  # the second pass would print another file's figures
                tell_problems([changed_while_scored("Q045", results)], 1, 1, lang, EXIT_TROUBLE)
            sink = pending.stream()
            if bom:
                sink.write("\ufeff")
            done = score_into(plan, results, agreement_id, round_id, sink, [])
            sink.flush()
            if changed([results], read_as) is not None:
                tell_problems([changed_while_scored("Q046", results)], 1, 1, lang, EXIT_TROUBLE)
            return done if isinstance(done, int) else 0
        pending.commit()
        return done
