"""A results CSV of rules/2554's individuals whose first row is given other people's names:
the tests of names a workbook must hold as written (long ones, escapes) share it."""

from __future__ import annotations

import csv
from pathlib import Path

INDIVIDUALS = Path(__file__).resolve().parent / "data" / "score" / "individuals_2554.csv"


def results_named(folder: Path, persons: list[str], name: str = "results.csv") -> Path:
    """``folder``/``name``: the first row of INDIVIDUALS once for each of ``persons``."""
    with INDIVIDUALS.open(encoding="utf-8", newline="") as f:
        header, first = list(csv.reader(f))[:2]
    at = header.index("person")
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + [first[:at] + [p] + first[at + 1:] for p in persons])
    return path
