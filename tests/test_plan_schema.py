"""The plan's JSON Schema (kpidsl/plan/plan.schema.json, draft 2020-12):
every plan the compiler produces validates — the shipped rule sets, a rule
set using every construct, every clean checker fixture — and broken plans do
not. The schema ships in the package and loads from a wheel."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan, dumps
from kpidsl.plan.schema import SCHEMA_FILE, load_schema

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "check"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def plan_of(folder: Path) -> dict:
    result = check_paths([folder])
    assert not result.errors, [d.message_en for d in result.diagnostics if d.is_error]
    (rs,) = result.rule_sets
    # Through the JSON text, as a consumer of `kpidsl compile` sees it.
    return json.loads(dumps(compile_plan(rs, Path(rs.name))))


def errors(validator, plan) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(plan)]


# ---- the schema itself ----------------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_schema_ships_inside_the_package():
    resource = resources.files("kpidsl.plan").joinpath(SCHEMA_FILE)
    assert resource.is_file()
    assert json.loads(resource.read_text(encoding="utf-8")) == load_schema()
    assert SCHEMA_FILE == "plan.schema.json"


def test_load_schema_gives_a_fresh_copy():
    a = load_schema()
    a["properties"].clear()
    assert load_schema()["properties"], "a caller's change must not leak into the next load"


def test_schema_knows_every_scoring_kind_the_compiler_writes():
    defs = load_schema()["$defs"]
    declared = {d["$ref"].rsplit("/", 1)[1] for d in defs["declared_scoring"]["oneOf"]}
    assert declared == {"ladder", "formula", "milestones", "weighted_average", "composite", "owner_score"}
    derived = set(defs["derived_scoring"]["oneOf"][0]["properties"]["kind"]["enum"]) | {"scale"}
    assert derived == {"sum", "component", "scale"}


# ---- plans that validate ------------------------------------------------------------------------------

@pytest.mark.parametrize("year", ["2554", "2555"])
def test_shipped_plans_validate(validator, year):
    plan = plan_of(ROOT / "rules" / year)
    assert errors(validator, plan) == []


EVERYTHING = """
holidays {
    country TH
    add 2 พ.ย. 2554 "วันหยุดพิเศษ"
    remove 2011-12-12
}

policy { interpolate whole; floor 0; cap 5; decimals 4; rounding half_even; round_at indicator_level; redistribute none }

framework department "ส่วนราชการ" {
    level department
    fiscal_year 2555
    source "003 สไลด์ 2–5"
    calendar cal
    bands dept
    note "หมายเหตุ"
    evidence "รายงานการประชุม"
    agreement_requires signatory period
    round r12 "รอบ 12 เดือน" period 1 ต.ค. 2554 - 30 ก.ย. 2555 due 31 ต.ค. 2555 outside_year { late_penalty 0.05 per working_day }
    perspective external "ภายนอก" weight 70 {
        dimension effectiveness "ประสิทธิผล" weight 60 {
            source "003 สไลด์ 4"
            kpi 1 "แผน" weight 20 {
                kpi 1.1 "แผนกระทรวง" weight 15 { weighted_average }
                kpi 1.2 "นโยบาย" weight 5 optional -> 1.1 { weighted_average }
            }
            kpi 3 "กลุ่มภารกิจ" weight 10 optional proportional { weighted_average { ladder 80 85 90 95 100 } }
            kpi 4 "กรม" weight 30 {
                unit "ร้อยละ"
                target 75
                ladder target 75 step 5
                description "คำอธิบาย"
                definition "ผู้รับบริการ" "ประชาชน"
                formula "X / Y × 100"
                condition "เงื่อนไข"
                baseline 2553 72.5
                baseline 2554 "ไม่มีข้อมูล"
                owner "สำนักงาน ก.พ.ร."
                supervisor "ผู้อำนวยการ"
                collector "สำนักงานสถิติแห่งชาติ"
                evidence "แบบสำรวจ"
                reason "เหตุผล"
                kind quality
                importance high
                task "งานสำรวจความพึงพอใจ"
                key_result "ผู้รับบริการพึงพอใจ"
            }
        }
        dimension quality "คุณภาพ" weight 10 {
            kpi 5 "พึงพอใจ" weight 7 { ladder lower >35 <=35 <=30 <=25 <=20 }
            kpi 6 "ผู้กำหนดนโยบาย" weight 3 { ladder <=65 70 75 80 85 }
        }
    }
    perspective internal "ภายใน" weight 30 {
        dimension efficiency "ประสิทธิภาพ" weight 15 {
            kpi 7 "ต้นทุน" weight 5 {
                milestones {
                    1 "ตรวจสอบ" due 29 ก.พ. 2555 { evidence "รายงาน" }
                    2 "จัดทำบัญชี" due 29 ก.พ. 2555
                    3 "เปรียบเทียบ" due 29 ก.พ. 2555
                    4 "แผน" due 31 ต.ค. 2555 outside_year
                    5 "ดำเนินการ" due 31 ต.ค. 2555 outside_year
                }
            }
            kpi 8 "เบิกจ่าย" weight agreed {
                input X1 X2 "ผลการเบิกจ่าย" unit "บาท"
                input Y1 Y2 "วงเงิน" unit "บาท"
                value (sum(X1, X2) - min(X1, X2) + max(X1, X2) * 0 + -X1 + X1) / (Y1 + Y2) * 100 + 5% - 0.05
                ladder 85 87.50 90 92.50 95
            }
            kpi 9 "ผลผลิต" weight agreed { weighted_average }
        }
        dimension org_development "พัฒนาองค์การ" weight 15 {
            kpi 11 "สารสนเทศ" weight 10 {
                part survey "Survey" share 50% { owner_score }
                part checklist "Checklist" share 50% { ladder 1 2 3 4 5 }
            }
            kpi 12 "วัฒนธรรม" weight 5 { owner_score }
        }
    }
    strategy 1 "ยุทธศาสตร์ยาเสพติด"
    sample_size yamane 5%
}

framework individual "ข้าราชการ" {
    level individual
    fiscal_year 2555
    bands standard
    limit kpis <= 10 warning "ไม่ควรเกิน 10 ตัว"
    limit share achievement >= 70%
    limit bands >= 5
    limit band fair >= 60
    round 1 "รอบที่ 1" period 1 ต.ค. ถึง 31 มี.ค.
    round 2 "รอบที่ 2" period 1 เม.ย. ถึง 30 ก.ย.
    component achievement "ผลสัมฤทธิ์" share 70% { multiplier 20; agreed_kpis }
    component competency "สมรรถนะ" share 30% { multiplier 20; scale behaviour; agreed_kpis }
    scale behaviour "มาตรวัด" {
        1 "หนึ่ง"
        2 "สอง"
        3 "สาม"
        4 "สี่"
        5 "ห้า"
    }
    salary {
        source "001"
        pool 3% on 1 มี.ค. round 1
        pool 3% on 1 ก.ย. round 2
        cap 6%
        base midpoint
        rounding up 10
        grade k "ชำนาญการ" min 12530 lower_mid 20350 split_at 25190 upper_mid 30600 max 36020
    }
}

# a department's totals run 0–5 (floor 0): an individual's 0–100 bands would leave it only `poor` (B012)
bands dept "ระดับผลของส่วนราชการ" {
    range 0 5
    band good "ดี" >= 3 <= 5
    band poor "ต้องปรับปรุง" >= 0 < 3
}

bands standard "ระดับผล" {
    range 0 100
    band excellent "ดีเด่น" >= 90 <= 100 raise 4.5% - 5%
    band very_good "ดีมาก" >= 80 < 90 raise 3.5% - 4%
    band good "ดี" >= 70 < 80 raise 2.5% - 3%
    band fair "พอใช้" >= 60 < 70 raise 1.5% - 2%
    band poor "ต้องปรับปรุง" >= 0 < 60 raise none
}

calendar cal "ปฏิทิน" {
    fiscal_year 2555
    period ม.ค. 55 – ต.ค. 55 outside_year
    activity 1 "ทดลองระบบ" when 27 ก.ย. 54 – 4 ต.ค. 54 outside_year
    activity 2 "ประเมินสมรรถนะ" when ก.ย. 54 outside_year due 31 ม.ค. 55 {
        responsible "สำนักงาน"
        related "ส.ก.พ.ร."
        note "ส่งแบบฟอร์ม"
    }
}

agreement dept "กรมตัวอย่าง" {
    framework department 2555
    organisation "กรมตัวอย่าง"
    signatory "ปลัดกระทรวง" role "ผู้บังคับบัญชา"
    signatory "อธิบดี"
    period 1 ต.ค. 2554 – 30 ก.ย. 2555
    plan "แผนปฏิบัติราชการ"
    round r12
    omit 1.2
    omit 3
    kpi 1.1 { kpi 1.1.1 "ย่อย" weight 1 { ladder 70 75 80 85 90 } }
    kpi 8 weight 6
    kpi 9 weight 4 {
        kpi 9.1 "ผลผลิต 1" weight 0.7 { ladder 80 85 90 95 100 }
        kpi 9.2 "ผลผลิต 2" weight 0.3 { ladder 80 85 90 95 100 }
    }
}

agreement person "ผู้รับการประเมิน" {
    framework individual
    round 1
    person "สมศรี"
    assessor "ผู้อำนวยการ"
    salary 28000
    grade k
    component achievement { kpi a1 "งาน" weight 100 { ladder 65 70 75 80 85 } }
    component competency { competency c1 "มุ่งผลสัมฤทธิ์" weight 100 }
}

example ex "ตัวอย่าง" {
    agreement dept
    round r12
    source "สมมติ"
    given {
        kpi 1.1.1 result 80
        kpi 4 result 78
        submitted 3 พ.ย. 2555
    }
    expect {
        kpi 4 score 3.0000  # interpolate whole: 78 is level 3 (3.6 is linear's, which X008 refuses)
        total 3.5
        penalty 0.0500
        band good
    }
}
"""


def test_a_plan_using_every_construct_validates(validator, tmp_path):
    folder = tmp_path / "everything"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent(EVERYTHING), encoding="utf-8")
    plan = plan_of(folder)
    assert errors(validator, plan) == []
    # ... and really holds what it set out to hold.
    text = json.dumps(plan, ensure_ascii=False)
    for kind in ("ladder", "formula", "milestones", "weighted_average", "composite", "owner_score", "sum",
                 "component", "scale"):
        assert f'"kind": "{kind}"' in text, kind
    for key in ('"call": "sum"', '"call": "min"', '"call": "max"', '"op": "neg"', '"text": "good"',
                '"date": {', '"number": "3.0000"', '"late_penalty": {', '"period": {"start": "2012-01-01"',
                '"task": "งานสำรวจความพึงพอใจ"', '"key_result": "ผู้รับบริการพึงพอใจ"'):
        assert key in text, key


def clean_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.kpi") if "bad" not in p.name)


@pytest.mark.parametrize("fixture", clean_fixtures(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_clean_fixture_compiles_to_a_valid_plan(validator, tmp_path, fixture):
    folder = tmp_path / fixture.stem
    folder.mkdir()
    shutil.copy(fixture, folder / fixture.name)
    result = check_paths([folder])
    if result.errors or result.io_trouble or len(result.rule_sets) != 1:
        pytest.skip("does not check clean on its own")
    (rs,) = result.rule_sets
    plan = json.loads(dumps(compile_plan(rs, Path(rs.name))))
    assert errors(validator, plan) == []


# ---- broken plans ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good_plan() -> dict:
    return plan_of(ROOT / "rules" / "2555")


def _kpi(plan: dict, kpi_id: str) -> dict:
    stack = list(plan["agreements"][0]["nodes"])
    while stack:
        n = stack.pop()
        if n["id"] == kpi_id:
            return n
        stack.extend(n["children"])
    raise KeyError(kpi_id)


def _framework_node(plan: dict) -> dict:
    return plan["frameworks"][0]["nodes"][0]


BREAKAGES = {
    "plan version 2": lambda p: p.update(kpidsl_plan=2),
    "unknown top-level key": lambda p: p.update(extra=1),
    "missing frameworks": lambda p: p.pop("frameworks"),
    "weight as a JSON number": lambda p: _kpi(p, "5").update(weight=7),
    "weight as a float string with exponent": lambda p: _kpi(p, "5").update(weight="7E+0"),
    "weight with a trailing zero": lambda p: _kpi(p, "5").update(weight="7.0"),
    "weight with a comma": lambda p: _kpi(p, "5").update(weight="1,000"),
    "threshold as a number": lambda p: _kpi(p, "5")["scoring"]["thresholds"][0].update(value=65),
    "four thresholds": lambda p: _kpi(p, "5")["scoring"]["thresholds"].pop(),
    "unknown direction": lambda p: _kpi(p, "5")["scoring"].update(direction="up"),
    "unknown threshold op": lambda p: _kpi(p, "5")["scoring"]["thresholds"][0].update(op="=>"),
    "unknown scoring kind": lambda p: _kpi(p, "12").update(scoring={"kind": "vote", "source": None}),
    "extra key in a ladder": lambda p: _kpi(p, "5")["scoring"].update(floor="0"),
    "source without a line": lambda p: _kpi(p, "5")["source"].pop("line"),
    "source line 0": lambda p: _kpi(p, "5")["source"].update(line=0),
    "unknown node kind": lambda p: _kpi(p, "5").update(kind="indicator"),
    "unknown weight kind": lambda p: _framework_node(p).update(weight_kind="negotiated"),
    "fixed weight without a value": lambda p: _framework_node(p).update(weight=None),
    "omitted node keeping its weight": lambda p: _kpi(p, "3").update(weight="10"),
    "unknown policy": lambda p: p["policies"].update(interpolate="cubic"),
    "policy value missing": lambda p: p["policies"].pop("rounding"),
    "decimals as text": lambda p: p["policies"].update(decimals="4"),
    "date not ISO": lambda p: p["frameworks"][0]["period"].update(start="1 ต.ค. 2554"),
    "impossible date": lambda p: p["frameworks"][0]["period"].update(start="2011-02-30"),
    "fiscal year in CE": lambda p: p.update(fiscal_year=2012),
    "formula with an unknown function": lambda p: _kpi(p, "8")["scoring"]["expr"].update(call="median"),
    "division without its source": lambda p: _kpi(p, "8")["scoring"]["expr"]["args"][0]["args"][0].pop("source"),
    "milestone step without text": lambda p: _kpi(p, "7")["scoring"]["steps"][0].pop("text"),
    "composite part share as a number": lambda p: _kpi(p, "11")["scoring"]["parts"][0].update(share=50),
    "fact with both number and text": lambda p: p["examples"][0]["given"][0].update(text="x"),
    "fact with no value": lambda p: p["examples"][0]["given"][0].pop("number"),
    "example fact number as JSON number": lambda p: p["examples"][0]["given"][0].update(number=82.5),
    "holidays country lower case": lambda p: p["holidays"].update(country="th"),
    "extra key in a plan round": lambda p: p["rounds"][0].update(extra=1),
    "plan round without its framework": lambda p: p["rounds"][0].pop("framework"),
    "framework round with a framework key": lambda p: p["frameworks"][1]["rounds"][0].update(framework="x"),
    "late penalty per week": lambda p: p["rounds"][0].update(
        late_penalty={"amount": "0.05", "per": "week", "source": {"path": "a.kpi", "line": 1}}),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_broken_plan_does_not_validate(validator, good_plan, breakage):
    plan = copy.deepcopy(good_plan)
    assert errors(validator, plan) == []
    BREAKAGES[breakage](plan)
    assert errors(validator, plan), f"{breakage}: still valid"


# ---- from an installed wheel --------------------------------------------------------------------------------

@pytest.mark.slow
def test_schema_loads_from_a_zipped_wheel(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    out = tmp_path / "wheel"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = out.glob("kpidsl-*.whl")
    # Imported straight from the zip file (zipimport): only importlib.resources can read it there.
    # `score --format json`'s schema ships beside it (tests/test_score_schema.py)
    code = ("import json, kpidsl, kpidsl.plan.schema as s; from importlib import resources; "
            "print(kpidsl.__file__); print(json.dumps(s.load_schema()['$schema'])); "
            "print(json.loads(resources.files('kpidsl.outputs').joinpath('score.schema.json').read_text())['$id'])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**env, "PYTHONPATH": str(wheel)},
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    where, schema_id, score_schema = proc.stdout.splitlines()
    assert where.startswith(str(wheel))
    assert json.loads(schema_id) == "https://json-schema.org/draft/2020-12/schema"
    assert score_schema == "https://kpidsl.invalid/schema/score-3.json"
