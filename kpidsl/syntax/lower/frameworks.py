"""Frameworks and policy blocks."""

from __future__ import annotations


import attrs

from ...diagnostics.phrases import phrase
from ...score_range import HIGHEST_SCORE, LOWEST_SCORE
from ...vocabulary import NODE_KINDS
from .. import ast, cst
from ..contexts import CONTEXTS
from .base import declared_id_span
from .cursor import Cursor, Once


class FrameworkMixin:
    def framework(self, st: cst.Statement) -> ast.Framework | None:
        ident, title, cur = self._header(st, phrase("framework-own-id"))
        cur.done()
        if ident is None:
            # Read the block anyway, so the mistakes inside are reported too.
            self.framework(cst.Statement(st.head, (cst.Name("?", span=st.head.span),), st.block, span=st.span))
            return None
        where = phrase("the-framework", id=ident)
        once = Once(self, where)
        f: dict = dict(notes=[], nodes=[], rounds=[], calendars=[], limits=[], scales=[], strategies=[],
                       evidence=[], agreement_requires=[])
        for key, s in self.statements(self._needs_block(st), CONTEXTS["framework"], where):
            if key in ("level", "fiscal_year", "policy", "bands", "salary", "sample_size", "source", "description") \
                    and not once.first(key, s.head.span, s.head.text):
                continue
            if key == "level":
                f["level"] = self.field(s, lambda c: c.word("level"))
            elif key == "fiscal_year":
                f["fiscal_year"] = self.field(s, self._year)
                f["fiscal_year_written"] = True
            elif key == "source":
                f["source"] = self.field(s, lambda c: c.text())
            elif key == "description":
                self.field(s, lambda c: c.text())
            elif key == "note":
                f["notes"].append(self._note(s))
            elif key == "policy":
                f["policy"] = self.policy(s)
            elif key in NODE_KINDS:
                node = self.node(key, s)
                if node:
                    f["nodes"].append(node)
            elif key == "round":
                rnd = self.round(s)
                if rnd:
                    f["rounds"].append(rnd)
            elif key == "bands":
                f["bands"] = self._ref_or_inline(s, self.bands, f"{ident}.bands")
            elif key == "calendar":
                ref = self._ref_or_inline(s, self.calendar, f"{ident}.calendar")
                if ref:
                    f["calendars"].append(ref)
            elif key == "limit":
                lim = self.limit(s)
                if lim:
                    f["limits"].append(lim)
            elif key == "salary":
                f["salary"] = self.salary(s)
            elif key == "scale":
                sc = self.scale(s)
                if sc:
                    f["scales"].append(sc)
            elif key == "strategy":
                sg = self.field(s, lambda c: (c.id(phrase("strategy-number")), c.text()))
                if sg[0] is not None and sg[1] is not None:
                    f["strategies"].append(ast.Strategy(sg[0], sg[1], span=s.span, id_span=declared_id_span(s)))
            elif key == "sample_size":
                cur = self.cursor(s)
                sample = self._sample_size(cur, s)
                cur.done()
                if sample is not None and s.block is not None:
                    sample = self._sample_table(sample, s)
                f["sample_size"] = sample
            elif key == "evidence":
                f["evidence"].extend(self.field(s, self._texts))
            elif key == "agreement_requires":
                f["agreement_requires"].extend(self.field(s, lambda c: self._words(c, "agreement_requires")))
        for k in ("notes", "nodes", "rounds", "calendars", "limits", "scales", "strategies", "evidence",
                  "agreement_requires"):
            f[k] = tuple(f[k])
        return ast.Framework(ident, title, span=st.span, id_span=st.args[0].span if st.args else None, **f)

    def _ref_or_inline(self, st: cst.Statement, build, default_id: str) -> ast.Ref | None:
        """``bands ID`` refers to a table declared elsewhere; ``bands { … }``
        declares one here (hoisted to the file's declarations)."""
        if st.block is None:
            cur = self.cursor(st)
            ident = cur.id(phrase("table-id"))
            cur.done()
            return ast.Ref(ident, span=st.args[0].span) if ident else None
        decl = build(st, default_id)
        if decl is None:
            return None
        self.hoisted.append(decl)
        return ast.Ref(decl.id, span=st.head.span)

    def _sample_size(self, cur: Cursor, st: cst.Statement) -> ast.SampleSize | None:
        method = cur.word("sample_size")
        arg = cur.peek()
        error = cur.amount(phrase("accepted-error"))
        if method is None or error is None:
            return None
        if isinstance(arg, cst.Percent):
            error = error / 100
        return ast.SampleSize(method, error, span=st.span)

    def _sample_table(self, sample: ast.SampleSize, st: cst.Statement) -> ast.SampleSize:
        """``sample_size yamane 5% { rounding half_up; population < 500 -> 222 … }``: the rounding
        of n and the rows of the table a rule file writes (seed 003 slide 52)."""
        rounding = source = None
        rows: list[ast.SampleRow] = []
        once = Once(self, phrase("sample-size-rule"))
        for key, s in self.statements(st.block.statements, CONTEXTS["sample_size"]):
            if key == "note":
                self._note(s)
            elif key == "source" and once.first(key, s.head.span, s.head.text):
                source = self.field(s, lambda c: c.text())
            elif key == "rounding" and once.first(key, s.head.span, s.head.text):
                rounding = self.field(s, lambda c: c.word("rounding"))
            elif key == "population":
                row = self.field(s, lambda c: self._sample_row(c, s))
                if row is not None:
                    rows.append(row)
        return attrs.evolve(sample, rounding=rounding, rows=tuple(rows), source=source)

    def _sample_row(self, cur: Cursor, st: cst.Statement) -> ast.SampleRow | None:
        what = phrase("population-ranges")

        def bounds(a: cst.Arg):
            if isinstance(a, cst.Compare) and isinstance(a.value, cst.Number):
                side = (a.op, a.value.value)
                return (None, side) if a.op in ("<", "<=") else (side, None)
            if isinstance(a, cst.Range) and isinstance(a.low, cst.Number) and isinstance(a.high, cst.Number):
                return ((">=", a.low.value), ("<=", a.high.value))
            if isinstance(a, cst.Number):
                return ((">=", a.value), ("<=", a.value))
            return None
        found = cur.take(bounds, what)
        n = cur.take(lambda a: a.target.value if isinstance(a, cst.Arrow) and isinstance(a.target, cst.Number)
                     and a.target.value == a.target.value.to_integral_value() and a.target.value > 0 else None,
                     phrase("sample-size-after-arrow"))
        if found is None or n is None:
            return None
        return ast.SampleRow(found[0], found[1], n, span=st.span)

    # ---- indicators and other nodes ----------------------------------------------------------
    def policy(self, st: cst.Statement) -> ast.Policy:
        self.cursor(st).done()
        settings: list[ast.Setting] = []
        once = Once(self, phrase("policy-block"))
        for key, s in self.statements(self._needs_block(st), CONTEXTS["policy"]):
            if key in ("note", "source"):
                self._note(s)
                continue
            if not once.first(key, s.head.span, s.head.text):
                continue
            value = self.field(s, lambda c: self._setting(key, c))
            if value is not None:
                settings.append(ast.Setting(key, value, span=s.span))
        return ast.Policy(tuple(settings), span=st.span)

    def _setting(self, key: str, cur: Cursor):
        if key in ("interpolate", "rounding", "round_at", "redistribute", "milestone_count", "late_step",
                   "scale_score", "agreement_ladder"):
            word = cur.word(key)
            return "whole" if word == "none" and key == "interpolate" else word
        if key == "penalty_floor" and cur.opt_word("none"):
            return "none"  # no floor (kpidsl/penalty_floor.py); a number is read below
        if key == "decimals":
            arg = cur.peek()
            value = cur.integer()
            if value is not None and not 0 <= value <= 10:
                self.report("K013", arg.span, key=cur.key, value=value, reason=phrase("decimals-0-to-10"))
                return None
            return value
        arg = cur.peek()
        value = cur.number()
        if value is not None and not LOWEST_SCORE <= value <= HIGHEST_SCORE:
            self.report("K013", arg.span, key=cur.key, value=value, reason=phrase("scores-0-to-5"))
            return None
        return value

    # ---- rounds, bands, calendars ---------------------------------------------------------------
