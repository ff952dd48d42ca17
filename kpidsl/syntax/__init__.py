"""The syntax layer: grammar, statement tree, lowering to the rule AST."""

from __future__ import annotations

from ..diagnostics.model import Diagnostic
from ..source import SourceFile
from . import ast
from .lower import lower
from .parser import parse


def parse_source(source: SourceFile) -> tuple[ast.RuleFile | None, list[Diagnostic]]:
    """Parse and lower one file. The AST is None only when the file's structure
    (its braces) could not be recovered."""
    result = parse(source.text, source.path)
    diags = list(result.diagnostics)
    if result.document is None:
        return None, diags
    # Lines with a syntax error are reported once: lowering stays quiet about
    # what the error left of them (a missing title, a half statement).
    noisy = result.skipped_lines | {d.span.line for d in result.diagnostics if d.span}
    rule_file, lower_diags = lower(result.document, frozenset(noisy))
    return rule_file, diags + lower_diags


__all__ = ["ast", "parse", "parse_source", "lower"]
