"""The cells of one results row that say which milestone steps are done (a list in
``7:steps``, or one column per step: ``7:1`` … ``7:5``), read into
milestone_steps.StepsDone per indicator, each problem a located diagnostic."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from .iso_be_dates import be_year_told
from .milestone_steps import StepsDone, is_step_list, list_problem, read_mark, read_step_list


def is_step_cell(scoring: str | None, field: str, cell: str) -> bool:
    """True for a cell this module reads: a milestone's step column, or a list of steps."""
    return scoring == "milestones" and (field.isdigit() or (field == "steps" and is_step_list(cell)))


class StepCells:
    """One row's step cells. ``parse_date(text)`` reads a date as the results reader does."""

    def __init__(self, parse_date: Callable[[str], dt.date | None]):
        self.parse_date = parse_date
        self.steps: dict[str, dict[int, dt.date | None]] = {}

    def take(self, node_id: str, count: int, field: str, cell: str, span: Span, column: str) -> Diagnostic | None:
        done = self.steps.setdefault(node_id, {})
        if field == "steps":
            steps = read_step_list(cell)
            bad = list_problem(steps, count)
            if bad is not None:
                return CODES["Q004"].at(span, what=phrase("steps-listed"), value=cell.strip(), id=node_id,
                                        range=phrase("steps-listed-range", count=count))
            for s in steps:
                done.setdefault(s, None)
            return None
        step = int(field)  # one of 1 … count: the header's fields are the steps there are (Q009)
        mark = read_mark(cell)
        if mark is None:
            day = self.parse_date(cell)
            if day is None:
                return be_year_told(cell, span) or \
                    CODES["Q040"].at(span, text=cell.strip(), column=column, step=step, id=node_id)
            done[step] = day
        elif mark:
            done.setdefault(step, None)
        return None

    def done(self) -> dict[str, StepsDone]:
        return {node_id: StepsDone(tuple(sorted(steps)), tuple(sorted((s, d) for s, d in steps.items() if d)))
                for node_id, steps in self.steps.items()}
