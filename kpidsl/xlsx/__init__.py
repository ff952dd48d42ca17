"""Results-entry workbooks (.xlsx): ``kpidsl workbook`` writes one from the plan
(kpidsl.xlsx.write), kpidsl.xlsx.read turns a filled one back into the rows of a
results CSV, kpidsl.xlsx.results hands them, each cell with its place, to the results
reader of `score`, and kpidsl.xlsx.scores writes `score --format xlsx`. They need
openpyxl, the optional extra ``xlsx``; kpidsl.xlsx.layout does not."""

from __future__ import annotations

import importlib.util

INSTALL_HINT = "pip install 'kpidsl[xlsx]'"


def available() -> bool:
    """True when openpyxl can be imported."""
    return importlib.util.find_spec("openpyxl") is not None
