"""What each column of a results file means, by its header: written once, for every reader
of results, the Python evaluator's (kpidsl/score/results/) and the SQL engine's (kpidsl/sql/),
which must read a table's columns as the evaluator does."""

from __future__ import annotations

from .syntax.keywords import canonical
from .thai import to_arabic

# The columns of a results row that are not an indicator's: who, which agreement and round,
# when it was sent, the raise chosen.
ROW_META = ("agreement", "person", "round", "submitted", "raise")
# The columns of the seeds' rules (docs/scoring.md, rules 3, 12 and 14): population, N of the
# survey sample size (kpidsl/score/sample_size.py); salary, grade, group: a person's salary on
# the pool's date, salary grade and pool group (kpidsl/score/pool.py).
SEED_META = ("population", "salary", "grade", "group")
META = ROW_META + SEED_META
META_TH = {"คำรับรอง": "agreement", "ผู้รับการประเมิน": "person", "รอบ": "round", "วันที่ส่ง": "submitted",
           "ร้อยละการเลื่อน": "raise", "ประชากร": "population", "จำนวนประชากร": "population", "เงินเดือน": "salary",
           "ระดับตำแหน่ง": "grade", "กลุ่มวงเงิน": "group"}


def split_header(header: str) -> tuple[str | None, str, str]:
    """(meta name or None, node id, field) of a column header: a meta column by its English or
    Thai name; else ``node`` or ``node:field``, Thai digits read as Arabic (X๑ is X1, as ๘ is
    8), the fields result, steps and score by any of their keywords."""
    text = header.strip()
    meta = META_TH.get(text) or (text if text in META else None)
    if meta:
        return meta, "", ""
    node_id, _, field = text.partition(":")
    field = to_arabic(field.strip())
    field = canonical(field) if canonical(field) in ("result", "steps", "score") else field
    return None, to_arabic(node_id.strip()), field
