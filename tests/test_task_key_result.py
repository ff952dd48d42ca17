"""An indicator's งาน/โครงการ (task) and ผลสัมฤทธิ์หลัก / ผลสัมฤทธิ์ที่คาดหวัง (key result, KRA):
the first two columns of seed 004's work-group table (สไลด์ 24–34) and the first column of
seed 001's ข้อตกลงผลการปฏิบัติงาน (สไลด์ 17). Carried into the plan's
template and back through the typed plan, printed by kpidsl fmt as written."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.plan.read import typed_plan

RULES = """
กรอบ wg "กลุ่มงาน" {{
    ระดับ กลุ่มงาน
    ปีงบประมาณ 2553
    รอบ 1 "รอบที่ 1" ระยะเวลา 1 ต.ค. 2552 – 31 มี.ค. 2553
    องค์ประกอบ achievement "ผลสัมฤทธิ์ของงาน" สัดส่วน 100% {{
        ตัวชี้วัดตามคำรับรอง
    }}
}}
คำรับรอง g "กลุ่มยุทธศาสตร์" {{
    กรอบ wg 2553
    หน่วยงาน "กลุ่มยุทธศาสตร์"
    รอบ 1
    องค์ประกอบ achievement {{
        ตัวชี้วัด k1 "ร้อยละของโครงการที่เป็นไปตามแผน" น้ำหนัก 100 {{
            {fields}
            เกณฑ์ 65 70 75 80 85
        }}
    }}
}}
"""


def checked(tmp_path: Path, fields: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "g.kpi").write_text(textwrap.dedent(RULES.format(fields=fields)), encoding="utf-8")
    return check_paths([folder])


def kpi(plan: dict) -> dict:
    return plan["agreements"][0]["nodes"][0]["children"][0]


def test_task_and_key_result_reach_the_plan(tmp_path):
    result = checked(tmp_path, 'งาน "งานติดตามและประเมินผล"\n            ผลสัมฤทธิ์หลัก "โครงการเป็นไปตามแผน"')
    assert [d.code for d in result.diagnostics] == []
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path("rules"))
    t = kpi(plan)["template"]
    assert (t["task"], t["key_result"]) == ("งานติดตามและประเมินผล", "โครงการเป็นไปตามแผน")
    assert set(t["sources"]) >= {"task", "key_result"}
    assert typed_plan(plan) is not None  # the typed plan reads them (test_plan_model: written back byte for byte)


def test_seed_001_spelling_is_the_same_field(tmp_path):
    (rs,) = checked(tmp_path, 'ผลสัมฤทธิ์ที่คาดหวัง "ข้าวหอมมะลิได้รับการส่งเสริม"').rule_sets
    t = kpi(compile_plan(rs, Path("rules")))["template"]
    assert (t["task"], t["key_result"]) == (None, "ข้าวหอมมะลิได้รับการส่งเสริม")
