"""One rule file parsed and lowered: from the parse cache, or by the parser (the three
ways the checker, the mutation tester and the editor server take a file)."""

from __future__ import annotations

from ..diagnostics.model import Diagnostic
from ..source import SourceFile
from . import ast, cache, cst
from .lower import lower
from .parser import ParseResult, parse


def parse_source(source: SourceFile) -> tuple[ast.RuleFile | None, list[Diagnostic]]:
    """Parse and lower one file (from the cache when this code has seen this text before).
    The AST is None only when the file's structure (its braces) could not be recovered."""
    cached = cache.load(source.path, source.text)
    if cached is not None:
        rule_file, diags = cached
        return rule_file, list(diags)
    rule_file, diags = parse_uncached(source)
    cache.store(source.path, source.text, (rule_file, tuple(diags)))
    return rule_file, diags


def parse_uncached(source: SourceFile) -> tuple[ast.RuleFile | None, list[Diagnostic]]:
    """Parse and lower one file, neither reading nor writing the cache."""
    _, rule_file, diags = parse_and_lower(source.text, source.path)
    return rule_file, diags


def parse_and_lower(text: str, path: str) -> tuple[cst.Document | None, ast.RuleFile | None, list[Diagnostic]]:
    """One file's statement tree, rule AST and diagnostics, as the checker, the mutation
    tester and the editor server each take them. Lines with a syntax error are reported
    once: lowering stays quiet about what the error left of them (a missing title, a half
    statement); a warning of the parse (S014) leaves its line as it is."""
    return lowered(parse(text, path))


def lowered(result: ParseResult) -> tuple[cst.Document | None, ast.RuleFile | None, list[Diagnostic]]:
    """A parse's tree lowered, as ``parse_and_lower`` lowers it (the editor's recovered tree,
    kpidsl/syntax/recover.py, is lowered only when hover asks for it)."""
    diags = list(result.diagnostics) + list(result.warnings)
    if result.document is None:
        return None, None, diags
    noisy = result.skipped_lines | {d.span.line for d in result.diagnostics if d.span}
    rule_file, lower_diags = lower(result.document, frozenset(noisy))
    return result.document, rule_file, diags + lower_diags

