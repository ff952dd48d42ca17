"""How deep, long and wide a rule file may be.

Every limit is far above any real rule set (the shipped rules nest blocks 5 deep, their
indicator trees are 4 deep, their longest formula has 5 operators and 1 bracket) and far below
what would exhaust Python's stack or the scorer's precision in a later stage.
"""

from __future__ import annotations

import attrs
from lark import Token

from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import Span
from ..thai import to_arabic

# Blocks `{ … }` inside one another.
MAX_BLOCK_DEPTH = 64
# Nodes inside one another: perspective → dimension → indicator → component …
MAX_TREE_DEPTH = 16
# Operators (+ − × ÷) in one statement, and brackets inside one another. A chain of
# operators (or of calls in brackets) is a tree as deep in the plan, and a consumer
# that validates the plan against kpidsl/plan/plan.schema.json with jsonschema takes
# about 16 frames a level: 32 + 8 levels stay far below Python's 1,000.
MAX_FORMULA_OPERATORS = 32
MAX_PAREN_DEPTH = 8
# Digits a number may have before and after its point. The scorer computes at 40
# significant digits and cuts figures to 32 before it rounds them
# (kpidsl/score/numbers.py CONTEXT and GUARD): a sum of rule figures of at most 15 + 15
# digits stays within 32, so every figure is carried exactly.
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 15

OPERATORS = frozenset({"PLUS", "MINUS", "TIMES", "DIVIDE"})
# Tokens that end a statement: an operator count starts again after them.
STATEMENT_ENDS = frozenset({"_NL", "SEMICOLON", "LBRACE", "RBRACE"})
NUMBERS = frozenset({"NUMBER", "PERCENT", "DOTTED"})
# Every token the watch looks at; names and texts, most of a file, pass by untouched.
WATCHED = OPERATORS | STATEMENT_ENDS | NUMBERS | {"LPAR", "RPAR", "FORMULA_KW"}
# A number longer than this is shown cut in a message.
SHOWN_DIGITS = 12


class LimitCrossed(Exception):
    """A limit was crossed while the parser read the tokens: stop before going deeper."""


@attrs.define
class LimitWatch:
    """Watches the token stream as the parser reads it, so that a limit is found while
    the nesting read so far is still shallow. ``strict``: raise LimitCrossed at the first
    limit crossed; otherwise collect one diagnostic where each limit is crossed (a nesting
    too deep is reported once, at its first token past the limit, until it closes)."""

    path: str = "<text>"
    strict: bool = True
    found: list[Diagnostic] = attrs.field(factory=list)
    braces: int = 0
    parens: int = 0
    operators: int = 0
    in_formula: bool = False
    # A too-deep nesting already reported: nothing inside it is reported again.
    braces_reported: bool = False
    parens_reported: bool = False
    operators_reported: bool = False

    def start(self) -> None:
        self.found = []
        self.braces = self.parens = self.operators = 0
        self.in_formula = self.braces_reported = self.parens_reported = self.operators_reported = False

    def see(self, tok: Token) -> None:
        kind = tok.type
        if kind in STATEMENT_ENDS:
            self.operators, self.in_formula, self.operators_reported = 0, False, False
        if kind == "LBRACE":
            self.braces += 1
            if self.braces > MAX_BLOCK_DEPTH and not self.braces_reported:
                self.braces_reported = True
                self._cross(CODES["S008"].at(self._span(tok), limit=MAX_BLOCK_DEPTH))
        elif kind == "RBRACE":
            self.braces = max(0, self.braces - 1)
            self.braces_reported = self.braces_reported and self.braces > MAX_BLOCK_DEPTH
        elif kind == "LPAR":
            self.parens += 1
            if self.parens > MAX_PAREN_DEPTH and not self.parens_reported:
                self.parens_reported = True
                self._cross(CODES["S011"].at(self._span(tok), limit=MAX_PAREN_DEPTH))
        elif kind == "RPAR":
            self.parens = max(0, self.parens - 1)
            self.parens_reported = self.parens_reported and self.parens > MAX_PAREN_DEPTH
        elif kind == "FORMULA_KW":
            self.in_formula = True
        elif kind in OPERATORS and (self.in_formula or self.parens):
            self.operators += 1
            if self.operators > MAX_FORMULA_OPERATORS and not self.operators_reported:
                self.operators_reported = True
                self._cross(CODES["S010"].at(self._span(tok), count=self.operators, limit=MAX_FORMULA_OPERATORS))
        elif kind in NUMBERS and len(tok.value) > min(MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS):
            crossed = number_too_long(tok.value, dotted=kind == "DOTTED")
            if crossed:
                self._cross(crossed.at(self._span(tok)))

    def _span(self, tok: Token) -> Span:
        return Span(self.path, tok.line, tok.column, tok.end_line, tok.end_column)

    def _cross(self, diag: Diagnostic) -> None:
        self.found.append(diag)
        if self.strict:
            raise LimitCrossed()


@attrs.frozen
class TooLong:
    """A number with too many digits, ready to be placed."""

    number: str
    count: int
    part: Bi
    limit: int

    def at(self, span: Span) -> Diagnostic:
        return CODES["S012"].at(span, number=self.number, count=self.count, part=self.part, limit=self.limit,
                                integer=MAX_INTEGER_DIGITS, fraction=MAX_FRACTION_DIGITS)


def number_too_long(written: str, dotted: bool = False) -> TooLong | None:
    """The digits of a number as written (Thai digits, thousands commas, a `%`): too many
    before its point (leading zeros aside) or after it? An id like 1.2.3 is whole numbers."""
    digits = to_arabic(written).replace(",", "").rstrip("% \t")
    parts = digits.split(".")
    wholes, fraction = (parts, "") if dotted else (parts[:1], parts[1] if len(parts) > 1 else "")
    shown = digits if len(digits) <= SHOWN_DIGITS else digits[:SHOWN_DIGITS] + "…"
    where = phrase("in-one-part-of-id" if dotted else "before-point")
    for whole in wholes:
        count = len(whole.lstrip("0"))
        if count > MAX_INTEGER_DIGITS:
            return TooLong(shown, count, where, MAX_INTEGER_DIGITS)
    if len(fraction) > MAX_FRACTION_DIGITS:
        return TooLong(shown, len(fraction), phrase("after-point"), MAX_FRACTION_DIGITS)
    return None
