"""The scoring policies a rule set declares, as a form states them under its table.

A signer reads a ladder's five thresholds on the form, but what a result below level 1
scores, whether a result between two levels scores between them, the highest score a
ladder gives, how milestone steps are counted and where figures are rounded are the rule
set's policies (kpidsl/policies.py; docs/scoring.md), not the source documents': each is
said as kpidsl/policy_sentences.py says it, in plain Thai and in the rule file's own words.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..plan.model import AgreementNode, Composite, Formula, Ladder, Milestones, Policies, WeightedAverage
from ..policy_sentences import ladder_sentences, late_step_sentence, milestone_count_sentence, rounding_sentence


def scoring_policies(policies: Policies, nodes: Iterable[AgreementNode]) -> list[str]:
    """One line per policy in force that decides a figure of a form over ``nodes``
    (kpidsl/policy_sentences.py): the ladder policies when some indicator is scored on a
    ladder, the milestone policies when some is scored by milestones, and the rounding always."""
    kinds = _kinds(nodes)
    out = []
    if Ladder in kinds:
        out += ladder_sentences(policies)
    if Milestones in kinds:
        out += [milestone_count_sentence(policies), late_step_sentence(policies)]
    out.append(rounding_sentence(policies))
    return out


def _kinds(nodes: Iterable[AgreementNode]) -> set[type]:
    """Ladder and/or Milestones: how the indicators present (not omitted) under ``nodes`` are
    scored, a ladder inside a formula, a weighted average or a composite's part counted."""
    found: set[type] = set()
    for node in nodes:
        if node.omitted:
            continue
        scoring = node.scoring
        if isinstance(scoring, Milestones):
            found.add(Milestones)
        inner = [scoring]
        if isinstance(scoring, (Formula, WeightedAverage)):
            inner = [scoring.ladder]
        elif isinstance(scoring, Composite):
            inner = [p.scoring for p in scoring.parts]
        if any(isinstance(s, Ladder) for s in inner):
            found.add(Ladder)
        found |= _kinds(node.children)
    return found


__all__ = ["scoring_policies"]
