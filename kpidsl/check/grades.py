"""A salary block's grades give their five figures, rising from the minimum to the maximum
(K003, I003).

A raise is a % of the mid-point of the half of the grade a salary is in (seed 001, ว 28/52
ข้อ 2 and 6; kpidsl/score/evaluate/agreement.py _amount): with no ``split_at`` every salary
was taken for the lower half (Janya's 28,000 got 510 where the upper half gives 770), with
no ``lower_mid`` a salary in the lower half stopped `kpidsl score` with an internal error,
and figures out of order gave a raise on a mid-point outside the grade.
"""

from __future__ import annotations

from ..bilingual import Bi
from ..diagnostics.hints import hint
from ..syntax import ast
from ..syntax.keywords import BY_CANONICAL
from .context import Checker, num

FIGURES = ("min", "lower_mid", "split_at", "upper_mid", "max")


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        if fw.salary is None:
            continue
        for grade in fw.salary.grades:
            check(ck, grade)


def check(ck: Checker, grade: ast.Grade) -> None:
    where = grade.id_span or grade.span
    values = [getattr(grade, name) for name in FIGURES]
    missing = [name for name, value in zip(FIGURES, values) if value is None]
    for name in missing:
        ck.report("K003", where, context=f"grade `{grade.id}`", context_th=f"ระดับตำแหน่ง `{grade.id}`", key=name,
                  **hint("grade-figures"))
    if missing:
        return
    if any(low >= high for low, high in zip(values, values[1:])):
        ck.report("I003", where, grade=grade.id,
                  figures=Bi(", ".join(f"{name} {num(value)}" for name, value in zip(FIGURES, values)),
                             ", ".join(f"{BY_CANONICAL[name].th[0]} {num(value)}" for name, value in zip(FIGURES, values))))
