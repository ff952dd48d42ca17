"""The lowering machinery shared by every construct."""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from ...bilingual import Bi
from ...diagnostics.hints import hint
from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...thai import MAX_YEAR, MIN_YEAR
from .. import ast, cst
from ..contexts import CONTEXTS, Context, places
from ..dates import DateParts
from ..keywords import canonical, suggest
from ..parser import ERROR_HEAD
from .cursor import Cursor, glued_keyword, english_keyword


_INVALID_DATE = DateParts(month=1, year=None)


def declared_id_span(st: cst.Statement) -> Span | None:
    """Where a declaration's id is written (its first argument)."""
    return st.args[0].span if st.args else st.head.span


class LowererBase:
    """Walking blocks, reporting, reading arguments: what every construct uses."""

    def __init__(self, doc: cst.Document, skipped_lines: frozenset[int] = frozenset()):
        self.doc = doc
        self.skipped = skipped_lines
        self.diags: list[Diagnostic] = []
        self.hoisted: list[ast.Declaration] = []
        self.reviews: list[ast.Review] = []

    def report(self, code: str, span: Span | None, **args) -> None:
        if span is not None and span.line in self.skipped:
            return  # the line has a syntax error, already reported
        self.diags.append(CODES[code].at(span, **args))

    # ---- walking blocks ----------------------------------------------------------------
    def statements(self, stmts: Sequence[cst.Stmt], ctx: Context, where: Bi | None = None
                   ) -> Iterator[tuple[str, cst.Stmt]]:
        """Yield (key, statement) for each statement ``ctx`` allows; report the rest.
        Numbered statements (milestone steps, scale levels) yield key "#"."""
        where = where or Bi(ctx.en, ctx.th)  # the context's own name (kpidsl/syntax/contexts.py)
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
                    self.report("K001", head.span, word=head.text, context=where,
                                **hint("numbered-line-place"))
                continue
            key = canonical(head.text)
            if key == "review" and key in ctx.keys:
                self._review(st, where)
                continue
            if key is None:
                self._unknown(head, ctx, where)
            elif key not in ctx.keys:
                if places(key)[0]:
                    self._misplaced(head.text, key, head.span, where)
                else:
                    self._unknown(head, ctx, where)
            else:
                yield key, st

    def _review(self, st: cst.Statement, where: Bi) -> None:
        """``review ["why"]`` in any block: kept for the checker to list (Y001)."""
        text = self.field(st, lambda c: c.opt_text())
        self.reviews.append(ast.Review(text, (where.en, where.th), span=st.span))

    def _unknown(self, head: cst.Head, ctx: Context, where: Bi) -> None:
        glued = glued_keyword(head.text)
        if glued:
            kw, rest = glued
            self.report("K011", head.span, word=head.text, keyword=kw, rest=rest)
            return
        guess = suggest(head.text, ctx.keys)
        if guess:
            advice = hint("did-you-mean", guess=guess)
        else:
            allowed = sorted(english_keyword(k) for k in ctx.keys)
            advice = hint("allowed-here", keys=", ".join(allowed))
        self.report("K001", head.span, word=head.text, context=where, **advice)

    def _misplaced(self, written: str, key: str, span: Span | None, where: Bi) -> None:
        en, th = places(key)
        self.report("K002", span, word=written, context=where, places=en, places_th=th)

    def cursor(self, st: cst.Statement) -> Cursor:
        return Cursor(self, st.head.text, st.args, st.head.span)

    def no_block(self, st: cst.Stmt) -> None:
        if isinstance(st, cst.Statement) and st.block is not None:
            block = st.block.span
            if block is not None and block.end_line != block.line:  # its `{`, not the lines under it
                block = Span.point(block.path, block.line, block.column)
            self.report("K009", block, key=st.head.text)

    def field(self, st: cst.Statement, read: Callable[[Cursor], object]):
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
                self.report("D001", arg.span, text=arg.text, reason=_date_error(arg))
                return ast.DateRef(_INVALID_DATE, None, arg.text, valid=False, span=arg.span)
            return ast.DateRef(arg.parts, None, arg.text, span=arg.span)
        if allow_range and isinstance(arg, cst.Range):
            low, high = arg.low, arg.high
            if isinstance(low, cst.DateLit) and isinstance(high, cst.DateLit):
                for part in (low, high):
                    if part.parts is None:
                        self.report("D001", part.span, text=part.text, reason=_date_error(part))
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
        return ast.RuleFile(self.doc.path, tuple(decls + self.hoisted), tuple(self.reviews))

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

    def _header(self, st: cst.Statement, what: Bi, default_id: str | None = None):
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
    def _year(self, cur: Cursor) -> int | None:
        """A Buddhist-era year. A Christian-era year (2012) is reported and read
        as the BE year it most likely means, so checking can go on."""
        arg = cur.peek()
        year = cur.integer(phrase("be-year"))
        if year is None or arg is None:
            return year
        if 1800 <= year < 2400:
            self.report("D007", arg.span, year=year, be=year + 543)
            return year + 543
        if not MIN_YEAR <= year <= MAX_YEAR:
            self.report("K013", arg.span, key=cur.key, value=year,
                        reason=phrase("be-year-between", low=MIN_YEAR, high=MAX_YEAR))
            return None
        return year

    def _note(self, st: cst.Statement) -> ast.Note:
        text = self.field(st, lambda c: c.text())
        return ast.Note(text or "", span=st.span)

    def _texts(self, cur: Cursor) -> list[str]:
        out = []
        first = cur.text()
        if first is not None:
            out.append(first)
        while isinstance(cur.peek(), cst.Text):
            out.append(cur.next().value)
        return out

    def _words(self, cur: Cursor, kind: str) -> list[str]:
        out = []
        while True:
            word = cur.word(kind)
            if word:
                out.append(word)
            if not cur.more():
                return out


def _date_error(arg: cst.DateLit) -> Bi:
    """Why a date cannot be read (D001): the reader's reason, else that it is not a date."""
    return Bi(*arg.error) if arg.error else phrase("unrecognised-date")
