"""The columns of a results table by name, and what the query's cells and lines are spelled
with, apart from sqlglot: `score --engine sql` reads a header and runs a kept query
(kpidsl/sql/query_cache.py) without importing it."""

from __future__ import annotations

from ..syntax.keywords import canonical
from ..thai import to_arabic

# The columns of `kpidsl score --format csv`, in its order (kpidsl/score/report.py).
OUTPUTS = ("agreement", "person", "round", "total", "penalty", "final", "band", "raise_percent", "amount")

META = ("agreement", "person", "round", "submitted", "raise")
META_TH = {"คำรับรอง": "agreement", "ผู้รับการประเมิน": "person", "รอบ": "round", "วันที่ส่ง": "submitted",
           "ร้อยละการเลื่อน": "raise"}
# The columns of the seeds' rules (kpidsl/score/results.py SEED_META): a person's salary and
# pool group (the raise pool, kpidsl/score/pool.py) the query reads; a grade or a survey's
# population it leaves to the evaluator.
SEED_META = ("population", "salary", "grade", "group")
SEED_META_TH = {"ประชากร": "population", "จำนวนประชากร": "population", "เงินเดือน": "salary",
                "ระดับตำแหน่ง": "grade", "กลุ่มวงเงิน": "group"}

# Blanks at either end that Python's str.strip() takes off and SQL's TRIM may not: a text
# cell with one of them is left to the evaluator.
ODD_SPACE = "\\s\u000b\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085\u001c-\u001f"


def split_header(header: str) -> tuple[str | None, str, str]:
    """(meta name or None, node id, field) of a column header, as the results reader reads it."""
    text = header.strip()
    meta = META_TH.get(text) or SEED_META_TH.get(text) or (text if text in META + SEED_META else None)
    if meta:
        return meta, "", ""
    node_id, _, field = text.partition(":")
    field = field.strip()
    field = canonical(field) if canonical(field) in ("result", "steps", "score") else field
    return None, to_arabic(node_id.strip()), field
