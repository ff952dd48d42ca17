"""The lines a plan keeps for dates, indicator template fields and policy settings
point at the rule-file line that writes them, in the shipped rule sets: the line
of a date holds that date's text, the line of a template field or a setting
starts with its keyword. `kpidsl diff` reports a change of any of them there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan, dumps
from kpidsl.syntax.keywords import BY_CANONICAL

ROOT = Path(__file__).resolve().parent.parent

# A template field of the plan → the keyword that writes it.
_FIELD_KEYWORD = {"description": "description", "definitions": "definition", "formula": "formula",
                  "conditions": "condition", "baselines": "baseline", "owners": "owner",
                  "supervisors": "supervisor", "collectors": "collector", "evidence": "evidence",
                  "reason": "reason", "kind": "kind", "importance": "importance", "task": "task",
                  "key_result": "key_result"}


@pytest.fixture(scope="module", params=["2554", "2555"])
def shipped(request) -> tuple[Path, dict]:
    folder = ROOT / "rules" / request.param
    result = check_paths([folder])
    assert not result.errors
    (rs,) = result.rule_sets
    return folder, json.loads(dumps(compile_plan(rs, folder)))


def _walk(x, found: dict[str, list[dict]]) -> None:
    """Every date object, template and object with policy_sources anywhere in the plan."""
    if isinstance(x, dict):
        if {"start", "end", "text"} <= set(x):
            found["dates"].append(x)
        if "description" in x and "sources" in x:
            found["templates"].append(x)
        if "policy_sources" in x:
            found["policies"].append(x)
        for value in x.values():
            _walk(value, found)
    elif isinstance(x, list):
        for value in x:
            _walk(value, found)


def _found(plan: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {"dates": [], "templates": [], "policies": []}
    _walk(plan, found)
    return found


def _line(folder: Path, source: dict) -> str:
    return (folder / source["path"]).read_text(encoding="utf-8").splitlines()[source["line"] - 1].strip()


def _starts_with_keyword(line: str, canonical: str) -> bool:
    return any(line == s or line.startswith(s + " ") for s in BY_CANONICAL[canonical].spellings)


def test_every_date_is_on_its_line(shipped):
    folder, plan = shipped
    dates = [d for d in _found(plan)["dates"] if "source" in d]
    assert len(dates) > 20
    for d in dates:
        # A range is shown "low – high" whatever the file wrote between them (ถึง, -, –).
        first = d["text"].split(" – ")[0]
        assert first in _line(folder, d["source"]), (d, _line(folder, d["source"]))


def test_dates_inside_a_block_are_on_their_own_lines(shipped):
    """A date written on its own line has a line of its own, not its block's."""
    folder, plan = shipped
    rows = [(a["source"], d["source"]) for c in plan["calendar"] for a in c["activities"]
            for d in [*a["when"], a["due"]] if d]
    rows += [(s["source"], s["due"]["source"]) for f in plan["frameworks"] for node in _nodes(f["nodes"])
             if (node["scoring"] or {}).get("kind") == "milestones" for s in node["scoring"]["steps"] if s["due"]]
    rows += [(r["source"], d["source"]) for r in plan["rounds"] for d in (r["period"], r["due"]) if d]
    assert rows
    for owner, own in rows:
        assert own["path"] == owner["path"] and own["line"] >= owner["line"]
    if plan["rule_set"] == "2555":
        # individual.kpi's salary pools are written one a line inside the salary block.
        (individual,) = [f for f in plan["frameworks"] if f["id"] == "individual"]
        pools = [p["on"]["source"]["line"] for p in individual["salary"]["pools"]]
        assert len(set(pools)) == len(pools) == 2
        assert all(line > individual["salary"]["source"]["line"] for line in pools)


def _nodes(nodes: list[dict]):
    for n in nodes:
        yield n
        yield from _nodes(n["children"])


def test_every_template_field_is_on_its_keyword_line(shipped):
    folder, plan = shipped
    templates = _found(plan)["templates"]
    seen = 0
    for t in templates:
        assert set(t["sources"]) <= set(_FIELD_KEYWORD)
        for field, source in t["sources"].items():
            assert t[field] not in (None, []), field  # a line only for a field written
            assert _starts_with_keyword(_line(folder, source), _FIELD_KEYWORD[field]), (field, source)
            seen += 1
        for field in _FIELD_KEYWORD:
            if t[field] not in (None, []):
                assert field in t["sources"], field
    assert seen > 10


def test_every_policy_setting_is_on_its_keyword_line(shipped):
    folder, plan = shipped
    holders = _found(plan)["policies"]
    assert any(h["policy_sources"] for h in holders)
    for h in holders:
        for key, source in h["policy_sources"].items():
            assert key in h["policies"]
            assert _starts_with_keyword(_line(folder, source), key), (key, source)
