"""Lowering: from the statement tree (cst) to the rule AST (ast).

Each block is read through its context (contexts.py). Every statement is
either understood or reported: an unknown key (did you mean…), a key in the
wrong block (it belongs in…), a missing or surplus argument, a field given
twice. Lowering never stops at the first problem; it keeps what it could read.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterator, Sequence

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import Span
from ..thai import to_arabic
from . import ast, cst
from .contexts import CONTEXTS, Context, places
from .dates import DateParts
from .keywords import BY_CANONICAL, BY_SPELLING, canonical, normalize_thai, suggest
from .parser import ERROR_HEAD

LEVELS = ("province_group", "province", "provincial_agency", "ministry", "department", "work_group", "individual")
NODE_KINDS = ("perspective", "dimension", "kpi", "component", "competency")
_INLINE_NODE_FIELDS = ("weight", "optional", "share", "unit", "target", "multiplier")
_WORD_KINDS = {
    "level": LEVELS,
    "direction": ("higher", "lower"),
    "interpolate": ("linear", "whole", "none"),
    "rounding": ("half_up", "half_even", "up", "down"),
    "round_at": ("total", "indicator_level"),
    "redistribute": ("proportional", "none"),
    "kind": ("quantity", "quality", "timeliness", "cost"),
    "importance": ("high", "medium", "low"),
    "cascade": ("direct", "split", "partial"),
    "severity": ("warning", "error"),
    "base": ("midpoint",),
    "sample_size": ("yamane",),
    "per": ("working_day", "day"),
    "limit": ("kpis", "share", "bands", "band"),
    "agreement_requires": (
        "signatory", "period", "plan", "kpi", "weight", "baseline", "target", "ladder", "description",
        "definition", "formula", "condition",
    ),
}
_WORD_NAMES = {
    "level": ("level", "ระดับ"),
    "direction": ("direction", "ทิศทาง"),
    "interpolate": ("interpolation", "การเทียบสัดส่วน"),
    "rounding": ("rounding rule", "วิธีปัดเศษ"),
    "round_at": ("rounding point", "จุดที่ปัดเศษ"),
    "redistribute": ("redistribution", "การโอนน้ำหนัก"),
    "kind": ("indicator kind", "ประเภทตัวชี้วัด"),
    "importance": ("importance", "ความสำคัญ"),
    "cascade": ("cascade mode", "วิธีถ่ายทอด"),
    "severity": ("severity", "ระดับความรุนแรง"),
    "base": ("salary base", "ฐานการคำนวณ"),
    "sample_size": ("sample-size method", "วิธีคำนวณขนาดตัวอย่าง"),
    "per": ("unit of delay", "หน่วยของความล่าช้า"),
    "limit": ("limit subject", "สิ่งที่จำกัด"),
    "agreement_requires": ("agreement content", "ส่วนของคำรับรอง"),
}


def _spell(canon: str) -> str:
    return BY_CANONICAL[canon].en[0]


class _Cursor:
    """Reads a statement's arguments left to right, reporting what does not fit."""

    def __init__(self, lw: "Lowerer", key: str, args: Sequence[cst.Arg], anchor: Span | None):
        self.lw = lw
        self.key = key
        self.args = list(args)
        self.pos = 0
        self.anchor = anchor

    # -- inspection
    def more(self) -> bool:
        return self.pos < len(self.args)

    def peek(self) -> cst.Arg | None:
        return self.args[self.pos] if self.more() else None

    def next(self) -> cst.Arg:
        arg = self.args[self.pos]
        self.pos += 1
        return arg

    def peek_word(self) -> str | None:
        """The canonical keyword of the next argument, if it is one."""
        arg = self.peek()
        return canonical(arg.text) if isinstance(arg, cst.Name) else None

    def end_span(self) -> Span | None:
        if self.args:
            s = self.args[-1].span
            return Span(s.path, s.end_line, s.end_column, s.end_line, s.end_column + 1)
        return self.anchor

    # -- reporting
    def missing(self, expected: tuple[str, str], hint: tuple[str, str] = ("", "")) -> None:
        self.lw.report("K008", self.end_span(), key=self.key, expected=expected[0], expected_th=expected[1],
                       hint=hint[0], hint_th=hint[1])

    def bad(self, arg: cst.Arg, expected: tuple[str, str], hint: tuple[str, str] = ("", "")) -> None:
        found = cst.describe(arg)
        self.lw.report("K005", arg.span, key=self.key, expected=expected[0], expected_th=expected[1],
                       found=found[0], found_th=found[1], hint=hint[0], hint_th=hint[1])

    def done(self) -> None:
        """Report everything left over."""
        while self.more():
            arg = self.next()
            found = cst.describe(arg)
            hint = ("", "")
            word = canonical(arg.text) if isinstance(arg, cst.Name) else None
            if word:
                hint = (f"`{arg.text}` cannot follow `{self.key}` on this line; put it on a line of its own",
                        f"`{arg.text}` ตามหลัง `{self.key}` ในบรรทัดนี้ไม่ได้ ให้ขึ้นบรรทัดใหม่")
            self.lw.report("K006", arg.span, key=self.key, found=found[0], found_th=found[1],
                           hint=hint[0], hint_th=hint[1])
            return  # one report per line is enough

    # -- typed reads; each reports and returns None when the argument does not fit
    def take(self, accept: Callable[[cst.Arg], object], expected: tuple[str, str],
             hint: tuple[str, str] = ("", "")):
        if not self.more():
            self.missing(expected, hint)
            return None
        arg = self.peek()
        value = accept(arg)
        if value is None:
            self.bad(arg, expected, hint)
            self.pos += 1
            return None
        self.pos += 1
        return value

    def id(self, what: tuple[str, str]):
        return self.take(_as_id, what)

    def text(self, what: tuple[str, str] = ("text in quotes", "ข้อความในเครื่องหมายคำพูด")) -> str | None:
        return self.take(lambda a: a.value if isinstance(a, cst.Text) else None, what)

    def number(self, what: tuple[str, str] = ("a number", "ตัวเลข")) -> Decimal | None:
        return self.take(lambda a: a.value if isinstance(a, cst.Number) else None, what)

    def amount(self, what: tuple[str, str] = ("a number or a percentage", "ตัวเลขหรือร้อยละ")) -> Decimal | None:
        """A number or a percentage, as the number written (50% → 50)."""
        return self.take(lambda a: a.value if isinstance(a, (cst.Number, cst.Percent)) else None, what)

    def integer(self, what: tuple[str, str] = ("a whole number", "จำนวนเต็ม")) -> int | None:
        value = self.take(
            lambda a: a.value if isinstance(a, cst.Number) and a.value == a.value.to_integral_value() else None, what
        )
        return int(value) if value is not None else None

    def opt_text(self) -> str | None:
        if isinstance(self.peek(), cst.Text):
            return self.next().value
        return None

    def opt_word(self, *canons: str) -> str | None:
        word = self.peek_word()
        if word in canons:
            self.pos += 1
            return word
        return None

    def word(self, kind: str) -> str | None:
        """One of the words of ``kind`` (see _WORD_KINDS), with did-you-mean."""
        choices = _WORD_KINDS[kind]
        what = _WORD_NAMES[kind]
        if not self.more():
            self.missing(what, (f"one of: {', '.join(_spell(c) for c in choices)}", ""))
            return None
        arg = self.next()
        word = canonical(arg.text) if isinstance(arg, cst.Name) else None
        if word in choices:
            return word
        if word == "none" and "none" in choices:
            return word
        text = arg.text if isinstance(arg, cst.Name) else cst.describe(arg)[0]
        guess = suggest(text, choices) if isinstance(arg, cst.Name) else None
        self.lw.report(
            "K007", arg.span, word=text, what=what[0], what_th=what[1],
            choices=" ".join(_both(c) for c in choices),
            hint=f"did you mean `{guess}`?" if guess else "", hint_th=f"หมายถึง `{guess}` หรือไม่" if guess else "",
        )
        return None

    def date(self, what: tuple[str, str] = ("a date", "วันที่")) -> ast.DateRef | None:
        return self.take(lambda a: self.lw.date_ref(a), what)

    def period(self) -> ast.DateRef | None:
        return self.take(lambda a: self.lw.date_ref(a, allow_range=True), ("a date or a range of dates", "วันที่หรือช่วงวันที่"))


def _both(canon: str) -> str:
    kw = BY_CANONICAL[canon]
    return f"{kw.en[0]}/{kw.th[0]}"


def _as_id(arg: cst.Arg) -> str | None:
    if isinstance(arg, cst.Name):
        return normalize_thai(arg.text)
    if isinstance(arg, (cst.Number, cst.Dotted)):
        return arg.text
    return None


class _Once:
    """Tracks fields that may be given once per block."""

    def __init__(self, lw: "Lowerer", context: tuple[str, str]):
        self.lw = lw
        self.context = context
        self.seen: dict[str, Span] = {}

    def first(self, key: str, span: Span | None, written: str) -> bool:
        if key in self.seen:
            self.lw.report("K004", span, key=written, context=self.context[0], context_th=self.context[1],
                           line=self.seen[key].line if self.seen[key] else "?")
            return False
        self.seen[key] = span
        return True


class Lowerer:
    def __init__(self, doc: cst.Document, skipped_lines: frozenset[int] = frozenset()):
        self.doc = doc
        self.skipped = skipped_lines
        self.diags: list[Diagnostic] = []
        self.hoisted: list[ast.Declaration] = []

    def report(self, code: str, span: Span | None, **args) -> None:
        self.diags.append(CODES[code].at(span, **args))

    # ---- walking blocks ----------------------------------------------------------------
    def statements(self, stmts: Sequence[cst.Stmt], ctx: Context, where: tuple[str, str] | None = None
                   ) -> Iterator[tuple[str, cst.Stmt]]:
        """Yield (key, statement) for each statement ``ctx`` allows; report the rest.
        Numbered statements (milestone steps, scale levels) yield key "#"."""
        where = where or (ctx.en, ctx.th)
        for st in stmts:
            if isinstance(st, cst.Formula):
                if "value" in ctx.keys:
                    yield "value", st
                else:
                    self._misplaced(st.keyword, "value", st.span, where)
                continue
            head = st.head
            if head.text == ERROR_HEAD and head.span and head.span.line in self.skipped:
                continue
            if head.text[:1].isdigit():
                if ctx.numbered:
                    yield "#", st
                else:
                    self.report("K001", head.span, word=head.text, context=where[0], context_th=where[1],
                                hint="a numbered line belongs in a milestones or scale block",
                                hint_th="บรรทัดที่ขึ้นต้นด้วยตัวเลขใช้ในขั้นความสำเร็จหรือมาตรวัด")
                continue
            key = canonical(head.text)
            if key is None:
                self._unknown(head, ctx, where)
            elif key not in ctx.keys:
                if places(key)[0]:
                    self._misplaced(head.text, key, head.span, where)
                else:
                    self._unknown(head, ctx, where)
            else:
                yield key, st

    def _unknown(self, head: cst.Head, ctx: Context, where: tuple[str, str]) -> None:
        glued = _glued_keyword(head.text)
        if glued:
            kw, rest = glued
            self.report("K011", head.span, word=head.text, keyword=kw, rest=rest)
            return
        guess = suggest(head.text, ctx.keys)
        if guess:
            hint = (f"did you mean `{guess}`?", f"หมายถึง `{guess}` หรือไม่")
        else:
            allowed = sorted(_spell(k) for k in ctx.keys)
            hint = (f"allowed here: {', '.join(allowed)}", "")
        self.report("K001", head.span, word=head.text, context=where[0], context_th=where[1],
                    hint=hint[0], hint_th=hint[1])

    def _misplaced(self, written: str, key: str, span: Span | None, where: tuple[str, str]) -> None:
        en, th = places(key)
        self.report("K002", span, word=written, context=where[0], context_th=where[1], places=en, places_th=th)

    def cursor(self, st: cst.Statement) -> _Cursor:
        return _Cursor(self, st.head.text, st.args, st.head.span)

    def no_block(self, st: cst.Stmt) -> None:
        if isinstance(st, cst.Statement) and st.block is not None:
            self.report("K009", st.block.span, key=st.head.text)

    def field(self, st: cst.Statement, read: Callable[[_Cursor], object]):
        """A one-line field: read its arguments, then nothing may follow."""
        self.no_block(st)
        cur = self.cursor(st)
        value = read(cur)
        cur.done()
        return value

    # ---- dates ----------------------------------------------------------------------------
    def date_ref(self, arg: cst.Arg, allow_range: bool = False) -> ast.DateRef | None:
        if isinstance(arg, cst.DateLit):
            if arg.parts is None:
                en, th = arg.error or ("unrecognised date", "อ่านวันที่ไม่ได้")
                self.report("D001", arg.span, text=arg.text, reason=en, reason_th=th)
                return ast.DateRef(_INVALID_DATE, None, arg.text, valid=False, span=arg.span)
            return ast.DateRef(arg.parts, None, arg.text, span=arg.span)
        if allow_range and isinstance(arg, cst.Range):
            low, high = arg.low, arg.high
            if isinstance(low, cst.DateLit) and isinstance(high, cst.DateLit):
                for part in (low, high):
                    if part.parts is None:
                        en, th = part.error or ("unrecognised date", "อ่านวันที่ไม่ได้")
                        self.report("D001", part.span, text=part.text, reason=en, reason_th=th)
                        return ast.DateRef(_INVALID_DATE, None, part.text, valid=False, span=arg.span)
                return ast.DateRef(low.parts, high.parts, f"{low.text} – {high.text}", span=arg.span)
        return None

    # ---- the file ---------------------------------------------------------------------------
    def rule_file(self) -> ast.RuleFile:
        decls: list[ast.Declaration] = []
        for key, st in self.statements(self.doc.statements, CONTEXTS["file"]):
            decl = self._declaration(key, st)
            if decl is not None:
                decls.append(decl)
        return ast.RuleFile(self.doc.path, tuple(decls + self.hoisted))

    def _declaration(self, key: str, st: cst.Statement):
        if key == "framework":
            return self.framework(st)
        if key == "agreement":
            return self.agreement(st)
        if key == "bands":
            return self.bands(st, None)
        if key == "calendar":
            return self.calendar(st, None)
        if key == "example":
            return self.example(st)
        if key == "policy":
            return self.policy(st)
        if key == "holidays":
            return self.holidays(st)
        return None

    def _header(self, st: cst.Statement, what: tuple[str, str], default_id: str | None = None):
        """``KEY ID ["title"]`` → (id, title, cursor at the rest)."""
        cur = self.cursor(st)
        if default_id is not None and not isinstance(cur.peek(), (cst.Name, cst.Number, cst.Dotted)):
            ident = default_id
        else:
            ident = cur.id(what)
        title = cur.opt_text()
        return ident, title, cur

    def _needs_block(self, st: cst.Statement) -> Sequence[cst.Stmt]:
        if st.block is None:
            self.report("K010", st.span, key=st.head.text)
            return ()
        return st.block.statements

    # ---- frameworks ---------------------------------------------------------------------------
    def framework(self, st: cst.Statement) -> ast.Framework | None:
        ident, title, cur = self._header(st, ("the framework's id", "ชื่อของกรอบ"))
        cur.done()
        if ident is None:
            return None
        where = (f"framework `{ident}`", f"กรอบ `{ident}`")
        once = _Once(self, where)
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
                sg = self.field(s, lambda c: (c.id(("the strategy's number", "ลำดับยุทธศาสตร์")), c.text()))
                if sg[0] is not None and sg[1] is not None:
                    f["strategies"].append(ast.Strategy(sg[0], sg[1], span=s.span))
            elif key == "sample_size":
                f["sample_size"] = self.field(s, lambda c: self._sample_size(c, s))
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
            ident = cur.id(("the id of the table it uses", "ชื่อของตารางที่ใช้"))
            cur.done()
            return ast.Ref(ident, span=st.args[0].span) if ident else None
        decl = build(st, default_id)
        if decl is None:
            return None
        self.hoisted.append(decl)
        return ast.Ref(decl.id, span=st.head.span)

    def _year(self, cur: _Cursor) -> int | None:
        arg = cur.peek()
        year = cur.integer(("a year (BE), like 2555", "ปี พ.ศ. เช่น 2555"))
        if year is not None and year < 2400 and arg is not None:
            self.report("D007", arg.span, year=year, be=year + 543)
        return year

    def _note(self, st: cst.Statement) -> ast.Note:
        text = self.field(st, lambda c: c.text())
        return ast.Note(text or "", span=st.span)

    def _texts(self, cur: _Cursor) -> list[str]:
        out = []
        first = cur.text()
        if first is not None:
            out.append(first)
        while isinstance(cur.peek(), cst.Text):
            out.append(cur.next().value)
        return out

    def _words(self, cur: _Cursor, kind: str) -> list[str]:
        out = []
        while True:
            word = cur.word(kind)
            if word:
                out.append(word)
            if not cur.more():
                return out

    def _sample_size(self, cur: _Cursor, st: cst.Statement) -> ast.SampleSize | None:
        method = cur.word("sample_size")
        arg = cur.peek()
        error = cur.amount(("the accepted error, like 5% or 0.05", "ความคลาดเคลื่อนที่ยอมรับได้ เช่น 5% หรือ 0.05"))
        if method is None or error is None:
            return None
        if isinstance(arg, cst.Percent):
            error = error / 100
        return ast.SampleSize(method, error, span=st.span)

    # ---- indicators and other nodes ----------------------------------------------------------
    def node(self, kind: str, st: cst.Statement) -> ast.Node | None:
        kind_words = (kind, BY_CANONICAL[kind].th[0])
        ident, title, cur = self._header(st, (f"the {kind}'s id", f"รหัสของ{kind_words[1]}"))
        if ident is None:
            cur.done()
            return None
        where = (f"{kind} `{ident}`", f"{kind_words[1]} `{ident}`")
        once = _Once(self, where)
        n: dict = dict(children=[], notes=[])
        t: dict = dict(definitions=[], conditions=[], baselines=[], owners=[], supervisors=[], collectors=[],
                       evidence=[])
        scoring: list[tuple[str, object, Span | None]] = []
        inputs: list[ast.Input] = []
        formula: cst.Formula | None = None
        # Inline fields on the header line: kpi 5 "…" weight 7 optional -> 1.1
        while cur.more():
            arg = cur.peek()
            word = cur.peek_word()
            if word in _INLINE_NODE_FIELDS:
                cur.next()
                cur.key = arg.text
                if once.first(word, arg.span, arg.text):
                    self._node_field(word, cur, n, arg.span)
            else:
                cur.key = st.head.text
                cur.done()
                break
        stmts = st.block.statements if st.block else ()
        for key, s in self.statements(stmts, CONTEXTS["node"], where):
            if key == "value":
                if formula is not None:
                    self.report("K004", s.span, key=s.keyword, context=where[0], context_th=where[1],
                                line=formula.span.line if formula.span else "?")
                else:
                    formula = s
                continue
            if key in _INLINE_NODE_FIELDS or key in ("scale", "source", "description", "formula", "reason", "kind",
                                                      "importance", "cascade", "agreed_kpis"):
                if not once.first(key, s.head.span, s.head.text):
                    continue
            if key in _INLINE_NODE_FIELDS:
                self.no_block(s)
                c = self.cursor(s)
                self._node_field(key, c, n, s.head.span)
                c.done()
            elif key in NODE_KINDS:
                child = self.node(key, s)
                if child:
                    n["children"].append(child)
            elif key == "scale":
                ref = self.field(s, lambda c: c.id(("the scale's id", "ชื่อมาตรวัด")))
                n["scale"] = ast.Ref(ref, span=s.span) if ref else None
            elif key == "agreed_kpis":
                self.field(s, lambda c: None)
                n["agreed_kpis"] = True
            elif key == "ladder":
                ladder = self.ladder(s)
                if ladder:
                    scoring.append(("ladder", ladder, s.span))
            elif key == "milestones":
                ms = self.milestones(s)
                if ms:
                    scoring.append(("milestones", ms, s.span))
            elif key == "weighted_average":
                scoring.append(("weighted_average", self.weighted_average(s), s.span))
            elif key == "part":
                part = self.part(s)
                if part:
                    scoring.append(("part", part, s.span))
            elif key == "owner_score":
                self.field(s, lambda c: None)
                scoring.append(("owner_score", ast.OwnerScore(span=s.span), s.span))
            elif key == "input":
                inp = self.input(s)
                if inp:
                    inputs.append(inp)
            elif key == "cascade":
                n["cascade"] = self.field(s, lambda c: self._cascade(c, s))
            elif key == "limit":
                self.report("K002", s.head.span, word=s.head.text, context=where[0], context_th=where[1],
                            places="a framework", places_th="กรอบ")
            elif key == "source":
                n["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                n["notes"].append(self._note(s))
            else:
                self._template_field(key, s, t)
        scoring_node = self._scoring(where, scoring, inputs, formula, st)
        template = ast.Template(**{k: tuple(v) if isinstance(v, list) else v for k, v in t.items()})
        return ast.Node(
            kind=kind,
            id=ident,
            title=title,
            scoring=scoring_node,
            template=template,
            children=tuple(n.pop("children")),
            notes=tuple(n.pop("notes")),
            span=st.span,
            id_span=st.args[0].span if st.args else None,
            **n,
        )

    def _node_field(self, key: str, cur: _Cursor, n: dict, span: Span | None) -> None:
        if key == "weight":
            n["weight"] = self._weight(cur, span)
        elif key == "optional":
            n["optional"] = self._optional(cur, span)
        elif key == "share":
            n["share"] = cur.amount()
        elif key == "unit":
            n["unit"] = cur.text()
        elif key == "target":
            n["target"] = cur.amount()
        elif key == "multiplier":
            n["multiplier"] = cur.number()

    def _weight(self, cur: _Cursor, span: Span | None) -> ast.Weight | None:
        arg = cur.peek()
        if cur.peek_word() == "agreed":
            cur.next()
            return ast.Weight(None, agreed=True, span=arg.span)
        value = cur.amount(("a number, a percentage or `agreed`", "ตัวเลข ร้อยละ หรือ `ตามที่ตกลง`"))
        if value is None:
            return None
        return ast.Weight(value, span=arg.span if arg else span)

    def _optional(self, cur: _Cursor, span: Span | None) -> ast.Optional:
        arg = cur.peek()
        if isinstance(arg, cst.Arrow):
            cur.next()
            target = _as_id(arg.target)
            if target is None:
                cur.bad(arg.target, ("the id of a sibling indicator", "รหัสของตัวชี้วัดระดับเดียวกัน"))
                return ast.Optional(span=span)
            return ast.Optional(to=ast.Ref(target, span=arg.target.span), span=span)
        if cur.opt_word("proportional"):
            return ast.Optional(proportional=True, span=span)
        return ast.Optional(span=span)

    def _template_field(self, key: str, s: cst.Statement, t: dict) -> None:
        if key == "description":
            t["description"] = self.field(s, lambda c: c.text())
        elif key == "formula":
            t["formula_text"] = self.field(s, lambda c: c.text())
        elif key == "reason":
            t["reason"] = self.field(s, lambda c: c.text())
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

    def _baseline(self, cur: _Cursor, st: cst.Statement) -> ast.Baseline | None:
        year = self._year(cur)
        if year is None:
            return None
        arg = cur.peek()
        if isinstance(arg, (cst.Number, cst.Percent)):
            cur.next()
            return ast.Baseline(year, arg.value, cur.opt_text(), span=st.span)
        if isinstance(arg, cst.Text):
            cur.next()
            return ast.Baseline(year, None, arg.value, span=st.span)
        cur.take(lambda a: None, ("the result of that year", "ผลการดำเนินงานของปีนั้น"))
        return None

    def _cascade(self, cur: _Cursor, st: cst.Statement) -> ast.Cascade | None:
        mode = cur.word("cascade")
        cur.opt_word("from")
        a_arg = cur.peek()
        agreement = cur.id(("the id of the superior's agreement", "ชื่อคำรับรองของผู้บังคับบัญชา"))
        k_arg = cur.peek()
        kpi = cur.id(("the id of the superior's indicator", "รหัสตัวชี้วัดของผู้บังคับบัญชา"))
        if mode is None or agreement is None or kpi is None:
            return None
        return ast.Cascade(mode, ast.Ref(agreement, span=a_arg.span), ast.Ref(kpi, span=k_arg.span), span=st.span)

    def _scoring(self, where, scoring, inputs, formula, st) -> ast.Scoring | None:
        parts = [p for kind, p, _ in scoring if kind == "part"]
        methods: list[tuple[str, object, Span | None]] = []
        ladders = [(p, s) for kind, p, s in scoring if kind == "ladder"]
        if formula is not None:
            ladder = ladders.pop(0)[0] if ladders else None
            methods.append(("a formula", ast.FormulaScoring(tuple(inputs), formula.expr, ladder, span=formula.span),
                            formula.span))
        elif inputs:
            self.report("K003", inputs[0].span, context=where[0], context_th=where[1], key="value",
                        hint="inputs feed a formula: add `value …` computing the measured value",
                        hint_th="ข้อมูลใช้กับสูตร ให้เพิ่ม `คำนวณ …`")
        for ladder, span in ladders:
            methods.append(("a ladder", ast.LadderScoring(ladder, span=span), span))
        for kind, p, span in scoring:
            if kind == "milestones":
                methods.append(("milestones", ast.MilestoneScoring(p, span=span), span))
            elif kind == "weighted_average":
                methods.append(("a weighted average", p, span))
            elif kind == "owner_score":
                methods.append(("an owner's score", p, span))
        if parts:
            methods.append(("parts", ast.Composite(tuple(parts), span=parts[0].span), parts[0].span))
        methods.sort(key=lambda m: (m[2].line, m[2].column) if m[2] else (0, 0))
        if len(methods) > 1:
            first, second = methods[0], methods[1]
            self.report("K012", second[2], node=Bi(*where), first=first[0], second=second[0])
        return methods[0][1] if methods else None

    # ---- scoring constructs ---------------------------------------------------------------------
    def ladder(self, st: cst.Statement) -> ast.Ladder | None:
        self.no_block(st)
        cur = self.cursor(st)
        direction = cur.opt_word("higher", "lower")
        written = direction is not None
        direction = direction or "higher"
        if cur.peek_word() == "target":
            cur.next()
            cur.key = "target"
            target = cur.amount()
            step = None
            if cur.opt_word("step"):
                cur.key = "step"
                step = cur.amount()
            else:
                cur.missing(("`step` and the distance between levels", "`ช่วงปรับ` และระยะห่างระหว่างระดับ"))
            cur.done()
            if target is None or step is None:
                return None
            return ast.Ladder(direction, written, (), target, step, span=st.span)
        thresholds: list[ast.Threshold] = []
        step = None
        while cur.more():
            arg = cur.peek()
            if cur.peek_word() == "step":
                cur.next()
                cur.key = "step"
                step = cur.amount()
                break
            if isinstance(arg, (cst.Number, cst.Percent)):
                thresholds.append(ast.Threshold(arg.value, span=arg.span))
            elif isinstance(arg, cst.Compare) and isinstance(arg.value, (cst.Number, cst.Percent)):
                thresholds.append(ast.Threshold(arg.value.value, arg.op, span=arg.span))
            elif isinstance(arg, cst.Range):
                cur.bad(arg, ("thresholds separated by spaces", "ค่าเกณฑ์คั่นด้วยการเว้นวรรค"),
                        ("`a - b` reads as a range; write negative thresholds in brackets: (-5)",
                         "`a - b` อ่านเป็นช่วง ถ้าเป็นค่าลบให้ใส่วงเล็บ: (-5)"))
            elif isinstance(arg, cst.Paren) and isinstance(arg.expr, cst.Neg) and isinstance(arg.expr.operand, cst.Num):
                thresholds.append(ast.Threshold(-arg.expr.operand.value, span=arg.span))
            else:
                cur.bad(arg, ("a threshold (a number, or a comparison like <= 35)",
                              "ค่าเกณฑ์ (ตัวเลข หรือการเปรียบเทียบ เช่น <= 35)"))
            cur.pos += 1
        cur.done()
        if not thresholds:
            cur.missing(("five thresholds, or `target N step S`", "ค่าเกณฑ์ 5 ระดับ หรือ `ค่าเป้าหมาย N ช่วงปรับ S`"))
            return None
        return ast.Ladder(direction, written, tuple(thresholds), None, step, span=st.span)

    def milestones(self, st: cst.Statement) -> ast.Milestones | None:
        self.cursor(st).done()
        steps: list[ast.Milestone] = []
        for key, s in self.statements(self._needs_block(st), CONTEXTS["milestones"]):
            if key == "#":
                ms = self.milestone(s)
                if ms:
                    steps.append(ms)
        return ast.Milestones(tuple(steps), span=st.span)

    def milestone(self, st: cst.Statement) -> ast.Milestone | None:
        number_text = to_arabic(st.head.text)
        if not number_text.isdigit():
            self.report("K005", st.head.span, key="milestones", expected="a step number", expected_th="ลำดับขั้น",
                        found=f"`{st.head.text}`", found_th=f"`{st.head.text}`", hint="", hint_th="")
            return None
        cur = self.cursor(st)
        text = cur.text(("the step's description in quotes", "คำอธิบายขั้นในเครื่องหมายคำพูด"))
        due = None
        evidence: list[str] = []
        notes: list[ast.Note] = []
        while cur.more():
            word = cur.peek_word()
            if word == "due":
                cur.key = cur.next().text
                due = cur.date()
            elif word == "evidence":
                cur.key = cur.next().text
                evidence.extend(self._texts(cur))
            else:
                cur.done()
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
        return ast.WeightedAverage(ladder, unit, span=st.span)

    def input(self, st: cst.Statement) -> ast.Input | None:
        self.no_block(st)
        cur = self.cursor(st)
        names: list[str] = []
        while isinstance(cur.peek(), cst.Name) and cur.peek_word() is None:
            names.append(cur.next().text)
        if not names:
            cur.missing(("the input names, like X1 X2", "ชื่อข้อมูล เช่น X1 X2"))
        label = cur.opt_text()
        unit = None
        if cur.opt_word("unit"):
            cur.key = "unit"
            unit = cur.text()
        cur.done()
        return ast.Input(tuple(names), label, unit, span=st.span) if names else None

    def part(self, st: cst.Statement) -> ast.Part | None:
        ident, title, cur = self._header(st, ("the part's id", "รหัสของส่วน"))
        share = None
        unit = None
        while cur.more():
            word = cur.peek_word()
            if word == "share":
                cur.key = cur.next().text
                share = cur.amount()
            elif word == "unit":
                cur.key = cur.next().text
                unit = cur.text()
            else:
                cur.done()
        if ident is None:
            return None
        where = (f"part `{ident}`", f"ส่วน `{ident}`")
        scoring: list = []
        inputs: list[ast.Input] = []
        formula = None
        description = source = None
        notes: list[ast.Note] = []
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["part"], where):
            if key == "share":
                share = self.field(s, lambda c: c.amount())
            elif key == "unit":
                unit = self.field(s, lambda c: c.text())
            elif key == "ladder":
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
            elif key == "input":
                inp = self.input(s)
                if inp:
                    inputs.append(inp)
            elif key == "value":
                formula = s
            elif key == "description":
                description = self.field(s, lambda c: c.text())
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                notes.append(self._note(s))
        return ast.Part(ident, title, share, self._scoring(where, scoring, inputs, formula, st), unit, description,
                        tuple(notes), source, span=st.span)

    # ---- policies ---------------------------------------------------------------------------------
    def policy(self, st: cst.Statement) -> ast.Policy:
        self.cursor(st).done()
        settings: list[ast.Setting] = []
        once = _Once(self, ("a policy block", "หลักเกณฑ์"))
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

    def _setting(self, key: str, cur: _Cursor):
        if key in ("interpolate", "rounding", "round_at", "redistribute"):
            word = cur.word(key)
            return "whole" if word == "none" and key == "interpolate" else word
        if key == "decimals":
            arg = cur.peek()
            value = cur.integer()
            if value is not None and not 0 <= value <= 10:
                self.report("K013", arg.span, key=cur.key, value=value, reason="0 to 10 decimals",
                            reason_th="ทศนิยม 0 ถึง 10 ตำแหน่ง")
                return None
            return value
        arg = cur.peek()
        value = cur.number()
        if value is not None and not 0 <= value <= 5:
            self.report("K013", arg.span, key=cur.key, value=value, reason="scores run from 0 to 5",
                        reason_th="คะแนนอยู่ระหว่าง 0 ถึง 5")
            return None
        return value

    # ---- rounds, bands, calendars ---------------------------------------------------------------
    def round(self, st: cst.Statement) -> ast.Round | None:
        ident, title, cur = self._header(st, ("the round's id", "ชื่อรอบ"))
        if ident is None:
            cur.done()
            return None
        where = (f"round `{ident}`", f"รอบ `{ident}`")
        once = _Once(self, where)
        r: dict = dict(notes=[])
        while cur.more():
            word = cur.peek_word()
            if word in ("period", "due", "late_penalty"):
                tok = cur.next()
                cur.key = tok.text
                if once.first(word, tok.span, tok.text):
                    self._round_field(word, cur, r, tok.span)
            else:
                cur.done()
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
        return ast.Round(ident, title, span=st.span, **r)

    def _round_field(self, key: str, cur: _Cursor, r: dict, span: Span | None) -> None:
        if key == "period":
            r["period"] = cur.period()
        elif key == "due":
            r["due"] = cur.date()
        elif key == "late_penalty":
            amount = cur.number(("the points lost per day late, like 0.05", "คะแนนที่ถูกปรับต่อวัน เช่น 0.05"))
            per = "working_day"
            if cur.opt_word("per"):
                cur.key = "per"
                per = cur.word("per") or per
            if amount is not None:
                r["late_penalty"] = ast.Penalty(amount, per, span=span)

    def bands(self, st: cst.Statement, default_id: str | None) -> ast.Bands | None:
        ident, title, cur = self._header(st, ("the bands table's id", "ชื่อตารางระดับผล"), default_id)
        cur.done()
        if ident is None:
            return None
        where = (f"bands `{ident}`", f"ระดับผลการประเมิน `{ident}`")
        low = high = None
        range_span = None
        source = None
        notes: list[ast.Note] = []
        bands: list[ast.Band] = []
        once = _Once(self, where)
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
                         notes=tuple(notes), span=st.span)

    def _number_range(self, cur: _Cursor) -> tuple[Decimal | None, Decimal | None]:
        arg = cur.peek()
        if isinstance(arg, cst.Range):
            cur.next()
            lo = arg.low.value if isinstance(arg.low, cst.Number) else None
            hi = arg.high.value if isinstance(arg.high, cst.Number) else None
            if lo is None or hi is None:
                cur.bad(arg, ("two numbers, like 0 100", "ตัวเลขสองค่า เช่น 0 100"))
            return lo, hi
        lo = cur.number(("the lowest score, like 0", "คะแนนต่ำสุด เช่น 0"))
        hi = cur.number(("the highest score, like 100", "คะแนนสูงสุด เช่น 100"))
        return lo, hi

    def band(self, st: cst.Statement) -> ast.Band | None:
        ident, title, cur = self._header(st, ("the band's id", "ชื่อระดับผล"))
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
                    cur.bad(arg, ("one lower and one upper boundary", "ขอบล่างหนึ่งค่าและขอบบนหนึ่งค่า"))
            elif cur.peek_word() == "raise":
                cur.key = cur.next().text
                raise_, no_raise = self._raise(cur)
            else:
                cur.done()
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["band"]):
            if key == "raise":
                raise_, no_raise = self.field(s, self._raise)
            elif key in ("note", "source"):
                notes.append(self._note(s))
        if ident is None:
            return None
        return ast.Band(ident, title, lower, upper, raise_, no_raise, tuple(notes), span=st.span)

    def _raise(self, cur: _Cursor) -> tuple[ast.RaiseRange | None, bool]:
        arg = cur.peek()
        if cur.peek_word() == "none":
            cur.next()
            return None, True
        if isinstance(arg, cst.Range) and all(isinstance(v, (cst.Number, cst.Percent)) for v in (arg.low, arg.high)):
            cur.next()
            return ast.RaiseRange(arg.low.value, arg.high.value, span=arg.span), False
        value = cur.amount(("a percentage or a range like 4.5% - 5%, or `none`",
                            "ร้อยละ หรือช่วงเช่น 4.5% - 5% หรือ `ไม่เลื่อน`"))
        if value is None:
            return None, False
        return ast.RaiseRange(value, value, span=arg.span), False

    def calendar(self, st: cst.Statement, default_id: str | None) -> ast.Calendar | None:
        ident, title, cur = self._header(st, ("the calendar's id", "ชื่อปฏิทิน"), default_id)
        cur.done()
        if ident is None:
            return None
        where = (f"calendar `{ident}`", f"ปฏิทิน `{ident}`")
        year = source = None
        notes: list[ast.Note] = []
        activities: list[ast.Activity] = []
        once = _Once(self, where)
        for key, s in self.statements(self._needs_block(st), CONTEXTS["calendar"], where):
            if key == "fiscal_year" and once.first(key, s.head.span, s.head.text):
                year = self.field(s, self._year)
            elif key == "activity":
                act = self.activity(s)
                if act:
                    activities.append(act)
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                notes.append(self._note(s))
        return ast.Calendar(ident, title, year, tuple(activities), source, tuple(notes), span=st.span)

    def activity(self, st: cst.Statement) -> ast.Activity | None:
        ident, title, cur = self._header(st, ("the activity's number or id", "ลำดับหรือรหัสกิจกรรม"))
        a: dict = dict(when=[], responsible=[], related=[], notes=[])
        while cur.more():
            word = cur.peek_word()
            if word in ("when", "due", "responsible", "related"):
                cur.key = cur.next().text
                self._activity_field(word, cur, a)
            else:
                cur.done()
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
        return ast.Activity(ident, title, span=st.span, **a)

    def _activity_field(self, key: str, cur: _Cursor, a: dict) -> None:
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
    def limit(self, st: cst.Statement) -> ast.Limit | None:
        self.no_block(st)
        cur = self.cursor(st)
        subject = cur.word("limit")
        of = None
        if subject == "share":
            of = cur.id(("the component whose share is limited", "องค์ประกอบที่จำกัดสัดส่วน"))
        elif subject == "band":
            of = cur.id(("the band whose lower boundary is limited", "ระดับผลที่จำกัดขอบล่าง"))
        arg = cur.peek()
        cmp = cur.take(lambda a: a if isinstance(a, cst.Compare) and isinstance(a.value, (cst.Number, cst.Percent))
                       else None, ("a comparison like <= 10 or >= 70%", "การเปรียบเทียบ เช่น <= 10 หรือ >= 70%"))
        severity = "error"
        if cur.peek_word() in ("warning", "error"):
            severity = cur.word("severity") or severity
        message = cur.opt_text()
        cur.done()
        if subject is None or cmp is None or (subject in ("share", "band") and of is None):
            return None
        return ast.Limit(subject, of, cmp.op, cmp.value.value, severity, message, span=st.span)

    def salary(self, st: cst.Statement) -> ast.Salary:
        self.cursor(st).done()
        s_: dict = dict(pools=[], grades=[], notes=[])
        once = _Once(self, ("salary rules", "การเลื่อนเงินเดือน"))
        for key, s in self.statements(self._needs_block(st), CONTEXTS["salary"]):
            if key == "pool":
                pool = self.field(s, lambda c: self._pool(c, s))
                if pool:
                    s_["pools"].append(pool)
            elif key == "grade":
                grade = self.grade(s)
                if grade:
                    s_["grades"].append(grade)
            elif key == "note":
                s_["notes"].append(self._note(s))
            elif not once.first(key, s.head.span, s.head.text):
                continue
            elif key == "cap":
                s_["cap"] = self.field(s, lambda c: c.amount())
            elif key == "base":
                s_["base"] = self.field(s, lambda c: c.word("base"))
            elif key == "rounding":
                def _rounding(c: _Cursor):
                    mode = c.word("rounding")
                    unit = c.number(("the unit to round to, like 10 (baht)", "หน่วยที่ปัด เช่น 10 (บาท)")) \
                        if c.more() else None
                    return mode, unit
                s_["rounding"], s_["rounding_unit"] = self.field(s, _rounding)
            elif key == "source":
                s_["source"] = self.field(s, lambda c: c.text())
        for k in ("pools", "grades", "notes"):
            s_[k] = tuple(s_[k])
        return ast.Salary(span=st.span, **s_)

    def _pool(self, cur: _Cursor, st: cst.Statement) -> ast.Pool | None:
        percent = cur.amount(("the pool as a percentage of salaries, like 3%", "วงเงินเป็นร้อยละของเงินเดือน เช่น 3%"))
        on = rnd = None
        while cur.more():
            word = cur.peek_word()
            if word == "on":
                cur.key = cur.next().text
                on = cur.date()
            elif word == "round":
                cur.key = cur.next().text
                rnd = cur.id(("the round's id", "ชื่อรอบ"))
            else:
                cur.done()
        return ast.Pool(percent, on, rnd, span=st.span) if percent is not None else None

    def grade(self, st: cst.Statement) -> ast.Grade | None:
        ident, title, cur = self._header(st, ("the grade's id", "ชื่อระดับตำแหน่ง"))
        g: dict = {}
        fields = ("min", "lower_mid", "split_at", "upper_mid", "max")
        while cur.more():
            word = cur.peek_word()
            if word in fields:
                cur.key = cur.next().text
                g[word] = cur.number()
            else:
                cur.done()
        for key, s in self.statements(st.block.statements if st.block else (), CONTEXTS["grade"]):
            if key in fields:
                g[key] = self.field(s, lambda c: c.number())
            elif key == "source":
                g["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                self._note(s)
        if ident is None:
            return None
        return ast.Grade(ident, title, span=st.span, **g)

    def scale(self, st: cst.Statement) -> ast.Scale | None:
        ident, title, cur = self._header(st, ("the scale's id", "ชื่อมาตรวัด"))
        cur.done()
        levels: list[ast.ScaleLevel] = []
        source = None
        for key, s in self.statements(self._needs_block(st), CONTEXTS["scale"]):
            if key == "#":
                text = self.field(s, lambda c: c.text(("the level's definition in quotes", "นิยามของระดับ")))
                number = to_arabic(s.head.text)
                if number.isdigit() and text is not None:
                    levels.append(ast.ScaleLevel(int(number), text, span=s.span))
                elif not number.isdigit():
                    self.report("K005", s.head.span, key="scale", expected="a level number", expected_th="เลขระดับ",
                                found=f"`{s.head.text}`", found_th=f"`{s.head.text}`", hint="", hint_th="")
            elif key == "source":
                source = self.field(s, lambda c: c.text())
            elif key == "note":
                self._note(s)
        if ident is None:
            return None
        return ast.Scale(ident, title, tuple(levels), source, span=st.span)

    # ---- agreements -------------------------------------------------------------------------------
    def agreement(self, st: cst.Statement) -> ast.Agreement | None:
        ident, title, cur = self._header(st, ("the agreement's id", "ชื่อคำรับรอง"))
        cur.done()
        if ident is None:
            return None
        where = (f"agreement `{ident}`", f"คำรับรอง `{ident}`")
        once = _Once(self, where)
        a: dict = dict(signatories=[], omits=[], nodes=[], notes=[])
        for key, s in self.statements(self._needs_block(st), CONTEXTS["agreement"], where):
            if key in ("framework", "fiscal_year", "organisation", "person", "assessor", "period", "plan", "round",
                       "salary", "grade", "source", "description") and not once.first(key, s.head.span, s.head.text):
                continue
            if key == "framework":
                def _fw(c: _Cursor):
                    arg = c.peek()
                    fid = c.id(("the framework's id", "ชื่อกรอบ"))
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
                def _sig(c: _Cursor):
                    name = c.text(("the signatory's name or title", "ชื่อหรือตำแหน่งผู้ลงนาม"))
                    role = None
                    if c.opt_word("role"):
                        c.key = "role"
                        role = c.text()
                    return name, role
                name, role = self.field(s, _sig)
                if name:
                    a["signatories"].append(ast.Signatory(name, role, span=s.span))
            elif key == "period":
                a["period"] = self.field(s, lambda c: c.period())
            elif key == "round":
                a["round"] = self.field(s, lambda c: c.id(("the round's id", "ชื่อรอบ")))
            elif key == "omit":
                def _omit(c: _Cursor):
                    refs = []
                    while True:
                        arg = c.peek()
                        ident_ = c.id(("the id of an optional indicator", "รหัสตัวชี้วัดแบบถ้ามี"))
                        if ident_:
                            refs.append(ast.Ref(ident_, span=arg.span))
                        if not c.more():
                            return refs
                a["omits"].extend(self.field(s, _omit))
            elif key == "salary":
                def _salary(c: _Cursor):
                    amount = c.number(("the salary in baht", "เงินเดือน (บาท)"))
                    grade = None
                    if c.opt_word("grade"):
                        c.key = "grade"
                        arg = c.peek()
                        gid = c.id(("the grade's id", "ชื่อระดับตำแหน่ง"))
                        grade = ast.Ref(gid, span=arg.span) if gid else None
                    return amount, grade
                a["salary"], grade = self.field(s, _salary)
                if grade:
                    a["grade"] = grade
            elif key == "grade":
                arg = s.args[0] if s.args else None
                gid = self.field(s, lambda c: c.id(("the grade's id", "ชื่อระดับตำแหน่ง")))
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
            ident = cur.id(("the example's name", "ชื่อตัวอย่าง"))
            title = cur.opt_text()
        cur.done()
        if ident is None:
            return None
        where = (f"example `{ident}`", f"ตัวอย่าง `{ident}`")
        e: dict = dict(given=[], expect=[], notes=[])
        once = _Once(self, where)
        for key, s in self.statements(self._needs_block(st), CONTEXTS["example"], where):
            if key in ("agreement", "round", "source") and not once.first(key, s.head.span, s.head.text):
                continue
            if key == "agreement":
                arg = s.args[0] if s.args else None
                aid = self.field(s, lambda c: c.id(("the agreement's id", "ชื่อคำรับรอง")))
                e["agreement"] = ast.Ref(aid, span=arg.span) if aid else None
            elif key == "round":
                e["round"] = self.field(s, lambda c: c.id(("the round's id", "ชื่อรอบ")))
            elif key in ("given", "expect"):
                self.cursor(s).done()
                e[key].extend(self._facts(s, CONTEXTS[key]))
            elif key == "source":
                e["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                e["notes"].append(self._note(s))
        for k in ("given", "expect", "notes"):
            e[k] = tuple(e[k])
        return ast.Example(ident, title, span=st.span, **e)

    def _facts(self, st: cst.Statement, ctx: Context) -> list[ast.Fact]:
        facts: list[ast.Fact] = []
        for key, s in self.statements(self._needs_block(st), ctx):
            if key == "note":
                self._note(s)
                continue
            self.no_block(s)
            cur = self.cursor(s)
            if key in NODE_KINDS or key == "part":
                sid = cur.id((f"the {key}'s id", "รหัส"))
                if not cur.more():
                    cur.missing(("a field and its value, like `score 3.5`", "ชื่อค่าและค่า เช่น `คะแนน 3.5`"))
                while cur.more():
                    arg = cur.next()
                    if not isinstance(arg, cst.Name):
                        cur.bad(arg, ("a field name, like `result` or an input name",
                                      "ชื่อค่า เช่น `ผล` หรือชื่อข้อมูล"))
                        break
                    field = canonical(arg.text) or arg.text
                    cur.key = arg.text
                    value = self._fact_value(cur)
                    if value is not None and sid is not None:
                        facts.append(ast.Fact(key, sid, field, value, span=Span.to(arg.span, cur.args[cur.pos - 1].span)))
            else:
                value = self._fact_value(cur)
                if value is not None:
                    facts.append(ast.Fact(None, None, key, value, span=s.span))
            cur.done()
        return facts

    def _fact_value(self, cur: _Cursor):
        arg = cur.peek()
        if isinstance(arg, (cst.Number, cst.Percent)):
            cur.next()
            return arg.value
        if isinstance(arg, cst.Text):
            cur.next()
            return arg.value
        if isinstance(arg, cst.Name):
            cur.next()
            return normalize_thai(arg.text)
        if isinstance(arg, cst.DateLit):
            return cur.date()
        if isinstance(arg, cst.Paren) and isinstance(arg.expr, cst.Neg) and isinstance(arg.expr.operand, cst.Num):
            cur.next()
            return -arg.expr.operand.value
        cur.take(lambda a: None, ("a value", "ค่า"))
        return None

    # ---- holidays -------------------------------------------------------------------------------------
    def holidays(self, st: cst.Statement) -> ast.Holidays:
        self.cursor(st).done()
        h: dict = dict(add=[], remove=[])
        for key, s in self.statements(self._needs_block(st), CONTEXTS["holidays"]):
            if key == "country":
                h["country"] = self.field(
                    s, lambda c: c.take(lambda a: a.text if isinstance(a, cst.Name) else
                                        (a.value if isinstance(a, cst.Text) else None),
                                        ("a country code, like TH", "รหัสประเทศ เช่น TH")))
            elif key in ("add", "remove"):
                def _change(c: _Cursor):
                    date = c.period()
                    return date, c.opt_text()
                date, name = self.field(s, _change)
                if date:
                    h[key].append(ast.HolidayChange(date, name, span=s.span))
            elif key == "source":
                h["source"] = self.field(s, lambda c: c.text())
            elif key == "note":
                self._note(s)
        return ast.Holidays(h.get("country"), tuple(h["add"]), tuple(h["remove"]), h.get("source"), span=st.span)


_INVALID_DATE = DateParts(month=1, year=None)


def _glued_keyword(word: str) -> tuple[str, str] | None:
    """``น้ำหนัก20`` → (``น้ำหนัก``, ``20``): a keyword with no space after it."""
    norm = normalize_thai(word)
    best = None
    for spelling in BY_SPELLING:
        if len(spelling) < len(norm) and norm.startswith(spelling):
            if best is None or len(spelling) > len(best):
                best = spelling
    if best is None:
        return None
    rest = norm[len(best):]
    # Only a number or another keyword after it makes the reading certain:
    # "น้ำหนัก20", "น้ำหนักตามที่ตกลง"; "ผลลัพธ์" merely starts like "ผล".
    if to_arabic(rest[:1]).isdigit() or rest in BY_SPELLING:
        return best, rest
    return None


def lower(doc: cst.Document, skipped_lines: frozenset[int] = frozenset()) -> tuple[ast.RuleFile, list[Diagnostic]]:
    lw = Lowerer(doc, skipped_lines)
    result = lw.rule_file()
    return result, lw.diags
