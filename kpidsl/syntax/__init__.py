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
    rule_file, lower_diags = lower(result.document, result.skipped_lines)
    return rule_file, diags + lower_diags


__all__ = ["ast", "parse", "parse_source", "lower"]
