"""The words a rule file and its compiled plan share: a framework's level, a node's kind and
what a framework's `agreement_requires` may name. The lowering (kpidsl/syntax/lower) reads a
rule file's words against these tuples and the plan model (kpidsl/plan/model) reads a plan
against the same ones, so a word added here is taken by both; it lives below both, so that
the syntax never imports the plan it comes before."""

from __future__ import annotations

LEVELS = ("province_group", "province", "provincial_agency", "ministry", "department", "work_group", "individual")
NODE_KINDS = ("perspective", "dimension", "kpi", "component", "competency")
# What a framework may require every agreement under it to have (seed 002 ข้อ 1.4.2: signatories,
# period, action plan, indicators with their weights, baselines, targets and scoring criteria,
# and each indicator's description, definition, formula and conditions). Each is checked by
# kpidsl/check/agreements.py (REQUIRES_TOLD_BY).
AGREEMENT_REQUIRES = ("signatory", "period", "plan", "kpi", "weight", "baseline", "target", "ladder", "description",
                      "definition", "formula", "condition")
