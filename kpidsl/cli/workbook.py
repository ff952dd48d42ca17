"""`kpidsl workbook`: a results-entry workbook made from the plan (issue J)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from .common import (EXIT_TROUBLE, as_round, lang_option, load_plan, main, say_trouble, stdout_is_terminal,
                     tell_warnings, unknown_choice, write_stdout_book)
from .paths import PathArg


def unknown_agreement(given: str, known: list[str]) -> click.BadParameter:
    """A usage error naming the closest agreement, as `render --agreement` does."""
    return unknown_choice("agreement", given, known, "--agreement")


def _say(diag, lang: str) -> None:
    """One line, in the asked language: these are troubles with the command, not the rules."""
    click.echo(f"kpidsl: {diag.code}: {diag.message_th if lang == 'th' else diag.message_en}", err=True)


def _write(path: Path, sheets: list, cut) -> None:
    """The workbook of ``sheets`` written to ``path`` by kpidsl/files.py's StreamingWriter (the
    rules of write_file: whole or not at all, the umask or the old mode; its refusals, O001,
    O002, O012, said by the command group), each sheet's rows waiting in a hidden folder
    beside it (kpidsl/xlsx/sheet_storage.py), never in memory: `--people` in the hundreds of
    thousands takes memory flat in the rows."""
    from ..files import StreamingWriter
    from ..xlsx.sheet_storage import SheetsFolder
    from ..xlsx.write import write_workbook

    out = StreamingWriter(path, binary=True)
    beside = out.beside
    folder = SheetsFolder.beside(beside) if beside is not None else SheetsFolder.in_cache()
    try:
        write_workbook(sheets, out.stream, cut, folder)
    except BaseException:
        out.discard()
        folder.remove()
        raise
    folder.remove()
    out.commit()


def _spooled(sheets: list, cut):
    """The workbook of ``sheets`` for standard output: its sheets' rows waiting in a folder
    made for the run in kpidsl's cache folder, where it is zipped, to be copied out a chunk at
    a time (kpidsl/xlsx/sheet_storage.py SpooledBook), as a scores workbook is: memory flat in
    the rows (benchmarks/bench_workbook_people.py --stdout). With the cache off, its bytes,
    made in memory."""
    from ..xlsx.sheet_storage import SheetsFolder, SpooledBook
    from ..xlsx.write import workbook_bytes, write_workbook

    folder = SheetsFolder.in_cache()
    if folder.path is None:
        return workbook_bytes(sheets, cut)
    try:
        return SpooledBook.made(folder, lambda stream: write_workbook(sheets, stream, cut, folder))
    except BaseException:
        folder.remove()
        raise


@main.command("workbook")
@click.argument("ruleset", type=PathArg())
@click.option("--agreement", "agreement_ids", multiple=True, required=True,
              help="An agreement to make a sheet for; repeat it for a whole work unit (one sheet each).")
@click.option("--round", "round_id", callback=as_round,
              help="Only this round's rows (default: every round of each agreement).")
@click.option("-o", "--output", type=PathArg(dir_okay=False),
              help="The .xlsx file to write (default: AGREEMENT.xlsx; `-` for standard output).")
@click.option("--people", type=int, default=1, show_default=True,
              help="Entry rows for each round of an agreement that names no person (a whole unit on one "
                   "agreement: each person's name typed in their row); an agreement naming its person keeps "
                   "one row a round.")
@lang_option
def workbook_command(ruleset: Path, agreement_ids: tuple[str, ...], round_id: str | None, output: Path | None,
                     people: int, lang: str) -> None:
    """Make a results-entry workbook (.xlsx): a locked, validated sheet per agreement with
    one row per person and round, whose filled cells read back as a results file."""
    from ..diagnostics.registry import CODES
    from ..files import is_stdout, output_file
    from ..xlsx import available

    from ..xlsx.layout import MAX_PEOPLE

    if not 1 <= people <= MAX_PEOPLE:
        raise click.BadParameter(said("people-between", lang, given=people, most=f"{MAX_PEOPLE:,}"),
                                 param_hint="--people")
    if not available():
        _say(CODES["J001"].at(None), lang)
        sys.exit(EXIT_TROUBLE)
    if is_stdout(output) and stdout_is_terminal():
        say_trouble("J010", lang)  # a workbook's bytes would only garble the terminal, as `score` says
    from ..plan.read import plan_of
    from ..xlsx.layout import RoundError, TooManyRows, sheet_of

    plan = plan_of(load_plan(ruleset, lang)[0])
    known = list(plan.agreements_by_id)
    for ident in agreement_ids:
        if ident not in known:
            raise unknown_agreement(ident, known)
    try:
        sheets = [sheet_of(plan, ident, round_id, people) for ident in dict.fromkeys(agreement_ids)]
    except RoundError as e:
        _say(CODES["J005"].at(None, agreement=e.agreement, round=e.round, rounds=", ".join(e.rounds) or "-"), lang)
        sys.exit(EXIT_TROUBLE)
    except TooManyRows as e:  # several rounds of --people rows each, past a sheet's rows
        _say(CODES["J015"].at(None, agreement=e.agreement, people=f"{e.people:,}", rounds=e.rounds,
                              rows=f"{e.people * e.rounds:,}", most=f"{MAX_PEOPLE:,}"), lang)
        sys.exit(EXIT_TROUBLE)
    from ..source import display_path
    from ..xlsx.cell_limit import CutCells

    cut = CutCells()
    if is_stdout(output):
        write_stdout_book(_spooled(sheets, cut))
        if cut.count:  # a title past a cell's limit, cut (J011): told once the workbook is out
            tell_warnings(cut.diagnostics("-"), 1, cut.count, lang)
        return
    path = output_file(output or Path(f"{agreement_ids[0]}.xlsx"))
    _write(path, sheets, cut)
    if cut.count:
        tell_warnings(cut.diagnostics(display_path(path)), 1, cut.count, lang)
    names = ", ".join([*(s.agreement.id for s in sheets), "คำอธิบาย"])  # the explanation sheet is always Thai
    click.echo(said("wrote-sheets", lang, len(sheets) + 1, path=path, names=names), err=True)
