"""P014: a cap below 5 where an indicator can pass it.

The `cap` policy is the most a ladder gives (docs/scoring.md rules 1, 2 and 5: the ladder's
policies; kpidsl/score/ladder.py, the SQL compiler and the forms' line "คะแนนจากเกณฑ์ไม่เกิน"
say the same): one meaning, for the rule that reads a figure on a ladder. Seed 003's ladders
give levels 1–5 and nothing in the seeds caps milestones (steps done, 0–5, slide 29), a score
an owner gives or a level on a scale (seed 001: 1–5). So a declared cap below 5 beside such
an indicator is said, not applied to it: the rule set may have meant every indicator held to
it, and B012 reckons a best total with those indicators at 5.
"""

from __future__ import annotations

from decimal import Decimal

from ..bilingual import Bi
from ..diagnostics.hints import few
from ..diagnostics.phrases import phrase
from ..score_range import HIGHEST_SCORE
from ..syntax import ast
from .context import Checker, num
from .overlay import overlay, scoring_kind

_ON_A_LADDER = (ast.LadderScoring, ast.FormulaScoring)
_ALONE = ast.Agreement(id="", title=None)  # a framework's own tree, with no agreement laid over it


def run(ck: Checker) -> None:
    rule_set_cap = next((s for p in ck.rs.policies for s in p.settings if s.key == "cap"), None)
    found: dict[int, tuple[ast.Setting, dict[str, Bi]]] = {}
    for fw in ck.rs.frameworks.values():
        setting = (fw.policy.get("cap") if fw.policy else None) or rule_set_cap
        if setting is None or not isinstance(setting.value, Decimal) or not HIGHEST_SCORE > setting.value >= 1:
            continue  # none below 5 (one below 1 is P001's)
        free = found.setdefault(id(setting), (setting, {}))[1]
        _past(overlay(fw, _ALONE).roots, None, free)
        for agreement in ck.rs.agreements.values():
            if agreement.framework is not None and agreement.framework.id == fw.id:
                _past(overlay(fw, agreement).roots, None, free)
    for setting, free in found.values():
        if free:
            ck.report("P014", setting.span, cap=num(setting.value),
                      indicators=Bi(few(f"`{i}` ({how.en})" for i, how in free.items()),
                                    few(f"`{i}` ({how.th})" for i, how in free.items())))


def _past(nodes, parent, free: dict[str, Bi]) -> None:
    """The indicators of ``nodes`` (and under them) whose score the cap does not hold, by id,
    with how each is scored (an indicator scored by no rule is A008's)."""
    for e in nodes:
        if e.omitted:
            continue
        kind = scoring_kind(e, parent)
        how = None
        if kind == "milestones":
            how = phrase("method-milestones")
        elif kind == "owner_score":
            how = phrase("method-owner-score")
        elif kind == "scale":
            how = phrase("method-scale")
        elif kind == "composite" and any(not isinstance(p.scoring, _ON_A_LADDER) for p in e.scoring.parts):
            how = phrase("method-parts")
        if how is not None:
            free.setdefault(e.id, how)
        _past(e.children, e, free)
