"""Indicators and the other nodes of an indicator tree, with their template fields."""

from __future__ import annotations

import attrs

from ...diagnostics.hints import hint
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import Bi
from ...diagnostics.span import Span
from ...vocabulary import NODE_KINDS
from .. import ast, cst
from ..contexts import CONTEXTS
from ..keywords import BY_CANONICAL
from ..limits import MAX_TREE_DEPTH
from .cursor import INLINE_NODE_FIELDS, as_id, Cursor, Once
from .scoring import SCORING_STATEMENTS

# A template statement's keyword → the Template attribute it fills.
_TEMPLATE_ATTRS = {"description": "description", "formula": "formula_text", "reason": "reason", "kind": "kind",
                   "importance": "importance", "definition": "definitions", "condition": "conditions",
                   "baseline": "baselines", "owner": "owners", "supervisor": "supervisors",
                   "collector": "collectors", "evidence": "evidence", "task": "task",
                   "key_result": "key_result"}


class NodeMixin:
    def node(self, kind: str, st: cst.Statement, depth: int = 1) -> ast.Node | None:
        """The node ``st`` declares, ``depth`` levels down its tree (1 at the top)."""
        kind_words = (kind, BY_CANONICAL[kind].th[0])
        ident, title, cur = self._header(st, phrase("node-id", kind=Bi(*kind_words)))
        if ident is None:
            cur.done()
            return None
        where = phrase("the-node", kind=Bi(*kind_words), id=ident)
        if depth > MAX_TREE_DEPTH:
            # Reported once, at the first node past the limit; what it holds is not read.
            self.report("S009", st.head.span, node=where, depth=depth, limit=MAX_TREE_DEPTH)
            return None
        once = Once(self, where)
        n: dict = dict(children=[], notes=[], groups=[])
        t: dict = dict(definitions=[], conditions=[], baselines=[], owners=[], supervisors=[], collectors=[],
                       evidence=[])
        scoring: list[tuple[str, object, Span | None]] = []
        inputs: list[ast.Input] = []
        formula: cst.Formula | None = None
        # Inline fields on the header line: kpi 5 "…" weight 7 optional -> 1.1
        while cur.more():
            arg = cur.peek()
            word = cur.peek_word()
            if word in INLINE_NODE_FIELDS:
                cur.next()
                cur.key = arg.text
                if once.first(word, arg.span, arg.text):
                    self._node_field(word, cur, n, arg.span)
            else:
                cur.key = st.head.text
                cur.not_inline(INLINE_NODE_FIELDS, where)
                break
        stmts = st.block.statements if st.block else ()
        for key, s in self.statements(stmts, CONTEXTS["node"], where):
            if key == "value":
                if formula is not None:
                    self.report("K004", s.span, key=s.keyword, context=where,
                                line=formula.span.line if formula.span else "?")
                else:
                    formula = s
                continue
            if key in INLINE_NODE_FIELDS or key in ("scale", "source", "description", "formula", "reason", "kind",
                                                      "importance", "cascade", "agreed_kpis"):
                if not once.first(key, s.head.span, s.head.text):
                    continue
            if key in INLINE_NODE_FIELDS:
                self.no_block(s)
                c = self.cursor(s)
                self._node_field(key, c, n, s.head.span)
                c.done()
            elif key in NODE_KINDS:
                child = self.node(key, s, depth + 1)
                if child:
                    n["children"].append(child)
            elif key == "scale" and kind not in ("competency", "component"):
                # a scale scores a competency, its own or its component's (check/overlay.py scale_of):
                # on a perspective, a dimension or a kpi nothing reads it, and the kpi's score would be
                # taken as given, 0–5, without a word
                self.report("K002", s.head.span, word=s.head.text, context=where,
                            places="a competency or a component", places_th="สมรรถนะหรือองค์ประกอบ")
            elif key == "scale":
                ref = self.field(s, lambda c: c.id(phrase("scale-id")))
                # the name's own span, as every other reference: a misspelt name is underlined, not `scale`
                n["scale"] = ast.Ref(ref, span=s.args[0].span) if ref else None
            elif key == "agreed_kpis":
                self.field(s, lambda c: None)
                n["agreed_kpis"] = True
            elif key in SCORING_STATEMENTS:
                self.scoring_statement(key, s, scoring, inputs)
            elif key == "weighted_average":
                scoring.append(("weighted_average", self.weighted_average(s), s.span))
            elif key == "part":
                part = self.part(s)
                if part:
                    scoring.append(("part", part, s.span))
            elif key == "cascade":
                n["cascade"] = self.field(s, lambda c: self._cascade(c, s))
            elif key == "limit":
                self.report("K002", s.head.span, word=s.head.text, context=where,
                            places="a framework", places_th="กรอบ")
            elif key == "source":
                n["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                n["notes"].append(self._note(s))
            elif key == "group":
                group = self.field(s, self._group)
                if group is not None:
                    n["groups"].append(attrs.evolve(group, span=s.span))
            else:
                self._template_field(key, s, t)
        scoring_node = self._scoring(where, scoring, inputs, formula, st)
        sources = tuple(t.pop("sources", {}).items())
        template = ast.Template(**{k: tuple(v) if isinstance(v, list) else v for k, v in t.items()}, sources=sources)
        return ast.Node(
            kind=kind,
            id=ident,
            title=title,
            scoring=scoring_node,
            template=template,
            children=tuple(n.pop("children")),
            notes=tuple(n.pop("notes")),
            groups=tuple(n.pop("groups")),
            span=st.span,
            id_span=st.args[0].span if st.args else None,
            **n,
        )

    @staticmethod
    def _group(c: Cursor) -> ast.Group | None:
        """``group "heading" kpi 1 2``: the heading, then the ids of the indicators under it
        (the word ``kpi`` before them may be left out)."""
        title_arg = c.peek()
        title = c.text(phrase("group-heading-in-quotes"))
        c.opt_word("kpi")
        members = []
        while c.more():
            arg = c.peek()
            ident = c.id(phrase("heading-indicator-id"))
            if ident is None:
                break
            members.append(ast.Ref(ident, span=arg.span))
        return ast.Group(title, tuple(members), title_span=title_arg.span if title_arg else None) \
            if title is not None else None

    def _node_field(self, key: str, cur: Cursor, n: dict, span: Span | None) -> None:
        if key == "weight":
            n["weight"] = self._weight(cur, span)
        elif key == "optional":
            n["optional"] = self._optional(cur, span)
        elif key == "share":
            # a component of 0% is scored and counts for nothing (seed 001 ว 20/52 ข้อ 3: at least
            # two components, each with its share)
            self._above_0(cur, cur.amount, "share", n, phrase("share-above-0"))
        elif key == "unit":
            n["unit"] = cur.text()
        elif key == "target":
            n["target"] = cur.signed_amount()
        elif key == "multiplier":
            # the scorer reads a multiplier of 0 as one left out, × 1 (kpidsl/score/evaluate/kinds.py
            # component): a component × 0 would count for nothing while its share says otherwise
            self._above_0(cur, cur.number, "multiplier", n, phrase("multiplier-above-0"))

    def _above_0(self, cur: Cursor, read, attr: str, n: dict, reason: str) -> None:
        """Read a figure that must be above 0 into ``n[attr]``; 0 or less is K013 at it."""
        arg = cur.peek()
        value = read()
        if value is not None and value <= 0:
            self.report("K013", arg.span, key=cur.key, value=value, reason=reason)
            return
        n[attr] = value

    def _weight(self, cur: Cursor, span: Span | None) -> ast.Weight | None:
        arg = cur.peek()
        if cur.peek_word() == "agreed":
            cur.next()
            return ast.Weight(None, agreed=True, span=arg.span)
        value = cur.amount(phrase("weight-value"))
        if value is None:
            return None
        return ast.Weight(value, span=arg.span if arg else span)

    def _optional(self, cur: Cursor, span: Span | None) -> ast.Optional:
        arg = cur.peek()
        if isinstance(arg, cst.Arrow):
            cur.next()
            target = as_id(arg.target)
            if target is None:
                cur.bad(arg.target, phrase("sibling-indicator-id"))
                return ast.Optional(span=span)
            return ast.Optional(to=ast.Ref(target, span=arg.target.span), span=span)
        if cur.opt_word("proportional"):
            return ast.Optional(proportional=True, span=span)
        return ast.Optional(span=span)

    def _template_field(self, key: str, s: cst.Statement, t: dict) -> None:
        attr = _TEMPLATE_ATTRS.get(key)
        if attr is not None and s.span is not None:
            t.setdefault("sources", {}).setdefault(attr, s.span)
        if key == "description":
            t["description"] = self.field(s, lambda c: c.text())
        elif key == "formula":
            t["formula_text"] = self.field(s, lambda c: c.text())
        elif key == "reason":
            t["reason"] = self.field(s, lambda c: c.text())
        elif key == "task":
            t["task"] = self.field(s, lambda c: c.text())
        elif key == "key_result":
            t["key_result"] = self.field(s, lambda c: c.text())
        elif key == "kind":
            t["kind"] = self.field(s, lambda c: c.word("kind"))
        elif key == "importance":
            t["importance"] = self.field(s, lambda c: c.word("importance"))
        elif key == "definition":
            texts = self.field(s, self._texts)
            if len(texts) == 1:
                t["definitions"].append(ast.Definition(None, texts[0], span=s.span))
            elif len(texts) >= 2:
                t["definitions"].append(ast.Definition(texts[0], " ".join(texts[1:]), span=s.span))
        elif key == "condition":
            t["conditions"].extend(self.field(s, self._texts))
        elif key == "baseline":
            b = self.field(s, lambda c: self._baseline(c, s))
            if b:
                t["baselines"].append(b)
        elif key == "owner":
            t["owners"].extend(self.field(s, self._texts))
        elif key == "supervisor":
            t["supervisors"].extend(self.field(s, self._texts))
        elif key == "collector":
            t["collectors"].extend(self.field(s, self._texts))
        elif key == "evidence":
            t["evidence"].extend(self.field(s, self._texts))

    def _baseline(self, cur: Cursor, st: cst.Statement) -> ast.Baseline | None:
        year = self._year(cur)
        if year is None:
            return None
        arg = cur.peek()
        if cst.figure(arg) is not None:
            cur.next()
            return ast.Baseline(year, cst.figure(arg), cur.opt_text(), span=st.span)
        if isinstance(arg, cst.Text):
            cur.next()
            return ast.Baseline(year, None, arg.value, span=st.span)
        cur.take(lambda a: None, phrase("result-of-that-year"))
        return None

    def _cascade(self, cur: Cursor, st: cst.Statement) -> ast.Cascade | None:
        mode = cur.word("cascade")
        cur.opt_word("from")
        a_arg = cur.peek()
        agreement = cur.id(phrase("superior-agreement-id"))
        k_arg = cur.peek()
        kpi = cur.id(phrase("superior-indicator-id"))
        if mode is None or agreement is None or kpi is None:
            return None
        return ast.Cascade(mode, ast.Ref(agreement, span=a_arg.span), ast.Ref(kpi, span=k_arg.span), span=st.span)

    def _scoring(self, where, scoring, inputs, formula, st) -> ast.Scoring | None:
        parts = [p for kind, p, _ in scoring if kind == "part"]
        methods: list[tuple[Bi, object, Span | None]] = []  # how it is scored, said in K012
        ladders = [(p, s) for kind, p, s in scoring if kind == "ladder"]
        if formula is not None:
            ladder = ladders.pop(0)[0] if ladders else None
            methods.append((phrase("method-formula"),
                            ast.FormulaScoring(tuple(inputs), formula.expr, ladder, span=formula.span), formula.span))
        elif inputs:
            self.report("K003", inputs[0].span, context=where, key="value",
                        **hint("inputs-need-formula"))
        for ladder, span in ladders:
            methods.append((phrase("method-ladder"), ast.LadderScoring(ladder, span=span), span))
        for kind, p, span in scoring:
            if kind == "milestones":
                methods.append((phrase("method-milestones"), ast.MilestoneScoring(p, span=span), span))
            elif kind == "weighted_average":
                methods.append((phrase("method-weighted-average"), p, span))
            elif kind == "owner_score":
                methods.append((phrase("method-owner-score"), p, span))
        if parts:
            methods.append((phrase("method-parts"), ast.Composite(tuple(parts), span=parts[0].span), parts[0].span))
        methods.sort(key=lambda m: (m[2].line, m[2].column) if m[2] else (0, 0))
        if len(methods) > 1:
            first, second = methods[0], methods[1]
            if first[0] == second[0]:
                # "a ladder" twice: "one ladder" and "another"
                method = Bi(first[0].en.removeprefix("a "), first[0].th)
                first = (phrase("one-method", method=method),) + first[1:]
                second = (phrase("another-method"),) + second[1:]
            self.report("K012", ast.header_span(second[1]), node=where, first=first[0], second=second[0])
        return methods[0][1] if methods else None

    # ---- scoring constructs ---------------------------------------------------------------------
