"""Ids are unique and references resolve (N001, N002), with "did you mean"."""

from __future__ import annotations

from typing import Iterable

from ..diagnostics.hints import hint
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import Bi
from ..diagnostics.span import Span
from ..syntax import ast, cst
from ..syntax.keywords import FUNCTION_BY_SPELLING, normalize_thai
from .context import Checker, node_name, walk

_KIND_TH = {
    "framework": "กรอบ", "agreement": "คำรับรอง", "bands": "ตารางระดับผล", "calendar": "ปฏิทิน",
    "example": "ตัวอย่าง", "indicator": "ตัวชี้วัด", "round": "รอบ", "scale": "มาตรวัด", "band": "ระดับผล",
    "activity": "กิจกรรม", "grade": "ระดับตำแหน่ง", "strategy": "ยุทธศาสตร์", "part": "ส่วน",
    "input": "ข้อมูล", "component": "องค์ประกอบ", "function": "ฟังก์ชัน",
}


def _first_span(span: Span) -> str:
    return f"{span.path}:{span.line}"


def unique(ck: Checker, kind: str, items: Iterable[tuple[str, Span | None]]) -> None:
    seen: dict[str, Span | None] = {}
    for ident, span in items:
        if ident in seen:
            ck.report("N001", span, kind=kind, kind_th=_KIND_TH[kind], id=ident,
                      first=_first_span(seen[ident]))
        else:
            seen[ident] = span


def unresolved(ck: Checker, kind: str, ident: str, span: Span | None, candidates: Iterable[str],
               where: Bi | str = "") -> None:
    ck.report("N002", span, kind=kind, kind_th=_KIND_TH[kind], id=ident, where=where,
              **ck.did_you_mean(ident, candidates))


def run(ck: Checker) -> None:
    rs = ck.rs
    decls = list(rs.declarations())
    for kind, cls in (("framework", ast.Framework), ("agreement", ast.Agreement), ("bands", ast.Bands),
                      ("calendar", ast.Calendar), ("example", ast.Example)):
        unique(ck, kind, ((d.id, getattr(d, "id_span", None) or d.span) for d in decls if isinstance(d, cls)))

    for fw in rs.frameworks.values():
        _framework(ck, fw)
    for bands in rs.bands.values():
        unique(ck, "band", ((b.id, b.id_span or b.span) for b in bands.bands))
    for cal in rs.calendars.values():
        unique(ck, "activity", ((a.id, a.id_span or a.span) for a in cal.activities))
    for agreement in rs.agreements.values():
        _agreement(ck, agreement)
    for example in rs.examples.values():
        _example(ck, example)


def _framework(ck: Checker, fw: ast.Framework) -> None:
    rs = ck.rs
    nodes = list(walk(fw.nodes))
    unique(ck, "indicator", ((loc.node.id, loc.node.id_span or loc.node.span) for loc in nodes))
    unique(ck, "round", ((r.id, r.id_span or r.span) for r in fw.rounds))
    unique(ck, "scale", ((s.id, s.id_span or s.span) for s in fw.scales))
    unique(ck, "strategy", ((s.id, s.id_span or s.span) for s in fw.strategies))
    if fw.salary:
        unique(ck, "grade", ((g.id, g.id_span or g.span) for g in fw.salary.grades))
        rounds = [r.id for r in fw.rounds]
        for pool in fw.salary.pools:  # the scorer looks a round's pool up by this id (score/pool.py)
            if pool.round is not None and pool.round not in rounds:
                unresolved(ck, "round", pool.round, pool.round_span or pool.span, rounds,
                           phrase("in-framework", id=fw.id))
    if fw.bands and fw.bands.id not in rs.bands:
        unresolved(ck, "bands", fw.bands.id, fw.bands.span, rs.bands)
    for ref in fw.calendars:
        if ref.id not in rs.calendars:
            unresolved(ck, "calendar", ref.id, ref.span, rs.calendars)
    scales = {s.id for s in fw.scales}
    components = {loc.node.id for loc in nodes if loc.node.kind == "component"}
    for loc in nodes:
        node = loc.node
        if node.scale and node.scale.id not in scales:
            unresolved(ck, "scale", node.scale.id, node.scale.span, scales)
        _scoring_names(ck, node)
    for limit in fw.limits:
        if limit.subject == "share" and limit.of not in components:
            unresolved(ck, "component", limit.of, limit.of_span or limit.span, components)
        if limit.subject == "band":
            bands = rs.bands.get(fw.bands.id) if fw.bands else None
            ids = {b.id for b in bands.bands} if bands else set()
            if limit.of not in ids:
                unresolved(ck, "band", limit.of, limit.of_span or limit.span, ids)


def _scoring_names(ck: Checker, node: ast.Node) -> None:
    scorings = [node.scoring]
    if isinstance(node.scoring, ast.Composite):
        unique(ck, "part", ((p.id, p.id_span or p.span) for p in node.scoring.parts))
        scorings = [p.scoring for p in node.scoring.parts]
    for scoring in scorings:
        if isinstance(scoring, ast.FormulaScoring):
            declared = [name for inp in scoring.inputs for name in inp.names]
            unique(ck, "input", (named for inp in scoring.inputs for named in _input_names(inp)))
            for call in _calls(scoring.expr):
                if normalize_thai(call.func) not in FUNCTION_BY_SPELLING:
                    unresolved(ck, "function", call.func, call.name_span(), FUNCTION_BY_SPELLING)
                elif not call.args:  # a known function with nothing to work on: the name is right
                    ck.report("K008", call.name_span(), key=call.func, expected=phrase("function-arguments"),
                              **hint("function-arguments", function=call.func))
            used = set()
            for var in _variables(scoring.expr):
                used.add(var.name)
                if var.name not in declared:
                    unresolved(ck, "input", var.name, var.span, declared,
                               phrase("among-inputs"))
            if not used <= set(declared):
                continue  # a misspelt input (N002) leaves the one meant unused: told once, there
            # an input the formula never reads is still asked of every results row (Q007) and
            # its figure dropped: the formula was meant to read it, or it is not an input
            told = set()
            for inp in scoring.inputs:
                for name, span in _input_names(inp):
                    if name not in used and name not in told:
                        told.add(name)
                        ck.report("N003", span, input=name, node=node_name(node))


def _input_names(inp: ast.Input) -> Iterable[tuple[str, Span | None]]:
    """Each name an input line declares, with where it is written (the line's span for a
    name whose own span is not known)."""
    spans = inp.name_spans + (None,) * (len(inp.names) - len(inp.name_spans))
    return ((name, span or inp.span) for name, span in zip(inp.names, spans))


def _calls(expr: cst.Expr):
    return (e for e in cst.subexpressions(expr) if isinstance(e, cst.Call))


def _variables(expr: cst.Expr):
    return (e for e in cst.subexpressions(expr) if isinstance(e, cst.Var))


def _agreement(ck: Checker, agreement: ast.Agreement) -> None:
    rs = ck.rs
    unique(ck, "indicator", ((loc.node.id, loc.node.id_span or loc.node.span) for loc in walk(agreement.nodes)))
    fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
    if agreement.framework and fw is None:
        unresolved(ck, "framework", agreement.framework.id, agreement.framework.span, rs.frameworks)
    if fw is None:
        return
    fw_ids = {loc.node.id for loc in walk(fw.nodes)}
    for ref in agreement.omits:
        if ref.id not in fw_ids:
            unresolved(ck, "indicator", ref.id, ref.span, fw_ids, phrase("in-framework", id=fw.id))
    if agreement.round and agreement.round not in {r.id for r in fw.rounds}:
        unresolved(ck, "round", agreement.round, agreement.round_span or agreement.span, [r.id for r in fw.rounds],
                   phrase("in-framework", id=fw.id))
    if agreement.grade:
        grades = [g.id for g in fw.salary.grades] if fw.salary else []
        if agreement.grade.id not in grades:
            unresolved(ck, "grade", agreement.grade.id, agreement.grade.span, grades)
    for loc in walk(agreement.nodes):
        cascade = loc.node.cascade
        if cascade is None:
            continue
        superior = rs.agreements.get(cascade.agreement.id)
        if superior is None:
            unresolved(ck, "agreement", cascade.agreement.id, cascade.agreement.span, rs.agreements)
            continue
        ids = {n.node.id for n in walk(superior.nodes)}
        sup_fw = rs.frameworks.get(superior.framework.id) if superior.framework else None
        if sup_fw:
            ids |= {n.node.id for n in walk(sup_fw.nodes)}
        if cascade.kpi.id not in ids:
            unresolved(ck, "indicator", cascade.kpi.id, cascade.kpi.span, ids,
                       phrase("in-agreement", id=superior.id))


def _example(ck: Checker, example: ast.Example) -> None:
    rs = ck.rs
    if example.agreement is None:
        ck.report("K003", example.id_span or example.span, context=f"example `{example.id}`",
                  context_th=f"ตัวอย่าง `{example.id}`", key="agreement",
                  **hint("example-needs-agreement"))
        return
    agreement = rs.agreements.get(example.agreement.id)
    if agreement is None:
        unresolved(ck, "agreement", example.agreement.id, example.agreement.span, rs.agreements)
        return
    fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
    if fw is None:
        return
    where = phrase("in-agreement", id=agreement.id)
    rounds = [r.id for r in fw.rounds]
    if example.round and example.round not in rounds:
        unresolved(ck, "round", example.round, example.round_span or example.span, rounds,
                   phrase("in-framework", id=fw.id))
    ids = {loc.node.id for loc in walk(agreement.nodes)} | {loc.node.id for loc in walk(fw.nodes)}
    parts = {p.id for loc in walk(list(fw.nodes) + list(agreement.nodes))
             if isinstance(loc.node.scoring, ast.Composite) for p in loc.node.scoring.parts}
    bands = rs.bands.get(fw.bands.id) if fw.bands else None
    band_names = {b.id for b in bands.bands} | {b.title for b in bands.bands if b.title} if bands else set()
    _step_dates(ck, example, fw, agreement)
    for fact in example.given + example.expect:
        if fact.subject == "part":
            if fact.subject_id not in parts:
                unresolved(ck, "part", fact.subject_id, fact.subject_span or fact.span, parts, where)
        elif fact.subject is not None and fact.subject_id not in ids:
            unresolved(ck, "indicator", fact.subject_id, fact.subject_span or fact.span, ids, where)
        elif fact.subject is None and fact.field == "band" and isinstance(fact.value, str) \
                and fact.value not in band_names:
            unresolved(ck, "band", fact.value, fact.value_span or fact.span, band_names)


def _step_dates(ck: Checker, example: ast.Example, fw: ast.Framework, agreement: ast.Agreement) -> None:
    """A step an example reports done on a day (``ขั้นที่ 2 31 ม.ค. 2555``) is a step of that
    indicator's milestones: the scorer would pass over any other without a word."""
    steps: dict[str, int] = {}
    for nodes in (fw.nodes, agreement.nodes):  # an agreement's own scoring overrides the framework's
        for loc in walk(nodes):
            if isinstance(loc.node.scoring, ast.MilestoneScoring):
                steps[loc.node.id] = len(loc.node.scoring.milestones.steps)
    known = {loc.node.id for loc in walk(agreement.nodes)} | {loc.node.id for loc in walk(fw.nodes)}
    for fact in example.given:
        if isinstance(fact.value, ast.StepDone) and fact.subject_id in known \
                and not 1 <= fact.value.step <= steps.get(fact.subject_id, 0):
            ck.report("X001", fact.span, example=example.id, step=fact.value.step, id=fact.subject_id,
                      count=steps.get(fact.subject_id, 0))
