"""Rounds, rating bands, calendars and holidays."""

from __future__ import annotations

from decimal import Decimal

from ...diagnostics.phrases import phrase
from ...diagnostics.span import Span
from .. import ast, cst
from ..contexts import CONTEXTS
from .base import declared_id_span
from .cursor import Cursor, Once


class TableMixin:
    def round(self, st: cst.Statement) -> ast.Round | None:
        ident, title, cur = self._header(st, phrase("round-id"))
        if ident is None:
            cur.done()
            return None
        where = phrase("the-round", id=ident)
        once = Once(self, where)
        r: dict = dict(notes=[])
        while cur.more():
            word = cur.peek_word()
            if word in ("period", "due", "late_penalty"):
                tok = cur.next()
                cur.key = tok.text
                if once.first(word, tok.span, tok.text):
                    self._round_field(word, cur, r, tok.span)
            else:
                cur.not_inline(("period", "due", "late_penalty"), where)
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["round"], where):
            if key == "note":
                r["notes"].append(self._note(s))
            elif key == "source":
                r["source"] = self.field(s, lambda c: c.text())
            elif once.first(key, s.head.span, s.head.text):
                self.no_block(s)
                c = self.cursor(s)
                self._round_field(key, c, r, s.head.span)
                c.done()
        r["notes"] = tuple(r["notes"])
        return ast.Round(ident, title, span=st.span, id_span=declared_id_span(st), **r)

    def _round_field(self, key: str, cur: Cursor, r: dict, span: Span | None) -> None:
        if key == "period":
            r["period"] = cur.period()
        elif key == "due":
            r["due"] = cur.date()
        elif key == "late_penalty":
            arg = cur.peek()
            amount = cur.number(phrase("points-per-day-late"))
            if amount is not None and amount <= 0:
                # 0 a day late takes nothing off however late a report is: the round says it has a
                # penalty and the scorer never applies one (seed 002's is 0.0500 a working day)
                self.report("K013", arg.span, key=cur.key, value=amount, reason=phrase("penalty-above-0"))
                amount = None
            per = "working_day"
            if cur.opt_key("per"):
                per = cur.word("per") or per
            if amount is not None:
                r["late_penalty"] = ast.Penalty(amount, per, span=span)

    def bands(self, st: cst.Statement, default_id: str | None) -> ast.Bands | None:
        ident, title, cur = self._header(st, phrase("bands-table-id"), default_id)
        cur.done()
        if ident is None:
            return None
        where = phrase("the-bands", id=ident)
        low = high = None
        range_span = None
        source = None
        notes: list[ast.Note] = []
        bands: list[ast.Band] = []
        once = Once(self, where)
        for key, s in self.statements(self._needs_block(st), CONTEXTS["bands"], where):
            if key == "range" and once.first(key, s.head.span, s.head.text):
                low, high = self.field(s, self._number_range)
                range_span = s.span
            elif key == "band":
                band = self.band(s)
                if band:
                    bands.append(band)
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                notes.append(self._note(s))
        return ast.Bands(ident, title, low, high, tuple(bands), range_span=range_span, source=source,
                         notes=tuple(notes), span=st.span, id_span=declared_id_span(st))

    def _number_range(self, cur: Cursor) -> tuple[Decimal | None, Decimal | None]:
        arg = cur.peek()
        if isinstance(arg, cst.Range):
            cur.next()
            lo = arg.low.value if isinstance(arg.low, cst.Number) else None
            hi = arg.high.value if isinstance(arg.high, cst.Number) else None
            if lo is None or hi is None:
                cur.bad(arg, phrase("two-numbers"))
            return lo, hi
        lo = cur.number(phrase("lowest-score"))
        hi = cur.number(phrase("highest-score"))
        return lo, hi

    def band(self, st: cst.Statement) -> ast.Band | None:
        ident, title, cur = self._header(st, phrase("band-id"))
        lower = upper = None
        raise_: ast.RaiseRange | None = None
        no_raise = False
        notes: list[ast.Note] = []
        while cur.more():
            arg = cur.peek()
            if isinstance(arg, cst.Compare) and isinstance(arg.value, cst.Number):
                cur.next()
                bound = ast.Bound(arg.op, arg.value.value, span=arg.span)
                if arg.op in (">", ">=") and lower is None:
                    lower = bound
                elif arg.op in ("<", "<=") and upper is None:
                    upper = bound
                else:
                    cur.bad(arg, phrase("lower-and-upper"))
            elif cur.peek_word() == "raise":
                cur.key = cur.next().text
                raise_, no_raise = self._raise(cur)
            else:
                cur.not_inline(("raise",), phrase("the-band", id=ident))
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["band"]):
            if key == "raise":
                raise_, no_raise = self.field(s, self._raise)
            elif key in ("note", "source"):
                notes.append(self._note(s))
        if ident is None:
            return None
        return ast.Band(ident, title, lower, upper, raise_, no_raise, tuple(notes), span=st.span, id_span=declared_id_span(st))

    def _raise(self, cur: Cursor) -> tuple[ast.RaiseRange | None, bool]:
        arg = cur.peek()
        if cur.peek_word() == "none":
            cur.next()
            return None, True
        if isinstance(arg, cst.Range) and all(isinstance(v, (cst.Number, cst.Percent)) for v in (arg.low, arg.high)):
            cur.next()
            return ast.RaiseRange(arg.low.value, arg.high.value, span=arg.span), False
        value = cur.amount(phrase("raise-percentage"))
        if value is None:
            return None, False
        return ast.RaiseRange(value, value, span=arg.span), False

    def calendar(self, st: cst.Statement, default_id: str | None) -> ast.Calendar | None:
        ident, title, cur = self._header(st, phrase("calendar-id"), default_id)
        cur.done()
        if ident is None:
            return None
        where = phrase("the-calendar", id=ident)
        year = source = period = None
        notes: list[ast.Note] = []
        activities: list[ast.Activity] = []
        once = Once(self, where)
        for key, s in self.statements(self._needs_block(st), CONTEXTS["calendar"], where):
            if key == "fiscal_year" and once.first(key, s.head.span, s.head.text):
                year = self.field(s, self._year)
            elif key == "period" and once.first(key, s.head.span, s.head.text):
                period = self.field(s, lambda c: c.period())
            elif key == "activity":
                act = self.activity(s)
                if act:
                    activities.append(act)
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                notes.append(self._note(s))
        return ast.Calendar(ident, title, year, tuple(activities), source, tuple(notes), span=st.span,
                            id_span=declared_id_span(st), period=period)

    def activity(self, st: cst.Statement) -> ast.Activity | None:
        ident, title, cur = self._header(st, phrase("activity-number-or-id"))
        a: dict = dict(when=[], responsible=[], related=[], notes=[])
        while cur.more():
            word = cur.peek_word()
            if word in ("when", "due", "responsible", "related"):
                cur.key = cur.next().text
                self._activity_field(word, cur, a)
            else:
                cur.not_inline(("when", "due", "responsible", "related"), phrase("the-activity", id=ident))
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["activity"]):
            if key == "note":
                a["notes"].append(self._note(s))
            elif key == "source":
                a["source"] = self.field(s, lambda c: c.text())
            else:
                self.no_block(s)
                c = self.cursor(s)
                self._activity_field(key, c, a)
                c.done()
        if ident is None:
            return None
        for k in ("when", "responsible", "related", "notes"):
            a[k] = tuple(a[k])
        return ast.Activity(ident, title, span=st.span, id_span=declared_id_span(st), **a)

    def _activity_field(self, key: str, cur: Cursor, a: dict) -> None:
        if key == "when":
            first = cur.period()
            if first:
                a["when"].append(first)
            while isinstance(cur.peek(), (cst.DateLit, cst.Range)):
                more = cur.period()
                if more:
                    a["when"].append(more)
        elif key == "due":
            a["due"] = cur.date()
        elif key == "responsible":
            a["responsible"].extend(self._texts(cur))
        elif key == "related":
            a["related"].extend(self._texts(cur))

    # ---- individuals -------------------------------------------------------------------------------
    def holidays(self, st: cst.Statement) -> ast.Holidays:
        self.cursor(st).done()
        h: dict = dict(add=[], remove=[])
        for key, s in self.statements(self._needs_block(st), CONTEXTS["holidays"]):
            if key == "country":
                h["country_span"] = s.args[0].span if s.args else s.span
                h["country"] = self.field(
                    s, lambda c: c.take(lambda a: a.text if isinstance(a, cst.Name) else
                                        (a.value if isinstance(a, cst.Text) else None),
                                        phrase("country-code-example")))
            elif key in ("add", "remove"):
                def _change(c: Cursor):
                    date = c.period()
                    return date, c.opt_text()
                date, name = self.field(s, _change)
                if date:
                    h[key].append(ast.HolidayChange(date, name, span=s.span))
            elif key == "source":
                h["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                self._note(s)
        return ast.Holidays(h.get("country"), tuple(h["add"]), tuple(h["remove"]), h.get("source"), span=st.span,
                            country_span=h.get("country_span"))
