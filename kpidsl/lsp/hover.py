"""Hover text: what a keyword means, an indicator's weights and ladder, a
band's range and raise, a date in full Thai with whether it is a working day.

Indicators are read from the compiled plan when the rule set checks clean
(effective weights in each agreement, with an omitted indicator's weight
redistributed), else from the rule AST as written (a file that does not parse, from the
tree recovered from it: kpidsl/lsp/ruleset_state.py)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..check.context import num
from ..diagnostics.cli_texts import said
from ..check.ladders import thresholds
from ..plan.model import Ladder, Milestones, Plan, Scoring
from ..plan.model.fields import dec_text
from ..plan.read import plan_of
from ..syntax import ast, cst
from ..syntax.contexts import places
from ..syntax.dates import DateError, resolve_range
from ..syntax.keywords import BY_CANONICAL, lookup
from ..thai import BE_OFFSET, MONTHS
from ..days_off import categories_of
from ..written_dates import days_said
from .names import NameIndex
from .outline import NODE_KINDS, Entry, arg_text, entries
from .ruleset_state import RuleSetState

WEEKDAYS = (("วันจันทร์", "Monday"), ("วันอังคาร", "Tuesday"), ("วันพุธ", "Wednesday"),
            ("วันพฤหัสบดี", "Thursday"), ("วันศุกร์", "Friday"), ("วันเสาร์", "Saturday"),
            ("วันอาทิตย์", "Sunday"))


def _t(lang: str, th: str, en: str) -> str:
    return th if lang == "th" else en


def _kind(kind: str, lang: str) -> str:
    """A node's kind as its keyword is spelt in ``lang`` (มุมมอง, มิติ, ตัวชี้วัด, …)."""
    return BY_CANONICAL[kind].spelling(lang)


def _in(span, line: int, column: int) -> bool:
    return span is not None and (span.line, span.column) <= (line, column) < (span.end_line, span.end_column)


def _values(args) -> Iterator[cst.Arg]:
    for arg in args:
        yield arg
        if isinstance(arg, cst.Range):
            yield arg.low
            yield arg.high
        elif isinstance(arg, (cst.Compare, cst.Arrow)):
            yield arg.value if isinstance(arg, cst.Compare) else arg.target


def hover(state: RuleSetState, index: NameIndex, path: str, line: int, column: int, lang: str) -> str | None:
    doc = state.tree(path)
    if doc is None:
        return None
    for entry in entries(doc):
        st = entry.stmt
        if _in(st.head.span, line, column):
            if entry.key in NODE_KINDS and entry.ident:
                return indicator(state, index, path, entry, lang) or keyword(st.head.text)
            if entry.key == "band" and entry.context == "bands":
                return band(state, entry, lang)
            return keyword(st.head.text)
        for arg in _values(st.args):
            if not _in(arg.span, line, column):
                continue
            if isinstance(arg, cst.DateLit):
                return date(state, entry, arg, lang)
            if arg is (st.args[0] if st.args else None) and entry.key in NODE_KINDS:
                return indicator(state, index, path, entry, lang)
            named = index.key_at(path, arg.span.line, arg.span.column) if arg.span else None
            if named is not None and named[0] == "node" and not lookup(arg_text(arg) or ""):
                # an indicator named on another's line (ยกเว้น 3, ถ่ายทอด … จาก AGREEMENT it1,
                # หมวด "…" ตัวชี้วัด 2 3): that indicator, as hover on its own line shows it
                return node_at(state, index, path, arg.span, lang)
            if arg is (st.args[0] if st.args else None) and entry.key == "band" and entry.context == "bands":
                return band(state, entry, lang)
            if named is not None:
                # a declared name, where it is declared or named: itself, though it may be spelt as a
                # value word (framework `department`, the level `ระดับ department`)
                return node_at(state, index, path, arg.span, lang) if named[0] == "node" else \
                    named_hover(state, index, named, lang)
            if isinstance(arg, cst.Name) and lookup(arg.text):
                return keyword(arg.text)
    return None


# ---- keywords ----------------------------------------------------------------------------------

def keyword(word: str) -> str | None:
    kw = lookup(word)
    if kw is None:
        return None
    en, th = places(kw.canonical)
    # Both languages whatever the editor's setting: the reader may be learning the other spelling.
    out = [f"**{' / '.join(kw.th)}** · `{' / '.join(kw.en)}`", "", kw.meaning("th"), kw.meaning("en")]
    if en:
        out += ["", said("hover-allowed-in", "th", places=th), said("hover-allowed-in", "en", places=en)]
    else:
        out += ["", f"{said('hover-value-word', 'th')} · {said('hover-value-word', 'en')}"]
    return "\n".join(out)


# ---- indicators --------------------------------------------------------------------------------

def _walk_ast(nodes) -> Iterator[ast.Node]:
    for n in nodes:
        yield n
        yield from _walk_ast(n.children)


def _comments_on(state: RuleSetState, path: str, lines: set[int]) -> list[str]:
    doc = state.tree(path)
    if doc is None:
        return []
    return [c.text.strip() for c in doc.comments if c.span and c.span.line in lines]


def indicator(state: RuleSetState, index: NameIndex, path: str, entry: Entry, lang: str) -> str | None:
    return node_at(state, index, path, entry.ident_span, lang)


def node_at(state: RuleSetState, index: NameIndex, path: str, span, lang: str) -> str | None:
    """The indicator (or other node) whose id is written at ``span``, as the names index finds it."""
    key = index.key_at(path, span.line, span.column) if span else None
    if key is None or key[0] != "node":
        return None
    scope, ident = key[1], key[2]
    if scope.startswith("agreement:"):
        return _agreement_own(state, scope.removeprefix("agreement:"), ident, lang)
    plan = state.plan()
    if plan is not None:
        text = _from_plan(state, plan_of(plan), scope, ident, lang)
        if text:
            return text
    return _from_ast(state, scope, ident, lang)


def _ladder_text(direction: str, values: list[str], lang: str) -> str:
    way = said("hover-higher-is-better" if direction == "higher" else "hover-lower-is-better", lang)
    return said("hover-ladder", lang, values=" ".join(values), way=way)


def _plan_scoring(scoring: Scoring | None, lang: str) -> list[str]:
    if not scoring:
        return []
    if isinstance(scoring, Milestones):
        out = [said("hover-milestones", lang)]
        for step in scoring.steps:
            # Thai as the rule file writes it; English the ISO days it stands for (kpidsl/written_dates.py)
            due = said("hover-due", lang, date=step.due.text if lang == "th" else
                       days_said((step.due.start, step.due.end)).en) if step.due else ""
            out.append(f"  {step.number}. {step.text}{due}")
        return out
    ladder = scoring if isinstance(scoring, Ladder) else getattr(scoring, "ladder", None)
    if ladder is not None:
        values = [(t.op or "") + dec_text(t.value) for t in ladder.thresholds]
        return [_ladder_text(ladder.direction, values, lang)]
    names = {"weighted_average": "hover-weighted-average", "composite": "hover-composite",
             "owner_score": "hover-owner-score", "formula": "hover-formula"}
    return [said(names[scoring.KIND], lang) if scoring.KIND in names else scoring.KIND]


def _from_plan(state: RuleSetState, plan: Plan, fw_id: str, ident: str, lang: str) -> str | None:
    fw = plan.frameworks_by_id.get(fw_id)
    node = next((n for n in fw.walk() if n.id == ident), None) if fw else None
    if node is None:
        return None
    root = state.root
    out = [f"**{_kind(node.kind, lang)} {ident}** {node.title or ''}", ""]
    if node.weight_kind != "none":
        weight = dec_text(node.weight) if node.weight is not None else said("hover-agreed", lang)
        out.append(said("hover-weight-in-framework", lang, framework=fw_id, weight=weight))
    out += _share(fw_id, node.share, lang)
    for a in plan.agreements:
        if a.framework.id != fw_id:
            continue
        an = next((n for n in a.walk() if n.id == ident), None)
        if an is None:
            continue
        if an.omitted:
            out.append(said("hover-omitted-in", lang, agreement=a.id))
        elif an.weight is not None:  # a component has a share and no weight
            out.append(said("hover-effective-weight", lang, agreement=a.id, weight=dec_text(an.weight)))
    out += [f"- {line}" for line in _plan_scoring(node.scoring, lang)]
    lines = {node.source.line}
    scoring_source = getattr(node.scoring, "source", None)
    if scoring_source:
        lines.add(scoring_source.line)
    path = str(root / node.source.path)
    cites = [c for c in [node.citation] if c]
    out += _citations(cites, _comments_on(state, path, lines), lang)
    return "\n".join(out)


def _share(fw_id: str, share, lang: str) -> list[str]:
    """A component's share of the total (สัดส่วน 70%), which it has in place of a weight."""
    if share is None:
        return []
    return [said("hover-share-in-framework", lang, framework=fw_id, share=f"{num(share)}%")]


def _citations(cites: list[str], comments: list[str], lang: str) -> list[str]:
    out = []
    if cites:
        out.append(said("hover-source", lang, sources="; ".join(cites)))
    for c in comments:
        out.append(f"- `# {c}`")
    return out


def _due_as_written(due: ast.DateRef, lang: str) -> str:
    """Thai as the rule file writes it; English the ISO days it stands for when it names its
    year (no fiscal year is at hand here), else quoted as written."""
    if lang == "th":
        return due.text
    days = due.days(None)
    return days_said(days).en if days and days[1] >= days[0] else f"`{due.text}`"


def _ast_scoring(scoring, lang: str) -> list[str]:
    ladder = None
    if isinstance(scoring, ast.LadderScoring):
        ladder = scoring.ladder
    elif isinstance(scoring, (ast.FormulaScoring, ast.WeightedAverage)):
        ladder = scoring.ladder
    elif isinstance(scoring, ast.MilestoneScoring):
        out = [said("hover-milestones", lang)]
        for m in scoring.milestones.steps:
            due = said("hover-due", lang, date=_due_as_written(m.due, lang)) if m.due else ""
            out.append(f"  {m.number}. {m.text}{due}")
        return out
    if ladder is None:
        return []
    if ladder.thresholds:  # as written, each with its comparison (`น้อยดี >8 <=8 …`), as the plan keeps it
        values = [(t.op or "") + num(t.value) for t in ladder.thresholds]
    else:
        try:
            values = [num(v) for v in thresholds(ladder)]
        except TypeError:  # a target without a step: the checker says so
            return []
    return [_ladder_text(ladder.direction, values, lang)]


def _from_ast(state: RuleSetState, fw_id: str, ident: str, lang: str) -> str | None:
    rs = state.editor_rule_set()
    fw = rs.frameworks.get(fw_id)
    node = next((n for n in _walk_ast(fw.nodes) if n.id == ident), None) if fw else None
    if node is None:
        return None
    out = [f"**{_kind(node.kind, lang)} {ident}** {node.title or ''}", "", said("hover-as-written", lang)]
    if node.weight is not None or node.share is None:
        weight = said("hover-agreed", lang) if node.weight and node.weight.agreed else \
            num(node.weight.value) if node.weight else "—"
        out.append(said("hover-weight-in-framework", lang, framework=fw_id, weight=weight))
    out += _share(fw_id, node.share, lang)
    for a in rs.agreements.values():
        if a.framework is None or a.framework.id != fw_id:
            continue
        if any(r.id == ident for r in a.omits):
            out.append(said("hover-omitted-in", lang, agreement=a.id))
            continue
        an = next((n for n in _walk_ast(a.nodes) if n.id == ident), None)
        if an is not None and an.weight and an.weight.value is not None:
            out.append(said("hover-weight-in-agreement", lang, agreement=a.id, weight=num(an.weight.value)))
    out += [f"- {line}" for line in _ast_scoring(node.scoring, lang)]
    lines = {node.span.line} if node.span else set()
    if node.scoring is not None and node.scoring.span is not None:
        lines.add(node.scoring.span.line)
    out += _citations([node.source] if node.source else [], _comments_on(state, node.span.path if node.span else "",
                                                                          lines), lang)
    return "\n".join(out)


def _agreement_own(state: RuleSetState, agreement_id: str, ident: str, lang: str) -> str | None:
    rs = state.editor_rule_set()
    a = rs.agreements.get(agreement_id)
    node = next((n for n in _walk_ast(a.nodes) if n.id == ident), None) if a else None
    if node is None:
        return None
    weight = num(node.weight.value) if node.weight and node.weight.value is not None else "—"
    out = [f"**{_kind(node.kind, lang)} {ident}** {node.title or ''}", "",
           said("hover-weight-in-agreement", lang, agreement=agreement_id, weight=weight)]
    # what it is scored on: the plan's, while the rule set checks clean (a sub-indicator that
    # writes no ladder is scored on its framework indicator's weighted average), else as written
    plan = state.plan()
    agreed = next((a for a in plan_of(plan).agreements if a.id == agreement_id), None) if plan is not None else None
    planned = next((n for n in agreed.walk() if n.id == ident), None) if agreed is not None else None
    scoring = _plan_scoring(planned.scoring, lang) if planned is not None else _ast_scoring(node.scoring, lang)
    out += [f"- {line}" for line in scoring]
    return "\n".join(out)


# ---- bands ---------------------------------------------------------------------------------------

def named_hover(state: RuleSetState, index: NameIndex, key, lang: str) -> str:
    """A declared name's kind, id and title (`**กรอบ department** …`); a band's range and raise."""
    kind, scope, ident = key
    if kind == "band":
        found = band_in(state, scope, ident, lang)
        if found is not None:
            return found
    spelt = BY_CANONICAL[kind].spelling(lang) if kind in BY_CANONICAL else kind
    return f"**{spelt} {ident}** {index.titles.get(key, '')}".rstrip()


def band(state: RuleSetState, entry: Entry, lang: str) -> str | None:
    return band_in(state, (entry.parents[-1].ident or "") if entry.parents else "", entry.ident or "", lang)


def band_in(state: RuleSetState, table_id: str, ident: str, lang: str) -> str | None:
    """Band ``ident`` of bands table ``table_id``: its range and salary raise."""
    rs = state.editor_rule_set()
    table = rs.bands.get(table_id)
    b = next((b for b in table.bands if b.id == ident), None) if table else None
    if b is None:
        return None
    bounds = " ".join(f"{x.op} {num(x.value)}" for x in (b.lower, b.upper) if x is not None)
    if b.raise_ is not None:
        raise_ = f"{num(b.raise_.low)}% – {num(b.raise_.high)}%"
    else:
        raise_ = said("hover-no-raise", lang) if b.no_raise else "—"
    return "\n".join([
        said("hover-band", lang, band=b.id, title=b.title or ""), "",
        said("hover-range", lang, bounds=bounds),
        said("hover-salary-raise", lang, raise_range=raise_),
    ])


# ---- dates ---------------------------------------------------------------------------------------

def full_date(day: dt.date, lang: str) -> str:
    """``วันเสาร์ที่ 31 ธันวาคม พ.ศ. 2554``; in English ``Saturday 2011-12-31``, the ISO date the
    English outputs write (kpidsl/written_dates.py)."""
    thai, english = WEEKDAYS[day.weekday()]
    if lang != "th":
        return f"{english} {day.isoformat()}"
    return f"{thai}ที่ {day.day} {MONTHS[day.month - 1][0]} พ.ศ. {day.year + BE_OFFSET}"


def _fiscal_year(rs, entry: Entry) -> int | None:
    top = entry.parents[0] if entry.parents else entry
    ident = top.ident or ""
    if top.key == "framework" and ident in rs.frameworks:
        return rs.frameworks[ident].fiscal_year
    if top.key == "calendar" and ident in rs.calendars:
        cal = rs.calendars[ident]
        if cal.fiscal_year:
            return cal.fiscal_year
        users = [f for f in rs.frameworks.values() if any(r.id == ident for r in f.calendars)]
        return users[0].fiscal_year if users else None
    agreement = rs.agreements.get(ident) if top.key == "agreement" else None
    if top.key == "example" and ident in rs.examples and rs.examples[ident].agreement:
        agreement = rs.agreements.get(rs.examples[ident].agreement.id)
    if agreement is not None:
        if agreement.fiscal_year:
            return agreement.fiscal_year
        fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        return fw.fiscal_year if fw else None
    return None


def _holidays(state: RuleSetState, years: range, lang: str) -> tuple[dict[dt.date, str], bool]:
    """Days off by date with their names, and whether the rule set declares them
    (else Thailand's public holidays are shown)."""
    import holidays as holidays_package

    rs = state.editor_rule_set()
    declared = next((h for h in rs.holidays if h.country), None)
    country = declared.country if declared else "TH"
    try:
        days = holidays_package.country_holidays(country, years=list(years), categories=categories_of(country),
                                                 language="th" if lang == "th" else "en_US")
    except (NotImplementedError, KeyError, AttributeError):
        return {}, declared is not None
    out = dict(days.items())
    for h in rs.holidays:
        for change in h.add:
            for day in _days(change.date, None):
                out[day] = change.name or ""
        for change in h.remove:
            for day in _days(change.date, None):
                out.pop(day, None)
    return out, declared is not None


def _days(ref: ast.DateRef, fiscal_year: int | None) -> list[dt.date]:
    span = ref.days(fiscal_year)
    if span is None or (span[1] - span[0]).days > 366:
        return []
    return [span[0] + dt.timedelta(days=i) for i in range((span[1] - span[0]).days + 1)]


def date(state: RuleSetState, entry: Entry, lit: cst.DateLit, lang: str) -> str | None:
    if lit.parts is None:
        return None
    rs = state.editor_rule_set()
    fy = _fiscal_year(rs, entry)
    try:
        span = resolve_range(lit.parts, None, fy)
    except DateError as e:
        return f"`{lit.text}`: {_t(lang, e.reason_th, e.reason_en)}"
    if span is None:
        return None
    first, last = span
    off, declared = _holidays(state, range(first.year, last.year + 1), lang)
    where = "" if declared else said("hover-thai-holidays", lang)

    def one(day: dt.date) -> str:
        if day in off:
            why = said("hover-holiday", lang, name=off[day])
        elif day.weekday() >= 5:
            why = said("hover-weekend", lang)
        else:
            why = said("hover-working-day", lang)
        return f"{full_date(day, lang)} — {why}"

    if first == last:
        return f"**{lit.text}**\n\n{one(first)}{where}"
    count = (last - first).days + 1
    working = sum(1 for i in range(count) if (d := first + dt.timedelta(days=i)).weekday() < 5 and d not in off)
    return (f"**{lit.text}**\n\n{said('hover-from', lang)} {one(first)}\n\n{said('hover-to', lang)} {one(last)}\n\n"
            + said("hover-days", lang, working, days=count) + where)

