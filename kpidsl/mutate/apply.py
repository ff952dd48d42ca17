"""Parse a rule set once, then re-check it with one file's text edited.

The baseline keeps, for every file, its text, its statement tree (where the
operators find their places) and its rule AST. A mutant re-parses only the
file it edits, from the edited text in memory; the other files' ASTs are
reused as they are (they are frozen), and nothing is read from disk again.
The parse cache is not used for mutants: thousands of one-off texts would only
fill it.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from ..check.in_memory import Checked, Parsed, check_parsed, parse_text
from ..check.ruleset import RuleSet, RuleSetSource
from ..diagnostics.model import Diagnostic
from ..plan import compile_plan, dumps
from ..source import read_file
from ..syntax import cst, parse, parse_source
from .operators import Mutant


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
