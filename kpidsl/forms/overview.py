"""Framework overview (กรอบการประเมินผล): perspectives, dimensions and indicators
nested with their weights, and each ladder as the slide tables show it."""

from __future__ import annotations

import re

from . import Document, Request
from .view import LEVEL_TH, rows, where

# A note's closing "(000 ข้อ 3.2)" cites the source document for a reviewer of the rule
# file; the form prints the note's words only (the rule file keeps the citation).
_CITATION = re.compile(r"\s*\((?:00[0-9])[^()]*\)\s*$")


def _note(note: str) -> dict:
    """A note's words, and the note with its citation for ``--sources``."""
    return {"text": _CITATION.sub("", note), "cited": note}


def build(request: Request) -> list[Document]:
    fw = request.framework
    assert fw is not None
    table = rows(fw.get("nodes") or [], in_agreement=False)
    return [Document("overview", {
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.get("level"), fw.get("level") or ""),
        "rows": table,
        "ladders": [r for r in table if r["ladder"]],
        "milestones": [r for r in table if r["scoring"] and r["scoring"]["steps"]],
        "rounds": fw.get("rounds") or [],
        # the framework's own rules as its source states them: target levels (000 ข้อ 2),
        # evidence (000 ข้อ 3.2), and its notes
        "scales": fw.get("scales") or [],
        "evidence": fw.get("evidence") or [],
        "notes": [_note(n) for n in fw.get("notes") or []],
        "source": where(fw.get("source"), request.root),
    }, title=fw.get("title") or fw["id"])]
