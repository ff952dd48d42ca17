"""rules/2555 copied with somchai's agreement naming no person (ผู้รับการประเมิน): a rule set
whose one individual agreement a whole unit's rows share, each row naming its own person."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unit_rules(tmp_path: Path) -> Path:
    rules = tmp_path / "2555"
    shutil.copytree(ROOT / "rules" / "2555", rules)
    path = rules / "agreements" / "individual_example.kpi"
    path.write_text(path.read_text(encoding="utf-8").replace('    ผู้รับการประเมิน "สมชาย ตัวอย่าง"\n', ""),
                    encoding="utf-8")
    return rules


# ข's row of individual_example.kpi's somchai_raise, as a workbook's cells take it
SOMCHAI_RAISE = {"raise": 3, "i1:score": 3.5, "i2:score": 4, "c1:score": 4, "c2:score": 3, "c3:score": 4,
                 "c4:score": 3, "c5:score": 4}


def unit_workbook(rules: Path, book: Path, rows: list[dict]) -> None:
    """`kpidsl workbook --people N` of the unit agreement written to ``book``, its rows filled
    with ``rows`` (column → value) from the first."""
    import openpyxl
    from click.testing import CliRunner

    from kpidsl.cli import main
    from kpidsl.xlsx.layout import TOP_ROWS

    made = CliRunner().invoke(main, ["workbook", str(rules), "--agreement", "somchai_2555_r1", "--people",
                                     str(len(rows)), "-o", str(book)])
    assert made.exit_code == 0, made.output
    wb = openpyxl.load_workbook(book)
    ws = wb["somchai_2555_r1"]
    header = [c.value for c in ws[TOP_ROWS]]
    for r, row in enumerate(rows, start=TOP_ROWS + 1):
        for key, value in row.items():
            ws.cell(r, header.index(key) + 1).value = value
    wb.save(book)
