"""`kpidsl lsp`: the language server over standard input and output."""

from __future__ import annotations

import os
import sys

import click

from .common import EXIT_TROUBLE, LangOption, main


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only channel).")
@click.option("--lang", cls=LangOption, type=click.Choice(["th", "en"]),
              help="Language of messages until the editor's `kpidsl.lang` setting says otherwise.")
def lsp_command(stdio: bool, lang: str) -> None:
    """Run the language server for editors (VS Code: editors/vscode).

    Needs the `lsp` extra: pip install 'kpidsl[lsp]'. Exit status: 0 when the
    editor shuts it down, 2 when the extra is not installed.
    """
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        from ..diagnostics.registry import CODES

        d = CODES["E001"].at(None)
        click.echo(f"kpidsl lsp: {d.message(lang)}; {d.hint(lang)}", err=True)
        sys.exit(EXIT_TROUBLE)
    # the flag, else KPIDSL_LANG, else Thai (LangOption): what the server starts in, until the
    # editor's `kpidsl.lang` says otherwise (a setdefault let KPIDSL_LANG win over the flag)
    os.environ["KPIDSL_LANG"] = lang
    from ..lsp.server import run

    run()
