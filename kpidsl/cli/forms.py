"""The form commands: render and build (issue D). Where their files go, and what they
refuse to touch, is kpidsl/output_folder.py."""

from __future__ import annotations

import sys
from itertools import chain, islice
from pathlib import Path

import click

from ..diagnostics.cli_texts import said
from ..diagnostics.phrases import phrase
from ..outputs.terminal import shown_on_one_line
from .common import (
    EXIT_ERRORS,
    EXIT_TROUBLE,
    echo_diagnostics,
    format_named,
    files_read,
    lang_option,
    load_plan,
    main,
    quoted_text,
    require_results,
    tell_hidden,
    tell_problems,
    say_trouble,
    stdout_is_terminal,
    unknown_choice,
    write_stdout,
    write_stdout_bytes,
)
from .paths import PathArg

# How many forms O010 counts before it says "more than": each is rendered to be counted
# (a person's forms are scored and filled), and 20,000 people took 200 s only to be refused.
O010_COUNTED = 100

_FORMAT = click.option("--format", "output_format", type=click.Choice(["html", "md"]), default="html", show_default=True,
                       help="HTML (print-ready, self-contained) or GitHub-flavoured Markdown.")
_SOURCES = click.option("--sources", is_flag=True,
                        help="Print where each figure comes from (rule file and line, seed and slide) in small "
                             "notes for a reviewer; the forms staff sign leave them out.")
_PDF = click.option("--pdf", is_flag=True,
                    help="Write each form as PDF too (A4, Sarabun embedded, หน้า x/y); needs the optional "
                         "extra `pdf`: pip install 'kpidsl[pdf]'.")
_DIGITS = click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic", show_default=True,
                       help="Digits of figures and dates: 0-9 or ๐-๙.")


def _no_pdf(lang: str) -> None:
    """One line saying what to install, after the other files were written; exit 2."""
    from ..diagnostics.registry import CODES

    diag = CODES["O013"].at(None)
    click.echo(f"kpidsl: {diag.code}: {diag.message_th if lang == 'th' else diag.message_en}", err=True)
    sys.exit(EXIT_TROUBLE)


def _results_trouble(err, lang: str, results: Path | None) -> None:
    """A results file with mistakes: its located diagnostics, exit 1 (as `kpidsl score`), 2
    when one is trouble with a file rather than what it says (kpidsl/results_unreadable.py:
    an entry made a link out of its folder during the run); the lines quoted of a folder's entries only from
    beneath it (quoted_text)."""
    from ..diagnostics.render import render
    from ..results_unreadable import stopped_reading
    from ..score.results import results_folder

    sources = {}
    folder = None if results is None else results_folder(results)
    for d in err.diagnostics:
        if d.span and d.span.path not in sources:
            text = quoted_text(Path(d.span.path), folder)  # a regular file's, never /dev/zero's
            if text is not None:
                sources[d.span.path] = text
    files = 1 if results is None else files_read(results)  # a folder's entries, as `score` counts them
    click.echo(render("text", err.diagnostics, sources, lang, (files, err.problems, 0)), err=True, nl=False)
    sys.exit(EXIT_TROUBLE if any(map(stopped_reading, err.diagnostics)) else EXIT_ERRORS)


@main.command("render")
@click.argument("ruleset", type=PathArg())
@click.option("--agreement", "agreement_id", help="Only the forms of this agreement.")
@click.option("--form", "form_name", help="Only this form (e.g. agreement, overview, calendar).")
@_FORMAT
@click.option("-o", "--output", "outdir", type=PathArg(allow_dash=True), default=Path("forms"),
              show_default=True, help="Folder to write the forms into; a name ending in .html or .md (or - for "
                                      "standard output) when exactly one form is rendered.")
@_DIGITS
@click.option("--results", "results_path", type=PathArg(),
              help="Fill the forms that take results from this results file or folder (as `kpidsl score`).")
@click.option("--person", help="With --results: only this person's filled forms (as the results' person column "
                               "writes them).")
@_SOURCES
@_PDF
@lang_option
def render_command(ruleset: Path, agreement_id: str | None, form_name: str | None, output_format: str, outdir: Path,
                   digits: str, results_path: Path | None, person: str | None, sources: bool, pdf: bool,
                   lang: str) -> None:
    """Render forms of a rule set (agreement, indicator details, calendar …) as HTML or Markdown,
    and as PDF with --pdf (or a single output named NAME.pdf)."""
    from ..files import is_stdout, not_an_input
    from ..forms import forms
    from ..forms.pdf import available
    from ..plan.read import plan_of
    from ..run_folders import FORMS_FILLS
    from ..sorted_spill import SpillFolder

    named = None if is_stdout(outdir) or outdir.is_dir() else outdir.suffix.lower()
    not_an_input(outdir, results_path)
    if pdf and named in (".html", ".md"):
        raise click.BadParameter(said("pdf-names-one-file", lang, suffix=outdir.suffix, stem=outdir.stem),
                                 param_hint="-o")
    output_format = format_named(outdir, output_format, ("html", "md"), lang)
    pdf = pdf or named == ".pdf"
    printable = pdf and available()
    if pdf and is_stdout(outdir) and stdout_is_terminal():
        say_trouble("O019", lang)  # a PDF's bytes would only garble the terminal (J010 for a workbook)

    plan, rs = load_plan(ruleset, lang)
    agreements = list(plan_of(plan).agreements_by_id)
    if agreement_id is not None and agreement_id not in agreements:
        raise unknown_choice("agreement", agreement_id, agreements, "--agreement")
    names = [f.name for f in forms()]
    if form_name is not None and form_name not in names:
        raise unknown_choice("form", form_name, names, "--form")
    if person is not None and results_path is None:
        raise click.BadParameter(said("person-needs-results", lang), param_hint="--person")
    if results_path is not None:
        require_results(results_path, lang, read=True)
        tell_hidden(results_path, lang)
    one_file = is_stdout(outdir) or named in (".html", ".md", ".pdf")
    # The rows of --results wait, sorted by agreement, in a folder beside the output or in
    # kpidsl's cache folder, and so do the names written, removed whatever happens
    # (kpidsl/sorted_spill.py): memory flat in the rows.
    with SpillFolder.for_output(None if is_stdout(outdir) else outdir, FORMS_FILLS) if results_path is not None \
            else SpillFolder(None) as spill:
        _render(outdir, plan, rs, ruleset, results_path, agreement_id, form_name, output_format, digits, sources,
                pdf, printable, one_file, spill, lang, person)


def _render(outdir: Path, plan: dict, rs, ruleset: Path, results_path: Path | None, agreement_id: str | None,
            form_name: str | None, output_format: str, digits: str, sources: bool, pdf: bool, printable: bool,
            one_file: bool, spill, lang: str, person: str | None = None) -> None:
    from ..files import refused
    from ..forms import FormsError, render_outputs, rendered_as
    from ..forms.fills import ReadOnce, ResultsError, require_rows_for
    from ..forms.pdf import pdf_bytes, pdf_name
    from ..output_folder import write_render

    # Each form is written as it is made, never all held (20,000 people's forms once took
    # 6.4 GB): a results file's mistakes may show only at the first form it fills, so they
    # are caught around the writing too, which then leaves nothing (output_folder.write_render).
    # read here, not in render_outputs, to say after the forms what --person left untold (Q062)
    results = None if results_path is None else ReadOnce(plan, results_path, agreement_id, spill, person, rs.name)
    try:
        if results_path is not None and agreement_id is not None:
            require_rows_for(plan, results_path, agreement_id, person, rs.name)
        outputs = render_outputs(plan, output_format=output_format, digits=digits, agreement=agreement_id,
                                 form=form_name, results=results, root=rs.name, sources=sources, spill=spill,
                                 distinct=one_file, person=person)  # write_render refuses two of one path by what it staged
        first = list(islice(outputs, 2))  # enough to tell none, one, or more than one
        if not first:
            what = said("form-named", lang, form=form_name) if form_name else said("forms-of", lang)
            whose = said("for-agreement", lang, agreement=agreement_id) if agreement_id else ""
            click.echo(f"kpidsl: {said('nothing-to-render', lang, rule_set=rs.name, what=what, whose=whose)}",
                       err=True)
            sys.exit(EXIT_TROUBLE)
        if one_file:
            if len(first) != 1:  # counted, not kept; and not past O010_COUNTED (each is rendered)
                n = len(first) + sum(1 for _ in islice(outputs, O010_COUNTED + 1 - len(first)))
                count = (phrase("files-n", n=n) if n <= O010_COUNTED else
                         phrase("files-more-than", n=O010_COUNTED))
                raise refused("O010", outdir, count=count)
            _one_file(outdir, first[0], output_format, pdf, printable, lang)
            _others_told(results, lang, results_path)
            return
        count = [0]

        def files():
            for o in chain(first, outputs):
                count[0] += 1
                yield o.path, o.text
                if printable:  # printed from the HTML page, whatever --format the other files take
                    count[0] += 1
                    yield pdf_name(o.path), pdf_bytes(o.text if output_format == "html" else rendered_as(o, "html"))

        written = write_render(outdir, files(), ruleset, spill)
    except ResultsError as e:
        _results_trouble(e, lang, results_path)
    except FormsError as e:  # pragma: no cover - the checks above name every choice first
        raise click.UsageError(e.text(lang))
    for path in written:
        click.echo(shown_on_one_line(str(path)))
    click.echo(said("wrote-files", lang, count[0], folder=outdir), err=True)
    if pdf and not printable:
        _no_pdf(lang)
    _others_told(results, lang, results_path)


def _others_told(results, lang: str, results_path: Path | None) -> None:
    """`--person`, the person's forms written: other people's rows with mistakes said in one
    line (Q062), counted in the summary, exit 1, as `kpidsl score --person` says them."""
    others = None if results is None else results.others
    if others is not None:
        from ..score.results import results_folder

        tell_problems([others], files_read(results_path), results.others_errors, lang,
                      folder=results_folder(results_path))


def _one_file(outdir: Path, output, output_format: str, pdf: bool, printable: bool, lang: str) -> None:
    """Exactly the file named: its suffix (or --pdf for standard output) says which."""
    from ..files import is_stdout, output_file, write_file
    from ..forms import rendered_as
    from ..forms.pdf import pdf_bytes

    if pdf and not printable:
        _no_pdf(lang)
    if pdf:
        text = pdf_bytes(output.text if output_format == "html" else rendered_as(output, "html"))
    else:
        text = output.text
    if is_stdout(outdir):
        if pdf:
            write_stdout_bytes(text)
        else:
            write_stdout(text)
    else:
        write_file(output_file(outdir), text)
        click.echo(said("wrote-file", lang, path=outdir), err=True)


@main.command("build")
@click.argument("ruleset", type=PathArg())
@click.option("-o", "--output", "outdir", type=PathArg(file_okay=False, output_folder=True), required=True,
              help="Folder of the build: plan.json, every form, index.html (made beside it and swapped in "
                   "whole; files kpidsl did not write there are kept).")
@_DIGITS
@_SOURCES
@_PDF
@lang_option
def build_command(ruleset: Path, outdir: Path, digits: str, sources: bool, pdf: bool, lang: str) -> None:
    """Check a rule set, then write its plan, every form of every agreement in HTML and
    Markdown (filled from the rule set's examples where it has them), with --pdf as PDF
    too, and an index page."""
    from ..forms.build import build_files
    from ..forms.pdf import available
    from ..output_folder import write_build
    from ..plan import dumps

    plan, rs = load_plan(ruleset, lang)  # errors: diagnostics, exit 1, nothing written
    printable = pdf and available()
    files = build_files(plan, dumps(plan), digits=digits, root=rs.name, sources=sources, pdf=printable)
    done = write_build(outdir, files, ruleset)
    for path in done.written:
        click.echo(shown_on_one_line(str(path)))
    if done.warnings:
        echo_diagnostics(list(done.warnings), lang)
    gone = f"; {said('removed-files', lang, done.removed)}" if done.removed else ""
    index = said("open-index", lang, path=outdir / "index.html")
    click.echo(f"{said('wrote-files', lang, len(files), folder=outdir)}{gone}; {index}", err=True)
    if pdf and not printable:
        _no_pdf(lang)
