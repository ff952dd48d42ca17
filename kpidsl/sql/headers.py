"""The columns of a results table by name, and what the query's cells and lines are spelled
with, apart from sqlglot: `score --engine sql` reads a header and runs a kept query
(kpidsl/sql/query_cache.py) without importing it."""

from __future__ import annotations

from ..score.report import CSV_HEADER

# The columns of `kpidsl score --format csv`, in its order, and the
# evaluator's own (kpidsl/score/report.py).
OUTPUTS = CSV_HEADER

# Blanks at either end that Python's str.strip() takes off and SQL's TRIM may not: a text
# cell with one of them is left to the evaluator.
ODD_SPACE = "\\s\u000b\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085\u001c-\u001f"

# What a figure cell the query reads holds at most: digits before the point and after it
# (kpidsl/sql/cells.py PLAIN, NUMBER).
INT_DIGITS = 9
SCALE = 6
