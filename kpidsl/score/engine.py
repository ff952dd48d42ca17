"""The scoring engine: an agreement of the plan and its results → every score,
subtotal, total, penalty, band and raise, each with its explanation.

Semantics (DOMAIN.md): ladders (ladder.py), milestones count the steps done,
weighted averages are Σ(W×SM)/ΣW over their sub-indicators, formulas feed a
ladder (formula.py), composites add their parts by share, an owner's score is
taken as given, and a group's score is the weighted mean of its children.
The total is Σ weight × score / 100; for individuals it is Σ component × share,
a component being Σ score × weight × its multiplier (3.6 × 20 = 72). All
arithmetic is Decimal; rounding happens where the policy says, once.

Every explanation is written in English and in Thai (the Thai in the words of the
evaluation forms: ผลการดำเนินงาน, เกณฑ์, ระดับ, ค่าเฉลี่ยถ่วงน้ำหนัก); the figures and
formulas in both are the same text.
"""

from __future__ import annotations

import decimal

import datetime as dt
from decimal import Decimal

import attrs

from ..syntax.keywords import spell
from ..thai import format_date
from . import ladder as ladders
from . import milestone_steps
from . import sample_size as sample_sizes
from .formula import FormulaError, evaluate, render
from .numbers import CONTEXT, D, plain, quantize, shown, to_unit
from .weighted import weighted_score
from .workdays import calendar_days_late, working_days_late

HUNDRED = Decimal(100)

# A sentence in both languages: (English, Thai).
Said = tuple[str, str]


@attrs.frozen
class Entry:
    """The results given for one indicator (or competency): ``result`` (a
    measured value), ``steps`` (milestone steps done), ``score`` (a score given
    directly), or named formula inputs and part scores."""

    id: str
    fields: dict[str, Decimal]
    where: str | None = None


@attrs.define
class Inputs:
    entries: dict[str, Entry] = attrs.Factory(dict)
    submitted: dt.date | None = None
    raise_percent: Decimal | None = None
    round: str | None = None
    # ---- seedrules hook: what a results row may add (issue 12 item 6) ----
    steps_done: dict = attrs.Factory(dict)  # node id → milestone_steps.StepsDone
    population: Decimal | None = None  # N for the survey sample size (sample_size.py)
    salary: Decimal | None = None  # the person's salary on the pool's date (pool.py)
    grade: str | None = None  # the person's salary grade (else the agreement's)
    group: str | None = None  # the person's pool group (pool.py)


@attrs.frozen
class Explanation:
    """How a number was reached — the rule applied, in English and in Thai — with the
    rule file line and the seed it comes from, and the results it was given."""

    rule_en: str
    rule_th: str
    source: dict | None = None
    citation: str | None = None
    inputs: tuple[tuple[str, str], ...] = ()

    def rule(self, lang: str) -> str:
        """The rule in ``lang`` ("th" or "en")."""
        return self.rule_th if lang == "th" else self.rule_en


def _explained(said: Said, *args, **kwargs) -> Explanation:
    return Explanation(said[0], said[1], *args, **kwargs)


@attrs.define
class NodeResult:
    id: str
    kind: str
    title: str | None
    weight: Decimal | None
    score: Decimal | None
    weighted: Decimal | None
    explanation: Explanation
    value: Decimal | None = None
    children: list["NodeResult"] = attrs.Factory(list)
    omitted: bool = False


@attrs.frozen
class Problem:
    message_en: str
    message_th: str
    source: dict | None = None  # rule file location
    where: str | None = None  # results location


@attrs.frozen
class Lateness:
    """How late a round's report was, for forms that print it (the SAR's penalty line)."""

    due: dt.date
    submitted: dt.date
    days: tuple[dt.date, ...]  # the days counted, after ``due`` up to ``submitted``
    per: str  # "working_day" or "day"
    amount: Decimal  # the penalty per day counted


@attrs.define
class Report:
    agreement: dict
    framework: dict
    policy: dict
    nodes: list[NodeResult]
    total: Decimal | None = None
    total_explanation: Explanation | None = None
    penalty: Decimal | None = None
    penalty_explanation: Explanation | None = None
    lateness: Lateness | None = None
    final: Decimal | None = None
    band: dict | None = None
    band_explanation: Explanation | None = None
    raise_range: tuple[Decimal, Decimal] | None = None
    raise_percent: Decimal | None = None
    amount: Decimal | None = None
    amount_explanation: Explanation | None = None
    missing: list[str] = attrs.Factory(list)  # "kpi 5: result"
    problems: list[Problem] = attrs.Factory(list)
    missing_th: list[str] = attrs.Factory(list)  # the same in Thai: "ตัวชี้วัด 5: ผล"
    # The same for a form staff read: by title, no ids ("สมรรถนะหลักที่ 1: คะแนน").
    missing_titled: list[str] = attrs.Factory(list)
    # seedrules hook: the survey sample size (kpidsl/score/sample_size.py), when N is known
    sample_size: object | None = None
    sample_size_explanation: Explanation | None = None

    def missing_in(self, lang: str) -> list[str]:
        """What the results lack, in ``lang`` ("th" or "en")."""
        return self.missing_th if lang == "th" else self.missing

    @property
    def decimals(self) -> int:
        return int(self.policy["decimals"])

    def rounded(self, value: Decimal | None) -> Decimal | None:
        return None if value is None else quantize(value, self.decimals, str(self.policy["rounding"]))

    def find(self, node_id: str) -> NodeResult | None:
        stack = list(self.nodes)
        while stack:
            n = stack.pop()
            if n.id == node_id:
                return n
            stack.extend(n.children)
        return None


class _Scorer:
    def __init__(self, plan: dict, agreement: dict, inputs: Inputs):
        self.plan = plan
        self.agreement = agreement
        self.framework = next(f for f in plan["frameworks"] if f["id"] == agreement["framework"])
        self.policy = self.framework["policies"]
        self.inputs = inputs
        self.missing: list[str] = []
        self.missing_th: list[str] = []
        self.missing_titled: list[str] = []
        self.problems: list[Problem] = []

    def exact(self, value: Decimal) -> Decimal:
        """Scores stay exact unless the policy rounds at each indicator."""
        if self.policy.get("round_at") == "indicator_level":
            return quantize(value, int(self.policy["decimals"]), str(self.policy["rounding"]))
        return value

    # ---- one node ----------------------------------------------------------------------
    def node(self, n: dict, parent: dict | None) -> NodeResult:
        weight = D(n["weight"])
        scoring = n["scoring"] or {}
        kind = scoring.get("kind")
        expl_at = dict(source=scoring.get("source") or n["source"], citation=n.get("citation"))
        if n["omitted"]:
            opt = n.get("optional") or {}
            passed_on = opt.get("to") or opt.get("proportional") or self.policy.get("redistribute") != "none"
            if passed_on:
                said = ("omitted in the agreement; its weight went to its siblings",
                        "ยกเว้นในคำรับรอง; น้ำหนักโอนไปยังตัวชี้วัดอื่นในกลุ่มเดียวกัน")
            else:
                said = ("omitted in the agreement; its weight is lost (redistribute none)",
                        "ยกเว้นในคำรับรอง; น้ำหนักไม่โอนไปตัวชี้วัดอื่น (โอนน้ำหนัก ไม่มี)")
            return NodeResult(n["id"], n["kind"], n["title"], weight, None, None,
                              _explained(said, n["source"], n.get("citation")), omitted=True)
        children = [self.node(c, n) for c in n["children"]]
        entry = self.inputs.entries.get(n["id"])
        value = None
        score: Decimal | None = None
        rule: Said = ("", "")
        if entry is not None and "score" in entry.fields and kind not in ("sum", "component"):
            score = entry.fields["score"]
            given_by = "คะแนนที่เจ้าภาพให้" if kind == "owner_score" else "คะแนนที่ให้"
            rule = (f"score given: {shown(score)}", f"{given_by}: {shown(score)}")
            self._check_range(score, n, entry)
        elif kind in ("ladder", "formula"):
            value, score, rule = self._measured(n, scoring, entry)
        elif kind == "milestones":
            score, rule = self._milestones(n, scoring, entry)
        elif kind == "weighted_average":
            score, rule = self._weighted_average(children)
        elif kind == "composite":
            score, rule = self._composite(n, scoring, entry)
        elif kind in ("owner_score", "scale"):
            self._missing(n, ("score", "คะแนน"))
            if kind == "owner_score":
                rule = ("needs the score (1–5) given by the indicator's owner",
                        "ต้องมีคะแนน (1–5) ที่เจ้าภาพตัวชี้วัดให้")
            else:
                rule = (f"needs the score on scale {scoring.get('scale')}",
                        f"ต้องมีคะแนนตามมาตรวัด {scoring.get('scale')}")
        elif kind == "sum":
            score, rule = self._mean(weight, children)
        elif kind == "component":
            score, rule = self._component(n, children)
        elif kind is None and not n["children"]:
            self._missing(n, ("score", "คะแนน"))
            rule = ("needs a score given directly: it has no scoring rule",
                    "ต้องมีคะแนนที่ให้โดยตรง: ไม่มีเกณฑ์การให้คะแนน")
        if score is not None and kind not in ("sum", "component", "weighted_average"):
            score = self.exact(score)
        weighted = None
        if score is not None and weight is not None:
            if parent is not None and (parent.get("scoring") or {}).get("kind") == "weighted_average":
                weighted = CONTEXT.multiply(weight, score)  # the W × SM column of seed 003
            else:
                weighted = CONTEXT.divide(CONTEXT.multiply(weight, score), HUNDRED)
        return NodeResult(n["id"], n["kind"], n["title"], weight, score, weighted,
                          _explained(rule, **expl_at, inputs=_inputs(entry)), value, children)

    def _missing(self, n: dict, what: Said, titled: str | None = None) -> None:
        self.missing.append(f"{n['kind']} {n['id']}: {what[0]}")
        self.missing_th.append(f"{spell(n['kind'], 'th')} {n['id']}: {what[1]}")
        self.missing_titled.append(f"{n.get('title') or n['id']}: {titled or what[1]}")

    def _check_range(self, score: Decimal, n: dict, entry: Entry) -> None:
        if not Decimal(0) <= score <= Decimal(5):
            self.problems.append(Problem(f"score {shown(score)} of {n['id']} is outside 0–5",
                                         f"คะแนน {shown(score)} ของ {n['id']} อยู่นอกช่วง 0–5",
                                         n["source"], entry.where))

    def _measured(self, n: dict, scoring: dict, entry: Entry | None):
        ladder = scoring if scoring["kind"] == "ladder" else scoring.get("ladder")
        if scoring["kind"] == "formula":
            names = [name for inp in scoring["inputs"] for name in inp["names"]]
            given = {k: v for k, v in (entry.fields.items() if entry else ()) if k in names}
            lacking = [name for name in names if name not in given]
            if lacking:
                names = ", ".join(lacking)
                self._missing(n, (names, names))
                return None, None, (f"needs {names}", f"ต้องมีข้อมูล {names}")
            try:
                value = evaluate(scoring["expr"], given, scoring.get("source"))
            except FormulaError as e:
                self.problems.append(Problem(e.message_en, e.message_th, e.source or scoring.get("source"),
                                             entry.where if entry else None))
                return None, None, (e.message_en, e.message_th)
            expr = scoring["expr"]
            how = tuple(f"{render(expr, lang=lang)} = {render(expr, given, lang=lang)} = {shown(value)}"
                        for lang in ("en", "th"))
        else:
            if entry is None or "result" not in entry.fields:
                self._missing(n, ("result", "ผล"))
                return None, None, ("needs the measured result", "ต้องมีผลการดำเนินงาน")
            value = entry.fields["result"]
            how = (f"result {shown(value)}", f"ผลการดำเนินงาน {shown(value)}")
        if ladder is None:
            return value, None, how
        s, (rule_en, rule_th) = ladders.score(ladder, value, self.policy)
        thresholds = " ".join(shown(D(t["value"])) if not t["op"] else f"{t['op']}{shown(D(t['value']))}"
                              for t in ladder["thresholds"])
        lower = ladder["direction"] != "higher"
        thresholds_th = " ".join(f"{ladders.SIGNS.get(t['op'], '')}{shown(D(t['value']))}"
                                 for t in ladder["thresholds"])
        return value, s, (f"{how[0]}; ladder {'lower ' if lower else ''}{thresholds}: {rule_en}",
                          f"{how[1]}; เกณฑ์{' (ค่าน้อยดี)' if lower else ''} {thresholds_th}: {rule_th}")

    def _milestones(self, n: dict, scoring: dict, entry: Entry | None):
        # ---- seedrules hook: steps listed one by one (kpidsl/score/milestone_steps.py) ----
        done_list = self.inputs.steps_done.get(n["id"])
        if done_list is not None:
            due = {s["number"]: dt.date.fromisoformat(s["due"]["end"]) if s.get("due") else None
                   for s in scoring["steps"]}
            result = milestone_steps.score_steps(done_list, due, str(self.policy["milestone_count"]),
                                                 str(self.policy["late_step"]))
            return Decimal(result.score), milestone_steps.explain(result, done_list, len(scoring["steps"]))
        # ---- end of hook ----
        if entry is None or "steps" not in entry.fields:
            self._missing(n, ("steps", "ขั้นที่ผ่าน"))
            return None, ("needs the number of milestone steps completed", "ต้องมีจำนวนขั้นความสำเร็จที่ทำได้")
        steps = entry.fields["steps"]
        count = len(scoring["steps"])
        if steps != steps.to_integral_value() or not 0 <= steps <= count:
            self.problems.append(Problem(f"{shown(steps)} steps of {n['id']} is not a whole number from 0 to {count}",
                                         f"จำนวนขั้น {shown(steps)} ของ {n['id']} ต้องเป็นจำนวนเต็ม 0 ถึง {count}",
                                         scoring.get("source"), entry.where))
            return None, ("steps out of range", "จำนวนขั้นอยู่นอกช่วง")
        done = int(steps)
        if not done:
            return Decimal(0), (f"0 of {count} milestone steps done in order (last: none): 0",
                                f"ผ่าน 0 ขั้นจาก {count} ขั้น: 0")
        last = scoring["steps"][done - 1]["text"][:60]
        return Decimal(done), (f"{done} of {count} milestone steps done in order (last: {last}): {done}",
                               f"ผ่าน {done} ขั้นจาก {count} ขั้นตามลำดับ (ขั้นสุดท้ายที่ผ่าน: {last}): {done}")

    def _weighted_average(self, children: list[NodeResult]):
        live = [c for c in children if not c.omitted and c.weight is not None]
        if not live:
            return None, ("no sub-indicators", "ไม่มีตัวชี้วัดย่อย")
        if any(c.score is None for c in live):
            return None, ("waits for its sub-indicators", "รอคะแนนของตัวชี้วัดย่อย")
        num = sum((CONTEXT.multiply(c.weight, c.score) for c in live), Decimal(0))
        den = sum((c.weight for c in live), Decimal(0))
        s = CONTEXT.divide(num, den)
        terms = " + ".join(f"{shown(c.weight)} × {shown(c.score)}" for c in live)
        how = f"Σ(W × SM) / ΣW = ({terms}) / {shown(den)} = {shown(s)}"
        return s, (how, f"ผลรวมคะแนนเฉลี่ยถ่วงน้ำหนัก {how}")

    def _mean(self, weight: Decimal | None, children: list[NodeResult]):
        live = [c for c in children if not c.omitted and c.weight is not None and c.weight != 0]
        if not live or any(c.score is None for c in live):
            return None, ("waits for its indicators", "รอคะแนนของตัวชี้วัด")
        num = sum((CONTEXT.multiply(c.weight, c.score) for c in live), Decimal(0))
        den = sum((c.weight for c in live), Decimal(0))
        lost = lost_th = ""
        if weight and weight > den:
            # An omitted optional child whose weight went nowhere (`redistribute none`): the weight
            # is lost, so that the total stays Σ weight × score / 100 over the leaves (semantics 7).
            lost = f" (the other {shown(weight - den)} went with omitted indicators)"
            lost_th = f" (อีก {shown(weight - den)} เป็นน้ำหนักของตัวชี้วัดที่ยกเว้น)"
            den = weight
        s = CONTEXT.divide(num, den)
        return s, (f"weighted mean of {len(live)} indicators: {shown(num)} / {shown(den)}{lost} = {shown(s)}",
                   f"ค่าเฉลี่ยถ่วงน้ำหนักของ {len(live)} ตัวชี้วัด: {shown(num)} / {shown(den)}{lost_th} = {shown(s)}")

    def _composite(self, n: dict, scoring: dict, entry: Entry | None):
        total = Decimal(0)
        terms = []
        for part in scoring["parts"]:
            given = entry.fields.get(part["id"]) if entry else None
            if given is None:
                self._missing(n, (f"part {part['id']}", f"ส่วน {part['id']}"),
                              f"คะแนนส่วน {part.get('title') or part['id']}")
                return None, (f"needs part {part['id']}", f"ต้องมีคะแนนส่วน {part.get('title') or part['id']}")
            ps = part["scoring"] or {"kind": "owner_score"}
            if ps["kind"] == "ladder":
                s, _ = ladders.score(ps, given, self.policy)
            else:
                s = given
                if not Decimal(0) <= s <= Decimal(5):
                    self.problems.append(Problem(
                        f"score {shown(s)} of part {part['id']} of {n['id']} is outside 0–5",
                        f"คะแนน {shown(s)} ของส่วน {part['id']} ของ {n['id']} อยู่นอกช่วง 0–5",
                        part.get("source") or n["source"], entry.where if entry else None))
                    return None, (f"part {part['id']}: score {shown(s)} is outside 0–5",
                                  f"ส่วน {part['id']}: คะแนน {shown(s)} อยู่นอกช่วง 0–5")
            share = D(part["share"])
            total += CONTEXT.divide(CONTEXT.multiply(share, s), HUNDRED)
            terms.append(f"{shown(share)}% × {shown(s)}")
        how = f"{' + '.join(terms)} = {shown(total)}"
        return total, (how, f"รวมตามสัดส่วน {how}")

    def _component(self, n: dict, children: list[NodeResult]):
        unweighted = [c.id for c in children if not c.omitted and c.weight is None]
        if unweighted:
            # Σ score × weight needs every weight (seed 001: (ข) adds to 100%); leaving one out
            # would silently give no total.
            names = ", ".join(unweighted)
            has = "has" if len(unweighted) == 1 else "have"
            self.problems.append(Problem(f"component {n['id']} cannot be added up: {names} {has} no weight",
                                         f"รวมคะแนนองค์ประกอบ {n['id']} ไม่ได้: {names} ไม่มีน้ำหนัก", n["source"]))
            return None, (f"{names} {has} no weight", f"{names} ไม่มีน้ำหนัก")
        live = [c for c in children if not c.omitted and c.weight is not None]
        if not live or any(c.score is None for c in live):
            return None, ("waits for its indicators", "รอคะแนนของตัวชี้วัด")
        sum_c = sum((CONTEXT.divide(CONTEXT.multiply(c.score, c.weight), HUNDRED) for c in live), Decimal(0))
        multiplier = D(n["multiplier"]) or Decimal(1)
        s = CONTEXT.multiply(sum_c, multiplier)
        terms = " + ".join(f"{shown(c.score)} × {shown(c.weight)}%" for c in live)
        return s, (f"({terms}) = {shown(sum_c)}; × {shown(multiplier)} = {shown(s)}",
                   f"คะแนนรวม ({terms}) = {shown(sum_c)}; × {shown(multiplier)} = {shown(s)}")

    # ---- the whole agreement ----------------------------------------------------------------------
    def run(self) -> Report:
        nodes = [self.node(n, None) for n in self.agreement["nodes"]]
        report = Report(self.agreement, self.framework, self.policy, nodes, missing=self.missing,
                        missing_th=self.missing_th, missing_titled=self.missing_titled,
                        problems=self.problems)
        components = [n for n in nodes if n.kind == "component"]
        if components:
            self._total_individual(report, components)
        else:
            live = [n for n in nodes if not n.omitted and n.weight is not None]
            if live and all(n.weighted is not None for n in live):
                total = sum((n.weighted for n in live), Decimal(0))
                report.total = total
                # Written with the W × SM figures the tables print (kpidsl/score/weighted.py).
                products = " + ".join(shown(weighted_score(n.weight, n.score)) for n in live)
                terms = f"({products}) / 100 = {shown(total)}"
                report.total_explanation = Explanation(
                    f"Σ weight × score / 100 = {terms}", f"Σ น้ำหนัก × คะแนน / 100 = {terms}",
                    self.framework["source"], self.framework.get("citation"))
        if report.total is not None:
            self._penalty(report)
            report.final = report.rounded(report.total - (report.penalty or Decimal(0)))
            self._band(report)
        # ---- seedrules hook: the survey sample size (seed 003 slide 52) ----
        report.sample_size = sample_sizes.for_agreement(self.framework, self.agreement, self.inputs.population)
        if report.sample_size is not None:
            report.sample_size_explanation = _explained(sample_sizes.explain(report.sample_size),
                                                        report.sample_size.source,
                                                        self.framework["sample_size"].get("citation"))
        return report

    def _total_individual(self, report: Report, components: list[NodeResult]) -> None:
        if any(c.score is None for c in components):
            return
        by_id = {n["id"]: n for n in self.agreement["nodes"]}
        terms = []
        total = Decimal(0)
        for c in components:
            share = D(by_id[c.id]["share"]) or Decimal(0)
            total += CONTEXT.divide(CONTEXT.multiply(c.score, share), HUNDRED)
            terms.append(f"{shown(c.score)} × {shown(share)}%")
        report.total = total
        how = f"{' + '.join(terms)} = {shown(total)}"
        report.total_explanation = Explanation(how, how, self.framework["source"], self.framework.get("citation"))

    def _round(self) -> dict | None:
        rid = self.inputs.round or self.agreement.get("round")
        return next((r for r in self.framework["rounds"] if r["id"] == rid), None)

    def _penalty(self, report: Report) -> None:
        rnd = self._round()
        if rnd is None or rnd.get("late_penalty") is None or rnd.get("due") is None or self.inputs.submitted is None:
            return
        due = dt.date.fromisoformat(rnd["due"]["end"])
        if rnd["late_penalty"].get("per") == "day":  # `late_penalty 0.05 per day`: calendar days
            days, dates = calendar_days_late(due, self.inputs.submitted)
            unit = "days"
        else:
            days, dates = working_days_late(due, self.inputs.submitted, self.plan["holidays"])
            unit = "working days"
        per = D(rnd["late_penalty"]["amount"])
        report.penalty = CONTEXT.multiply(per, Decimal(days))
        report.lateness = Lateness(due, self.inputs.submitted, tuple(dates),
                                   "day" if unit == "days" else "working_day", per)
        late_days = ", ".join(d.isoformat() for d in dates) or "none"
        late_days_th = ", ".join(format_date(d) for d in dates) or "ไม่มี"
        unit_th = "วัน" if unit == "days" else "วันทำการ"
        report.penalty_explanation = Explanation(
            f"report due {due.isoformat()}, submitted {self.inputs.submitted.isoformat()}: {days} {unit} late "
            f"({late_days}) × {shown(per)} = {shown(report.penalty)}",
            f"กำหนดส่งรายงานภายใน {format_date(due)} ส่งวันที่ {format_date(self.inputs.submitted)}: "
            f"ส่งรายงานล่าช้า {days} {unit_th} ({late_days_th}) × {shown(per)} = {shown(report.penalty)}",
            rnd["late_penalty"].get("source") or rnd["source"], self.framework.get("citation"))

    def _band(self, report: Report) -> None:
        bands_id = self.framework.get("bands")
        table = next((b for b in self.plan["bands"] if b["id"] == bands_id), None)
        if table is None or report.final is None:
            return
        for band in table["bands"]:
            if _within(report.final, band):
                report.band = band
                lo, hi = band["lower"], band["upper"]
                v = shown(report.final)
                report.band_explanation = Explanation(
                    f"{v} is {lo['op']} {lo['value']} and {hi['op']} {hi['value']}: {band['title']}",
                    f"{v} {ladders.SIGNS[lo['op']]} {lo['value']} และ {ladders.SIGNS[hi['op']]} {hi['value']}: "
                    f"{band['title']}",
                    band["source"], table.get("citation"))
                if band.get("raise"):
                    report.raise_range = (D(band["raise"]["low"]), D(band["raise"]["high"]))
                elif band.get("no_raise"):
                    report.raise_range = (Decimal(0), Decimal(0))
                break
        self._amount(report)

    def _amount(self, report: Report) -> None:
        pct = self.inputs.raise_percent
        salary_rules = self.framework.get("salary")
        if pct is None or salary_rules is None:
            return
        report.raise_percent = pct
        cap = D(salary_rules.get("cap"))
        if report.raise_range and not report.raise_range[0] <= pct <= report.raise_range[1]:
            self.problems.append(Problem(
                f"raise {shown(pct)}% is outside the range of band {report.band['id']} "
                f"({shown(report.raise_range[0])}–{shown(report.raise_range[1])}%)",
                f"ร้อยละการเลื่อน {shown(pct)} อยู่นอกช่วงของระดับผล {report.band['title']}", report.band["source"]))
        if cap is not None and pct > cap:
            self.problems.append(Problem(f"raise {shown(pct)}% exceeds the {shown(cap)}% cap",
                                         f"ร้อยละการเลื่อน {shown(pct)} เกินเพดานร้อยละ {shown(cap)}",
                                         salary_rules["source"]))
        # seedrules hook: a results row's salary and grade (pool.py) before the agreement's
        grade_id = self.inputs.grade or self.agreement.get("grade")
        grade = next((g for g in salary_rules["grades"] if g["id"] == grade_id), None)
        salary = self.inputs.salary if self.inputs.salary is not None else D(self.agreement.get("salary"))
        if grade is None or salary is None:
            return
        split = D(grade["split_at"])
        upper = split is not None and salary >= split
        base = D(grade["upper_mid"] if upper else grade["lower_mid"])
        raw = CONTEXT.divide(CONTEXT.multiply(base, pct), HUNDRED)
        unit = D(salary_rules.get("rounding_unit")) or Decimal(1)
        report.amount = to_unit(raw, unit, salary_rules.get("rounding") or "half_up")
        half = "upper" if upper else "lower"
        half_th = "ตอนบน" if upper else "ตอนล่าง"
        rounding = salary_rules.get("rounding")
        how = f"{shown(base)} × {shown(pct)}% = {shown(raw)}"
        report.amount_explanation = Explanation(
            f"salary {shown(salary)} is in the {half} half of {grade['title']} (split at {shown(split)}): base = "
            f"{half} mid-point {shown(base)}; {how}, rounded {rounding} to {shown(unit)} baht = {shown(report.amount)}",
            f"เงินเดือน {shown(salary)} อยู่ในช่วง{half_th}ของ{grade['title']} (แบ่งที่ {shown(split)}): "
            f"ฐานในการคำนวณ = "
            f"ค่ากลาง{half_th} {shown(base)}; {how}, {spell(rounding or 'half_up', 'th')}เป็นหลัก {shown(unit)} บาท "
            f"= {shown(report.amount)}",
            salary_rules["source"], salary_rules.get("citation"))


def _within(value: Decimal, band: dict) -> bool:
    lo, hi = band["lower"], band["upper"]
    if lo is None or hi is None:
        return False
    lv, hv = D(lo["value"]), D(hi["value"])
    above = value >= lv if lo["op"] == ">=" else value > lv
    below = value <= hv if hi["op"] == "<=" else value < hv
    return above and below


def _inputs(entry: Entry | None) -> tuple[tuple[str, str], ...]:
    if entry is None:
        return ()
    return tuple((k, plain(v)) for k, v in entry.fields.items())


def score_agreement(plan: dict, agreement_id: str, inputs: Inputs) -> Report:
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    # Every +, − and sum() below runs at CONTEXT's 40 digits, whatever the caller's thread
    # context says: a published score must not depend on who asked for it.
    with decimal.localcontext(CONTEXT):
        return _Scorer(plan, agreement, inputs).run()
