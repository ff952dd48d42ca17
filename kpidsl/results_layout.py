"""The shape of a results table that kpidsl does not read: one row per indicator.

A results file (CSV, or a workbook's sheet) has one row per evaluation and one column
per indicator (kpidsl/score/results/). People often keep results the other way round,
a row per indicator under headers like ``ตัวชี้วัด, ผล``; such a header is told apart
here, so that the reader can say which layout it expects instead of taking the header
``ตัวชี้วัด`` for an unknown indicator. Both the CSV reader and the workbook reader
(kpidsl/xlsx/read.py) look at headers with it.
"""

from __future__ import annotations

from typing import Sequence

# Header texts naming a column of indicator ids (compared without case or spaces).
INDICATOR_COLUMN_NAMES = frozenset({"ตัวชี้วัด", "ตัวชี้วัดที่", "รหัสตัวชี้วัด", "ลำดับตัวชี้วัด", "indicator", "indicators",
                                    "kpi", "kpiid", "indicatorid"})


def long_layout_column(header: Sequence[str]) -> int | None:
    """The index of the header cell that names a column of indicators, if there is one."""
    for i, text in enumerate(header):
        if "".join(text.split()).casefold() in INDICATOR_COLUMN_NAMES:
            return i
    return None
