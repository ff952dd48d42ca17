"""The typed plan: frozen attrs classes for everything the compiler's plan holds.

Figures are ``Decimal`` and dates ``datetime.date``, converted once; ids are
resolved once (an agreement holds its framework, a framework its bands and
calendars); scoring kinds are types (``isinstance(s, Ladder)``). Read a plan with
``kpidsl.plan.read.typed_plan`` or ``read_plan_file``; a backend handed the compiler's
dict reads it with ``plan_of`` (once per dict); ``Plan.to_json()`` writes it back, byte
for byte what the compiler's plan gives.
"""

from .agreements import Agreement, Signatory
from .calendar import Activity, Calendar, HolidayChange, Holidays, LatePenalty, Round
from .dates import Dates, Period
from .examples import Example, Fact
from .fields import NotInPlan, PlanFormatError
from .frameworks import Framework, FrameworkRound
from .plan import Plan
from .scoring import (BinOp, Call, ComponentSum, Composite, DeclaredScoring, DerivedScoring, Expr, Formula, GroupSum,
                      Input, Ladder, Milestones, Neg, Num, OwnerScore, Part, ScaleScoring, Scoring, Step, Threshold,
                      Var, WeightedAverage)
from .source import Source
from .structure import AgreementNode, Baseline, Cascade, Definition, FrameworkNode, Optional, Template
from .tables import (Band, BandsTable, Bound, Grade, Limit, Policies, Pool, RaiseRange, Salary, SampleSize, Scale,
                     ScaleLevel, Strategy)

__all__ = [
    "Activity", "Agreement", "AgreementNode", "Band", "BandsTable", "Baseline", "BinOp", "Bound", "Calendar", "Call",
    "Cascade", "ComponentSum", "Composite", "Dates", "DeclaredScoring", "Definition", "DerivedScoring", "Example",
    "Expr", "Fact", "Formula", "Framework", "FrameworkNode", "FrameworkRound", "Grade", "GroupSum", "HolidayChange",
    "Holidays", "Input", "Ladder", "LatePenalty", "Limit", "Milestones", "Neg", "NotInPlan", "Num", "Optional",
    "OwnerScore", "Part", "Period", "Plan", "PlanFormatError", "Policies", "Pool", "RaiseRange", "Round", "Salary",
    "SampleSize", "Scale", "ScaleLevel", "ScaleScoring", "Scoring", "Source", "Step", "Strategy", "Template",
    "Threshold", "Var", "WeightedAverage",
]
