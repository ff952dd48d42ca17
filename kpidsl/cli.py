"""The kpidsl command line.

Exit codes, as ruff's: 0 nothing wrong (warnings allowed), 1 the input has
errors, 2 usage or I/O trouble (a missing path, a folder without rule files).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_ERRORS, EXIT_TROUBLE = 0, 1, 2


def _default_lang() -> str:
    lang = os.environ.get("KPIDSL_LANG", "")
    return lang if lang in ("th", "en") else "th"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpidsl")
def main() -> None:
    """kpidsl — performance-evaluation rules as plain-text .kpi files."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["th", "en"]), default=_default_lang, show_default="th",
              help="Language of messages (KPIDSL_LANG sets the default).")
def check(paths: tuple[Path, ...], fmt: str, lang: str) -> None:
    """Check rule files or rule-set folders and report every problem found."""
    from .check import check_paths
    from .diagnostics.render import render

    result = check_paths(list(paths))
    sources = {path: text for rs in result.rule_sets for path, text in rs.texts.items()}
    summary = (result.files, result.errors, result.warnings)
    out = render(fmt, result.diagnostics, sources, lang, summary)
    stream = sys.stdout
    stream.write(out)
    stream.flush()
    if result.io_trouble:
        sys.exit(EXIT_TROUBLE)
    sys.exit(EXIT_ERRORS if result.errors else EXIT_OK)
