"""The words a rule file and a plan take for a framework's level and a node's kind are written
once (kpidsl/plan/model: LEVELS in frameworks.py, NODE_KINDS in structure.py): the lowering reads
a rule file's words against the same tuple the plan is read against, so a level added to one
is never a word the other refuses (kpidsl/syntax/lower/cursor.py had a copy of each)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kpidsl.plan.model import frameworks, structure
from kpidsl.syntax import lower
from kpidsl.syntax.lower import cursor

ROOT = Path(__file__).resolve().parent.parent / "kpidsl"


def _defined(name: str) -> list[str]:
    """Where kpidsl gives ``name`` a value of its own at the top of a module (an import is no copy)."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found.append(f"{path.relative_to(ROOT.parent).as_posix()}:{node.lineno}")
    return found


@pytest.mark.parametrize("name, home", [("LEVELS", "kpidsl/plan/model/frameworks.py"),
                                        ("NODE_KINDS", "kpidsl/plan/model/structure.py")])
def test_each_word_list_is_written_once(name, home):
    assert [place.rsplit(":", 1)[0] for place in _defined(name)] == [home]


def test_the_lowering_reads_the_plans_words():
    assert lower.LEVELS is cursor.LEVELS is frameworks.LEVELS
    assert lower.NODE_KINDS is structure.NODE_KINDS
