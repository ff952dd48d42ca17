"""Lowering: from the statement tree (cst) to the rule AST (ast).

Each block is read through its context (contexts.py). Every statement is
either understood or reported: an unknown key (did you mean…), a key in the
wrong block (it belongs in…), a missing or surplus argument, a field given
twice. Lowering never stops at the first problem; it keeps what it could read.
One module per family of constructs; ``Lowerer`` puts them together.
"""

from __future__ import annotations

from ...diagnostics.model import Diagnostic
from ...vocabulary import NODE_KINDS
from .. import ast, cst
from .agreements import AgreementMixin
from .base import LowererBase
from .cursor import LEVELS
from .frameworks import FrameworkMixin
from .individuals import IndividualMixin
from .nodes import NodeMixin
from .scoring import ScoringMixin
from .tables import TableMixin


class Lowerer(FrameworkMixin, NodeMixin, ScoringMixin, TableMixin, IndividualMixin, AgreementMixin, LowererBase):
    pass


def lower(doc: cst.Document, skipped_lines: frozenset[int] = frozenset()) -> tuple[ast.RuleFile, list[Diagnostic]]:
    lw = Lowerer(doc, skipped_lines)
    result = lw.rule_file()
    return result, lw.diags


__all__ = ["LEVELS", "NODE_KINDS", "Lowerer", "lower"]
