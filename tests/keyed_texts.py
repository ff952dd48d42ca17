"""What the tests of the tables of texts by key (kpidsl/diagnostics/hints.py, phrases.py)
share: the keys kpidsl's source names in calls of their function, and what counts as a
sentence written in place of one."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Collection

import kpidsl

PACKAGE = Path(kpidsl.__file__).parent


def keys_named(function: str, table: Collection[str]) -> set[str]:
    """Every key a call ``function(…)`` in kpidsl names: its string constants
    (``hint("a" if c else "b")``), and for an f-string every key of ``table`` its fixed start
    begins (``phrase(f"token-{kind}")``)."""
    def named(node: ast.AST) -> set[str]:
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) else set()
        if isinstance(node, ast.JoinedStr):
            start = node.values[0].value if isinstance(node.values[0], ast.Constant) else ""
            return {k for k in table if k.startswith(start)} if start else set()
        return set().union(*map(named, ast.iter_child_nodes(node)))

    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function \
                    and node.args:
                found |= named(node.args[0])
    return found


def written_in_place(value: ast.expr) -> bool:
    """A sentence written in place: a non-empty string or f-string, ``str(…)``, ``Bi(…)``
    or a pair with one, also inside ``x if c else y``, ``a or b`` or ``a + b``."""
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) and value.value != ""
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.IfExp):
        return written_in_place(value.body) or written_in_place(value.orelse)
    if isinstance(value, ast.BinOp):
        return written_in_place(value.left) or written_in_place(value.right)
    if isinstance(value, ast.BoolOp):
        return any(map(written_in_place, value.values))
    if isinstance(value, ast.Tuple):
        return any(map(written_in_place, value.elts))
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id == "str" or (value.func.id == "Bi" and any(map(written_in_place, value.args)))
    return False
