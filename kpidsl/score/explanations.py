"""The sentences that say how each figure was reached, in English and in Thai (the Thai
in the words of the evaluation forms: ผลการดำเนินงาน, เกณฑ์, ระดับ, ค่าเฉลี่ยถ่วงน้ำหนัก),
written from the evaluator's trace (kpidsl/score/evaluate/trace.py); the figures and
formulas in both are the same text. Nothing here computes a figure: every number
printed is one the evaluator recorded.
"""

from __future__ import annotations

import weakref
from functools import partial

from ..plan.model.fields import dec_text
from ..syntax.keywords import spell
from ..written_dates import day_said, each_day_said
from . import milestone_steps
from . import sample_size as sample_sizes
from .evaluate import trace as t
from .evaluate.agreement import Evaluation
from .formula import render
from .ladder import SIGNS, Climb
from .numbers import baht_names, money, plain, shown
from ..bilingual import Bi
from ..diagnostics.phrases import phrase
from .scored import Explanation, Lateness, NodeResult, Report, Said
from .weighted import weight_shown


# ---- one node -------------------------------------------------------------------------------------------
def ladder_said(ladder, value, climb: Climb, score=None) -> Said:
    """How a value climbed a ladder (kpidsl/score/ladder.py), and the cap when ``score`` (the
    ladder's score) is below what the climb reached (the policy's highest score)."""
    said = _climbed(ladder, value, climb)
    reached = {"level_1": 1, "top": 5, "level": climb.level}.get(climb.case, climb.result)
    if score is None or score >= reached:
        return said
    cap = shown(score)
    return Bi(f"{said.en}, capped at {cap}", f"{said.th} แต่คะแนนสูงสุดคือ {cap}")


_MEETS = {">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b}


def _climbed(ladder, value, climb: Climb) -> Said:
    direction = ladder.direction
    points = [th.value for th in ladder.thresholds]
    sign = "≥" if direction == "higher" else "≤"
    v = shown(value)
    case, k = climb.case, climb.level
    if case == "level_1":
        op = ladder.thresholds[0].op
        if op is not None and not _MEETS[op](value, points[0]):
            # "65 or less" is everything below level 2: 67 of a whole-level ladder is level 1 too
            second = f"{sign} {shown(points[1])}"
            return Bi(f"{v} does not reach level 2 ({second}): level 1, 1",
                      f"{v} ไม่ถึงระดับ 2 ({second}): ระดับ 1 ได้ 1")
        at, at_th = f"{op} {shown(points[0])}", f"{SIGNS[op]} {shown(points[0])}"
        return Bi(f"{v} is at level 1 ({at}): 1", f"{v} อยู่ที่ระดับ 1 ({at_th}): 1")
    if case == "floor":
        first, lowest = f"{sign} {shown(points[0])}", shown(climb.result)
        return Bi(f"{v} does not reach level 1 ({first}): the floor, {lowest}",
                  f"{v} ไม่ถึงระดับ 1 ({first}): ได้คะแนนต่ำสุด {lowest}")
    if case == "top":
        top = f"{sign} {shown(points[4])}"
        return Bi(f"{v} {top} (level 5): 5", f"{v} {top} (ระดับ 5): 5")
    lo, hi = shown(points[k - 1]), shown(points[k])
    if case == "level":
        return Bi(f"{v} reaches level {k} ({sign} {lo}), not level {k + 1} ({hi}): {k}",
                  f"{v} ถึงระดับ {k} ({sign} {lo}) แต่ไม่ถึงระดับ {k + 1} ({hi}): {k}")
    how = f"{k} + |{v} − {lo}| / |{hi} − {lo}| = {shown(climb.result)}"
    return Bi(f"{v} lies between level {k} ({lo}) and level {k + 1} ({hi}): {how}",
              f"{v} อยู่ระหว่างระดับ {k} ({lo}) และระดับ {k + 1} ({hi}): {how}")


def _measured(rule: t.Measured) -> Said:
    if rule.formula is not None:
        expr = rule.formula.expr.to_json()
        baht = baht_names(rule.formula.inputs)  # money as the forms write it: X1=1,250,000
        how = Bi(*(f"{render(expr, lang=lang)} = {render(expr, rule.given, lang=lang, baht=baht)} = "
                   f"{shown(rule.value)}" for lang in ("en", "th")))
    else:
        how = Bi(f"result {shown(rule.value)}", f"ผลการดำเนินงาน {shown(rule.value)}")
    ladder = rule.ladder
    if ladder is None:
        return how
    climbed = ladder_said(ladder, rule.value, rule.climb, rule.score)
    thresholds, thresholds_th = _thresholds(ladder)
    return Bi(f"{how.en}; {thresholds}: {climbed.en}", f"{how.th}; {thresholds_th}: {climbed.th}")


# id(ladder) → (the ladder, its thresholds in English, in Thai): a batch explains the same
# ladders row after row. The ladder is kept, so its id is not another's; the whole is
# dropped past _KEPT_LADDERS (a server that checks rule set after rule set).
_LADDERS: dict[int, tuple] = {}
_KEPT_LADDERS = 1024


def _thresholds(ladder) -> tuple[str, str]:
    found = _LADDERS.get(id(ladder))
    if found is None or found[0] is not ladder:
        if len(_LADDERS) >= _KEPT_LADDERS:
            _LADDERS.clear()
        lower = ladder.direction != "higher"
        en = " ".join(shown(th.value) if not th.op else f"{th.op}{shown(th.value)}" for th in ladder.thresholds)
        th = " ".join(f"{SIGNS.get(th.op, '')}{shown(th.value)}" for th in ladder.thresholds)
        found = _LADDERS[id(ladder)] = (ladder, f"ladder {'lower ' if lower else ''}{en}",
                                        f"เกณฑ์{' (ค่าน้อยดี)' if lower else ''} {th}")
    return found[1], found[2]


_GIVEN = phrase("score-range")

# What a node waits for, by the Needs' ``what``, filled from its detail.
_NEEDS: dict[str, Bi] = {
    # the range the results reader takes of a score given (kpidsl/score/results/cells.py), in its words
    "owner_score": Bi(f"needs the score ({_GIVEN.en}) given by the indicator's owner",
                      f"ต้องมีคะแนน ({_GIVEN.th}) ที่เจ้าภาพตัวชี้วัดให้"),
    # the scale by what it measures, not its id: a form prints this (tests/plan_ids.py)
    "scale": Bi("needs the score (1–5) on its scale", "ต้องมีคะแนนตามมาตรวัด (1–5)"),
    "score": Bi("needs a score given directly: it has no scoring rule", "ต้องมีคะแนนที่ให้โดยตรง: ไม่มีเกณฑ์การให้คะแนน"),
    "result": Bi("needs the measured result", "ต้องมีผลการดำเนินงาน"),
    "inputs": Bi("needs {detail}", "ต้องมีข้อมูล {detail}"),
    "steps": Bi("needs the number of milestone steps completed", "ต้องมีจำนวนขั้นความสำเร็จที่ทำได้"),
    "sub_indicators": Bi("no sub-indicators", "ไม่มีตัวชี้วัดย่อย"),
    "sub_scores": Bi("waits for its sub-indicators", "รอคะแนนของตัวชี้วัดย่อย"),
    "indicator_scores": Bi("waits for its {detail}", "รอคะแนนของ{detail}"),
}

# What a group's children are (kpidsl/score/evaluate/trace.py members_of), by the plan's node
# kind: the rule file's own word for it in Thai (kpidsl/syntax/keywords.py), and in English one
# and many. A dimension's mean is of its indicators, a perspective's of its dimensions: a form
# that said "ตัวชี้วัด" of both named a dimension as what it is not.
_MEMBERS: dict[str, tuple[str, str, str]] = {
    "perspective": ("perspective", "perspectives", spell("perspective", "th")),
    "dimension": ("dimension", "dimensions", spell("dimension", "th")),
    "kpi": ("indicator", "indicators", spell("kpi", "th")),
    "sub_kpi": ("sub-indicator", "sub-indicators", "ตัวชี้วัดย่อย"),
    "component": ("component", "components", spell("component", "th")),
    "competency": ("competency", "competencies", spell("competency", "th")),
}


def members_said(members, counted: bool = True) -> Bi:
    """A group's children by what they are: "2 dimensions" / "2 มิติ", "1 dimension and 2
    indicators" / "1 มิติและ 2 ตัวชี้วัด"; without the counts when not ``counted``
    ("dimensions" / "มิติ")."""
    members = members or (("kpi", 0),)  # none named: a component waits for its indicators
    en, th = [], []
    for kind, n in members:
        one, many, thai = _MEMBERS.get(kind, (kind, kind, kind))
        en.append(f"{n} {one if n == 1 else many}" if counted else many)
        th.append(f"{n} {thai}" if counted else thai)
    return Bi(" and ".join(en), ("และ " if counted else "และ").join(th))  # a figure is set apart by a space


def _needs(rule: t.Needs) -> Said:
    what, detail = rule.what, rule.detail
    if what == "part":
        return Bi(f"needs part {detail.id}", f"ต้องมีคะแนนส่วน {detail.title or detail.id}")
    if what == "weights":
        names, has = detail
        return Bi(f"{names} {has} no weight", f"{names} ไม่มีน้ำหนัก")
    needs = _NEEDS.get(what, Bi("", ""))
    if what == "indicator_scores":
        said = members_said(detail, counted=False)
        return Bi(needs.en.format(detail=said.en), needs.th.format(detail=said.th))
    return Bi(needs.en.format(detail=detail), needs.th.format(detail=detail))


def node_said(trace: t.NodeTrace, policy_redistribute: str | None = None) -> Said:
    """The rule applied at one node."""
    rule = trace.rule
    if isinstance(rule, t.Omitted):
        if rule.passed_on:
            return Bi("omitted in the agreement; its weight went to its siblings",
                      "ยกเว้นในคำรับรอง; น้ำหนักโอนไปยังตัวชี้วัดอื่นในกลุ่มเดียวกัน")
        return Bi("omitted in the agreement; its weight is lost (redistribute none)",
                  "ยกเว้นในคำรับรอง; น้ำหนักไม่โอนไปตัวชี้วัดอื่น (โอนน้ำหนัก ไม่มี)")
    if isinstance(rule, t.Given):
        given_by = "คะแนนที่เจ้าภาพให้" if rule.owner else "คะแนนที่ให้"
        return Bi(f"score given: {shown(rule.score)}", f"{given_by}: {shown(rule.score)}")
    if isinstance(rule, t.Measured):
        return _measured(rule)
    if isinstance(rule, t.Needs):
        return _needs(rule)
    if isinstance(rule, t.Failed):
        return Bi(rule.problem.message_en, rule.problem.message_th)
    if isinstance(rule, t.StepsOutOfRange):
        return Bi("steps out of range", "จำนวนขั้นอยู่นอกช่วง")
    if isinstance(rule, t.StepsListed):
        return milestone_steps.explain(rule.result, rule.done, rule.count)
    if isinstance(rule, t.StepsDone):
        done, count = rule.done, rule.count
        if not done:
            return Bi(f"0 of {count} milestone steps done in order (last: none): 0", f"ผ่าน 0 ขั้นจาก {count} ขั้น: 0")
        return Bi(f"{done} of {count} milestone steps done in order (last: {rule.last}): {done}",
                  f"ผ่าน {done} ขั้นจาก {count} ขั้นตามลำดับ (ขั้นสุดท้ายที่ผ่าน: {rule.last}): {done}")
    if isinstance(rule, t.Average):
        terms = " + ".join(f"{shown(w)} × {shown(s)}" for w, s in rule.terms)
        how = f"Σ(W × SM) / ΣW = ({terms}) / {shown(rule.weights)} = {shown(rule.score)}"
        return Bi(how, f"ผลรวมคะแนนเฉลี่ยถ่วงน้ำหนัก {how}")
    if isinstance(rule, t.GroupMean):
        lost = lost_th = ""
        if rule.lost is not None:
            gone = members_said(rule.lost_members, counted=False)
            lost = f" (the other {shown(rule.lost)} went with omitted {gone.en})"
            lost_th = f" (อีก {shown(rule.lost)} เป็นน้ำหนักของ{gone.th}ที่ยกเว้น)"
        members = members_said(rule.members)
        num, den, s = shown(rule.sum), shown(rule.weights), shown(rule.score)
        # Σ weighted score × 100 / Σ weight, as the SAR's summary writes it (kpidsl/forms/sar.py)
        return Bi(f"weighted mean of {members.en}: {num} × 100 / {den}{lost} = {s}",
                  f"ค่าเฉลี่ยถ่วงน้ำหนักของ {members.th}: {num} × 100 / {den}{lost_th} = {s}")
    if isinstance(rule, t.Shares):
        how = f"{' + '.join(f'{shown(share)}% × {shown(s)}' for share, s in rule.terms)} = {shown(rule.score)}"
        return Bi(how, f"รวมตามสัดส่วน {how}")
    if isinstance(rule, t.PartOutOfRange):
        return Bi(f"part {rule.part}: score {shown(rule.score)} is outside 0–5",
                  f"ส่วน {rule.part}: คะแนน {shown(rule.score)} อยู่นอกช่วง 0–5")
    if isinstance(rule, t.ComponentTotal):
        terms = " + ".join(f"{shown(s)} × {shown(w)}%" for s, w in rule.terms)
        return Bi(f"({terms}) = {shown(rule.sum)}; × {shown(rule.multiplier)} = {shown(rule.score)}",
                  f"คะแนนรวม ({terms}) = {shown(rule.sum)}; × {shown(rule.multiplier)} = {shown(rule.score)}")
    return Bi("", "")


def _inputs(fields: dict) -> tuple[tuple[str, str], ...]:
    return tuple((k, plain(v)) for k, v in fields.items() if k != "steps_done")  # the steps: in the rule


# ---- what is missing ------------------------------------------------------------------------------------
def missing_said(lacking: t.Lacking) -> tuple[str, str, str]:
    """(English, Thai, Thai by title) of a value the results lack: "kpi 5: result"."""
    node, what, detail = lacking.node, lacking.what, lacking.detail
    if what == "part":
        said = (f"part {detail.id}", f"ส่วน {detail.id}")
        titled = f"คะแนนส่วน {detail.title or detail.id}"
    else:
        said = {"score": ("score", "คะแนน"), "result": ("result", "ผล"), "steps": ("steps", "ขั้นที่ผ่าน"),
                "inputs": (detail, detail)}[what]
        titled = said[1]
    return (f"{node.kind} {node.id}: {said[0]}", f"{spell(node.kind, 'th')} {node.id}: {said[1]}",
            f"{node.title or node.id}: {titled}")


def missing_columns(lacking: t.Lacking) -> list[str]:
    """The results columns that give a value the results lack, as `kpidsl workbook` heads
    them: an indicator's own column for a result or the steps done, ``id:field`` for a
    formula's inputs, a composite's part and a score given."""
    node_id, what, detail = lacking.node.id, lacking.what, lacking.detail
    if what == "part":
        return [f"{node_id}:{detail.id}"]
    if what == "inputs":  # the names lacking, as value_of (evaluate/kinds.py) joins them
        return [f"{node_id}:{name}" for name in detail.split(", ")]
    if what == "score":
        return [f"{node_id}:score"]
    return [node_id]


# ---- the whole agreement ---------------------------------------------------------------------------------
# Per evaluator, what report_of says of each node whatever the results: the node, the rule-file
# line its explanation cites, the citation, its children's places (None for an omitted node).
# Made once: an explaining batch reports every node of every row.
_STATICS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _statics(ev) -> list[tuple]:
    last = _LAST_STATICS[0]
    if last is not None and last[0] is ev:  # a batch explains one agreement row after row
        return last[1]
    found = _STATICS.get(ev)
    sources = _SOURCES_OF.get(ev)
    if sources is None:
        # the framework's line (a total's explanation cites it), then each band's and the
        # raise rules' as first cited (_source_json): one dict each, as the nodes' lines above
        sources = _SOURCES_OF[ev] = {id(ev.framework): ev.framework.source.to_json()}
    _SOURCES[0] = sources
    if found is None:
        found = []
        decimals, rounding = ev.policies.decimals, ev.policies.rounding
        for index, n in enumerate(ev.nodes):
            weight = weight_shown(n, decimals, rounding)
            if index not in ev.children:  # omitted: the node's own line
                found.append((n, weight, n.source.to_json(), n.citation, None))
            else:
                source = getattr(n.scoring, "source", None) or n.source
                found.append((n, weight, source.to_json(), n.citation, tuple(ev.children[index])))
        _STATICS[ev] = found
    _LAST_STATICS[0] = (ev, found)
    return found


_LAST_STATICS: list = [None]  # (evaluator, its statics) of the last report made
# Per evaluator, the rule-file line (Source.to_json()) of the framework, its bands and its raise
# rules, by the object's id (the evaluator keeps them); and the last evaluator's
_SOURCES_OF: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_SOURCES: list = [None]


def _source_json(sources: dict, cited) -> dict:
    """``cited``'s rule-file line as JSON, made once per evaluator."""
    found = sources.get(id(cited))
    if found is None:
        found = sources[id(cited)] = cited.source.to_json()
    return found


def _node(index: int, statics: list, trace: dict, results: list) -> NodeResult:
    """The NodeResult of the node at ``index`` of an evaluation, its children within."""
    step = trace[index]
    n, weight, source, citation, kids = statics[index]
    said = partial(node_said, step)
    if kids is None:  # omitted
        return NodeResult(n.id, n.kind, n.title, weight, None, None,
                          Explanation.later(said, source, citation),
                          omitted=True)
    value, score, weighted = results[index]
    return NodeResult(n.id, n.kind, n.title, weight, score, weighted,
                      Explanation.later(said, source, citation, partial(_inputs, step.fields)),
                      value, [_node(i, statics, trace, results) for i in kids], working=step.rule)


def _nodes(roots: list, statics: list, trace: dict, results: list) -> list[NodeResult]:
    return [_node(i, statics, trace, results) for i, _ in roots]


def report_of(evaluation: Evaluation) -> Report:
    """The Report of a traced evaluation: the figures the evaluator gave, each explained."""
    ev, _, _, results, run, total, _, final, _, raise_range, raise_percent, amount = evaluation[:12]
    trace = run.trace
    framework = ev.framework

    statics = _statics(ev)
    sources = _SOURCES[0]  # the rule-file lines cited, by the object cited (_statics made them ev's)
    # made when first read (Report.nodes); a partial of module functions, not a closure that
    # calls itself: such a closure is a reference cycle, and every report of a batch would
    # wait for the cyclic collector instead of going when its row is written
    nodes = partial(_nodes, ev.roots, statics, trace, results)

    if run.missing:
        missing = [missing_said(lacking) for lacking in run.missing]
        report = Report(ev.agreement, framework, framework.policies, nodes,
                        missing=[m[0] for m in missing], missing_th=[m[1] for m in missing],
                        missing_titled=[m[2] for m in missing], problems=run.problems,
                        missing_columns=[c for lacking in run.missing for c in missing_columns(lacking)])
    else:  # the usual row: nothing missing, the lists left empty as Report makes them
        report = Report(ev.agreement, framework, framework.policies, nodes, problems=run.problems)
    sample = evaluation[12] if len(evaluation) > 12 else None  # Evaluation.sample_size, without a call
    if sample is not None:  # seed 003 slide 52
        report.sample_size = sample
        report.sample_size_explanation = Explanation.later(
            partial(sample_sizes.explain, sample), sample.source.to_json() if sample.source else None,
            framework.sample_size.citation)
    if total is None:
        return report
    report.total = total
    fw_source, fw_citation = sources[id(framework)], framework.citation
    report.total_explanation = Explanation.later(partial(total_said, trace["total"]), fw_source, fw_citation)
    penalty = trace.get("penalty")
    if penalty is not None:
        report.penalty = penalty.penalty
        report.lateness = Lateness(penalty.due, penalty.submitted, penalty.dates, penalty.per, penalty.amount)
        report.penalty_explanation = Explanation.later(
            partial(penalty_said, penalty), (penalty.round.late_penalty.source or penalty.round.source).to_json(),
            fw_citation)
    report.final = final
    band = trace.get("band")
    if band is not None:
        report.band = band.band
        cited = sources.get(id(band.band)) or _source_json(sources, band.band)
        report.band_explanation = Explanation.later(partial(band_said, band), cited, band.table.citation)
    report.raise_range = raise_range
    report.raise_percent = raise_percent
    working = trace.get("amount")
    if amount is not None and working is not None:
        report.amount = amount
        cited = sources.get(id(working.rules)) or _source_json(sources, working.rules)
        report.amount_explanation = Explanation.later(partial(amount_said, working), cited, working.rules.citation)
        report.amount_working = working
    return report


def total_said(total) -> Said:
    """Σ component × share, or Σ of the weighted scores the tables print (weight × score / 100
    of each top row, kpidsl/score/weighted.py)."""
    if isinstance(total, t.IndividualTotal):
        how = f"{' + '.join(f'{shown(s)} × {shown(share)}%' for s, share in total.terms)} = {shown(total.total)}"
        return Bi(how, how)
    summed = f"{' + '.join(shown(p) for p in total.shares)} = " if len(total.shares) > 1 else ""
    terms = f"{summed}{shown(total.total)}"
    return Bi(f"Σ weighted score = {terms}", f"Σ คะแนนถ่วงน้ำหนัก = {terms}")


def penalty_said(p: t.Penalty) -> Said:
    unit = "days" if p.per == "day" else "working days"
    unit_th = "วัน" if p.per == "day" else "วันทำการ"
    days, due, submitted = each_day_said(p.dates), day_said(p.due), day_said(p.submitted)
    late_days, late_days_th = days.en or "none", days.th or "ไม่มี"
    return Bi(f"report due {due.en}, submitted {submitted.en}: {p.days} {unit} late "
              f"({late_days}) × {shown(p.amount)} = {shown(p.penalty)}",
              f"กำหนดส่งรายงานภายใน {due.th} ส่งวันที่ {submitted.th}: "
              f"ส่งรายงานล่าช้า {p.days} {unit_th} ({late_days_th}) × {shown(p.amount)} = {shown(p.penalty)}")


def band_said(found: t.BandFound) -> Said:
    band = found.band
    lo, hi = band.lower, band.upper
    v = shown(found.value)
    lo_value, hi_value = dec_text(lo.value), dec_text(hi.value)  # the bounds as the plan writes them
    return Bi(f"{v} is {lo.op} {lo_value} and {hi.op} {hi_value}: {band.title}",
              f"{v} {SIGNS[lo.op]} {lo_value} และ {SIGNS[hi.op]} {hi_value}: {band.title}")


def amount_said(a: t.Amount) -> Said:
    half = "upper" if a.upper else "lower"
    half_th = "ตอนบน" if a.upper else "ตอนล่าง"
    # baht as the forms write them (20,350 × 3% = 610.50), the seed's salary tables' way
    salary, split, base, amount = money(a.salary), money(a.split), money(a.base), money(a.amount)
    how = f"{base} × {shown(a.percent)}% = {money(a.raw)}"
    return Bi(f"salary {salary} is in the {half} half of {a.grade.title} (split at {split}): base = "
              f"{half} mid-point {base}; {how}, rounded {a.rounding} to {money(a.unit)} baht = {amount}",
              f"เงินเดือน {salary} อยู่ในช่วง{half_th}ของ{a.grade.title} (แบ่งที่ {split}): "
              f"ฐานในการคำนวณ = "
              f"ค่ากลาง{half_th} {base}; {how}, {spell(a.rounding or 'half_up', 'th')}เป็นหลัก {money(a.unit)} "
              f"บาท = {amount}")
