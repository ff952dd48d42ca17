"""A rule set's files checked from texts held in memory, none read from disk: `kpidsl
mutate` re-checks its rule set with one file's text edited (kpidsl/mutate/apply.py), and
`kpidsl new-year` checks and compiles the scaffold it is writing (kpidsl/newyear_lateness.py).
The passes are `kpidsl check`'s own (passes_over)."""

from __future__ import annotations

from collections import Counter

import attrs

from ..diagnostics.model import Diagnostic
from ..syntax import ast, cst, parse_and_lower
from . import passes_over
from .ruleset import RuleSet


@attrs.frozen
class Parsed:
    path: str
    text: str
    document: cst.Document | None
    rule_file: ast.RuleFile | None
    diagnostics: tuple[Diagnostic, ...]


def parse_text(path: str, text: str) -> Parsed:
    """One file's statement tree and rule AST, from text in memory."""
    document, rule_file, diags = parse_and_lower(text, path)
    return Parsed(path, text, document, rule_file, tuple(diags))


@attrs.frozen
class Checked:
    rule_set: RuleSet
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def warnings(self) -> Counter:
        """Warnings by (code, file): a mutant's new warning shows as a higher count."""
        return Counter((d.code, d.span.path if d.span else "") for d in self.diagnostics if not d.is_error)


def check_parsed(name: str, files: list[Parsed]) -> Checked:
    """The checker's passes over already parsed files (as ``check_rule_set``)."""
    rs = RuleSet(name)
    diags: list[Diagnostic] = []
    for f in files:
        rs.texts[f.path] = f.text
        diags.extend(f.diagnostics)
        if f.rule_file is not None:
            rs.add(f.rule_file)
    return Checked(rs, tuple(passes_over(rs, diags)))
