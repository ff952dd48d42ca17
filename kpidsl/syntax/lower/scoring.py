"""Ladders, milestones, weighted averages, formula inputs and composite parts."""

from __future__ import annotations

from decimal import Decimal

from ...diagnostics.hints import hint
from ...diagnostics.phrases import phrase
from ...diagnostics.span import Span
from ...thai import to_arabic
from .. import ast, cst
from ..contexts import CONTEXTS
from .base import declared_id_span


# What scores or feeds a formula, in an indicator and in a composite's part alike
SCORING_STATEMENTS = frozenset({"ladder", "milestones", "owner_score", "input"})


class ScoringMixin:
    def scoring_statement(self, key: str, s: cst.Statement, scoring: list, inputs: list[ast.Input]) -> None:
        """One of SCORING_STATEMENTS: its method scores ``scoring`` (kind, what, span) or adds to
        ``inputs``."""
        if key == "ladder":
            ladder = self.ladder(s)
            if ladder:
                scoring.append(("ladder", ladder, s.span))
        elif key == "milestones":
            ms = self.milestones(s)
            if ms:
                scoring.append(("milestones", ms, s.span))
        elif key == "owner_score":
            self.field(s, lambda c: None)
            scoring.append(("owner_score", ast.OwnerScore(span=s.span), s.span))
        else:
            inp = self.input(s)
            if inp:
                inputs.append(inp)

    def ladder(self, st: cst.Statement) -> ast.Ladder | None:
        self.no_block(st)
        cur = self.cursor(st)
        direction = cur.opt_word("higher", "lower")
        written = direction is not None
        direction = direction or "higher"
        if cur.opt_key("target"):
            if cur.peek_word() == "step":  # the figure left out: told once, the step still read
                cur.missing_before_next(phrase("number-or-percentage"))
                target = None
            else:
                target = cur.signed_amount()
            step = None
            if cur.opt_key("step"):
                step = cur.amount()
            elif target is not None:  # a target not given is told; its step would be told at the same point
                cur.missing(phrase("step-distance"))
            cur.done()
            if target is None or step is None:
                return None
            return ast.Ladder(direction, written, (), target, step, span=st.span)
        thresholds: list[ast.Threshold] = []
        step = None
        rejected = False
        while cur.more():
            arg = cur.peek()
            if cur.opt_key("step"):
                step = cur.amount()
                break
            if cst.figure(arg) is not None:
                thresholds.append(ast.Threshold(cst.figure(arg), span=arg.span))
            elif isinstance(arg, cst.Compare) and isinstance(arg.value, (cst.Number, cst.Percent)):
                thresholds.append(ast.Threshold(arg.value.value, arg.op, span=arg.span))
            elif isinstance(arg, cst.Range):
                rejected = True
                cur.bad(arg, phrase("thresholds-separated-by-spaces"),
                        hint("thresholds-spaced"))
            else:
                rejected = True
                cur.bad(arg, phrase("threshold"))
            cur.pos += 1
        cur.done()
        if rejected:
            return None  # already reported; counting the levels left would only mislead
        if not thresholds:
            cur.missing(phrase("five-thresholds"))
            return None
        return ast.Ladder(direction, written, tuple(thresholds), None, step, span=st.span)

    def milestones(self, st: cst.Statement) -> ast.Milestones | None:
        self.cursor(st).done()
        steps: list[ast.Milestone] = []
        for key, s in self.statements(self._needs_block(st), CONTEXTS["milestones"]):
            if key == "#":
                ms = self.milestone(s, st.head.text)
                if ms:
                    steps.append(ms)
        return ast.Milestones(tuple(steps), span=st.span, head_span=st.head.span)

    def milestone(self, st: cst.Statement, block: str = "milestones") -> ast.Milestone | None:
        """One step of a milestones block; ``block``, its keyword as the file writes it (a report
        names it so: `ขั้นความสำเร็จ`, not the table's `milestones`)."""
        number_text = to_arabic(st.head.text)
        if not number_text.isdigit():
            self.report("K005", st.head.span, key=block, expected=phrase("step-number-head"),
                        found=phrase("as-code", text=st.head.text), hint="", hint_th="")
            return None
        cur = self.cursor(st)
        text = cur.text(phrase("step-description-in-quotes"))
        due = None
        evidence: list[str] = []
        notes: list[ast.Note] = []
        told = False
        while cur.more():
            word = cur.peek_word()
            if word == "due":
                cur.key = cur.next().text
                due = cur.date()
            elif word == "evidence":
                cur.key = cur.next().text
                evidence.extend(self._texts(cur))
            elif told:
                cur.next()  # one report a line (Cursor.done); the due date after it is still read
            else:
                cur.done()
                told = True
        if st.block:
            for key, s in self.statements(st.block.statements, CONTEXTS["milestone"]):
                if key == "due":
                    due = self.field(s, lambda c: c.date())
                elif key == "evidence":
                    evidence.extend(self.field(s, self._texts))
                elif key == "note":
                    notes.append(self._note(s))
                elif key == "source":
                    notes.append(self._note(s))
        return ast.Milestone(int(number_text), text or "", due, tuple(evidence), tuple(notes), span=st.span)

    def weighted_average(self, st: cst.Statement) -> ast.WeightedAverage:
        cur = self.cursor(st)
        cur.done()
        ladder = unit = None
        if st.block:
            for key, s in self.statements(st.block.statements, CONTEXTS["weighted_average"]):
                if key == "ladder":
                    ladder = self.ladder(s)
                elif key == "unit":
                    unit = self.field(s, lambda c: c.text())
                elif key in ("note", "source"):
                    self._note(s)
        return ast.WeightedAverage(ladder, unit, span=st.span, head_span=st.head.span)

    def input(self, st: cst.Statement) -> ast.Input | None:
        self.no_block(st)
        cur = self.cursor(st)
        names: list[str] = []
        spans: list[Span | None] = []
        while isinstance(cur.peek(), cst.Name) and cur.peek_word() is None:
            name = cur.next()
            names.append(name.text)
            spans.append(name.span)
        if not names:
            cur.missing(phrase("input-names"))
        label = cur.opt_text()
        unit = None
        if cur.opt_key("unit"):
            unit = cur.text()
        cur.done()
        return ast.Input(tuple(names), label, unit, span=st.span, name_spans=tuple(spans)) if names else None

    def _part_share(self, cur) -> Decimal | None:
        """A part's share, above 0%: a part of 0% is asked of every results row and counts for
        nothing (a node's share likewise, kpidsl/syntax/lower/nodes.py)."""
        arg = cur.peek()
        value = cur.amount()
        if value is not None and value <= 0:
            self.report("K013", arg.span, key=cur.key, value=value, reason=phrase("share-above-0"))
        return value  # kept: the shares still add up (W005) as written

    def part(self, st: cst.Statement) -> ast.Part | None:
        ident, title, cur = self._header(st, phrase("part-id"))
        share = None
        unit = None
        while cur.more():
            word = cur.peek_word()
            if word == "share":
                cur.key = cur.next().text
                share = self._part_share(cur)
            elif word == "unit":
                cur.key = cur.next().text
                unit = cur.text()
            else:
                cur.done()
        if ident is None:
            return None
        where = phrase("the-part", id=ident)
        scoring: list = []
        inputs: list[ast.Input] = []
        formula = None
        description = source = None
        notes: list[ast.Note] = []
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["part"], where):
            if key == "share":
                share = self.field(s, self._part_share)
            elif key == "unit":
                unit = self.field(s, lambda c: c.text())
            elif key in SCORING_STATEMENTS:
                self.scoring_statement(key, s, scoring, inputs)
            elif key == "value":
                formula = s
            elif key == "description":
                description = self.field(s, lambda c: c.text())
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                notes.append(self._note(s))
        return ast.Part(ident, title, share, self._scoring(where, scoring, inputs, formula, st), unit, description,
                        tuple(notes), source, span=st.span, id_span=declared_id_span(st))

    # ---- policies ---------------------------------------------------------------------------------
