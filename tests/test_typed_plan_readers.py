"""Backends read the typed plan (kpidsl/plan/model), not the plan dict:
a source scan for indexing the plan's top-level lists or the plan itself (`plan["…"]`,
`plan.get(…)`, `x["agreements"]` …) outside kpidsl/plan, which reads the dict into the
typed model, and the modules before it (kpidsl/syntax and kpidsl/check build the rule set
the plan is compiled from). No backend reads a plan dict any more."""

from __future__ import annotations

import re
from pathlib import Path

import kpidsl
from kpidsl.plan.read import plan_of

PACKAGE = Path(kpidsl.__file__).parent
BEFORE_THE_PLAN = ("plan", "syntax", "check")
# The plan itself indexed, its top-level keys, and the keys of its trees (read, not written).
PLAN_DICT = re.compile(r"""plan\[["']|plan\.get\(|\[["'](agreements|frameworks|bands|examples|calendar|policies|"""
                       r"""policy_sources|holidays|nodes|children|scoring|rounds|thresholds|steps|parts)["']\](?!\s*=[^=])""")
# Modules that index documents of the same shape that are not the plan.
NOT_THE_PLAN = {"xlsx/scores.py"}  # reads the score documents kpidsl/score/report.py writes


def plan_dict_reads(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        code = line.split("#", 1)[0]
        if PLAN_DICT.search(code):
            found.append(f"{number}: {line.strip()}")
    return found


def _modules() -> dict[str, list[str]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.split("/", 1)[0] in BEFORE_THE_PLAN or rel in NOT_THE_PLAN:
            continue
        reads = plan_dict_reads(path)
        if reads:
            out[rel] = reads
    return out


def test_no_backend_reads_a_plan_dict():
    assert _modules() == {}, "read the typed plan (kpidsl.plan.read.plan_of) instead"


def test_the_scan_sees_a_plan_dict_read(tmp_path):
    module = tmp_path / "late.py"
    module.write_text('def f(plan):\n    x = 1  # plan["agreements"]\n    return next(a for a in plan["agreements"])\n'
                      'def g(p, out):\n    out["children"] = []\n    return p.get("id"), p["frameworks"], p["nodes"]\n',
                      encoding="utf-8")
    assert [r.split(":")[0] for r in plan_dict_reads(module)] == ["3", "6"]


def test_a_plan_dict_is_read_typed_once(shipped_plan):
    plan = shipped_plan("2555")
    typed = plan_of(plan)
    assert plan_of(plan) is typed and plan_of(typed) is typed
    assert typed.to_dict() == plan  # the same plan, typed
    assert plan_of(shipped_plan("2555")) is not typed  # another dict, read anew
