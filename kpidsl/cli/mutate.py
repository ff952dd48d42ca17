"""`kpidsl mutate`: mutation testing of a rule set."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from ..mutate.operators import OPERATORS
from .common import EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, lang_option, main, write_stdout
from .paths import PathArg


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _stop(diags: list, texts: dict[str, str], lang: str, files: int, status: int) -> None:
    from ..diagnostics.render import render

    errors = sum(1 for d in diags if d.is_error)
    click.echo(render("text", diags, texts, lang, (files, errors, len(diags) - errors)), err=True, nl=False)
    sys.exit(status)


@main.command("mutate")
@click.argument("ruleset", type=PathArg(readable=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--only", "only", multiple=True, type=click.Choice(list(OPERATORS)), metavar="KIND",
              help="Apply only this operator (repeat for several).")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (forked); the output is the same whatever the number.")
@lang_option
def mutate_command(ruleset: Path, output_format: str, only: tuple[str, ...], jobs: int, lang: str) -> None:
    """Change the rule set a little in every place, one change at a time, and
    report the changes that neither `check` nor the rule set's examples catch.

    Exit status: 0 every mutant caught or equivalent, 1 some survive, 2 usage or
    I/O trouble (or a rule set that does not check clean or fails its own tests).
    """
    import time

    from ..check.ruleset import discover
    from ..diagnostics.registry import CODES
    from ..diagnostics.span import Span
    from ..mutate import failing_tests, load_baseline, mutants, run_mutants
    from ..mutate import report

    sources, diags = discover([ruleset])
    if diags:
        _stop(diags, {}, lang, 0, EXIT_TROUBLE)
    if len(sources) != 1:
        names = ", ".join(s.name for s in sources)
        raise click.UsageError(said("rule-sets-in-folder", lang, len(sources), path=ruleset, names=names))
    source = sources[0]
    base = load_baseline(source)
    if base.read_diagnostics:
        _stop(base.read_diagnostics, {}, lang, len(source.files), EXIT_TROUBLE)
    where = Span.whole_file(source.name)
    if base.checked.errors:
        stop = CODES["U003"].at(where, name=source.name, errors=len(base.checked.errors))
        _stop([*base.checked.diagnostics, stop], base.texts, lang, len(source.files), EXIT_TROUBLE)
    failed = failing_tests(base.plan)
    if failed:
        _stop([CODES["U004"].at(where, name=source.name, failed="; ".join(failed))], {}, lang,
              len(source.files), EXIT_TROUBLE)
    found = mutants(base.documents, base.texts, frozenset(only) if only else None)
    tty = sys.stderr.isatty()
    started = time.perf_counter()
    result = run_mutants(base, found, jobs, _progress if tty else None)
    if tty:
        seconds = f"{time.perf_counter() - started:.1f}"
        click.echo(f"{said('mutants-in', lang, len(found), seconds=seconds)} ({said('jobs', lang, jobs)})", err=True)
    if output_format == "json":
        write_stdout(report.json_text(source.name, result.outcomes), json=True)
    else:
        write_stdout(report.text(source.name, result.outcomes, base.texts, lang))
    bad = any(o.kind in ("survived", "crash") for o in result.outcomes)
    sys.exit(EXIT_ERRORS if bad else EXIT_OK)
