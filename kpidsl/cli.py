"""The kpidsl command line.

Exit codes, as ruff's: 0 nothing wrong (warnings allowed), 1 the input has
errors, 2 usage or I/O trouble (a bad option, a missing path, a folder without
rule files, an unreadable file) or an internal error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__

EXIT_OK, EXIT_ERRORS, EXIT_TROUBLE = 0, 1, 2
DEBUG_ENV = "KPIDSL_DEBUG"
REPORT_TO = "please report it to the kpidsl maintainers with the command and the rule files"


def _default_lang() -> str:
    lang = os.environ.get("KPIDSL_LANG", "")
    return lang if lang in ("th", "en") else "th"


class _Guarded(click.Group):
    """A group that turns an unexpected exception into one line and exit 2:
    rule authors should never face a traceback. KPIDSL_DEBUG=1 lets it through."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # usage errors and ordinary exits: click reports them itself (exit 2 / as asked)
        except BrokenPipeError:
            # `kpidsl check … | head`: the reader left; say nothing more.
            _silence_stdout()
            ctx.exit(EXIT_TROUBLE)
        except Exception as e:
            if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
                raise
            what = " ".join(f"{type(e).__name__}: {e}".split())  # one line, whatever the message holds
            click.echo(f"kpidsl: internal error: {what}; {REPORT_TO} "
                       f"(set {DEBUG_ENV}=1 to see the traceback)", err=True)
            ctx.exit(EXIT_TROUBLE)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _write(out: str) -> None:
    """Write UTF-8 whatever the locale says: a Thai report must not fail on a
    cp1252 or ASCII stdout, and machine formats are UTF-8 by definition."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(out)
    else:
        stream.flush()
        buffer.write(out.encode("utf-8"))
        buffer.flush()


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpidsl")
def main() -> None:
    """kpidsl — performance-evaluation rules as plain-text .kpi files."""


@main.command()
# No exists/readable checks here: the checker reports such paths as diagnostics
# (F001, F009), so that every output format carries them and the exit code is 2.
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["th", "en"]), default=_default_lang, show_default="th",
              help="Language of messages (KPIDSL_LANG sets the default).")
def check(paths: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Check rule files or rule-set folders and report every problem found.

    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or I/O trouble.
    """
    from .check import check_paths
    from .diagnostics.render import render

    result = check_paths(list(paths))
    sources = {path: text for rs in result.rule_sets for path, text in rs.texts.items()}
    summary = (result.files, result.errors, result.warnings)
    _write(render(fmt, result.diagnostics, sources, lang, summary))
    if result.io_trouble:
        sys.exit(EXIT_TROUBLE)
    sys.exit(EXIT_ERRORS if result.errors else EXIT_OK)




def _checked(paths: list[Path], lang: str):
    """Check rule sets; on errors print them and exit 1 (2 for I/O trouble)."""
    from .check import check_paths
    from .diagnostics.render import render

    result = check_paths(paths)
    sources = {path: text for rs in result.rule_sets for path, text in rs.texts.items()}
    if result.errors or result.io_trouble:
        click.echo(render("text", result.diagnostics, sources, lang,
                          (result.files, result.errors, result.warnings)), err=True, nl=False)
        sys.exit(EXIT_TROUBLE if result.io_trouble else EXIT_ERRORS)
    return result.rule_sets


def _load_plan(ruleset: Path, lang: str) -> tuple[dict, object]:
    """Check one rule set and compile it into its plan."""
    from .plan import compile_plan

    rule_sets = _checked([ruleset], lang)
    if len(rule_sets) != 1:
        names = ", ".join(rs.name for rs in rule_sets)
        raise click.UsageError(f"{ruleset} holds {len(rule_sets)} rule sets ({names}); name one of them")
    rs = rule_sets[0]
    return compile_plan(rs, Path(rs.name)), rs


_LANG = click.option("--lang", type=click.Choice(["th", "en"]), default=_default_lang, show_default="th",
                     help="Language of messages (KPIDSL_LANG sets the default).")


@main.command("compile")
@click.argument("ruleset", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the plan here.")
@_LANG
def compile_command(ruleset: Path, output: Path | None, lang: str) -> None:
    """Check a rule set and compile it into a JSON scoring plan."""
    from .files import write_atomic
    from .plan import dumps

    plan, _ = _load_plan(ruleset, lang)
    text = dumps(plan)
    if output is None:
        _write(text)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


@main.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_LANG
def test_command(paths: tuple[Path, ...], lang: str) -> None:
    """Run the examples of rule sets and check every ladder and band table."""
    from .plan import compile_plan
    from .score import properties
    from .score.examples import run_example

    passed = failed = 0
    out: list[str] = []
    for rs in _checked(list(paths), lang):
        plan = compile_plan(rs, Path(rs.name))
        root = rs.name
        for example in plan["examples"]:
            res = run_example(plan, example)
            where = _where(example.get("source"), root)
            if res.passed:
                passed += 1
                out.append(f"PASS {example['id']}  ({len(res.checks)} figures)  {where}")
                continue
            failed += 1
            out.append(f"FAIL {example['id']}  {where}")
            if res.error:
                out.append(f"     {res.error}")
            for c in res.checks:
                if not c.passed:
                    out.append(f"     {c.what}: expected {c.expected}, got {c.got}  {_where(c.source, root)}")
                    if c.explanation:
                        out.append(f"         {c.explanation}")
        checked = properties.run(plan)
        for prop in checked:
            if prop.passed:
                passed += 1
                continue
            failed += 1
            out.append(f"FAIL {prop.what}  {_where(prop.source, root)}")
            out.extend(f"     {f}" for f in prop.failures)
        good = sum(1 for p in checked if p.passed)
        out.append(f"{root}: ladders and bands {good} of {len(checked)} scored as declared")
    out.append(f"{passed} passed, {failed} failed")
    _write("\n".join(out) + "\n")
    sys.exit(EXIT_ERRORS if failed else EXIT_OK)


def _where(source: dict | None, root: str) -> str:
    if not source:
        return ""
    return f"{root}/{source['path']}:{source['line']}"


@main.command("score")
@click.argument("ruleset", type=click.Path(path_type=Path))
@click.option("--agreement", "agreement_id", help="The agreement the results are for (else a column of the file).")
@click.option("--results", "results_path", required=True, type=click.Path(path_type=Path),
              help="Results: a CSV or JSON file, or a folder of them.")
@click.option("--round", "round_id", help="The round the results are for.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show, for every number, the rule, the rule file line and the seed.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here (atomically) instead of to standard output.")
@_LANG
def score_command(ruleset: Path, agreement_id: str | None, results_path: Path, round_id: str | None, fmt: str,
                  explain: bool, output: Path | None, lang: str) -> None:
    """Score results against a rule set: indicator scores, subtotals, total, band and raise."""
    from .diagnostics.registry import CODES
    from .diagnostics.render import render
    from .score.batch import score_records

    plan, rs = _load_plan(ruleset, lang)
    if agreement_id and agreement_id not in {a["id"] for a in plan["agreements"]}:
        known = ", ".join(a["id"] for a in plan["agreements"])
        raise click.BadParameter(f"no agreement `{agreement_id}` in {rs.name} (agreements: {known})",
                                 param_hint="--agreement")
    if not results_path.exists():
        diag = CODES["F001"].at(None, path=str(results_path))
        click.echo(render("text", [diag], {}, lang, (0, 1, 0)), err=True, nl=False)
        sys.exit(EXIT_TROUBLE)
    outcome = score_records(plan, rs.name, results_path, agreement_id, round_id, fmt, explain, lang, output)
    if outcome.diagnostics:
        sources = {}
        for d in outcome.diagnostics:  # show the offending cells under each message
            if d.span and d.span.path not in sources:
                try:
                    sources[d.span.path] = Path(d.span.path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
                except (OSError, UnicodeDecodeError):
                    pass
        click.echo(render("text", outcome.diagnostics, sources, lang, (outcome.files, len(outcome.diagnostics), 0)),
                   err=True, nl=False)
        sys.exit(EXIT_ERRORS)
    if output is None:
        _write(outcome.text)
    else:
        click.echo(f"wrote {output} ({outcome.count} scored)", err=True)
