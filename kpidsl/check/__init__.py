"""The checker: loads rule sets and runs the semantic passes over them.

Each pass is a module with ``run(checker)``; they only read the AST and report.
"""

from __future__ import annotations

import gc
from pathlib import Path

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from . import (agreements, bands, caps, cascades, dates, examples, followons, formulas, grades, ladders, limits,
               milestones, names, policies, review, seed_rules, stated_dates, sub_indicators, weights)
from .context import Checker
from .ruleset import RuleSet, RuleSetSource, discover, load

PASSES = (names, examples, weights, ladders, milestones, bands, dates, stated_dates, agreements, cascades, limits, policies,
          review, seed_rules, sub_indicators, grades, formulas, caps)


@attrs.frozen
class CheckResult:
    rule_sets: tuple[RuleSet, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)

    @property
    def io_trouble(self) -> bool:
        return any(d.io for d in self.diagnostics)


def passes_over(rs: RuleSet, found: list[Diagnostic]) -> list[Diagnostic]:
    """The checker's passes over a loaded rule set: ``found`` (what reading its files found)
    and what the passes report, their follow-ons quieted. `kpidsl check`, the language server,
    `kpidsl mutate` and `kpidsl new-year` (texts held in memory, kpidsl/check/in_memory.py) all
    check by this."""
    ck = Checker(rs, lost_in=followons.lost_headers(found, rs.texts))
    for p in PASSES:
        p.run(ck)
    return followons.quiet(found + ck.diags, rs.texts)


def check_rule_set(source: RuleSetSource) -> tuple[RuleSet, list[Diagnostic]]:
    rs, diags = load(source)
    if rs.is_empty and not diags:
        first = source.files[0] if source.files else None
        span = Span.whole_file(str(first)) if first else None
        diags.append(CODES["F010"].at(span))
    return rs, passes_over(rs, diags)


def check_paths(paths: list[Path]) -> CheckResult:
    # Parsing builds hundreds of thousands of small objects that all live until
    # the end: the cyclic collector would only walk them again and again (about
    # 40% of a large check). Nothing here makes reference cycles worth collecting.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_paths(paths)
    finally:
        if enabled:
            gc.enable()


def _check_paths(paths: list[Path]) -> CheckResult:
    sources, diags = discover(paths)
    rule_sets = []
    all_diags = list(diags)
    files = 0
    for source in sources:
        rs, rs_diags = check_rule_set(source)
        rule_sets.append(rs)
        all_diags.extend(rs_diags)
        files += len(source.files)
    unique = list(dict.fromkeys(all_diags))
    unique.sort(key=Diagnostic.sort_key)
    return CheckResult(tuple(rule_sets), tuple(unique), files)


__all__ = ["CheckResult", "Checker", "RuleSet", "check_paths", "check_rule_set", "discover", "load"]
