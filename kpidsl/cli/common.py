"""What every kpidsl command shares: the command group, exit codes, output
that is UTF-8 whatever the locale, and loading a checked rule set."""


from __future__ import annotations

import difflib
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..bilingual import lang_from_env
from ..version import __version__
from ..diagnostics.cli_texts import said
from ..regular_file import NotRegular, open_results
from . import language

if TYPE_CHECKING:
    from ..plan.model import Source

EXIT_OK, EXIT_ERRORS, EXIT_TROUBLE = 0, 1, 2
DEBUG_ENV = "KPIDSL_DEBUG"


def default_lang() -> str:
    return lang_from_env()


language.install()


class _Guarded(language.Localized, click.Group):
    """A group that turns an unexpected exception into one line and exit 2:
    rule authors should never face a traceback. KPIDSL_DEBUG=1 lets it through.
    It speaks the language the command line asks for (language.py), help and usage
    errors included."""

    command_class = language.LocalizedCommand

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        if args is None:  # a process of its own (a test passes its words and captures the output)
            from ..outputs.whole_writes import install

            install()
        with language.speaking(_lang_in(words)):
            try:
                return super().main(args, *rest, **kwargs)  # None still lets click expand globs on Windows
            except OSError as e:  # before a command runs: `kpidsl --help > file` on a full disk
                if not _standard_output_refused(e):
                    raise
                sys.exit(EXIT_TROUBLE)

    def invoke(self, ctx: click.Context) -> Any:
        from ..left_behind import new_run

        new_run()  # each command looks once into each folder it writes into, for what killed runs left
        try:
            return super().invoke(ctx)
        except click.exceptions.ClickException as e:
            # a usage error quotes what was given (an --agreement pasted from a results file):
            # shown escaped, as any text from outside (kpidsl/outputs/terminal.py)
            from ..outputs.terminal import shown

            e.message = shown(e.message)
            raise  # click reports it itself (exit 2)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise  # ordinary exits: as asked
        except KeyboardInterrupt as e:
            _interrupted(e)
        except BrokenPipeError:
            # `kpidsl check … | head`: the reader left; say nothing more.
            _silence_stdout()
            ctx.exit(EXIT_TROUBLE)
        except Exception as e:
            from ..files import OutputError

            if isinstance(e, OSError) and _standard_output_refused(e):
                ctx.exit(EXIT_TROUBLE)
            if isinstance(e, OutputError):
                # Writing failed or was refused (kpidsl/files.py, kpidsl/output_folder.py): a
                # located O-code, whichever command wrote.
                echo_diagnostics([e.diagnostic], language.current())
                ctx.exit(EXIT_TROUBLE)
            if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
                raise
            what = " ".join(f"{type(e).__name__}: {e}".split())  # one line, whatever the message holds
            click.echo(said("internal-error", language.current(), what=what, debug=DEBUG_ENV), err=True)
            ctx.exit(EXIT_TROUBLE)


# What only a write can meet. An output file's are told at it (kpidsl/files.py cannot_write);
# one that reaches the command line's top came from what click printed itself (help, the
# version) or another word to standard output.
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _standard_output_refused(error: OSError) -> bool:
    """Tell ``error`` as O001 at `-` when it is a write refused for want of room; False for
    any other OSError (the caller lets it be told as it would be)."""
    if isinstance(error, BrokenPipeError) or error.errno not in _FULL:
        return False
    from ..files import STDOUT, cannot_write

    _silence_stdout()
    echo_diagnostics([cannot_write(STDOUT, error).diagnostic], language.current())
    return True


def _interrupted(interrupt: KeyboardInterrupt) -> None:
    """Ctrl-C: click's word for it, then the run ends by SIGINT, as it does by SIGTERM, so a
    shell sees 130 and a script's loop stops too; never exit 1, which says the input has
    errors. (What the run was writing is gone already: kpidsl/score/pending_output.py; what
    the frames it unwound hold is let go of first, as on SIGTERM: a pool's semaphores.)"""
    import signal

    from ..score.pending_output import let_go

    let_go(interrupt)
    click.echo(file=sys.stderr)
    click.echo(language.click_text("Aborted!"), err=True)
    _silence_stdout()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
    sys.exit(128 + signal.SIGINT)  # where a signal cannot end the process


def _lang_in(args: list[str]) -> str:
    """The --lang a command line asks for (the group sees it before the command parses it)."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in ("th", "en"):
            return value
    return default_lang()


def echo_diagnostics(diags: list, lang: str) -> None:
    """Diagnostics on standard error as `check` shows them, without its summary line."""
    from ..diagnostics.render import text

    click.echo(text(diags, {}, lang, (0, 0, 0)).rsplit("\n", 2)[0] + "\n", err=True, nl=False)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def write_stdout(out: str, json: bool = False) -> None:
    """Write UTF-8 whatever the locale says: a Thai report must not fail on a
    cp1252 or ASCII stdout, and machine formats are UTF-8 by definition.

    On a terminal, a control character or bidi override from the input (a person's
    cell, a rule file's title) is shown escaped, as ``ls`` shows an odd file name, so
    the data cannot drive the terminal; ``json`` says ``out`` is a JSON text, whose
    escapes stay JSON's (kpidsl/outputs/terminal.py). A file or a pipe gets the bytes."""
    stream = sys.stdout
    if stream is None:  # `kpidsl … >&-`: no standard output at all
        write_stdout_bytes(b"")
        return
    if stdout_is_terminal():
        from ..outputs.terminal import for_terminal

        out = for_terminal(out, json)
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(out)
    else:
        from ..files import as_utf8

        write_stdout_bytes(as_utf8(out))


def write_stdout_bytes(data: bytes) -> None:
    """Bytes to standard output, all of them. A write the system refuses (a full disk under
    `> scores.csv`) is O001 at `-`, as for any output file, not an internal error; what could
    not be written is dropped, so that the interpreter's last flush does not fail again."""
    from ..files import STDOUT, cannot_write

    try:
        if sys.stdout is None:  # `kpidsl … >&-`: closed before the run
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        sys.stdout.flush()
        rest = memoryview(data)
        while rest:
            # a short count is all a refused write may give (a disk that fills part-way through
            # it): what is left is written again, and the refusal comes then
            taken = sys.stdout.buffer.write(rest)
            if not taken:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            rest = rest[taken:]
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise  # the reader left: the command group says nothing more
    except OSError as e:
        _silence_stdout()
        raise cannot_write(STDOUT, e) from None


def write_stdout_book(book) -> None:
    """A workbook to standard output: its bytes (made in memory, the cache off), or a
    SpooledBook (kpidsl/xlsx/sheet_storage.py) copied out of kpidsl's cache a chunk at a time,
    then removed with its folder, written or not."""
    if isinstance(book, bytes):
        if book:
            write_stdout_bytes(book)
        return
    try:
        for chunk in book.chunks():
            write_stdout_bytes(chunk)
    finally:
        book.remove()


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed, or replaced by an object without one
        return False


def json_to_stdout(out: str) -> None:
    """:func:`write_stdout` for a JSON text."""
    write_stdout(out, json=True)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click's own version_option words its message once, when the option is made: this one
    # says it in the language of the run (KPIDSL_LANG: the group takes no --lang).
    if value and not ctx.resilient_parsing:
        click.echo(said("version", language.current(), version=__version__))
        ctx.exit()


def _group_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    # `kpidsl --lang en score …` as `kpidsl score --lang en …`: the language becomes every
    # command's default (a command's own --lang still wins); _Guarded.main already speaks it.
    if value is not None:
        ctx.default_map = {**(ctx.default_map or {}),
                           **{name: {"lang": value} for name in ctx.command.commands}}


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
@click.option("--lang", type=click.Choice(["th", "en"]), expose_value=False, is_eager=True, callback=_group_lang,
              help="Language of messages for the command that follows (as its own --lang; KPIDSL_LANG sets "
                   "the default).")
def main() -> None:
    """kpidsl — performance-evaluation rules as plain-text .kpi files."""


def checked_rule_sets(paths: list[Path], lang: str):
    """Check rule sets; on errors print them and exit 1 (2 for I/O trouble)."""
    from ..check import check_paths
    from ..diagnostics.render import render

    result = check_paths(paths)
    sources = {path: text for rs in result.rule_sets for path, text in rs.texts.items()}
    if result.errors or result.io_trouble:
        click.echo(render("text", result.diagnostics, sources, lang,
                          (result.files, result.errors, result.warnings)), err=True, nl=False)
        sys.exit(EXIT_TROUBLE if result.io_trouble else EXIT_ERRORS)
    return result.rule_sets


def load_plan(ruleset: Path, lang: str) -> tuple[dict, object]:
    """Check one rule set and compile it into its plan."""
    from ..plan import compile_plan
    from ..plan.read import plan_of

    rule_sets = checked_rule_sets([ruleset], lang)
    if len(rule_sets) != 1:
        names = ", ".join(rs.name for rs in rule_sets)
        raise click.UsageError(said("rule-sets-in-folder", lang, len(rule_sets), path=ruleset, names=names))
    rs = rule_sets[0]
    plan = compile_plan(rs, Path(rs.name))
    reviews = plan_of(plan).reviews  # read typed once, kept for the command's own reading
    if reviews:  # figures not yet confirmed (Y001): whatever is made of it is a draft
        click.echo(said("draft-rule-set", lang, len(reviews), path=ruleset), err=True)
    return plan, rs


class LangOption(click.Option):
    """`--lang`: its default shown as the others are, `[default: th]`, and as KPIDSL_LANG
    makes it (click would show a callable default as `(dynamic)`, a show_default text as `(th)`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", default_lang)
        kwargs.setdefault("show_default", True)
        super().__init__(*args, **kwargs)

    def get_help_extra(self, ctx: click.Context):
        extra = super().get_help_extra(ctx)
        extra["default"] = ctx.lookup_default(self.name) or default_lang()  # `kpidsl --lang en CMD --help`
        return extra


lang_option = click.option("--lang", cls=LangOption, type=click.Choice(["th", "en"]),
                           help="Language of messages (KPIDSL_LANG sets the default).")


def source_location(source: "Source | None", root: str) -> str:
    """`root/path:line` of a plan value's source (kpidsl.plan.model.Source), or nothing
    when it has none."""
    if not source:
        return ""
    return f"{root}/{source}"


def unknown_choice(what: str, given: str, choices: list[str], hint: str) -> click.BadParameter:
    """A usage error for a name that is not one of `choices`, naming the closest one;
    `what` is a word of cli_texts.SAID ("agreement", "form")."""
    lang = language.current()
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.5)
    msg = said("unknown-choice", lang, what=said(what, lang, 1), whats=said(what, lang, 2), given=given,
               close=said("did-you-mean", lang, close=close[0]) if close else "",
               choices=", ".join(choices) if choices else said("none", lang))
    return click.BadParameter(msg, param_hint=hint)


def as_round(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--round as a round cell of a results file is read: Thai digits as Arabic, blanks at the
    ends left out (`--round ๑` is round 1, as a cell ๑ is), None when nothing is left."""
    from ..thai import to_arabic

    return to_arabic(value.strip()) or None if value is not None else None


def format_named(output: Path | None, output_format: str, formats: tuple[str, ...], lang: str) -> str:
    """The one rule for an output file's name and --format, shared by score and render: one file
    named NAME.csv (any of `formats`, case aside) is written in that format when --format is not
    given, and a --format its name contradicts is a usage error (format-not-name), never a file whose
    name says one thing and holds another. Standard output, a folder or another suffix: --format."""
    from ..files import is_stdout

    if output is None or is_stdout(output) or output.is_dir():
        return output_format
    named = output.suffix.lower()[1:]
    if named not in formats or named == output_format:
        return output_format
    if click.get_current_context().get_parameter_source("output_format") is not click.core.ParameterSource.DEFAULT:
        raise click.BadParameter(said("format-not-name", lang, suffix=output.suffix, format=output_format,
                                      stem=output.stem), param_hint="-o")
    return named


def say_trouble(code: str, lang: str) -> None:
    """One line for a trouble with the command (not with the input), and exit 2."""
    from ..diagnostics.registry import CODES

    diag = CODES[code].at(None)
    hint = diag.hint(lang)
    click.echo(f"kpidsl: {diag.code}: {diag.message(lang)}" + (f" ({hint})" if hint else ""), err=True)
    sys.exit(EXIT_TROUBLE)


def require_results(path: Path, lang: str, *, read: bool = False) -> None:
    """A results file or folder that exists and holds results, each a regular file that opens
    (F001, Q008: exit 2); with
    ``read``, each CSV or JSON file decodes as text (F003, F005 …: exit 1) and workbooks
    have the extra `xlsx` to read them (J001: exit 2). `score` reads the files itself;
    `diff --rescore` and `render --results` would otherwise meet an unreadable file row by
    row and say less. A workbook's own problems are told by its reader, at their cells
    (kpidsl/xlsx/results.py), as `score` tells them."""
    from ..diagnostics.phrases import phrase
    from ..diagnostics.registry import CODES
    from ..diagnostics.render import render
    from ..diagnostics.span import Span
    from ..score.results import WORKBOOK_SUFFIXES, results_files, results_folder
    from ..source import classify, display_path, reason, text_errors

    def stop(diags: list, status: int, files: int = 0) -> None:
        click.echo(render("text", diags, {}, lang, (files, len(diags), 0)), err=True, nl=False)
        sys.exit(status)

    found = classify(path)  # located as a rule file's path is: missing (F001), a link to nowhere (F009)
    if not isinstance(found, str):
        stop([found], EXIT_TROUBLE)
    files = results_files(path)
    if not files:
        shown = display_path(path)
        stop([CODES["Q008"].at(Span.whole_file(shown), reason=phrase("no-results-files", folder=shown),
                               hint="", hint_th="")], EXIT_TROUBLE)
    workbooks = [f for f in files if f.suffix.lower() in WORKBOOK_SUFFIXES]
    if read and workbooks:
        from ..xlsx import available

        if not available():
            say_trouble("J001", lang)
    folder = results_folder(path)
    # Every file is looked at before a word is said: an officer with three links out of a
    # shared folder mends them in one go, not one a run.
    trouble, errors = [], []
    for f in files:  # each opened (a FIFO not waited on): one that cannot be is I/O trouble, for every command
        try:
            # a folder's entry beneath it: a link out of it is told (LinkOut), as each reader tells it
            with open_results(f, folder) as opened:  # a block at a time: memory flat however big the file
                errors += text_errors(opened, display_path(f)) if read and f not in workbooks else []
        except (NotRegular, OSError) as e:  # a device, a FIFO, a link out: told what it is, never read (nor waited on)
            trouble.append(CODES["Q008"].at(Span.whole_file(display_path(f)), reason=reason(e), hint="", hint_th=""))
    if trouble or errors:
        stop([*trouble, *errors], EXIT_TROUBLE if trouble else EXIT_ERRORS, len(files))


# The names these helpers had before they were made public. Branches written against
# them keep importing while they are merged; tests/test_cli_names.py fails on each such
# import, naming the public name to use instead.
_FORMER_NAMES = {"_LANG": "lang_option", "_load_plan": "load_plan", "_checked": "checked_rule_sets",
                 "_results_checked": "require_results", "_default_lang": "default_lang",
                 "_where": "source_location", "_write": "write_stdout"}


def __getattr__(name: str) -> Any:
    if name in _FORMER_NAMES:
        return globals()[_FORMER_NAMES[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SHOWN_SOURCE_BYTES = 64 * 1024 * 1024


def quoted_text(path: Path, folder: Path | None = None) -> str | None:
    """A results file's text, to quote its lines under its messages; None when it cannot be
    (not a regular file, past SHOWN_SOURCE_BYTES, not UTF-8; an entry of the results
    ``folder`` named that is, or has become, a link out of it: open_results)."""
    beneath = folder if folder is not None and os.path.abspath(path.parent) == os.path.abspath(folder) else None
    try:
        with open_results(path, beneath) as f:
            data = f.read(SHOWN_SOURCE_BYTES + 1)
        if len(data) > SHOWN_SOURCE_BYTES:
            return None
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, NotRegular, UnicodeDecodeError):
        return None


def tell_warnings(diagnostics: list, files: int, warnings: int, lang: str) -> None:
    """Warnings about an output written (a workbook's cells cut, J011): each at its place,
    then the summary, which counts ``warnings``, every one, shown or not. The run goes on."""
    from ..diagnostics.render import text

    click.echo(text(diagnostics, {}, lang, (files, 0, warnings)), err=True, nl=False)


def tell_hidden(results: Path, lang: str) -> None:
    """The hidden sheets, rows and columns of the workbooks among ``results`` that are scored
    all the same (J012-J014, kpidsl/xlsx/hidden.py), told on standard error before the scoring;
    the run goes on (an officer may have hidden a row to drop a person: it is scored)."""
    from ..score.results import WORKBOOK_SUFFIXES, results_files, results_folder
    from ..xlsx import available

    files = results_files(results)
    workbooks = [f for f in files if f.suffix.lower() in WORKBOOK_SUFFIXES]
    if not workbooks or not available():
        return
    from ..xlsx.hidden import hidden_parts

    folder = results_folder(results)
    told: list = []
    count = 0
    for f in workbooks:
        found, n = hidden_parts(f, folder)
        told += found
        count += n
    if told:
        tell_warnings(told, len(files), count, lang)


def files_read(results: Path) -> int:
    """The files of a results file or folder (results_files: a folder's entries), as the summary
    under their problems counts them read, in `score`, `render --results` and `diff --rescore` alike."""
    from ..score.results import results_files

    return len(results_files(results))


def tell_problems(diagnostics: list, files: int, problems: int, lang: str, status: int = EXIT_ERRORS,
                  folder: Path | None = None) -> None:
    """The problems of a batch under their rows, the summary; exit ``status`` (1: the input
    has errors; 2 for trouble with a file rather than its content, a results file that
    changed while it was scored). ``folder``: the results folder named, whose entries'
    lines are quoted only from beneath it (quoted_text)."""
    from ..diagnostics.render import render

    sources = {}
    for d in diagnostics:  # show the offending cells under each message
        # a Parquet file's rows are told by number (kpidsl/sql/run.py _row_span): no text to quote
        if d.span and d.span.path not in sources and not d.span.path.lower().endswith(".parquet"):
            # A results file read line by line may be far bigger than memory should hold:
            # past SHOWN_SOURCE_BYTES its messages come without the lines quoted.
            text = quoted_text(Path(d.span.path), folder)
            if text is not None:
                sources[d.span.path] = text
    # the summary counts every problem; it says how many of them are shown
    click.echo(render("text", diagnostics, sources, lang, (files, problems, 0)), err=True, nl=False)
    sys.exit(status)
