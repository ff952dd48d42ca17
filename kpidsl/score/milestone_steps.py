"""Milestone steps reported one by one, and the score they make.

A results file may say which steps of a milestone ladder are done instead of how many:
``7:steps`` = ``1 2 3 5`` (a list of step numbers), or a column per step (``7:1``,
``7:2`` …) holding the date the step was done or a mark (✓, x, 1, ใช่ for done; 0, ไม่
or blank for not done). Two policies of the rule set (kpidsl/policies.py) decide the score:

* ``milestone_count consecutive`` (the seed's reading, docs/scoring.md, rule 3): the number
  of steps done in a row from step 1 — 1, 2, 3, 5 → 3; ``listed``: every step done counts.
* ``late_step not_counted`` (seed 003 slide 32 writes each step's due date as a condition
  of the step): a step done after its due date is taken as not done; ``counted``: it counts.

A plain count (``7:steps`` = ``3``) stays a count: it is read as today, not here.
Pure functions: no plan dicts are walked here beyond a step's number and due date.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ..bilingual import Bi
from ..thai import to_arabic

# Marks a step column may hold (compared after folding case and spaces).
DONE_MARKS = frozenset({"✓", "✔", "/", "x", "1", "yes", "y", "true", "done", "ใช่", "ผ่าน", "ทำแล้ว", "เสร็จ"})
NOT_DONE_MARKS = frozenset({"0", "-", "no", "n", "false", "ไม่", "ไม่ใช่", "ไม่ผ่าน", "ยังไม่ทำ"})

# Two or more step numbers, or one with a comma after it ("3,": step 3 alone, not 3 steps).
# Numbers are parted by blanks or one comma. Every repeat is possessive, so each blank is read
# one way: `\s*[,\s]\s*` could split a run of blanks as many ways as it is long, and tried them
# all in a cell that is no list (a 3 KB cell: 40 s; tests/test_milestone_steps.py).
_LIST = re.compile(r"^\s*+\d++(?:(?:(?:\s*+,\s*+|\s++)\d++)++\s*+,?+|\s*+,)\s*+$")


@attrs.frozen
class StepsDone:
    """The steps a results row reports done: their numbers, and the date each was done
    where the row gives one (``dates`` holds (step, date) pairs)."""

    steps: tuple[int, ...]
    dates: tuple[tuple[int, dt.date], ...] = ()

    def date_of(self, step: int) -> dt.date | None:
        return next((d for s, d in self.dates if s == step), None)


@attrs.frozen
class StepsScore:
    """The score the steps make, and why: ``counted`` the steps that count, ``late`` the steps
    done after their due date (not counted under ``late_step not_counted``)."""

    score: int
    counted: tuple[int, ...]
    late: tuple[int, ...]
    milestone_count: str
    late_step: str


def is_step_list(text: str) -> bool:
    """True for a cell listing two or more step numbers (``1 2 3 5``, ``1,2,3``) or one with a
    comma after it (``3,``: step 3 alone); a single number is a count of steps, as it always was."""
    return bool(_LIST.match(to_arabic(text)))


def read_step_list(text: str) -> tuple[int, ...]:
    """The step numbers of a list cell (is_step_list), in the order written."""
    return tuple(int(n) for n in re.findall(r"\d+", to_arabic(text)))


def read_mark(text: str) -> bool | None:
    """A step column's mark: True done, False not done, None when it is neither (a date,
    perhaps, which the caller reads)."""
    folded = " ".join(to_arabic(text).split()).lower()
    if not folded or folded in NOT_DONE_MARKS:
        return False
    if folded in DONE_MARKS:
        return True
    return None


def list_problem(steps: tuple[int, ...], count: int) -> str | None:
    """Why a list of steps cannot be read against a ladder of ``count`` steps: a step
    outside 1..count or a step written twice; None when it can."""
    for s in steps:
        if not 1 <= s <= count:
            return f"{s}"
    if len(set(steps)) != len(steps):
        return next(f"{s}" for s in steps if steps.count(s) > 1)
    return None


def score_steps(done: StepsDone, due: dict[int, dt.date | None], milestone_count: str,
                late_step: str) -> StepsScore:
    """The score of the steps ``done`` on a ladder whose step k is due ``due[k]`` (None: no
    due date), under the two policies."""
    late = tuple(sorted(s for s in set(done.steps)
                        if due.get(s) is not None and done.date_of(s) is not None and done.date_of(s) > due[s]))
    taken = {s for s in done.steps if s in due} - (set(late) if late_step == "not_counted" else set())
    if milestone_count == "listed":
        counted = tuple(sorted(taken))
    else:
        run = []
        step = 1
        while step in taken:
            run.append(step)
            step += 1
        counted = tuple(run)
    return StepsScore(len(counted), counted, late, milestone_count, late_step)


def explain(result: StepsScore, done: StepsDone, count: int) -> Bi:
    """The rule as applied, in English and in Thai."""
    listed = ", ".join(str(s) for s in sorted(set(done.steps))) or "none"
    listed_th = ", ".join(str(s) for s in sorted(set(done.steps))) or "ไม่มี"
    counted = ", ".join(str(s) for s in result.counted) or "none"
    counted_th = ", ".join(str(s) for s in result.counted) or "ไม่มี"
    late = late_th = ""
    if result.late:
        steps = ", ".join(str(s) for s in result.late)
        if result.late_step == "not_counted":
            late, late_th = f"; done after the due date, not counted: {steps}", f"; ทำหลังกำหนด ไม่นับ: {steps}"
        else:
            late, late_th = f"; done after the due date, counted: {steps}", f"; ทำหลังกำหนด นับ: {steps}"
    if result.milestone_count == "listed":
        how, how_th = "every step done counts", "นับทุกขั้นที่ทำ"
    else:
        how, how_th = "steps done in a row from step 1", "ขั้นที่ทำต่อเนื่องจากขั้นที่ 1"
    return Bi(f"steps done {listed} of {count}{late}; {how}: {counted} = {result.score}",
              f"ขั้นที่ทำ {listed_th} จาก {count} ขั้น{late_th}; {how_th}: {counted_th} = {result.score}")
