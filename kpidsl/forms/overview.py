"""Framework overview (กรอบการประเมินผล): perspectives, dimensions and indicators
nested with their weights, and each ladder as the slide tables show it."""

from __future__ import annotations

import re

from ..plan.model import Milestones
from . import Document, Request
from .view import LEVEL_TH, rows, targets_at_level_3, where

# A note's closing "(000 ข้อ 3.2)" cites the source document for a reviewer of the rule
# file; the form prints the note's words only (the rule file keeps the citation).
_CITATION = re.compile(r"\s*\((?:00[0-9])[^()]*\)\s*$")


def _note(note: str) -> dict:
    """A note's words, and the note with its citation for ``--sources``."""
    return {"text": _CITATION.sub("", note), "cited": note}


def build(request: Request) -> list[Document]:
    framework = request.framework
    assert framework is not None
    table = rows(framework.nodes, framework.policies)
    return [Document("overview", {
        "framework": framework,
        "level_th": LEVEL_TH.get(framework.level, framework.level or ""),
        "rows": table,
        "ladders": [r for r in table if r["ladder"]],
        "target_at_3": targets_at_level_3(table),
        "milestones": [r for r in table if isinstance(r["node"].scoring, Milestones)],
        "rounds": framework.rounds,
        # the framework's own rules as its source states them: target levels (000 ข้อ 2),
        # evidence (000 ข้อ 3.2), and its notes
        "scales": framework.scales,
        "evidence": framework.evidence,
        "notes": [_note(n) for n in framework.notes],
        "source": where(framework.source, request.root),
    }, title=framework.title or framework.id)]
