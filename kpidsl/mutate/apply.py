"""Parse a rule set once, then re-check it with one file's text edited.

The baseline keeps, for every file, its text, its statement tree (where the
operators find their places) and its rule AST. A mutant re-parses only the
file it edits, from the edited text in memory; the other files' ASTs are
reused as they are (they are frozen), and nothing is read from disk again.
The parse cache is not used for mutants: thousands of one-off texts would only
fill it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import attrs

from ..check import PASSES, followons
from ..check.context import Checker
from ..check.ruleset import RuleSet, RuleSetSource
from ..diagnostics.model import Diagnostic
from ..plan import compile_plan, dumps
from ..source import read_file
from ..syntax import ast, cst, parse, parse_and_lower, parse_source
from .operators import Mutant


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
    ck = Checker(rs)
    for p in PASSES:
        p.run(ck)
    return Checked(rs, tuple(followons.quiet(diags + ck.diags, rs.texts)))


@attrs.define
class Baseline:
    """The rule set as written: every file parsed once, checked, compiled."""

    source: RuleSetSource
    files: list[Parsed]
    read_diagnostics: list[Diagnostic]
    checked: Checked | None = None
    plan: dict | None = None
    plan_text: str = ""

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def documents(self) -> dict[str, cst.Document]:
        return {f.path: f.document for f in self.files if f.document is not None}

    @property
    def texts(self) -> dict[str, str]:
        return {f.path: f.text for f in self.files}

    def with_mutant(self, mutant: Mutant) -> list[Parsed]:
        return [parse_text(f.path, mutant.applied(f.text)) if f.path == mutant.path else f for f in self.files]

    def compile(self, rs: RuleSet) -> dict:
        return compile_plan(rs, Path(self.name))


def load_baseline(source: RuleSetSource) -> Baseline:
    files: list[Parsed] = []
    read_diags: list[Diagnostic] = []
    for path in source.files:
        src, diags = read_file(path)
        read_diags.extend(diags)
        if src is None:
            continue
        # The rule set as written may come from the parse cache; its statement
        # tree (for the operators' places) is parsed here once.
        rule_file, parse_diags = parse_source(src)
        result = parse(src.text, src.path)
        files.append(Parsed(src.path, src.text, result.document, rule_file, tuple(parse_diags)))
    base = Baseline(source, files, read_diags)
    base.checked = check_parsed(source.name, files)
    if not base.checked.errors and not read_diags:
        base.plan = base.compile(base.checked.rule_set)
        base.plan_text = dumps(base.plan)
    return base
