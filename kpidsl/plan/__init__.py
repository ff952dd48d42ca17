"""The plan: a checked rule set compiled into plain, deterministic JSON data."""

from __future__ import annotations

import json

from .compile import PLAN_VERSION, compile_plan


def dumps(plan: dict) -> str:
    """The plan as text: the same plan always gives the same bytes."""
    return json.dumps(plan, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


__all__ = ["PLAN_VERSION", "compile_plan", "dumps"]
