"""The words a rule file and a plan take for a framework's level, a node's kind and what an
agreement may be required to have are written once (kpidsl/vocabulary.py): the lowering reads a
rule file's words against the same tuple the plan is read against, so a level added to one is
never a word the other refuses (kpidsl/syntax/lower/cursor.py had a copy of LEVELS and
NODE_KINDS, syntax/ast.py and plan/model/frameworks.py each one of AGREEMENT_REQUIRES), and the
syntax takes them from below it, not from the plan it comes before."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kpidsl import vocabulary
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


@pytest.mark.parametrize("name", ["LEVELS", "NODE_KINDS", "AGREEMENT_REQUIRES"])
def test_each_word_list_is_written_once(name):
    assert [place.rsplit(":", 1)[0] for place in _defined(name)] == ["kpidsl/vocabulary.py"]


def test_the_lowering_reads_the_plans_words():
    assert lower.LEVELS is cursor.LEVELS is frameworks.LEVELS is vocabulary.LEVELS
    assert lower.NODE_KINDS is structure.NODE_KINDS is vocabulary.NODE_KINDS
    assert cursor.AGREEMENT_REQUIRES is frameworks.AGREEMENT_REQUIRES is vocabulary.AGREEMENT_REQUIRES


def test_the_syntax_imports_nothing_of_the_plan():
    # the plan is compiled from the syntax's tree: an import the other way runs back up the house
    syntax = ROOT / "syntax"
    found = [f"{path.relative_to(ROOT.parent).as_posix()}:{node.lineno}"
             for path in sorted(syntax.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ImportFrom) and "plan" in (node.module or "").split(".")]
    assert found == []
