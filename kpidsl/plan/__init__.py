"""The plan: a checked rule set compiled into plain, deterministic JSON data."""

from __future__ import annotations

import json

from .version import PLAN_VERSION


def dumps(plan: dict) -> str:
    """The plan as text: the same plan always gives the same bytes."""
    return json.dumps(plan, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def __getattr__(name: str):
    # The compiler loads the checker and the parser: only when asked for, so that a program
    # that only reads plans (a worker of `score --jobs`, kpidsl/score/parts.py) loads neither.
    if name == "compile_plan":
        from .compile import compile_plan

        return compile_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PLAN_VERSION", "compile_plan", "dumps"]
