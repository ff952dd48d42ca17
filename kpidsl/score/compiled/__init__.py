"""The compiled scorer: the engine's figures, fast, for batches.

``kpidsl score --format csv|json`` without ``--explain`` needs, for each of
possibly 400,000 evaluations, the total, the penalty, the published total, the
band and the raise amount (and, for JSON, every node's score), but none of the
sentences that say how they were reached. This module turns one agreement of
the plan into a structure once (thresholds, weights and shares as Decimal,
ladder comparisons resolved, the policy's rounding known, the nodes in
evaluation order) and then scores an evaluation with the least work: no
explanation strings, no per-node objects and, on the CSV path, an indicator's
cells looked up by their text (a node's score depends on its own cells alone,
so each distinct text is read and scored once).

It computes exactly what kpidsl.score.engine computes: the same Decimal
operations in the same order, under the engine's CONTEXT (both run inside
``localcontext(CONTEXT)``), so the figures are identical, digits and exponents included. No binary float
is involved anywhere.

It never explains and never reports. Whenever the engine would report
something (a missing value, a score out of range, a division by zero, a raise
outside its band) or a cell is anything but a valid number, it raises
``Slow``, and the caller scores that evaluation with the engine, which says
what is wrong exactly as it always has.

Modules: parts (ladders and formulas compiled to functions, the node record, Figures),
agreement (one agreement ready to score), rows (CSV rows scored from their cells),
scorer (the compiled agreements of a plan).
"""

from .agreement import CompiledAgreement
from .parts import Figures, Slow, compile_expr, compile_ladder
from .rows import RowScorer
from .scorer import Compiled, score_inputs

__all__ = ["Compiled", "CompiledAgreement", "Figures", "RowScorer", "Slow", "compile_expr", "compile_ladder",
           "score_inputs"]
