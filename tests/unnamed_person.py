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
