"""The year-over-year commands: fmt and new-year (issue E; diff lives in diff.py)."""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from .common import EXIT_ERRORS, EXIT_OK, EXIT_TROUBLE, checked_rule_sets, lang_option, main, write_stdout
from .paths import PathArg


def _files(paths: tuple[Path, ...]) -> tuple[list[Path], list, dict[Path, Path]]:
    """The rule files named: files as given, every .kpi under a folder; and, for each that
    is a link leading out of the folder named (of a file named, or a folder named by a link:
    its own folder), that folder.
    A folder without a rule file is F002, as `check` tells it (kpidsl/check/ruleset.py):
    a mistyped folder is trouble (exit 2), never "nothing to format" and success."""
    from ..diagnostics.registry import CODES
    from ..diagnostics.span import Span
    from ..source import classify, display_path, find_rule_files

    files: list[Path] = []
    trouble: list = []
    outside: dict[Path, Path] = {}
    for path in paths:
        kind = classify(path)
        if kind == "file":
            files.append(path)
            if os.path.islink(path) and not _within(path, path.parent):
                outside[path] = path.parent
        elif kind == "folder":
            found, diags = find_rule_files(path)
            files.extend(found)
            trouble.extend(diags)
            if not found and not diags:  # an unlisted folder has said why already
                shown = display_path(path)
                trouble.append(CODES["F002"].at(Span.whole_file(shown), path=shown))
            # A folder named by a link is the folder the user named when it lies in the link's
            # own folder, as a file named by a link is (O016): else its files are all outside.
            away = os.path.islink(path) and not _within(path, path.parent)
            for f in found:
                if away:
                    outside[f] = path.parent
                elif os.path.islink(f) and not _within(f, path):
                    outside[f] = path
        else:
            trouble.append(kind)
    return files, trouble, outside


def _within(link: Path, folder: Path) -> bool:
    """Whether the file ``link`` leads to lies in ``folder`` (both as the system finds them)."""
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(link)).parents


def _diagnostics(diags, sources: dict[str, str], lang: str) -> str:
    """Diagnostics as `check` shows them, without its summary line (fmt has its own)."""
    from ..diagnostics.render import text

    return text(list(diags), sources, lang, (0, 0, 0)).rsplit("\n", 2)[0] + "\n"


def _summary(changed: int, unchanged: int, failed: int, invalid: int, check_only: bool, lang: str,
             unreadable: int = 0) -> str:
    """Black's summary: the counts that are not zero."""
    would = check_only
    parts = [(changed, "fmt-count-would-reformat" if would else "fmt-count-reformatted"),
             (unchanged, "fmt-count-would-be-unchanged" if would else "fmt-count-unchanged"),
             (invalid, "fmt-count-invalid"), (failed, "fmt-count-would-fail" if would else "fmt-count-failed"),
             (unreadable, "fmt-count-unreadable")]
    shown = [said(key, lang, files=said("fmt-files", lang, n)) for n, key in parts if n]
    return ", ".join(shown) if shown else said("fmt-nothing", lang)


@main.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=PathArg(readable=False))
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Write nothing; print a unified diff of the changes.")
@click.option("--keywords", type=click.Choice(["th", "en"]), help="Write every keyword in Thai or in English.")
@lang_option
def fmt_command(paths: tuple[Path, ...], check_only: bool, show_diff: bool, keywords: str | None, lang: str) -> None:
    """Rewrite rule files in the one canonical layout (files, or every .kpi under a folder).

    Every result is verified before it is written: it parses to the same
    statement tree and rule AST, keeps every comment, and formatting it again
    changes nothing. A file with syntax errors is reported and left alone.

    Exit status: 0 done (or nothing to change), 1 a file has syntax errors or
    (with --check) would change, 2 a file could not be read or verified.
    """
    from ..files import OutputError, refused, write_file
    from ..fmt import format_file

    files, trouble, outside = _files(paths)
    if trouble:
        click.echo(_diagnostics(trouble, {}, lang), err=True, nl=False)
    changed = unchanged = failed = invalid = 0
    unreadable = sum(d.code != "F002" for d in trouble)  # a folder without rule files is no file
    for path in files:
        out = format_file(path, keywords)
        if out.state == "unreadable":
            unreadable += 1
            click.echo(_diagnostics(out.diagnostics, {}, lang), err=True, nl=False)
        elif out.state == "invalid":
            invalid += 1
            click.echo(_diagnostics(out.diagnostics, {out.path: out.source}, lang), err=True, nl=False)
            click.echo(said("fmt-left-alone", lang, path=Path(out.path)), err=True)
        elif out.state == "failed":
            failed += 1
            f = out.failure
            click.echo(said("fmt-check-failed", lang, path=Path(out.path), check=f.check_name().in_lang(lang),
                            detail=f.detail.in_lang(lang)), err=True)
        elif out.state == "unchanged":
            unchanged += 1
        else:
            changed += 1
            if show_diff:
                diff = difflib.unified_diff(out.old.splitlines(keepends=True), out.new_text.splitlines(keepends=True),
                                            f"a/{out.path}", f"b/{out.path}")
                write_stdout("".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                               for line in diff))
            elif check_only:
                click.echo(said("fmt-would-reformat", lang, path=Path(out.path)), err=True)
            elif path in outside:  # a folder walk never follows a link out of the folder named
                changed -= 1
                unreadable += 1
                click.echo(_diagnostics([refused("O016", path, folder=str(outside[path]),
                                                 target=os.path.realpath(path)).diagnostic], {}, lang), err=True, nl=False)
            else:
                # A link within the folder is the folder's: its file is rewritten, the link kept
                # (the writer itself never writes through a link, kpidsl/output_links.py).
                real = Path(os.path.realpath(path)) if os.path.islink(path) else path
                try:
                    write_file(real, out.new, path, as_read=out.read)  # an edit saved meanwhile: O025
                except OutputError as e:  # read-only, unwritable, changed since read: said, the others go on
                    changed -= 1
                    unreadable += 1
                    click.echo(_diagnostics([e.diagnostic], {}, lang), err=True, nl=False)
                    continue
                click.echo(said("fmt-reformatted", lang, path=Path(out.path)), err=True)
    click.echo(_summary(changed, unchanged, failed, invalid, check_only or show_diff, lang, unreadable), err=True)
    if unreadable or failed or trouble:
        sys.exit(EXIT_TROUBLE)
    if invalid or (check_only and changed):
        sys.exit(EXIT_ERRORS)
    sys.exit(EXIT_OK)


@main.command("new-year")
@click.argument("ruleset", type=PathArg(file_okay=False))
@click.argument("year")
@click.option("-o", "--output", "out_dir", required=True, type=PathArg(file_okay=False, output_folder=True),
              help="The folder to write the new rule set to.")
@click.option("--force", is_flag=True, help="Write into an output folder that already holds other files (none is overwritten).")
@lang_option
def new_year_command(ruleset: Path, year: str, out_dir: Path, force: bool, lang: str) -> None:
    """Scaffold next year's rule set from RULESET: the fiscal year and every
    date moved to YEAR (BE), structure and comments kept, and a `review` line
    (check code Y001) beside each figure to confirm, each due date that
    falls on a weekend or holiday, each id renamed with its year and each text
    that names a year. A file named with a year is renamed with it.

    Exit status: 0 written, 1 RULESET has errors, 2 a bad year, a bad or
    non-empty output folder, or I/O trouble.
    """
    from ..files import OutputError, cannot_write, refused
    from ..diagnostics.render import render
    from ..fmt import as_saved
    from ..source import written_too_large
    from ..newyear import NameClash, NewYearError, UnreadRuleSet, read_rule_set, recheck_if_changed, scaffold
    from ..outputs.terminal import shown_on_one_line
    from ..output_folder import write_new_files

    rule_sets = checked_rule_sets([ruleset], lang)  # errors in this year's rules are reported first (exit 1)
    try:
        saved: dict[str, str] = {}
        texts = read_rule_set(ruleset, saved)
        recheck_if_changed(ruleset, texts, {path: text for rs in rule_sets for path, text in rs.texts.items()})
        result = scaffold(texts, year, ruleset)
    except NewYearError as e:
        raise click.UsageError(e.message(lang)) from None
    except NameClash as e:  # told at the file that would move onto the other's name; nothing written
        raise refused("O021", ruleset / e.path, other=str(ruleset / e.other), name=e.name) from None
    except UnreadRuleSet as e:  # a rule file changed since the check (unreadable, or with errors): told as check tells it
        diags = e.diagnostics
        errors = sum(d.severity == "error" for d in diags)
        click.echo(render("text", diags, e.sources, lang, (1, errors, len(diags) - errors)), err=True, nl=False)
        sys.exit(EXIT_TROUBLE if any(d.io for d in diags) else EXIT_ERRORS)
    try:
        holds = out_dir.is_dir() and any(out_dir.iterdir())
    except OSError as e:
        raise cannot_write(out_dir, e) from None
    if holds and not force:
        raise click.UsageError(said("folder-not-empty", lang, path=out_dir))
    # A file no command could read back (review lines made it longer) is told at this year's file.
    # Each file in the form it was saved in (a Windows editor's BOM and CRLF), as fmt keeps it.
    sources = {new: old for old, new in result.renamed_files}
    files = {name: as_saved(text, saved.get(sources.get(name, name), "")) for name, text in sorted(result.files.items())}
    for name, text in files.items():
        too_large = written_too_large(len(text.encode("utf-8")), str(ruleset / sources.get(name, name)),
                                      str(out_dir / name))
        if too_large is not None:
            raise OutputError(too_large)
    # Trouble is a located O-code, exit 2 (kpidsl/cli/common.py); this year's files are never touched.
    write_new_files(out_dir, files, ruleset)
    kinds: dict[str, int] = {}
    for r in result.reviews:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    counts = ", ".join(said(f"review-kind-{k}", lang, n) for k, n in sorted(kinds.items()))
    click.echo(said("new-year-wrote", lang, wrote=said("wrote-files", lang, len(result.files), folder=out_dir),
                    from_year=result.from_year, to_year=result.to_year,
                    moved=said("dates-moved", lang, result.moved_dates),
                    reviews=said("review-lines", lang, len(result.reviews)), counts=counts), err=True)
    if result.renamed:
        names = ", ".join(f"{old} → {new}" for old, new in result.renamed)
        click.echo(said("new-year-ids", lang, len(result.renamed), names=names), err=True)
    if result.renamed_files:  # names read from disk: shown escaped, on one line each
        names = ", ".join(f"{shown_on_one_line(old)} → {shown_on_one_line(new)}" for old, new in result.renamed_files)
        click.echo(said("new-year-files", lang, len(result.renamed_files), names=names), err=True)
    click.echo(said("new-year-next", lang, path=out_dir), err=True)
