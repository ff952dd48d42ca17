"""The ids a rule file gave that a reader of a form does not know: no form may print one
(tests/test_forms_signable.py on the HTML, tests/test_forms_pdf.py on the printed pages)."""

from __future__ import annotations

import re


def plan_ids(plan: dict) -> set[str]:
    """Ids a rule file gave that a reader does not know: agreements, frameworks, rounds,
    indicators named p1 or ag1, components, competencies and composite parts (ids with a
    letter; a number such as 1.1 is the seed's own indicator number)."""
    ids: set[str] = set()

    def walk(nodes: list[dict]) -> None:
        for n in nodes:
            ids.add(n["id"])
            ids.update(p["id"] for p in (n.get("scoring") or {}).get("parts") or [])
            walk(n["children"])

    for a in plan["agreements"]:
        ids.add(a["id"])
        if a.get("round"):
            ids.add(a["round"])
        walk(a["nodes"])
    for f in plan["frameworks"]:
        ids.add(f["id"])
        ids.update(r["id"] for r in f["rounds"])
        ids.update(s["id"] for s in f["scales"])  # a score report once printed competency_scale
    ids.update(b["id"] for b in plan.get("bands") or [])
    return {i for i in ids if re.search("[A-Za-z]", i)}
