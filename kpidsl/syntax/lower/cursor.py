"""Reading a statement's arguments: the cursor, word tables, repeated-field tracking."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Mapping, Protocol, Sequence

import attrs

from ...bilingual import Bi
from ...diagnostics.hints import NO_HINT, guess_hint, hint
from ...diagnostics.phrases import phrase
from ...diagnostics.span import Span
from ...thai import to_arabic
from ...vocabulary import AGREEMENT_REQUIRES, LEVELS  # the words a plan takes, and so a rule file
from .. import ast, cst
from ..keywords import BY_CANONICAL, BY_SPELLING, canonical, normalize_thai, suggest



class Host(Protocol):
    """What a cursor needs from the lowering that owns it."""

    def report(self, code: str, span: Span | None, **args) -> None: ...

    def date_ref(self, arg: cst.Arg, allow_range: bool = False) -> ast.DateRef | None: ...

INLINE_NODE_FIELDS = ("weight", "optional", "share", "unit", "target", "multiplier")
_WORD_KINDS = {
    "level": LEVELS,
    "direction": ("higher", "lower"),
    "interpolate": ("linear", "whole", "none"),
    "rounding": ("half_up", "half_even", "up", "down"),
    "round_at": ("total", "indicator_level"),
    "redistribute": ("proportional", "none"),
    "milestone_count": ("consecutive", "listed"),
    "late_step": ("not_counted", "counted"),
    "scale_score": ("whole", "between"),
    "agreement_ladder": ("fixed", "agreed"),
    "leftover": ("spread", "keep"),
    "kind": ("quantity", "quality", "timeliness", "cost"),
    "importance": ("high", "medium", "low"),
    "cascade": ("direct", "split", "partial"),
    "severity": ("warning", "error"),
    "base": ("midpoint",),
    "sample_size": ("yamane",),
    "per": ("working_day", "day"),
    "limit": ("kpis", "share", "bands", "band"),
    "agreement_requires": AGREEMENT_REQUIRES,
}


def english_keyword(canon: str) -> str:
    return BY_CANONICAL[canon].en[0]


class Cursor:
    """Reads a statement's arguments left to right, reporting what does not fit."""

    def __init__(self, lw: Host, key: str, args: Sequence[cst.Arg], anchor: Span | None):
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
    def missing(self, expected: Bi, advice: Mapping[str, str] = NO_HINT) -> None:
        self.lw.report("K008", self.end_span(), key=self.key, expected=expected, **advice)

    def missing_before_next(self, expected: Bi) -> None:
        """K008 at the next argument: what belongs before it was left out (`ค่าเป้าหมาย ช่วงปรับ 5`)."""
        s = self.peek().span
        self.lw.report("K008", Span.point(s.path, s.line, s.column), key=self.key, expected=expected, **NO_HINT)

    def bad(self, arg: cst.Arg, expected: Bi, advice: Mapping[str, str] = NO_HINT) -> None:
        self.lw.report("K005", arg.span, key=self.key, expected=expected, found=cst.describe(arg), **advice)

    def done(self) -> None:
        """Report everything left over."""
        while self.more():
            arg = self.next()
            word = canonical(arg.text) if isinstance(arg, cst.Name) else None
            advice = hint("own-line", word=arg.text, key=self.key) if word else hint()
            self.lw.report("K006", arg.span, key=self.key, found=cst.describe(arg), **advice)
            return  # one report per line is enough

    def not_inline(self, allowed: Sequence[str], where: Bi) -> None:
        """The next argument of a header line is not one of its inline fields:
        say what it could have been, then stop reading the line."""
        arg = self.peek()
        if isinstance(arg, cst.Name):
            word = canonical(arg.text)
            glued = glued_keyword(arg.text) if word is None else None
            if glued is not None and canonical(glued[0]) in allowed:
                # `น้ำหนัก3` on a header line: K011, as for a statement's head (base.py
                # _unknown), which followons.py counts as a lost field, not K001 beside
                # the sums the unread weight leaves short
                self.lw.report("K011", arg.span, word=arg.text, keyword=glued[0], rest=glued[1])
                self.pos = len(self.args)
                return
            if word is None:
                guess = suggest(arg.text, allowed)
                advice = hint("did-you-mean", guess=guess) if guess else hint(
                    "on-this-line", keys=", ".join(english_keyword(k) for k in allowed))
                self.lw.report("K001", arg.span, word=arg.text, context=where, **advice)
                self.pos = len(self.args)
                return
        self.done()

    # -- typed reads; each reports and returns None when the argument does not fit
    def take(self, accept: Callable[[cst.Arg], object], expected: Bi,
             advice: Mapping[str, str] = NO_HINT):
        if not self.more():
            self.missing(expected, advice)
            return None
        arg = self.peek()
        value = accept(arg)
        if value is None:
            self.bad(arg, expected, advice)
            self.pos += 1
            return None
        self.pos += 1
        return value

    def id(self, what: Bi):
        return self.take(as_id, what)

    def text(self, what: Bi = phrase("text-in-quotes")) -> str | None:
        return self.take(lambda a: a.value if isinstance(a, cst.Text) else None, what)

    def number(self, what: Bi = phrase("a-number")) -> Decimal | None:
        return self.take(lambda a: a.value if isinstance(a, cst.Number) else None, what)

    def amount(self, what: Bi = phrase("number-or-percentage")) -> Decimal | None:
        """A number or a percentage, as the number written (50% → 50)."""
        return self.take(lambda a: a.value if isinstance(a, (cst.Number, cst.Percent)) else None, what)

    def signed_amount(self, what: Bi = phrase("number-or-percentage")) -> Decimal | None:
        """A number or a percentage, or a negative number in brackets (`(-1)`, cst.figure): a figure
        that may lie below 0, as a rate of change does (a target, a ladder's target)."""
        return self.take(cst.figure, what)

    def integer(self, what: Bi = phrase("whole-number")) -> int | None:
        value = self.take(
            lambda a: a.value if isinstance(a, cst.Number) and a.value == a.value.to_integral_value() else None, what
        )
        return int(value) if value is not None else None

    def opt_text(self) -> str | None:
        if isinstance(self.peek(), cst.Text):
            return self.next().value
        return None

    def opt_key(self, canon: str) -> bool:
        """Take the next argument when it is the word ``canon``, and read what follows as its:
        a report then names it as the file writes it (`ช่วงปรับ`, not the table's `step`)."""
        arg = self.peek()
        if self.opt_word(canon) is None:
            return False
        self.key = arg.text
        return True

    def opt_word(self, *canons: str) -> str | None:
        word = self.peek_word()
        if word in canons:
            self.pos += 1
            return word
        return None

    def word(self, kind: str) -> str | None:
        """One of the words of ``kind`` (see _WORD_KINDS), with did-you-mean."""
        choices = _WORD_KINDS[kind]
        what = phrase(f"word-kind-{kind}")
        if not self.more():
            self.missing(what, hint("one-of", choices=", ".join(english_keyword(c) for c in choices)))
            return None
        arg = self.next()
        word = canonical(arg.text) if isinstance(arg, cst.Name) else None
        if word in choices:
            return word
        if word == "none" and "none" in choices:
            return word
        text = arg.text if isinstance(arg, cst.Name) else cst.describe(arg).en
        guess = suggest(text, choices) if isinstance(arg, cst.Name) else None
        self.lw.report(
            "K007", arg.span, word=text, what=what,
            choices=" ".join(_both(c) for c in choices),
            **guess_hint(guess),
        )
        return None

    def date(self, what: Bi = phrase("a-date")) -> ast.DateRef | None:
        return self.outside_year(self.take(lambda a: self.lw.date_ref(a), what))

    def period(self) -> ast.DateRef | None:
        return self.outside_year(self.take(lambda a: self.lw.date_ref(a, allow_range=True),
                                           phrase("date-or-range")))

    def outside_year(self, ref: ast.DateRef | None) -> ast.DateRef | None:
        """A date may be followed by `outside_year` (นอกปีงบประมาณ)."""
        if self.opt_word("outside_year") and ref is not None:
            return attrs.evolve(ref, outside_year=True)
        return ref


def _both(canon: str) -> str:
    kw = BY_CANONICAL[canon]
    return f"{kw.en[0]}/{kw.th[0]}"


def as_id(arg: cst.Arg) -> str | None:
    if isinstance(arg, cst.Name):
        return normalize_thai(arg.text)
    if isinstance(arg, (cst.Number, cst.Dotted)):
        return arg.text
    return None


class Once:
    """Tracks fields that may be given once per block."""

    def __init__(self, lw: Host, context: Bi):
        self.lw = lw
        self.context = context
        self.seen: dict[str, Span] = {}

    def first(self, key: str, span: Span | None, written: str) -> bool:
        if key in self.seen:
            self.lw.report("K004", span, key=written, context=self.context,
                           line=self.seen[key].line if self.seen[key] else "?")
            return False
        self.seen[key] = span
        return True



def glued_keyword(word: str) -> tuple[str, str] | None:
    """``น้ำหนัก20`` → (``น้ำหนัก``, ``20``): a keyword with no space after it."""
    norm = normalize_thai(word)
    # the longest keyword the word starts with, shorter than the word: a look-up per length,
    # not a scan of every spelling (a file of unknown words lowers in time linear in it)
    best = next((norm[:n] for n in range(len(norm) - 1, 0, -1) if norm[:n] in BY_SPELLING), None)
    if best is None:
        return None
    rest = norm[len(best):]
    # Only a number or another keyword after it makes the reading certain:
    # "น้ำหนัก20", "น้ำหนักตามที่ตกลง"; "ผลลัพธ์" merely starts like "ผล".
    if to_arabic(rest[:1]).isdigit() or rest in BY_SPELLING:
        return best, rest
    return None
