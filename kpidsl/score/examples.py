"""Running the examples written in rule files: results in, expected figures out.

Each ``example`` names an agreement; its ``given`` lines become the scorer's
inputs, and every ``expect`` line is compared with what the scorer computes,
at the published number of decimals. A figure that differs comes with the
explanation of how the scorer reached it, in English and in Thai.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ..bilingual import Bi
from ..diagnostics.phrases import phrase
from ..example_figures import NODE_FIGURES
from ..plan.model import Example, Fact, Plan, Source
from ..plan.model.fields import dec_text
from ..syntax.keywords import BY_CANONICAL, spell
from .engine import Entry, Explanation, Inputs, Report, score_agreement
from .milestone_steps import StepsDone, is_step_list, read_step_list
from .numbers import fixed, plain
from .weighted import weight_times_score

NODE_SUBJECTS = ("perspective", "dimension", "kpi", "component", "competency", "part")


@attrs.frozen
class Check:
    """One expected figure against what the scorer got. ``what`` and ``got`` are
    English; ``what_th`` and ``got_th`` say them in Thai where the words differ."""

    what: str
    expected: str
    got: str
    passed: bool
    explanation_en: str = ""
    explanation_th: str = ""
    source: Source | None = None
    what_th: str = ""
    got_th: str = ""
    # What the figure compared is, when the expected one looks like another figure (a Bi)
    note: Bi | None = None

    def explanation(self, lang: str) -> str:
        """How the scorer reached ``got``, in ``lang`` ("th" or "en")."""
        return self.explanation_th if lang == "th" else self.explanation_en

    def failure(self, lang: str) -> str:
        """``kpi 5 score: expected 3.7000, got 3.6000`` (``ตัวชี้วัด 5 คะแนน: ผลที่คาด 3.7000 ได้ 3.6000``)."""
        if lang == "th":
            return f"{self.what_th or self.what}: ผลที่คาด {self.expected} ได้ {self.got_th or self.got}"
        return f"{self.what}: expected {self.expected}, got {self.got}"


@attrs.frozen
class ExampleResult:
    example: Example
    checks: tuple[Check, ...]
    report: Report | None
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and all(c.passed for c in self.checks)


def inputs_of(example: Example) -> Inputs:
    entries: dict[str, dict[str, Decimal]] = {}
    where: dict[str, str] = {}
    inputs = Inputs(round=example.round_id)
    dated: dict[str, dict[int, dt.date]] = {}
    for fact in example.given:
        location = str(fact.source)
        number = fact.value if fact.value_kind == "number" else None
        if fact.subject in NODE_SUBJECTS and fact.field == "steps" and fact.value_kind == "text" \
                and is_step_list(fact.value):
            # seedrules hook: `ขั้นที่ผ่าน "1 2 3 5"`, the steps done listed (milestone_steps.py)
            inputs.steps_done[fact.id] = StepsDone(read_step_list(fact.value))
        elif fact.subject in NODE_SUBJECTS and fact.field == "step_done" and fact.step is not None \
                and fact.value_kind == "date" and fact.value is not None:
            # `ขั้นที่ 2 29 ก.พ. 2555`: a step done on a day, as a results file's step column holds it
            dated.setdefault(fact.id, {})[fact.step] = fact.value.end
        elif fact.subject in NODE_SUBJECTS and number is not None:
            entries.setdefault(fact.id, {})[fact.field] = number
            where.setdefault(fact.id, location)
        elif fact.field == "submitted" and fact.value_kind == "date" and fact.value is not None:
            inputs.submitted = fact.value.end
        elif fact.field == "raise" and number is not None:
            inputs.raise_percent = number
        elif fact.field == "population" and number is not None:
            inputs.population = number  # N of the framework's survey sample size
    for node_id, days in dated.items():
        listed = inputs.steps_done.get(node_id)
        steps = tuple(sorted(set(days) | set(listed.steps if listed else ())))
        inputs.steps_done[node_id] = StepsDone(steps, tuple(sorted(days.items())))
    inputs.entries = {k: Entry(k, v, where.get(k)) for k, v in entries.items()}
    return inputs


def run_example(plan: Plan | dict, example: Example) -> ExampleResult:
    """The checks of one example of ``plan`` (typed, or the compiler's dict)."""
    if example.agreement is None:  # the typed plan resolves the id: an example names one, or none
        return ExampleResult(example, (), None, "example names no agreement of this rule set: None")
    report = score_agreement(plan, example.agreement.id, inputs_of(example))
    checks = [_check(report, fact) for fact in example.expect]
    for problem in report.problems:
        checks.append(Check("scoring", "no problem", problem.message_en, False, problem.message_en,
                            problem.message_th, what_th="การคิดคะแนน", got_th=problem.message_th))
    return ExampleResult(example, tuple(checks), report)


def _same(expected: Decimal, got: Decimal | None, report: Report) -> bool:
    """The published figure equals the expected one. An expected figure written
    with more decimals than the plan publishes (3.5282 when 3 are published)
    cannot be published: it fails rather than being rounded to agree."""
    if got is None or expected is None:
        return False
    return report.rounded(got) == expected and report.rounded(expected) == expected


def _check(report: Report, fact: Fact) -> Check:
    decimals = report.decimals
    field = fact.field
    src = fact.source
    number = fact.value if fact.value_kind == "number" else None
    if fact.subject in NODE_SUBJECTS:
        node = report.find(fact.id)
        what = f"{fact.subject} {fact.id} {field}"
        what_th = f"{_th(fact.subject)} {fact.id} {_th(field)}"
        if node is None:
            return Check(what, _shown(fact), "no such node in the agreement", False, source=src, what_th=what_th,
                         got_th="ไม่มีในคำรับรอง")
        got = getattr(node, NODE_FIGURES[field]) if field in NODE_FIGURES else None
        expected = number
        if expected is None:
            return Check(what, _shown(fact), "a number was expected", False, source=src, what_th=what_th,
                         got_th="ต้องเป็นตัวเลข")
        passed = _same(expected, got, report)
        return Check(what, _expected(fact, expected, decimals), fixed(report.rounded(got), decimals) if got is not None else "–",
                     passed, *_said(node.explanation), src, what_th=what_th,
                     note=None if passed or field != "weighted" else _weighted_note(node, expected, got, report))
    if field == "total":
        expected = number
        return Check("total", _expected(fact, expected, decimals), fixed(report.final, decimals),
                     report.final is not None and expected is not None and _same(expected, report.final, report),
                     *_said(report.total_explanation, _missing(report)), src, what_th=_th("total"))
    if field == "penalty":
        expected = number
        got = report.rounded(report.penalty) if report.penalty is not None else Decimal(0)
        return Check("penalty", fixed(expected, decimals), fixed(got, decimals), got == report.rounded(expected),
                     *_said(report.penalty_explanation, ("no late report", "ไม่ได้ส่งรายงานล่าช้า")), src,
                     what_th=_th("penalty"))
    if field == "band":
        expected = (fact.value if fact.value_kind == "text" else None) or plain(number)
        band = report.band
        got = band.id if band else "–"
        ok = band is not None and expected in (band.id, band.title)
        return Check("band", expected, f"{got} ({band.title})" if band else "–", ok,
                     *_said(report.band_explanation, _missing(report)), src, what_th=_th("band"))
    if field == "amount":
        expected = number
        return Check("raise amount", plain(expected), plain(report.amount), report.amount == expected,
                     *_said(report.amount_explanation, ("no raise computed", "ไม่ได้คำนวณเงินที่ได้เลื่อน")), src,
                     what_th=_th("amount"))
    if field == "sample_size":
        expected = number
        sample = report.sample_size
        return Check("survey sample size", plain(expected) if expected is not None else _shown(fact),
                     plain(sample.n) if sample is not None else "–", sample is not None and sample.n == expected,
                     *_said(report.sample_size_explanation, ("no population given", "ไม่ได้ระบุจำนวนประชากร")), src,
                     what_th=_th(field))
    return Check(field, _shown(fact), "kpidsl test cannot check this figure", False, source=src, what_th=_th(field),
                 got_th="kpidsl test ตรวจค่านี้ไม่ได้")


def _expected(fact: Fact, expected: Decimal | None, decimals: int) -> str:
    """The expected figure at the published decimals, or as written when they
    cannot show it (3.7680 with 2 decimals: not "3.77")."""
    if expected is None:
        return _shown(fact)
    shown = fixed(expected, decimals)
    return shown if Decimal(shown) == expected else str(dec_text(expected))


def _th(word: str) -> str:
    """A word of an ``expect`` line as a Thai rule file writes it (score → คะแนน)."""
    return spell(word, "th") if word in BY_CANONICAL else word


def _shown(fact: Fact) -> str:
    """The fact as the rule file wrote it."""
    if fact.value_kind == "date":
        return fact.value.text if fact.value is not None else "None"
    return (fact.value if fact.value_kind == "text" else dec_text(fact.value)) or "None"


def _weighted_note(node, expected: Decimal, got: Decimal | None, report: Report) -> Bi | None:
    """Why an expected weighted figure that is the node's weight × score without its / 100
    (18 × 3.5 = 63: seed 003's W × SM read with the weight as a percentage) fails: the
    weighted score is the share the node adds to its parent's score (kpidsl/score/weighted.py)."""
    table = weight_times_score(node.weight, node.score)
    if got is None or table is None or not _same(expected, table, report):
        return None
    decimals = report.decimals
    return phrase("example-weighted-is-share", share=fixed(report.rounded(got), decimals),
                  table=fixed(report.rounded(table), decimals))


def _said(expl: Explanation | None, otherwise: tuple[str, str] = ("", "")) -> tuple[str, str]:
    """The explanation as (English, Thai), or ``otherwise`` when there is none."""
    return (expl.rule_en, expl.rule_th) if expl is not None else otherwise


def _missing(report: Report) -> tuple[str, str]:
    if not report.missing:
        return "", ""
    return f"missing results: {'; '.join(report.missing)}", f"ขาดข้อมูล: {'; '.join(report.missing_th)}"
