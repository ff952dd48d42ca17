"""Rule-set policies are set once (P002)."""

from __future__ import annotations

from .context import Checker


def run(ck: Checker) -> None:
    seen = {}
    for policy in ck.rs.policies:
        for setting in policy.settings:
            first = seen.get(setting.key)
            if first is not None:
                ck.report("P002", setting.span, key=setting.key, other=f"{first.span.path}:{first.span.line}")
            else:
                seen[setting.key] = setting
