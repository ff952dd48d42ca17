"""What a results file's columns and cells mean: the fields each node of an agreement
takes (accepted_fields), the meta columns, and the checks of one cell (a number's range,
a round, a person, a date), written once for every reader of results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ...bilingual import Bi
from ...diagnostics.hints import hint
from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import CODES
from ...diagnostics.span import Span
from ...outputs.terminal import escape
from ...plan.model import Agreement, AgreementNode, Composite, Formula, Framework, Ladder, Milestones
from ...results_fields import fields_taken
from ...scale_scores import ScaleRange, scale_range
from ...score_range import HIGHEST_SCORE, LOWEST_SCORE
from ...syntax.dates import DateError, read as read_date, resolve
from ...syntax.invisible import INVISIBLE
from ...thai import to_arabic
from ..iso_be_dates import written_be
from ..number_cells import NumberProblem
from ..numbers import plain


_FIELD_TH = {"result": "ผล", "steps": "ขั้นที่ผ่าน", "score": "คะแนน"}


@attrs.frozen
class NodeFields:
    kind: str
    scoring: str | None
    fields: tuple[str, ...]
    default: str | None
    scores: tuple[str, ...] = ()  # fields that are themselves scores 0–5: a composite's non-ladder parts
    scale: ScaleRange | None = None  # what a score on a scale takes (kpidsl/scale_scores.py): checked as "scale"


def value_fault(check: str, value: Decimal) -> tuple[Bi, Bi] | None:
    """Why a number cannot stand for a field (what, and the range allowed), or None.
    ``check``: "score" for a field that is a score 0–5, "steps" for milestone steps done."""
    if check == "score" and not LOWEST_SCORE <= value <= HIGHEST_SCORE:
        return phrase("score"), phrase("score-range")
    if check == "steps" and (value != value.to_integral_value() or not LOWEST_SCORE <= value <= HIGHEST_SCORE):
        return phrase("steps-done"), phrase("whole-steps")
    return None


# The checks value_fault finds a fault for: a number checked for anything else is taken as it is.
RANGE_CHECKED = frozenset({"score", "steps"})


def field_check(node: "NodeFields", field: str) -> str:
    """What a number given for ``field`` of ``node`` is checked for (value_fault). A score on
    a scale is "scale": held to the scale's levels (``node.scale``, kpidsl/scale_scores.py:
    Q035 at the cell, scale_fault), not to 0–5, so that 0 and 5.5 on a 1–5 scale are told alike."""
    if field == "score" and node.scale is not None:
        return "scale"
    return "score" if field == "score" or field in node.scores else field


def scale_fault(node: NodeFields, value: Decimal, span: Span, cell: str, node_id: str) -> Diagnostic | None:
    """Q035 at a cell whose score the node's scale does not take (a check "scale", field_check);
    None when it takes it. The evaluator holds a score given otherwise (an example's) to the
    same rule (kpidsl/score/evaluate/agreement.py)."""
    scale = node.scale
    if scale is None or scale.admits(value):
        return None
    return CODES["Q035"].at(span, **scale.off_scale(cell.strip(), node_id))


def accepted_fields(agreement: Agreement) -> dict[str, NodeFields]:
    """What each node of a typed agreement takes from a results file (node_accepts), by node id."""
    framework = agreement.framework
    return {n.id: node_accepts(n, framework) for n in agreement.walk()}


def node_accepts(n: AgreementNode, framework: Framework | None = None) -> NodeFields:
    """What one node takes from a results file: its fields, the one a bare column gives, and
    those that are scores 0–5 (kpidsl/results_fields.py, which the checker of an example's
    given figures reads too). The one answer for every reader of results (the SQL engine's
    columns too, kpidsl/sql/compiler.py)."""
    scoring = n.scoring
    kind = scoring.KIND if scoring is not None else None
    taken = fields_taken(
        kind, not n.children,
        inputs=[name for inp in scoring.inputs for name in inp.names] if isinstance(scoring, Formula) else (),
        steps=[s.number for s in scoring.steps] if isinstance(scoring, Milestones) else (),
        parts=[(p.id, isinstance(p.scoring, Ladder)) for p in scoring.parts] if isinstance(scoring, Composite) else ())
    scale = scale_range(framework, scoring.scale, framework.policies.scale_score) \
        if kind == "scale" and framework is not None else None
    return NodeFields(n.kind, kind, taken.fields, taken.default, taken.scores, scale)


def number_diagnostic(problem: NumberProblem, span: Span, column: str) -> Diagnostic:
    """Why a cell of ``column`` is not a number, at the cell."""
    return CODES[problem.code].at(span, column=column, **problem.fields)


def round_given(text: str, default: str | None) -> str | None:
    """The round a row names (Thai digits read as Arabic), else --round's: what build(),
    FastRows and csv_identities key a row by."""
    return to_arabic(text.strip()) or default or None


def round_said(text: str | None) -> str | None:
    """--round as a round cell is read (round_given): what a row's own round cell is held to
    (Reader.said_round); None when not given."""
    return to_arabic((text or "").strip()) or None


def person_given(text: str) -> str | None:
    """The person a row names (blank: none)."""
    return text.strip() or None


def invisible_said(text: str) -> dict[str, str] | None:
    """Q001's or Q002's ``id`` and hint for an id cell holding an invisible character
    (kpidsl/syntax/invisible.py INVISIBLE: a zero-width space, a soft hyphen, a word joiner,
    a byte-order mark): the id with each escaped (`\\u200b`), as a rule file's S013 shows it,
    and the hint naming them; None for a cell holding none. A terminal prints such a
    character as nothing, and a "did you mean" showed the same name twice."""
    chars = list(dict.fromkeys(c for c in text if c in INVISIBLE))
    if not chars:
        return None
    return {"id": "".join(escape(c) if c in INVISIBLE else c for c in text),
            **hint("invisible-in-cell", chars=", ".join(f"`{escape(c)}`" for c in chars))}


def parse_date(text: str, fiscal_year: int | None) -> dt.date | None:
    """A results cell as a date: ISO (Common Era), else as the rule files write one, a year
    left out read in ``fiscal_year``; None for no date, and for an ISO date whose year is a
    Buddhist-era one (kpidsl/score/iso_be_dates.py, Q063)."""
    if written_be(text):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        days = resolve(read_date(text.strip()), fiscal_year)
    except (DateError, ValueError):
        return None
    return days[1] if days else None


def salary_outside_grade(framework: Framework, agreement: Agreement, salary: Decimal | None,
                         grade_id: str | None) -> dict | None:
    """Q047's fields when the salary a results row gives (else the agreement's) lies outside
    the grade it gives (else the agreement's), else None. The raise is a % of the mid-point of
    the half of the grade the salary is in (seed 001, kpidsl/score/evaluate/agreement.py
    amount): a salary below the grade's minimum or above its maximum is in neither half. Told
    with or without a raise %: such a salary is none the grade can have, and the raise pool
    counts a salary given (seed 001, ว 28/52 ข้อ 1: 3 % of the salaries held). A grade the
    framework does not declare is Q044's; one without its minimum or maximum, K003's."""
    held = salary if salary is not None else agreement.salary
    grade = framework.salary.grade(grade_id or agreement.grade_id or "") if framework.salary else None
    if held is None or grade is None or grade.min is None or grade.max is None:
        return None
    if grade.min <= held <= grade.max:
        return None
    return {"salary": plain(held), "grade": grade.id, "low": plain(grade.min), "high": plain(grade.max)}
