"""`kpidsl new-year` and an example's late report: as many days late in the new calendar.

An example's submission date moves a year with every other date (kpidsl/newyear.py), but the
days it is late are counted on the calendar — weekends and holidays differ from year to year
(rules/2554's province_late_sar: 3 พ.ย. 2554 is 3 working days after 31 ต.ค. 2554; 3 พ.ย. 2555
is a Saturday, 2 working days after 31 ต.ค. 2555). Its expected penalty would then fail on
the scaffold, before any figure was edited. An example's results are made up to test a rule,
so the date moves on to the day exactly as late as this year's — the expected figures stay
right — and a review line says so; where no such day can be written the review line asks for
the figures to be worked out again. A milestone step done on a day is moved on likewise when
its lateness (done after its due date, ``late_step``) changed with the year: 29 ก.พ. becomes
28 ก.พ. in a year without one.

The days are counted by the scorer itself (kpidsl/score/engine.py's ``score_agreement``, its
``lateness``): the round, its due date, working or calendar days and the rule set's holidays
as `kpidsl test` counts them, on both rule sets compiled in memory.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from .plan.model import Example, Plan


@attrs.frozen
class LateStep:
    """A milestone step an example reports done on a day, late (after its due date) this year
    and not once the dates moved a year, or the other way round: 29 ก.พ. 2555 becomes 28 ก.พ.
    2556, on a step's due date moved from 28 ก.พ. 2555 (``late_step``, kpidsl/score/milestone_steps.py)."""

    example_line: int
    line: int  # the step's line in this year's file
    node: str  # the milestone's id
    step: int
    late: bool  # this year (the day moved a year is the other way round)
    kept: dt.date | None  # the nearest day as late (or not) as this year's; None: none within a month


@attrs.frozen
class LateExample:
    """An example whose submission, its date moved a year, is late by another count of days."""

    example_line: int  # the ``example`` statement's line in this year's file
    line: int  # its ``submitted`` line in this year's file
    per: str  # "working_day" or "day", as the scorer counts them
    days: int  # this year's count
    moved_days: int  # the count of the date moved a year (the review quotes the date as written)
    kept: dt.date | None  # the first day as late as this year's; None: none within a year


def late_examples(old_texts: dict[str, str], new_texts: dict[str, str],
                  renamed: dict[str, str]) -> dict[str, list[LateExample | LateStep]]:
    """The examples of ``old_texts`` (by path) whose submission date, as ``new_texts`` moved it,
    is late by another count of days. ``renamed``: example ids renamed with their year. None
    when either rule set does not compile (the command's check reported this year's errors)."""
    old_plan, new_plan = _plan(old_texts), _plan(new_texts)
    if old_plan is None or new_plan is None:
        return {}
    news = {ex.id: ex for ex in new_plan.examples}
    found: dict[str, list[LateExample | LateStep]] = {}
    for old in old_plan.examples:
        new = news.get(renamed.get(old.id, old.id))
        if new is None or old.agreement is None or new.agreement is None:
            continue
        lates = found.setdefault(old.source.path, [])
        lates.extend(_late_steps(old_plan, old, new_plan, new))
        submitted = next((f for f in old.given if f.field == "submitted" and f.value_kind == "date"), None)
        if submitted is None:
            continue
        before, after = _lateness(old_plan, old), _lateness(new_plan, new)
        if before is None or after is None or len(before.days) == len(after.days) or before.per != after.per:
            continue
        lates.append(LateExample(
            old.source.line, submitted.source.line, after.per, len(before.days), len(after.days),
            _as_late(new_plan, new, after.due, len(before.days))))
    return {path: lates for path, lates in found.items() if lates}


def _late_steps(old_plan: Plan, old: Example, new_plan: Plan, new: Example) -> list[LateStep]:
    """The steps ``old`` reports done on a day whose lateness its dates moved a year change."""
    from .score.examples import inputs_of

    before, after = _late_of(old_plan, old, inputs_of(old)), _late_of(new_plan, new, inputs_of(new))
    found = []
    for fact, moved in zip(old.given, new.given):
        # a step done always has its day (kpidsl/syntax/lower/agreements.py's _step_done takes
        # none without), and the moved text gives the same facts in the same order
        if fact.field != "step_done":
            continue
        late = (fact.id, fact.step) in before
        if late == ((moved.id, moved.step) in after):
            continue
        kept = None
        for i in range(1, 32):  # the nearest day as late (or not) as this year's, within a month
            day = moved.value.end + dt.timedelta(days=i if late else -i)
            inputs = inputs_of(new)
            done = inputs.steps_done[moved.id]
            inputs.steps_done[moved.id] = attrs.evolve(
                done, dates=tuple((s, day if s == moved.step else d) for s, d in done.dates))
            if ((moved.id, moved.step) in _late_of(new_plan, new, inputs)) == late:
                kept = day
                break
        found.append(LateStep(old.source.line, fact.source.line, fact.id, fact.step, late, kept))
    return found


def _late_of(plan: Plan, example: Example, inputs) -> set[tuple[str, int]]:
    """The (milestone, step) pairs the scorer finds done late for ``inputs``."""
    from .score.engine import score_agreement
    from .score.evaluate.trace import StepsListed

    late = set()
    nodes = list(score_agreement(plan, example.agreement.id, inputs).nodes)
    while nodes:
        node = nodes.pop()
        if isinstance(node.working, StepsListed):
            late.update((node.id, step) for step in node.working.result.late)
        nodes.extend(node.children)
    return late


def _plan(texts: dict[str, str]) -> Plan | None:
    """The typed plan of a rule set held in memory, or None when it has errors."""
    from .check.in_memory import check_parsed, parse_text
    from .plan import compile_plan
    from .plan.read import typed_plan

    checked = check_parsed("new-year", [parse_text(path, text) for path, text in sorted(texts.items())])
    if checked.errors:
        return None
    return typed_plan(compile_plan(checked.rule_set, Path("new-year")))


def _lateness(plan: Plan, example: Example, submitted: dt.date | None = None):
    """The scorer's lateness of ``example`` (kpidsl/score/scored.py's Lateness), submitted on
    ``submitted`` when given; None when its round has no late penalty."""
    from .score.engine import score_agreement
    from .score.examples import inputs_of

    inputs = inputs_of(example)
    if submitted is not None:
        inputs.submitted = submitted
    return score_agreement(plan, example.agreement.id, inputs).lateness


# A late report within a year of its due date: the first day as late is sought no further.
_SOUGHT = 366


def _as_late(plan: Plan, example: Example, due: dt.date, days: int) -> dt.date | None:
    """The first day ``example`` would be submitted on to be ``days`` days late after ``due``."""
    for i in range(_SOUGHT + 1):
        day = due + dt.timedelta(days=i)
        late = _lateness(plan, example, day)
        if late is not None and len(late.days) == days:
            return day
    return None
