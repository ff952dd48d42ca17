"""Policies are set once in a rule set (P002) and make sense together (P001)."""

from __future__ import annotations

from decimal import Decimal

from ..diagnostics.phrases import phrase
from ..syntax import ast
from .context import Checker, num


def run(ck: Checker) -> None:
    seen = {}
    for policy in ck.rs.policies:
        for setting in policy.settings:
            first = seen.get(setting.key)
            if first is not None:
                ck.report("P002", setting.span, key=setting.key, other=f"{first.span.path}:{first.span.line}")
            else:
                seen[setting.key] = setting
    for policy in ck.rs.policies + [f.policy for f in ck.rs.frameworks.values() if f.policy]:
        _coherent(ck, policy)


def _coherent(ck: Checker, policy: ast.Policy) -> None:
    floor, cap = policy.get("floor"), policy.get("cap")
    if floor is not None and floor.value > Decimal(1):
        ck.report("P001", floor.span, key="floor", value=num(floor.value),
                  reason=phrase("floor-above-level-1"))
    if cap is not None and cap.value < Decimal(1):
        lower = floor.value if floor is not None else Decimal(1)
        ck.report("P001", cap.span, key="cap", value=num(cap.value),
                  reason=phrase("cap-below-level-1", floor=num(lower)))
