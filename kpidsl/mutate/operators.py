"""The mutation operators: where in a rule set each applies, and the text it writes.

Each operator is named for what it changes in the rules (a weight, a ladder
threshold, a band boundary, a date …), not for the characters it edits. The
places are found on the parsed statement tree of each file, which keeps a span
for every value (the rule AST keeps one per construct), walked with the
meaning of each keyword: a number after ``weight`` in a framework is a weight,
in an agreement an agreed weight; the numbers of a ``ladder`` line are its
thresholds until ``step`` or ``target``; the comparisons of a ``band`` line are
its boundaries. A mutant is one text edit — a span of one file and the text
written there — so each survivor can be shown as ``path:line:col``, before →
after. Examples (``example`` blocks) are the rule set's tests: they are never
mutated.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_right
from decimal import Decimal
import attrs

from ..syntax import cst
from ..syntax.keywords import canonical, is_thai, spell
from ..thai import BE_OFFSET, to_thai_digits

# name → (English, Thai) description; the order is the order of the report.
OPERATORS: dict[str, tuple[str, str]] = {
    "weight-plus-one": ("a weight + 1", "น้ำหนัก + 1"),
    "weight-minus-one": ("a weight − 1", "น้ำหนัก − 1"),
    "weight-times-ten": ("a weight × 10", "น้ำหนัก × 10"),
    "weight-div-ten": ("a weight / 10", "น้ำหนัก / 10"),
    "agreed-weight-plus-one": ("an agreed weight + 1", "น้ำหนักที่ตกลง + 1"),
    "agreed-weight-minus-one": ("an agreed weight − 1", "น้ำหนักที่ตกลง − 1"),
    "ladder-swap": ("a ladder threshold swapped with the next", "สลับค่าเกณฑ์กับระดับถัดไป"),
    "ladder-past": ("a ladder threshold moved past its neighbour", "เลื่อนค่าเกณฑ์ข้ามระดับข้างเคียง"),
    "ladder-direction": ("a ladder's direction flipped", "กลับทิศทางของเกณฑ์"),
    "ladder-step": ("a ladder's step doubled", "ช่วงปรับเกณฑ์ × 2"),
    "ladder-target": ("a ladder's target + 1", "ค่าเป้าหมาย + 1"),
    "band-plus": ("a band boundary + 0.01", "ขอบระดับผล + 0.01"),
    "band-minus": ("a band boundary − 0.01", "ขอบระดับผล − 0.01"),
    "band-side": ("a band boundary's open/closed side flipped", "สลับขอบเปิด/ปิดของระดับผล"),
    "raise-times-ten": ("a raise percentage × 10", "ร้อยละการเลื่อน × 10"),
    "date-day": ("a date ± 1 day", "วันที่ ± 1 วัน"),
    "date-month": ("a date ± 1 month", "วันที่ ± 1 เดือน"),
    "date-year": ("a date ± 1 year", "วันที่ ± 1 ปี"),
    "round-swap": ("a round's period end and due date swapped", "สลับวันสิ้นสุดรอบกับกำหนดส่ง"),
    "share-plus-one": ("a percentage share + 1", "สัดส่วน + 1"),
    "share-minus-one": ("a percentage share − 1", "สัดส่วน − 1"),
    "optional-removed": ("an optional marker removed", "ลบคำว่า ถ้ามี"),
    "optional-target": ("an optional marker's target renamed", "เปลี่ยนตัวชี้วัดที่รับน้ำหนักของ ถ้ามี"),
    "indicator-deleted": ("an indicator deleted", "ลบตัวชี้วัด"),
    "indicator-duplicated": ("an indicator duplicated", "ตัวชี้วัดซ้ำ"),
    "policy-value": ("a policy setting changed", "เปลี่ยนค่าหลักเกณฑ์"),
    "formula-operator": ("a formula's operator changed", "เปลี่ยนเครื่องหมายในสูตร"),
}

# The words each policy setting accepts (as the lowering reads them), and the
# numeric settings' other sensible values.
POLICY_WORDS: dict[str, tuple[str, ...]] = {
    "interpolate": ("linear", "whole"),
    "rounding": ("half_up", "half_even", "up", "down"),
    "round_at": ("total", "indicator_level"),
    "redistribute": ("proportional", "none"),
}
POLICY_NUMBERS: dict[str, tuple[Decimal, ...]] = {
    "floor": (Decimal(0), Decimal(1)),
    "decimals": (Decimal(2), Decimal(3), Decimal(4)),
}

_VALUE_WORDS = {"weight", "target", "step", "raise", "share", "optional", "period", "due", "higher", "lower",
                "agreed", "multiplier", "when", "unit", "on", "per", "late_penalty"}
_SIDE = {">=": ">", "≥": ">", ">": ">=", "<": "<=", "<=": "<", "≤": "<"}
# A formula's operator and the kind of its counterpart; the sign written for that kind is the
# formula's own (_formula_signs): a division is always written /, as the seeds, the shipped rule
# files and every output write one (÷ is read, grammar/kpi.lark DIVIDE, and kept where written,
# but never written by a mutant: `×` → `÷` was reported for a formula every output shows with /).
_FORMULA_OPS = {"+": "minus", "-": "+", "−": "+", "*": "/", "×": "/", "/": "times", "÷": "times"}


def _formula_signs(text: str) -> dict[str, str]:
    """The signs of a product and a difference as the formula ``text`` writes them: × and −
    where it writes them (÷ is of the same hand as ×), else * and -."""
    return {"times": "×" if "×" in text or "÷" in text else "*", "minus": "−" if "−" in text else "-"}


@attrs.frozen(order=True)
class Mutant:
    """One edit of one file: ``text[start:end]`` (``before``) becomes ``after``."""

    path: str
    start: int
    end: int
    operator: str
    after: str
    line: int = attrs.field(order=False)
    column: int = attrs.field(order=False)
    before: str = attrs.field(order=False)

    def applied(self, text: str) -> str:
        return text[: self.start] + self.after + text[self.end :]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class _Offsets:
    """Span (line, column; code points) → offset into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def at(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def span(self, span) -> tuple[int, int]:
        return self.at(span.line, span.column), self.at(span.end_line, span.end_column)


def figure(value: Decimal, like: str) -> str:
    """``value`` written as a person writes it, in Thai digits when ``like`` has them."""
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return to_thai_digits(text) if any("\u0e50" <= ch <= "\u0e59" for ch in like) else text


def _word(canonical_name: str, like: str) -> str:
    return spell(canonical_name, "th" if is_thai(like) else "en")


def _kw(st: cst.Statement) -> str | None:
    return None if st.head.written else canonical(st.head.text)


@attrs.define
class _Walker:
    path: str
    text: str
    fiscal_year: int | None
    kpi_ids: dict[str, list[str]]  # top-level declaration id → its kpi ids, in order
    out: list[Mutant] = attrs.Factory(list)
    offsets: _Offsets = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.offsets = _Offsets(self.text)

    # ---- making mutants -----------------------------------------------------------------
    def edit(self, operator: str, start: int, end: int, after: str) -> None:
        before = self.text[start:end]
        if before == after:
            return
        line = bisect_right(self.offsets.starts, start)  # the line starts at or before ``start``
        column = start - self.offsets.starts[line - 1] + 1
        self.out.append(Mutant(self.path, start, end, operator, after, line, column, before))

    def on(self, operator: str, node, after: str) -> None:
        start, end = self.offsets.span(node.span)
        self.edit(operator, start, end, after)

    def source(self, node) -> str:
        start, end = self.offsets.span(node.span)
        return self.text[start:end]

    # ---- walking ----------------------------------------------------------------------------
    def walk(self, stmts, top: str | None, top_id: str | None, fiscal_year: int | None) -> None:
        for st in stmts:
            if isinstance(st, cst.Formula):
                self.formula(st.expr, _formula_signs(self.source(st.expr)))
                continue
            kw = _kw(st)
            here_top, here_id, fy = top, top_id, fiscal_year
            if top is None:
                here_top = kw
                here_id = st.args[0].text if st.args and isinstance(st.args[0], cst.Name) else None
                fy = _own_fiscal_year(st) or fiscal_year
            if here_top in ("example", None) or kw in ("review", "note", "source"):
                continue
            self.statement(st, kw, here_top, here_id, fy)
            if st.block is not None:
                self.walk(st.block.statements, here_top, here_id, fy)

    def statement(self, st: cst.Statement, kw: str | None, top: str, top_id: str | None, fy: int | None) -> None:
        if kw == "kpi" and top in ("framework", "agreement"):
            self.indicator(st)
        if kw in POLICY_WORDS or kw in POLICY_NUMBERS:
            self.policy(st, kw)
            return
        mode = {"ladder": "threshold", "band": "bound", "period": "period", "due": "due", "raise": "raise",
                "weight": "weight", "share": "share", "target": "target", "step": "step"}.get(kw or "")
        thresholds: list = []
        direction = period_end = due = None
        for i, arg in enumerate(st.args):
            word = canonical(arg.text) if isinstance(arg, cst.Name) else None
            if word in _VALUE_WORDS:
                if word in ("higher", "lower") and mode == "threshold":
                    direction = arg
                    continue
                if word == "optional":
                    self.optional(st, i, top_id)
                mode = word
                continue
            if mode == "threshold":
                value = arg.value if isinstance(arg, cst.Compare) else arg
                if isinstance(value, cst.Number):
                    thresholds.append((arg, value))
            elif mode == "weight" and isinstance(arg, cst.Number):
                self.weight(arg, agreed=(top == "agreement"))
            elif mode == "bound" and isinstance(arg, cst.Compare) and isinstance(arg.value, cst.Number):
                self.bound(arg)
            elif mode == "raise" and isinstance(arg, cst.Range):
                for end in (arg.low, arg.high):
                    if isinstance(end, (cst.Percent, cst.Number)):
                        self.times_ten(end)
            elif mode == "share" and isinstance(arg, cst.Percent):
                self.percent(arg, "share-plus-one", Decimal(1))
                self.percent(arg, "share-minus-one", Decimal(-1))
            elif mode == "step" and isinstance(arg, cst.Number):
                self.on("ladder-step", arg, figure(arg.value * 2, arg.written or arg.text))
            elif mode == "target" and isinstance(arg, cst.Number):
                self.on("ladder-target", arg, figure(arg.value + 1, arg.written or arg.text))
            for lit in _dates(arg):
                self.date(lit, fy)
            if mode == "period" and isinstance(arg, cst.Range) and isinstance(arg.high, cst.DateLit):
                period_end = arg.high
            if mode == "due" and isinstance(arg, cst.DateLit):
                due = arg
        if thresholds:
            self.ladder(st, thresholds, direction)
        if kw == "round":
            period_end, due = self.round_parts(st, period_end, due)
        if period_end is not None and due is not None and kw == "round":
            self.swap("round-swap", period_end, due)

    def round_parts(self, st: cst.Statement, period_end, due):
        """A round's period and due written on their own lines inside its block."""
        for sub in st.block.statements if st.block else ():
            if not isinstance(sub, cst.Statement) or not sub.args:
                continue
            kw = _kw(sub)
            if kw == "period" and isinstance(sub.args[0], cst.Range) and isinstance(sub.args[0].high, cst.DateLit):
                period_end = sub.args[0].high
            elif kw == "due" and isinstance(sub.args[0], cst.DateLit):
                due = sub.args[0]
        return period_end, due

    # ---- the operators ----------------------------------------------------------------------
    def weight(self, arg: cst.Number, agreed: bool) -> None:
        like = arg.written or arg.text
        if agreed:
            self.on("agreed-weight-plus-one", arg, figure(arg.value + 1, like))
            if arg.value >= 1:
                self.on("agreed-weight-minus-one", arg, figure(arg.value - 1, like))
            return
        self.on("weight-plus-one", arg, figure(arg.value + 1, like))
        if arg.value >= 1:
            self.on("weight-minus-one", arg, figure(arg.value - 1, like))
        self.on("weight-times-ten", arg, figure(arg.value * 10, like))
        self.on("weight-div-ten", arg, figure(arg.value / 10, like))

    def ladder(self, st: cst.Statement, thresholds: list, direction: cst.Name | None) -> None:
        values = [v.value for _, v in thresholds]
        for i, (arg, value) in enumerate(thresholds):
            if i + 1 < len(thresholds):
                self.swap("ladder-swap", thresholds[i][0], thresholds[i + 1][0])
                past = values[i + 1] + (values[i + 1] - values[i] or 1)
            elif i > 0:
                past = values[i - 1] - (values[i] - values[i - 1] or 1)
            else:
                continue
            self.on("ladder-past", value, figure(past, value.written or value.text))
        self.flip(st, [a for a, _ in thresholds], direction)

    def flip(self, st: cst.Statement, thresholds: list, direction: cst.Name | None) -> None:
        """The opposite direction with the thresholds in the opposite order: a
        ladder that still reads well and means the opposite (plain numbers only;
        with comparisons only the word changes)."""
        word = canonical(direction.text) if direction is not None else "higher"
        opposite = _word("lower" if word == "higher" else "higher", direction.text if direction else st.head.text)
        first, _ = self.offsets.span(thresholds[0].span)
        _, last = self.offsets.span(thresholds[-1].span)
        if all(isinstance(a, cst.Number) for a in thresholds) and len(thresholds) > 1:
            pieces = [self.source(a) for a in thresholds]
            seps = [self.text[self.offsets.span(a.span)[1]:self.offsets.span(b.span)[0]]
                    for a, b in zip(thresholds, thresholds[1:])]
            flipped = pieces[-1] + "".join(sep + piece for sep, piece in zip(seps, reversed(pieces[:-1])))
        else:
            flipped = self.text[first:last]
        if direction is not None:
            start, end = self.offsets.span(direction.span)
            self.edit("ladder-direction", start, last, opposite + self.text[end:first] + flipped)
        else:
            self.edit("ladder-direction", first, last, opposite + " " + flipped)

    def bound(self, arg: cst.Compare) -> None:
        value = arg.value
        like = value.written or value.text
        self.on("band-plus", value, figure(value.value + Decimal("0.01"), like))
        self.on("band-minus", value, figure(value.value - Decimal("0.01"), like))
        start, _ = self.offsets.span(arg.span)
        value_start, _ = self.offsets.span(value.span)
        sign = self.text[start:value_start].rstrip()
        if sign in _SIDE:
            self.edit("band-side", start, start + len(sign), _SIDE[sign])

    def times_ten(self, arg) -> None:
        self.numeric_part(arg, "raise-times-ten", arg.value * 10)

    def percent(self, arg: cst.Percent, operator: str, delta: Decimal) -> None:
        self.numeric_part(arg, operator, arg.value + delta)

    def numeric_part(self, arg, operator: str, value: Decimal) -> None:
        """Rewrite the number of a ``4.5%`` and keep its sign."""
        start, end = self.offsets.span(arg.span)
        text = self.text[start:end]
        written = arg.written or (arg.text if isinstance(arg, cst.Number) else "")
        if not written or not text.startswith(written):
            return
        self.edit(operator, start, start + len(written), figure(value, written))

    def date(self, lit: cst.DateLit, fy: int | None) -> None:
        parts = lit.parts
        if parts is None or parts.day is None or parts.day_end is not None:
            return
        year = parts.year if parts.iso else (parts.year - BE_OFFSET if parts.year is not None else None)
        if year is None:
            if fy is None:
                return
            year = fy - BE_OFFSET - (1 if parts.month >= 10 else 0)
        try:
            day = dt.date(year, parts.month, parts.day)
        except ValueError:
            return
        for delta in (1, -1):
            self.on("date-day", lit, (day + dt.timedelta(days=delta)).isoformat())
            self.on("date-month", lit, _add_months(day, delta).isoformat())
            self.on("date-year", lit, _add_months(day, 12 * delta).isoformat())

    def swap(self, operator: str, first, second) -> None:
        a_start, a_end = self.offsets.span(first.span)
        b_start, b_end = self.offsets.span(second.span)
        if a_end > b_start:
            return
        a, between, b = self.text[a_start:a_end], self.text[a_end:b_start], self.text[b_start:b_end]
        if a != b:
            self.edit(operator, a_start, b_end, b + between + a)

    def optional(self, st: cst.Statement, i: int, top_id: str | None) -> None:
        marker = st.args[i]
        arrow = st.args[i + 1] if i + 1 < len(st.args) and isinstance(st.args[i + 1], cst.Arrow) else None
        start, end = self.offsets.span(marker.span)
        if arrow is not None:
            _, end = self.offsets.span(arrow.span)
        # Take the space before the marker with it: `weight 5 optional` → `weight 5`.
        while start > 0 and self.text[start - 1] in " \t":
            start -= 1
        self.edit("optional-removed", start, end, "")
        if arrow is None:
            return
        target = arrow.target
        own = st.args[0].text if st.args and hasattr(st.args[0], "text") else None
        current = getattr(target, "text", None)
        others = [k for k in self.kpi_ids.get(top_id or "", []) if k not in (current, own)]
        if others and target.span is not None:
            after = others[0] if not any("\u0e50" <= ch <= "\u0e59" for ch in self.source(target)) \
                else to_thai_digits(others[0])
            self.on("optional-target", target, after)

    def indicator(self, st: cst.Statement) -> None:
        start, end = self.offsets.span(st.span)
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end + 1
        if self.text[line_start:start].strip():
            return  # not alone on its lines (`;`): no whole-line edit
        whole = self.text[line_start:line_end]
        self.edit("indicator-deleted", line_start, line_end, "")
        # Inserted after the original (an empty edit would show no "before"): the
        # duplicate's span is the original's, written twice.
        self.edit("indicator-duplicated", line_start, line_end, whole + whole)

    def policy(self, st: cst.Statement, kw: str) -> None:
        if not st.args:
            return
        arg = st.args[0]
        if kw in POLICY_WORDS and isinstance(arg, cst.Name):
            current = canonical(arg.text)
            current = "whole" if current == "none" and kw == "interpolate" else current
            for other in POLICY_WORDS[kw]:
                if other != current:
                    self.on("policy-value", arg, _word(other, arg.text))
        elif kw in POLICY_NUMBERS and isinstance(arg, cst.Number):
            for other in POLICY_NUMBERS[kw]:
                if other != arg.value:
                    self.on("policy-value", arg, figure(other, arg.written or arg.text))

    def formula(self, expr, signs: dict[str, str]) -> None:
        """Each operator of ``expr`` turned to its counterpart, written in ``signs`` (_formula_signs)."""
        if isinstance(expr, cst.BinOp):
            left_end = self.offsets.span(expr.left.span)[1]
            right_start = self.offsets.span(expr.right.span)[0]
            between = self.text[left_end:right_start]
            for j, ch in enumerate(between):
                if ch in _FORMULA_OPS:
                    after = _FORMULA_OPS[ch]
                    self.edit("formula-operator", left_end + j, left_end + j + 1, signs.get(after, after))
                    break
            self.formula(expr.left, signs)
            self.formula(expr.right, signs)
        elif isinstance(expr, cst.Call):
            for a in expr.args:
                self.formula(a, signs)
        elif isinstance(expr, (cst.Neg,)):
            self.formula(expr.operand, signs)
        elif isinstance(expr, cst.Paren):
            self.formula(expr.expr, signs)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _dates(arg) -> list[cst.DateLit]:
    if isinstance(arg, cst.DateLit):
        return [arg]
    if isinstance(arg, cst.Range):
        return [x for x in (arg.low, arg.high) if isinstance(x, cst.DateLit)]
    return []


def _own_fiscal_year(st: cst.Statement) -> int | None:
    for sub in st.block.statements if st.block else ():
        if isinstance(sub, cst.Statement) and _kw(sub) == "fiscal_year" and sub.args \
                and isinstance(sub.args[0], cst.Number):
            return int(sub.args[0].value)
    return None


def _kpi_ids(stmts, into: list[str]) -> None:
    for st in stmts:
        if isinstance(st, cst.Statement):
            if _kw(st) == "kpi" and st.args and hasattr(st.args[0], "text"):
                into.append(st.args[0].text)
            if st.block is not None:
                _kpi_ids(st.block.statements, into)


def mutants(documents: dict[str, cst.Document], texts: dict[str, str], only: frozenset[str] | None = None
            ) -> list[Mutant]:
    """Every mutant of the rule set, in a stable order (file, place, operator)."""
    kpi_ids: dict[str, list[str]] = {}
    years: list[int] = []
    for doc in documents.values():
        for st in doc.statements:
            if isinstance(st, cst.Statement) and st.args and isinstance(st.args[0], cst.Name):
                _kpi_ids(st.block.statements if st.block else (), kpi_ids.setdefault(st.args[0].text, []))
                fy = _own_fiscal_year(st)
                if fy:
                    years.append(fy)
    fiscal_year = max(years) if years else None
    found: list[Mutant] = []
    for path in sorted(documents):
        walker = _Walker(path, texts[path], fiscal_year, kpi_ids)
        walker.walk(documents[path].statements, None, None, fiscal_year)
        found.extend(walker.out)
    if only is not None:
        found = [m for m in found if m.operator in only]
    return sorted(set(found), key=lambda m: (m.path, m.start, m.end, list(OPERATORS).index(m.operator), m.after))
