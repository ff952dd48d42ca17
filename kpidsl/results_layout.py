"""What a results file is named and shaped like, known below the readers: the suffixes
the results reader takes from a folder, and a layout it does not read (one row per
indicator).

A results file (CSV, or a workbook's sheet) has one row per evaluation and one column
per indicator (kpidsl/score/results/). People often keep results the other way round,
a row per indicator under headers like ``ตัวชี้วัด, ผล``; such a header is told apart
here, so that the reader can say which layout it expects instead of taking the header
``ตัวชี้วัด`` for an unknown indicator. Both the CSV reader and the workbook reader
(kpidsl/xlsx/read.py) look at headers with it.

What each header of the usual layout means (split_header) is here too, once, for every
reader of results: the Python evaluator's (kpidsl/score/results/) and the SQL engine's
(kpidsl/sql/), which must read a table's columns as the evaluator does.
"""

from __future__ import annotations

from typing import Sequence

from .syntax.keywords import canonical
from .thai import to_arabic

# Workbooks the results reader opens (kpidsl/xlsx/); with CSV and JSON, the files it
# takes from a folder of results (kpidsl/score/results/ ``results_files``).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
RESULTS_SUFFIXES = (".csv", ".json") + WORKBOOK_SUFFIXES

# Header texts naming a column of indicator ids (compared without case or spaces).
INDICATOR_COLUMN_NAMES = frozenset({"ตัวชี้วัด", "ตัวชี้วัดที่", "รหัสตัวชี้วัด", "ลำดับตัวชี้วัด", "indicator", "indicators",
                                    "kpi", "kpiid", "indicatorid"})


def long_layout_column(header: Sequence[str]) -> int | None:
    """The index of the header cell that names a column of indicators, if there is one."""
    for i, text in enumerate(header):
        if "".join(text.split()).casefold() in INDICATOR_COLUMN_NAMES:
            return i
    return None


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
