"""The language the command line speaks in one run: click's own words and the help of
every command in Thai or English, from kpidsl/diagnostics/cli_texts.py.

The command group (common.py) picks the language before click parses anything — from
the command line's `--lang`, else KPIDSL_LANG, else Thai — so that `--help`, usage
lines and usage errors follow it as the diagnostics do. Click asks gettext for each of
its own messages; `install` points those look-ups at cli_texts' catalogue.
"""

from __future__ import annotations

import contextlib
import gettext
import inspect
from contextvars import ContextVar
from typing import Iterator

import click
import click.core
import click.exceptions
import click.formatting
import click.parser
import click.types

from ..diagnostics.cli_texts import CLICK_TH, HELP_TH, METAVARS_TH
from . import help_wrap

_current: ContextVar[str] = ContextVar("kpidsl_cli_lang", default="en")

# The click modules whose messages are shown at run time. click.decorators is left out:
# it words the --help and --version options once, when they are made, and their help is
# translated as they are shown (`help_text`).
_CLICK_MODULES = (click.core, click.exceptions, click.formatting, click.parser, click.types)


def current() -> str:
    """The language of the run under way ("th" or "en")."""
    return _current.get()


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _gettext(message: str) -> str:
    return CLICK_TH.get(message, message) if _current.get() == "th" else message


def click_text(message: str) -> str:
    """One of click's message ids in the language of the run."""
    return _gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Have click's messages follow `current()`; click modules that no longer take
    their words from gettext this way are left as they are."""
    for module in _CLICK_MODULES:
        if getattr(module, "_", None) is gettext.gettext:
            module._ = _gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = _ngettext  # type: ignore[attr-defined]


def help_text(text: str | None) -> str | None:
    """A command's or option's help in the language of the run."""
    if not text or _current.get() != "th":
        return text
    clean = inspect.cleandoc(text)
    return HELP_TH.get(clean) or CLICK_TH.get(clean) or text


class HelpFormatter(click.HelpFormatter):
    """Click's help layout, with text wrapped where its language lets a line break
    (help_wrap.py): Thai at spaces only. These are click's own `write_usage`, `write_text`
    and `write_dl` with `help_wrap.wrap` in place of `click.wrap_text`; what holds no Thai
    comes out byte for byte as click writes it."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{click_text('Usage:')} "
        if not args or not help_wrap.has_thai(prefix + prog + args):
            return super().write_usage(prog, args, prefix)
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        text_width = self.width - self.current_indent
        if text_width >= help_wrap.display_width(usage_prefix) + 20:
            # the arguments fit to the right of the prefix
            indent = " " * help_wrap.display_width(usage_prefix)
            self.write(help_wrap.wrap(args, text_width, initial_indent=usage_prefix, subsequent_indent=indent))
        else:
            self.write(usage_prefix)
            self.write("\n")
            indent = " " * (max(self.current_indent, help_wrap.display_width(prefix)) + 4)
            self.write(help_wrap.wrap(args, text_width, initial_indent=indent, subsequent_indent=indent))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(help_wrap.wrap(text, self.width, initial_indent=indent, subsequent_indent=indent,
                                  preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not any(help_wrap.has_thai(second) for _first, second in rows):
            return super().write_dl(rows, col_max, col_spacing)
        if any(len(row) != 2 for row in rows):
            raise TypeError("Expected two columns for definition list")
        first_col = min(max(help_wrap.display_width(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if help_wrap.display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - help_wrap.display_width(first)))
            else:
                self.write("\n")
                self.write(" " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - 2, 10)
            lines = help_wrap.wrap(second, text_width, preserve_paragraphs=True).splitlines()
            if not lines:
                self.write("\n")
            for i, line in enumerate(lines):
                self.write(f"{line}\n" if i == 0 else f"{'':>{first_col + self.current_indent}}{line}\n")


class HelpContext(click.Context):
    """The context of every kpidsl command: its help pages use HelpFormatter."""

    formatter_class = HelpFormatter


class Localized:
    """Help pages in the language of the run, for the group and every command in it."""

    context_class = HelpContext

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _help_of(self):
            super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        if _current.get() != "th" or self.short_help:  # type: ignore[attr-defined]
            return super().get_short_help_str(limit)  # type: ignore[misc]
        first = (help_text(self.help) or "").split("\n\n")[0]  # type: ignore[attr-defined]
        # Thai has no full stops to end a first sentence at: the first paragraph, cut at a space.
        return help_wrap.shorten(" ".join(first.split()), limit)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [METAVARS_TH.get(p, p) for p in pieces] if _current.get() == "th" else pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        originals = [p.help if isinstance(p, click.Option) else None for p in params]
        try:
            for p in params:
                if isinstance(p, click.Option):
                    p.help = help_text(p.help)
            super().format_options(ctx, formatter)  # type: ignore[misc]
        finally:
            for p, original in zip(params, originals):
                if isinstance(p, click.Option):
                    p.help = original


@contextlib.contextmanager
def _help_of(command) -> Iterator[None]:
    original = command.help
    command.help = help_text(original)
    try:
        yield
    finally:
        command.help = original


class LocalizedCommand(Localized, click.Command):
    """Every command of the group is made of this class (common.py sets it)."""
