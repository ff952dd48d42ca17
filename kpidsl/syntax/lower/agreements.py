"""Agreements and worked examples."""

from __future__ import annotations


from ...diagnostics.phrases import phrase
from ...diagnostics.span import Span
from ...vocabulary import NODE_KINDS
from .. import ast, cst
from ..contexts import CONTEXTS, Context
from ..keywords import canonical, normalize_thai
from .base import declared_id_span
from .cursor import Cursor, Once


class AgreementMixin:
    def agreement(self, st: cst.Statement) -> ast.Agreement | None:
        ident, title, cur = self._header(st, phrase("agreement-id"))
        cur.done()
        if ident is None:
            # Read the block anyway, so the mistakes inside are reported too.
            self.agreement(cst.Statement(st.head, (cst.Name("?", span=st.head.span),), st.block, span=st.span))
            return None
        where = phrase("the-agreement", id=ident)
        once = Once(self, where)
        a: dict = dict(signatories=[], omits=[], nodes=[], notes=[])
        for key, s in self.statements(self._needs_block(st), CONTEXTS["agreement"], where):
            if key in ("framework", "fiscal_year", "organisation", "person", "assessor", "period", "plan", "round",
                       "salary", "grade", "source", "description") and not once.first(key, s.head.span, s.head.text):
                continue
            if key == "framework":
                def _fw(c: Cursor):
                    arg = c.peek()
                    fid = c.id(phrase("framework-id"))
                    year = self._year(c) if isinstance(c.peek(), cst.Number) else None
                    return (ast.Ref(fid, span=arg.span) if fid else None), year
                a["framework"], year = self.field(s, _fw)
                if year is not None:
                    a.setdefault("fiscal_year", year)
            elif key == "fiscal_year":
                a["fiscal_year"] = self.field(s, self._year)
            elif key in ("organisation", "person", "assessor", "plan", "source"):
                a[key] = self.field(s, lambda c: c.text())
            elif key == "description":
                self.field(s, lambda c: c.text())
            elif key == "signatory":
                def _sig(c: Cursor):
                    name = c.text(phrase("signatory-name-or-title"))
                    role = None
                    if c.opt_key("role"):
                        role = c.text()
                    return name, role
                name, role = self.field(s, _sig)
                if name:
                    a["signatories"].append(ast.Signatory(name, role, span=s.span))
            elif key == "period":
                a["period"] = self.field(s, lambda c: c.period())
            elif key == "round":
                a["round"] = self.field(s, lambda c: c.id(phrase("round-id")))
                a["round_span"] = s.args[0].span if s.args else s.span
            elif key == "omit":
                def _omit(c: Cursor):
                    refs = []
                    while True:
                        arg = c.peek()
                        ident_ = c.id(phrase("optional-indicator-id"))
                        if ident_:
                            refs.append(ast.Ref(ident_, span=arg.span))
                        if not c.more():
                            return refs
                a["omits"].extend(self.field(s, _omit))
            elif key == "salary":
                a["salary_span"] = s.args[0].span if s.args else s.span

                def _salary(c: Cursor):
                    amount = c.number(phrase("salary-in-baht"))
                    grade = None
                    if c.opt_key("grade"):
                        arg = c.peek()
                        gid = c.id(phrase("grade-id"))
                        grade = ast.Ref(gid, span=arg.span) if gid else None
                    return amount, grade
                a["salary"], grade = self.field(s, _salary)
                if grade:
                    a["grade"] = grade
            elif key == "population":
                a["population"] = self.field(s, lambda c: c.number(phrase("population-n")))
            elif key == "grade":
                arg = s.args[0] if s.args else None
                gid = self.field(s, lambda c: c.id(phrase("grade-id")))
                a["grade"] = ast.Ref(gid, span=arg.span) if gid else None
            elif key in NODE_KINDS:
                node = self.node(key, s)
                if node:
                    a["nodes"].append(node)
            elif key == "note":
                a["notes"].append(self._note(s))
        for k in ("signatories", "omits", "nodes", "notes"):
            a[k] = tuple(a[k])
        return ast.Agreement(ident, title, span=st.span, id_span=st.args[0].span if st.args else None, **a)

    # ---- examples -----------------------------------------------------------------------------------
    def example(self, st: cst.Statement) -> ast.Example | None:
        cur = self.cursor(st)
        first = cur.peek()
        if isinstance(first, cst.Text):
            title = cur.text()
            ident = title
        else:
            ident = cur.id(phrase("example-name"))
            title = cur.opt_text()
        cur.done()
        if ident is None:
            return None
        where = phrase("the-example", id=ident)
        e: dict = dict(given=[], expect=[], notes=[])
        once = Once(self, where)
        for key, s in self.statements(self._needs_block(st), CONTEXTS["example"], where):
            if key in ("agreement", "round", "source") and not once.first(key, s.head.span, s.head.text):
                continue
            if key == "agreement":
                arg = s.args[0] if s.args else None
                aid = self.field(s, lambda c: c.id(phrase("agreement-id")))
                e["agreement"] = ast.Ref(aid, span=arg.span) if aid else None
            elif key == "round":
                e["round"] = self.field(s, lambda c: c.id(phrase("round-id")))
                e["round_span"] = s.args[0].span if s.args else s.span
            elif key in ("given", "expect"):
                self.cursor(s).done()
                e[key].extend(self._facts(s, CONTEXTS[key]))
            elif key == "source":
                e["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                e["notes"].append(self._note(s))
        for k in ("given", "expect", "notes"):
            e[k] = tuple(e[k])
        return ast.Example(ident, title, span=st.span, id_span=declared_id_span(st), **e)

    def _facts(self, st: cst.Statement, ctx: Context) -> list[ast.Fact]:
        facts: list[ast.Fact] = []
        for key, s in self.statements(self._needs_block(st), ctx):
            if key == "note":
                self._note(s)
                continue
            self.no_block(s)
            cur = self.cursor(s)
            if key in NODE_KINDS or key == "part":
                first = cur.peek()
                sid = cur.id(phrase("subject-id", key=key))
                sid_span = first.span if first is not None else None
                if not cur.more():
                    cur.missing(phrase("field-and-value"))
                while cur.more():
                    arg = cur.next()
                    if not isinstance(arg, cst.Name):
                        cur.bad(arg, phrase("field-name"))
                        break
                    field = canonical(arg.text) or arg.text
                    cur.key = arg.text
                    start = cur.pos
                    value = self._step_done(cur) if field == "step_done" else self._fact_value(cur)
                    if value is not None and sid is not None:
                        facts.append(ast.Fact(key, sid, field, value, span=Span.to(arg.span, cur.args[cur.pos - 1].span),
                                              subject_span=sid_span, value_span=_taken(cur, start),
                                              field_span=arg.span))
            else:
                start = cur.pos
                # a submission date is a date or nothing: `submitted 20` was read as no late report
                value = cur.date(phrase("submitted-date")) if key == "submitted" else self._fact_value(cur)
                if value is not None:
                    facts.append(ast.Fact(None, None, key, value, span=s.span, value_span=_taken(cur, start),
                                          field_span=s.head.span))
            cur.done()
        return facts

    def _step_done(self, cur: Cursor) -> ast.StepDone | None:
        """``step_done 2 29 ก.พ. 2555``: the step's number, then the day it was done."""
        step = cur.integer(phrase("step-number"))
        date = cur.date(phrase("step-done-date"))
        return ast.StepDone(step, date) if step is not None and date is not None else None

    def _fact_value(self, cur: Cursor):
        arg = cur.peek()
        if cst.figure(arg) is not None:
            cur.next()
            return cst.figure(arg)
        if isinstance(arg, cst.Text):
            cur.next()
            return arg.value
        if isinstance(arg, cst.Name):
            cur.next()
            return normalize_thai(arg.text)
        if isinstance(arg, cst.DateLit):
            return cur.date()
        cur.take(lambda a: None, phrase("a-value"))
        return None

    # ---- holidays -------------------------------------------------------------------------------------


def _taken(cur: Cursor, start: int) -> Span | None:
    """Where the arguments ``cur`` read from ``start`` on are written."""
    if cur.pos <= start:
        return None
    first, last = cur.args[start].span, cur.args[cur.pos - 1].span
    return first.to(last) if first is not None and last is not None else None
