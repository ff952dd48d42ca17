"""kpidsl diff: what changed between two rule sets, and what it does to the same results."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from .common import (EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, files_read, lang_option, load_plan, main, require_results,
                     tell_hidden, tell_problems, write_stdout)
from .paths import PathArg


def two_rule_sets(old: Path, new: Path, lang: str) -> None:
    """Refuse two different paths that stand for one rule set. A file named alone stands
    for the whole rule set it belongs to (as `kpidsl check FILE` reads it), so two of its
    files compared would be told "no changes", which a reviewer would take for agreement."""
    import os

    from ..source import display_path, rule_set_root

    def root(path: Path) -> Path:
        return path if path.is_dir() else rule_set_root(path)

    def same(a: Path, b: Path) -> bool:
        return os.path.realpath(a) == os.path.realpath(b)

    if not same(old, new) and same(root(old), root(new)):
        raise click.UsageError(said("diff-one-rule-set", lang, old=old, new=new, root=Path(display_path(root(old)))))


@main.command("diff")
@click.argument("old", type=PathArg())
@click.argument("new", type=PathArg())
@click.option("--format", "output_format", type=click.Choice(["text", "md", "json"]), default="text", show_default=True,
              help="text for a terminal, md for a pull-request comment, json for programs.")
@click.option("--rescore", "results", type=PathArg(),
              help="Score these results (a CSV, JSON or .xlsx file, or a folder) under OLD and NEW and compare.")
@click.option("--agreement", "agreement_id", help="With --rescore: the agreement of results files without one.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes (as git diff --exit-code).")
@click.option("-o", "--output", type=PathArg(dir_okay=False, allow_dash=True),
              help="Write here (atomically; - for standard output) instead of to standard output.")
@lang_option
def diff_command(old: Path, new: Path, output_format: str, results: Path | None, agreement_id: str | None,
                 exit_code: bool,
                 output: Path | None, lang: str) -> None:
    """Compare two rule sets: frameworks, indicators, weights, ladders, bands, rounds,
    dates and agreements added, removed, renamed, moved or changed. Text and md are
    written in --lang (Thai by default); kinds and JSON are the same in both.

    Exit status: 0 (whatever the differences; 1 with --exit-code when there are any),
    1 if either rule set has errors or a row of --rescore's results can be scored under
    neither (the results have errors; a row only one side cannot score is a difference),
    2 usage or I/O trouble.
    """
    from ..diff import diff_plans
    from ..diff.render import PIECES
    from ..diff.rescore import rescore, UnreadResults
    from ..files import is_stdout, not_an_input, output_file
    from ..run_folders import DIFF_REVIEW
    from ..sorted_spill import SpillFolder

    if output is not None:
        not_an_input(output, results)
    two_rule_sets(old, new, lang)
    old_plan, old_rs = load_plan(old, lang)
    new_plan, new_rs = load_plan(new, lang)
    if results is not None:
        require_results(results, lang, read=True)
        tell_hidden(results, lang)
    diff = diff_plans(old_plan, new_plan, old_rs.name, new_rs.name)
    to_stdout = output is None or is_stdout(output)
    if not to_stdout:
        output = output_file(output)
    # The review is sorted by the largest change: past a few thousand rows its runs wait on
    # disk, beside the output or in kpidsl's cache folder, removed whatever happens
    # (kpidsl/sorted_spill.py); the text is written as it is made, never held whole.
    with SpillFolder.for_output(None if to_stdout else output, DIFF_REVIEW) if results is not None \
            else SpillFolder(None) as folder:
        # an agreement NEW renamed (kpidsl new-year, with the year) is found by its old id too
        renamed = {c.old: c.new for c in diff.changes if c.kind == "agreement-renamed" and c.path.endswith("/id")}
        try:
            rows = rescore(old_plan, new_plan, results, agreement_id, lang, folder, renamed,
                           (old_rs.name, new_rs.name)) \
                if results is not None else None
        except UnreadResults as e:  # every row is read before a word is written: nothing is
            from ..score.results import results_folder

            tell_problems([e.diagnostic], files_read(results), 1, lang, EXIT_TROUBLE, results_folder(results))
        pieces = PIECES[output_format](diff, rows, str(results) if results is not None else None, lang)
        if to_stdout:
            write_stdout_pieces(pieces, json=output_format == "json")
        else:
            write_file_pieces(output, pieces)
    if not to_stdout:
        click.echo(said("wrote-file", lang, path=output), err=True)
    # a row neither rule set scores, or whose raise fits neither's band (Q059 under both), is
    # the results' error, not a difference between the two
    neither = rows is not None and (rows.neither > 0 or rows.raise_neither > 0)
    sys.exit(EXIT_ERRORS if neither or (exit_code and diff.changes) else EXIT_OK)


_PIECE_BYTES = 1 << 20  # pieces joined up to this many characters before each write


def _batched(pieces: Iterable[str]) -> Iterator[str]:
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= _PIECE_BYTES:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def write_stdout_pieces(pieces: Iterable[str], json: bool) -> None:
    """Standard output written a megabyte at a time (kpidsl/cli/common.py write_stdout each)."""
    for text in _batched(pieces):
        write_stdout(text, json=json)


def write_file_pieces(output: Path, pieces: Iterable[str]) -> None:
    """The file ``output`` written whole or not at all, a megabyte at a time (kpidsl/files.py)."""
    from ..files import StreamingWriter

    writer = StreamingWriter(output)
    try:
        for text in _batched(pieces):
            writer.stream.write(text)
    except BaseException:
        writer.discard()
        raise
    writer.commit()
